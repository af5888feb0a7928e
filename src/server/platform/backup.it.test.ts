import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Client, PASSWORD, startTestPlatform, studyWithRoles, type TestPlatform } from '../../../test/support/platform';
import { nextCode } from '../../../test/support/totp';
import { createBackup, readBackupHeader, restoreBackup } from './backup';
import { loadMasterKey } from './crypto';
import { JobRunner } from './jobs';
import { verifyAuditChain } from '../modules/audit/audit.service';
import { BACKUP_TABLES } from '../db/backup.repository';
import { latestSchemaVersion } from '../db/migrate';
import type { Deps } from './context';

const NOTES = 'Vertrouwelijk: contactpersoon mevrouw Bakker, Kerkstraat 12, 06-98765432';
const PASSPHRASE = 'een lange wachtwoordzin voor de back-up';

let src: TestPlatform;
let dst: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
let totpSecret: string;
let jobId: string;
let csv: string;
let backup: Buffer;
let masterBackup: Buffer;

const masterKeyOf = (t: TestPlatform) => loadMasterKey(t.platform.deps.config).key;

/** Every row of a table in a stable order, as JSON text (the same on both sides when nothing was lost). */
async function dump(deps: Deps, table: string, order: string): Promise<string[]> {
  const { rows } = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(table)} t order by ${sql.raw(order)}`.execute(deps.db);
  return rows.map((r) => r.j);
}
const count = async (deps: Deps, table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(deps.db)).rows[0].n);

beforeAll(async () => {
  src = await startTestPlatform();
  dst = await startTestPlatform();
  s = await studyWithRoles(src);
  const lead = s.lead.client;
  expect((await lead.put(`/api/studies/${s.slug}/confidential`, { notes: NOTES })).status).toBe(200);
  // a second factor for the researcher
  const setup = await s.researcher.client.post('/api/me/totp/setup');
  totpSecret = setup.body.secret;
  expect((await s.researcher.client.post('/api/me/totp/enable', { code: await nextCode(src.platform.deps.db, s.researcher.user.id, totpSecret) })).status).toBe(200);
  // a finished job with a file (bytea)
  jobId = (await lead.post(`/api/studies/${s.slug}/audit/export`, {})).body.id;
  await new JobRunner(src.platform.deps).drain();
  csv = (await lead.get(`/api/jobs/${jobId}/download`)).body;
  // a coded case (jsonb columns, dates, the cached derived row) with a second coding
  const dossier = {
    code: 'BK-1',
    birthMonth: '2013-09',
    sex: 'm',
    region: 'Drenthe',
    placementReasons: ['domestic_violence'],
    events: [
      { date: '2020-03-02', type: 'placement_start', detail: 'crisis' },
      { date: '2021-12-31', type: 'observation_end', detail: '' },
    ],
  };
  const made = await s.coder.client.post(`/api/studies/${s.slug}/dossiers`, dossier);
  expect(made.status).toBe(200);
  expect((await s.lead.client.post(`/api/studies/${s.slug}/dossiers/second-coding/assignments`, { coderId: s.researcher.user.id, codes: ['BK-1'] })).status).toBe(200);
  expect((await s.researcher.client.post(`/api/studies/${s.slug}/dossiers/${made.body.id}/second-coding`, { ...dossier, sex: 'f' })).status).toBe(200);

  backup = (await createBackup(src.platform.deps, masterKeyOf(src), PASSPHRASE)).file;
  masterBackup = (await createBackup(src.platform.deps, masterKeyOf(src), null)).file;
}, 120_000);
afterAll(async () => {
  await src?.close();
  await dst?.close();
});

describe('backup and restore', () => {
  it('the two platforms have different master keys', () => {
    expect(masterKeyOf(src).equals(masterKeyOf(dst))).toBe(false);
  });

  it('the backup file is encrypted: no confidential notes, e-mail addresses, names or secrets in it', () => {
    const { header } = readBackupHeader(backup);
    expect(header).toMatchObject({ format: 'TNHBACKUP1', kdf: 'scrypt', schemaVersion: latestSchemaVersion });
    expect(header.counts.users).toBe(6);
    for (const file of [backup, masterBackup]) {
      const text = file.toString('latin1');
      for (const secret of [NOTES, 'Bakker', '@example.org', s.lead.email, 'Lea Lead', totpSecret, 'scrypt$']) expect(text).not.toContain(secret);
      // nor is the body merely compressed
      expect(() => gunzipSync(readBackupHeader(file).body)).toThrow();
    }
  });

  it('refuses a wrong or missing passphrase with a clear message, and writes nothing', async () => {
    const wrong = restoreBackup(dst.platform.deps, masterKeyOf(dst), backup, 'niet de goede wachtwoordzin');
    await expect(wrong).rejects.toMatchObject({ code: 'backup_key', message: expect.stringMatching(/wachtwoordzin klopt niet/) });
    await expect(restoreBackup(dst.platform.deps, masterKeyOf(dst), backup, null)).rejects.toMatchObject({ code: 'passphrase_required', message: expect.stringMatching(/--passphrase-stdin/) });
    expect(await count(dst.platform.deps, 'users')).toBe(0);
  });

  it('refuses a backup made with another master key, with a clear message', async () => {
    expect(readBackupHeader(masterBackup).header.kdf).toBe('master');
    await expect(restoreBackup(dst.platform.deps, masterKeyOf(dst), masterBackup, null)).rejects.toMatchObject({
      code: 'backup_key',
      message: expect.stringMatching(/niet worden geopend met deze hoofdsleutel.*TNH_MASTER_KEY/),
    });
    expect(await count(dst.platform.deps, 'users')).toBe(0);
  });

  it('refuses a damaged file and a file that is no backup', async () => {
    const damaged = Buffer.from(backup);
    damaged[damaged.length - 40] ^= 0xff;
    await expect(restoreBackup(dst.platform.deps, masterKeyOf(dst), damaged, PASSPHRASE)).rejects.toMatchObject({ code: 'backup_key' });
    await expect(restoreBackup(dst.platform.deps, masterKeyOf(dst), Buffer.from('hallo\nwereld\n'), PASSPHRASE)).rejects.toMatchObject({ code: 'not_a_backup' });
  });

  it('refuses a target that is not empty, before writing anything', async () => {
    // only a later table holds data: nothing of the earlier tables may be written either
    await sql`insert into settings (key, value) values ('require_admin_2fa', 'false')`.execute(dst.platform.deps.db);
    try {
      await expect(restoreBackup(dst.platform.deps, masterKeyOf(dst), backup, PASSPHRASE)).rejects.toMatchObject({
        code: 'target_not_empty',
        status: 409,
        message: expect.stringMatching(/niet leeg \(tabel settings/),
      });
      for (const t of BACKUP_TABLES) expect(await count(dst.platform.deps, t), t).toBe(t === 'settings' ? 1 : 0);
    } finally {
      await sql`delete from settings`.execute(dst.platform.deps.db);
    }
  });

  it('restores everything into an empty database with another master key', async () => {
    const counts = await restoreBackup(dst.platform.deps, masterKeyOf(dst), backup, PASSPHRASE);
    expect(counts).toEqual(readBackupHeader(backup).header.counts);
    const a = src.platform.deps;
    const b = dst.platform.deps;
    // the same rows
    expect(await dump(b, 'studies', 'id')).toEqual(await dump(a, 'studies', 'id'));
    expect(await dump(b, 'study_members', 'study_id, user_id')).toEqual(await dump(a, 'study_members', 'study_id, user_id'));
    expect(await dump(b, 'audit_events', 'id')).toEqual(await dump(a, 'audit_events', 'id'));
    expect(await dump(b, 'jobs', 'id')).toEqual(await dump(a, 'jobs', 'id'));
    expect(await dump(b, 'cases', 'id')).toEqual(await dump(a, 'cases', 'id'));
    expect(await dump(b, 'case_events', 'case_id, seq')).toEqual(await dump(a, 'case_events', 'case_id, seq'));
    expect(await dump(b, 'case_outcomes', 'case_id')).toEqual(await dump(a, 'case_outcomes', 'case_id'));
    expect(await dump(b, 'case_second_codings', 'case_id, coder_id')).toEqual(await dump(a, 'case_second_codings', 'case_id, coder_id'));
    expect(await dump(b, 'case_second_assignments', 'case_id, coder_id')).toEqual(await dump(a, 'case_second_assignments', 'case_id, coder_id'));
    expect(readBackupHeader(backup).header.counts).toMatchObject({ cases: 1, case_events: 2, case_outcomes: 1, case_second_codings: 1, case_second_assignments: 1 });
    const users = (db: Deps) => db.db.selectFrom('users').select(['id', 'email', 'name', 'is_admin', 'password_hash', 'totp_enabled', 'totp_last_step']).orderBy('id').execute();
    expect(await users(b)).toEqual(await users(a));
    // except what is wrapped by the master key: re-wrapped under the target's key
    const keysA = await a.db.selectFrom('study_keys').select(['study_id', 'wrapped_key']).execute();
    const keysB = await b.db.selectFrom('study_keys').select(['study_id', 'wrapped_key']).execute();
    expect(keysB.map((k) => k.study_id)).toEqual(keysA.map((k) => k.study_id));
    expect(keysB[0].wrapped_key).not.toBe(keysA[0].wrapped_key);
    expect(keysB[0].wrapped_key).toMatch(/^v1\./);
    const totpB = await b.db.selectFrom('users').select('totp_secret_enc').where('id', '=', s.researcher.user.id).executeTakeFirstOrThrow();
    expect(totpB.totp_secret_enc).toMatch(/^v1\./);
    expect(totpB.totp_secret_enc).not.toContain(totpSecret);
  });

  it('the audit chain is intact on the target and continues from it', async () => {
    const before = await verifyAuditChain(src.platform.deps);
    const after = await verifyAuditChain(dst.platform.deps);
    expect(after).toEqual(before);
    expect(after.ok).toBe(true);
    // new events are appended after the restored ones (the id sequence was moved on)
    const lead = new Client(dst.app);
    await lead.login(s.lead.email, PASSWORD);
    expect((await lead.patch(`/api/studies/${s.slug}`, { description: 'Na het terugzetten' })).status).toBe(200);
    const chain = await verifyAuditChain(dst.platform.deps);
    expect(chain).toMatchObject({ ok: true, checked: before.checked + 2 });
  });

  it('on the target: confidential notes readable, memberships and job files intact', async () => {
    const lead = new Client(dst.app);
    await lead.login(s.lead.email, PASSWORD);
    const notes = await lead.get(`/api/studies/${s.slug}/confidential`);
    expect(notes.status).toBe(200);
    expect(notes.body.notes).toBe(NOTES);
    expect((await lead.get(`/api/studies/${s.slug}`)).body.myRole).toBe('lead');
    expect((await lead.get(`/api/jobs/${jobId}/download`)).body).toBe(csv);
    // and still writable under the target's key
    expect((await lead.put(`/api/studies/${s.slug}/confidential`, { notes: `${NOTES} (bijgewerkt)` })).status).toBe(200);
    expect((await lead.get(`/api/studies/${s.slug}/confidential`)).body.notes).toBe(`${NOTES} (bijgewerkt)`);

    const coder = new Client(dst.app);
    await coder.login(s.coder.email, PASSWORD);
    expect((await coder.get(`/api/studies/${s.slug}`)).body.myRole).toBe('coder');
    expect((await coder.get(`/api/studies/${s.slug}/confidential`)).status).toBe(403);
  });

  it('signing in with the second factor still works on the target', async () => {
    const c = new Client(dst.app);
    const step1 = await c.post('/api/auth/login', { email: s.researcher.email, password: PASSWORD });
    expect(step1.status).toBe(200);
    expect(step1.body.mfaPending).toBe(true);
    const step2 = await c.post('/api/auth/totp', { code: await nextCode(dst.platform.deps.db, s.researcher.user.id, totpSecret) });
    expect(step2.status).toBe(200);
    expect((await c.get(`/api/studies/${s.slug}`)).body.myRole).toBe('researcher');
  });

  it('refuses to restore into the now filled database, and changes nothing', async () => {
    const before = await Promise.all(BACKUP_TABLES.map((t) => count(dst.platform.deps, t)));
    await expect(restoreBackup(dst.platform.deps, masterKeyOf(dst), backup, PASSPHRASE)).rejects.toMatchObject({ code: 'target_not_empty', status: 409 });
    expect(await Promise.all(BACKUP_TABLES.map((t) => count(dst.platform.deps, t)))).toEqual(before);
  });
});
