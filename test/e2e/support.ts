/** Browser-test support: a real `tnh serve` on a temporary data dir, and Debian's Chromium through playwright-core. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  setupLink: string | null;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnh-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['bin/tnh.js', 'serve'], {
    env: { ...process.env, TNH_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', TNH_LOGIN_RATE_LIMIT: '1000', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  // A fresh data dir always prints the one-time setup link right after "draait op"; wait for both.
  while (!/draait op/.test(out) || !/link#[A-Za-z0-9_-]{43}/.test(out)) {
    if (child.exitCode !== null) throw new Error(`tnh serve stopped: ${out}`);
    if (Date.now() > deadline) throw new Error(`tnh serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const link = out.match(/(http:\/\/\S+\/link#[A-Za-z0-9_-]+)/)?.[1] ?? null;
  return {
    url: `http://localhost:${port}`,
    setupLink: link,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) on the page; returns a readable list of violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v: { id: string; help: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  return result as string[];
}

/** A signed-in API session: its cookie and CSRF token. */
export interface ApiSession {
  cookie: string;
  csrf: string;
}

/** A JSON call to the server's API as `session`; returns the status and the parsed body. */
export async function apiCall(server: RunningServer, path: string, init: { method?: string; body?: unknown; session: ApiSession }) {
  const r = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', cookie: init.session.cookie, 'x-csrf-token': init.session.csrf },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: r.status, body: await r.json() };
}

/** Accepts a one-time link (setup or invitation) over the API: the new account's session. */
export async function acceptLinkApi(server: RunningServer, link: string, body: Record<string, string>): Promise<ApiSession> {
  const token = link.split('#')[1];
  const r = await fetch(`${server.url}/api/links/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, ...body }) });
  if (r.status !== 200) throw new Error(`accepting the link failed: ${r.status} ${await r.text()}`);
  const info = (await r.json()) as { csrfToken: string };
  return { cookie: r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: info.csrfToken };
}

/** The lead adds a member to the study by e-mail with a role; the invited person accepts the link: their session. */
export async function inviteMember(
  server: RunningServer,
  slug: string,
  lead: ApiSession,
  who: { email: string; name: string; password: string },
  role: 'lead' | 'researcher' | 'coder' | 'committee',
): Promise<ApiSession> {
  const added = await apiCall(server, `/api/studies/${slug}/members`, { method: 'POST', body: { email: who.email, role }, session: lead });
  if (added.status !== 200) throw new Error(`adding ${who.email} as ${role} failed: ${added.status} ${JSON.stringify(added.body)}`);
  return acceptLinkApi(server, added.body.invitationLink, { name: who.name, password: who.password });
}

/**
 * Signs in through the login page in a new browser context (optionally a phone's viewport); CSP violations and page
 * errors of every page in it are added to `problems`.
 */
export async function signInPage(
  browser: Browser,
  server: RunningServer,
  who: { email: string; password: string },
  options: { problems: string[]; viewport?: { width: number; height: number } },
): Promise<Page> {
  const ctx = await browser.newContext(options.viewport ? { viewport: options.viewport, isMobile: true } : {});
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) options.problems.push(m.text());
  });
  page.on('pageerror', (e) => options.problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-mailadres').fill(who.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/onderzoeken$/);
  return page;
}

/** Waits until the page is quiet and records its axe-core violations under `name`. */
export async function recordA11y(page: Page, visited: Record<string, string[]>, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  visited[name] = await axeViolations(page);
}
