import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { tempDir } from './lib.mjs';
const M = Number(process.env.M ?? 300000);
const ids = [], seqs = [], dates = [], types = [], details = [];
for (let i = 0; i < M; i++) { ids.push(crypto.randomUUID()); seqs.push(i % 16); dates.push('2020-01-' + String(1 + (i % 28)).padStart(2, '0')); types.push('placement_move'); details.push(i % 3 ? '' : 'foster_kin'); }
const dataDir = tempDir('prof-');
const config = loadConfig({}, { dataDir, databaseUrl: process.env.DBURL || null, logLevel: 'warn', runJobs: false, serveWeb: false });
const pl = await openPlatform(config, { purpose: 'prof' });
const db = pl.deps.db;
let t = performance.now();
const lap = (what) => { const now = performance.now(); console.log(what, Math.round(now - t), 'ms'); t = now; };
await sql`create table t_pk (case_id uuid, seq int, date date, type text, detail text, primary key (case_id, seq))`.execute(db);
await sql`create table t_nopk (case_id uuid, seq int, date date, type text, detail text)`.execute(db);
const CH = Number(process.env.CH ?? 50000);
async function run(label, q) {
  t = performance.now();
  await db.transaction().execute(async (trx) => { for (let i = 0; i < M; i += CH) await q(trx, i, i + CH); });
  lap(label);
}
await run('unnest count only', (trx, a, b) => sql`select count(*) from unnest(${ids.slice(a, b)}::uuid[], ${seqs.slice(a, b)}::int[], ${dates.slice(a, b)}::date[], ${types.slice(a, b)}::text[], ${details.slice(a, b)}::text[])`.execute(trx));
await run('unnest nopk', (trx, a, b) => sql`insert into t_nopk select * from unnest(${ids.slice(a, b)}::uuid[], ${seqs.slice(a, b)}::int[], ${dates.slice(a, b)}::date[], ${types.slice(a, b)}::text[], ${details.slice(a, b)}::text[])`.execute(trx));
await run('unnest pk', (trx, a, b) => sql`insert into t_pk select * from unnest(${ids.slice(a, b)}::uuid[], ${seqs.slice(a, b)}::int[], ${dates.slice(a, b)}::date[], ${types.slice(a, b)}::text[], ${details.slice(a, b)}::text[])`.execute(trx));
await run('serialize only (select 1 with params)', (trx, a, b) => sql`select cardinality(${ids.slice(a, b)}::text[]) + cardinality(${seqs.slice(a, b)}::text[])+ cardinality(${dates.slice(a, b)}::text[])+ cardinality(${types.slice(a, b)}::text[])+ cardinality(${details.slice(a, b)}::text[])`.execute(trx));
await run('one text param only', (trx, a, b) => sql`select length(${ids.slice(a, b).join(',')}::text)`.execute(trx));
await pl.close();
