/**
 * Backup and restore keep the interview study whole: every row of its tables, in foreign-key order, and the sealed
 * identity and notes still open on the target (whose master key differs). All people are fictional.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Client, PASSWORD, startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { createBackup, restoreBackup } from '../../platform/backup';
import { loadMasterKey } from '../../platform/crypto';
import type { Deps } from '../../platform/context';

const TABLES = {
  participants: 'id',
  study_variables: 'id',
  participant_variable_values: 'participant_id, variable_id',
  consent_records: 'id',
  interview_guides: 'id',
  interviews: 'id',
  interview_participants: 'interview_id, participant_id',
} as const;

let src: TestPlatform;
let dst: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
beforeAll(async () => {
  src = await startTestPlatform();
  dst = await startTestPlatform();
  s = await studyWithRoles(src);
});
afterAll(async () => {
  await src.close();
  await dst.close();
});

const dump = async (deps: Deps, table: string, order: string) =>
  (await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(table)} t order by ${sql.raw(order)}`.execute(deps.db)).rows.map((r) => r.j);

describe('backup of the interview study', () => {
  it('restores participants, variables, consent, guides and interviews, with their sealed fields', async () => {
    const lead = s.lead.client;
    const base = `/api/studies/${s.slug}`;
    const variable = await lead.post(`${base}/variables`, { name: 'Schooltype', type: 'choice', choices: ['basis', 'vo'] });
    const k = await lead.post(`${base}/participants`, {
      role: 'child', ageBand: '8-11', identity: { name: 'Rosa Fictief', contact: 'Fictiestraat 1', birthMonth: '2016-03' }, variables: { [variable.body.id]: 'basis' },
    });
    expect(k.status).toBe(200);
    await lead.post(`${base}/participants/${k.body.id}/consent`, { letterVersion: 'v1', date: '2026-01-10', givenBy: 'parent', kind: 'consent', method: 'written', scopes: { participation: true } });
    const guides = await lead.post(`${base}/guides/template`, {});
    const interview = await lead.post(`${base}/interviews`, {
      participantIds: [k.body.id], interviewerId: s.lead.user.id, date: '2026-02-01', mode: 'video', guideId: guides.body.created[0].id, notes: 'Notitie over Rosa.', recordingDeleteBy: '2026-05-01',
    });
    expect(interview.status).toBe(200);

    const file = (await createBackup(src.platform.deps, loadMasterKey(src.platform.deps.config).key, null)).file;
    const counts = await restoreBackup(dst.platform.deps, loadMasterKey(src.platform.deps.config).key, file, null);
    expect(counts).toMatchObject({ participants: 1, study_variables: 1, participant_variable_values: 1, consent_records: 1, interview_participants: 1, interviews: 1 });
    for (const [table, order] of Object.entries(TABLES)) {
      expect(await dump(dst.platform.deps, table, order), table).toEqual(await dump(src.platform.deps, table, order));
    }

    // on the target, the lead signs in and reads the sealed fields
    const c = new Client(dst.app);
    await c.login(s.lead.email, PASSWORD);
    const p = await c.get(`${base}/participants/${k.body.id}`);
    expect(p.body.identity).toEqual({ name: 'Rosa Fictief', contact: 'Fictiestraat 1', birthMonth: '2016-03' });
    expect(p.body.variables).toEqual({ [variable.body.id]: 'basis' });
    expect((await c.get(`${base}/interviews/${interview.body.id}`)).body.notes).toBe('Notitie over Rosa.');
  });
});
