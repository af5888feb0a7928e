/**
 * Findings and recommendations in Chromium: add a norm to the catalogue, create a finding and link a quote (picked
 * by code from the coding module), a survey figure and the norm as evidence, open it in the law-versus-practice
 * matrix, make a recommendation on it (flagged until the finding is validated), and see the committee's read-only
 * view without the quote text. axe-core finds no violations, the CSP is never violated. All data are fictional.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, inviteMember, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Floor Fontein', email: 'floor@example.org', password: 'floor-wachtwoord-1' };
const COMMITTEE = { name: 'Cor Commissie', email: 'cor@example.org', password: 'cor-wachtwoord-22' };
let slug = '';
let lead: ApiSession;
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];
const QUOTE = 'Na de thuisplaatsing hoorden we niemand meer.';
const STATEMENT = 'Na terugplaatsing ontbreekt structurele nazorg voor ouders.';

const check = (page: Page, name: string) => recordA11y(page, visited, name);
const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);
const signIn = (who: { email: string; password: string }) => signInPage(browser, server, who, { problems: cspErrors });

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLinkApi(server, server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Bevindingen in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  const S = `/api/studies/${slug}`;
  expect(study.body.modules.map((m: { key: string }) => m.key)).toEqual(expect.arrayContaining(['findings', 'recommendations']));
  // a coded segment of a parent who consented to quotes
  const code = await api(`${S}/codes`, { method: 'POST', body: { name: 'Nazorg' }, session: lead });
  const p = await api(`${S}/participants`, { method: 'POST', body: { role: 'parent', ageBand: 'adult', region: 'Utrecht' }, session: lead });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  const consent = await api(`${S}/participants/${p.body.id}/consent`, {
    method: 'POST',
    body: { letterVersion: 'v1', date: '2026-01-10', givenBy: 'participant', kind: 'consent', method: 'written', scopes: { participation: true, audio_recording: true, quotes: true, archiving: true } },
    session: lead,
  });
  expect(consent.status, JSON.stringify(consent.body)).toBe(200);
  const text = `I: Hoe ging het daarna?\nR: ${QUOTE}`;
  const doc = await api(`${S}/documents/transcripts`, { method: 'POST', body: { title: 'Interview ouder 1', pasted: text, participantId: p.body.id }, session: lead });
  expect(doc.status, JSON.stringify(doc.body)).toBe(200);
  const start = [...text.slice(0, text.indexOf(QUOTE))].length;
  const coded = await api(`${S}/documents/${doc.body.id}/codings`, { method: 'POST', body: { version: 1, start, end: start + [...QUOTE].length, codeIds: [code.body.id] }, session: lead });
  expect(coded.status, JSON.stringify(coded.body)).toBe(200);
  // a published survey with 20 responses
  const def = { title: 'Nazorg', pages: [{ name: 'p1', elements: [{ type: 'boolean', name: 'nazorg', title: 'Is er nazorg geregeld?' }] }] };
  const sv = await api(`${S}/surveys`, { method: 'POST', body: { title: 'Nazorg professionals', definition: def }, session: lead });
  const pub = await api(`${S}/surveys/${sv.body.id}/publish`, { method: 'POST', body: {}, session: lead });
  expect(pub.status, JSON.stringify(pub.body)).toBe(200);
  const token = String(pub.body.publicUrl).split('#')[1];
  for (let i = 0; i < 20; i++) {
    const r = await fetch(`${server.url}/api/respond/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-survey-token': token },
      body: JSON.stringify({ idempotencyKey: crypto.randomUUID(), page: 'p1', answers: { nazorg: i % 4 === 0 } }),
    });
    expect(r.status).toBe(200);
  }
  await inviteMember(server, slug, lead, COMMITTEE, 'committee');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('findings and recommendations', () => {
  it('adds a norm, creates a finding with a quote, a survey figure and the norm as evidence', async () => {
    const page = await signIn(LEAD);
    // a norm, through the catalogue's form
    await page.goto(`${server.url}/onderzoeken/${slug}/juridisch-kader`);
    await page.getByRole('heading', { level: 1, name: 'Juridisch kader' }).waitFor();
    const form = page.getByRole('region', { name: 'Norm toevoegen' });
    await form.getByLabel('Instrument', { exact: true }).selectOption('new');
    await form.getByLabel('Soort instrument').selectOption('policy_programme');
    await form.getByLabel('Naam van het instrument').fill('Gemeentelijk beleidskader nazorg');
    await form.getByLabel('Korte naam').fill('Nazorgkader');
    await form.getByLabel('Vindplaats').fill('§ 2');
    await form.getByLabel('Titel', { exact: true }).fill('Nazorg na terugplaatsing');
    await form.getByLabel('Parafrase in eigen woorden').fill('De gemeente biedt het gezin na terugplaatsing ten minste een jaar hulp.');
    await form.getByRole('group', { name: /Fase/ }).getByLabel('Nazorg').check();
    await form.getByRole('button', { name: 'Norm opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Nazorg na terugplaatsing' }).waitFor();

    // the findings module from the study home
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Bevindingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bevindingen' }).waitFor();
    await page.getByText('Er zijn (nog) geen bevindingen.').waitFor();
    await check(page, 'findings (empty)');
    const nf = page.getByRole('region', { name: 'Nieuwe bevinding' });
    await nf.getByLabel('Bevinding').fill(STATEMENT);
    await nf.getByLabel('Soort').selectOption('knelpunt');
    await nf.getByLabel('Fase').selectOption('aftercare');
    await nf.getByLabel("Thema's").selectOption({ label: 'Nazorg' });
    await nf.getByRole('button', { name: 'Bevinding toevoegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bevinding' }).waitFor();
    await page.getByText(STATEMENT).waitFor();
    await page.getByText('Nog geen bewijs gekoppeld.').waitFor();
    await check(page, 'finding (no evidence)');

    // a quote, picked by code
    await page.getByRole('button', { name: 'Citaat toevoegen' }).click();
    let dialog = page.getByRole('dialog', { name: 'Citaat toevoegen' });
    await dialog.getByLabel('Code').selectOption({ label: 'Nazorg (1)' });
    await dialog.getByLabel(new RegExp(QUOTE.slice(0, 20))).check();
    await check(page, 'add quote dialog');
    await dialog.getByRole('button', { name: 'Koppelen' }).click();
    await page.getByRole('status').filter({ hasText: 'Het bewijs is gekoppeld.' }).waitFor();
    await page.locator('blockquote', { hasText: QUOTE }).waitFor();

    // a survey figure
    await page.getByRole('button', { name: 'Enquêtecijfer toevoegen' }).click();
    dialog = page.getByRole('dialog', { name: 'Enquêtecijfer toevoegen' });
    await dialog.getByLabel('Vragenlijst').selectOption({ label: 'Nazorg professionals' });
    await dialog.getByLabel('Vraag (gesloten)').selectOption({ label: 'Is er nazorg geregeld?' });
    await check(page, 'add survey dialog');
    await dialog.getByRole('button', { name: 'Koppelen' }).click();
    await page.getByRole('table', { name: /Momentopname bij het koppelen \(n = 20\)/ }).waitFor();

    // the norm
    await page.getByRole('button', { name: 'Norm toevoegen' }).click();
    dialog = page.getByRole('dialog', { name: 'Norm toevoegen' });
    await dialog.getByLabel('Norm', { exact: true }).selectOption({ label: 'Nazorgkader § 2 – Nazorg na terugplaatsing (Te verifiëren)' });
    await dialog.getByRole('button', { name: 'Koppelen' }).click();
    await page.getByRole('link', { name: 'Nazorgkader § 2 – Nazorg na terugplaatsing' }).waitFor();
    await page.getByText(/Sterk \(3 soorten bron\)/).waitFor();
    await check(page, 'finding with three kinds of evidence');

    // the matrix: the cell opens the finding with its evidence
    await page.goto(`${server.url}/onderzoeken/${slug}/bevindingen/recht-en-praktijk`);
    await page.getByRole('heading', { level: 1, name: 'Recht en praktijk' }).waitFor();
    await page.getByRole('button', { name: /Nazorgkader § 2, Nazorg: 0 voldoet, 1 tekort/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Nazorgkader § 2 – Nazorg' }).waitFor();
    await page.getByRole('link', { name: STATEMENT }).waitFor();
    await page.locator('#matrix-cell blockquote', { hasText: QUOTE }).waitFor();
    await check(page, 'law versus practice');
  });

  it('makes a recommendation on the finding: flagged until the finding is validated', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}/bevindingen`);
    // the list's filters: another type hides the finding, its own type and phase show it again
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Soort').selectOption('goede_praktijk');
    await page.getByText('0 bevindingen', { exact: false }).waitFor();
    expect(await page.getByRole('link', { name: STATEMENT }).count()).toBe(0);
    await filters.getByLabel('Soort').selectOption('knelpunt');
    await filters.getByLabel('Fase').selectOption('aftercare');
    await page.getByRole('link', { name: STATEMENT }).waitFor();
    await page.getByText('1 bevinding', { exact: false }).waitFor();
    await filters.getByLabel('Soort').selectOption('');
    await filters.getByLabel('Fase').selectOption('');
    await page.getByRole('link', { name: 'Aanbevelingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanbevelingen' }).waitFor();
    const form = page.getByRole('region', { name: 'Nieuwe aanbeveling' });
    await form.getByLabel('Aanbeveling', { exact: true }).fill('Bied elk gezin na terugplaatsing een jaar nazorg.');
    await form.getByLabel('Prioriteit').selectOption('hoog');
    await form.getByRole('group', { name: 'Geadresseerden' }).getByLabel('Gemeenten').check();
    await form.getByRole('group', { name: 'Bevindingen waarop de aanbeveling rust' }).getByLabel(new RegExp(STATEMENT.slice(0, 30))).check();
    await form.getByLabel('Normen').selectOption({ label: 'Nazorgkader § 2 – Nazorg na terugplaatsing' });
    await form.getByRole('button', { name: 'Aanbeveling toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: 'De aanbeveling is toegevoegd.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Aanbeveling 1: Bied elk gezin/ }).waitFor();
    await page.getByText('Let op: achter deze aanbeveling staat geen gevalideerde bevinding.').waitFor();
    await check(page, 'recommendations (flagged)');

    // validate the finding: the flag goes
    await page.getByRole('link', { name: STATEMENT }).click();
    await page.getByRole('button', { name: 'Valideren' }).click();
    await page.getByRole('status').filter({ hasText: 'De bevinding is gevalideerd.' }).waitFor();
    await page.goto(`${server.url}/onderzoeken/${slug}/aanbevelingen`);
    await page.getByRole('heading', { level: 2, name: /Aanbeveling 1: Bied elk gezin/ }).waitFor();
    expect(await page.getByText('Let op: achter deze aanbeveling staat geen gevalideerde bevinding.').count()).toBe(0);
    await page.getByText('Aan: Gemeenten', { exact: false }).waitFor();
  });

  it('shows the committee findings and recommendations read-only, without the quote text', async () => {
    const page = await signIn(COMMITTEE);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Bevindingen' }).click();
    await page.getByRole('link', { name: STATEMENT }).click();
    await page.getByRole('heading', { level: 1, name: 'Bevinding' }).waitFor();
    await page.getByText(/Citaat \(code Nazorg\): de tekst is alleen zichtbaar/).waitFor();
    expect(await page.getByText(QUOTE).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Citaat toevoegen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Valideren' }).count()).toBe(0);
    await page.getByRole('table', { name: /Momentopname/ }).waitFor();
    await check(page, 'finding (committee)');
    await page.goto(`${server.url}/onderzoeken/${slug}/aanbevelingen`);
    await page.getByRole('heading', { level: 2, name: /Aanbeveling 1/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Aanbeveling toevoegen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Bewerken' }).count()).toBe(0);
    await check(page, 'recommendations (committee)');
  });

  it('has no axe-core violations and no CSP violations on any page visited', () => {
    expect(Object.keys(visited).length).toBeGreaterThan(7);
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
