/** Wires the platform together: database, migrations, keys, logger, job runner, HTTP app. */
import pino, { type Logger } from 'pino';
import type { Config } from '../config';
import { openDatabase, type Database } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { KeyRing, loadMasterKey } from './crypto';
import type { Deps } from './context';
import { JobRunner } from './jobs';
import { buildApp } from '../app';
import { loadWrappedStudyKey } from '../modules/studies/studies.repository';
import { ensureSetupLink } from '../modules/auth/auth.service';
import { deleteExpiredSessions } from '../modules/auth/auth.repository';

export function makeLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], censor: '[verborgen]' },
  });
}

export interface Platform {
  deps: Deps;
  database: Database;
  masterKeyCreated: string | null;
  close(): Promise<void>;
}

/** Opens the database (locking an embedded data dir), runs migrations and prepares the key ring. */
export async function openPlatform(config: Config, opts: { purpose: string; memory?: boolean; log?: Logger }): Promise<Platform> {
  const log = opts.log ?? makeLogger(config);
  const master = loadMasterKey(config);
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, purpose: opts.purpose, memory: opts.memory });
  try {
    await migrateToLatest(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  const keys = new KeyRing(master.key, (studyId, via) => loadWrappedStudyKey(via ?? database.db, studyId));
  const deps: Deps = { db: database.db, kind: database.kind, keys, config, log };
  return { deps, database, masterKeyCreated: master.created ? master.file! : null, close: () => database.close() };
}

export interface Server {
  platform: Platform;
  url: string;
  setupLink: string | null;
  app: Awaited<ReturnType<typeof buildApp>>;
  stop(): Promise<void>;
}

export async function startServer(config: Config, opts: { memory?: boolean; log?: Logger } = {}): Promise<Server> {
  const platform = await openPlatform(config, { purpose: 'tnh serve', ...opts });
  const { deps } = platform;
  const runner = new JobRunner(deps);
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp(deps);
    await deleteExpiredSessions(deps.db, 12);
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await platform.close();
    throw e;
  }
  if (config.runJobs) runner.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // With PORT=0 (tests) the printed link must carry the port the system chose.
  const linkConfig = config.port === 0 ? { ...config, publicUrl: config.publicUrl.replace(/:0$/, `:${port}`) } : config;
  if (config.port === 0) deps.config = linkConfig;
  const setupLink = await ensureSetupLink(deps);
  let stopping: Promise<void> | null = null;
  return {
    platform,
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    setupLink,
    app,
    stop() {
      stopping ??= (async () => {
        await runner.stop();
        await app.close();
        await platform.close();
      })();
      return stopping;
    },
  };
}
