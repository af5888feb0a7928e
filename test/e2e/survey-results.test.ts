/**
 * Survey results in Chromium: a survey made and published through the API, answered by 24 anonymous respondents
 * through /api/respond; the results page draws Vega-Lite charts (SVG inside the chart figures, loaded lazily, no CSP
 * violation), keeps the tables, shows the crosstab with chi-square and the expected-count warning, and a filter added
 * with the selects changes n (and the URL) and can be removed again. axe-core finds no violations.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type RunningServer, acceptLinkApi, axeViolations, launchChromium, recordA11y, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Rianne Resultaat', email: 'rianne@example.org', password: 'rianne-wachtwoord-1' };
let slug = '';
let surveyId = '';
let lead: { cookie: string; csrf: string };
const cspErrors: string[] = [];
const violations: Record<string, string[]> = {};

const DEF = {
  title: 'Enquête resultaten',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Wat is uw functie?', choices: [{ value: 'jb', text: 'Jeugdbeschermer' }, { value: 'pz', text: 'Pleegzorgwerker' }, { value: 'an', text: 'Anders' }] },
        { type: 'boolean', name: 'wachtlijst', title: 'Zijn er wachtlijsten?' },
        { type: 'rating', name: 'tevreden', title: 'Hoe tevreden bent u over de samenwerking?', rateMin: 1, rateMax: 5 },
        { type: 'matrix', name: 'stel', title: 'Stellingen', columns: ['oneens', 'neutraal', 'eens'], rows: [{ value: 'ouders', text: 'Ouders worden betrokken' }, { value: 'kind', text: 'Het kind wordt gehoord' }] },
      ],
    },
  ],
};

async function api(path: string, init: { method?: string; body?: unknown; session?: { cookie: string; csrf: string }; headers?: Record<string, string> }) {
  const r = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.session ? { cookie: init.session.cookie, 'x-csrf-token': init.session.csrf } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: r.status, body: await r.json() };
}

const acceptLink = (link: string, body: Record<string, string>) => acceptLinkApi(server, link, body);

const check = (page: Page, name: string) => recordA11y(page, violations, name);

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLink(server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Resultaten in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  const survey = await api(`/api/studies/${slug}/surveys`, { method: 'POST', body: { title: 'Enquête resultaten', definition: DEF }, session: lead });
  expect(survey.status, JSON.stringify(survey.body)).toBe(200);
  surveyId = survey.body.id;
  const published = await api(`/api/studies/${slug}/surveys/${surveyId}/publish`, { method: 'POST', body: {}, session: lead });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  const token = String(published.body.publicUrl).split('#')[1];
  // 24 respondents: 12 jeugdbeschermers (10 with waiting lists), 8 pleegzorg (2), 4 anders (1)
  const people = [
    ...Array.from({ length: 12 }, (_, i) => ({ rol: 'jb', wachtlijst: i < 10, tevreden: (i % 3) + 2, stel: { ouders: 'eens', kind: i % 2 ? 'neutraal' : 'oneens' } })),
    ...Array.from({ length: 8 }, (_, i) => ({ rol: 'pz', wachtlijst: i < 2, tevreden: (i % 2) + 4, stel: { ouders: 'neutraal', kind: 'eens' } })),
    ...Array.from({ length: 4 }, (_, i) => ({ rol: 'an', wachtlijst: i < 1, tevreden: 1 })),
  ];
  for (const answers of people) {
    const r = await api('/api/respond/complete', { method: 'POST', body: { idempotencyKey: crypto.randomUUID(), page: 'p1', answers }, headers: { 'x-survey-token': token } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('survey results in the browser', () => {
  it('shows charts, the crosstab with chi-square, and filters that change n', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mailadres').fill(LEAD.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(LEAD.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/onderzoeken$/);

    await page.goto(`${server.url}/onderzoeken/${slug}/enquetes/${surveyId}/resultaten`);
    await page.getByRole('heading', { level: 1, name: 'Resultaten van de enquête' }).waitFor();
    await page.getByText('n = 24 voltooide antwoorden').waitFor();

    // charts: a figure with an SVG drawn by Vega (lazily loaded), with an accessible name, and the table stays
    const bars = page.getByRole('img', { name: /Staafdiagram van de antwoorden op ‘Wat is uw functie\?’/ });
    await bars.locator('svg').first().waitFor({ timeout: 30_000 });
    expect(await bars.locator('svg').first().textContent()).toContain('Jeugdbeschermer');
    await page.getByRole('img', { name: /Gestapelde staven \(100%\) van de antwoorden op ‘Stellingen’/ }).locator('svg').first().waitFor();
    await page.getByRole('img', { name: /Gemiddelde van ‘Hoe tevreden bent u over de samenwerking\?’/ }).locator('svg').first().waitFor();
    expect(await page.locator('figure.chart-figure svg').count()).toBeGreaterThanOrEqual(5);
    await page.getByRole('region', { name: 'Wat is uw functie?', exact: true }).getByRole('table').waitFor();

    // the crosstab: by default the first two closed questions (functie × wachtlijsten)
    const crosstab = page.locator('section[aria-labelledby="results-crosstab"]');
    await expect.poll(() => crosstab.getByLabel('Vraag in de rijen').inputValue()).toBe('rol');
    await crosstab.getByRole('table').waitFor();
    await crosstab.getByRole('heading', { name: 'Chi-kwadraattoets' }).waitFor();
    await crosstab.getByText('χ²').waitFor();
    await crosstab.getByText('Cramér’s V').waitFor();
    // anders has 4 people: expected counts 11/6 and 13/6 are below 5
    await crosstab.getByText(/Let op: kleine verwachte aantallen/).waitFor();
    expect(await crosstab.getByRole('row', { name: /Jeugdbeschermer/ }).textContent()).toContain('10 (83,3%)');
    // another pair: a statement against the function
    await crosstab.getByLabel('Vraag in de kolommen').selectOption('stel.ouders');
    await crosstab.getByRole('columnheader', { name: 'neutraal' }).waitFor();
    expect(page.url()).toContain('kolom=stel.ouders');
    await check(page, 'results with charts and crosstab');

    // a filter: functie = Pleegzorgwerker → n = 8 of 24, also in the crosstab and the charts
    const filters = page.locator('section[aria-labelledby="results-filters"]');
    await filters.getByLabel('Filteren op vraag').selectOption('rol');
    await filters.getByLabel('Met antwoord').selectOption('pz');
    await filters.getByRole('button', { name: 'Filter toevoegen' }).click();
    await page.getByText('n = 8 van 24 voltooide antwoorden (gefilterd)').waitFor();
    expect(page.url()).toContain('filter=rol%3Apz');
    await filters.getByRole('button', { name: 'Filter Wat is uw functie?: Pleegzorgwerker verwijderen' }).waitFor();
    await crosstab.getByText('n = 8 (voltooide antwoorden op beide vragen)').waitFor();
    await bars.locator('svg').first().waitFor();
    await check(page, 'results filtered');

    // a second filter on another question narrows further; removing the first widens again
    await filters.getByLabel('Filteren op vraag').selectOption('wachtlijst');
    await filters.getByLabel('Met antwoord').selectOption('true');
    await filters.getByRole('button', { name: 'Filter toevoegen' }).click();
    await page.getByText('n = 2 van 24 voltooide antwoorden (gefilterd)').waitFor();
    await filters.getByRole('button', { name: 'Filter Wat is uw functie?: Pleegzorgwerker verwijderen' }).click();
    await page.getByText('n = 13 van 24 voltooide antwoorden (gefilterd)').waitFor();
    await filters.getByRole('button', { name: /Filter Zijn er wachtlijsten\?: .* verwijderen/ }).click();
    await page.getByText('n = 24 voltooide antwoorden').waitFor();

    // a filter in the URL that does not exist: the Dutch 400 and a way out
    await page.goto(`${server.url}/onderzoeken/${slug}/enquetes/${surveyId}/resultaten?filter=rol:directeur`);
    await page.getByRole('alert').getByText(/geen antwoord op de vraag/).waitFor();
    await page.getByRole('button', { name: 'Alle filters wissen' }).click();
    await page.getByText('n = 24 voltooide antwoorden').waitFor();
    await ctx.close();

    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    expect(cspErrors).toEqual([]);
  });
});
