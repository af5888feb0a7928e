/**
 * The report builder in Chromium: create a report from the template, reorder a chapter with the keyboard, insert a
 * survey block through the dialog and save, preview (the block's chart and table with small cells withheld), build
 * the HTML as a job with a progress bar and download it (the standalone report has no axe violations either),
 * freeze a version; the committee sees only the frozen version. axe-core finds no violations, the CSP holds.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, axeViolations, inviteMember, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Rianne Rapport', email: 'rianne@example.org', password: 'rianne-wachtwoord-1' };
const COMMITTEE = { name: 'Kees Commissie', email: 'kees@example.org', password: 'kees-wachtwoord-22' };
let slug = '';
let lead: ApiSession;
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];

const DEF = {
  title: 'Enquête rapport',
  pages: [{ name: 'p1', elements: [{ type: 'radiogroup', name: 'rol', title: 'Wat is uw functie?', choices: [{ value: 'jb', text: 'Jeugdbeschermer' }, { value: 'pz', text: 'Pleegzorgwerker' }, { value: 'an', text: 'Anders' }] }] }],
};

async function api(path: string, init: { method?: string; body?: unknown; session?: ApiSession; headers?: Record<string, string> }) {
  const r = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.session ? { cookie: init.session.cookie, 'x-csrf-token': init.session.csrf } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: r.status, body: await r.json() };
}
const check = (page: Page, name: string) => recordA11y(page, visited, name);
const signIn = (who: { email: string; password: string }) => signInPage(browser, server, who, { problems: cspErrors });

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLinkApi(server, server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Rapport in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  expect(study.body.modules.map((m: { key: string }) => m.key)).toContain('reports');
  const survey = await api(`/api/studies/${slug}/surveys`, { method: 'POST', body: { title: 'Enquête rapport', definition: DEF }, session: lead });
  expect(survey.status, JSON.stringify(survey.body)).toBe(200);
  const published = await api(`/api/studies/${slug}/surveys/${survey.body.id}/publish`, { method: 'POST', body: {}, session: lead });
  const token = String(published.body.publicUrl).split('#')[1];
  // 22 respondents: 14 jeugdbeschermers, 5 pleegzorg, 3 anders (the last two are below the threshold of 10)
  const people = [...Array.from({ length: 14 }, () => ({ rol: 'jb' })), ...Array.from({ length: 5 }, () => ({ rol: 'pz' })), ...Array.from({ length: 3 }, () => ({ rol: 'an' }))];
  for (const answers of people) {
    const r = await api('/api/respond/complete', { method: 'POST', body: { idempotencyKey: crypto.randomUUID(), page: 'p1', answers }, headers: { 'x-survey-token': token } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  await inviteMember(server, slug, lead, COMMITTEE, 'committee');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('report builder', () => {
  it('creates a report from the template, inserts a survey block, previews, builds HTML as a job and freezes a version', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Rapporten' }).click();
    await page.waitForURL(/\/rapporten$/);
    await page.getByRole('heading', { level: 1, name: 'Rapporten' }).waitFor();
    await check(page, 'list (empty)');

    await page.getByLabel('Titel').fill('Eindrapport Terug naar huis');
    expect(await page.getByLabel('Begin met het sjabloon').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Rapport maken' }).click();
    await page.waitForURL(/\/rapporten\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Eindrapport Terug naar huis' }).waitFor();
    const chapters = page.getByRole('region', { name: 'Hoofdstukken' });
    await expect.poll(() => chapters.getByRole('listitem').count(), { timeout: 10_000 }).toBe(10);
    await check(page, 'editor');

    // reorder with the keyboard: "Samenvatting" one place down, focus stays on its button
    await chapters.getByRole('button', { name: '"Samenvatting" een plaats omlaag' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '"Samenvatting" staat nu op plaats 2.' }).waitFor();
    expect(await chapters.getByRole('listitem').first().innerText()).toMatch(/^Inleiding/);

    // open "Resultaten", insert a survey block through the dialog, save
    await chapters.getByRole('button', { name: 'Resultaten', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Hoofdstuk bewerken: Resultaten' }).waitFor();
    await page.getByRole('toolbar', { name: 'Opmaak' }).getByRole('button', { name: 'Blok invoegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Blok invoegen' });
    await dialog.getByLabel('Enquêtevraag (grafiek en tabel)').check();
    await dialog.getByLabel('Vragenlijst', { exact: true }).selectOption({ label: 'Enquête rapport' });
    await dialog.getByLabel('Vraag', { exact: true }).selectOption({ label: 'Wat is uw functie?' });
    await check(page, 'insert block dialog');
    await dialog.getByRole('button', { name: 'Invoegen' }).click();
    const text = page.getByLabel('Tekst (Markdown)');
    expect(await text.inputValue()).toMatch(/\[\[blok:survey-question survey=[0-9a-f-]{36} question=rol\]\]/);
    await page.getByRole('button', { name: 'Hoofdstuk opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).first().waitFor();

    // preview: the block's chart and table, small cells withheld and the change listed
    await page.getByRole('button', { name: 'Voorbeeld tonen' }).click();
    const preview = page.getByRole('region', { name: 'Voorbeeld' });
    await preview.getByRole('table', { name: /Wat is uw functie\? \(n = 22\)/ }).waitFor();
    await preview.locator('figure.report-block svg').first().waitFor();
    expect(await preview.getByRole('row', { name: /Pleegzorgwerker/ }).innerText()).toMatch(/<10/);
    await preview.getByText(/Gewijzigd of geweigerd door de controle/).waitFor();
    await check(page, 'preview');

    // build HTML as a job with a progress bar, download it
    const build = page.getByRole('region', { name: 'Bouwen en downloaden' });
    await build.getByLabel('Formaat').selectOption('html');
    await build.getByRole('button', { name: 'Bouwen' }).click();
    await build.getByRole('progressbar').waitFor();
    await build.getByRole('status').filter({ hasText: 'Het rapport is klaar.' }).waitFor({ timeout: 60_000 });
    const link = build.getByRole('link', { name: 'Rapport downloaden' });
    const href = await link.getAttribute('href');
    const res = await page.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<html lang="nl">/);
    await check(page, 'built');

    // the standalone HTML report itself: no axe violations, no requests
    const standalone = await page.context().newPage();
    const requests: string[] = [];
    standalone.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await standalone.setContent(html, { waitUntil: 'load' });
    visited['standalone HTML report'] = await axeViolations(standalone);
    expect(requests).toEqual([]);
    await standalone.close();

    // freeze a version
    const versions = page.getByRole('region', { name: 'Versies' });
    await versions.getByLabel('Omschrijving van de versie').fill('Voor de begeleidingscommissie');
    await versions.getByRole('button', { name: 'Versie bevriezen' }).click();
    await versions.getByRole('status').filter({ hasText: 'Versie 1 is bevroren.' }).waitFor({ timeout: 60_000 });
    await versions.getByRole('row', { name: /Versie 1 — Voor de begeleidingscommissie/ }).waitFor();
    await check(page, 'frozen');
    await page.context().close();
  });

  it('the committee sees only frozen versions', async () => {
    const page = await signIn(COMMITTEE);
    await page.goto(`${server.url}/onderzoeken/${slug}/rapporten`);
    await page.getByRole('link', { name: 'Eindrapport Terug naar huis' }).click();
    await page.getByText('U leest de bevroren versies van dit rapport.').waitFor();
    expect(await page.getByRole('region', { name: 'Hoofdstukken' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Versie 1 tonen' }).click();
    await page.getByRole('table', { name: /Wat is uw functie\?/ }).waitFor();
    await check(page, 'committee version');
    await page.context().close();
  });

  it('has no axe violations and no CSP errors', () => {
    expect(Object.fromEntries(Object.entries(visited).filter(([, v]) => v.length))).toEqual({});
    expect(cspErrors).toEqual([]);
  });
});
