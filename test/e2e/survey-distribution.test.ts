/**
 * Distributing a survey in Chromium: change its settings (a server error shown next to its field), add three
 * addresses from a CSV file with the report of a bad row and a duplicate, see them listed, download the mail-merge
 * file and find three personal links in it, the clear message when no mail server is configured, answer through
 * two of the links, send the open answers to the coding module and find the documents (with the closed answers as
 * attributes) in the document list; close the survey through the confirmation dialog; import a LimeSurvey .lss and
 * see the report of what could not be mapped, then open it in the editor. axe-core finds no violations.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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

async function respond(method: 'PUT' | 'POST', p: string, token: string, body: unknown) {
  const r = await fetch(`${server.url}${p}`, { method, headers: { 'content-type': 'application/json', 'x-survey-token': token }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
}

const acceptLink = (link: string, body: Record<string, string>) => acceptLinkApi(server, link, body);

function watch(ctx: BrowserContext, page: Page) {
  ctx.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreignRequests.push(r.url());
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
}

async function signIn(who: { email: string; password: string }) {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  watch(ctx, page);
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-mailadres').fill(who.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/onderzoeken$/);
  return page;
}

const SURVEY = {
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Wat is uw functie?', isRequired: true, choices: [{ value: 'jb', text: 'Jeugdbeschermer' }, { value: 'pz', text: 'Pleegzorgmedewerker' }] },
        { type: 'comment', name: 'goed', title: 'Wat werkt goed bij terugplaatsing?' },
      ],
    },
  ],
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLink(server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Verspreiding in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('survey distribution', () => {
  it('changes settings, invites from a CSV, downloads the mail-merge links, sends open answers to coding and closes', async () => {
    // a retry works on a fresh survey in the same study: its name must find only its own documents
    const name = `Enquête professionals regio Zuid ${crypto.randomUUID().slice(0, 4)}`;
    const created = await api(`/api/studies/${slug}/surveys`, { method: 'POST', body: { title: 'Enquête verspreiding', definition: SURVEY }, session: lead });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    expect((await api(`/api/studies/${slug}/surveys/${id}/publish`, { method: 'POST', body: {}, session: lead })).status).toBe(200);

    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}/enquetes/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Enquête verspreiding' }).waitFor();

    // settings: a new name, a closing date, personal invitations
    const settings = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Instellingen' }) });
    await settings.getByLabel('Naam van de enquête').fill(name);
    const inAMonth = new Date(Date.now() + 30 * 86_400_000);
    const local = `${inAMonth.getFullYear()}-${String(inAMonth.getMonth() + 1).padStart(2, '0')}-${String(inAMonth.getDate()).padStart(2, '0')}T17:00`;
    await settings.getByLabel('Sluit op').fill(local);
    await settings.getByLabel('Persoonlijke uitnodigingen per e-mailadres').check();
    await settings.getByLabel('Geanonimiseerd', { exact: false }).waitFor();
    await settings.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await page.getByText('De instellingen zijn opgeslagen.').waitFor();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Persoonlijke uitnodigingen' }).waitFor();
    await check(page, 'survey settings saved (personal)');

    // three addresses from a CSV file, plus a bad row and a duplicate: the report says so
    const csv = 'email\r\nanna@example.org\r\nbram@example.org\r\ngeen-adres\r\ncees@example.org\r\nAnna@example.org\r\n';
    await page.getByLabel('CSV-bestand met e-mailadressen').setInputFiles({ name: 'adressen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByLabel('E-mailadressen (CSV)').inputValue()).toContain('bram@example.org');
    await page.getByRole('button', { name: 'Uitnodigingen importeren' }).click();
    await page.getByText('3 toegevoegd, 1 dubbel, 1 met een probleem.').waitFor();
    const report = page.getByRole('table', { name: /regel is niet toegevoegd/ });
    await report.getByText('geen-adres').waitFor();
    const invitations = page.getByRole('table', { name: 'Uitnodigingen' });
    for (const a of ['anna@example.org', 'bram@example.org', 'cees@example.org']) await invitations.getByRole('rowheader', { name: a }).waitFor();
    await expect.poll(() => invitations.getByRole('row').count(), { timeout: 10_000 }).toBe(4);
    await check(page, 'survey invitations imported');

    // the mail-merge file: three personal links
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Mail-merge-links downloaden' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^uitnodigingen-\d{4}-\d{2}-\d{2}\.csv$/);
    const merged = fs.readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const lines = merged.trim().split(/\r?\n/);
    expect(lines[0]).toBe('email,link');
    const links = lines.slice(1).map((l) => l.split(',')[1]);
    expect(links).toHaveLength(3);
    for (const l of links) expect(l).toMatch(/\/s#I\.[A-Za-z0-9_-]{43}$/);
    await page.getByText('Het bestand met links is gedownload.').waitFor();
    // the invitations now have a link
    await invitations.getByRole('cell', { name: 'Uitgenodigd' }).first().waitFor();
    await expect.poll(() => invitations.getByRole('cell', { name: 'Uitgenodigd' }).count(), { timeout: 10_000 }).toBe(3);

    // no mail server: a clear message
    await page.getByRole('button', { name: 'Uitnodigingen versturen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Er is geen mailserver ingesteld' }).filter({ hasText: 'mail merge' }).waitFor();
    await check(page, 'survey no mail server');

    // two respondents answer through their personal links
    const answers = [
      { rol: 'jb', goed: 'Korte lijnen met de gezinsvoogd.' },
      { rol: 'pz', goed: 'Vaste contactpersoon voor de ouders.' },
    ];
    for (const [i, a] of answers.entries()) {
      const token = links[i].split('#')[1];
      const done = await respond('POST', '/api/respond/complete', token, { idempotencyKey: crypto.randomUUID(), page: 'p1', answers: a });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }

    // a change of the way of handing out is refused now: the server's message next to that choice
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Instellingen' }).waitFor();
    await invitations.getByRole('cell', { name: 'Voltooid' }).first().waitFor();
    await settings.getByLabel('Eén open link voor iedereen (anoniem)').check();
    await settings.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await settings.locator('.field-error').filter({ hasText: /kan niet meer veranderen/ }).waitFor();
    await check(page, 'survey settings refused');
    await settings.getByLabel('Persoonlijke uitnodigingen per e-mailadres').check();

    // open answers to the coding module
    const open = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Open antwoorden naar coderen' }) });
    const row = open.getByRole('row', { name: /Wat werkt goed bij terugplaatsing/ });
    await row.getByRole('cell', { name: '2', exact: true }).waitFor();
    await row.getByRole('button', { name: /Naar coderen sturen/ }).click();
    await open.getByText('2 documenten gemaakt (0 al eerder verstuurd).').waitFor();
    await check(page, 'survey open answers sent');
    // again: nothing new
    await row.getByRole('button', { name: /Naar coderen sturen/ }).click();
    await open.getByText('Niets nieuws: alle 2 antwoorden waren al verstuurd.').waitFor();

    // the documents in the coding module's list, with the closed answers as attributes
    await open.getByRole('link', { name: 'Naar de documenten' }).click();
    const docs = page.getByRole('table', { name: /Documenten|documenten/ });
    await docs.waitFor();
    const rows = docs.getByRole('row').filter({ hasText: `${name} · goed` });
    await rows.first().waitFor();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    await docs.getByText('Jeugdbeschermer').waitFor();
    await docs.getByText('Pleegzorgmedewerker').waitFor();
    await check(page, 'coding documents from the survey');
    // the document opens with its text and attributes
    await rows.filter({ hasText: 'Jeugdbeschermer' }).getByRole('link').first().click();
    await page.getByText('Korte lijnen met de gezinsvoogd.').waitFor();
    await page.getByText(/kenmerk(en)? van dit document/).click();
    await page.locator('.doc-attributes').getByText('Jeugdbeschermer').waitFor();

    // close now, through the confirmation dialog that says the addresses are deleted
    await page.goto(`${server.url}/onderzoeken/${slug}/enquetes/${id}`);
    await page.getByRole('button', { name: 'Nu sluiten' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enquête nu sluiten?' });
    await dialog.getByText('Alle 3 e-mailadressen van de uitnodigingen worden definitief verwijderd').waitFor();
    await check(page, 'survey close dialog');
    await dialog.getByRole('button', { name: 'Sluiten en adressen verwijderen' }).click();
    await page.getByText('Gesloten', { exact: false }).first().waitFor();
    await page.getByText('De enquête is gesloten: de e-mailadressen zijn verwijderd.').waitFor();
    // the invitations list is fetched again after closing: wait for the third address to show as deleted
    await invitations.getByText('verwijderd', { exact: true }).nth(2).waitFor();
    await expect.poll(() => invitations.getByText('verwijderd', { exact: true }).count(), { timeout: 10_000 }).toBe(3);
    await check(page, 'survey closed');
    await page.context().close();
  });

  it('imports a LimeSurvey .lss, shows what could not be mapped, and opens it in the editor', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}/enquetes`);
    await page.getByRole('heading', { level: 1, name: 'Enquêtes' }).waitFor();
    // without a file: said next to the field
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByText('Kies eerst een bestand.').waitFor();
    await page.getByLabel('Bestand (SurveyJS .json of LimeSurvey .lss)').setInputFiles(path.resolve('test/fixtures/survey/sample.lss'));
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    const report = page.locator('.import-report');
    await report.getByRole('heading', { level: 3, name: /Verslag van de import/ }).waitFor();
    expect(await report.getByRole('listitem').count()).toBeGreaterThan(0);
    await check(page, 'survey import report');
    await report.getByRole('link', { name: 'Openen in de editor' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vragen' }).waitFor();
    await page.getByRole('group', { name: /^Vraag 1\.1/ }).waitFor();
    await check(page, 'imported survey in the editor');
    await page.context().close();
  });
});

describe('every page', () => {
  it('has no axe violations, no CSP violations and no third-party requests', () => {
    expect(Object.keys(visited).length).toBeGreaterThanOrEqual(8);
    for (const [name, violations] of Object.entries(visited)) expect({ name, violations }).toEqual({ name, violations: [] });
    expect(cspErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
