/**
 * The reflection session in Chromium: recommendations made through the API, the lead creates a session and invites two
 * professionals in the browser (links shown once), two token respondents (one on a phone-sized screen) rate in the
 * browser without an account — one comments by name, the other anonymously — and the lead sees the aggregated ratings
 * and the comments; after closing, the respondent page says so kindly and the lead records a decision; the committee
 * sees the aggregates only. The respondent page makes no third-party requests; axe-core finds no violations; no CSP
 * violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, axeViolations, inviteMember, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Roos Reflectie', email: 'roos@example.org', password: 'roos-wachtwoord-1' };
const COMMITTEE = { name: 'Carla Commissie', email: 'carla@example.org', password: 'carla-wachtwoord-22' };
let slug = '';
let lead: ApiSession;
let links: string[] = [];
let sessionPath = '';
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];
const foreign: string[] = [];

const check = (page: Page, name: string) => recordA11y(page, visited, name);
const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);
const signIn = (who: { email: string; password: string }) => signInPage(browser, server, who, { problems: cspErrors });

async function respondentPage(link: string, phone: boolean): Promise<Page> {
  const ctx = await browser.newContext(phone ? { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } : {});
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  page.on('pageerror', (e) => cspErrors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Reflectiesessie voorjaar' }).waitFor();
  return page;
}

async function rate(page: Page, n: number, importance: number, feasibility: number, comment?: string, anonymous = false) {
  const section = page.getByRole('region', { name: `Aanbeveling ${n}` });
  await section.getByRole('group', { name: 'Hoe belangrijk vindt u deze aanbeveling?' }).getByRole('radio', { name: String(importance) }).check();
  await section.getByRole('group', { name: 'Hoe haalbaar is deze aanbeveling in de praktijk?' }).getByRole('radio', { name: String(feasibility) }).check();
  if (comment) await section.getByLabel('Opmerking (niet verplicht)').fill(comment);
  if (anonymous) await section.getByLabel('Opmerking anoniem versturen').check();
  await section.getByRole('button', { name: `Aanbeveling ${n} opslaan` }).click();
  await section.getByRole('status').filter({ hasText: /Opgeslagen om/ }).waitFor();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLinkApi(server, server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Reflectie in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  expect(study.body.modules.map((m: { key: string }) => m.key)).toContain('reflection');
  // two respondents: a threshold of 2 shows their aggregates
  expect((await api(`/api/studies/${slug}`, { method: 'PATCH', body: { disclosureThreshold: 2 }, session: lead })).status).toBe(200);
  for (const [text, priority] of [
    ['Geef ouders tijdens de plaatsing één vaste contactpersoon.', 'hoog'],
    ['Toets elk half jaar of het kind terug naar huis kan.', 'middel'],
  ])
    expect((await api(`/api/studies/${slug}/recommendations`, { method: 'POST', body: { text, priority }, session: lead })).status).toBe(200);
  await inviteMember(server, slug, lead, COMMITTEE, 'committee');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reflection session', () => {
  it('the lead creates a session and invites two professionals; the links are shown once', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Reflectiesessies' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reflectiesessies' }).waitFor();
    await page.getByText('Er zijn nog geen reflectiesessies.').waitFor();
    await check(page, 'sessions (empty)');
    const form = page.getByRole('region', { name: 'Nieuwe reflectiesessie' });
    await form.getByLabel('Titel').fill('Reflectiesessie voorjaar');
    await form.getByLabel('Datum').fill('2026-04-15');
    await form.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reflectiesessie voorjaar' }).waitFor();
    sessionPath = new URL(page.url()).pathname;
    await page.getByText('2 aanbevelingen', { exact: false }).first().waitFor();

    const inv = page.getByRole('region', { name: 'Genodigden' });
    await inv.getByLabel('Genodigden toevoegen').fill('Anna Jansen (jeugdbeschermer); anna@example.org\nWijkteam Noord');
    await inv.getByRole('button', { name: 'Toevoegen en links maken' }).click();
    const first = page.getByLabel('Persoonlijke link voor Anna Jansen (jeugdbeschermer)');
    await first.waitFor();
    links = [await first.inputValue(), await page.getByLabel('Persoonlijke link voor Wijkteam Noord').inputValue()];
    for (const l of links) expect(l).toMatch(/\/r#RS\.[A-Za-z0-9_-]{43}$/);
    await inv.getByRole('region', { name: 'Tabel van de genodigden' }).getByRole('cell', { name: 'Wijkteam Noord' }).waitFor();
    await check(page, 'session (invitees)');
    // once: after a reload, the names are listed but no link is
    await page.reload();
    await page.getByRole('cell', { name: 'Wijkteam Noord' }).waitFor();
    expect(await page.locator('input[value*="/r#"]').count()).toBe(0);
  });

  it('two respondents rate in the browser without an account (one on a phone, one anonymously)', async () => {
    const a = await respondentPage(links[0], false);
    await a.getByText('welkom, Anna Jansen (jeugdbeschermer)', { exact: false }).waitFor();
    await check(a, 'respondent page');
    await rate(a, 1, 5, 2, 'Belangrijk, maar er is te weinig personeel.');
    await rate(a, 2, 4, 4);

    const b = await respondentPage(links[1], true);
    await rate(b, 1, 3, 3, 'Ouders weten nu vaak niet bij wie ze terecht kunnen.', true);
    await b.getByRole('region', { name: 'Aanbeveling 1' }).getByRole('status').filter({ hasText: /anonieme opmerking is verstuurd/ }).waitFor();
    expect(await b.getByRole('region', { name: 'Aanbeveling 1' }).getByLabel('Opmerking (niet verplicht)').inputValue()).toBe('');
    await rate(b, 2, 2, 5);
    const overflow = await b.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal scroll on the phone').toBeLessThanOrEqual(0);
    visited['respondent page (phone)'] = await axeViolations(b);

    // a reload shows the saved ratings: each link sees only its own
    await a.reload();
    await a.getByRole('heading', { level: 1, name: 'Reflectiesessie voorjaar' }).waitFor();
    const section = a.getByRole('region', { name: 'Aanbeveling 1' });
    expect(await section.getByRole('group', { name: 'Hoe belangrijk vindt u deze aanbeveling?' }).getByRole('radio', { name: '5' }).isChecked()).toBe(true);
    expect(await section.getByLabel('Opmerking (niet verplicht)').inputValue()).toBe('Belangrijk, maar er is te weinig personeel.');
    expect(foreign).toEqual([]);
  });

  it('the lead sees the aggregated ratings and the comments (anonymous without a name)', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}${sessionPath}`);
    const item1 = page.getByRole('article', { name: /^1\. Geef ouders/ });
    const table = item1.getByRole('table', { name: 'Beoordelingen van aanbeveling 1' });
    await table.waitFor();
    const importance = table.getByRole('row', { name: /^Belang/ });
    await expect.poll(async () => (await importance.innerText()).replace(/\s+/g, ' ')).toMatch(/Belang 0 0 1 0 1 2 4,0/);
    expect((await table.getByRole('row', { name: /^Haalbaarheid/ }).innerText()).replace(/\s+/g, ' ')).toMatch(/Haalbaarheid 0 1 1 0 0 2 2,5/);
    await item1.getByText('Anna Jansen (jeugdbeschermer):').waitFor();
    await item1.getByText('Anoniem:').waitFor();
    expect(await item1.getByText('Wijkteam Noord').count()).toBe(0);
    await check(page, 'session (results)');

    // close: the respondent page says so kindly; then a decision
    await page.getByRole('button', { name: 'Sessie sluiten' }).click();
    await page.getByRole('status').filter({ hasText: 'De sessie is gesloten.' }).waitFor();
    const r = await respondentPage(links[0], false);
    await r.getByRole('heading', { name: 'De sessie is gesloten' }).waitFor();
    expect(await r.getByRole('button', { name: /opslaan/ }).count()).toBe(0);
    visited['respondent page (closed)'] = await axeViolations(r);

    const decide = item1.getByRole('form', { name: 'Besluit over aanbeveling 1' });
    await decide.getByLabel('Besluit').selectOption('changed');
    await decide.getByLabel('Waarom (komt in het verslag)').fill('Contactpersoon per gemeente in plaats van per gezin.');
    await decide.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await item1.getByText('Aangepast — Contactpersoon per gemeente in plaats van per gezin.', { exact: false }).waitFor();
    await check(page, 'session (closed, decision)');
    const audit = await api(`/api/studies/${slug}/audit?limit=200`, { session: lead });
    expect(audit.body.events.map((e: { action: string }) => e.action)).toContain('reflection.decision');
  });

  it('the committee sees the aggregates and decisions only', async () => {
    const page = await signIn(COMMITTEE);
    await page.goto(`${server.url}${sessionPath}`);
    const table = page.getByRole('table', { name: 'Beoordelingen van aanbeveling 1' });
    await table.waitFor();
    await page.getByText('Aangepast — Contactpersoon', { exact: false }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/Anna|Wijkteam|te weinig personeel|Anoniem:/);
    expect(await page.getByRole('region', { name: 'Genodigden' }).count()).toBe(0);
    await check(page, 'session (committee)');
  });

  it('has no axe-core violations and no CSP violations on any page visited', () => {
    expect(Object.keys(visited).length).toBeGreaterThanOrEqual(8);
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
