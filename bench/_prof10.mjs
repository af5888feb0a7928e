import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { tempDir } from './lib.mjs';
import * as repo from '../src/server/modules/dossiers/dossiers.repository.ts';
import { generateCohort } from '../src/server/modules/dossiers/generate.ts';
import { deriveOutcome, computeIndicators, perspectiveAndContact } from '../src/server/modules/dossiers/outcomes.ts';
import { createStudy } from '../src/server/modules/studies/studies.service.ts';
const N = 100000;
const cohort = generateCohort({ cases: N, seed: 3 });
const outs = cohort.map((c) => deriveOutcome(c));
const dataDir = tempDir('prof-');
const config = loadConfig({}, { dataDir, databaseUrl: process.env.DBURL || null, logLevel: 'warn', runJobs: false, serveWeb: false });
const pl = await openPlatform(config, { purpose: 'prof' });
const db = pl.deps.db;
const st = await createStudy(pl.deps, null, { title: 'x', description: '', researchQuestions: [], periodStart: null, periodEnd: null, funder: '', partners: [], disclosureThreshold: 10 }, { viaCli: true });
const ids = repo.ascendingIds(N);
await db.transaction().execute(async (trx) => repo.withoutRowTriggers(trx, async () => {
  for (let a = 0; a < N; a += 5000) {
    const j = JSON.stringify(outs.slice(a, a + 5000).map((o, k) => [ids[a + k], process.env.COMPACT ? Object.values(o) : o, 0, 10, o.placed, o.status === 1]));
    await sql`insert into case_outcomes select (v->>0)::uuid, ${st.id}::uuid, v->1, (v->>2)::int, (v->>3)::int, (v->>4)::boolean, (v->>5)::boolean from jsonb_array_elements(${j}::jsonb) v`.execute(trx);
  }
}));
let t = performance.now();
const lap = (w) => { const n = performance.now(); console.log(w, Math.round(n - t), 'ms'); t = n; };
for (let r = 0; r < 3; r++) {
  t = performance.now();
  const { rows } = await sql`select json_agg(outcome)::text as j from case_outcomes where study_id = ${st.id}`.execute(db); lap('json_agg text');
  const o = JSON.parse(rows[0].j); lap('JSON.parse ' + rows[0].j.length);
  const r2 = await sql`select string_agg(outcome::text, ',') as j from case_outcomes where study_id = ${st.id}`.execute(db); lap('string_agg');
  const r3 = await sql`select outcome from case_outcomes where study_id = ${st.id}`.execute(db); lap('rows');
  const r4 = await sql`select coalesce(json_agg(json_build_array(outcome->'placed', outcome->'time', outcome->'status', outcome->'reentry12m', outcome->'emergencyStart', outcome->'moves', outcome->'parentHelp')), '[]')::text as j from case_outcomes where study_id = ${st.id}`.execute(db); lap('json_agg arrays');
  computeIndicators(o); lap('computeIndicators');
  perspectiveAndContact(o); lap('perspectiveAndContact');
}
await pl.close();
