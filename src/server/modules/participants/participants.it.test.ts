/**
 * The interview study on a real database: participants with generated codes and sealed identities, study variables,
 * consent and assent with the age rules, the consent gate other modules call, withdrawal, interviews with the
 * recording deadline, and interview guides. All people are fictional.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { AppError } from '../../platform/errors';
import { verifyAuditChain } from '../audit/audit.service';
import { assertConsent } from './consent.service';
import { GUIDE_TEMPLATES } from './guide-template';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
});
afterAll(() => t.close());

const db = () => t.platform.deps.db;
const deps = () => t.platform.deps;
const url = (rest = '') => `/api/studies/${s.slug}${rest}`;
const auditOf = (action: string) => db().selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();
const count = async (table: string, where = sql`true`) => Number(((await sql`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(db())).rows[0] as { n: number }).n);

const ALL = { participation: true, audio_recording: true, quotes: true, archiving: true };
const consent = (givenBy: 'participant' | 'parent' | 'guardian', kind: 'consent' | 'assent', scopes: Record<string, boolean> = ALL, date = '2026-01-10') => ({
  letterVersion: 'v1.0',
  date,
  givenBy,
  kind,
  method: 'written',
  scopes,
});

/** A child of 10 (born March 2016), registered by the lead. */
async function child(name = 'Fictief Kind', birthMonth = '2016-03') {
  const r = await s.lead.client.post(url('/participants'), { role: 'child', ageBand: '8-11', gender: 'f', region: 'Utrecht', situation: 'returned_home', placementType: 'foster_kin', identity: { name, contact: 'via de moeder', birthMonth } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; code: string };
}

describe('participants', () => {
  it('generates codes per role and study, and keeps the identity sealed and for the lead only', async () => {
    const k1 = await child('Anna Fictief');
    const k2 = await child('Bram Fictief');
    expect([k1.code, k2.code]).toEqual(['K-01', 'K-02']);
    const parent = await s.researcher.client.post(url('/participants'), { role: 'parent', ageBand: 'adult', situation: 'returned_home' });
    expect(parent.status).toBe(200);
    expect(parent.body).toMatchObject({ code: 'O-01', identity: null, hasBirthMonth: false, gender: 'unknown', placementType: 'none' });
    const pro = await s.coder.client.post(url('/participants'), { role: 'professional', ageBand: 'adult' });
    expect(pro.body.code).toBe('B-01');
    expect((await s.lead.client.post(url('/participants'), { role: 'foster_parent', ageBand: 'adult' })).body.code).toBe('P-01');
    expect((await s.lead.client.post(url('/participants'), { role: 'young_adult', ageBand: '18-23', identity: { birthMonth: '2005-01' } })).body.code).toBe('J-01');

    // the lead sees the identity, the researcher only the pseudonym and attributes
    const mine = await s.lead.client.get(url(`/participants/${k1.id}`));
    expect(mine.body.identity).toEqual({ name: 'Anna Fictief', contact: 'via de moeder', birthMonth: '2016-03' });
    const theirs = await s.researcher.client.get(url(`/participants/${k1.id}`));
    expect(theirs.body).toMatchObject({ code: 'K-01', role: 'child', ageBand: '8-11', placementType: 'foster_kin', hasBirthMonth: true, identity: null });
    const list = await s.coder.client.get(url('/participants'));
    expect(list.body.participants.every((p: { identity: unknown }) => p.identity === null)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain('Fictief');
    expect((await s.lead.client.get(url('/participants?role=child'))).body.participants.map((p: { code: string }) => p.code)).toEqual(['K-01', 'K-02']);

    // at rest: sealed; in the audit trail: no identity values
    const row = await db().selectFrom('participants').selectAll().where('id', '=', k1.id).executeTakeFirstOrThrow();
    expect(row.name_enc).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('Anna');
    expect(JSON.stringify(row)).not.toContain('2016-03');
    const created = await auditOf('participant.created');
    expect(created.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(created)).not.toMatch(/Anna|Bram|moeder|2016-03/);

    // the committee and outsiders see nothing
    expect((await s.committee.client.get(url('/participants'))).status).toBe(403);
    expect((await s.outsider.client.get(url('/participants'))).status).toBe(403);
    expect((await s.committee.client.get(url('/consent'))).status).toBe(403);
  });

  it('needs a birth month for children and young adults, which only the lead may give', async () => {
    const before = await count('participants');
    const noBirth = await s.researcher.client.post(url('/participants'), { role: 'child', ageBand: '4-7' });
    expect(noBirth.status).toBe(400);
    expect(noBirth.body.error.message).toMatch(/geboortemaand/);
    const withIdentity = await s.researcher.client.post(url('/participants'), { role: 'child', ageBand: '4-7', identity: { birthMonth: '2020-01' } });
    expect(withIdentity.status).toBe(403);
    expect((await s.lead.client.post(url('/participants'), { role: 'child', ageBand: 'adult', identity: { birthMonth: '2020-01' } })).status).toBe(400);
    expect((await s.lead.client.post(url('/participants'), { role: 'child', ageBand: '4-7', identity: { birthMonth: '2099-01' } })).status).toBe(400);
    expect((await s.lead.client.post(url('/participants'), { role: 'child', ageBand: '4-7', identity: { birthMonth: '2020-13' } })).status).toBe(400);
    expect((await s.lead.client.post(url('/participants'), { role: 'nobody', ageBand: 'adult' })).status).toBe(400);
    expect(await count('participants')).toBe(before);
  });

  it('replaces the identity (lead only) and refuses a birth month after a consent date', async () => {
    const k = await child('Cas Fictief', '2017-06');
    expect((await s.researcher.client.put(url(`/participants/${k.id}/identity`), { name: 'X', birthMonth: '2017-06' })).status).toBe(403);
    const r = await s.lead.client.put(url(`/participants/${k.id}/identity`), { name: 'Cas Nieuw', contact: '', birthMonth: '2017-05' });
    expect(r.status).toBe(200);
    expect(r.body.identity).toEqual({ name: 'Cas Nieuw', contact: '', birthMonth: '2017-05' });
    expect((await s.lead.client.put(url(`/participants/${k.id}/identity`), { name: 'Cas' })).status).toBe(400); // a child keeps a birth month
    await s.lead.client.post(url(`/participants/${k.id}/consent`), consent('parent', 'consent', ALL, '2025-01-10'));
    const late = await s.lead.client.put(url(`/participants/${k.id}/identity`), { name: 'Cas', birthMonth: '2025-06' });
    expect(late.status).toBe(400);
    expect((await s.lead.client.get(url(`/participants/${k.id}`))).body.identity.birthMonth).toBe('2017-05');
    expect(JSON.stringify(await auditOf('participant.identity_updated'))).not.toContain('Cas');
  });

  it('continues with three digits after 99 and never hands out a code twice under concurrency', async () => {
    const study = await db().selectFrom('studies').select('id').where('slug', '=', s.slug).executeTakeFirstOrThrow();
    await db().insertInto('participants').values({ study_id: study.id, code: 'B-99', role: 'professional' }).execute();
    const next = await s.lead.client.post(url('/participants'), { role: 'professional', ageBand: 'adult' });
    expect(next.body.code).toBe('B-100');
    const many = await Promise.all(Array.from({ length: 6 }, () => s.lead.client.post(url('/participants'), { role: 'professional', ageBand: 'adult' })));
    expect(many.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(new Set(many.map((r) => r.body.code)).size).toBe(6);
    expect(many.map((r) => r.body.code).sort()).toEqual(['B-101', 'B-102', 'B-103', 'B-104', 'B-105', 'B-106']);
  });

  it('updates attributes and deletes a participant registered by mistake', async () => {
    const p = await s.researcher.client.post(url('/participants'), { role: 'parent', ageBand: 'adult' });
    const u = await s.researcher.client.patch(url(`/participants/${p.body.id}`), { region: 'Zeeland', situation: 'placed', placementType: 'residential' });
    expect(u.body).toMatchObject({ region: 'Zeeland', situation: 'placed', placementType: 'residential', code: p.body.code });
    expect((await s.researcher.client.patch(url(`/participants/${p.body.id}`), { placementType: 'castle' })).status).toBe(400);
    expect((await s.committee.client.delete(url(`/participants/${p.body.id}`))).status).toBe(403);
    expect((await s.researcher.client.delete(url(`/participants/${p.body.id}`))).status).toBe(200);
    expect((await s.researcher.client.get(url(`/participants/${p.body.id}`))).status).toBe(404);
    expect((await s.researcher.client.delete(url(`/participants/${p.body.id}`))).status).toBe(404);
    expect((await auditOf('participant.deleted'))[0].object_id).toBe(p.body.id);
  });
});

describe('study variables', () => {
  it('defines variables and validates values by type; nothing is written on a bad value', async () => {
    const school = await s.researcher.client.post(url('/variables'), { name: 'Schooltype', type: 'choice', choices: ['basis', 'vo'] });
    expect(school.status).toBe(200);
    const siblings = await s.researcher.client.post(url('/variables'), { name: 'Broers en zussen', type: 'number' });
    const since = await s.researcher.client.post(url('/variables'), { name: 'Thuis sinds', type: 'date' });
    const note = await s.researcher.client.post(url('/variables'), { name: 'Bijzonderheden', type: 'text' });
    expect((await s.researcher.client.post(url('/variables'), { name: 'schooltype', type: 'text' })).status).toBe(409);
    expect((await s.researcher.client.post(url('/variables'), { name: 'Leeg', type: 'choice', choices: [] })).status).toBe(400);
    expect((await s.researcher.client.post(url('/variables'), { name: 'Tekst', type: 'text', choices: ['a'] })).status).toBe(400);

    const vars = { [school.body.id]: 'vo', [siblings.body.id]: 2, [since.body.id]: '2024-09-01', [note.body.id]: ' rustig ' };
    const p = await s.researcher.client.post(url('/participants'), { role: 'parent', ageBand: 'adult', variables: vars });
    expect(p.status).toBe(200);
    expect(p.body.variables).toEqual({ [school.body.id]: 'vo', [siblings.body.id]: 2, [since.body.id]: '2024-09-01', [note.body.id]: 'rustig' });

    const before = await count('participants');
    for (const bad of [{ [school.body.id]: 'hbo' }, { [siblings.body.id]: 'twee' }, { [since.body.id]: '2024-02-30' }, { [note.body.id]: 5 }, { [crypto.randomUUID()]: 'x' }]) {
      const r = await s.researcher.client.post(url('/participants'), { role: 'parent', ageBand: 'adult', variables: bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.message).toMatch(/Variabele|variabele/);
    }
    expect(await count('participants')).toBe(before);

    // a patch changes and removes values; a bad value leaves everything as it was
    const u = await s.researcher.client.patch(url(`/participants/${p.body.id}`), { variables: { [siblings.body.id]: '3', [note.body.id]: null } });
    expect(u.body.variables).toEqual({ [school.body.id]: 'vo', [siblings.body.id]: 3, [since.body.id]: '2024-09-01' });
    expect((await s.researcher.client.patch(url(`/participants/${p.body.id}`), { region: 'Limburg', variables: { [siblings.body.id]: 'veel' } })).status).toBe(400);
    expect((await s.researcher.client.get(url(`/participants/${p.body.id}`))).body).toMatchObject({ region: '', variables: { [siblings.body.id]: 3 } });

    // choices in use cannot be removed; renames are fine
    expect((await s.researcher.client.patch(url(`/variables/${school.body.id}`), { choices: ['basis'] })).status).toBe(409);
    const renamed = await s.researcher.client.patch(url(`/variables/${school.body.id}`), { name: 'Onderwijs', choices: ['basis', 'vo', 'mbo'] });
    expect(renamed.body).toMatchObject({ name: 'Onderwijs', choices: ['basis', 'vo', 'mbo'], used: 1 });
    expect((await s.researcher.client.patch(url(`/variables/${siblings.body.id}`), { choices: ['a'] })).status).toBe(400);
    expect((await s.coder.client.get(url('/variables'))).body.map((v: { name: string }) => v.name)).toEqual(['Onderwijs', 'Broers en zussen', 'Thuis sinds', 'Bijzonderheden']);

    expect((await s.researcher.client.delete(url(`/variables/${school.body.id}`))).status).toBe(200);
    expect((await s.researcher.client.get(url(`/participants/${p.body.id}`))).body.variables[school.body.id]).toBeUndefined();
    expect((await s.committee.client.get(url('/variables'))).status).toBe(403);
  });
});

describe('consent and assent', () => {
  it('evaluates a child under 12: parent consent and child assent, per scope; the gate follows', async () => {
    const k = await child('Dirk Fictief', '2016-03');
    const studyId = s.studyId;
    const refuse = async (action: 'store_transcript' | 'code' | 'quote') => {
      try {
        await assertConsent(deps(), db(), studyId, k.id, action);
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return e as AppError;
      }
    };
    const e0 = await refuse('code');
    expect(e0).toMatchObject({ code: 'consent_missing', status: 409 });
    expect(e0!.message).toMatch(/^Deelnemer K-\d+: Coderen is niet toegestaan: .*instemming \(assent\) van het kind ontbreekt/);

    const parent = await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('parent', 'consent', { participation: true, audio_recording: true, quotes: true, archiving: false }));
    expect(parent.status).toBe(200);
    expect(parent.body.evaluation.scopes.participation).toMatchObject({ covered: false, rule: 'under12', ageAtConsent: 10 });
    const both = await s.researcher.client.post(url(`/participants/${k.id}/consent`), { ...consent('participant', 'assent', { participation: true, audio_recording: true, quotes: false }), method: 'oral_recorded' });
    expect(both.status, JSON.stringify(both.body)).toBe(200);
    expect(both.body.records).toHaveLength(2);
    expect(both.body.evaluation.scopes.participation.covered).toBe(true);
    expect(both.body.evaluation.scopes.quotes.covered).toBe(false);
    expect(both.body.evaluation.scopes.quotes.missing).toEqual(['het kind heeft voor dit onderdeel niet ingestemd']);

    expect(await refuse('store_transcript')).toBeNull();
    expect(await refuse('code')).toBeNull();
    expect((await refuse('quote'))!.message).toMatch(/Citeren is niet toegestaan: er is geen geldige toestemming voor citaten/);
    // inside a transaction too
    await db().transaction().execute((trx) => assertConsent(deps(), trx, studyId, k.id, 'code'));
    await expect(assertConsent(deps(), db(), studyId, crypto.randomUUID(), 'code')).rejects.toMatchObject({ status: 404 });

    // the participant view and the dashboard
    expect((await s.coder.client.get(url(`/participants/${k.id}`))).body.consentStatus).toBe('incomplete');
    const dash = await s.coder.client.get(url('/consent'));
    expect(dash.status).toBe(200);
    const row = dash.body.participants.find((p: { participantId: string }) => p.participantId === k.id);
    expect(row).toMatchObject({ status: 'incomplete', scopes: { participation: { covered: true, missing: [] }, quotes: { covered: false }, archiving: { covered: false } } });
    expect(row.scopes.archiving.missing).toEqual(['instemming (assent) van het kind ontbreekt', 'een ouder of voogd heeft voor dit onderdeel geen toestemming gegeven']);
    expect(dash.body.totals.participants).toBe(dash.body.participants.length);
    expect(dash.body.missing.quotes).toBeGreaterThanOrEqual(1);

    // the child later agrees to quotes: complete
    await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('participant', 'assent', { quotes: true, archiving: true }, '2026-02-01'));
    await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('guardian', 'consent', { archiving: true }, '2026-02-01'));
    expect(await refuse('quote')).toBeNull();
    expect((await s.coder.client.get(url(`/participants/${k.id}`))).body.consentStatus).toBe('complete');

    const audit = await auditOf('consent.recorded');
    expect(audit[0].details).toMatchObject({ givenBy: 'guardian', kind: 'consent', scopes: { archiving: true } });
    expect(JSON.stringify(audit)).not.toContain('Dirk');
  });

  it('refuses bad records with a Dutch 400 and writes nothing', async () => {
    const k = await child('Eva Fictief', '2016-03');
    const before = await count('consent_records');
    const bad = [
      [consent('parent', 'assent'), /ouder of voogd geeft toestemming/],
      [consent('participant', 'assent', ALL, '2099-01-01'), /toekomst/],
      [consent('participant', 'assent', ALL, '2015-01-01'), /vóór de geboorte/],
      [consent('participant', 'assent', {}), /minstens één onderdeel/],
      [{ ...consent('participant', 'assent'), scopes: { participation: true, selfies: true } }, /.+/],
      [{ ...consent('participant', 'assent'), letterVersion: '' }, /informatiebrief/],
      [{ ...consent('participant', 'assent'), date: '2026-02-30' }, /.+/],
      [{ ...consent('participant', 'assent'), method: 'telepathy' }, /.+/],
    ] as const;
    for (const [body, message] of bad) {
      const r = await s.researcher.client.post(url(`/participants/${k.id}/consent`), body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(message);
    }
    expect(await count('consent_records')).toBe(before);
    expect((await s.researcher.client.post(url(`/participants/${crypto.randomUUID()}/consent`), consent('participant', 'assent'))).status).toBe(404);
    expect((await s.committee.client.post(url(`/participants/${k.id}/consent`), consent('participant', 'assent'))).status).toBe(403);
  });

  it('applies the rule from 12: the child’s own consent is needed; from 16 the participant decides alone', async () => {
    const k = await child('Fenna Fictief', '2013-01'); // 13
    await s.lead.client.post(url(`/participants/${k.id}/consent`), consent('participant', 'assent'));
    const r = await s.lead.client.post(url(`/participants/${k.id}/consent`), consent('parent', 'consent'));
    expect(r.body.evaluation.scopes.participation).toMatchObject({ covered: false, rule: '12to15', missing: ['het kind heeft alleen ingestemd (assent); vanaf 12 jaar is toestemming van het kind zelf nodig'] });
    const ya = await s.lead.client.post(url('/participants'), { role: 'young_adult', ageBand: '16-17', identity: { birthMonth: '2009-01' } }); // 17
    const own = await s.lead.client.post(url(`/participants/${ya.body.id}/consent`), consent('participant', 'consent'));
    expect(own.body.evaluation.scopes.participation).toMatchObject({ covered: true, rule: '16plus' });
    const pro = await s.lead.client.post(url('/participants'), { role: 'professional', ageBand: 'adult' });
    const proConsent = await s.lead.client.post(url(`/participants/${pro.body.id}/consent`), consent('participant', 'consent'));
    expect(proConsent.body.evaluation.scopes.participation).toMatchObject({ covered: true, ageAtConsent: null });
  });

  it('deletes a record entered by mistake, but not a withdrawn one', async () => {
    const k = await child('Gijs Fictief');
    const r = await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('parent', 'consent'));
    const id = r.body.records[0].id;
    const d = await s.researcher.client.delete(url(`/participants/${k.id}/consent/${id}`));
    expect(d.status).toBe(200);
    expect(d.body.records).toEqual([]);
    expect((await s.researcher.client.delete(url(`/participants/${k.id}/consent/${id}`))).status).toBe(404);
    const again = await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('parent', 'consent'));
    await s.researcher.client.post(url(`/participants/${k.id}/consent/${again.body.records[0].id}/revoke`), { date: '2026-03-01' });
    expect((await s.researcher.client.delete(url(`/participants/${k.id}/consent/${again.body.records[0].id}`))).status).toBe(409);
  });
});

describe('withdrawal', () => {
  async function consentedChild(name: string, archiving: boolean) {
    const k = await child(name, '2016-03');
    await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('parent', 'consent', { ...ALL, archiving }));
    await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('participant', 'assent', { ...ALL, archiving }));
    return k;
  }

  it('ends coverage and removes the material when archiving was not consented', async () => {
    const k = await consentedChild('Hanna Fictief', false);
    expect((await s.researcher.client.post(url(`/participants/${k.id}/withdrawal`), { date: '2026-03-01', by: 'guardian' })).status).toBe(409);
    expect((await s.researcher.client.post(url(`/participants/${k.id}/withdrawal`), { date: '2026-01-01', by: 'participant' })).status).toBe(409); // before any record
    expect((await s.researcher.client.post(url(`/participants/${k.id}/withdrawal`), { date: '2099-01-01', by: 'participant' })).status).toBe(400);
    const w = await s.researcher.client.post(url(`/participants/${k.id}/withdrawal`), { date: '2026-03-01', by: 'participant' });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ effective: true, kept: false, removed: { documents: 0, versions: 0, codings: 0 } });
    expect(w.body.reason).toMatch(/vóór de intrekking op 2026-03-01 was er geen geldige toestemming voor archivering.*verwijderd/);
    expect(w.body.consent.evaluation.withdrawn).toBe(true);
    expect(w.body.consent.records.find((r: { givenBy: string }) => r.givenBy === 'participant').withdrawnAt).toBe('2026-03-01');
    await expect(assertConsent(deps(), db(), s.studyId, k.id, 'code')).rejects.toMatchObject({ code: 'consent_missing', message: expect.stringMatching(/ingetrokken door het kind/) });
    expect((await s.coder.client.get(url(`/participants/${k.id}`))).body.consentStatus).toBe('withdrawn');
    const [event] = await auditOf('participant.withdrawn');
    expect(event.details).toMatchObject({ by: 'participant', date: '2026-03-01', effective: true, kept: false, removed: { documents: 0 } });
    // the same party cannot withdraw the same records twice
    expect((await s.researcher.client.post(url(`/participants/${k.id}/withdrawal`), { date: '2026-03-02', by: 'participant' })).status).toBe(409);
  });

  it('keeps the material when archiving was consented before the withdrawal (revoking one record)', async () => {
    const k = await consentedChild('Ivo Fictief', true);
    const records = (await s.researcher.client.get(url(`/participants/${k.id}/consent`))).body.records;
    const parentRecord = records.find((r: { givenBy: string }) => r.givenBy === 'parent');
    expect((await s.researcher.client.post(url(`/participants/${k.id}/consent/${parentRecord.id}/revoke`), { date: '2025-12-01' })).status).toBe(400);
    const w = await s.researcher.client.post(url(`/participants/${k.id}/consent/${parentRecord.id}/revoke`), { date: '2026-03-01' });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ effective: true, kept: true });
    expect(w.body.consent.evaluation.withdrawal).toMatchObject({ by: 'parent', archivingCovered: true });
    expect((await s.researcher.client.post(url(`/participants/${k.id}/consent/${parentRecord.id}/revoke`), { date: '2026-03-02' })).status).toBe(409);
    expect((await s.researcher.client.post(url(`/participants/${k.id}/consent/${crypto.randomUUID()}/revoke`), { date: '2026-03-02' })).status).toBe(404);
  });

  it('records a parent’s withdrawal for a participant of 16 or older without effect', async () => {
    const ya = await s.lead.client.post(url('/participants'), { role: 'young_adult', ageBand: '16-17', identity: { birthMonth: '2009-01' } });
    await s.lead.client.post(url(`/participants/${ya.body.id}/consent`), consent('participant', 'consent'));
    await s.lead.client.post(url(`/participants/${ya.body.id}/consent`), consent('parent', 'consent'));
    const w = await s.lead.client.post(url(`/participants/${ya.body.id}/withdrawal`), { date: '2026-03-01', by: 'parent' });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ effective: false, kept: false, removed: { documents: 0 } });
    expect(w.body.reason).toMatch(/vanaf 16 jaar beslist de deelnemer zelf/);
    await assertConsent(deps(), db(), s.studyId, ya.body.id, 'quote');
  });
});

describe('withdrawal with coding material (migration 0005)', () => {
  /** A transcript of the participant with one version, and two codings, inserted directly. */
  async function transcript(participantId: string) {
    const doc = await sql<{ id: string }>`insert into documents (study_id, kind, title, participant_id) values (${s.studyId}, 'transcript', 'Interview', ${participantId}) returning id`.execute(db());
    const documentId = doc.rows[0].id;
    await sql`insert into document_versions (document_id, version, text_enc, units_enc, length) values (${documentId}, 1, 'v1.x.y.z', 'v1.x.y.z', 40)`.execute(db());
    const code = await sql<{ id: string }>`insert into codes (study_id, name, color) values (${s.studyId}, ${'Contact ' + crypto.randomUUID().slice(0, 8)}, '#336699') returning id`.execute(db());
    for (const [start, end] of [[0, 10], [12, 30]]) {
      await sql`insert into codings (document_id, version, code_id, start, "end") values (${documentId}, 1, ${code.rows[0].id}, ${start}, ${end})`.execute(db());
    }
    return documentId;
  }
  const materialOf = async (documentId: string) => ({
    documents: await count('documents', sql`id = ${documentId}`),
    versions: await count('document_versions', sql`document_id = ${documentId}`),
    codings: await count('codings', sql`document_id = ${documentId}`),
  });
  async function consented(name: string, archiving: boolean) {
    const k = await child(name, '2016-03');
    await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('parent', 'consent', { ...ALL, archiving }));
    await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('participant', 'assent', { ...ALL, archiving }));
    return k;
  }

  it('removes the transcript with its versions and codings, and keeps other participants’ material', async () => {
    const k = await consented('Kees Fictief', false);
    const other = await consented('Lotte Fictief', false);
    const doc = await transcript(k.id);
    const otherDoc = await transcript(other.id);
    expect(await materialOf(doc)).toEqual({ documents: 1, versions: 1, codings: 2 });
    // a participant with transcripts cannot simply be deleted
    expect((await s.researcher.client.delete(url(`/participants/${k.id}`))).status).toBe(409);

    const w = await s.researcher.client.post(url(`/participants/${k.id}/withdrawal`), { date: '2026-03-01', by: 'parent' });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ effective: true, kept: false, removed: { documents: 1, versions: 1, codings: 2 } });
    expect(await materialOf(doc)).toEqual({ documents: 0, versions: 0, codings: 0 });
    expect(await materialOf(otherDoc)).toEqual({ documents: 1, versions: 1, codings: 2 });
    const [event] = await auditOf('participant.withdrawn');
    expect(event.details).toMatchObject({ by: 'parent', removed: { documents: 1, versions: 1, codings: 2 } });
    expect(JSON.stringify(event.details)).not.toMatch(/Kees|Interview/);
    expect((await verifyAuditChain(deps())).ok).toBe(true);
  });

  it('keeps the material with archiving consent, and removes it when archiving is revoked afterwards', async () => {
    const k = await consented('Mila Fictief', true);
    const doc = await transcript(k.id);
    const w = await s.researcher.client.post(url(`/participants/${k.id}/withdrawal`), { date: '2026-03-01', by: 'participant' });
    expect(w.body).toMatchObject({ effective: true, kept: true, removed: { documents: 0 } });
    expect(await materialOf(doc)).toEqual({ documents: 1, versions: 1, codings: 2 });
    await expect(assertConsent(deps(), db(), s.studyId, k.id, 'code')).rejects.toMatchObject({ code: 'consent_missing' });

    // the parent later says no to archiving: the kept material goes
    const r = await s.researcher.client.post(url(`/participants/${k.id}/consent`), consent('parent', 'consent', { archiving: false }, '2026-04-01'));
    expect(r.status).toBe(200);
    expect(await materialOf(doc)).toEqual({ documents: 0, versions: 0, codings: 0 });
    const [event] = await auditOf('participant.material_removed');
    expect(event).toMatchObject({ object_id: k.id, details: { removed: { documents: 1, versions: 1, codings: 2 } } });
  });

  it('changes nothing when someone without data access tries to record a withdrawal', async () => {
    const k = await consented('Noor Fictief', false);
    const doc = await transcript(k.id);
    const before = await count('audit_events');
    const r = await s.committee.client.post(url(`/participants/${k.id}/withdrawal`), { date: '2026-03-01', by: 'participant' });
    expect(r.status).toBe(403);
    expect(await materialOf(doc)).toEqual({ documents: 1, versions: 1, codings: 2 });
    expect(await count('consent_records', sql`participant_id = ${k.id} and withdrawn_at is not null`)).toBe(0);
    expect(await count('audit_events')).toBe(before);
  });
});

describe('interviews', () => {
  it('records interviews with sealed notes, checks the references, and lists overdue recordings', async () => {
    const k = await child('Jet Fictief');
    const parent = await s.researcher.client.post(url('/participants'), { role: 'parent', ageBand: 'adult' });
    const guide = await s.researcher.client.post(url('/guides'), { audience: 'child', title: 'Eigen kindgesprek', ageFrom: 6, ageTo: 11, childFriendly: true, body: '1. Wat doe je graag?' });
    const input = {
      participantIds: [k.id, parent.body.id],
      interviewerId: s.researcher.user.id,
      date: '2026-02-10',
      mode: 'in_person',
      guideId: guide.body.id,
      durationMinutes: 50,
      notes: 'Gesprek bij oma thuis in Fictiedorp.',
      recordingDeleteBy: '2026-03-10',
    };
    const r = await s.researcher.client.post(url('/interviews'), input);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ interviewerName: 'researcher', guideTitle: 'Eigen kindgesprek', durationMinutes: 50, notes: input.notes, recordingOverdue: true, recordingDeletedAt: null });
    expect(r.body.participants.map((p: { code: string }) => p.code).sort()).toEqual([k.code, parent.body.code].sort());
    const row = await db().selectFrom('interviews').selectAll().where('id', '=', r.body.id).executeTakeFirstOrThrow();
    expect(row.notes_enc).toMatch(/^v1\./);
    expect(JSON.stringify(await auditOf('interview.created'))).not.toContain('Fictiedorp');

    const future = await s.coder.client.post(url('/interviews'), { ...input, notes: '', guideId: null, recordingDeleteBy: '2099-01-01' });
    expect(future.body).toMatchObject({ recordingOverdue: false, notes: '' });

    const overdue = await s.coder.client.get(url('/interviews/overdue'));
    expect(overdue.status).toBe(200);
    expect(overdue.body.recordings.map((x: { interviewId: string }) => x.interviewId)).toEqual([r.body.id]);
    expect(overdue.body.recordings[0]).toMatchObject({ recordingDeleteBy: '2026-03-10', interviewerName: 'researcher' });
    expect(overdue.body.recordings[0].daysOverdue).toBeGreaterThan(0);

    const marked = await s.coder.client.post(url(`/interviews/${r.body.id}/recording-deleted`));
    expect(marked.status).toBe(200);
    expect(marked.body.recordingOverdue).toBe(false);
    expect(marked.body.recordingDeletedAt).not.toBeNull();
    expect((await s.coder.client.post(url(`/interviews/${r.body.id}/recording-deleted`))).status).toBe(409);
    expect((await s.coder.client.get(url('/interviews/overdue'))).body.recordings).toEqual([]);

    // bad references and dates: 4xx, nothing written
    const before = await count('interviews');
    expect((await s.researcher.client.post(url('/interviews'), { ...input, participantIds: [crypto.randomUUID()] })).status).toBe(404);
    expect((await s.researcher.client.post(url('/interviews'), { ...input, participantIds: [k.id, k.id] })).status).toBe(400);
    expect((await s.researcher.client.post(url('/interviews'), { ...input, participantIds: [] })).status).toBe(400);
    expect((await s.researcher.client.post(url('/interviews'), { ...input, interviewerId: s.outsider.user.id })).status).toBe(400);
    expect((await s.researcher.client.post(url('/interviews'), { ...input, interviewerId: s.committee.user.id })).status).toBe(400);
    expect((await s.researcher.client.post(url('/interviews'), { ...input, guideId: crypto.randomUUID() })).status).toBe(404);
    expect((await s.researcher.client.post(url('/interviews'), { ...input, recordingDeleteBy: '2026-01-01' })).status).toBe(400);
    expect((await s.researcher.client.post(url('/interviews'), { ...input, mode: 'pigeon' })).status).toBe(400);
    expect((await s.researcher.client.post(url('/interviews'), { ...input, durationMinutes: -5 })).status).toBe(400);
    expect(await count('interviews')).toBe(before);

    // update and delete; the committee sees nothing
    const u = await s.researcher.client.put(url(`/interviews/${future.body.id}`), { ...input, participantIds: [parent.body.id], mode: 'phone', notes: 'Kort.' });
    expect(u.body).toMatchObject({ mode: 'phone', notes: 'Kort.', participants: [{ id: parent.body.id }] });
    expect((await s.committee.client.get(url('/interviews'))).status).toBe(403);
    expect((await s.committee.client.get(url('/interviews/overdue'))).status).toBe(403);
    expect((await s.researcher.client.get(url('/interviews'))).body.interviews.length).toBe(2);
    expect((await s.researcher.client.delete(url(`/interviews/${future.body.id}`))).status).toBe(200);
    expect((await s.researcher.client.get(url(`/interviews/${future.body.id}`))).status).toBe(404);
    // deleting the guide keeps the interview
    expect((await s.researcher.client.delete(url(`/guides/${guide.body.id}`))).status).toBe(200);
    expect((await s.researcher.client.get(url(`/interviews/${r.body.id}`))).body).toMatchObject({ guideId: null, guideTitle: null });
  });
});

describe('interview guides', () => {
  it('copies the template into the study once, and edits guides', async () => {
    const first = await s.lead.client.post(url('/guides/template'), {});
    expect(first.status).toBe(200);
    expect(first.body.created).toHaveLength(GUIDE_TEMPLATES.length);
    expect(first.body.created.filter((g: { childFriendly: boolean }) => g.childFriendly).map((g: { ageFrom: number }) => g.ageFrom)).toEqual([6, 12]);
    expect(new Set(first.body.created.map((g: { audience: string }) => g.audience))).toEqual(new Set(['child', 'parent', 'foster_parent', 'young_adult', 'professional']));
    const again = await s.lead.client.post(url('/guides/template'), { audiences: ['parent'] });
    expect(again.body).toEqual({ created: [], skipped: ['Interview met ouders'] });
    const list = await s.coder.client.get(url('/guides'));
    expect(list.body.length).toBeGreaterThanOrEqual(GUIDE_TEMPLATES.length);

    const g = first.body.created[0];
    const u = await s.coder.client.put(url(`/guides/${g.id}`), { ...g, id: undefined, createdAt: undefined, updatedAt: undefined, body: 'Aangepast.' });
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect((await s.coder.client.get(url(`/guides/${g.id}`))).body.body).toBe('Aangepast.');
    expect((await s.coder.client.post(url('/guides'), { audience: 'child', title: 'X', ageFrom: 10, ageTo: 6 })).status).toBe(400);
    expect((await s.coder.client.post(url('/guides'), { audience: 'grandparent', title: 'X' })).status).toBe(400);
    expect((await s.committee.client.get(url('/guides'))).status).toBe(403);
    expect((await s.committee.client.post(url('/guides/template'), {})).status).toBe(403);
  });

  it('keeps every template neutral and short for children under 12', () => {
    const young = GUIDE_TEMPLATES.find((g) => g.childFriendly && g.ageTo !== null && g.ageTo < 12)!;
    const questions = young.body.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(questions.length).toBeGreaterThanOrEqual(8);
    for (const q of questions) expect(q.length, q).toBeLessThanOrEqual(80);
    for (const g of GUIDE_TEMPLATES) expect(g.body).toMatch(/\?/);
  });
});

describe('archived study and audit chain', () => {
  it('refuses writes in an archived study and keeps the audit chain intact', async () => {
    const r = await s.lead.client.post('/api/studies', { title: 'Gearchiveerd interviewonderzoek' });
    const slug = r.body.slug;
    const p = await s.lead.client.post(`/api/studies/${slug}/participants`, { role: 'parent', ageBand: 'adult' });
    expect(p.body.code).toBe('O-01'); // codes are per study
    await s.lead.client.post(`/api/studies/${slug}/archive`);
    expect((await s.lead.client.post(`/api/studies/${slug}/participants`, { role: 'parent', ageBand: 'adult' })).status).toBe(409);
    expect((await s.lead.client.post(`/api/studies/${slug}/guides/template`, {})).status).toBe(409);
    expect((await s.lead.client.get(`/api/studies/${slug}/participants`)).status).toBe(200);
    expect((await verifyAuditChain(deps())).ok).toBe(true);
  });
});
