/**
 * Team coding in Chromium: the lead starts a reliability round in the "Teamcodering" page (two documents' worth of
 * form: name, unit, a document and two coders); both coders code the transcript through the API (blind: each sees
 * only their own codings); the lead opens the round's agreement table (percent, κ, α per code and overall), sees the
 * disagreements side by side and takes one coder's coding into the consensus layer with a button; the decision is
 * shown and stored. axe-core finds no violations, and the CSP is never violated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, inviteMember, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Lotte Leider', email: 'lotte@example.org', password: 'lotte-wachtwoord-1' };
const ANNA = { name: 'Anna Codeur', email: 'anna@example.org', password: 'anna-wachtwoord-12' };
const BRAM = { name: 'Bram Codeur', email: 'bram@example.org', password: 'bram-wachtwoord-12' };
let slug = '';
let lead: ApiSession;
const coders: Record<'anna' | 'bram', ApiSession> = {} as never;
let documentId = '';
let codeId = '';
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];

const TEXT = 'I: Hoe gaat het nu thuis?\nR: Goed, de gezinsvoogd helpt ons elke week.\nI: En op school?\nR: Moeilijk. Ik mis mijn vrienden.\n';
const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);
const spanOf = (part: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(part))].length;
  return { start, end: start + [...part].length };
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLinkApi(server, server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Teamcodering in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  for (const [key, who] of [['anna', ANNA], ['bram', BRAM]] as const) {
    coders[key] = await inviteMember(server, slug, lead, who, 'coder');
  }
  const doc = await api(`/api/studies/${slug}/documents/transcripts`, { method: 'POST', body: { title: 'Interview ouder 1', pasted: TEXT }, session: lead });
  expect(doc.status).toBe(200);
  documentId = doc.body.id;
  const code = await api(`/api/studies/${slug}/codes`, { method: 'POST', body: { name: 'Steun van de voogd' }, session: lead });
  codeId = code.body.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('team coding', () => {
  it('lets the lead start a round, see the agreement and adjudicate a disagreement', async () => {
    const page = await signInPage(browser, server, LEAD, { problems: cspErrors });
    await page.goto(`${server.url}/onderzoeken/${slug}/documenten`);
    await page.getByRole('link', { name: 'Teamcodering en betrouwbaarheid' }).click();
    await page.waitForURL(/\/documenten\/teamcodering$/);
    await page.getByRole('heading', { level: 1, name: 'Teamcodering' }).waitFor();
    await recordA11y(page, visited, 'teamwork empty');

    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Nieuwe betrouwbaarheidsronde' }) });
    await form.getByLabel('Naam van de ronde').fill('Proefronde');
    await form.getByLabel('Eenheid').selectOption('turns');
    await form.getByRole('checkbox', { name: 'Interview ouder 1' }).check();
    await form.getByRole('checkbox', { name: ANNA.name }).check();
    await form.getByRole('checkbox', { name: BRAM.name }).check();
    await form.getByRole('button', { name: 'Ronde starten' }).click();
    await page.getByText('Ronde “Proefronde” is gestart.').waitFor();
    await page.getByRole('cell', { name: 'Open (blind)' }).first().waitFor();

    // both coders code via the API; blind: each sees only their own codings
    const round = (await api(`/api/studies/${slug}/teamwork/rounds`, { session: lead })).body.rounds[0];
    expect(round.status).toBe('open');
    const apply = (who: ApiSession, part: string) => api(`/api/studies/${slug}/documents/${documentId}/codings`, { method: 'POST', body: { version: 1, ...spanOf(part), codeIds: [codeId] }, session: who });
    expect((await apply(coders.anna, 'de gezinsvoogd helpt ons')).status).toBe(200);
    expect((await apply(coders.bram, 'de gezinsvoogd helpt')).status).toBe(200);
    expect((await apply(coders.anna, 'Ik mis mijn vrienden.')).status).toBe(200);
    const annaView = await api(`/api/studies/${slug}/documents/${documentId}`, { session: coders.anna });
    expect(annaView.body.codings).toHaveLength(2);
    const bramView = await api(`/api/studies/${slug}/documents/${documentId}`, { session: coders.bram });
    expect(bramView.body.codings).toHaveLength(1);

    // the lead opens the round: agreement per code and overall
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Betrouwbaarheidsrondes' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /Overeenstemming en verschillen/ }).first().click({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Ronde “Proefronde”' }).waitFor();
    const table = page.getByRole('table', { name: /Overeenstemming per code/ });
    await table.waitFor();
    const row = table.getByRole('row', { name: /Steun van de voogd/ });
    // turns: Anna [0,1,0,1], Bram [0,1,0,0] → 75 %, κ = 0.5 (po 0.75, pe 0.5), α = 0.5 × … (shown to 3 decimals)
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('75%');
    expect(await row.textContent()).toContain('0,500');
    await recordA11y(page, visited, 'teamwork agreement');

    // the disagreement view side by side; take Anna's coding in turn 4
    const side = page.getByRole('table', { name: /Coderingen van Interview ouder 1/ });
    await side.waitFor();
    await expect.poll(() => side.getByRole('row').count(), { timeout: 10_000 }).toBe(2); // header + one disagreement
    await side.getByRole('group', { name: /Beslissing voor eenheid 1, code Steun van de voogd/ }).getByRole('button', { name: new RegExp(`^Neem ${ANNA.name}`) }).click();
    await page.getByText(/1 beslissing\(en\) vastgelegd; het document heeft nu 1 consensuscodering/).waitFor();
    await side.getByText(`Beslist: ${ANNA.name}`).waitFor();
    await recordA11y(page, visited, 'teamwork adjudicated');

    const consensus = await api(`/api/studies/${slug}/documents/${documentId}?layer=consensus`, { session: lead });
    expect(consensus.body.codings.map((c: { start: number; end: number; layer: string }) => [c.start, c.end, c.layer])).toEqual([[spanOf('Ik mis mijn vrienden.').start, spanOf('Ik mis mijn vrienden.').end, 'consensus']]);
    await page.context().close();
  });

  it('has no axe-core violations and no CSP violations', () => {
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
