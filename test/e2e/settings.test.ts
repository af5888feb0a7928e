/**
 * Personal settings in Chromium: sign in with the keyboard only, switch the language to English, and enrol a
 * second factor with the key shown on screen; the next sign-in then asks for the code. No axe violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { totpCodeFor } from '../../src/server/platform/totp';
import { axeViolations, launchChromium, startServer, type RunningServer } from './support';

let server: RunningServer;
let browser: Browser;
const ME = { name: 'Sam Onderzoeker', email: 'sam@example.org', password: 'sam-wachtwoord-123' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  // Create the first administrator through the API the setup page uses.
  const token = server.setupLink!.split('#')[1];
  const r = await fetch(`${server.url}/api/links/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, ...ME }) });
  expect(r.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('settings', () => {
  it('signs in with the keyboard only', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/login`);
    await page.keyboard.press('Tab'); // skip link first
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Naar de inhoud');
    await page.keyboard.press('Enter');
    // Move to the e-mail field and type; Tab to the password; Enter submits.
    for (let i = 0; i < 10 && (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)) !== 'email'; i++) await page.keyboard.press('Tab');
    await page.keyboard.type(ME.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ME.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/onderzoeken$/);
    // Focus goes to the page heading after navigation, for screen readers.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  });

  it('switches the interface to English and back', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mailadres').fill(ME.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ME.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/onderzoeken$/);
    await page.goto(`${server.url}/instellingen`);
    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('button', { name: 'Profiel opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await axeViolations(page)).toEqual([]);
    // The choice is stored: a new page load is still English.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByLabel('Language').selectOption('nl');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Instellingen' }).waitFor();
  });

  it('enrols a second factor and then asks for the code at sign-in', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mailadres').fill(ME.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ME.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/onderzoeken$/);
    await page.goto(`${server.url}/instellingen`);
    await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
    const secretText = (await page.locator('code.secret').textContent())!.replace(/\s+/g, '');
    expect(secretText).toMatch(/^[A-Z2-7]{32}$/);
    await expect.poll(() => page.getByRole('img', { name: /QR-code/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Code uit uw authenticator-app').fill(totpCodeFor(secretText, Date.now() - 30_000));
    await page.getByRole('button', { name: 'Bevestigen en inschakelen' }).click();
    await page.getByText('Tweestapsverificatie is ingeschakeld.').waitFor();

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mailadres').fill(ME.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ME.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const code = page.getByLabel('Code uit uw authenticator-app');
    await code.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await code.fill(totpCodeFor(secretText));
    await page.getByRole('button', { name: 'Controleren en inloggen' }).click();
    await page.waitForURL(/\/onderzoeken$/);
  });
});
