/**
 * The `tnh` command as an operator uses it: accounts, studies, audit check, backup and restore. Runs on the
 * embedded database (a data dir per installation) and, on the PostgreSQL run, on a fresh database each.
 * Independent chains run concurrently: every command is a separate process that opens the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { openPlatform, type Platform } from '../../src/server/platform/boot';
import { verifyPassword } from '../../src/server/platform/passwords';
import { newInstallation, tnh, type Installation, type Result } from './tnh';
import { monitorResult } from '../../src/shared/dossiers';
import { computeIndicators, deriveOutcome } from '../../src/server/modules/dossiers/outcomes';
import { generateCohort } from '../../src/server/modules/dossiers/generate';

const made: Installation[] = [];
async function installation() {
  const inst = await newInstallation();
  made.push(inst);
  return inst;
}
afterAll(() => made.forEach((i) => fs.rmSync(i.dataDir, { recursive: true, force: true })));

/**
 * Three installations: `target` (made with `tnh migrate`, later the restore target), and `users` and `studies`.
 * Creating an embedded database costs several seconds of CPU, so on PGlite the two others start as copies of the
 * freshly migrated, still empty target (without its master key: each makes its own).
 */
let setup: Promise<{ target: Installation; migrate: Result; users: Installation; studies: Installation; dossiers: Installation }>;
beforeAll(() => {
  setup = (async () => {
    const target = await installation();
    const migrate = await tnh(target, ['migrate']);
    const copy = async () => {
      const inst = await installation();
      if (!inst.databaseUrl && migrate.status === 0) fs.cpSync(path.join(target.dataDir, 'pgdata'), path.join(inst.dataDir, 'pgdata'), { recursive: true });
      return inst;
    };
    return { target, migrate, users: await copy(), studies: await copy(), dossiers: await copy() };
  })();
  setup.catch(() => {});
});

/** Looks inside an installation directly (after the command has finished and released it). */
async function inspect<T>(inst: Installation, fn: (p: Platform) => Promise<T>): Promise<T> {
  const config = loadConfig({ TNH_DATA_DIR: inst.dataDir, DATABASE_URL: inst.databaseUrl ?? '', LOG_LEVEL: 'silent' });
  const p = await openPlatform(config, { purpose: 'test inspect' });
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

// Generous limits: each command is a process that starts Node, tsx and the database (slow on a busy machine).
describe.concurrent('tnh command line', { timeout: 180_000 }, () => {
  it('user add, a duplicate e-mail address, and user reset-password', async ({ expect }) => {
    const inst = (await setup).users;
    const add = await tnh(inst, ['user', 'add', '--email', 'a@example.org', '--name', 'A', '--role', 'admin'], { input: 'een-lang-wachtwoord\n' });
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect(add.stdout).toContain('Account aangemaakt: a@example.org (beheerder).');

    const dup = await tnh(inst, ['user', 'add', '--email', 'A@example.org', '--name', 'Ander', '--role', 'user'], { input: 'nog-een-wachtwoord\n' });
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/^Fout: Er bestaat al een account met e-mailadres a@example.org\./);

    const reset = await tnh(inst, ['user', 'reset-password', '--email', 'a@example.org'], { input: 'een-nieuw-wachtwoord\n' });
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain('Wachtwoord van a@example.org is gewijzigd.');

    await inspect(inst, async ({ deps }) => {
      const users = await deps.db.selectFrom('users').select(['email', 'name', 'is_admin', 'password_hash']).execute();
      expect(users.map(({ email, name, is_admin }) => ({ email, name, is_admin }))).toEqual([{ email: 'a@example.org', name: 'A', is_admin: true }]);
      // the trailing newline of stdin is not part of the password
      expect(await verifyPassword('een-nieuw-wachtwoord', users[0].password_hash)).toBe(true);
      expect(await verifyPassword('een-lang-wachtwoord', users[0].password_hash)).toBe(false);
      const ev = await deps.db.selectFrom('audit_events').select(['action', 'actor_id', 'details']).orderBy('id').execute();
      expect(ev).toEqual([
        { action: 'user.created', actor_id: null, details: { isAdmin: true, via: 'cli' } },
        { action: 'user.password_reset_cli', actor_id: null, details: {} },
      ]);
    });
  });

  it('refuses a too-short password', async ({ expect }) => {
    const inst = await installation();
    const short = await tnh(inst, ['user', 'add', '--email', 'b@example.org', '--name', 'B'], { input: 'kort\n' });
    expect(short.status).toBe(1);
    expect(short.stderr).toBe('Fout: Wachtwoord: Een wachtwoord heeft minstens 10 tekens.\n');
    // refused before the database was touched
    expect(fs.existsSync(path.join(inst.dataDir, 'pgdata'))).toBe(false);
  });

  it('migrate, study create, backup, restore into another installation, study list and audit verify there', async ({ expect }) => {
    const { target, migrate, studies: source } = await setup;
    expect(migrate.stderr).toBe('');
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toMatch(/^Database \((pglite|postgres)\) is bij\.\n/);

    const create = await tnh(source, ['study', 'create', '--title', 'Mijn onderzoek']);
    expect(create.stderr).toBe('');
    expect(create.status).toBe(0);
    expect(create.stdout).toBe('mijn-onderzoek\n');

    const file = path.join(source.dataDir, 'backup.tnh');
    const backup = await tnh(source, ['backup', '--out', file, '--passphrase-stdin'], { input: 'een lange wachtwoordzin\n' });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^Back-up geschreven naar .*backup\.tnh \(\d+ bytes\): users 0, settings 0, studies 1, study_keys 1, /);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file).toString('latin1')).not.toContain('Mijn onderzoek');

    // the target has another master key: the passphrase makes the backup portable
    const restore = await tnh(target, ['restore', file, '--passphrase-stdin'], { input: 'een lange wachtwoordzin\n' });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/^Teruggezet: users 0, settings 0, studies 1, study_keys 1, study_members 0, /);

    const list = await tnh(target, ['study', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toBe('mijn-onderzoek\tMijn onderzoek\n');

    const verify = await tnh(target, ['audit', 'verify']);
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^Audittrail in orde: 1 regels gecontroleerd\. Laatste hash: [0-9a-f]{64}\n$/);
  });

  it('dossiers generate, monitor --json, export, and import (a bad file exits 1 and imports nothing)', async ({ expect }) => {
    const inst = (await setup).dossiers;
    expect((await tnh(inst, ['study', 'create', '--title', 'Dossiers'])).stdout).toBe('dossiers\n');
    expect((await tnh(inst, ['study', 'create', '--title', 'Kopie'])).stdout).toBe('kopie\n');

    const gen = await tnh(inst, ['dossiers', 'generate', '--study', 'dossiers', '--cases', '150', '--seed', '5']);
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    expect(gen.stdout).toMatch(/^FICTIEVE gegevens: 150 verzonnen dossiers met \d+ gebeurtenissen \(seed 5\)/);

    const mon = await tnh(inst, ['monitor', '--study', 'dossiers', '--json']);
    expect(mon.stderr).toBe('');
    expect(mon.status).toBe(0);
    const json = JSON.parse(mon.stdout);
    expect(monitorResult.strict().parse(json)).toEqual(json);
    expect(json).toEqual(JSON.parse(JSON.stringify(computeIndicators(generateCohort({ cases: 150, seed: 5 }).map((c) => deriveOutcome(c))))));
    expect(json.cases).toBe(150);

    const text = await tnh(inst, ['monitor', '--study', 'dossiers']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Dossiers: 150, van wie uithuisgeplaatst: \d+\./);
    expect(text.stdout).toContain('Terugplaatsing, cumulatief');

    const out = path.join(inst.dataDir, 'export');
    const exp = await tnh(inst, ['dossiers', 'export', '--study', 'dossiers', '--out', out]);
    expect(exp.stderr).toBe('');
    expect(exp.status).toBe(0);
    expect(exp.stdout).toMatch(/^150 dossiers geschreven naar /);

    // the second data line again as the third: a duplicate code on line 3
    const lines = fs.readFileSync(path.join(out, 'cases.csv'), 'utf8').split(/\r?\n/);
    const bad = path.join(inst.dataDir, 'bad-cases.csv');
    fs.writeFileSync(bad, [lines[0], lines[1], lines[1], ...lines.slice(2)].join('\n'));
    const refused = await tnh(inst, ['dossiers', 'import', '--study', 'kopie', bad, path.join(out, 'events.csv')]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^Import geweigerd: 1 probleem; er is niets geïmporteerd\.\n/);
    expect(refused.stderr).toContain(`${bad}, regel 3: `);
    expect(JSON.parse((await tnh(inst, ['monitor', '--study', 'kopie', '--json'])).stdout).cases).toBe(0);

    const imp = await tnh(inst, ['dossiers', 'import', '--study', 'kopie', path.join(out, 'cases.csv'), path.join(out, 'events.csv')]);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ ok: true, study: 'kopie', cases: 150 });
    expect((await tnh(inst, ['monitor', '--study', 'kopie', '--json'])).stdout).toBe(mon.stdout);

    // recompute derives every cached row again; the figures stay the same
    const rec = await tnh(inst, ['dossiers', 'recompute', '--study', 'kopie']);
    expect(rec.status).toBe(0);
    expect(rec.stdout).toBe('150 dossiers opnieuw afgeleid (definitieversie 1) in kopie.\n');
    expect((await tnh(inst, ['dossiers', 'recompute', '--study', 'kopie', '--stale'])).stdout).toMatch(/^0 dossiers opnieuw afgeleid/);
    expect((await tnh(inst, ['monitor', '--study', 'kopie', '--json'])).stdout).toBe(mon.stdout);
    // the extended export adds institution, siblings and status
    const ext = await tnh(inst, ['dossiers', 'export', '--study', 'kopie', '--out', path.join(out, 'ext'), '--extended']);
    expect(ext.status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'ext', 'cases.csv'), 'utf8').split('\r\n')[0]).toBe('case_id,birth_month,sex,region,placement_reasons,parent_factors,institution,siblings,status');

    const missing = await tnh(inst, ['monitor', '--study', 'bestaat-niet', '--json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^Fout: Het onderzoek "bestaat-niet" bestaat niet/);
  });

  it('an unknown command exits non-zero with usage', async ({ expect }) => {
    const r = await tnh(await installation(), ['bestaat-niet']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'bestaat-niet'");
    expect(r.stderr).toContain('Usage: tnh');
  });
});
