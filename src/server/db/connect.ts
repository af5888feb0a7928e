/**
 * Opens the database: the embedded PGlite (default, data dir locked) or a PostgreSQL server (DATABASE_URL).
 * Both go through Kysely's PostgresDialect on a pg.Pool, so queries, types and errors behave the same; statements
 * written with `prepared` (prepared.ts) are prepared once per connection on both.
 */
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB } from './schema';
import { lockDataDir, type DataDirLock } from './lock';
import { usePreparedStatements } from './prepared';

// Same value types on both backends: bigint → number (ids and counts stay far below 2^53), date → 'YYYY-MM-DD'.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** flush to disk (PGlite) so that a following process start finds everything */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  dataDir: string;
  databaseUrl: string | null;
  /** what the lock file says holds the embedded database */
  purpose?: string;
  /** for tests: an in-memory PGlite */
  memory?: boolean;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    usePreparedStatements(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`select 1`.execute(db);
    } catch (e) {
      await db.destroy();
      throw new Error(`Kan geen verbinding maken met PostgreSQL (DATABASE_URL): ${(e as Error).message}`);
    }
    return { db, kind: 'postgres', checkpoint: async () => {}, close: () => db.destroy() };
  }

  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  if (opts.memory) {
    pglite = await PGlite.create('memory://');
  } else {
    lock = lockDataDir(opts.dataDir, opts.purpose ?? 'tnh');
    const dir = path.join(opts.dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
    try {
      pglite = await PGlite.create(dir);
    } catch (e) {
      lock.release();
      throw new Error(`De ingebedde database in ${dir} kon niet worden geopend: ${(e as Error).message}`);
    }
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  usePreparedStatements(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async checkpoint() {
      if (!closed) await sql`CHECKPOINT`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await sql`CHECKPOINT`.execute(db);
      } catch {
        /* closing anyway */
      }
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
