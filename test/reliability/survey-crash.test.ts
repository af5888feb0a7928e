/**
 * kill -9 during heavy survey submission, on the embedded database (PGlite). A real `tnh serve` gets sixteen
 * concurrent respondents (public link: page 1, page 2, complete with an idempotency key) and is killed with SIGKILL
 * while requests are in flight. After a restart on the same data dir every acknowledged completion is stored; the
 * submissions whose answer was lost are retried with the same key and never make a second response; the audit
 * chain verifies. On PostgreSQL durability is the database server's job, so this file only runs on PGlite.
 */
import crypto from 'node:crypto';
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
  const e: NodeJS.ProcessEnv = { ...process.env, TNH_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', TNH_LOGIN_RATE_LIMIT: '1000', TNH_RESPONDENT_RATE_LIMIT: '1000000', TNH_SERVE_WEB: 'false' };
  for (const k of ['DATABASE_URL', 'TNH_MASTER_KEY', 'TNH_PUBLIC_URL', 'HOST', 'TNH_TEST_PG_URL']) delete e[k];
  return e;
}

interface Serve {
  child: ChildProcess;
  base: string;
  stdout: () => string;
}

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
    child.stdout!.on('data', () => {
      const m = /draait op (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`tnh serve stopped during start (${code ?? signal}).\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return { child, base, stdout: () => out };
}

interface Auth {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, urlPath: string, body: unknown): Promise<Auth> {
  const r = await fetch(base + urlPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as { csrfToken?: string };
  if (r.status !== 200) throw new Error(`${urlPath}: ${r.status} ${JSON.stringify(json)}`);
  return { cookie: r.headers.getSetCookie().find((c) => c.startsWith('tnh_session='))!.split(';')[0], csrf: json.csrfToken! };
}

async function api(base: string, auth: Auth, method: string, urlPath: string, body?: unknown) {
  const r = await fetch(base + urlPath, {
    method,
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as any };
}

async function respond(base: string, token: string, method: string, urlPath: string, body?: unknown) {
  const r = await fetch(base + urlPath, { method, headers: { 'x-survey-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as any };
}

const questions = (page: number) =>
  Array.from({ length: 10 }, (_, i) => ({ type: 'radiogroup', name: `v${page}_${i}`, title: `Vraag ${page}.${i}`, isRequired: true, choices: ['a', 'b', 'c', 'd'] }));
const DEF = { pages: [1, 2, 3].map((p) => ({ name: `p${p}`, elements: [...questions(p), { type: 'comment', name: `t${p}`, title: 'Toelichting' }] })) };
const answersOf = (p: number, n: number) => Object.fromEntries([...questions(p).map((q, i) => [q.name, ['a', 'b', 'c', 'd'][(n + i) % 4]]), [`t${p}`, `Toelichting ${n} <b>vet</b>`]]);

interface Submission {
  key: string;
  token: string;
}

async function submitUntilKilled(s: Serve, publicToken: string, ms: number) {
  const acked: Submission[] = [];
  const unknown: Submission[] = [];
  const errors: string[] = [];
  let inFlight = 0;
  let stopped = false;
  const loops = Array.from({ length: 16 }, async (_, loop) => {
    for (let n = 0; !stopped; n++) {
      let token = publicToken;
      const key = crypto.randomUUID();
      let completing = false;
      inFlight++;
      try {
        const first = await respond(s.base, token, 'PUT', '/api/respond', { page: 'p1', answers: answersOf(1, n + loop) });
        if (first.status !== 200) throw new Error(`page 1: ${first.status} ${JSON.stringify(first.body)}`);
        token = first.body.resumeToken;
        const second = await respond(s.base, token, 'PUT', '/api/respond', { page: 'p2', answers: answersOf(2, n + loop) });
        if (second.status !== 200) throw new Error(`page 2: ${second.status} ${JSON.stringify(second.body)}`);
        completing = true;
        const done = await respond(s.base, token, 'POST', '/api/respond/complete', { idempotencyKey: key, page: 'p3', answers: answersOf(3, n + loop) });
        if (done.status === 200 && done.body.state === 'completed') acked.push({ key, token });
        else errors.push(`${done.status} ${JSON.stringify(done.body)}`);
      } catch (e) {
        if (completing) unknown.push({ key, token }); // the answer was lost with the server: retry later
        if (!(e instanceof TypeError)) errors.push(String(e));
        break;
      } finally {
        inFlight--;
      }
    }
  });
  await new Promise((r) => setTimeout(r, ms));
  const inFlightAtKill = inFlight;
  s.child.kill('SIGKILL');
  const [, signal] = (await once(s.child, 'exit')) as [number | null, string | null];
  stopped = true;
  await Promise.all(loops);
  return { acked, unknown, errors, inFlightAtKill, signal };
}

describe.skipIf(!!process.env.TNH_TEST_PG_URL)('kill -9 during heavy survey submission (PGlite)', () => {
  beforeAll(() => {
    dataDir = tempDir('tnh-survey-crash-');
  });
  afterAll(async () => {
    for (const c of children) {
      c.kill('SIGKILL');
      await once(c, 'exit').catch(() => {});
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('every acknowledged completion survives SIGKILL; retries with the same key never duplicate', async () => {
    const first = await serve();
    let setup: string | undefined;
    for (let i = 0; i < 500 && !setup; i++) {
      setup = /\/link#([A-Za-z0-9_-]+)/.exec(first.stdout())?.[1];
      if (!setup) await new Promise((r) => setTimeout(r, 20));
    }
    const auth = await signIn(first.base, '/api/links/accept', { token: setup, name: 'Beheerder', email: 'beheer@example.org', password: PASSWORD });
    const study = await api(first.base, auth, 'POST', '/api/studies', { title: 'Enquête crashtest' });
    expect(study.status).toBe(200);
    const base = `/api/studies/${study.body.slug}/surveys`;
    const created = await api(first.base, auth, 'POST', base, { title: 'Drukke enquête', definition: DEF });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const pub = await api(first.base, auth, 'POST', `${base}/${created.body.id}/publish`);
    expect(pub.status).toBe(200);
    const publicToken = pub.body.publicUrl.split('#')[1];

    const load = await submitUntilKilled(first, publicToken, 2500);
    expect(load.signal).toBe('SIGKILL');
    expect(load.errors).toEqual([]);
    expect(load.acked.length).toBeGreaterThan(10);
    expect(load.inFlightAtKill).toBeGreaterThan(0);

    const second = await serve();
    const me = await signIn(second.base, '/api/auth/login', { email: 'beheer@example.org', password: PASSWORD });
    // every acknowledged completion is there, with its answers; a retry answers the same
    for (const a of load.acked) {
      const r = await respond(second.base, a.token, 'POST', '/api/respond/complete', { idempotencyKey: a.key });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    // the submissions whose answer was lost: a retry with the same key completes them exactly once
    let retried = 0;
    for (const u of load.unknown) {
      const r = await respond(second.base, u.token, 'POST', '/api/respond/complete', { idempotencyKey: u.key, page: 'p3', answers: answersOf(3, 0) });
      expect(r.status, JSON.stringify(r.body)).toBe(200); // its pages were acknowledged, so the response exists
      retried++;
    }
    const list = await api(second.base, me, 'GET', `${base}/${created.body.id}/responses?completed=true&limit=1`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(load.acked.length + retried);
    const results = await api(second.base, me, 'GET', `${base}/${created.body.id}/results`);
    expect(results.body.n).toBe(load.acked.length + retried);

    second.child.kill('SIGTERM');
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    const verify = spawnSync(process.execPath, [TNH, 'audit', 'verify'], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 40_000 });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  }, 120_000);
});
