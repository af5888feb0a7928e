/**
 * An exclusive lock on the embedded data directory. PGlite writes a fake PID into postmaster.pid, so two
 * processes could open the same directory and silently lose each other's writes. The lock file lives next
 * to the PGlite directory, is created with O_EXCL and holds our PID; a stale lock (its process is gone) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../platform/errors';

export interface DataDirLock {
  file: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'tnh.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            const held = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
            if (held.pid === process.pid) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let held: { pid?: number; purpose?: string; since?: string } = {};
      try {
        held = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        /* unreadable: treat as stale */
      }
      if (held.pid && held.pid !== process.pid && alive(held.pid)) {
        throw new AppError(
          'data_dir_locked',
          `De database in ${dataDir} is in gebruik door een ander proces (pid ${held.pid}, ${held.purpose ?? 'onbekend'}, sinds ${held.since ?? '?'}). ` +
            'Stop dat proces eerst: twee processen op één ingebedde database beschadigen de gegevens. ' +
            'Voor meerdere processen tegelijk: gebruik PostgreSQL via DATABASE_URL.',
          409,
        );
      }
      fs.rmSync(file, { force: true }); // stale lock of a process that is gone
    }
  }
  throw new AppError('data_dir_locked', `Kon de database in ${dataDir} niet vergrendelen.`, 409);
}
