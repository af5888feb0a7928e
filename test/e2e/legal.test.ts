/**
 * The legal framework and the helpdesk signals in Chromium: seed the catalogue from the domain brief and see the
 * 'te verifiëren' badge, filter, add a norm with the form and open its detail with versions; register a signal and
 * see it in the list and in the table (and chart) of signals per theme per month; the committee sees the catalogue
 * and the counts with small cells withheld, never the signals. axe-core finds no violations, the CSP is never violated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, axeViolations, inviteMember, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Lieke Leider', email: 'lieke@example.org', password: 'lieke-wachtwoord-1' };
const COMMITTEE = { name: 'Kees Commissie', email: 'kees@example.org', password: 'kees-wachtwoord-22' };
let slug = '';
let lead: ApiSession;
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];

const check = (page: Page, name: string) => recordA11y(page, visited, name);
const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);
const signIn = (who: { email: string; password: string }, viewport?: { width: number; height: number }) => signInPage(browser, server, who, { problems: cspErrors, viewport });

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLinkApi(server, server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Juridisch kader in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  expect(study.body.modules.map((m: { key: string }) => m.key)).toEqual(expect.arrayContaining(['legal', 'signals']));
  for (const name of ['Contact en omgang', 'Nazorg']) expect((await api(`/api/studies/${slug}/codes`, { method: 'POST', body: { name }, session: lead })).status).toBe(200);
  await inviteMember(server, slug, lead, COMMITTEE, 'committee');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('legal framework', () => {
  it('seeds the catalogue, shows te verifiëren as such, filters, adds a norm and opens it', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Juridisch kader' }).click();
    await page.waitForURL(/\/juridisch-kader$/);
    await page.getByRole('heading', { level: 1, name: 'Juridisch kader' }).waitFor();
    await page.getByRole('heading', { name: 'Nog geen normen' }).waitFor();
    await check(page, 'catalogue (empty)');

    await page.getByRole('button', { name: 'Startcatalogus toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: /normen en \d+ instrumenten toegevoegd/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Verdrag inzake de rechten van het kind/ }).waitFor();
    expect(await page.locator('.verify-badge', { hasText: 'Te verifiëren' }).count()).toBeGreaterThan(10);
    // the verified CRC article and an unverified one side by side, in words
    const art93 = page.locator('li.norm', { hasText: 'art. 9 lid 3' });
    await art93.locator('.tag-ok', { hasText: 'Geverifieerd' }).waitFor();
    expect(await art93.getAttribute('class')).toContain('norm-verified');
    const art12 = page.locator('li.norm', { hasText: 'Recht van het kind om gehoord te worden' });
    expect(await art12.getAttribute('class')).toContain('norm-unverified');
    expect(await art12.locator('.verify-badge').innerText()).toMatch(/Te verifiëren/);
    await check(page, 'catalogue (seeded)');

    const filters = page.getByRole('form', { name: 'Filteren' });
    await filters.getByLabel('Verificatie').selectOption('verified');
    await page.getByText('4 normen; geldende versie op', { exact: false }).waitFor();
    await filters.getByLabel('Verificatie').selectOption('');
    await filters.getByLabel('Fase').selectOption('aftercare');
    await page.locator('li.norm', { hasText: 'Nazorg voor jongeren die de zorg verlaten' }).waitFor();
    await filters.getByLabel('Fase').selectOption('');

    // add a norm with the form (a new instrument)
    const form = page.getByRole('region', { name: 'Norm toevoegen' });
    await form.getByLabel('Instrument', { exact: true }).selectOption('new');
    await form.getByLabel('Soort instrument').selectOption('policy_programme');
    await form.getByLabel('Naam van het instrument').fill('Gemeentelijk beleidskader jeugd 2026');
    await form.getByLabel('Korte naam').fill('Beleidskader 2026');
    await form.getByLabel('Vindplaats').fill('§ 3.2');
    await form.getByLabel('Titel', { exact: true }).fill('Steun aan ouders tijdens de plaatsing');
    await form.getByLabel('Parafrase in eigen woorden').fill('De gemeente biedt ouders hulp zolang hun kind uit huis is geplaatst.');
    await form.getByRole('group', { name: /Fase/ }).getByLabel('Tijdens plaatsing').check();
    await form.getByRole('group', { name: /Soort verplichting/ }).getByLabel('Steun aan ouders').check();
    await form.getByLabel("Thema's").fill('Hulp aan ouders tijdens plaatsing');
    await form.getByRole('button', { name: 'Norm opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Norm "Steun aan ouders tijdens de plaatsing" toegevoegd.' }).waitFor();
    await page.getByRole('link', { name: /§ 3\.2 – Steun aan ouders tijdens de plaatsing/ }).click();
    await page.getByRole('heading', { level: 1, name: /Beleidskader 2026 § 3\.2/ }).waitFor();
    await page.getByText('Deze norm is nog niet aan de primaire bron getoetst', { exact: false }).waitFor();
    await page.getByRole('heading', { level: 3, name: /Versie 1/ }).waitFor();
    await check(page, 'norm detail');

    // a new version from a date: the first is closed the day before
    await page.getByLabel('Geldig vanaf').fill('2026-01-01');
    await page.getByLabel('Omschrijving', { exact: false }).fill('Na herziening');
    await page.getByLabel('Parafrase in eigen woorden').fill('De gemeente biedt ouders binnen twee weken hulp.');
    await page.getByRole('button', { name: 'Versie toevoegen' }).click();
    await page.getByRole('heading', { level: 3, name: /Versie 2 – Na herziening/ }).waitFor();
    await page.getByText(/Geldig van onbekend begin tot en met 31 december 2025/).waitFor();
    await check(page, 'norm detail with versions');

    // edit the norm: verified, with a date, and a sharper title
    await page.getByRole('button', { name: 'Bewerken' }).click();
    const edit = page.getByRole('region', { name: 'Norm bewerken' });
    await edit.getByLabel('Titel', { exact: true }).fill('Hulp aan ouders tijdens de plaatsing');
    await edit.getByLabel('Verificatie', { exact: true }).selectOption('verified');
    await edit.getByLabel('Geverifieerd op').fill('2026-11-01');
    await check(page, 'norm edit form');
    await edit.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: /Hulp aan ouders tijdens de plaatsing/ }).waitFor();
    await page.locator('.tag-ok', { hasText: 'Geverifieerd (1 november 2026)' }).waitFor();
  });
});

describe('helpdesk signals', () => {
  it('registers a signal and sees it in the list and the counts table and chart', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Signalen' }).click();
    await page.waitForURL(/\/signalen$/);
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
    await check(page, 'signals (empty)');

    await page.getByLabel('Datum').fill('2026-02-10');
    await page.getByLabel('Kanaal').selectOption('chat');
    await page.getByLabel('Wie nam contact op').selectOption('kind');
    await page.getByLabel('Leeftijd van het kind').selectOption('12-15');
    await page.getByRole('group', { name: "Thema's" }).getByLabel('Contact en omgang').check();
    await page.getByLabel('Fase', { exact: true }).selectOption('during_placement');
    await page.getByLabel('Regio').fill('Utrecht');
    await page.getByLabel('Samenvatting').fill('Jongere vraagt waarom het bezoek aan haar moeder steeds niet doorgaat.');
    await page.getByRole('button', { name: 'Signaal opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Signaal vastgelegd.' }).waitFor();
    await page.getByRole('cell', { name: /bezoek aan haar moeder/ }).waitFor();
    const table = page.getByRole('table', { name: 'Signalen per thema per maand' });
    await table.waitFor();
    await table.getByRole('rowheader', { name: '2026-02' }).waitFor();
    expect(await table.getByRole('row', { name: /2026-02/ }).innerText()).toMatch(/2026-02\s+1\s+1/);
    await page.locator('.chart-canvas svg').first().waitFor();
    await check(page, 'signals with one signal');

    // a bad CSV: the report, nothing imported
    await page.getByLabel('Of plak de inhoud').fill('datum,kanaal,contact,samenvatting\n2026-02-31,fax,kind,Test\n');
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByRole('table', { name: /Fouten per regel/ }).waitFor();
    await page.getByRole('cell', { name: /geen geldige datum/ }).waitFor();
    await check(page, 'signals import report');
  });

  it('shows the committee the catalogue and the counts with small cells withheld, never the signals', async () => {
    const page = await signIn(COMMITTEE);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Juridisch kader' }).waitFor();
    await page.getByRole('link', { name: 'Signalen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
    const table = page.getByRole('table', { name: 'Signalen per thema per maand' });
    await table.waitFor();
    expect(await table.innerText()).toMatch(/< 10/);
    expect(await page.getByText(/bezoek aan haar moeder/).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Signaal opslaan' }).count()).toBe(0);
    await check(page, 'signals (committee)');
    await page.goto(`${server.url}/onderzoeken/${slug}/juridisch-kader`);
    await page.locator('.verify-badge').first().waitFor();
    expect(await page.getByRole('button', { name: 'Norm opslaan' }).count()).toBe(0);
    await check(page, 'catalogue (committee)');
  });

  it('works on a phone-sized screen', async () => {
    const page = await signIn(LEAD, { width: 375, height: 740 });
    for (const p of ['juridisch-kader', 'signalen']) {
      await page.goto(`${server.url}/onderzoeken/${slug}/${p}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal scroll on ${p}`).toBeLessThanOrEqual(0);
      visited[`phone ${p}`] = await axeViolations(page);
    }
  });

  it('has no axe-core violations and no CSP violations on any page visited', () => {
    expect(Object.keys(visited).length).toBeGreaterThan(8);
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
