// report: builds the demo study's report (`tnh demo`: every module filled, the report from the template with its live
// blocks) as HTML and as DOCX, in-process on a fresh embedded PGlite data dir, 3 runs each (median). A build resolves
// every block through the other modules' services (survey results and crosstabs, case-file indicators, findings,
// quotes with the consent gate and the identifier scan, recommendations, norms, the reflection outcome) with
// disclosure control, then renders. Baseline in the same run: rendering the same resolved build again (no queries),
// so resolve_s = build − render shows where the time goes. Goal: ≤ 5 s per format. Prints one JSON line.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { log, median, tempDir } from './lib.mjs';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { createUser } from '../src/server/modules/users/users.service.ts';
import { findUserByEmail } from '../src/server/modules/users/users.repository.ts';
import { loadDemo } from '../src/server/modules/demo/demo.service.ts';
import { buildForCli, previewReport, renderBuild } from '../src/server/modules/reports/reports.service.ts';

const RUNS = 3;
const GOAL_S = 5;
const round3 = (x) => Math.round(x * 1000) / 1000;
const dataDir = tempDir('tnh-bench-report-');
const p = await openPlatform(loadConfig({}, { dataDir, logLevel: 'warn', runJobs: false, serveWeb: false }), { purpose: 'bench report' });
try {
  await createUser(p.deps, null, { email: 'lead@example.org', name: 'Projectleider', isAdmin: true });
  const u = await findUserByEmail(p.deps.db, 'lead@example.org');
  const actor = { userId: u.id, isAdmin: true, name: u.name };
  log('loading the demo study…');
  let t = performance.now();
  const demo = await loadDemo(p.deps, actor);
  const demoS = (performance.now() - t) / 1000;
  log(`demo loaded in ${round3(demoS)} s (${demo.slug}); building its report…`);
  const out = { bench: 'report', database: 'pglite', demo_load_s: round3(demoS), goal_s: GOAL_S };
  for (const format of ['html', 'docx']) {
    const builds = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      const r = await buildForCli(p.deps, demo.slug, { format, asUserId: u.id });
      builds.push((performance.now() - t) / 1000);
      bytes = r.content.length;
    }
    // baseline: the same build rendered again, without resolving the blocks
    const { reportId } = await buildForCli(p.deps, demo.slug, { format: 'html', asUserId: u.id });
    const resolved = await previewReport(p.deps, actor, demo.slug, reportId);
    const renders = [];
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      await renderBuild(p.deps, resolved, format);
      renders.push((performance.now() - t) / 1000);
    }
    out[`${format}_s`] = round3(median(builds));
    out[`${format}_render_s`] = round3(median(renders));
    out[`${format}_bytes`] = bytes;
    log(`${format}: build ${out[`${format}_s`]} s (render alone ${out[`${format}_render_s`]} s), ${bytes} bytes`);
  }
  out.within_goal = out.html_s <= GOAL_S && out.docx_s <= GOAL_S;
  console.log(JSON.stringify(out));
} finally {
  await p.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
