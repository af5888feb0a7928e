// temporary manual smoke run (deleted afterwards)
import { launchChromium, startServer, axeViolations } from './test/e2e/support';
import { generateCohort } from './src/server/modules/dossiers/generate';
import { serializeInterchange } from './src/server/modules/dossiers/interchange';
import fs from 'node:fs';

const server = await startServer();
const browser = await launchChromium();
const ME = { name: 'Lea Leider', email: 'lea@example.org', password: 'lea-wachtwoord-123' };
try {
  const token = server.setupLink!.split('#')[1];
  const r = await fetch(`${server.url}/api/links/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, ...ME }) });
  const info = await r.json();
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const h = { 'content-type': 'application/json', cookie, 'x-csrf-token': info.csrfToken };
  const st = await (await fetch(`${server.url}/api/studies`, { method: 'POST', headers: h, body: JSON.stringify({ title: 'Proef dossiers' }) })).json();
  if (process.env.EN) await fetch(`${server.url}/api/me`, { method: 'PATCH', headers: h, body: JSON.stringify({ language: 'en' }) });
  const files = serializeInterchange(generateCohort({ cases: Number(process.env.N ?? 300), seed: 7 }));
  const job = await (await fetch(`${server.url}/api/studies/${st.slug}/dossiers/import`, { method: 'POST', headers: h, body: JSON.stringify(files) })).json();
  for (let i = 0; i < 100; i++) {
    const j = await (await fetch(`${server.url}/api/jobs/${job.id}`, { headers: h })).json();
    if (j.status === 'done' || j.status === 'failed') { console.log('job', j.status, JSON.stringify(j.result).slice(0, 200)); break; }
    await new Promise((r) => setTimeout(r, 300));
  }
  const ctx = await browser.newContext({ viewport: { width: Number(process.env.W ?? 1280), height: 900 } });
  const page = await ctx.newPage();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-mailadres').fill(ME.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(ME.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/onderzoeken$/);
  await page.waitForTimeout(500);
  const pages = (process.env.PAGES ?? 'dossiers,monitor,dossiers/nieuw,dossiers/importeren,dossiers/overeenstemming').split(',');
  for (const p of pages) {
    await page.goto(`${server.url}/onderzoeken/${st.slug}/${p}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const name = p.replace(/\W+/g, '_');
    await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
    if (p === 'monitor') await page.locator('.chart-figure').first().screenshot({ path: '/tmp/shot-chart.png' });
    console.log(p, 'axe:', JSON.stringify(await axeViolations(page)));
    console.log('overflow', await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth));
  }
  if (process.env.CASE) {
    const list = await (await fetch(`${server.url}/api/studies/${st.slug}/dossiers?limit=3`, { headers: h })).json();
    await page.goto(`${server.url}/onderzoeken/${st.slug}/dossiers/${list.cases[0].id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `/tmp/shot-case.png`, fullPage: true });
    await page.locator('.tl-figure').screenshot({ path: '/tmp/shot-figure.png' });
    await page.locator('.tl-rows li').first().screenshot({ path: '/tmp/shot-row.png' });
    console.log('case axe:', JSON.stringify(await axeViolations(page)));
    console.log('overflow', await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth));
  }
  if (process.env.EXTRA) {
    const list = await (await fetch(`${server.url}/api/studies/${st.slug}/dossiers?limit=3`, { headers: h })).json();
    await page.goto(`${server.url}/onderzoeken/${st.slug}/dossiers/${list.cases[0].id}/vaststellen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `/tmp/shot-reconcile.png`, fullPage: true });
    console.log('reconcile axe:', JSON.stringify(await axeViolations(page)));
    // committee member, small threshold groups suppressed
    const add = await (await fetch(`${server.url}/api/studies/${st.slug}/members`, { method: 'POST', headers: h, body: JSON.stringify({ email: 'bc@example.org', role: 'committee' }) })).json();
    const tok = add.invitationLink.split('#')[1];
    await fetch(`${server.url}/api/links/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tok, name: 'Bea Commissie', password: 'bea-wachtwoord-1' }) });
    const p2 = await (await browser.newContext()).newPage();
    p2.on('console', (m) => logs.push(`bc ${m.type()}: ${m.text()}`));
    await p2.goto(`${server.url}/login`);
    await p2.getByLabel('E-mailadres').fill('bc@example.org');
    await p2.getByLabel('Wachtwoord', { exact: true }).fill('bea-wachtwoord-1');
    await p2.getByRole('button', { name: 'Inloggen' }).click();
    await p2.waitForURL(/\/onderzoeken$/);
    await p2.goto(`${server.url}/onderzoeken/${st.slug}/monitor?uitsplitsing=plaatsingsvorm`);
    await p2.getByRole('heading', { level: 1 }).waitFor();
    await p2.waitForLoadState('networkidle');
    await p2.waitForTimeout(800);
    await p2.screenshot({ path: `/tmp/shot-committee.png`, fullPage: true });
    console.log('committee axe:', JSON.stringify(await axeViolations(p2)));
    await p2.goto(`${server.url}/onderzoeken/${st.slug}/dossiers`);
    await p2.getByRole('heading', { level: 1 }).waitFor();
    console.log('committee dossiers h1:', await p2.getByRole('heading', { level: 1 }).textContent());
  }
  console.log(logs.join('\n'));
} finally {
  await browser.close();
  await server.stop();
}
