// survey-page: the respondent page (/s#<token>, the lean entry src/web/respond/) in Chromium against a real
// `tnh serve` with the production web build (scripts/ensure-web.mjs builds it when it is out of date). Seeded through
// the API: a study, the ready instrument "Enquête professionals" (POST /surveys/template), published, its public link.
// Every load is a cold one: a fresh browser context (empty cache) on a 375 × 740 phone viewport. Measured per load:
//   ready_ms         navigation start → the first paint where the first question's first input is visible and
//                    enabled (the respondent can answer; for a radio group the label that holds the input)
//   transfer_bytes   bytes received over the wire for all responses (Chromium's encodedDataLength: headers and the
//                    body as sent, i.e. compressed when the server compressed it)
//   encoded_body_bytes / decoded_body_bytes  the bodies as sent and after decompression (Resource Timing)
//   requests, third_party_requests (to any other origin; must be 0)
// on the loopback network (LOADS loads, median) and on an emulated phone on slow 4G (Lighthouse's profile: 150 ms
// round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×; PHONE_LOADS loads, median). The baseline, measured the
// same way in the same run: the researchers' app's login page (/login, ready when the e-mail field can be typed in).
// Also: CSP violations and page errors (none expected), and the largest responses. Prints one JSON line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { PASSWORD, ROOT, TNH, freePort, log, median, round1, serveEnv, setupLinkToken, signIn, stopServe, tempDir, waitHealthy } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const PHONE_LOADS = Number(process.env.BENCH_PHONE_LOADS ?? 3);
// Lighthouse's mobile throttling ("slow 4G" and a mid-range phone's CPU)
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

if (!fs.existsSync(CHROMIUM)) {
  console.log(JSON.stringify({ bench: 'survey-page', skipped: `no Chromium at ${CHROMIUM}` }));
  process.exit(0);
}

// ---- in the page --------------------------------------------------------------------------------------------
/** Injected before every page script: window.__ready at the first paint where the page's first input can be used. */
function readyProbe(kind) {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  const usable = (el) => {
    if (!el || el.disabled || el.readOnly || el.getAttribute('aria-disabled') === 'true') return false;
    // SurveyJS hides a radio or checkbox input visually inside its label: the label is what one taps
    const target = el.closest('label') ?? el;
    const r = target.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && target.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  };
  const first = () => {
    if (kind === 'login') return document.querySelector('input[type="email"]');
    const q = document.querySelector('.sd-question');
    return q?.querySelector('input:not([type="hidden"]), textarea, select') ?? null;
  };
  let done = false;
  const check = () => {
    if (done || !usable(first())) return;
    done = true;
    mo.disconnect();
    window.__domReady = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        window.__ready = performance.now();
      };
      ch.port2.postMessage(0);
    });
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true, attributes: true });
}

// ---- run ---------------------------------------------------------------------------------------------------
const dataDir = tempDir('tnh-bench-survey-page-');
let s = null;
let browser = null;
try {
  log('building the web app when it is out of date…');
  const built = spawnSync(process.execPath, ['scripts/ensure-web.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) throw new Error('the web app could not be built');

  const port = await freePort();
  const env = { ...serveEnv({ dataDir, port, databaseUrl: process.env.DATABASE_URL ?? null }), TNH_SERVE_WEB: 'true' };
  const child = spawn(process.execPath, [TNH, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  s = { child, out, base: `http://127.0.0.1:${port}` };
  await waitHealthy(s);

  // ---- seed through the API ----
  const token = await setupLinkToken(s);
  const auth = await signIn(s.base, '/api/links/accept', { token, name: 'Projectleider', email: 'lead@example.org', password: PASSWORD });
  const headers = { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' };
  const api = async (method, url, body) => {
    const r = await fetch(`${s.base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body ?? {}) });
    const json = await r.json();
    if (r.status !== 200) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const study = await api('POST', '/api/studies', { title: 'Benchmark respondentpagina' });
  const survey = await api('POST', `/api/studies/${study.slug}/surveys/template`, {});
  const published = await api('POST', `/api/studies/${study.slug}/surveys/${survey.id}/publish`, {});
  const respondUrl = `${s.base}/s#${published.publicUrl.split('#')[1]}`;
  const definition = (await (await fetch(`${s.base}/api/respond`, { headers: { 'x-survey-token': respondUrl.split('#')[1] } })).json()).definition;
  const questions = (definition?.pages ?? []).reduce((n, p) => n + (p.elements?.length ?? 0), 0);
  log(`seeded: "${survey.title}" published, public link ${respondUrl.slice(0, 60)}…`);

  // ---- the browser ----
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const problems = [];
  const origin = new URL(s.base).origin;

  /** One cold load in a fresh context: the ready time and everything that was transferred. */
  async function load(kind, url, { phone4g = false } = {}) {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await context.addInitScript(readyProbe, kind);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (phone4g) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const responses = new Map();
    const foreign = [];
    cdp.on('Network.responseReceived', (e) => responses.set(e.requestId, { url: e.response.url, status: e.response.status, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? null, bytes: 0 }));
    cdp.on('Network.loadingFinished', (e) => {
      const r = responses.get(e.requestId);
      if (r) r.bytes = e.encodedDataLength;
    });
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) foreign.push(u);
    });
    page.on('pageerror', (e) => problems.push(`${kind}: ${e.message}`));
    page.on('console', (m) => {
      // the app asks for the session first: a 401 there is the expected answer on the login page
      if (m.type() === 'error' && !(kind === 'login' && /status of 401/.test(m.text()))) problems.push(`${kind}: ${m.text()}`);
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const r = await page.evaluate(() => {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      return {
        ready: window.__ready,
        domReady: window.__domReady,
        csp: window.__csp,
        encoded: entries.reduce((n, e) => n + e.encodedBodySize, 0),
        decoded: entries.reduce((n, e) => n + e.decodedBodySize, 0),
        bodies: entries.map((e) => ({ path: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
      };
    });
    for (const c of r.csp) problems.push(`${kind}: CSP ${c}`);
    const list = [...responses.values()];
    await context.close();
    return {
      ready: r.ready,
      transfer: list.reduce((n, x) => n + x.bytes, 0),
      encoded: r.encoded,
      decoded: r.decoded,
      requests: list.length,
      foreign,
      uncompressed: list.filter((x) => !x.encoding && x.bytes > 1024 && x.status === 200).map((x) => new URL(x.url).pathname),
      bodies: r.bodies,
    };
  }

  const pages = { respondent: respondUrl, login: `${s.base}/login` };
  for (const [kind, url] of Object.entries(pages)) await load(kind === 'respondent' ? 'survey' : 'login', url); // warm-up: the server's file cache, Chromium's code paths
  const runs = { respondent: [], login: [] };
  for (let i = 0; i < LOADS; i++) {
    for (const kind of i % 2 ? ['login', 'respondent'] : ['respondent', 'login']) {
      const r = await load(kind === 'respondent' ? 'survey' : 'login', pages[kind]);
      runs[kind].push(r);
      log(`load ${i + 1} ${kind}: ready at ${round1(r.ready)} ms, ${r.requests} requests, ${r.transfer} bytes transferred (bodies ${r.encoded} as sent, ${r.decoded} decoded)`);
    }
  }
  const phone = { respondent: [], login: [] };
  for (let i = 0; i < PHONE_LOADS; i++) {
    for (const kind of ['respondent', 'login']) {
      const r = await load(kind === 'respondent' ? 'survey' : 'login', pages[kind], { phone4g: true });
      phone[kind].push(r);
      log(`phone on slow 4G ${i + 1} ${kind}: ready at ${round1(r.ready)} ms`);
    }
  }

  const summary = (kind) => {
    const rs = runs[kind];
    const last = rs.at(-1);
    return {
      ready_ms: round1(median(rs.map((r) => r.ready))),
      ready_runs: rs.map((r) => round1(r.ready)),
      transfer_bytes: median(rs.map((r) => r.transfer)),
      encoded_body_bytes: median(rs.map((r) => r.encoded)),
      decoded_body_bytes: median(rs.map((r) => r.decoded)),
      requests: median(rs.map((r) => r.requests)),
      third_party_requests: Math.max(...rs.map((r) => r.foreign.length)),
      uncompressed_over_1kb: last.uncompressed,
      largest: [...last.bodies].sort((a, b) => b.encoded - a.encoded).slice(0, 4).map((b) => ({ path: b.path.replace(/-[A-Za-z0-9_-]{8}\./, '.'), encoded: b.encoded, decoded: b.decoded })),
      phone_slow_4g: { ready_ms: round1(median(phone[kind].map((r) => r.ready))), ready_runs: phone[kind].map((r) => round1(r.ready)) },
    };
  };
  const foreign = [...runs.respondent, ...runs.login].flatMap((r) => r.foreign);
  const result = {
    bench: 'survey-page',
    survey: survey.title,
    questions: questions ?? null,
    loads: LOADS,
    phone_loads: PHONE_LOADS,
    respondent: summary('respondent'),
    baseline_login: summary('login'),
    third_party_requests: foreign.length,
    problems: [...new Set(problems)].slice(0, 10),
  };
  if (foreign.length) log(`third-party requests: ${[...new Set(foreign)].join(', ')}`);
  console.log(JSON.stringify(result));
} finally {
  await browser?.close().catch(() => {});
  if (s) await stopServe(s);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
