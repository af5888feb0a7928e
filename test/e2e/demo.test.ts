/**
 * The newcomer's journey in Chromium: first start (the one-time setup link), the empty start page offers the demo
 * study, "Demostudie laden" runs as a job with a progress bar and opens the study; then every module page of the
 * study shows its content, and axe-core finds no violations on any page.
 * Last, the demo report is built as HTML and as DOCX through the report page and both are downloaded; the DOCX
 * converts to a PDF of at least ten pages with LibreOffice, and the HTML report itself has no axe violations.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type RunningServer, axeViolations, launchChromium, recordA11y, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const ADMIN = { name: 'Nina Nieuw', email: 'nina@example.org', password: 'een-lang-wachtwoord-1' };
const visited: Record<string, string[]> = {};
const problems: string[] = [];
const SLUG = 'terug-naar-huis-demo';

const check = (page: Page, name: string) => recordA11y(page, visited, name);

/** Polls the visible text of the page's main region until it matches (the content arrives after the heading). */
async function waitForText(page: Page, expected: RegExp, what: string) {
  let text = '';
  for (let i = 0; i < 60 && !expected.test(text); i++) {
    if (i) await page.waitForTimeout(500);
    text = await page.locator('main').innerText();
  }
  expect(text, `${what}: ${expected}`).toMatch(expected);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Module page → a text that shows the module has the demo's content. */
const CONTENT: Record<string, RegExp> = {
  leden: /Codeur A \(fictief, demo\)/,
  audit: /Enquête professionals|demo/i,
  dossiers: /FICT-0000\d\d/,
  monitor: /\d/,
  deelnemers: /K-01/,
  interviews: /K-01/,
  documenten: /fictie/,
  'documenten/analyse': /Knelpunt|Goede praktijk/,
  'documenten/teamcodering': /Betrouwbaarheidsronde 1 \(demo\)/,
  enquetes: /Enquête professionals \(demo, fictieve antwoorden\)/,
  'juridisch-kader': /Art\.|artikel|Artikel|te verifiëren/,
  signalen: /\d/,
  toestemming: /K-01/,
  codes: /Contact en omgang/,
  bevindingen: /fictieve demo-bevinding/,
  aanbevelingen: /fictieve demo-aanbeveling/,
  reflectiesessies: /Reflectiesessie met professionals \(demo, fictief\)/,
  rapporten: /onderzoeksrapport \(demo, fictief\)/,
  impact: /demo-aanbeveling|Hervormingsagenda|Toekomstscenario/,
};

describe('the demo study for a newcomer', () => {
  let page: Page;

  it('loads the demo from the empty start page with a progress bar and opens it', async () => {
    const ctx = await browser.newContext();
    page = await ctx.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(server.setupLink!.replace(/http:\/\/[^/]+/, server.url));
    await page.getByLabel('Naam').fill(ADMIN.name);
    await page.getByLabel('E-mailadres').fill(ADMIN.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Herhaal wachtwoord').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Opslaan en inloggen' }).click();
    await page.waitForURL(/\/onderzoeken$/);
    const button = page.getByRole('button', { name: 'Demostudie laden' });
    await button.waitFor();
    await expect(page.getByText(/verzonnen/).count()).resolves.toBeGreaterThan(0);
    await check(page, 'empty start page with the demo offer');

    await button.click();
    await page.getByRole('progressbar', { name: 'Demostudie wordt geladen' }).waitFor();
    await check(page, 'demo loading (progress bar)');
    await page.waitForURL(new RegExp(`/onderzoeken/${SLUG}$`), { timeout: 240_000 });
    await page.getByRole('heading', { level: 1, name: /Terug naar huis \(demo\)/ }).waitFor();
    await page.getByText(/FICTIEF DEMONSTRATIEONDERZOEK/).first().waitFor();
    await check(page, 'demo study home');
  }, 300_000);

  it('opens every module page of the study and sees its content', async () => {
    const study = await (await page.request.get(`${server.url}/api/studies/${SLUG}`)).json();
    const paths = [...new Set([...study.modules.map((m: { path: string }) => m.path), 'documenten/teamcodering', 'toestemming', 'codes'])];
    expect(paths.length).toBeGreaterThanOrEqual(13);
    for (const p of paths) {
      await page.goto(`${server.url}/onderzoeken/${SLUG}/${p}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const expected = CONTENT[p];
      if (expected) {
        await waitForText(page, expected, p);
      }
      else expect((await page.locator('main').innerText()).length, `content of ${p}`).toBeGreaterThan(200);
      await check(page, `module ${p}`);
    }

    // the survey results with the synthetic responses, and one coded transcript
    const surveys = await (await page.request.get(`${server.url}/api/studies/${SLUG}/surveys`)).json();
    await page.goto(`${server.url}/onderzoeken/${SLUG}/enquetes/${surveys.surveys[0].id}/resultaten`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await waitForText(page, /300/, 'survey results');
    await waitForText(page, /Jeugdbeschermer/, 'survey results');
    await check(page, 'survey results');
    const docs = await (await page.request.get(`${server.url}/api/studies/${SLUG}/documents?limit=200`)).json();
    const transcript = docs.documents.find((d: { title: string }) => d.title === 'Interview kind, 10 jaar, weer thuis (fictief)');
    await page.goto(`${server.url}/onderzoeken/${SLUG}/documenten/${transcript.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await waitForText(page, /\[Plaats 1\]/, 'coding workspace');
    await check(page, 'coding workspace');
  }, 300_000);

  it('builds the demo report as HTML and DOCX and downloads both', async () => {
    const list = await (await page.request.get(`${server.url}/api/studies/${SLUG}/reports`)).json();
    const report = list.reports[0];
    await page.goto(`${server.url}/onderzoeken/${SLUG}/rapporten/${report.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check(page, 'report');
    const files: Record<string, Buffer> = {};
    let previous: string | null = null;
    for (const format of ['html', 'docx'] as const) {
      await page.getByLabel('Formaat').selectOption(format);
      await page.getByRole('button', { name: 'Bouwen' }).click();
      const link = page.getByRole('link', { name: 'Rapport downloaden' });
      // the link of this build (not the one of the build before)
      let href: string | null = null;
      for (let i = 0; i < 240 && (!href || href === previous); i++) {
        if (i) await page.waitForTimeout(500);
        href = (await link.count()) ? await link.first().getAttribute('href') : null;
      }
      expect(href).toBeTruthy();
      expect(href).not.toBe(previous);
      previous = href;
      const res = await page.request.get(new URL(href!, server.url).toString());
      expect(res.status()).toBe(200);
      files[format] = Buffer.from(await res.body());
    }
    await check(page, 'report after the builds');
    const html = files.html.toString('utf8');
    expect(html).toMatch(/onderzoeksrapport \(demo, fictief\)/);
    expect(files.docx.subarray(0, 2).toString('latin1')).toBe('PK');
    // the DOCX opens in LibreOffice (installed by scripts/test.mjs, required in CI) and converts to a PDF of 10+ pages
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
    if (soffice || process.env.CI) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnh-demo-docx-'));
      try {
        fs.writeFileSync(path.join(dir, 'rapport.docx'), files.docx);
        execFileSync(soffice ?? 'soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'rapport.docx')], { timeout: 180_000, stdio: 'ignore' });
        const pdf = fs.readFileSync(path.join(dir, 'rapport.pdf')).toString('latin1');
        const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
        expect(pages).toBeGreaterThanOrEqual(10);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    // the standalone HTML report itself has no axe violations
    const view = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await view.setContent(html, { waitUntil: 'load' });
    visited['HTML report'] = await axeViolations(view);
  }, 300_000);

  it('has no axe violations and no CSP problems on any page', () => {
    expect(problems).toEqual([]);
    const bad = Object.entries(visited).filter(([, v]) => v.length);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(Object.keys(visited).length).toBeGreaterThanOrEqual(16);
  });
});
