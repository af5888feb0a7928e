/** Runs `node bin/tnh.js …` as a separate process, the way an operator does. */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabaseUrl, tempDir } from '../support/platform';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One installation: a data dir (master key, embedded database) and, on the PostgreSQL run, a database of its own. */
export interface Installation {
  dataDir: string;
  databaseUrl: string | null;
}

export async function newInstallation(): Promise<Installation> {
  return { dataDir: tempDir('tnh-cli-'), databaseUrl: await freshDatabaseUrl() };
}

export function envFor(inst: Installation, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TNH_DATA_DIR: inst.dataDir, DATABASE_URL: inst.databaseUrl ?? '', LOG_LEVEL: 'silent', ...extra };
  delete env.TNH_MASTER_KEY;
  delete env.TNH_PUBLIC_URL;
  return env;
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tnh(inst: Installation, args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/tnh.js', ...args], { cwd: ROOT, env: envFor(inst, opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 150_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
