/**
 * REFI-QDA exchange and the consensus layer in Chromium. The lead exports a study as .qdpx from the document list
 * (a job with a progress bar, then a download), imports the downloaded file into a second study (a job with a
 * progress bar, then the report: counts and what was skipped), and sees a file that is not a .qdpx refused with
 * nothing saved. In the coding workspace the lead switches between "Codeerlaag" and "Consensuslaag" (pressed state,
 * kept in the URL). axe-core finds no violations, and the CSP is never violated.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Lotte Leider', email: 'lotte@example.org', password: 'lotte-wachtwoord-1' };
let lead: ApiSession;
let source = '';
let target = '';
let documentId = '';
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tnh-e2e-qdpx-'));

const TEXT = 'I: Hoe gaat het nu thuis?\nR: Goed, de gezinsvoogd helpt ons elke week.\nI: En op school?\nR: Moeilijk. Ik mis mijn vrienden.\n';
const api = (p: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, p, init);
const spanOf = (part: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(part))].length;
  return { start, end: start + [...part].length };
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLinkApi(server, server.setupLink!, LEAD);
  for (const title of ['Bronproject REFI', 'Doelproject REFI']) {
    const st = await api('/api/studies', { method: 'POST', body: { title }, session: lead });
    expect(st.status).toBe(200);
    if (!source) source = st.body.slug;
    else target = st.body.slug;
  }
  const doc = await api(`/api/studies/${source}/documents/transcripts`, { method: 'POST', body: { title: 'Interview ouder 1', pasted: TEXT }, session: lead });
  expect(doc.status).toBe(200);
  documentId = doc.body.id;
  const parent = await api(`/api/studies/${source}/codes`, { method: 'POST', body: { name: 'Knelpunten', color: '#CC3333' }, session: lead });
  const child = await api(`/api/studies/${source}/codes`, { method: 'POST', body: { name: 'Contact met de voogd', parentId: parent.body.id }, session: lead });
  expect(child.status).toBe(200);
  const coded = await api(`/api/studies/${source}/documents/${documentId}/codings`, { method: 'POST', body: { version: 1, ...spanOf('de gezinsvoogd helpt ons'), codeIds: [child.body.id] }, session: lead });
  expect(coded.status).toBe(200);
  // a consensus coding (the lead codes the consensus layer directly)
  const consensus = await api(`/api/studies/${source}/documents/${documentId}/codings`, {
    method: 'POST',
    body: { version: 1, ...spanOf('Ik mis mijn vrienden.'), codeIds: [child.body.id], layer: 'consensus' },
    session: lead,
  });
  expect(consensus.status, JSON.stringify(consensus.body)).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('REFI-QDA exchange', () => {
  it('exports a study as .qdpx (job, download) and imports it into another study (job, progress, report)', async () => {
    const page = await signInPage(browser, server, LEAD, { problems: cspErrors });
    await page.goto(`${server.url}/onderzoeken/${source}/documenten`);
    const panel = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /REFI-QDA/ }) });
    await panel.waitFor();
    await recordA11y(page, visited, 'document list with REFI-QDA panel');

    await panel.getByRole('button', { name: 'Exporteren naar REFI-QDA (.qdpx)' }).click();
    const link = panel.getByRole('link', { name: 'Download het .qdpx-bestand' });
    await link.waitFor({ timeout: 60_000 });
    await expect.poll(async () => panel.getByRole('progressbar', { name: 'Export van het project' }).getAttribute('aria-valuenow')).toBe('100');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.qdpx$/);
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await recordA11y(page, visited, 'export done');

    // import the downloaded file into the second study
    await page.goto(`${server.url}/onderzoeken/${target}/documenten`);
    const importer = page.locator('div.qdpx-import', { has: page.getByRole('heading', { level: 3, name: 'Importeren (.qdpx)' }) });
    await importer.getByLabel('REFI-QDA-project (.qdpx)').setInputFiles(file);
    await importer.getByRole('button', { name: 'Importeren (.qdpx)' }).click();
    await importer.getByRole('progressbar', { name: 'Import van het project' }).waitFor();
    const counts = importer.getByRole('table', { name: 'Wat is overgenomen' });
    await counts.waitFor({ timeout: 60_000 });
    await importer.getByText('Import klaar: 1 bronnen en 2 coderingen overgenomen.').waitFor();
    expect(await counts.getByRole('row', { name: /^Bronnen \(documenten\)/ }).textContent()).toContain('1');
    expect(await counts.getByRole('row', { name: /^Coderingen/ }).textContent()).toContain('2');
    expect(await counts.getByRole('row', { name: /^Nieuwe codes/ }).textContent()).toContain('2');
    await importer.getByText('Er is niets overgeslagen.').waitFor();
    expect(await importer.getByRole('progressbar', { name: 'Import van het project' }).getAttribute('aria-valuenow')).toBe('100');
    // the document list shows the imported document
    await page.getByRole('link', { name: 'Interview ouder 1' }).first().waitFor({ timeout: 30_000 });
    await recordA11y(page, visited, 'import report');

    const docs = await api(`/api/studies/${target}/documents`, { session: lead });
    expect(docs.body.documents.map((d: { title: string }) => d.title)).toEqual(['Interview ouder 1']);
    const view = await api(`/api/studies/${target}/documents/${docs.body.documents[0].id}?layer=consensus`, { session: lead });
    expect(view.body.codings).toHaveLength(1); // the consensus coding came back as consensus

    // a file that is not a .qdpx: refused with the reason, nothing saved
    const fake = path.join(tmp, 'geen-project.qdpx');
    fs.writeFileSync(fake, 'dit is geen zip');
    await page.reload();
    await importer.getByLabel('REFI-QDA-project (.qdpx)').setInputFiles(fake);
    await importer.getByRole('button', { name: 'Importeren (.qdpx)' }).click();
    await importer.getByText('Dit bestand is niet geïmporteerd; er is niets opgeslagen.').waitFor({ timeout: 60_000 });
    await importer.getByText(/geen \.qdpx-archief/).waitFor();
    await recordA11y(page, visited, 'import refused');
    expect((await api(`/api/studies/${target}/documents`, { session: lead })).body.documents).toHaveLength(1);
    await page.context().close();
  });

  it('switches the workspace between the coder layer and the consensus layer (pressed state, in the URL)', async () => {
    const page = await signInPage(browser, server, LEAD, { problems: cspErrors });
    await page.goto(`${server.url}/onderzoeken/${source}/documenten/${documentId}`);
    const layers = page.getByRole('group', { name: 'Laag:' });
    await layers.waitFor();
    const coder = layers.getByRole('button', { name: 'Codeerlaag' });
    const consensus = layers.getByRole('button', { name: 'Consensuslaag' });
    expect(await coder.getAttribute('aria-pressed')).toBe('true');
    expect(await consensus.getAttribute('aria-pressed')).toBe('false');
    await consensus.click();
    await page.waitForURL(/[?&]laag=consensus/);
    await page.getByRole('group', { name: 'Laag:' }).getByRole('button', { name: 'Consensuslaag', pressed: true }).waitFor();
    await page.getByText('Consensuscoderingen').waitFor();
    await page.getByText(/U ziet de consensuslaag/).waitFor();
    await recordA11y(page, visited, 'workspace consensus layer');
    // reload keeps the layer; back to the coder layer
    await page.reload();
    await page.getByRole('group', { name: 'Laag:' }).getByRole('button', { name: 'Consensuslaag', pressed: true }).waitFor();
    await page.getByRole('group', { name: 'Laag:' }).getByRole('button', { name: 'Codeerlaag' }).click();
    await page.getByRole('group', { name: 'Laag:' }).getByRole('button', { name: 'Codeerlaag', pressed: true }).waitFor();
    expect(page.url()).not.toMatch(/laag=/);
    await page.context().close();
  });

  it('has no axe-core violations and no CSP violations', () => {
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
