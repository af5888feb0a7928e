// The whole test suite: unit + integration on PGlite, the same integration suite on a real PostgreSQL,
// and the browser tests in Chromium. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTempPostgres, findPgBin } from './pg-temp.mjs';

const CI = !!process.env.CI;

// On a fresh Debian machine, as root (as here and in CI), install the system packages the suite needs.
function ensureSystemPackages() {
  const need = [];
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) need.push('chromium');
  if (!findPgBin()) need.push('postgresql');
  if (spawnSync('Rscript', ['-e', 'library(survival)'], { stdio: 'ignore' }).status !== 0) need.push('r-base-core', 'r-cran-survival');
  if (spawnSync('pspp', ['--version'], { stdio: 'ignore' }).status !== 0) need.push('pspp'); // SPSS syntax export check
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status !== 0) need.push('libreoffice-writer-nogui'); // the report's DOCX → PDF check
  if (need.length === 0) return;
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
    console.log(`Missing system packages: ${need.join(', ')}. Install them with: sudo apt-get install ${need.join(' ')}`);
    return;
  }
  console.log(`Installing from Debian: ${need.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', ...need], { stdio: 'inherit', env });
}
const only = process.argv[2]; // optional: unit | pg | e2e
const totals = { passed: 0, failed: 0, skipped: 0 };
let hardFailure = false;

function vitest(label, args, env = {}) {
  const out = path.join(os.tmpdir(), `tnh-vitest-${process.pid}-${label}.json`);
  console.log(`\n=== ${label} ===`);
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    if (j.numFailedTestSuites > 0 && j.numFailedTests === 0) totals.failed += j.numFailedTestSuites; // a file that did not load
    fs.rmSync(out);
  } else hardFailure = true;
  if (r.status !== 0) hardFailure = true;
}

ensureSystemPackages();

if (!only || only === 'unit') vitest('unit and integration tests on PGlite', []);

if (!only || only === 'pg') {
  if (!findPgBin()) {
    console.log('\n=== PostgreSQL not installed: ' + (CI ? 'required in CI' : 'skipping the PostgreSQL run (apt-get install postgresql)') + ' ===');
    if (CI) hardFailure = true;
  } else {
    const pg = await startTempPostgres();
    try {
      vitest('integration tests on PostgreSQL', ['.it.test.ts', 'test/reliability', 'test/cli'], { TNH_TEST_PG_URL: pg.url });
    } finally {
      pg.stop();
    }
  }
}

if (!only || only === 'e2e') {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.log(`\n=== Chromium not found at ${chromium}: ` + (CI ? 'required in CI' : 'skipping browser tests (apt-get install chromium)') + ' ===');
    if (CI) hardFailure = true;
  } else {
    console.log('\n=== building the web app ===');
    const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (b.status !== 0) hardFailure = true;
    else vitest('browser tests in Chromium', ['--config', 'vitest.e2e.config.ts']);
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : ''));
process.exit(hardFailure || totals.failed > 0 ? 1 : 0);
