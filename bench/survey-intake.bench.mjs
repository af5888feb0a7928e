// survey-intake: respondents completing a 30-question survey through the real server, versus the same response rows
// written directly.
// 50 concurrent respondents drive a `tnh serve` over loopback: each opens the survey by its public link (GET), saves
// pages 1–4 (PUT, the first save returns the resume code used from then on) and submits page 5 with an idempotency
// key (POST complete): six requests per completed response, each answer re-validated against the frozen version.
// Measured for MEASURE_MS after a warm-up. completes_per_s counts acknowledged completions in the window; p50/p99
// are over all respondent requests in the window. lost = acknowledged completions (whole run) − completed responses
// stored (read back after the load); must be 0. Back to back (no pause between requests) the respondents keep the
// server saturated, so by Little's law the latency is about CLIENTS / requests_per_s; a second measurement, `paced`,
// lets each respondent pause about THINK_MS before every request (still far faster than people read and answer).
// BENCH_NODE_ARGS passes options to the server's node (for example --cpu-prof).
// Then, with the server stopped, the platform is opened in-process on the same database and the same response rows
// are written directly through Kysely with the same concurrency, one respondent's statements at a time: the
// server's single path per response (insert at the first page, one update per further page, the completion update
// plus its audit event in one transaction; without the server's locking read before the completion) — raw_per_s; ratio = completes_per_s / raw_per_s. Under this load the
// server batches concurrent respondents' writes (one statement or transaction for many; platform/batcher.ts), which
// the direct writer does not. For reference raw_insert_per_s: the finished row inserted in one statement (no pages,
// no audit).
// Always on the embedded PGlite; when DATABASE_URL is set, also on that PostgreSQL server (fresh database), under
// "postgres" in the same JSON line.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { PASSWORD, ROOT, TNH, freePort, log, percentile, round1, serveEnv, setupLinkToken, signIn, sleep, stopServe, tempDir, waitHealthy, withFreshPgDatabase } from './lib.mjs';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import * as repo from '../src/server/modules/surveys/surveys.repository.ts';
import { appendAuditEvent } from '../src/server/modules/audit/audit.repository.ts';
import { hashToken } from '../src/server/platform/crypto.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const WARMUP_MS = 2000;
const MEASURE_MS = Number(process.env.BENCH_MS ?? 10_000);
// the second measurement: the same respondents, each pausing about THINK_MS before a request (reading, answering)
const THINK_MS = 500;
const PACED_MS = Number(process.env.BENCH_PACED_MS ?? 6000);
const PAGES = 5;
const PER_PAGE = 6;

const CHOICES = ['nooit', 'zelden', 'soms', 'vaak', 'altijd'];
function question(p, i) {
  const name = `q${p}_${i}`;
  switch (i % 6) {
    case 0:
      return { type: 'radiogroup', name, title: `Hoe vaak ${p}.${i}?`, isRequired: true, choices: CHOICES };
    case 1:
      return { type: 'rating', name, title: `Oordeel ${p}.${i}`, rateMin: 1, rateMax: 5, isRequired: true };
    case 2:
      return { type: 'checkbox', name, title: `Welke ${p}.${i}?`, choices: ['a', 'b', 'c', 'd', 'e', 'f'] };
    case 3:
      return { type: 'boolean', name, title: `Ja of nee ${p}.${i}?` };
    case 4:
      return { type: 'dropdown', name, title: `Kies ${p}.${i}`, choices: ['noord', 'oost', 'zuid', 'west', 'midden'] };
    default:
      return { type: 'comment', name, title: `Toelichting ${p}.${i}` };
  }
}
const DEFINITION = {
  title: 'Benchmark-enquête',
  pages: Array.from({ length: PAGES }, (_, p) => ({ name: `p${p + 1}`, elements: Array.from({ length: PER_PAGE }, (_, i) => question(p + 1, i)) })),
};
function answer(p, i, n) {
  switch (i % 6) {
    case 0:
      return CHOICES[(n + i) % 5];
    case 1:
      return ((n + p) % 5) + 1;
    case 2:
      return ['a', 'c', 'e'].slice(0, (n % 3) + 1);
    case 3:
      return n % 2 === 0;
    case 4:
      return 'oost';
    default:
      return `Respondent ${n} schrijft bij vraag ${p}.${i} een toelichting van een paar zinnen, zoals professionals dat doen. <geen html>`;
  }
}
const pageAnswers = (p, n) => Object.fromEntries(Array.from({ length: PER_PAGE }, (_, i) => [`q${p}_${i}`, answer(p, i, n)]));

async function apiPhase({ dataDir, databaseUrl }) {
  const port = await freePort();
  const env = { ...serveEnv({ dataDir, port, databaseUrl }), TNH_RESPONDENT_RATE_LIMIT: '100000000' };
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), TNH, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const s = { child, out: { stdout: '', stderr: '' }, base: `http://127.0.0.1:${port}` };
  child.stdout.on('data', (d) => (s.out.stdout += d));
  child.stderr.on('data', (d) => (s.out.stderr += d));
  try {
    await waitHealthy(s);
    const token = await setupLinkToken(s);
    const auth = await signIn(s.base, '/api/links/accept', { token, name: 'Projectleider', email: 'lead@example.org', password: PASSWORD });
    const headers = { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' };
    const post = async (url, body) => {
      const r = await fetch(s.base + url, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
      const json = await r.json();
      if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    };
    const study = await post('/api/studies', { title: 'Benchmark enquête' });
    const survey = await post(`/api/studies/${study.slug}/surveys`, { title: 'Benchmark-enquête', definition: DEFINITION });
    const published = await post(`/api/studies/${study.slug}/surveys/${survey.id}/publish`);
    const publicToken = published.publicUrl.split('#')[1];

    let ackedTotal = 0;
    // node:http with keep-alive: a lighter client than fetch, so that the load generator takes less of the CPU the
    // server needs (client, server and PostgreSQL share the machine)
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const request = (method, token, url, body) =>
      new Promise((resolve, reject) => {
        const payload = body ? JSON.stringify(body) : null;
        const req = http.request(s.base + url, { method, agent, headers: { 'x-survey-token': token, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(payload ?? undefined);
      });

    /** CLIENTS respondents, each waiting thinkMs before every request (0: back to back); measured after a warm-up. */
    async function load(thinkMs, measureMs) {
      let phase = 'warmup';
      let stop = false;
      const latencies = [];
      const byKind = { open: [], first_save: [], save: [], complete: [] };
      let completes = 0;
      const errors = [];
      const call = async (kind, method, token, url, body) => {
        if (thinkMs) await sleep(thinkMs * (0.5 + Math.random()));
        const t0 = performance.now();
        const r = await request(method, token, url, body);
        const ms = performance.now() - t0;
        if (phase === 'measure') {
          latencies.push(ms);
          byKind[kind].push(ms);
        }
        if (r.status !== 200) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
        return r.json;
      };
      const clients = Array.from({ length: CLIENTS }, async (_, c) => {
        for (let n = c * 1_000_000 + (thinkMs ? 500_000 : 0); !stop; n++) {
          try {
            const open = await call('open', 'GET', publicToken, '/api/respond');
            if (open.state !== 'new') throw new Error(`unexpected state ${open.state}`);
            let token = publicToken;
            for (let p = 1; p < PAGES; p++) {
              const saved = await call(p === 1 ? 'first_save' : 'save', 'PUT', token, '/api/respond', { page: `p${p}`, answers: pageAnswers(p, n) });
              if (saved.resumeToken) token = saved.resumeToken;
            }
            const done = await call('complete', 'POST', token, '/api/respond/complete', { idempotencyKey: crypto.randomUUID(), page: `p${PAGES}`, answers: pageAnswers(PAGES, n) });
            if (done.state === 'completed') {
              ackedTotal++;
              if (phase === 'measure') completes++;
            }
          } catch (e) {
            errors.push(e.message);
            if (errors.length > 20) stop = true;
          }
        }
      });
      await sleep(WARMUP_MS);
      phase = 'measure';
      const t0 = performance.now();
      await sleep(measureMs);
      const elapsed = performance.now() - t0;
      phase = 'done';
      stop = true;
      await Promise.all(clients);
      if (errors.length) throw new Error(`${errors.length} respondent requests failed: ${errors.slice(0, 3).join(' | ')}`);
      const by_request = Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, { p50_ms: round1(percentile(xs, 50)), p99_ms: round1(percentile(xs, 99)) }]));
      return { completes_per_s: completes / (elapsed / 1000), requests_per_s: latencies.length / (elapsed / 1000), p50_ms: percentile(latencies, 50), p99_ms: percentile(latencies, 99), by_request };
    }
    const full = await load(0, MEASURE_MS);
    log(`back to back: ${JSON.stringify(full)}; now with ${THINK_MS} ms between a respondent's requests…`);
    const paced = await load(THINK_MS, PACED_MS);
    agent.destroy();
    const stored = await (await fetch(`${s.base}/api/studies/${study.slug}/surveys/${survey.id}/responses?completed=true&limit=1`, { headers })).json();
    return {
      surveyId: survey.id,
      versionId: published.versions[0].id,
      studyId: study.id,
      ...full,
      paced,
      acked: ackedTotal,
      stored: stored.total,
    };
  } finally {
    const code = await stopServe(s);
    if (code !== 0) log(`warning: tnh serve exited ${code}: ${s.out.stderr}`);
  }
}

async function rawPhase({ dataDir, databaseUrl, surveyId, versionId, studyId }) {
  const config = loadConfig({}, { dataDir, databaseUrl, logLevel: 'warn', runJobs: false, serveWeb: false });
  const p = await openPlatform(config, { purpose: 'bench survey-intake' });
  try {
    const { db } = p.deps;
    const keysOf = (page) => Array.from({ length: PER_PAGE }, (_, i) => `q${page}_${i}`);
    const full = (n) => Object.assign({}, ...Array.from({ length: PAGES }, (_, i) => pageAnswers(i + 1, n)));
    // the statements the server runs per response
    const asServer = async (n) => {
      const id = crypto.randomUUID();
      await repo.insertFirstPages(db, [{ id, surveyId, versionId, resumeHash: hashToken(crypto.randomUUID()), language: 'nl', answers: pageAnswers(1, n), page: 0 }]);
      for (let page = 2; page < PAGES; page++) await repo.savePages(db, [{ responseId: id, keys: keysOf(page), answers: pageAnswers(page, n), page: page - 1, language: 'nl' }]);
      await db.transaction().execute(async (trx) => {
        const row = (await repo.completeResponses(trx, [{ responseId: id, answers: full(n), key: crypto.randomUUID(), page: PAGES - 1, language: 'nl' }])).get(id);
        await appendAuditEvent(trx, { studyId, actorId: null, action: 'survey.response_completed', objectType: 'survey_response', objectId: row.id, details: { surveyId, version: 1 } });
      });
    };
    const insertOnly = (n) => repo.insertCompletedResponse(db, { surveyId, versionId, invitationId: null, answers: full(n), key: crypto.randomUUID(), page: PAGES - 1, language: 'nl' });
    const run = async (fn) => {
      // deadlines, not timers: PGlite answers through microtasks (see api-write)
      const warmEnd = performance.now() + WARMUP_MS;
      const end = warmEnd + MEASURE_MS;
      let count = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let i = 0; performance.now() < end; i++) {
            await fn(c * 1_000_000 + i);
            const now = performance.now();
            if (now >= warmEnd && now < end) count++;
          }
        }),
      );
      return count / (MEASURE_MS / 1000);
    };
    const raw_per_s = await run(asServer);
    const raw_insert_per_s = await run(insertOnly);
    return { raw_per_s, raw_insert_per_s };
  } finally {
    await p.close();
  }
}

async function benchOne(kind, databaseUrl) {
  const dataDir = tempDir('tnh-bench-survey-');
  try {
    log(`${kind}: ${CLIENTS} respondents through the API for ${MEASURE_MS} ms…`);
    const api = await apiPhase({ dataDir, databaseUrl });
    log(`${kind}: ${round1(api.completes_per_s)} completes/s (${round1(api.requests_per_s)} requests/s), p50 ${round1(api.p50_ms)} ms, p99 ${round1(api.p99_ms)} ms; now directly…`);
    const raw = await rawPhase({ dataDir, databaseUrl, ...api });
    log(`${kind}: ${round1(raw.raw_per_s)} responses/s directly (${round1(raw.raw_insert_per_s)} single inserts/s)`);
    return {
      db: kind,
      clients: CLIENTS,
      questions: PAGES * PER_PAGE,
      requests_per_complete: PAGES + 1,
      completes_per_s: round1(api.completes_per_s),
      requests_per_s: round1(api.requests_per_s),
      p50_ms: round1(api.p50_ms),
      p99_ms: round1(api.p99_ms),
      by_request: api.by_request,
      raw_per_s: round1(raw.raw_per_s),
      ratio: Math.round((api.completes_per_s / raw.raw_per_s) * 100) / 100,
      raw_insert_per_s: round1(raw.raw_insert_per_s),
      paced: { think_ms: THINK_MS, requests_per_s: round1(api.paced.requests_per_s), p50_ms: round1(api.paced.p50_ms), p99_ms: round1(api.paced.p99_ms) },
      acked: api.acked,
      lost: api.acked - api.stored,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const { db: _d, ...pglite } = await benchOne('pglite', null);
const result = { bench: 'survey-intake', db: 'pglite', ...pglite };
if (process.env.DATABASE_URL) {
  const { db: _, ...postgres } = await withFreshPgDatabase(process.env.DATABASE_URL, (url) => benchOne('postgres', url));
  result.postgres = postgres;
}
console.log(JSON.stringify(result));
