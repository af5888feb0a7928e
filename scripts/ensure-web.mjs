// Builds the web app (dist/web) when it is missing or older than its sources, so `npm start` always serves it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const built = 'dist/web/index.html';
const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(newest('src/web'), newest('src/shared'));
if (stale) {
  console.log('Web-app bouwen (eenmalig, ±20 s)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
