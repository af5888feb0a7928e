import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { tempDir } from './lib.mjs';
import * as repo from '../src/server/modules/dossiers/dossiers.repository.ts';
const M = 300000, PER = 16, ncase = M / PER;
const dataDir = tempDir('prof-');
const config = loadConfig({}, { dataDir, databaseUrl: process.env.DBURL || null, logLevel: 'warn', runJobs: false, serveWeb: false });
const pl = await openPlatform(config, { purpose: 'prof' });
const db = pl.deps.db;
let t = performance.now();
const lap = (w) => { const n = performance.now(); console.log(w, Math.round(n - t), 'ms'); t = n; };
await sql`create table e (case_id uuid not null, seq int, date date, type text, detail text, primary key (case_id, seq))`.execute(db);
const ids = repo.ascendingIds(ncase);
const T = ['placement_start','placement_move','reunification','observation_end','ots_start'];
const ks = [], seqs = [], days = [], tys = [], dets = [];
for (let i = 0; i < M; i++) { ks.push(Math.floor(i / PER) + 1); seqs.push(i % PER); days.push(18000 + i % 900); tys.push(1 + i % 5); dets.push(i % 3 ? '' : 'foster_kin'); }
const CH = 100000;
const idLit = '{' + ids.join(',') + '}';
async function run(label, f) {
  await sql`truncate e`.execute(db);
  t = performance.now();
  await db.transaction().execute(async (trx) => { for (let a = 0; a < M; a += CH) await f(trx, a, Math.min(M, a + CH)); });
  lap(label);
}
const esc = (v) => (/^[A-Za-z0-9_.-]+$/.test(v) && !/^null$/i.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
await run('int arrays', (trx, a, b) => sql`insert into e select (${idLit}::uuid[])[t.k], t.seq, date '1970-01-01' + t.d, (${T}::text[])[t.ty], t.detail from unnest(${'{' + ks.slice(a, b).join(',') + '}'}::int[], ${'{' + seqs.slice(a, b).join(',') + '}'}::int[], ${'{' + days.slice(a, b).join(',') + '}'}::int[], ${'{' + tys.slice(a, b).join(',') + '}'}::int[], ${'{' + dets.slice(a, b).map(esc).join(',') + '}'}::text[]) t(k, seq, d, ty, detail)`.execute(trx));
await run('json rows', (trx, a, b) => {
  const j = JSON.stringify(ks.slice(a, b).map((k, i) => [k, seqs[a + i], days[a + i], tys[a + i], dets[a + i]]));
  return sql`insert into e select (${idLit}::uuid[])[(v->>0)::int], (v->>1)::int, date '1970-01-01' + (v->>2)::int, (${T}::text[])[(v->>3)::int], v->>4 from json_array_elements(${j}::json) v`.execute(trx);
});
await run('json_to_recordset', (trx, a, b) => {
  const j = JSON.stringify(ks.slice(a, b).map((k, i) => ({ k, s: seqs[a + i], d: days[a + i], t: tys[a + i], x: dets[a + i] })));
  return sql`insert into e select (${idLit}::uuid[])[r.k], r.s, date '1970-01-01' + r.d, (${T}::text[])[r.t], r.x from json_to_recordset(${j}::json) r(k int, s int, d int, t int, x text)`.execute(trx);
});
await run('int arrays again', (trx, a, b) => sql`insert into e select (${idLit}::uuid[])[t.k], t.seq, date '1970-01-01' + t.d, (${T}::text[])[t.ty], t.detail from unnest(${'{' + ks.slice(a, b).join(',') + '}'}::int[], ${'{' + seqs.slice(a, b).join(',') + '}'}::int[], ${'{' + days.slice(a, b).join(',') + '}'}::int[], ${'{' + tys.slice(a, b).join(',') + '}'}::int[], ${'{' + dets.slice(a, b).map(esc).join(',') + '}'}::text[]) t(k, seq, d, ty, detail)`.execute(trx));
await pl.close();
