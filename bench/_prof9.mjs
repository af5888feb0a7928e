import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { tempDir } from './lib.mjs';
import * as repo from '../src/server/modules/dossiers/dossiers.repository.ts';
const M = 400000, PER = 16, ncase = M / PER;
const dataDir = tempDir('prof-');
const config = loadConfig({}, { dataDir, databaseUrl: process.env.DBURL || null, logLevel: 'warn', runJobs: false, serveWeb: false });
const pl = await openPlatform(config, { purpose: 'prof' });
const db = pl.deps.db;
let t = performance.now();
const lap = (w) => { const n = performance.now(); console.log(w, Math.round(n - t), 'ms'); t = n; };
await sql`create table e_pk (case_id uuid not null, seq int not null, date date not null, type text not null, detail text not null default '', primary key (case_id, seq))`.execute(db);
await sql`create table e_ix (case_id uuid not null, seq int not null, date date not null, type text not null, detail text not null default '')`.execute(db);
await sql`create index on e_ix(case_id)`.execute(db);
await sql`create table e_none (case_id uuid not null, seq int not null, date date not null, type text not null, detail text not null default '')`.execute(db);
const ids = repo.ascendingIds(ncase);
const T = ['placement_start','placement_move','reunification','observation_end','ots_start'];
const ks = [], seqs = [], days = [], tys = [], dets = [];
for (let i = 0; i < M; i++) { ks.push(Math.floor(i / PER) + 1); seqs.push(i % PER); days.push(18000 + i % 900); tys.push(1 + i % 5); dets.push(i % 3 ? '' : 'foster_kin'); }
const CH = 100000;
const idLit = '{' + ids.join(',') + '}';
for (const tb of ['e_none', 'e_ix', 'e_pk', 'e_none', 'e_ix', 'e_pk']) {
  await sql`truncate ${sql.table(tb)}`.execute(db);
  t = performance.now();
  await db.transaction().execute(async (trx) => { for (let a = 0; a < M; a += CH) { const b = a + CH;
    await sql`insert into ${sql.table(tb)} select (${idLit}::uuid[])[t.k], t.seq, date '1970-01-01' + t.d, (${T}::text[])[t.ty], t.detail from unnest(${'{' + ks.slice(a, b).join(',') + '}'}::int[], ${'{' + seqs.slice(a, b).join(',') + '}'}::int[], ${'{' + days.slice(a, b).join(',') + '}'}::int[], ${'{' + tys.slice(a, b).join(',') + '}'}::int[], ${'{' + dets.slice(a, b).map((d) => d || '""').join(',') + '}'}::text[]) t(k, seq, d, ty, detail)`.execute(trx); } });
  lap(tb);
}
await pl.close();
