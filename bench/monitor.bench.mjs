// monitor: the case-file study at national scale. A FICTIONAL cohort of 100,000 cases (~1M events, generateCohort)
// is written as the interchange CSV files and imported in-process through the service (parse, derive, one
// transaction; timed), then the indicator set is computed through the service the way GET /monitor does it
// (subgroup 'all': one JSON row per case read, computeIndicators; timed, median of 3 after one cold run).
// Always on the embedded PGlite (a data dir on disk); when DATABASE_URL is set (`npm run bench -- monitor --pg`),
// also on that PostgreSQL server, in a fresh database. Where Rscript with the survival package is installed, the
// per-case (time, status) go to a temporary CSV and R's survfit (Kaplan–Meier and Aalen–Johansen) is timed on it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { log, median, sleep, tempDir, withFreshPgDatabase } from './lib.mjs';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { createUser } from '../src/server/modules/users/users.service.ts';
import { createStudy } from '../src/server/modules/studies/studies.service.ts';
import { getMonitor, importInterchange } from '../src/server/modules/dossiers/dossiers.service.ts';
import { generateCohort } from '../src/server/modules/dossiers/generate.ts';
import { serializeInterchange } from '../src/server/modules/dossiers/interchange.ts';
import { deriveOutcome } from '../src/server/modules/dossiers/outcomes.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const SEED = 20_260_101;
const r3 = (x) => Math.round(x * 1000) / 1000;
const secs = (t0) => (performance.now() - t0) / 1000;

log(`generating ${CASES} fictional cases…`);
let t0 = performance.now();
const cohort = generateCohort({ cases: CASES, seed: SEED });
const generateS = secs(t0);
const events = cohort.reduce((n, c) => n + c.events.length, 0);
t0 = performance.now();
const files = serializeInterchange(cohort);
const serializeS = secs(t0);
log(`${CASES} cases, ${events} events generated in ${r3(generateS)} s; CSV ${Math.round((files.cases.length + files.events.length) / 1e6)} MB in ${r3(serializeS)} s`);

async function benchOne(kind, databaseUrl) {
  const dataDir = tempDir('tnh-bench-monitor-');
  const config = loadConfig({}, { dataDir, databaseUrl, logLevel: 'warn', runJobs: false, serveWeb: false });
  const p = await openPlatform(config, { purpose: 'bench monitor' });
  try {
    const { deps } = p;
    const { user } = await createUser(deps, null, { email: 'lead@example.org', name: 'Projectleider', isAdmin: false, password: 'een-lang-wachtwoord-1' });
    const actor = { userId: user.id, isAdmin: false, name: user.name };
    const study = await createStudy(deps, actor, { title: 'Monitor benchmark (fictief)', description: '', researchQuestions: [], periodStart: null, periodEnd: null, funder: '', partners: [], disclosureThreshold: 10 });

    log(`${kind}: importing…`);
    // the service reports progress 0 after parsing and checking, N (of 2N) after deriving, 2N after the commit
    const marks = {};
    const progress = async (done, total) => {
      if (done === 0 && marks.parsed === undefined) marks.parsed = performance.now();
      if (done === total / 2 && marks.derived === undefined) marks.derived = performance.now();
    };
    t0 = performance.now();
    const r = await importInterchange(deps, actor, study.slug, files, { progress });
    const importS = secs(t0);
    const phases = { parse_s: r3((marks.parsed - t0) / 1000), derive_s: r3((marks.derived - marks.parsed) / 1000), insert_s: r3(importS - (marks.derived - t0) / 1000) };
    if (!r.ok) throw new Error(`import refused: ${JSON.stringify(r.problems.slice(0, 5))}`);
    if (r.cases !== CASES || r.events !== events) throw new Error(`imported ${r.cases}/${r.events}, want ${CASES}/${events}`);
    log(`${kind}: import ${r3(importS)} s (${JSON.stringify(phases)}); indicators…`);

    const runs = [];
    let result;
    for (let i = 0; i < 4; i++) {
      t0 = performance.now();
      result = await getMonitor(deps, actor, study.slug, 'all');
      runs.push(secs(t0));
    }
    if (result.groups[0].result.cases !== CASES) throw new Error('the monitor did not see every case');
    log(`${kind}: indicators cold ${r3(runs[0])} s, then ${runs.slice(1).map(r3).join(', ')} s`);
    return { import_s: r3(importS), indicators_s: r3(median(runs.slice(1))), indicators_cold_s: r3(runs[0]), import_phases: phases };
  } finally {
    await p.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}


/** R's survfit on the same (time, status): KM (status 1 = reunified, 2 censored) and AJ (2 = competing). */
function rSurvfit() {
  if (spawnSync('Rscript', ['-e', 'library(survival)'], { stdio: 'ignore' }).status !== 0) return null;
  const dir = tempDir('tnh-bench-r-');
  try {
    const csv = path.join(dir, 'ts.csv');
    const rows = ['time,status'];
    for (const c of cohort) {
      const o = deriveOutcome(c);
      if (o.placed && o.time !== null) rows.push(`${o.time},${o.status}`);
    }
    fs.writeFileSync(csv, rows.join('\n') + '\n');
    const script = `
      suppressMessages(library(survival))
      d <- read.csv(${JSON.stringify(csv)})
      t0 <- proc.time()[["elapsed"]]
      km <- survfit(Surv(time, status == 1) ~ 1, data = d)
      aj <- survfit(Surv(time, factor(status, levels = 0:2)) ~ 1, data = d)
      s <- summary(km, times = c(182, 365, 730, 1095, 1826), extend = TRUE)
      a <- summary(aj, times = c(182, 365, 730, 1095, 1826), extend = TRUE)
      cat(proc.time()[["elapsed"]] - t0, "\\n")`;
    const t = performance.now();
    const r = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
    const processS = secs(t);
    if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
    const s = Number(r.stdout.trim().split('\n').at(-1));
    log(`R survfit (KM + AJ) on ${rows.length - 1} placed cases: ${r3(s)} s (Rscript process ${r3(processS)} s)`);
    return { survfit_s: r3(s), process_s: r3(processS), n: rows.length - 1 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pglite = await benchOne('pglite', null);
const postgres = process.env.DATABASE_URL ? await withFreshPgDatabase(process.env.DATABASE_URL, (url) => benchOne('postgres', url)) : null;
const r = rSurvfit();
console.log(
  JSON.stringify({
    bench: 'monitor',
    cases: CASES,
    events,
    pglite,
    postgres,
    r_survfit_s: r?.survfit_s ?? null,
    goal: { indicators_pglite_s: 2, indicators_pg_s: 1 },
    detail: { generate_s: r3(generateS), serialize_s: r3(serializeS), csv_mb: Math.round((files.cases.length + files.events.length) / 1e5) / 10, r_process_s: r?.process_s ?? null, r_placed_with_time: r?.n ?? null },
  }),
);
