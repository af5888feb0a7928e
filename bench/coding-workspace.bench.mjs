// coding-workspace: the REAL coding workspace page (/onderzoeken/:slug/documenten/:id, the production web build served
// by `tnh serve` with its strict CSP) against a real server, on a generated 20,000-word interview (turns I:/R:, some
// emoji and combining accents) with 2,000 codings over 15 codes (200 with a memo), seeded through the API: a study,
// a participant with consent, the transcript (POST /documents with its speaker turns), the codes, the codings
// (POST /codings/bulk, one call per code) and the memos.
//   open_ms   navigation start → the first paint where the text, its highlights and the codebook's buttons are
//             there: ready to code (median of 9 loads in a warm browser; the cold first load is reported too).
//             The browser keeps a profile on disk, as a researcher's does (HTTP cache and V8 code cache); for
//             comparison open_incognito_ms repeats the loads in an incognito context, where Chromium keeps no code
//             cache and compiles every script on every load.
//             It includes everything: HTML, scripts, the session, the study and the document's one API call.
//   apply_ms  a click on a code's button (with a DOM selection in the view) → the paint where the new highlight
//             exists (optimistic; median of 20); saved_ms: → the server's answer has replaced it.
// Also: the API call alone (GET of the document, from Node), CSP violations, page errors and axe-core findings on the
// page. Goals: open ≤ 500 ms, apply ≤ 100 ms. Prints one JSON line.
// BENCH_VERBOSE=1 logs each load's resource timings; BENCH_PROFILE=FILE writes a Chrome CPU profile of the fifth load;
// BENCH_TRACE=FILE writes a Chrome trace (timeline categories) of the fifth load; BENCH_NODE_ARGS passes options to the server's node (for example --cpu-prof).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { CODE_NAMES, COLORS, generateInterview } from './interview.mjs';
import { PASSWORD, ROOT, TNH, freePort, log, median, percentile, round1, serveEnv, setupLinkToken, signIn, stopServe, tempDir, waitHealthy } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WORDS = 20_000;
const CODINGS = 2_000;
const MEMOS = 200;
const LOADS = 9;
const APPLIES = 20;
const GOAL = { open_ms: 500, apply_ms: 100 };

if (!fs.existsSync(CHROMIUM)) {
  console.log(JSON.stringify({ bench: 'coding-workspace', skipped: `no Chromium at ${CHROMIUM}` }));
  process.exit(0);
}

// ---- data (the same interview as bench/coding-view) ---------------------------------------------------------
function generate() {
  const d = generateInterview({ words: WORDS, codings: CODINGS });
  const units = d.turns.map((t) => ({ start: t.textStart, end: t.end, speaker: t.speaker, role: t.speaker === 'I' ? 'interviewer' : 'respondent', startMs: null, endMs: null }));
  return { text: d.text, units, codings: d.codings, words: d.words };
}

// ---- in the page --------------------------------------------------------------------------------------------
/** Injected before every page script: records window.__ready at the first paint where the workspace can be used. */
function readyProbe() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  let done = false;
  const check = () => {
    if (done) return;
    if (!document.querySelector('.cv-feed [data-index]') || !document.querySelector('.cv [data-codings]') || !document.querySelector('.codebook .cb-apply')) return;
    done = true;
    window.__domReady = performance.now();
    mo.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        window.__ready = performance.now();
      };
      ch.port2.postMessage(0);
    });
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true });
}

/** Runs in the page: selects some words of a visible block, clicks a code's button, times the paint with the highlight. */
async function timeApply(i) {
  const frames = (n = 2) => new Promise((r) => { const step = () => (--n <= 0 ? r() : requestAnimationFrame(step)); requestAnimationFrame(step); });
  const view = document.querySelector('.cv-scroll');
  const box = view.getBoundingClientRect();
  const blocks = [...document.querySelectorAll('.cv-feed [data-index]')].filter((b) => {
    const r = b.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom;
  });
  // a stretch of words: one text node (coded or not), a different one each time
  let target = null;
  const nodes = [];
  for (const b of blocks) {
    const walker = document.createTreeWalker(b.querySelector('[data-text]'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.trim().length >= 12) nodes.push(n);
  }
  if (nodes.length) {
    const n = nodes[(i * 5) % nodes.length];
    const at = n.data.length - n.data.trimStart().length;
    target = { n, at, end: n.data.trimEnd().length };
  }
  if (!target) throw new Error('no text on screen');
  const sel = document.getSelection();
  sel.removeAllRanges();
  await frames();
  const label = document.querySelector('#ws-selection');
  const before = label.textContent;
  sel.setBaseAndExtent(target.n, target.at, target.n, target.end);
  for (let k = 0; k < 30 && label.textContent === before; k++) await frames(1);
  const buttons = [...document.querySelectorAll('.codebook button.cb-apply')];
  const button = buttons[i % buttons.length];
  let t0 = 0;
  const shown = new Promise((resolve) => {
    const mo = new MutationObserver(() => {
      if (!document.querySelector('.cv [data-codings*="tmp:"]')) return;
      mo.disconnect();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t0);
        ch.port2.postMessage(0);
      });
    });
    mo.observe(view, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-codings'] });
  });
  t0 = performance.now();
  button.click();
  const ms = await shown;
  // saved: the temporary id has given way to the server's
  while (document.querySelector('.cv [data-codings*="tmp:"]')) await new Promise((r) => setTimeout(r, 2));
  const saved = performance.now() - t0;
  const status = document.querySelector('.ws-status')?.textContent ?? '';
  return { ms, saved, status };
}

// ---- run ---------------------------------------------------------------------------------------------------
const dataDir = tempDir('tnh-bench-coding-ws-');
const profileDir = tempDir('tnh-bench-chromium-');
let s = null;
let browser = null;
try {
  log('building the web app when it is out of date…');
  const built = spawnSync(process.execPath, ['scripts/ensure-web.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) throw new Error('the web app could not be built');

  const data = generate();
  log(`generated ${data.words} words (${data.text.length} UTF-16 units), ${data.units.length} turns, ${data.codings.length} codings`);

  // `tnh serve` as lib.mjs starts it, but with the web app (serveEnv turns it off for the API benchmarks)
  const port = await freePort();
  const env = { ...serveEnv({ dataDir, port, databaseUrl: process.env.DATABASE_URL ?? null }), TNH_SERVE_WEB: 'true' };
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), TNH, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  s = { child, out, base: `http://127.0.0.1:${port}` };
  await waitHealthy(s);

  // ---- seed through the API ----
  const token = await setupLinkToken(s).catch(() => null);
  if (!token) throw new Error('no setup link: the data directory is not fresh');
  const email = 'lead@example.org';
  const auth = await signIn(s.base, '/api/links/accept', { token, name: 'Projectleider', email, password: PASSWORD });
  const headers = { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' };
  const api = async (method, url, body) => {
    const r = await fetch(`${s.base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await r.json();
    if (r.status !== 200) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const t0 = performance.now();
  const study = await api('POST', '/api/studies', { title: 'Benchmark interviews' });
  const base = `/api/studies/${study.slug}`;
  const participant = await api('POST', `${base}/participants`, { role: 'parent', ageBand: 'adult' });
  await api('POST', `${base}/participants/${participant.id}/consent`, {
    letterVersion: 'v1',
    date: new Date().toISOString().slice(0, 10),
    givenBy: 'participant',
    kind: 'consent',
    method: 'written',
    scopes: { participation: true, quotes: true },
  });
  const doc = await api('POST', `${base}/documents`, { kind: 'transcript', title: 'Interview 1', participantId: participant.id, text: data.text, units: data.units });
  const codes = [];
  for (const [i, name] of CODE_NAMES.entries()) codes.push(await api('POST', `${base}/codes`, { name, color: COLORS[i] }));
  for (const [i, code] of codes.entries()) {
    const hits = data.codings.filter((c) => c.code === i).map((c) => ({ documentId: doc.id, version: doc.currentVersion, start: c.start, end: c.end }));
    await api('POST', `${base}/codings/bulk`, { codeIds: [code.id], hits });
  }
  let view = await api('GET', `${base}/documents/${doc.id}`);
  for (const c of view.codings.slice(0, MEMOS)) await api('PATCH', `${base}/codings/${c.id}`, { memo: 'Memo bij deze passage.' });
  view = await api('GET', `${base}/documents/${doc.id}`);
  log(`seeded in ${round1((performance.now() - t0) / 1000)} s: ${view.codings.length} codings (${view.codings.filter((c) => c.memo).length} with a memo), ${view.codes.length} codes, ${view.version.units.length} turns`);

  // the document's one API call on its own, from Node
  const apiMs = [];
  for (let i = 0; i < 7; i++) {
    const a = performance.now();
    const r = await fetch(`${s.base}${base}/documents/${doc.id}`, { headers });
    await r.arrayBuffer();
    apiMs.push(performance.now() - a);
  }
  const payload = JSON.stringify(view).length;

  // ---- the browser ----
  const { chromium } = await import('playwright-core');
  // a browser profile on disk, as a researcher's browser has: its HTTP cache and V8's code cache (which an
  // incognito context, Playwright's default, keeps off) make the warm loads what a returning user gets
  const launch = {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  };
  const viewport = { width: 1280, height: 900 };
  const context = await chromium.launchPersistentContext(profileDir, { ...launch, viewport });
  browser = context;
  const problems = [];
  async function signInBrowser(ctx) {
    await ctx.addInitScript(readyProbe);
    const login = await ctx.newPage();
    await login.goto(`${s.base}/login`);
    await login.getByLabel('E-mailadres').fill(email);
    await login.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await login.getByRole('button', { name: 'Inloggen' }).click();
    await login.waitForURL(/\/onderzoeken$/);
    await login.close();
  }
  await signInBrowser(context);

  const url = `${s.base}/onderzoeken/${study.slug}/documenten/${doc.id}`;
  async function load(what, ctx = context) {
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(`${what}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${what}: page error ${e.message}`));
    const profile = process.env.BENCH_PROFILE && what === 'load 5' ? await ctx.newCDPSession(page) : null;
    if (profile) {
      await profile.send('Profiler.enable');
      await profile.send('Profiler.setSamplingInterval', { interval: 200 });
      await profile.send('Profiler.start');
    }
    const trace = process.env.BENCH_TRACE && what === 'load 5';
    const tracer = trace ? await ctx.newCDPSession(page) : null;
    const traceEvents = [];
    if (tracer) {
      tracer.on('Tracing.dataCollected', (e) => traceEvents.push(...e.value));
      await tracer.send('Tracing.start', { categories: process.env.BENCH_TRACE_CATS ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing', transferMode: 'ReportEvents' });
    }
    await page.goto(url);
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60_000 });
    if (tracer) {
      const complete = new Promise((resolve) => tracer.once('Tracing.tracingComplete', resolve));
      await tracer.send('Tracing.end');
      await complete;
      fs.writeFileSync(process.env.BENCH_TRACE, JSON.stringify({ traceEvents }));
    }
    if (profile) fs.writeFileSync(process.env.BENCH_PROFILE, JSON.stringify((await profile.send('Profiler.stop')).profile));
    const r = await page.evaluate((verbose) => {
      const res = performance.getEntriesByType('resource');
      const docCall = res.find((e) => /\/api\/studies\/[^/]+\/documents\/[0-9a-f-]{36}$/.test(e.name));
      return {
        ready: window.__ready,
        domReady: window.__domReady,
        documentCall: docCall ? { start: docCall.startTime, end: docCall.responseEnd } : null,
        resources: verbose ? res.map((e) => `${e.name.replace(/^https?:\/\/[^/]+/, '').slice(0, 60)} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`) : [],
        blocks: document.querySelectorAll('.cv [data-index]').length,
        elements: document.getElementsByTagName('*').length,
        csp: window.__csp,
      };
    }, !!process.env.BENCH_VERBOSE);
    for (const c of r.csp) problems.push(`${what}: CSP ${c}`);
    return { page, ...r };
  }

  const cold = await load('cold');
  log(`cold load: ready at ${round1(cold.ready)} ms (document call ${round1(cold.documentCall?.start)}–${round1(cold.documentCall?.end)} ms)`);
  await cold.page.close();
  const open = [];
  const docCalls = [];
  let shape = {};
  for (let i = 0; i < LOADS; i++) {
    const r = await load(`load ${i + 1}`);
    open.push(r.ready);
    if (r.documentCall) docCalls.push(r.documentCall);
    shape = { blocks: r.blocks, elements: r.elements };
    for (const line of r.resources) log(`  ${line}`);
    log(`load ${i + 1}: ready at ${round1(r.ready)} ms (DOM ${round1(r.domReady)}; document call ${round1(r.documentCall?.start)}–${round1(r.documentCall?.end)} ms; ${r.elements} elements, ${r.blocks} blocks rendered)`);
    await r.page.close();
  }

  const { page } = await load('apply');
  await page.waitForTimeout(300);
  const apply = [];
  const saved = [];
  let status = '';
  for (let i = 0; i < APPLIES; i++) {
    const r = await page.evaluate(timeApply, i);
    apply.push(r.ms);
    saved.push(r.saved);
    status = r.status;
    await page.waitForTimeout(50);
  }
  log(`apply: ${apply.map(round1).join(', ')} ms; saved: ${saved.map(round1).join(', ')} ms; last status: ${status}`);
  const require = createRequire(import.meta.url);
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const a11y = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
  log(`axe: ${a11y.length ? a11y.join(', ') : 'no violations'}`);
  const after = await api('GET', `${base}/documents/${doc.id}`);
  await page.close();

  // for comparison: the same loads in an incognito context (no code cache: every load compiles the scripts again)
  const plain = await chromium.launch(launch);
  const incognito = [];
  try {
    const ctx = await plain.newContext({ viewport });
    await signInBrowser(ctx);
    await (await load('incognito cold', ctx)).page.close();
    for (let i = 0; i < LOADS; i++) {
      const r = await load(`incognito ${i + 1}`, ctx);
      incognito.push(r.ready);
      await r.page.close();
    }
    log(`incognito loads: ${incognito.map(round1).join(', ')} ms`);
  } finally {
    await plain.close();
  }

  const result = {
    bench: 'coding-workspace',
    words: data.words,
    codings: view.codings.length,
    memos: view.codings.filter((c) => c.memo).length,
    codes: view.codes.length,
    turns: view.version.units.length,
    open_ms: round1(median(open)),
    apply_ms: round1(median(apply)),
    goal: GOAL,
    met: median(open) <= GOAL.open_ms && median(apply) <= GOAL.apply_ms,
    open_min_ms: round1(Math.min(...open)),
    open_runs: open.map(round1),
    open_cold_ms: round1(cold.ready),
    open_incognito_ms: round1(median(incognito)),
    open_incognito_runs: incognito.map(round1),
    apply_p90_ms: round1(percentile(apply, 90)),
    saved_ms: round1(median(saved)),
    applies_saved: after.codings.length - view.codings.length,
    document_call_in_page_ms: round1(median(docCalls.map((d) => d.end - d.start))),
    document_call_starts_at_ms: round1(median(docCalls.map((d) => d.start))),
    api_document_ms: round1(median(apiMs)),
    api_document_bytes: payload,
    rendered_blocks: shape.blocks,
    elements: shape.elements,
    csp_violations: problems.filter((p) => /CSP|Content Security Policy/i.test(p)).length,
    page_errors: problems.filter((p) => !/CSP|Content Security Policy/i.test(p)).length,
    axe: a11y,
    cpus: os.cpus().length,
    // the machine's load while measuring (other processes compete with the browser and the server for the CPUs)
    load_avg_1m: round1(os.loadavg()[0]),
  };
  for (const p of problems.slice(0, 10)) log(`problem: ${p}`);
  console.log(JSON.stringify(result));
} finally {
  await browser?.close();
  if (s) {
    const code = await stopServe(s);
    if (code !== 0 && code !== null) log(`warning: tnh serve exited ${code}`);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(profileDir, { recursive: true, force: true });
}
