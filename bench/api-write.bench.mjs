// api-write: acknowledged, audited writes through the HTTP API versus the same rows written directly.
// 16 concurrent clients PATCH one study (study update + audit event in one transaction) for ~5 s against a real
// `tnh serve`; then, with the server stopped, the platform is opened in-process and the same UPDATE on studies +
// appendAuditEvent run as transactions through Kysely on the same database, with the same concurrency.
// Always on the embedded PGlite; when DATABASE_URL is set, also on that PostgreSQL server (in a fresh database),
// reported under "postgres" in the same JSON line.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PASSWORD, freePort, log, withFreshPgDatabase, percentile, round1, setupLinkToken, signIn, sleep, spawnServe, stopServe, tempDir, waitHealthy } from './lib.mjs';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { updateStudy } from '../src/server/modules/studies/studies.repository.ts';
import { appendAuditEvent } from '../src/server/modules/audit/audit.repository.ts';

const CLIENTS = 16;
const WARMUP_MS = 1000;
const MEASURE_MS = Number(process.env.BENCH_MS ?? 5000);

async function apiPhase({ dataDir, databaseUrl }) {
  const s = spawnServe({ dataDir, port: await freePort(), databaseUrl });
  try {
    await waitHealthy(s);
    const token = await setupLinkToken(s);
    const auth = await signIn(s.base, '/api/links/accept', { token, name: 'Projectleider', email: 'lead@example.org', password: PASSWORD });
    const headers = { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' };
    const created = await fetch(`${s.base}/api/studies`, { method: 'POST', headers, body: JSON.stringify({ title: 'Benchmark onderzoek' }) });
    const study = await created.json();
    if (created.status !== 200) throw new Error(JSON.stringify(study));

    let phase = 'warmup';
    const latencies = [];
    let errors = 0;
    let stop = false;
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; !stop; i++) {
        const t0 = performance.now();
        const r = await fetch(`${s.base}/api/studies/${study.slug}`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ description: `Beschrijving van client ${c}, versie ${i}` }),
        });
        await r.arrayBuffer();
        const ms = performance.now() - t0;
        if (phase !== 'measure') continue;
        if (r.status === 200) latencies.push(ms);
        else errors++;
      }
    });
    await sleep(WARMUP_MS);
    phase = 'measure';
    const t0 = performance.now();
    await sleep(MEASURE_MS);
    phase = 'done';
    const elapsed = performance.now() - t0;
    stop = true;
    await Promise.all(clients);
    if (errors) throw new Error(`${errors} PATCH requests failed`);
    return { studyId: study.id, api_per_s: latencies.length / (elapsed / 1000), p50_ms: percentile(latencies, 50), p99_ms: percentile(latencies, 99), n: latencies.length };
  } finally {
    const code = await stopServe(s);
    if (code !== 0) log(`warning: tnh serve exited ${code}: ${s.out.stderr}`);
  }
}

async function rawPhase({ dataDir, databaseUrl, studyId }) {
  const config = loadConfig({}, { dataDir, databaseUrl, logLevel: 'warn', runJobs: false, serveWeb: false });
  const p = await openPlatform(config, { purpose: 'bench api-write' });
  try {
    const { db } = p.deps;
    const actor = (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const once = (c, i) =>
      db.transaction().execute(async (trx) => {
        await updateStudy(trx, studyId, { description: `Direct ${c}, versie ${i}` });
        await appendAuditEvent(trx, { studyId, actorId: actor, action: 'study.updated', objectType: 'study', objectId: studyId, details: { fields: ['description'] } });
      });
    // Deadlines, not timers: PGlite answers through microtasks, so a tight loop of in-process transactions would
    // never let a setTimeout fire.
    const warmEnd = performance.now() + WARMUP_MS;
    const end = warmEnd + MEASURE_MS;
    let n = 0;
    const workers = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; performance.now() < end; i++) {
        await once(c, i);
        const now = performance.now();
        if (now >= warmEnd && now < end) n++;
      }
    });
    await Promise.all(workers);
    const elapsed = MEASURE_MS;
    return { raw_per_s: n / (elapsed / 1000), raw_n: n };
  } finally {
    await p.close();
  }
}

async function benchOne(kind, databaseUrl) {
  const dataDir = tempDir('tnh-bench-write-');
  try {
    log(`${kind}: ${CLIENTS} clients through the API for ${MEASURE_MS} ms…`);
    const api = await apiPhase({ dataDir, databaseUrl });
    log(`${kind}: ${round1(api.api_per_s)} writes/s, p50 ${round1(api.p50_ms)} ms, p99 ${round1(api.p99_ms)} ms; now directly…`);
    const raw = await rawPhase({ dataDir, databaseUrl, studyId: api.studyId });
    log(`${kind}: ${round1(raw.raw_per_s)} transactions/s directly`);
    return {
      db: kind,
      clients: CLIENTS,
      api_per_s: round1(api.api_per_s),
      p50_ms: round1(api.p50_ms),
      p99_ms: round1(api.p99_ms),
      raw_per_s: round1(raw.raw_per_s),
      ratio: Math.round((api.api_per_s / raw.raw_per_s) * 100) / 100,
      api_n: api.n,
      raw_n: raw.raw_n,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}


const { bench: _b, db: _d, ...pglite } = { bench: 'api-write', ...(await benchOne('pglite', null)) };
const result = { bench: 'api-write', db: 'pglite', ...pglite };
if (process.env.DATABASE_URL) {
  const { db: _, ...postgres } = await withFreshPgDatabase(process.env.DATABASE_URL, (url) => benchOne('postgres', url));
  result.postgres = postgres;
}
console.log(JSON.stringify(result));
