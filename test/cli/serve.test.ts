/**
 * `tnh serve` on the embedded database: the first-start setup link, the 0600 master key, the exclusive lock on
 * the data dir (a second process is refused), and a clean stop on SIGTERM that releases the lock.
 * Only on the embedded database: the lock protects PGlite's single-process data dir.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../support/platform';
import { ROOT, envFor, freePort, newInstallation, tnh, type Installation } from './tnh';

let inst: Installation | null = null;
afterAll(() => {
  if (inst) fs.rmSync(inst.dataDir, { recursive: true, force: true });
});

describe.skipIf(onPostgres)('tnh serve', { timeout: 180_000 }, () => {
  it('prints the setup link, holds the data dir, and stops cleanly on SIGTERM', async () => {
    inst = await newInstallation();
    const port = await freePort();
    const server = spawn(process.execPath, ['bin/tnh.js', 'serve'], {
      cwd: ROOT,
      env: envFor(inst, { PORT: String(port), TNH_SERVE_WEB: 'false', TNH_JOBS: 'false' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    server.stdout.on('data', (d) => (stdout += d));
    server.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    try {
      // wait for the setup link (or an early exit)
      const started = Date.now();
      while (!/\/link#\S+/.test(stdout)) {
        if (server.exitCode !== null) throw new Error(`serve exited with ${server.exitCode}: ${stderr}`);
        if (Date.now() - started > 120_000) throw new Error(`no setup link after 120 s: ${stdout} ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const link = stdout.match(/(http:\/\/\S+\/link#\S+)/)![1];
      expect(link).toMatch(new RegExp(`^http://localhost:${port}/link#[A-Za-z0-9_-]{43}$`));
      expect(stdout).toContain(`Terug naar huis draait op http://127.0.0.1:${port}`);
      const keyFile = path.join(inst.dataDir, 'master.key');
      expect(stdout).toContain(`Nieuwe hoofdsleutel aangemaakt: ${keyFile}`);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

      // the server answers, and the link creates the first administrator who can create a study
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
      const accept = await fetch(`${base}/api/links/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link.split('#')[1], name: 'Eerste Beheerder', email: 'beheer@example.org', password: 'beheer-wachtwoord-1' }),
      });
      expect(accept.status).toBe(200);
      const cookie = accept.headers.get('set-cookie')!.split(';')[0];
      const { csrfToken } = (await accept.json()) as { csrfToken: string };
      const study = await fetch(`${base}/api/studies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ title: 'Via de server' }),
      });
      expect(study.status).toBe(200);

      // a second process on the same data dir is refused, before it touches the database
      const otherPort = await freePort();
      const out = path.join(inst.dataDir, 'backup.tnh');
      const [second, backup] = await Promise.all([
        tnh(inst, ['serve'], { env: { PORT: String(otherPort) } }),
        tnh(inst, ['backup', '--out', out, '--passphrase-stdin'], { input: 'een lange wachtwoordzin\n' }),
      ]);
      for (const r of [second, backup]) {
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(/^Fout: De database in .* is in gebruik door een ander proces \(pid \d+, tnh serve/);
      }
      expect(fs.existsSync(out)).toBe(false);
      expect(fs.existsSync(path.join(inst.dataDir, 'tnh.lock'))).toBe(true);

      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('SIGTERM ontvangen');
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }

    // the lock is released and what the server wrote is on disk
    expect(fs.existsSync(path.join(inst.dataDir, 'tnh.lock'))).toBe(false);
    const list = await tnh(inst, ['study', 'list']);
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    expect(list.stdout).toBe('via-de-server\tVia de server\n');
  });
});
