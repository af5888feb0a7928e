/**
 * Test support: a real platform on a real database. PGlite in memory by default; when TNH_TEST_PG_URL points
 * at a PostgreSQL server (scripts/test.mjs starts one), every call gets a fresh database on that server.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/server/config';
import { openPlatform, type Platform } from '../../src/server/platform/boot';
import { buildApp } from '../../src/server/app';
import type { App } from '../../src/server/http';
import { createUser } from '../../src/server/modules/users/users.service';
import { SESSION_COOKIE } from '../../src/server/modules/auth/auth.routes';

export const onPostgres = !!process.env.TNH_TEST_PG_URL;

/** A fresh, empty database URL on the test PostgreSQL server, or null for PGlite. */
export async function freshDatabaseUrl(): Promise<string | null> {
  const admin = process.env.TNH_TEST_PG_URL;
  if (!admin) return null;
  const name = `tnh_t_${crypto.randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

export function tempDir(prefix = 'tnh-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestPlatform {
  platform: Platform;
  app: App;
  config: Config;
  close(): Promise<void>;
}

export async function startTestPlatform(overrides: Partial<Config> = {}): Promise<TestPlatform> {
  const databaseUrl = await freshDatabaseUrl();
  const dataDir = tempDir();
  const config = loadConfig({}, { dataDir, databaseUrl, port: 0, logLevel: 'silent', serveWeb: false, loginRateLimit: 10_000, runJobs: false, publicUrl: 'http://localhost:3000', ...overrides });
  const platform = await openPlatform(config, { purpose: 'test', memory: !databaseUrl, log: pino({ level: 'silent' }) });
  const app = await buildApp(platform.deps, { logger: false });
  await app.ready();
  return {
    platform,
    app,
    config,
    async close() {
      await app.close();
      await platform.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** A browser-like client over app.inject: keeps the session cookie and sends the CSRF header. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly app: App) {}

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method: method as never, url, payload: body as never, headers: h });
    const set = res.cookies.find((c) => c.name === SESSION_COOKIE);
    if (set) this.cookie = set.value || null;
    let parsed: unknown = res.body;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    const p = parsed as { csrfToken?: string };
    if (p && typeof p === 'object' && typeof p.csrfToken === 'string') this.csrf = p.csrfToken;
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }
  get = <T = any>(url: string) => this.request<T>('GET', url);
  post = <T = any>(url: string, body?: unknown) => this.request<T>('POST', url, body ?? {});
  put = <T = any>(url: string, body?: unknown) => this.request<T>('PUT', url, body ?? {});
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body ?? {});
  delete = <T = any>(url: string) => this.request<T>('DELETE', url);

  async login(email: string, password: string) {
    const r = await this.post('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
}

export const PASSWORD = 'een-lang-wachtwoord-1';

/** Creates an account with a password directly (as `tnh user add` does) and returns a signed-in client. */
export async function userClient(t: TestPlatform, opts: { email?: string; name?: string; isAdmin?: boolean } = {}) {
  const email = opts.email ?? `${crypto.randomBytes(4).toString('hex')}@example.org`;
  const { user } = await createUser(t.platform.deps, null, { email, name: opts.name ?? email.split('@')[0], isAdmin: opts.isAdmin ?? false, password: PASSWORD });
  const c = new Client(t.app);
  await c.login(email, PASSWORD);
  return { client: c, user, email };
}

/** A study with one member per role (and an outsider), each with a signed-in client. */
export async function studyWithRoles(t: TestPlatform) {
  const lead = await userClient(t, { name: 'Lea Lead' });
  const r = await lead.client.post('/api/studies', { title: 'Terugplaatsing testonderzoek', researchQuestions: ['Wat helpt bij terugplaatsing?'] });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  const slug: string = r.body.slug;
  const out: Record<string, Awaited<ReturnType<typeof userClient>>> = { lead };
  for (const role of ['researcher', 'coder', 'committee'] as const) {
    const u = await userClient(t, { name: role });
    const add = await lead.client.post(`/api/studies/${slug}/members`, { email: u.email, role });
    if (add.status !== 200) throw new Error(JSON.stringify(add.body));
    out[role] = u;
  }
  out.outsider = await userClient(t, { name: 'Buitenstaander' });
  out.admin = await userClient(t, { name: 'Beheerder', isAdmin: true });
  return { slug, studyId: r.body.id as string, ...out } as { slug: string; studyId: string } & Record<'lead' | 'researcher' | 'coder' | 'committee' | 'outsider' | 'admin', Awaited<ReturnType<typeof userClient>>>;
}
