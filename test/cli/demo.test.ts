/**
 * `tnh demo`: loads the FICTIONAL demo study and prints its slug. With no administrator yet, a fictional lead
 * account is made (without a password); with --lead an existing account becomes the lead; a second run makes a
 * second demo study; an unknown --lead exits 1 with a clear Dutch message.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { openPlatform } from '../../src/server/platform/boot';
import { listMembers } from '../../src/server/modules/studies/studies.service';
import { newInstallation, tnh, type Installation } from './tnh';

let inst: Installation;
beforeAll(async () => {
  inst = await newInstallation();
});
afterAll(() => fs.rmSync(inst.dataDir, { recursive: true, force: true }));

async function leadOf(slug: string): Promise<string[]> {
  const config = loadConfig({ TNH_DATA_DIR: inst.dataDir, DATABASE_URL: inst.databaseUrl ?? '', LOG_LEVEL: 'silent' });
  const p = await openPlatform(config, { purpose: 'test check' });
  try {
    const study = await p.deps.db.selectFrom('studies').select('created_by').where('slug', '=', slug).executeTakeFirstOrThrow();
    const u = (await p.deps.db.selectFrom('users').selectAll().where('id', '=', study.created_by!).executeTakeFirstOrThrow());
    const { members } = await listMembers(p.deps, { userId: u.id, isAdmin: u.is_admin, name: u.name }, slug);
    return members.map((m) => `${m.role}:${m.email}`).sort();
  } finally {
    await p.close();
  }
}

describe('tnh demo', { timeout: 240_000 }, () => {
  it('loads the demo with a fictional lead when there is no administrator yet, and prints the slug', async () => {
    const r = await tnh(inst, ['demo']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('terug-naar-huis-demo');
    expect(r.stderr).toMatch(/nog geen beheerder.*demo-projectleider@example\.invalid/);
    expect(r.stderr).toMatch(/FICTIEF demonstratieonderzoek geladen in [\d.]+ s/);
    expect(await leadOf('terug-naar-huis-demo')).toEqual(['coder:demo-codeur-a@example.invalid', 'coder:demo-codeur-b@example.invalid', 'lead:demo-projectleider@example.invalid']);
    const list = await tnh(inst, ['study', 'list']);
    expect(list.stdout).toContain('terug-naar-huis-demo\tTerug naar huis (demo)');
  });

  it('makes the first administrator (or --lead) the lead of a second demo', async () => {
    const add = await tnh(inst, ['user', 'add', '--email', 'beheer@example.org', '--name', 'Beheerder', '--role', 'admin'], { input: 'een-lang-wachtwoord-1\n' });
    expect(add.status, add.stderr).toBe(0);
    const r = await tnh(inst, ['demo']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('terug-naar-huis-demo-2');
    expect(await leadOf('terug-naar-huis-demo-2')).toContain('lead:beheer@example.org');
  });

  it('refuses an unknown --lead with a clear message', async () => {
    const r = await tnh(inst, ['demo', '--lead', 'niemand@example.org']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Er is geen account met e-mailadres niemand@example\.org/);
  });
});
