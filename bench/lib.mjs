// Shared by the benchmarks: start and stop `tnh serve`, free ports, polling, statistics.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TNH = path.join(ROOT, 'bin/tnh.js');
export const PASSWORD = 'een-lang-wachtwoord-1';

export const log = (...a) => process.stderr.write(a.join(' ') + '\n');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const tempDir = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
export const round1 = (x) => Math.round(x * 10) / 10;

/** The environment of a `tnh serve` on dataDir (and on databaseUrl when given, else the embedded database). */
export function serveEnv({ dataDir, port, databaseUrl = null }) {
  const env = { ...process.env, TNH_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', TNH_LOGIN_RATE_LIMIT: '1000', TNH_SERVE_WEB: 'false' };
  for (const k of ['DATABASE_URL', 'TNH_MASTER_KEY', 'TNH_PUBLIC_URL', 'HOST']) delete env[k];
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

/** Spawns `tnh serve`; stdout is collected (the setup link is printed there). */
export function spawnServe(opts) {
  const child = spawn(process.execPath, [TNH, 'serve'], { cwd: ROOT, env: serveEnv(opts), stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  return { child, out, base: `http://127.0.0.1:${opts.port}` };
}

/** Polls /api/health every `every` ms until it answers 200. */
export async function waitHealthy(s, { every = 20, timeoutMs = 60_000 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (s.child.exitCode !== null) throw new Error(`tnh serve stopped (${s.child.exitCode}): ${s.out.stderr || s.out.stdout}`);
    try {
      const r = await fetch(`${s.base}/api/health`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > end) throw new Error(`tnh serve did not become healthy: ${s.out.stderr || s.out.stdout}`);
    await sleep(every);
  }
}

export async function stopServe(s, signal = 'SIGTERM') {
  if (s.child.exitCode !== null) return s.child.exitCode;
  s.child.kill(signal);
  const [code] = await once(s.child, 'exit');
  return code;
}

/** Signs in through a one-time link or the login form; returns the cookie and CSRF header for later requests. */
export async function signIn(base, urlPath, body) {
  const r = await fetch(base + urlPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await r.json();
  if (r.status !== 200) throw new Error(`${urlPath}: ${r.status} ${JSON.stringify(json)}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('tnh_session='))?.split(';')[0];
  return { cookie, csrf: json.csrfToken };
}

export async function setupLinkToken(s, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const m = /\/link#([A-Za-z0-9_-]+)/.exec(s.out.stdout);
    if (m) return m[1];
    if (Date.now() > end) throw new Error(`no setup link printed: ${s.out.stdout}`);
    await sleep(20);
  }
}

/** A fresh database on the PostgreSQL server of DATABASE_URL (the setup link only appears on an empty one). */
export async function withFreshPgDatabase(serverUrl, fn) {
  const name = `tnh_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return await fn(u.toString());
  } finally {
    // pg's Pool.end() resolves before its sockets are closed: wait for them rather than terminating them.
    for (let i = 0; i < 250; i++) {
      const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0].n === 0) break;
      await sleep(20);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name}`).catch((e) => log(`could not drop ${name}: ${e.message}`));
    await admin.end();
  }
}
