// startup: from spawning `tnh serve` on an existing data dir to the first 200 from /api/health (polled every
// 20 ms), 5 runs. Baselines measured in the same run show where the time goes: a bare `node`, `tnh --version`
// (tsx and the CLI), importing the whole server module graph through tsx (boot.ts: app, routes, Fastify, zod …),
// and opening the same PGlite data dir without the platform.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, TNH, freePort, log, median, round1, spawnServe, stopServe, tempDir, waitHealthy } from './lib.mjs';

const RUNS = 5;
const dataDir = tempDir('tnh-bench-startup-');

function timeSpawn(args, env = process.env) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

try {
  log('creating the data dir with one start and stop…');
  const t0 = performance.now();
  const init = spawnServe({ dataDir, port: await freePort() });
  await waitHealthy(init);
  const firstStartMs = performance.now() - t0;
  if ((await stopServe(init)) !== 0) throw new Error(`the first tnh serve did not stop cleanly: ${init.out.stderr}`);

  // The baselines run between the serve runs, so that all see the same load on the machine.
  const node = [];
  const cli = [];
  const modules = [];
  const pglite = [];
  const pgliteInside = [];
  const pgdata = path.join(dataDir, 'pgdata');
  const openScript = `
    const t0 = performance.now();
    const { PGlite } = await import('@electric-sql/pglite');
    const t1 = performance.now();
    const db = await PGlite.create(${JSON.stringify(pgdata)});
    await db.query('select 1');
    const t2 = performance.now();
    await db.close();
    console.log(JSON.stringify({ importMs: t1 - t0, openMs: t2 - t1 }));`;
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const port = await freePort();
    const start = performance.now();
    const s = spawnServe({ dataDir, port });
    await waitHealthy(s, { every: 20 });
    runs.push(round1(performance.now() - start));
    const code = await stopServe(s);
    if (code !== 0) throw new Error(`tnh serve exited ${code} on SIGTERM: ${s.out.stderr}`);
    node.push(timeSpawn(['-e', 'process.exit(0)']).ms);
    cli.push(timeSpawn([TNH, '--version']).ms);
    modules.push(timeSpawn(['--import', 'tsx', '--input-type=module', '-e', `await import(${JSON.stringify(path.join(ROOT, 'src/server/platform/boot.ts'))})`]).ms);
    const r = timeSpawn(['--input-type=module', '-e', openScript]);
    pglite.push(r.ms);
    pgliteInside.push(JSON.parse(r.stdout.trim().split('\n').at(-1)));
    log(`run ${i + 1}: ${runs.at(-1)} ms (node ${round1(node.at(-1))} ms, tnh --version ${round1(cli.at(-1))} ms, server modules ${round1(modules.at(-1))} ms, PGlite open ${round1(pglite.at(-1))} ms)`);
  }
  const result = {
    bench: 'startup',
    db: 'pglite',
    runs,
    median_ms: round1(median(runs)),
    goal_ms: 3000,
    first_start_ms: round1(firstStartMs),
    baseline: {
      node_exit_ms: round1(median(node)),
      tnh_version_ms: round1(median(cli)),
      server_modules_ms: round1(median(modules)),
      pglite_open_process_ms: round1(median(pglite)),
      pglite_import_ms: round1(median(pgliteInside.map((x) => x.importMs))),
      pglite_open_ms: round1(median(pgliteInside.map((x) => x.openMs))),
    },
  };
  console.log(JSON.stringify(result));
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
