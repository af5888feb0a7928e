/**
 * The case-file study and the reunification monitor in Chromium: code a case with a timeline that breaks a legal rule
 * and see the flag while typing, save and find it again; import CSV files (a bad pair gives the problem report and
 * imports nothing, a good pair imports; delete a case); second-code a case as another member and see the agreement table; open the
 * monitor with its cards, the chart and the chart's data table. axe-core finds no violations on any page, the CSP
 * is never violated, and nothing scrolls sideways on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, axeViolations, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Lotte Leider', email: 'lotte@example.org', password: 'lotte-wachtwoord-1' };
const CODER = { name: 'Cas Codeur', email: 'cas@example.org', password: 'cas-wachtwoord-22' };
let slug = '';
let caseUrl = '';
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];

const check = (page: Page, name: string) => recordA11y(page, visited, name);

const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);

const acceptLink = (link: string, body: Record<string, string>) => acceptLinkApi(server, link, body);

const signIn = (who: { email: string; password: string }, viewport?: { width: number; height: number }) => signInPage(browser, server, who, { problems: cspErrors, viewport });

async function importFiles(page: Page, cases: string, events: string) {
  await page.getByLabel('Dossiers (cases.csv)').setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(cases) });
  await page.getByLabel('Gebeurtenissen (events.csv)').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(events) });
  await page.getByRole('button', { name: 'Importeren', exact: true }).click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  // The first administrator through the API the setup page uses; a study through the API as well.
  const lead = await acceptLink(server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Dossiers in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  expect(study.body.modules.map((m: { key: string }) => m.key)).toEqual(expect.arrayContaining(['dossiers', 'monitor']));
  // A coder for the second coding.
  const added = await api(`/api/studies/${slug}/members`, { method: 'POST', body: { email: CODER.email, role: 'coder' }, session: lead });
  expect(added.status).toBe(200);
  await acceptLink(added.body.invitationLink, { name: CODER.name, password: CODER.password });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('case-file study', () => {
  it('codes a case with a timeline, shows the legal-rule flag while typing, saves and finds it again', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Dossieronderzoek' }).click();
    await page.waitForURL(/\/dossiers$/);
    await page.getByRole('heading', { level: 1, name: 'Dossieronderzoek' }).waitFor();
    await page.getByText('Er zijn nog geen dossiers.').waitFor();
    await check(page, 'case list (empty)');

    await page.getByRole('link', { name: 'Nieuw dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuw dossier' }).waitFor();
    await page.getByLabel('Dossiercode').fill('TEST-001');
    await page.getByLabel('Geboortemaand').fill('2015-04');
    await page.getByLabel('Geslacht').selectOption('f');
    await page.getByLabel('Regio', { exact: true }).fill('Utrecht');
    await page.getByRole('group', { name: 'Redenen van de uithuisplaatsing' }).getByLabel('Verwaarlozing').check();

    const events: [string, string, string?][] = [
      ['2020-01-10', 'ots_start'],
      ['2020-01-15', 'muhp_start'], // no placement within 3 months: the authorisation lapses (art. 1:265c lid 3 BW)
      ['2020-06-02', 'placement_start', 'foster_kin'],
      ['2021-03-01', 'reunification'],
      ['2023-12-31', 'observation_end'],
    ];
    for (const [i, [date, type, detail]] of events.entries()) {
      const n = i + 1;
      await page.getByRole('button', { name: 'Gebeurtenis toevoegen' }).click();
      // the new row's date has focus, so the keyboard user types on
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe(`Datum gebeurtenis ${n}`);
      await page.getByLabel(`Datum gebeurtenis ${n}`).fill(date);
      await page.getByLabel(`Soort gebeurtenis ${n}`).selectOption(type);
      if (detail) await page.getByLabel(`Plaatsingsvorm gebeurtenis ${n}`).selectOption(detail);
    }
    // the live check flags the lapsed authorisation, with its legal basis, and marks its row
    const flags = page.getByRole('status').filter({ hasText: 'Signalering' });
    await flags.getByText(/niet binnen 3 maanden ten uitvoer gelegd/).waitFor();
    expect(await flags.getByText('art. 1:265c lid 3 BW').count()).toBeGreaterThan(0);
    expect(await page.locator('.tl-row').nth(1).getAttribute('class')).toContain('tl-row-flag-warning');
    await expect.poll(() => page.getByRole('img', { name: /^Tijdlijn van .*1 plaatsingsperiode.*1 terugplaatsing/ }).count(), { timeout: 10_000 }).toBe(1);
    await check(page, 'new case with flags');

    // flags never block saving
    await page.getByRole('button', { name: 'Dossier opslaan' }).click();
    await page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Dossier TEST-001' }).waitFor();
    caseUrl = page.url();
    await page.getByText('Dossier TEST-001 is opgeslagen.').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dossier TEST-001' }).waitFor();
    expect(await page.getByLabel('Geboortemaand').inputValue()).toBe('2015-04');
    expect(await page.getByLabel('Soort gebeurtenis 2').inputValue()).toBe('muhp_start');
    expect(await page.getByLabel('Plaatsingsvorm gebeurtenis 3').inputValue()).toBe('foster_kin');
    await page.getByText(/niet binnen 3 maanden ten uitvoer gelegd/).first().waitFor();
    await check(page, 'case (saved)');

    await page.getByRole('link', { name: 'Dossieronderzoek' }).click();
    await page.getByLabel('Alleen met signaleringen').check();
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.waitForURL(/signaleringen=ja/);
    const row = page.getByRole('row', { name: /TEST-001/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('april 2015');
    await check(page, 'case list (filtered)');
  });

  it('imports CSV files: a bad row gives the problem report and imports nothing; a good pair imports', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}/dossiers`);
    await page.getByRole('link', { name: 'Importeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers importeren' }).waitFor();
    await check(page, 'import');

    const header = 'case_id,birth_month,sex,region,placement_reasons,parent_factors';
    const eventsHeader = 'case_id,date,type,detail';
    const events = [
      eventsHeader,
      'IMP-001,2019-03-01,muhp_emergency,',
      'IMP-001,2019-03-01,placement_start,crisis',
      'IMP-001,2020-02-01,reunification,',
      'IMP-001,2023-12-31,observation_end,',
      'IMP-002,2019-05-01,muhp_start,',
      'IMP-002,2019-05-02,placement_start,foster_nonkin',
      'IMP-002,2023-12-31,observation_end,',
    ].join('\n');
    const bad = [header, 'IMP-001,2012-05,f,Utrecht,neglect,', 'IMP-002,2010-13,m,Utrecht,,'].join('\n');
    await importFiles(page, bad, events);
    const problems = page.getByRole('table', { name: 'Problemen in de importbestanden' });
    await problems.waitFor();
    const problemRow = problems.getByRole('row').filter({ hasText: 'cases.csv' }).first();
    expect(await problemRow.getByRole('cell').nth(1).textContent()).toBe('3');
    await page.getByText('Er is niets geïmporteerd', { exact: true }).waitFor();
    await expect.poll(() => page.getByRole('progressbar', { name: 'Voortgang van de import' }).count(), { timeout: 10_000 }).toBe(1);
    await check(page, 'import with problems');

    const good = [header, 'IMP-001,2012-05,f,Utrecht,neglect,trauma', 'IMP-002,2010-11,m,Utrecht,maltreatment;neglect,'].join('\n');
    await importFiles(page, good, events);
    await page.getByText('De import is gelukt: 2 dossiers met 7 gebeurtenissen.').first().waitFor();
    await check(page, 'import done');
    await page.getByRole('link', { name: 'Naar de dossiers' }).click();
    await page.getByRole('link', { name: 'IMP-001' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'TEST-001' }).count(), { timeout: 10_000 }).toBe(1);

    // delete one again: the button asks first, in place
    await page.getByRole('link', { name: 'IMP-002' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossier IMP-002' }).waitFor();
    await page.getByRole('button', { name: 'Dossier verwijderen' }).click();
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await page.waitForURL(/\/dossiers$/);
    await page.getByText('Dossier IMP-002 is verwijderd.').waitFor();
    await page.getByRole('link', { name: 'IMP-001' }).waitFor();
    expect(await page.getByRole('link', { name: 'IMP-002' }).count()).toBe(0);
  });

  it('lets another member second-code a case blind, and shows the lead the agreement', async () => {
    // the lead assigns the case for a blind second coding
    const lead0 = await signIn(LEAD);
    await lead0.goto(`${server.url}/onderzoeken/${slug}/dossiers/overeenstemming`);
    await lead0.getByRole('heading', { level: 2, name: 'Blinde tweede codering toewijzen' }).waitFor();
    await lead0.getByLabel('Tweede codeur').selectOption({ label: `${CODER.name} (Codeur)` });
    await lead0.getByLabel('Dossiers met deze codes').check();
    await lead0.getByLabel('Dossiercodes').fill('TEST-001');
    await lead0.getByRole('button', { name: 'Toewijzen' }).click();
    await lead0.getByText('1 dossier toegewezen: TEST-001.').waitFor();
    await lead0.getByRole('table', { name: 'Toewijzingen' }).getByRole('row', { name: /TEST-001/ }).getByText('Nog niet gecodeerd').waitFor();
    await check(lead0, 'assign second coding');

    // the coder sees only the code: the case itself stays closed to them
    const page = await signIn(CODER);
    await page.goto(caseUrl);
    await page.getByText(/U codeert dit dossier blind als tweede codeur/).waitFor();
    await page.goto(`${server.url}/onderzoeken/${slug}/dossiers`);
    await page.getByRole('heading', { level: 2, name: 'Blind te coderen' }).waitFor();
    expect(await page.getByRole('link', { name: 'TEST-001', exact: true }).count()).toBe(0); // not in the case list
    expect(await page.getByRole('link', { name: /exporteren|CSV/ }).count()).toBe(0); // no exports while blind
    await check(page, 'blind list');
    await page.getByRole('link', { name: 'Dossier TEST-001 coderen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tweede codering van dossier TEST-001' }).waitFor();
    // blind: only the code is filled in
    expect(await page.getByLabel('Dossiercode').inputValue()).toBe('TEST-001');
    expect(await page.getByLabel('Geboortemaand').inputValue()).toBe('');
    expect(await page.locator('.tl-row').count()).toBe(0);
    await page.getByLabel('Geboortemaand').fill('2015-04');
    await page.getByLabel('Geslacht').selectOption('f');
    for (const [i, [date, type, detail]] of ([['2020-01-15', 'muhp_start'], ['2020-06-02', 'placement_start', 'foster_kin'], ['2023-12-31', 'observation_end']] as [string, string, string?][]).entries()) {
      await page.getByRole('button', { name: 'Gebeurtenis toevoegen' }).click();
      await page.getByLabel(`Datum gebeurtenis ${i + 1}`).fill(date);
      await page.getByLabel(`Soort gebeurtenis ${i + 1}`).selectOption(type);
      if (detail) await page.getByLabel(`Plaatsingsvorm gebeurtenis ${i + 1}`).selectOption(detail);
    }
    await check(page, 'second coding');
    await page.getByRole('button', { name: 'Tweede codering opslaan' }).click();
    await page.getByText(/Uw tweede codering is opgeslagen/).waitFor();
    const mine = await page.request.get(`${server.url}/api/studies/${slug}/dossiers/${caseUrl.split('/').pop()}/second-coding`);
    expect(mine.status()).toBe(200);

    const lead = await signIn(LEAD);
    await lead.goto(`${server.url}/onderzoeken/${slug}/dossiers/overeenstemming`);
    const table = lead.getByRole('table', { name: 'Overeenstemming per variabele' });
    await table.waitFor();
    await lead.getByText('Dossiers met een tweede codering: 1. Vergeleken paren: 1.').waitFor();
    const sex = table.getByRole('row', { name: /^Geslacht/ });
    expect(await sex.getByRole('cell').nth(1).textContent()).toBe('100%');
    const reunified = table.getByRole('row', { name: /^Teruggeplaatst/ });
    expect(await reunified.getByRole('cell').nth(1).textContent()).toBe('0%');
    await check(lead, 'agreement');
  });

  it('lets the lead compare both codings side by side, pick per field and settle the case', async () => {
    const page = await signIn(LEAD);
    await page.goto(caseUrl);
    await page.getByRole('link', { name: 'Vergelijken en vaststellen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossier TEST-001 vergelijken en vaststellen' }).waitFor();
    await page.getByText('De coderingen verschillen op 3 onderdelen.').waitFor(); // region, reasons, timeline
    const timeline = page.getByRole('group', { name: /^Tijdlijn/ });
    await expect.poll(() => timeline.getByText('verschilt').count(), { timeout: 10_000 }).toBe(1);
    await timeline.getByLabel('Tweede codering').check();
    await check(page, 'compare and settle');
    await page.getByRole('button', { name: 'Vaststellen' }).click();
    await page.getByText('Dossier TEST-001 is vastgesteld.').waitFor();
    expect(await page.getByLabel('Status van de codering').inputValue()).toBe('verified');
    await expect.poll(() => page.locator('.tl-row').count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByLabel('Regio', { exact: true }).inputValue()).toBe('Utrecht');
  });

  it('shows the monitor: cards per group, the chart and its data table, the method in plain language', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Terugplaatsingsmonitor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Terugplaatsingsmonitor' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Alle geplaatste kinderen', exact: true }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Teruggeplaatst binnen 1 jaar' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Gestart met een spoedmachtiging' }).waitFor();
    await page.getByText('2 geplaatste kinderen (van 2 dossiers).').waitFor();
    const table = page.getByRole('table', { name: 'Terugplaatsing in de tijd, Alle geplaatste kinderen' });
    await table.waitFor();
    await expect.poll(() => table.getByRole('row').count(), { timeout: 10_000 }).toBe(6);
    await page.locator('.chart-canvas svg').first().waitFor(); // the lazily loaded Vega chart
    await page.getByText('Hoe berekenen we dit?').first().click();
    await page.getByText(/Greenwood/).first().waitFor();
    await check(page, 'monitor');

    await page.getByLabel('Leeftijd bij plaatsing (0–3, 4–11, 12–17)').check();
    await page.waitForURL(/uitsplitsing=leeftijd/);
    await page.getByRole('heading', { level: 2, name: '4–11 jaar bij de eerste plaatsing' }).waitFor();
    await page.getByRole('table', { name: /Terugplaatsing in de tijd, 4–11 jaar/ }).waitFor();
    await check(page, 'monitor by age');
  });

  it('works on a phone-sized screen', async () => {
    const page = await signIn(LEAD, { width: 375, height: 740 });
    for (const p of ['dossiers', 'dossiers/nieuw', 'dossiers/importeren', caseUrl.replace(/.*\/dossiers\//, 'dossiers/'), 'monitor']) {
      await page.goto(`${server.url}/onderzoeken/${slug}/${p}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal scroll on ${p}`).toBeLessThanOrEqual(0);
      visited[`phone ${p}`] = await axeViolations(page);
    }
  });

  it('has no axe-core violations and no CSP violations on any page visited', () => {
    expect(Object.keys(visited).length).toBeGreaterThan(12);
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
