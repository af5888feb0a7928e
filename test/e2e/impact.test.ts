/**
 * Impact tracking in Chromium: a recommendation made through the findings module's API, the standard policy
 * trajectories added from the dashboard, one linked, two dated statuses recorded through the form, the dashboard's
 * current-status table, the stacked chart with its table alternative, the XLSX export downloaded and read back, and
 * the committee's read-only view. axe-core finds no violations, the CSP is never violated. All data are fictional.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, inviteMember, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Ilse Impact', email: 'ilse@example.org', password: 'ilse-wachtwoord-1' };
const COMMITTEE = { name: 'Kees Commissie', email: 'kees@example.org', password: 'kees-wachtwoord-22' };
const REC = 'Leg het perspectiefbesluit bij de kinderrechter.';
let slug = '';
let lead: ApiSession;
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];

const check = (page: Page, name: string) => recordA11y(page, visited, name);
const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);
const signIn = (who: { email: string; password: string }) => signInPage(browser, server, who, { problems: cspErrors });

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLinkApi(server, server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Impact in de proef' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  expect(study.body.modules.map((m: { key: string }) => m.key)).toContain('impact');
  const S = `/api/studies/${slug}`;
  for (const [text, addressees] of [
    [REC, ['min_jenv', 'rechtspraak']],
    ['Registreer terugplaatsingen landelijk.', ['min_vws']],
  ] as const) {
    const r = await api(`${S}/recommendations`, { method: 'POST', body: { text, priority: 'hoog', addressees }, session: lead });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  await inviteMember(server, slug, lead, COMMITTEE, 'committee');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('impact tracking', () => {
  it('seeds trajectories, links one, records two statuses, shows chart and table, exports XLSX', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Impact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impact' }).waitFor();
    await page.getByText('Er is nog geen status vastgelegd.').waitFor();
    await check(page, 'impact (empty)');

    await page.getByRole('button', { name: 'Standaardtrajecten toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: '4 standaardtrajecten toegevoegd.' }).waitFor();
    const trajectories = page.getByRole('table', { name: 'Beleidstrajecten' });
    await trajectories.getByRole('rowheader', { name: /Hervormingsagenda Jeugd/ }).waitFor();
    await trajectories.getByText(/Te verifiëren: de aanbiedingsbrief/).waitFor();

    const update = page.getByRole('region', { name: 'Aanbeveling bijwerken' });
    await update.getByLabel('Aanbeveling', { exact: true }).selectOption({ label: `1. ${REC}` });
    // the checkbox follows the server: it turns checked once the link is saved
    await update.getByLabel('Wet versterking rechtsbescherming in de jeugdbescherming').click();
    await page.getByRole('status').filter({ hasText: 'Het beleidstraject is gekoppeld.' }).waitFor();
    await expect.poll(() => update.getByLabel('Wet versterking rechtsbescherming in de jeugdbescherming').isChecked()).toBe(true);

    // two statuses: in overweging (Feb 2025), deels overgenomen (May 2025)
    for (const [status, date, source] of [
      ['in_overweging', '2025-02-11', 'Kamerbrief (te verifiëren)'],
      ['deels_overgenomen', '2025-05-20', 'Kamerstuk (te verifiëren)'],
    ] as const) {
      await update.getByLabel('Status', { exact: true }).selectOption(status);
      await update.getByLabel('Datum', { exact: true }).fill(date);
      await update.getByLabel('Bron', { exact: true }).fill(source);
      await update.getByRole('button', { name: 'Status vastleggen' }).click();
      await update.getByRole('cell', { name: source }).waitFor();
    }
    // a date in the future is refused with a Dutch message
    await update.getByLabel('Datum', { exact: true }).fill('2999-01-01');
    await update.getByLabel('Datum', { exact: true }).evaluate((el) => el.removeAttribute('max'));
    await update.getByRole('button', { name: 'Status vastleggen' }).click();
    await update.getByText(/kan niet in de toekomst liggen/).waitFor();

    const current = page.getByRole('table', { name: 'Aanbevelingen met hun huidige status' });
    const row = current.getByRole('row').filter({ hasText: REC });
    await row.getByRole('cell', { name: 'Deels overgenomen' }).waitFor();
    await row.getByRole('cell', { name: 'Wet versterking rechtsbescherming in de jeugdbescherming' }).waitFor();

    // the filter by addressee and by trajectory
    await page.getByLabel('Geadresseerde').selectOption({ label: 'Ministerie van Volksgezondheid, Welzijn en Sport' });
    await page.getByText('1 van 2 aanbevelingen getoond.').waitFor();
    await page.getByLabel('Geadresseerde').selectOption({ label: 'Alle' });
    await page.getByLabel('Beleidstraject', { exact: true }).selectOption({ label: 'Wet versterking rechtsbescherming in de jeugdbescherming' });
    await page.getByText('1 van 2 aanbevelingen getoond.').waitFor();
    await page.getByLabel('Beleidstraject', { exact: true }).selectOption({ label: 'Alle' });

    // chart and its table alternative, per quarter and per month
    await page.getByRole('img', { name: /Gestapelde staafgrafiek/ }).locator('svg').waitFor();
    const series = page.getByRole('table', { name: 'Aantal aanbevelingen per status per periode' });
    await series.getByRole('rowheader', { name: '2025-Q1' }).waitFor();
    const q2 = series.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2025-Q2' }) });
    expect(await q2.getByRole('cell').allInnerTexts()).toEqual(['0', '0', '1', '0', '0', '1']);
    await page.getByLabel('Per maand').check();
    await series.getByRole('rowheader', { name: '2025-03' }).waitFor();
    await check(page, 'impact (with statuses)');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren naar Excel (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^impact-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Aanbevelingen', 'Statusgeschiedenis']));
    const recs = wb.getWorksheet('Aanbevelingen')!;
    expect(recs.getRow(2).getCell(2).value).toBe(REC);
    expect(recs.getRow(2).getCell(6).value).toBe('Deels overgenomen');
    expect(wb.getWorksheet('Statusgeschiedenis')!.rowCount).toBe(3);
  });

  it('the committee reads the dashboard without edit controls', async () => {
    const page = await signIn(COMMITTEE);
    await page.goto(`${server.url}/onderzoeken/${slug}/impact`);
    await page.getByRole('heading', { level: 1, name: 'Impact' }).waitFor();
    await page.getByRole('table', { name: 'Aanbevelingen met hun huidige status' }).getByRole('cell', { name: 'Deels overgenomen' }).waitFor();
    expect(await page.getByRole('region', { name: 'Aanbeveling bijwerken' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Standaardtrajecten toevoegen' }).count()).toBe(0);
    await check(page, 'impact (committee)');
  });

  it('has no axe-core violations and no CSP violations on any page visited', () => {
    expect(Object.keys(visited).length).toBe(3);
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
