/**
 * The first-run journey in Chromium: set up the administrator, create a study, add a member with role coder;
 * that member signs in and sees the study but not the audit trail. axe-core finds no violations on any page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type RunningServer, axeViolations, launchChromium, recordA11y, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const ADMIN = { name: 'Anna Beheer', email: 'anna@example.org', password: 'een-lang-wachtwoord-1' };
const CODER = { name: 'Chris Codeur', email: 'chris@example.org', password: 'codeur-wachtwoord-2' };
const visited: Record<string, string[]> = {};

const check = (page: Page, name: string) => recordA11y(page, visited, name);

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first run', () => {
  let slug = '';
  let invitation = '';

  it('sets up the first administrator with the one-time link', async () => {
    expect(server.setupLink).toMatch(/\/link#/);
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.setupLink!.replace(/http:\/\/[^/]+/, server.url));
    await page.getByLabel('Naam').fill(ADMIN.name);
    await page.getByLabel('E-mailadres').fill(ADMIN.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Herhaal wachtwoord').fill(ADMIN.password);
    await check(page, 'link (setup)');
    await page.getByRole('button', { name: 'Opslaan en inloggen' }).click();
    await page.waitForURL(/\/onderzoeken/);
    await check(page, 'study list (empty)');

    await page.getByRole('link', { name: 'Nieuw onderzoek' }).click();
    await page.getByLabel('Titel').fill('Terug naar huis — proefonderzoek');
    await check(page, 'new study');
    await page.getByRole('button', { name: 'Onderzoek aanmaken' }).click();
    await page.waitForURL(/\/onderzoeken\/terug-naar-huis-proefonderzoek$/);
    slug = 'terug-naar-huis-proefonderzoek';
    await page.getByRole('heading', { level: 1, name: /Terug naar huis — proefonderzoek/ }).waitFor();
    await check(page, 'study home (lead)');

    await page.getByRole('link', { name: 'Leden' }).first().click();
    await page.waitForURL(/\/leden$/);
    await page.getByLabel('E-mailadres').fill(CODER.email);
    await page.getByLabel('Rol').selectOption('coder');
    await page.getByRole('button', { name: 'Lid toevoegen' }).click();
    const linkBox = page.getByLabel('Uitnodigingslink');
    await linkBox.waitFor();
    invitation = (await linkBox.inputValue()) || (await linkBox.textContent()) || '';
    expect(invitation).toMatch(/\/link#[A-Za-z0-9_-]{43}$/);
    await check(page, 'members');

    await page.goto(`${server.url}/onderzoeken/${slug}/audit`);
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(2);
    await check(page, 'audit trail');
    // Export as a job with a progress bar, then download the CSV.
    await page.getByRole('button', { name: 'Exporteren als CSV' }).click();
    const download = page.getByRole('link', { name: 'CSV-bestand downloaden' });
    await download.waitFor();
    await expect.poll(() => page.getByRole('progressbar', { name: 'Voortgang van de export' }).count(), { timeout: 10_000 }).toBe(1);
    const csv = await (await page.request.get(new URL((await download.getAttribute('href'))!, server.url).toString())).text();
    expect(csv).toContain('study.created');
    expect(csv).toContain('member.invited');
    await check(page, 'audit trail after export');

    await page.goto(`${server.url}/instellingen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check(page, 'settings');
    await page.goto(`${server.url}/beheer/gebruikers`);
    await page.getByRole('table').waitFor();
    await check(page, 'admin users');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login/);
    await check(page, 'login');
  });

  it('lets the invited coder join, sign in, and see the study but not the audit trail', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(invitation.replace(/http:\/\/[^/]+/, server.url));
    await page.getByLabel('Naam').fill(CODER.name);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(CODER.password);
    await page.getByLabel('Herhaal wachtwoord').fill(CODER.password);
    await check(page, 'link (invitation)');
    await page.getByRole('button', { name: 'Opslaan en inloggen' }).click();
    await page.waitForURL(/\/onderzoeken/);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login/);

    await page.getByLabel('E-mailadres').fill(CODER.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill('fout-wachtwoord-123');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'klopt niet' }).waitFor();
    await check(page, 'login with error');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(CODER.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/onderzoeken$/);
    await page.getByRole('link', { name: /proefonderzoek/ }).click();
    await page.waitForURL(new RegExp(`/onderzoeken/${slug}$`));
    // the study page is loaded lazily: wait for its heading rather than reading whichever h1 is there right now
    await page.getByRole('heading', { level: 1, name: /proefonderzoek/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Audittrail' }).count()).toBe(0);
    await check(page, 'study home (coder)');

    const api = await page.request.get(`${server.url}/api/studies/${slug}/audit`);
    expect(api.status()).toBe(403);
    await page.goto(`${server.url}/onderzoeken/${slug}/audit`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('works on a phone-sized screen', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mailadres').fill(ADMIN.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/onderzoeken$/);
    for (const p of ['/onderzoeken', `/onderzoeken/${slug}`, `/onderzoeken/${slug}/leden`, `/onderzoeken/${slug}/audit`]) {
      await page.goto(server.url + p);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal scroll on ${p}`).toBeLessThanOrEqual(0);
      visited[`phone ${p}`] = await axeViolations(page);
    }
  });

  it('has no axe-core violations on any page visited', () => {
    expect(Object.keys(visited).length).toBeGreaterThan(10);
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });
});
