/**
 * The interview study in Chromium: the lead registers a child (10 years old at consent) and gets code K-01; records a
 * parent's consent without the child's assent and sees the assent missing; records the child's assent and sees
 * consent complete (also on the consent dashboard); records an interview whose recording deadline has passed and
 * sees the reminder on the interview list and the study page; copies the template guides. A coder sees the
 * participant but not the identity panel. axe-core finds no violations on any page, the CSP is never violated, and
 * nothing scrolls sideways on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, axeViolations, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Lotte Leider', email: 'lotte@example.org', password: 'lotte-wachtwoord-1' };
const CODER = { name: 'Cas Codeur', email: 'cas@example.org', password: 'cas-wachtwoord-22' };
let slug = '';
let participantUrl = '';
let interviewUrl = '';
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86_400_000));
/** Born three months more than 10 years ago: 10 years old today, also counting the birthday as the month's last day. */
function birthMonthForAge10(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 3);
  return `${d.getFullYear() - 10}-${pad(d.getMonth() + 1)}`;
}

const check = (page: Page, name: string) => recordA11y(page, visited, name);

const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);

const acceptLink = (link: string, body: Record<string, string>) => acceptLinkApi(server, link, body);

const signIn = (who: { email: string; password: string }, viewport?: { width: number; height: number }) => signInPage(browser, server, who, { problems: cspErrors, viewport });

/** Fills the consent form on a participant page and submits it. */
async function recordConsent(page: Page, givenBy: 'parent' | 'participant', kind: 'Toestemming' | 'Instemming (assent)') {
  const form = page.getByRole('form', { name: 'Toestemming of instemming vastleggen' });
  await form.getByLabel('Versie van de informatiebrief').fill('v1');
  await form.getByLabel('Gegeven door').selectOption(givenBy);
  await form.getByLabel(kind, { exact: true }).check();
  const scopes = form.getByRole('group', { name: 'Onderdelen waarvoor ja is gezegd' });
  for (const label of ['Deelname aan het onderzoek', 'Geluidsopname van het gesprek', 'Citaten in het rapport', 'Archivering voor hergebruik']) {
    await scopes.getByLabel(label).check();
  }
  await form.getByRole('button', { name: 'Vastleggen' }).click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const lead = await acceptLink(server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Terug naar huis: interviews' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  expect(study.body.modules.map((m: { key: string }) => m.key)).toEqual(expect.arrayContaining(['participants', 'interviews']));
  const added = await api(`/api/studies/${slug}/members`, { method: 'POST', body: { email: CODER.email, role: 'coder' }, session: lead });
  expect(added.status).toBe(200);
  await acceptLink(added.body.invitationLink, { name: CODER.name, password: CODER.password });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('interview study: participants, consent, interviews', () => {
  it('lets the lead register a child, who gets code K-01, with the identity in the lead-only panel', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Deelnemers', exact: true }).click();
    await page.waitForURL(/\/deelnemers$/);
    await page.getByRole('heading', { level: 1, name: 'Deelnemers' }).waitFor();
    await page.getByText('Er zijn nog geen deelnemers.').waitFor();
    await check(page, 'participants (empty)');

    await page.getByRole('link', { name: 'Nieuwe deelnemer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuwe deelnemer' }).waitFor();
    // a missing role and age band are reported next to the fields, and focus goes to the first
    await page.getByRole('button', { name: 'Deelnemer opslaan' }).click();
    await page.getByText('Kies een rol.').first().waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name)).toBe('role');
    await page.getByLabel('Rol', { exact: true }).selectOption('child');
    await page.getByLabel('Leeftijdsgroep').selectOption('8-11');
    await page.getByLabel('Situatie').selectOption('returned_home');
    await page.getByRole('heading', { level: 2, name: 'Identiteit' }).waitFor();
    await page.getByText('Alleen zichtbaar voor de projectleider').waitFor();
    await page.getByLabel('Naam', { exact: true }).fill('Sanne de Vries');
    await page.getByLabel('Geboortemaand').fill(birthMonthForAge10());
    await check(page, 'new participant');
    await page.getByRole('button', { name: 'Deelnemer opslaan' }).click();

    await page.waitForURL(/\/deelnemers\/[0-9a-f-]{36}$/);
    participantUrl = page.url();
    await page.getByRole('heading', { level: 1, name: 'Deelnemer K-01' }).waitFor();
    await page.getByRole('status').getByText('Deelnemer K-01 is aangemaakt.').waitFor();
    const identity = page.getByRole('region', { name: 'Identiteit' });
    await identity.getByText('Alleen zichtbaar voor de projectleider').waitFor();
    expect(await identity.getByLabel('Naam', { exact: true }).inputValue()).toBe('Sanne de Vries');
    // the rule that applies: under 12, 10 years old
    await page.getByText(/Jonger dan 12 jaar: een ouder of voogd geeft toestemming, en het kind stemt zelf in/).first().waitFor();
    await page.getByText('(Leeftijd bij de toestemming: 10 jaar.)').waitFor();
    await check(page, 'participant (new)');
  });

  it('shows the assent missing after a parent’s consent, and consent complete after the child’s assent', async () => {
    const page = await signIn(LEAD);
    await page.goto(participantUrl);
    await page.getByRole('heading', { level: 1, name: 'Deelnemer K-01' }).waitFor();

    // the age rule on the chosen date, for the lead who knows the birth month
    await page.getByText(/Leeftijd op deze datum: 10 jaar\./).waitFor();
    await recordConsent(page, 'parent', 'Toestemming');
    await page.getByRole('status').getByText(/^Vastgelegd: toestemming – ouder, /).waitFor();
    const perScope = page.getByRole('list', { name: 'Per onderdeel' });
    const participation = perScope.getByRole('listitem').filter({ hasText: 'Deelname' }).first();
    await participation.getByText('instemming (assent) van het kind ontbreekt').waitFor();
    await expect.poll(() => participation.getByText('Ontbreekt', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('table', { name: 'Toestemming en instemming van K-01' }).getByRole('row', { name: /Ouder/ }).waitFor();
    await check(page, 'participant (parent consent)');

    // the list shows what is missing
    await page.goto(`${server.url}/onderzoeken/${slug}/deelnemers`);
    const row = page.getByRole('row', { name: /K-01/ });
    await row.getByText('Ontbreekt: deelname, geluidsopname, citaten, archivering').waitFor();
    await check(page, 'participants (consent missing)');

    await page.goto(participantUrl);
    await page.getByRole('heading', { level: 1, name: 'Deelnemer K-01' }).waitFor();
    await recordConsent(page, 'participant', 'Instemming (assent)');
    await page.getByRole('status').getByText(/^Vastgelegd: instemming \(assent\) – deelnemer zelf, /).waitFor();
    await participation.getByText('Geregeld', { exact: true }).waitFor();
    expect(await page.getByText('instemming (assent) van het kind ontbreekt').count()).toBe(0);
    await page.locator('.page-header').getByText('Compleet', { exact: true }).waitFor();

    // a withdrawal asks first, and says what happens to the material: archiving was consented, so it is kept
    await page.getByRole('button', { name: 'Intrekking vastleggen' }).click();
    await page.getByText('Intrekking voor K-01 vastleggen? Het materiaal van K-01 blijft bewaard (er is toestemming voor archivering).').waitFor();
    await check(page, 'participant (withdrawal question)');
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await check(page, 'participant (consent complete)');

    await page.goto(`${server.url}/onderzoeken/${slug}/toestemming`);
    await page.getByRole('heading', { level: 1, name: 'Toestemmingsoverzicht' }).waitFor();
    const dashRow = page.getByRole('table', { name: 'Toestemming per deelnemer en onderdeel' }).getByRole('row', { name: /K-01/ });
    await dashRow.getByText('Compleet').waitFor();
    await expect.poll(() => dashRow.getByText('Geregeld').count(), { timeout: 10_000 }).toBe(4);
    await check(page, 'consent dashboard');
  });

  it('defines a study variable and fills it in; records a withdrawal that says beforehand what is removed', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}/deelnemers/variabelen`);
    await page.getByRole('heading', { level: 1, name: 'Variabelen' }).waitFor();
    await page.getByLabel('Naam', { exact: true }).fill('Schooltype');
    await page.getByLabel('Soort').selectOption('choice');
    await page.getByLabel('Keuzes').fill('basisschool\nvmbo\nhavo/vwo');
    await page.getByRole('button', { name: 'Variabele toevoegen' }).click();
    await page.getByRole('status').getByText('Variabele Schooltype is toegevoegd.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Schooltype' }).waitFor();
    await check(page, 'variables');

    await page.goto(participantUrl);
    await page.getByLabel('Schooltype').selectOption('basisschool');
    await page.getByRole('button', { name: 'Kenmerken opslaan' }).click();
    await page.getByRole('status').getByText(/^De kenmerken van K-01 zijn opgeslagen/).waitFor();

    // a parent, O-01, consents without archiving; the dashboard links to the form of a participant without consent
    await page.goto(`${server.url}/onderzoeken/${slug}/deelnemers/nieuw`);
    await page.getByLabel('Rol', { exact: true }).selectOption('parent');
    await page.getByLabel('Leeftijdsgroep').selectOption('adult');
    await page.getByRole('button', { name: 'Deelnemer opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deelnemer O-01' }).waitFor();
    await page.getByText(/Geldende regel: volwassen deelnemer/).waitFor();
    await page.goto(`${server.url}/onderzoeken/${slug}/toestemming`);
    await page.getByRole('row', { name: /O-01/ }).getByRole('link', { name: 'Toestemming vastleggen (O-01)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deelnemer O-01' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'consent-add-heading');
    const form = page.getByRole('form', { name: 'Toestemming of instemming vastleggen' });
    await form.getByLabel('Versie van de informatiebrief').fill('v1');
    await form.getByLabel('Deelname aan het onderzoek').check();
    await form.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByRole('status').getByText(/^Vastgelegd: toestemming – deelnemer zelf, /).waitFor();

    await page.getByRole('button', { name: 'Intrekking vastleggen' }).click();
    await page.getByText('Intrekking voor O-01 vastleggen? Alle transcripten, coderingen en citaten van O-01 worden verwijderd.').waitFor();
    await page.getByRole('button', { name: 'Ja, intrekking vastleggen' }).click();
    await page.getByRole('status').getByText(/^De intrekking is vastgelegd\./).waitFor();
    await page.locator('.page-header').getByText('Ingetrokken', { exact: true }).waitFor();
    await page.getByText(/^Ingetrokken op /).waitFor();
    await check(page, 'participant (withdrawn)');
  });

  it('records an interview with a passed recording deadline and shows the reminder; copies the template guides', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}/interviews/leidraden`);
    await page.getByRole('heading', { level: 1, name: 'Interviewleidraden' }).waitFor();
    await page.getByText('Er zijn nog geen leidraden.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Sjabloon toevoegen' }).click();
    await page.getByRole('status').getByText(/leidraden? toegevoegd\./).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Kinderen' }).waitFor();
    await check(page, 'guides');
    await page.getByRole('region', { name: 'Kinderen' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByLabel('Tekst van de leidraad').inputValue()).not.toBe('');
    await check(page, 'guide');

    await page.goto(`${server.url}/onderzoeken/${slug}/interviews`);
    await page.getByRole('heading', { level: 1, name: 'Interviews' }).waitFor();
    await page.getByText('Er zijn nog geen interviews vastgelegd.').waitFor();
    expect(await page.getByRole('heading', { name: 'Opnames verwijderen' }).count()).toBe(0);
    await check(page, 'interviews (empty)');
    await page.getByRole('link', { name: 'Nieuw interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuw interview' }).waitFor();
    await page.getByRole('group', { name: 'Deelnemers' }).getByLabel('K-01 (Kind)').check();
    await page.getByLabel('Datum', { exact: true }).fill(daysAgo(40));
    await page.getByLabel('Vorm').selectOption('video');
    expect(await page.getByLabel('Interviewer').inputValue()).not.toBe(''); // the lead by default
    await page.getByLabel('Duur in minuten').fill('45');
    await page.getByLabel('Opname verwijderen uiterlijk').fill(daysAgo(10));
    await page.getByLabel('Notities').fill('Gesprek aan de keukentafel; K-01 vertelde over de eerste week thuis.');
    await check(page, 'new interview');
    await page.getByRole('button', { name: 'Interview opslaan' }).click();
    await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
    interviewUrl = page.url();
    await page.getByRole('status').getByText(/^Het interview van .* is opgeslagen\.$/).waitFor();
    await page.getByText(/^Had verwijderd moeten zijn op /).waitFor();
    await check(page, 'interview');

    await page.getByRole('link', { name: 'Interviews', exact: true }).first().click();
    const reminder = page.getByRole('region', { name: 'Opnames verwijderen' });
    await reminder.getByRole('link', { name: /^Interview van .* met K-01$/ }).waitFor();
    await reminder.getByText(/10 dagen te laat/).waitFor();
    await check(page, 'interviews (overdue)');

    // the study page shows the reminder too
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByText('Bij 1 interview is de uiterste datum om de opname te verwijderen verstreken.').waitFor();
    await page.getByRole('link', { name: 'Naar de interviews' }).waitFor();
    await check(page, 'study (reminder)');

    // recording the deletion ends the reminder
    await page.goto(interviewUrl);
    await page.getByRole('button', { name: 'Opname verwijderd' }).click();
    await page.getByRole('button', { name: 'Ja, de opname is verwijderd' }).click();
    await page.getByRole('status').getByText(/^Vastgelegd: de opname van het interview van .* is verwijderd\.$/).waitFor();
    await page.getByText(/^Verwijderd op /).waitFor();
    await page.goto(`${server.url}/onderzoeken/${slug}/interviews`);
    await page.getByRole('table', { name: 'Interviews' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('region', { name: 'Opnames verwijderen' }).count()).toBe(0);
  });

  it('does not show a coder the identity panel', async () => {
    const page = await signIn(CODER);
    await page.goto(participantUrl);
    await page.getByRole('heading', { level: 1, name: 'Deelnemer K-01' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kenmerken' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Toestemming en instemming' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('heading', { name: 'Identiteit' }).count()).toBe(0);
    expect(await page.getByText('Alleen zichtbaar voor de projectleider').count()).toBe(0);
    expect(await page.getByText('Sanne de Vries').count()).toBe(0);
    const r = await page.request.get(`${server.url}/api/studies/${slug}/participants/${participantUrl.split('/').pop()}`);
    expect((await r.json()).identity).toBeNull();
    await check(page, 'participant (coder)');

    // a coder cannot register a child: the birth month is the lead's
    await page.goto(`${server.url}/onderzoeken/${slug}/deelnemers/nieuw`);
    await page.getByLabel('Rol', { exact: true }).selectOption('child');
    await page.getByText(/Een kind of jongvolwassene kan alleen de projectleider registreren/).waitFor();
    expect(await page.getByRole('heading', { name: 'Identiteit' }).count()).toBe(0);
    await check(page, 'new participant (coder)');
  });

  it('works on a phone-sized screen', async () => {
    const page = await signIn(LEAD, { width: 375, height: 740 });
    const participant = participantUrl.replace(/.*\/deelnemers\//, 'deelnemers/');
    const interview = interviewUrl.replace(/.*\/interviews\//, 'interviews/');
    for (const p of ['deelnemers', 'deelnemers/nieuw', participant, 'deelnemers/variabelen', 'toestemming', 'interviews', 'interviews/nieuw', interview, 'interviews/leidraden']) {
      await page.goto(`${server.url}/onderzoeken/${slug}/${p}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal scroll on ${p}`).toBeLessThanOrEqual(0);
      visited[`phone ${p}`] = await axeViolations(page);
    }
  });

  it('has no axe-core violations and no CSP violations on any page visited', () => {
    expect(Object.keys(visited).length).toBeGreaterThan(20);
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
