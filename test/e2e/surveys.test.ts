/**
 * The survey among professionals in Chromium: build a small survey in the editor (two pages, one required question),
 * publish it, answer it as an anonymous respondent on a 375 px phone across two pages with a validation error
 * corrected, leave and resume with the resume link, complete; see it counted in the results and export XLSX and read
 * it back. axe-core finds no violations on any page visited and the CSP is never violated.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, axeViolations, launchChromium, recordA11y, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Lotte Leider', email: 'lotte@example.org', password: 'lotte-wachtwoord-1' };
let slug = '';
let lead: { cookie: string; csrf: string };
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];
const foreignRequests: string[] = [];

const check = (page: Page, name: string) => recordA11y(page, visited, name);

const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);

const acceptLink = (link: string, body: Record<string, string>) => acceptLinkApi(server, link, body);

function watch(ctx: BrowserContext) {
  ctx.on('page', (p) => watchPage(p));
  ctx.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreignRequests.push(r.url());
  });
}
function watchPage(page: Page) {
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
}

async function signIn(who: { email: string; password: string }) {
  const ctx = await browser.newContext();
  watch(ctx);
  const page = await ctx.newPage();
  watchPage(page);
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-mailadres').fill(who.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/onderzoeken$/);
  return page;
}

async function phone() {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  watch(ctx);
  const page = await ctx.newPage();
  watchPage(page);
  return page;
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLink(server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Enquête in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Answers a survey as an anonymous respondent on a phone: the required question is skipped first (an error). */
async function answerOnPhone(url: string, title: string) {
  const page = await phone();
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByText('Wat is uw functie?').waitFor();
  await check(page, 'respondent page 1 (phone)');
  await noSidewaysScroll(page);

  // the required question left empty: SurveyJS says so next to the question, in Dutch, and stays on the page
  // with a show-if on page 2 the button reads "Verzenden" until the answer makes page 2 visible
  await page.getByRole('button', { name: /^(Volgende|Verzenden)$/ }).click();
  await page.getByText(/vereiste vraag/i).first().waitFor();
  await check(page, 'respondent page 1 with error (phone)');
  await page.getByText('Jeugdbeschermer', { exact: true }).click();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByText('Hoeveel jaar werkt u in dit veld?').waitFor();

  // the first save gives the anonymous respondent a resume link with a copy button
  const resume = page.getByLabel('Link om later verder te gaan');
  await resume.waitFor();
  const resumeUrl = await resume.inputValue();
  expect(resumeUrl).toMatch(/\/s#.+/);
  await expect.poll(() => page.getByRole('button', { name: 'Link kopiëren' }).count(), { timeout: 10_000 }).toBe(1);
  await check(page, 'respondent page 2 with resume link (phone)');
  await noSidewaysScroll(page);
  await page.context().close();
  return resumeUrl;
}

async function resumeAndComplete(resumeUrl: string, checkMax: boolean) {
  const page = await phone();
  await page.goto(resumeUrl);
  // back on the second page, the first answer kept
  await page.getByText('Hoeveel jaar werkt u in dit veld?').waitFor({ timeout: 10_000 }).catch(async (e) => {
    throw new Error(`${e}\n${await page.locator('body').innerText()}`);
  });
  const years = page.getByRole('spinbutton').or(page.getByRole('textbox')).first();
  // a number outside the range is refused next to the question
  if (checkMax) {
    await years.fill('120');
    await page.getByRole('button', { name: 'Verzenden' }).click();
    await page.getByText(/niet groter zijn dan 60/).first().waitFor();
  }
  await years.fill('7');
  await page.getByRole('button', { name: 'Verzenden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hartelijk dank!' }).waitFor();
  await check(page, 'respondent done (phone)');
  // the same link again: completed, said kindly
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'U heeft deze vragenlijst al ingevuld' }).waitFor();
  await check(page, 'respondent already completed (phone)');
  await page.context().close();
}

const SMALL_SURVEY = {
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Wat is uw functie?', isRequired: true, choices: [{ value: 'jb', text: 'Jeugdbeschermer' }, { value: 'pz', text: 'Pleegzorgmedewerker' }] },
      ],
    },
    { name: 'p2', elements: [{ type: 'text', inputType: 'number', name: 'jaren', title: 'Hoeveel jaar werkt u in dit veld?', min: 0, max: 60 }] },
  ],
};

describe('survey respondent page', () => {
  it('answers a published survey on a phone, resumes with the resume link and completes once', async () => {
    const created = await api(`/api/studies/${slug}/surveys`, { method: 'POST', body: { title: 'Enquête via de API', definition: SMALL_SURVEY }, session: lead });
    expect(created.status).toBe(200);
    const id = created.body.id;
    expect((await api(`/api/studies/${slug}/surveys/${id}/publish`, { method: 'POST', body: {}, session: lead })).status).toBe(200);
    const link = await api(`/api/studies/${slug}/surveys/${id}/public-link`, { method: 'POST', body: {}, session: lead });
    expect(link.status).toBe(200);
    const resumeUrl = await answerOnPhone(link.body.url.replace(/^https?:\/\/[^/]+/, server.url), 'Enquête via de API');
    await resumeAndComplete(resumeUrl.replace(/^https?:\/\/[^/]+/, server.url), true);
    const detail = await api(`/api/studies/${slug}/surveys/${id}`, { session: lead });
    expect(detail.body.counts.completed).toBe(1);
  });

  it('says kindly that a link does not work', async () => {
    const page = await phone();
    await page.goto(`${server.url}/s#onzin`);
    await page.getByRole('heading', { level: 1, name: 'Deze link werkt niet (meer)' }).waitFor();
    await check(page, 'respondent bad link (phone)');
    await page.goto(`${server.url}/s`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Deze link is niet compleet' }).waitFor();
    await page.context().close();
  });
});

describe('survey editor, respondent and results', () => {
  it('builds a survey in the editor, publishes it, is answered and resumed on a phone, and counts and exports it', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Enquêtes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enquêtes' }).waitFor();
    await check(page, 'survey list');
    await page.getByLabel('Titel').fill('Korte enquête');
    await page.getByRole('button', { name: 'Enquête maken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Korte enquête' }).waitFor();

    // page 1: a required single choice
    await page.getByLabel('Soort nieuwe vraag op pagina 1').selectOption('radiogroup');
    await page.getByRole('button', { name: 'Vraag toevoegen aan pagina 1' }).click();
    const q1 = page.getByRole('group', { name: /^Vraag 1\.1/ });
    // the new question's text has focus, so the keyboard user types on
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe('Vraagtekst (Nederlands)');
    await q1.getByLabel('Variabelenaam').fill('rol');
    await q1.getByLabel('Vraagtekst (Nederlands)').fill('Wat is uw functie?');
    await q1.getByLabel('Vraagtekst (Engels)').fill('What is your role?');
    await q1.getByLabel('Antwoordopties').fill('Jeugdbeschermer | Child protection worker\nPleegzorgmedewerker | Foster care worker');
    await q1.getByLabel('Antwoord verplicht').check();
    // a second question, moved above the first with the keyboard and deleted again
    await page.getByLabel('Soort nieuwe vraag op pagina 1').selectOption('comment');
    await page.getByRole('button', { name: 'Vraag toevoegen aan pagina 1' }).click();
    await page.getByRole('button', { name: 'Vraag 1.2 omhoog' }).click();
    await page.getByRole('group', { name: /^Vraag 1\.2: Wat is uw functie/ }).waitFor();
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByRole('group', { name: /^Vraag 1\.1: Wat is uw functie/ }).waitFor();
    await page.getByRole('button', { name: 'Vraag 1.2 verwijderen' }).click();
    expect(await page.getByRole('group', { name: /^Vraag 1\.2/ }).count()).toBe(0);

    // page 2: a number, shown only to child protection workers
    await page.getByRole('button', { name: 'Pagina toevoegen' }).click();
    await page.getByLabel('Soort nieuwe vraag op pagina 2').selectOption('number');
    await page.getByRole('button', { name: 'Vraag toevoegen aan pagina 2' }).click();
    const q2 = page.getByRole('group', { name: /^Vraag 2\.1/ });
    await q2.getByLabel('Variabelenaam').fill('jaren');
    await q2.getByLabel('Vraagtekst (Nederlands)').fill('Hoeveel jaar werkt u in dit veld?');
    await q2.getByLabel('Tonen als de vraag').selectOption('rol');
    await q2.getByLabel('Waarde', { exact: true }).selectOption('jeugdbeschermer');
    // the live preview shows the draft as respondents see it
    await page.locator('.survey-preview').getByText('Wat is uw functie?').waitFor();
    await check(page, 'survey editor');

    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByText('Versie 1 is gepubliceerd.').waitFor();
    // the raw JSON shows the saved definition with the condition
    await page.getByText('JSON tonen en bewerken').click();
    expect(await page.getByLabel('Definitie in SurveyJS-JSON').inputValue()).toMatch(/"visibleIf": "\{rol\} = 'jeugdbeschermer'"/);
    // publishing an anonymous survey may already make the public link; otherwise make it here
    await page.getByRole('button', { name: /Openbare link maken|Nieuwe openbare link/ }).waitFor();
    if (await page.getByRole('button', { name: 'Openbare link maken' }).count()) await page.getByRole('button', { name: 'Openbare link maken' }).click();
    const url = await page.getByLabel('Openbare link', { exact: true }).inputValue();
    expect(url).toMatch(/\/s#.+/);
    await check(page, 'survey editor (published)');
    const surveyPath = new URL(page.url()).pathname;

    const resumeUrl = await answerOnPhone(url.replace(/^https?:\/\/[^/]+/, server.url), 'Korte enquête');
    await resumeAndComplete(resumeUrl.replace(/^https?:\/\/[^/]+/, server.url), false);

    // counted in the results
    await page.goto(`${server.url}${surveyPath}/resultaten`);
    await page.getByRole('heading', { level: 1, name: 'Resultaten van de enquête' }).waitFor();
    const completed = page.locator('dt', { hasText: /^Voltooid$/ }).locator('xpath=following-sibling::dd[1]');
    expect(await completed.first().textContent()).toBe('1');
    await page.getByRole('heading', { level: 3, name: 'Wat is uw functie?' }).waitFor();
    await check(page, 'survey results');

    // XLSX export as a job, read back
    await page.getByLabel('Bestandsformaat').selectOption('xlsx');
    await page.getByRole('button', { name: 'Export starten' }).click();
    const link = page.getByRole('link', { name: 'Export downloaden' });
    await link.waitFor();
    expect(await page.getByRole('progressbar', { name: 'Voortgang van de export' }).getAttribute('aria-valuenow')).toBe('100');
    await check(page, 'survey results with export');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = fs.readFileSync((await download.path())!);
    let xlsx: Buffer = file;
    if (file[0] === 0x50 && file[1] === 0x4b && !unzipSync(new Uint8Array(file))['[Content_Types].xml']) {
      const entries = unzipSync(new Uint8Array(file));
      const name = Object.keys(entries).find((n) => n.endsWith('.xlsx'));
      expect(name).toBeTruthy();
      xlsx = Buffer.from(entries[name!]);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const data = wb.worksheets[0];
    const header = (data.getRow(1).values as unknown[]).map(String);
    expect(header).toEqual(expect.arrayContaining(['rol', 'jaren']));
    const row = data.getRow(2).values as unknown[];
    // closed answers are coded (1 = Jeugdbeschermer in the codebook) or given as their value
    expect(String(row[header.indexOf('rol')])).toMatch(/^(jeugdbeschermer|Jeugdbeschermer|1)$/);
    expect(Number(row[header.indexOf('jaren')])).toBe(7);
    void strFromU8;
  });
});

describe('every page', () => {
  it('has no axe violations, no CSP violations and no third-party requests', () => {
    for (const [name, violations] of Object.entries(visited)) expect({ name, violations }).toEqual({ name, violations: [] });
    expect(cspErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
