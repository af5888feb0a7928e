/**
 * The analysis page in Chromium: the lead sets up two coded interviews (a parent and a professional, through the
 * API), opens "Analyse" from the documents page, reads the code frequencies, builds a theme × role matrix, opens a
 * cell's segments in the panel, downloads the matrix as XLSX, and sees the code suggestions in the workspace. axe-core
 * finds no violations and the CSP is never violated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Anna Analist', email: 'anna@example.org', password: 'anna-wachtwoord-1' };
let slug = '';
let lead: ApiSession = { cookie: '', csrf: '' };
const ids: Record<string, string> = {};
const visited: Record<string, string[]> = {};
const problems: string[] = [];
const today = () => new Date().toISOString().slice(0, 10);
const api = (path: string, init: { method?: string; body?: unknown } = {}) => apiCall(server, path, { ...init, session: lead });

async function code(name: string, parentId: string | null = null) {
  const r = await api(`/api/studies/${slug}/codes`, { method: 'POST', body: { name, parentId } });
  expect(r.status).toBe(200);
  return r.body.id as string;
}

const cp = (s: string) => [...s].length;
async function codePart(docId: string, text: string, part: string, codeIds: string[]) {
  const i = text.indexOf(part);
  const start = cp(text.slice(0, i));
  const r = await api(`/api/studies/${slug}/documents/${docId}/codings`, { method: 'POST', body: { version: 1, start, end: start + cp(part), codeIds } });
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLinkApi(server, server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Analyse van gesprekken' } });
  slug = study.body.slug;
  ids.themes = await code("Thema's");
  ids.contact = await code('Contact en omgang', ids.themes);
  ids.school = await code('School', ids.themes);
  for (const role of ['parent', 'professional'] as const) {
    const p = await api(`/api/studies/${slug}/participants`, { method: 'POST', body: { role, ageBand: 'adult' } });
    await api(`/api/studies/${slug}/participants/${p.body.id}/consent`, {
      method: 'POST',
      body: { letterVersion: 'v1', date: today(), givenBy: 'participant', kind: 'consent', method: 'written', scopes: { participation: true, audio_recording: true, quotes: true, archiving: true } },
    });
    const lines = [
      'I: Hoe ging het bezoek?',
      `R: Het bezoek met mijn kind was elke week ${role === 'parent' ? 'veel te kort' : 'goed geregeld'}.`,
      'I: En de school?',
      'R: De school hielp mee met huiswerk.',
      'R: Het bezoek bij oma was fijn.',
    ];
    const text = lines.join('\n');
    const d = await api(`/api/studies/${slug}/documents/transcripts`, { method: 'POST', body: { title: `Interview ${role}`, pasted: text, participantId: p.body.id } });
    expect(d.status).toBe(200);
    ids[role] = d.body.id;
    await codePart(d.body.id, text, lines[1].slice(3), [ids.contact]);
    if (role === 'parent') await codePart(d.body.id, text, lines[3].slice(3), [ids.school]);
  }
  // a third interview's turns train the suggestions (three coded "bezoek" turns make "contact" learnable)
  const more = ['R: Het bezoek aan mijn vader was te kort.', 'R: Elk bezoek werd afgezegd.', 'R: Het bezoek in het weekend was fijn.', 'R: Op school ging het slecht.'];
  const d3 = await api(`/api/studies/${slug}/documents/transcripts`, { method: 'POST', body: { title: 'Interview zonder deelnemer', pasted: more.join('\n') } });
  for (const l of more.slice(0, 3)) await codePart(d3.body.id, more.join('\n'), l.slice(3), [ids.contact]);
  await codePart(d3.body.id, more.join('\n'), more[3].slice(3), [ids.school]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the analysis page', () => {
  it('shows frequencies, builds a theme × role matrix, opens a cell, downloads XLSX', async () => {
    const page = await signInPage(browser, server, LEAD, { problems });
    await page.goto(`${server.url}/onderzoeken/${slug}/documenten`);
    await page.getByRole('link', { name: 'Analyse', exact: true }).click();
    await page.waitForURL(/\/documenten\/analyse$/);
    await page.getByRole('heading', { level: 1, name: 'Analyse' }).waitFor();
    const freq = page.locator('#an-frequencies table');
    await freq.getByRole('row', { name: /Contact en omgang/ }).waitFor();
    expect(await freq.getByRole('row', { name: /Contact en omgang/ }).locator('td').first().innerText()).toBe('5');
    await recordA11y(page, visited, 'analysis');

    await page.locator('#an-m-rows').selectOption(ids.themes);
    await page.getByLabel('Kolommen', { exact: true }).selectOption('attr:role');
    await page.getByLabel('Tellen', { exact: true }).selectOption('segments');
    await page.getByRole('button', { name: 'Matrix maken' }).click();
    const matrix = page.locator('#an-matrix table');
    await matrix.waitFor();
    const head = await matrix.locator('thead th').allInnerTexts();
    expect(head).toEqual(['Code', 'Kind', 'Ouder', 'Pleegouder', 'Jongvolwassene', 'Professional', '(geen waarde)', 'Totaal']);
    const contactRow = matrix.getByRole('row', { name: /Contact en omgang/ });
    expect(await contactRow.locator('td').allInnerTexts()).toEqual(['0', '1', '0', '0', '1', '3', '5']);
    await recordA11y(page, visited, 'analysis (matrix)');

    await contactRow.getByRole('button', { name: /1 segment van Contact en omgang × Ouder/ }).click();
    const panel = page.locator('#an-segments');
    await panel.getByRole('heading', { name: 'Segmenten: Contact en omgang × Ouder' }).waitFor();
    await panel.getByText('veel te kort').waitFor();
    await expect.poll(() => panel.locator('.segment').count(), { timeout: 10_000 }).toBe(1);
    await recordA11y(page, visited, 'analysis (segments)');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#an-matrix').getByRole('link', { name: 'Download XLSX' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as never);
    expect(wb.worksheets[0].getRow(4).values).toEqual([undefined, 'Contact en omgang', 0, 1, 0, 0, 1, 3, 5]);
  });

  it('lists code suggestions in the workspace, accepted with the keyboard', async () => {
    const page = await signInPage(browser, server, LEAD, { problems });
    await page.goto(`${server.url}/onderzoeken/${slug}/documenten/${ids.professional}`);
    const panel = page.locator('.ws-suggestions');
    await panel.getByRole('button', { name: 'Suggesties ophalen' }).click();
    await panel.getByText(/Geleerd van/).waitFor();
    const accept = panel.getByRole('button', { name: /Code Contact en omgang accepteren/ }).first();
    await accept.waitFor();
    await accept.focus();
    await page.keyboard.press('Enter');
    await panel.getByText('Code Contact en omgang toegepast op de spreekbeurt.').waitFor();
    await recordA11y(page, visited, 'workspace (suggestions)');
  });

  it('has no axe violations and no CSP problems', () => {
    expect(visited).not.toEqual({});
    for (const [name, v] of Object.entries(visited)) expect(v, name).toEqual([]);
    expect(problems).toEqual([]);
  });
});
