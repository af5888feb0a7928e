import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { tempDir } from './lib.mjs';
const M = Number(process.env.M ?? 300000);
const PER = 16;
const ncase = Math.ceil(M / PER);
const caseIds = [];
const hex = (n, w) => n.toString(16).padStart(w, '0');
const ts = Date.now();
const rnd = crypto.randomUUID().replace(/-/g, '');
for (let c = 0; c < ncase; c++) {
  const h = hex(ts, 12) + '7' + hex(c >>> 20 & 0xfff, 3) + (8 + ((c >>> 18) & 3)).toString(16) + hex((c >>> 6) & 0xfff, 3) + hex(c & 0x3f, 2) + rnd.slice(0, 10);
  caseIds.push(`${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`);
}
const randIds = Array.from({ length: ncase }, () => crypto.randomUUID());
const ks = [], seqs = [], days = [], types = [], details = [];
for (let i = 0; i < M; i++) { ks.push(Math.floor(i / PER)); seqs.push(i % PER); days.push(18000 + (i % 1000)); types.push(i % 17); details.push(i % 3 ? '' : 'foster_kin'); }
const dataDir = tempDir('prof-');
const config = loadConfig({}, { dataDir, databaseUrl: process.env.DBURL || null, logLevel: 'warn', runJobs: false, serveWeb: false });
const pl = await openPlatform(config, { purpose: 'prof' });
const db = pl.deps.db;
let t = performance.now();
const lap = (what) => { const now = performance.now(); console.log(what, Math.round(now - t), 'ms'); t = now; };
await sql`create table t_pk (case_id uuid, seq int, date date, type text, detail text, primary key (case_id, seq))`.execute(db);
const TYPES = ['a_type','b_type','c_type','d_type','e_type','f_type','g_type','h_type','i_type','j_type','k_type','l_type','m_type','n_type','o_type','p_type','q_type'];
const CH = Number(process.env.CH ?? 50000);
const intLit = (a) => '{' + a.join(',') + '}';
const txtLit = (a) => '{' + a.map((s) => (s === '' ? '""' : /^[A-Za-z0-9_]+$/.test(s) ? s : '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"')).join(',') + '}';
async function run(label, ids) {
  await sql`truncate t_pk`.execute(db);
  t = performance.now();
  await db.transaction().execute(async (trx) => {
    for (let a = 0; a < M; a += CH) {
      const b = Math.min(M, a + CH);
      const k0 = ks[a], k1 = ks[b - 1];
      const cids = ids.slice(k0, k1 + 1);
      await sql`insert into t_pk (case_id, seq, date, type, detail)
        select (${'{' + cids.join(',') + '}'}::uuid[])[t.k + 1], t.seq, date '1970-01-01' + t.d, (${TYPES}::text[])[t.ty + 1], t.detail
        from unnest(${intLit(ks.slice(a, b).map((k) => k - k0))}::int[], ${intLit(seqs.slice(a, b))}::int[], ${intLit(days.slice(a, b))}::int[], ${intLit(types.slice(a, b))}::int[], ${txtLit(details.slice(a, b))}::text[]) as t(k, seq, d, ty, detail)`.execute(trx);
    }
  });
  lap(label);
}
await sql`create table t_nopk (case_id uuid, seq int, date date, type text, detail text)`.execute(db);
async function run2(label, table) {
  t = performance.now();
  await db.transaction().execute(async (trx) => {
    for (let a = 0; a < M; a += CH) {
      const b = Math.min(M, a + CH);
      const k0 = ks[a], k1 = ks[b - 1];
      const cids = caseIds.slice(k0, k1 + 1);
      const q = sql`select (${'{' + cids.join(',') + '}'}::uuid[])[t.k + 1], t.seq, date '1970-01-01' + t.d, (${TYPES}::text[])[t.ty + 1], t.detail
        from unnest(${intLit(ks.slice(a, b).map((k) => k - k0))}::int[], ${intLit(seqs.slice(a, b))}::int[], ${intLit(days.slice(a, b))}::int[], ${intLit(types.slice(a, b))}::int[], ${txtLit(details.slice(a, b))}::text[]) as t(k, seq, d, ty, detail)`;
      if (table) await sql`insert into ${sql.table(table)} ${q}`.execute(trx);
      else await sql`select count(*) from (${q}) x`.execute(trx);
    }
  });
  lap(label);
}
await run2('count only', null);
await run2('nopk', 't_nopk');
await run('compact, v7 ids', caseIds);
await run('compact, random ids', randIds);
console.log(caseIds.slice(0, 3));
await pl.close();
