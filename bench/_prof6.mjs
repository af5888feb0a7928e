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
await sql`create table p (id uuid primary key)`.execute(db);
await sql`create table c_fk (case_id uuid not null references p(id) on delete cascade, seq int, d date, primary key (case_id, seq))`.execute(db);
await sql`create table c_nofk (case_id uuid not null, seq int, d date, primary key (case_id, seq))`.execute(db);
const ids = repo.ascendingIds(ncase);
await sql`insert into p select unnest(${'{' + ids.join(',') + '}'}::uuid[])`.execute(db);
const ks = [], seqs = [];
for (let i = 0; i < M; i++) { ks.push(Math.floor(i / PER) + 1); seqs.push(i % PER); }
for (const table of ['c_fk', 'c_fk_r']) {
  await sql`truncate c_fk`.execute(db);
  if (table === 'c_nofk2') await sql`truncate c_nofk`.execute(db);
  t = performance.now();
  await db.transaction().execute(async (trx) => {
    if (table === 'c_fk_r') await sql`set local session_replication_role = replica`.execute(trx);
    for (let a = 0; a < M; a += 100000) {
      await sql`insert into ${sql.table('c_fk')} select (${'{' + ids.join(',') + '}'}::uuid[])[t.k], t.seq, date '2020-01-01' from unnest(${'{' + ks.slice(a, a + 100000).join(',') + '}'}::int[], ${'{' + seqs.slice(a, a + 100000).join(',') + '}'}::int[]) t(k, seq)`.execute(trx);
    }
  });
  lap(table);
}
await pl.close();
