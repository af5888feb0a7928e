// Runs the benchmarks: every bench/*.bench.mjs, or only the ones named (`npm run bench -- startup`).
// Each benchmark prints one JSON line on stdout (progress goes to stderr); they run one after another,
// through tsx so that they can import the server's TypeScript modules.
// `--pg` starts a throw-away PostgreSQL server (scripts/pg-temp.mjs) and passes it as DATABASE_URL, so that the
// benchmarks that support it also measure PostgreSQL; a DATABASE_URL already set is used as it is.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const all = fs
  .readdirSync(dir)
  .filter((f) => /\.bench\.(mjs|ts)$/.test(f))
  .sort()
  .map((f) => ({ name: f.replace(/\.bench\.(mjs|ts)$/, ''), file: path.join(dir, f) }));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
if (unknown.length) {
  console.error(`Onbekende benchmark: ${unknown.join(', ')}. Beschikbaar: ${all.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const env = { ...process.env };
let pg = null;
if (process.argv.includes('--pg') && !env.DATABASE_URL) {
  const { startTempPostgres } = await import('../scripts/pg-temp.mjs');
  pg = await startTempPostgres();
  env.DATABASE_URL = pg.url;
}
let failed = 0;
try {
  for (const b of all.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
    process.stderr.write(`\n=== bench ${b.name} ===\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', b.file], { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) {
      failed++;
      process.stderr.write(`bench ${b.name} failed (exit ${r.status ?? r.signal})\n`);
    }
  }
} finally {
  pg?.stop();
}
process.exit(failed ? 1 : 0);
