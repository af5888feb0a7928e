// coding-view: the coding workspace's document view (src/web/pages/coding/DocumentView.tsx) in Chromium, on a
// generated 20,000-word interview (turns I:/R:, some emoji and combining accents) with 2,000 codings over 15 codes.
// bench/coding-view/harness.tsx is built with Vite (production React) into a temporary directory and served with
// the server's strict CSP. Measured, in the same run, for DocumentView and for a naive baseline (the same text
// and segments as one block, nothing windowed or memoised):
//   open_ms   navigation start → the first paint after the first commit with all data (median of 5 loads)
//   apply_ms  window.__apply() (one more coding through React state) → the paint where its highlight exists
//             (median of 20)
// Also: a jump to the middle of the document (scroll_jump_ms), how many blocks an apply touched, a check that DOM
// selections come back as the right code points (emoji, combining marks, across turns), CSP violations and
// axe-core findings on the view. Goals: open ≤ 500 ms, apply ≤ 100 ms on a 2-core machine.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CODE_NAMES, COLORS, generateInterview } from './interview.mjs';
import { ROOT, log, median, round1, tempDir } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WORDS = 20_000;
const CODINGS = 2_000;
const LOADS = 5;
const APPLIES = 20;
const GOAL = { open_ms: 500, apply_ms: 100 };

if (!fs.existsSync(CHROMIUM)) {
  console.log(JSON.stringify({ bench: 'coding-view', skipped: `no Chromium at ${CHROMIUM}` }));
  process.exit(0);
}

// ---- data ------------------------------------------------------------------------------------------------
function generate() {
  const d = generateInterview({ words: WORDS, codings: CODINGS, marker: true });
  const codes = CODE_NAMES.map((name, i) => ({ id: `code-${i + 1}`, name, color: COLORS[i] }));
  return {
    text: d.text,
    turns: d.turns.map((t) => ({ start: t.start, end: t.end, speaker: t.speaker })),
    codes,
    codings: d.codings.map((c, i) => ({ id: `coding-${i + 1}`, codeId: codes[c.code].id, start: c.start, end: c.end, memo: c.memo ? 'Memo bij deze passage.' : null })),
    words: d.words,
  };
}

// ---- build and serve -------------------------------------------------------------------------------------
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '') || 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- in the page -----------------------------------------------------------------------------------------
/** Runs in the page: one apply, timed to the paint where the new coding's highlight exists. */
async function timeApply() {
  const blocks = new Set();
  const mo = new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const b = el?.closest('.cv-block');
      if (b) blocks.add(b);
    }
  });
  mo.observe(document.getElementById('root'), { subtree: true, childList: true, characterData: true, attributes: true });
  const t0 = performance.now();
  const id = window.__apply();
  const ms = await new Promise((resolve) => {
    const check = () => {
      if (document.querySelector(`[data-codings~="${id}"]`)) {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t0);
        ch.port2.postMessage(0);
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  mo.disconnect();
  return { ms, blocks: blocks.size };
}

/** Runs in the page: scrolls the view to the middle and times the paint where blocks fill the viewport again. */
async function timeJump(fraction) {
  const view = document.querySelector('.cv-scroll');
  const t0 = performance.now();
  view.scrollTop = fraction * (view.scrollHeight - view.clientHeight);
  return new Promise((resolve) => {
    const check = () => {
      const r = view.getBoundingClientRect();
      const el = document.elementFromPoint(r.left + r.width / 3, r.top + r.height / 2);
      if (el?.closest('[data-index]')) {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t0);
        ch.port2.postMessage(0);
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/**
 * Runs in the page: sets DOM selections inside and across rendered blocks and compares what the view reports
 * (window.__selected, code points) with an independent computation from the DOM text (Array.from over the text).
 */
async function checkOffsets() {
  const text = window.__text;
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const cpOf = (u16) => Array.from(text.slice(0, u16)).length;
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  // each rendered block's text element holds exactly one slice of the transcript: find where
  const blocks = [...document.querySelectorAll('[data-index] [data-text]')];
  let pos = 0;
  const located = blocks.map((el) => {
    const from = text.indexOf(el.textContent, pos);
    pos = from + el.textContent.length;
    return { el, from };
  });
  // points at grapheme boundaries, as (text node, offset) and as a UTF-16 index into the whole text
  const points = (b) => {
    const out = [];
    const bounds = new Set([...seg.segment(b.el.textContent)].map((g) => g.index).concat(b.el.textContent.length));
    const walker = document.createTreeWalker(b.el, NodeFilter.SHOW_TEXT);
    let before = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let o = 0; o <= n.data.length; o++) if (bounds.has(before + o)) out.push({ node: n, offset: o, u16: b.from + before + o });
      before += n.data.length;
    }
    return out;
  };
  const sel = document.getSelection();
  const failures = [];
  let checks = 0;
  const expectRange = async (a, b, want, what) => {
    // a click first (collapsed: reported as null), so that the same range twice is reported twice
    sel.collapse(a.node, a.offset);
    await frames();
    window.__selected = undefined;
    sel.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
    await frames();
    checks++;
    const got = window.__selected;
    if (!got || got.start !== want.start || got.end !== want.end) failures.push(`${what}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  let r = 1;
  const rand = (n) => {
    r = (r * 48271) % 2147483647;
    return r % n;
  };
  for (let k = 0; k < 25; k++) {
    const b = located[rand(located.length)];
    const ps = points(b);
    let i = rand(ps.length);
    let j = rand(ps.length);
    if (i === j) continue;
    if (i > j) [i, j] = [j, i];
    await expectRange(ps[i], ps[j], { start: cpOf(ps[i].u16), end: cpOf(ps[j].u16) }, `inside block ${b.from}`);
    await expectRange(ps[j], ps[i], { start: cpOf(ps[i].u16), end: cpOf(ps[j].u16) }, `backwards in block ${b.from}`);
  }
  for (let k = 0; k + 2 < located.length && k < 6; k++) {
    const a = points(located[k]);
    const c = points(located[k + 2]);
    const p = a[rand(a.length)];
    const q = c[rand(c.length)];
    await expectRange(p, q, { start: cpOf(p.u16), end: cpOf(q.u16) }, `across blocks ${k}-${k + 2}`);
  }
  // an emoji with a skin tone, cut in the middle of both surrogate pairs: widened to the whole emoji
  const withEmoji = located.find((b) => b.el.textContent.includes('👍🏽'));
  if (withEmoji) {
    const at = withEmoji.el.textContent.indexOf('👍🏽');
    const find = (u) => {
      const walker = document.createTreeWalker(withEmoji.el, NodeFilter.SHOW_TEXT);
      let before = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (u < before + n.data.length) return { node: n, offset: u - before };
        before += n.data.length;
      }
      return null;
    };
    const a = find(at + 1);
    const b = find(at + 3);
    const u = withEmoji.from + at;
    if (a && b) await expectRange(a, b, { start: cpOf(u), end: cpOf(u) + 2 }, 'inside 👍🏽');
  } else failures.push('no 👍🏽 in the rendered blocks');
  sel.removeAllRanges();
  await frames();
  return { checks, failures };
}

// ---- run ---------------------------------------------------------------------------------------------------
const work = tempDir('tnh-bench-coding-view-');
let server = null;
let browser = null;
try {
  const data = generate();
  log(`generated ${data.words} words (${data.text.length} UTF-16 units, ${[...data.text].length} code points), ${data.turns.length} turns, ${data.codings.length} codings`);

  log('building the harness with Vite…');
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const outDir = path.join(work, 'web');
  await build({
    root: path.join(ROOT, 'bench/coding-view'),
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    base: './',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false }, reportCompressedSize: false },
  });
  fs.writeFileSync(path.join(outDir, 'data.json'), JSON.stringify(data));
  server = await serve(outDir);
  const base = `http://127.0.0.1:${server.address().port}/index.html`;

  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const problems = [];

  async function load(mode) {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`${mode}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${mode}: ${e.message}`));
    await page.goto(`${base}?mode=${mode}`);
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60_000 });
    const r = await page.evaluate(() => ({
      ready: window.__ready,
      data: window.__dataAt,
      marks: Object.fromEntries(['render', 'commit', 'frame'].map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? null])),
      blocks: document.querySelectorAll('[data-index]').length,
      elements: document.getElementsByTagName('*').length,
      csp: window.__csp,
    }));
    for (const c of r.csp) problems.push(`${mode}: CSP ${c}`);
    return { page, ...r };
  }

  const open = { virtual: [], naive: [] };
  const dataMs = { virtual: [], naive: [] };
  const commitMs = { virtual: [], naive: [] };
  let shape = {};
  for (const mode of ['virtual', 'naive']) (await load(mode)).page.close(); // warm-up: caches, code cache
  for (let i = 0; i < LOADS; i++) {
    for (const mode of i % 2 ? ['naive', 'virtual'] : ['virtual', 'naive']) {
      const r = await load(mode);
      open[mode].push(r.ready);
      dataMs[mode].push(r.data);
      shape[mode] = { blocks: r.blocks, elements: r.elements };
      await r.page.close();
      log(`load ${i + 1} ${mode}: ready at ${round1(r.ready)} ms (data ${round1(r.data)}, render ${round1(r.marks.render)}, commit ${round1(r.marks.commit)}, frame ${round1(r.marks.frame)}; ${r.elements} elements, ${r.blocks} blocks rendered)`);
      commitMs[mode].push(r.marks.commit - r.data);
    }
  }

  const apply = { virtual: [], naive: [] };
  const touched = [];
  let offsets = null;
  let jumps = [];
  let a11y = [];
  for (const mode of ['virtual', 'naive']) {
    const { page } = await load(mode);
    await page.waitForTimeout(300);
    for (let i = 0; i < APPLIES; i++) {
      const r = await page.evaluate(timeApply);
      apply[mode].push(r.ms);
      if (mode === 'virtual') touched.push(r.blocks);
      await page.waitForTimeout(50);
    }
    log(`apply ${mode}: ${apply[mode].map(round1).join(', ')} ms`);
    if (mode === 'virtual') {
      offsets = await page.evaluate(checkOffsets);
      log(`offsets: ${offsets.checks} selections checked, ${offsets.failures.length} wrong${offsets.failures.length ? `: ${offsets.failures.slice(0, 5).join('; ')}` : ''}`);
      for (const f of [0.5, 0.9, 0.2, 0.7, 0.35]) {
        jumps.push(await page.evaluate(timeJump, f));
        await page.waitForTimeout(100);
      }
      log(`scroll jumps: ${jumps.map(round1).join(', ')} ms`);
      const require = createRequire(import.meta.url);
      await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      a11y = await page.evaluate(async () => {
        const r = await window.axe.run(document.querySelector('.cv'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      log(`axe: ${a11y.length ? a11y.join(', ') : 'no violations'}`);
    }
    await page.close();
  }

  const result = {
    bench: 'coding-view',
    words: data.words,
    codings: data.codings.length,
    codes: data.codes.length,
    turns: data.turns.length,
    open_ms: round1(median(open.virtual)),
    apply_ms: round1(median(apply.virtual)),
    open_ms_naive: round1(median(open.naive)),
    apply_ms_naive: round1(median(apply.naive)),
    goal: GOAL,
    met: median(open.virtual) <= GOAL.open_ms && median(apply.virtual) <= GOAL.apply_ms,
    data_ms: round1(median(dataMs.virtual)),
    data_to_commit_ms: round1(median(commitMs.virtual)),
    data_to_commit_ms_naive: round1(median(commitMs.naive)),
    open_runs: open.virtual.map(round1),
    open_runs_naive: open.naive.map(round1),
    apply_p90_ms: round1([...apply.virtual].sort((a, b) => a - b)[Math.ceil(0.9 * apply.virtual.length) - 1]),
    apply_blocks_touched: median(touched),
    scroll_jump_ms: round1(median(jumps)),
    rendered_blocks: shape.virtual?.blocks,
    elements: shape.virtual?.elements,
    elements_naive: shape.naive?.elements,
    offsets_ok: offsets ? offsets.failures.length === 0 : null,
    offset_checks: offsets?.checks ?? 0,
    csp_violations: problems.filter((p) => /CSP|Content Security Policy/i.test(p)).length,
    page_errors: problems.filter((p) => !/CSP|Content Security Policy/i.test(p)).length,
    axe: a11y,
    cpus: os.cpus().length,
  };
  for (const p of problems.slice(0, 10)) log(`problem: ${p}`);
  if (offsets?.failures.length) for (const f of offsets.failures.slice(0, 10)) log(`offset check failed: ${f}`);
  console.log(JSON.stringify(result));
} finally {
  await browser?.close();
  server?.close();
  fs.rmSync(work, { recursive: true, force: true });
}
