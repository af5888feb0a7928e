/** Environment → typed configuration. The only place that reads process.env for the server. */
import path from 'node:path';

export interface Config {
  /** directory holding the embedded database, the lock file and the master key file */
  dataDir: string;
  /** when set, a real PostgreSQL server is used instead of the embedded PGlite database */
  databaseUrl: string | null;
  port: number;
  host: string;
  /** base64 or hex encoded 32-byte key; when unset a key file in dataDir is used (created on first start) */
  masterKey: string | null;
  /** the public address used in links that the platform prints (setup, invitations) */
  publicUrl: string;
  logLevel: string;
  /** serve the built web app from dist/web */
  serveWeb: boolean;
  /** login attempts per minute per IP address */
  loginRateLimit: number;
  /** run the in-process job worker */
  runJobs: boolean;
  /** behind a reverse proxy: take client addresses from X-Forwarded-For */
  trustProxy: boolean;
  /** survey respondents' requests per minute per IP address (many professionals may share one office address) */
  respondentRateLimit: number;
  /** SMTP server for survey invitations (smtp://user:pass@host:587 or smtps://…); null: export links for a mail merge */
  smtpUrl: string | null;
  /** the sender of survey invitations */
  mailFrom: string | null;
  /** Chromium for PDF exports of reports (TNH_CHROMIUM_PATH); null: look in the usual places */
  chromiumPath: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT moet een poortnummer zijn, niet "${env.PORT}".`);
  const host = env.HOST ?? '127.0.0.1';
  const cfg: Config = {
    dataDir: path.resolve(env.TNH_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    port,
    host,
    masterKey: env.TNH_MASTER_KEY || null,
    publicUrl: (env.TNH_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL ?? 'info',
    serveWeb: env.TNH_SERVE_WEB !== 'false',
    loginRateLimit: Number(env.TNH_LOGIN_RATE_LIMIT ?? 20),
    runJobs: env.TNH_JOBS !== 'false',
    trustProxy: env.TNH_TRUST_PROXY === 'true',
    respondentRateLimit: Number(env.TNH_RESPONDENT_RATE_LIMIT ?? 600),
    smtpUrl: env.TNH_SMTP_URL || null,
    mailFrom: env.TNH_MAIL_FROM || null,
    chromiumPath: env.TNH_CHROMIUM_PATH || null,
    ...overrides,
  };
  return cfg;
}
