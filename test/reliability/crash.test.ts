/**
 * kill -9 during acknowledged writes, on the embedded database (PGlite). A real `tnh serve` process gets eight
 * concurrent loops of study creations (study + study key + membership + audit event in one transaction) and is
 * killed with SIGKILL while requests are in flight. After a restart on the same data dir (taking over the lock
 * of the dead process) every acknowledged study must be there, usable, and the audit chain intact. Twice.
 * On PostgreSQL durability is the database server's job, so this file only runs on PGlite.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, tempDir } from '../support/platform';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TNH = path.join(ROOT, 'bin/tnh.js');
let dataDir = '';
const children = new Set<ChildProcess>();

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, TNH_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', TNH_LOGIN_RATE_LIMIT: '1000', TNH_SERVE_WEB: 'false' };
  for (const k of ['DATABASE_URL', 'TNH_MASTER_KEY', 'TNH_PUBLIC_URL', 'HOST', 'TNH_TEST_PG_URL']) delete e[k];
  return e;
}

interface Serve {
  child: ChildProcess;
  base: string;
  stdout: () => string;
  stderr: () => string;
}

/** Starts `tnh serve` and resolves once it prints its address (PORT=0: the system picks a free port). */
async function serve(): Promise<Serve> {
  const child = spawn(process.execPath, [TNH, 'serve'], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tnh serve did not start in 40 s.\nstdout: ${out}\nstderr: ${err}`)), 40_000);
    const check = () => {
      const m = /draait op (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`tnh serve stopped during start (${code ?? signal}).\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return { child, base, stdout: () => out, stderr: () => err };
}

async function waitFor<T>(what: string, fn: () => T | null | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Auth {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, urlPath: string, body: unknown): Promise<Auth> {
  const r = await fetch(base + urlPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as { csrfToken?: string };
  if (r.status !== 200) throw new Error(`${urlPath}: ${r.status} ${JSON.stringify(json)}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('tnh_session='))?.split(';')[0];
  if (!cookie || !json.csrfToken) throw new Error(`${urlPath}: no session cookie or CSRF token`);
  return { cookie, csrf: json.csrfToken };
}

async function api(base: string, auth: Auth, method: string, urlPath: string, body?: unknown) {
  const r = await fetch(base + urlPath, {
    method,
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as any };
}

/** Eight loops of acknowledged writes; after `ms` the server is killed with SIGKILL while requests are in flight. */
async function writeUntilKilled(s: Serve, auth: Auth, round: number, ms: number) {
  const acked: string[] = [];
  const serverErrors: string[] = [];
  let inFlight = 0;
  let stopped = false;
  const loops = Array.from({ length: 8 }, async (_, loop) => {
    for (let i = 0; !stopped; i++) {
      inFlight++;
      try {
        const r = await fetch(`${s.base}/api/studies`, {
          method: 'POST',
          headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Crashronde ${round} lus ${loop} nummer ${i}`, description: 'x'.repeat(500) }),
        });
        const body = (await r.json()) as { slug?: string };
        if (r.status === 200 && body.slug) acked.push(body.slug); // acknowledged: the whole answer arrived
        else serverErrors.push(`${r.status} ${JSON.stringify(body)}`);
      } catch {
        break; // the connection died with the server
      } finally {
        inFlight--;
      }
    }
  });
  await new Promise((r) => setTimeout(r, ms));
  const inFlightAtKill = inFlight;
  const pid = s.child.pid!;
  s.child.kill('SIGKILL');
  const [, signal] = (await once(s.child, 'exit')) as [number | null, string | null];
  stopped = true;
  await Promise.all(loops);
  return { acked, serverErrors, inFlightAtKill, pid, signal };
}

async function sigterm(s: Serve): Promise<number | null> {
  s.child.kill('SIGTERM');
  const [code] = (await once(s.child, 'exit')) as [number | null];
  return code;
}

const EMAIL = 'beheer@example.org';
const allAcked: string[] = [];

describe.skipIf(!!process.env.TNH_TEST_PG_URL)('kill -9 during acknowledged writes (PGlite)', () => {
  beforeAll(() => {
    dataDir = tempDir('tnh-crash-');
  });
  afterAll(async () => {
    for (const c of children) {
      c.kill('SIGKILL');
      await once(c, 'exit').catch(() => {});
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  for (const round of [1, 2]) {
    it(`round ${round}: every acknowledged study survives SIGKILL and the audit chain stays intact`, async () => {
      // Start; on the first round create the administrator through the printed setup link.
      const first = await serve();
      let auth: Auth;
      if (round === 1) {
        const token = await waitFor('the setup link', () => /\/link#([A-Za-z0-9_-]+)/.exec(first.stdout())?.[1]);
        auth = await signIn(first.base, '/api/links/accept', { token, name: 'Beheerder', email: EMAIL, password: PASSWORD });
      } else {
        expect(first.stdout()).not.toMatch(/\/link#/);
        auth = await signIn(first.base, '/api/auth/login', { email: EMAIL, password: PASSWORD });
      }

      const load = await writeUntilKilled(first, auth, round, 2000);
      expect(load.signal).toBe('SIGKILL');
      expect(load.serverErrors).toEqual([]);
      expect(load.acked.length).toBeGreaterThan(5);
      expect(load.inFlightAtKill).toBeGreaterThan(0);
      allAcked.push(...load.acked);

      // The dead process's lock file is still there and must be taken over as stale.
      const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'tnh.lock'), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(load.pid);

      const second = await serve();
      const me = await signIn(second.base, '/api/auth/login', { email: EMAIL, password: PASSWORD });
      const list = await api(second.base, me, 'GET', '/api/studies');
      expect(list.status).toBe(200);
      const present = new Set((list.body as { slug: string }[]).map((x) => x.slug));
      expect(allAcked.filter((slug) => !present.has(slug))).toEqual([]);

      // The acknowledged studies are whole: the audit event is there, and the study key works (cold key cache).
      for (const slug of [load.acked[0], load.acked.at(-1)!]) {
        const audit = await api(second.base, me, 'GET', `/api/studies/${slug}/audit`);
        expect(audit.status).toBe(200);
        expect(audit.body.events.map((e: { action: string }) => e.action)).toContain('study.created');
        const put = await api(second.base, me, 'PUT', `/api/studies/${slug}/confidential`, { notes: `na crash ${round}` });
        expect(put.status).toBe(200);
        expect((await api(second.base, me, 'GET', `/api/studies/${slug}/confidential`)).body.notes).toBe(`na crash ${round}`);
      }

      // A clean stop exits 0, releases the lock, and the hash chain of the audit trail verifies.
      expect(await sigterm(second)).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'tnh.lock'))).toBe(false);
      const verify = spawnSync(process.execPath, [TNH, 'audit', 'verify'], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 40_000 });
      expect(verify.stderr).toBe('');
      expect(verify.status).toBe(0);
      const m = /Audittrail in orde: (\d+) regels/.exec(verify.stdout);
      expect(m, verify.stdout).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(allAcked.length);
    }, 90_000);
  }
});
