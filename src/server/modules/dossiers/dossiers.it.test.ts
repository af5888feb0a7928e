/**
 * The case-file study on a real database (PGlite, and PostgreSQL in `node scripts/test.mjs pg`): coding with audit,
 * flags, import all-or-nothing as a job, the monitor against the in-memory computation, export → import round trip,
 * disclosure control for the committee, blind double coding, agreement and reconciliation. All data are fictional.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestPlatform, studyWithRoles, type Client, type TestPlatform } from '../../../../test/support/platform';
import { JobRunner } from '../../platform/jobs';
import type { CaseInput } from '../../../shared/dossiers';
import { caseInput } from '../../../shared/dossiers';
import { computeIndicators, deriveOutcome, subgroupOf, perspectiveAndContact } from './outcomes';
import { checkCase } from './rules';
import { serializeInterchange } from './interchange';
import { generateCohort } from './generate';
import { OUTCOME_VERSION, loadStudyCases, recomputeOutcomes, unpackOutcome } from './dossiers.service';
import { verifyAuditChain } from '../audit/audit.service';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
});
afterAll(() => t.close());

const db = () => t.platform.deps.db;
const base = () => `/api/studies/${s.slug}/dossiers`;
const count = async (table: 'cases' | 'case_events' | 'case_outcomes' | 'audit_events' | 'job_inputs', studyId?: string) => {
  const q = studyId && table !== 'case_events' && table !== 'job_inputs' ? sql`select count(*)::int as n from ${sql.table(table)} where study_id = ${studyId}` : sql`select count(*)::int as n from ${sql.table(table)}`;
  return Number(((await q.execute(db())).rows[0] as { n: number }).n);
};
const lastEvent = () => db().selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

/** A fictional case; `over` replaces fields. */
function aCase(code: string, over: Partial<CaseInput> = {}): CaseInput {
  return caseInput.parse({
    code,
    birthMonth: '2014-03',
    sex: 'f',
    region: 'Gelderland',
    institution: 'GI-2',
    siblings: 2,
    placementReasons: ['neglect', 'parenting_overload'],
    parentFactors: ['debts_housing'],
    status: 'complete',
    events: [
      { date: '2019-05-01', type: 'ots_start', detail: '' },
      { date: '2019-05-20', type: 'muhp_start', detail: '' },
      { date: '2019-06-01', type: 'placement_start', detail: 'foster_kin' },
      { date: '2019-06-20', type: 'contact_arrangement', detail: 'weekly' },
      { date: '2020-04-15', type: 'ots_extension', detail: '' },
      { date: '2020-09-01', type: 'reunification', detail: '' },
      { date: '2021-03-01', type: 'ots_end', detail: '' },
      { date: '2022-12-31', type: 'observation_end', detail: '' },
    ],
    ...over,
  });
}

async function runJobs() {
  await new JobRunner(t.platform.deps).drain();
}

async function importVia(c: Client, slug: string, files: { cases: string; events: string }) {
  const start = await c.post(`/api/studies/${slug}/dossiers/import`, files);
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  expect(start.body).toMatchObject({ kind: 'dossiers.import', status: 'queued' });
  await runJobs();
  const job = await c.get(`/api/jobs/${start.body.id}`);
  expect(job.status).toBe(200);
  expect(job.body.status).toBe('done');
  if (job.body.result.ok) expect(job.body).toMatchObject({ progress: 2 * job.body.result.cases, total: 2 * job.body.result.cases });
  expect(await count('job_inputs')).toBe(0); // the uploads are gone when the job has ended
  return job.body.result as { ok: boolean; cases?: number; events?: number; problems?: { file: string; line: number; message: string }[] };
}

async function newStudy(c: Client, title: string) {
  const r = await c.post('/api/studies', { title });
  expect(r.status).toBe(200);
  return r.body as { slug: string; id: string };
}

describe('coding cases', () => {
  it('creates, edits and deletes a case, each with one audit event, and refuses a taken code with 409', async () => {
    const c = s.coder.client;
    const before = await count('audit_events');
    const created = await c.post(base(), aCase('TNH-001'));
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ code: 'TNH-001', sex: 'f', status: 'complete', placementReasons: ['neglect', 'parenting_overload'] });
    expect(created.body.events).toHaveLength(8);
    expect(created.body.flags).toEqual(checkCase(aCase('TNH-001')));
    const id = created.body.id as string;
    expect(await lastEvent()).toMatchObject({ action: 'case.created', object_id: id, actor_id: s.coder.user.id, study_id: s.studyId, details: { code: 'TNH-001', events: 8 } });

    const got = await c.get(`${base()}/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    const dup = await s.researcher.client.post(base(), aCase('TNH-001', { sex: 'm' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('TNH-001');

    const edited = await s.researcher.client.put(`${base()}/${id}`, aCase('TNH-001', { sex: 'm', region: 'Utrecht', events: aCase('x').events.slice(0, 3) }));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ sex: 'm', region: 'Utrecht' });
    expect(edited.body.events).toHaveLength(3);
    expect(await lastEvent()).toMatchObject({ action: 'case.updated', object_id: id, actor_id: s.researcher.user.id, details: { code: 'TNH-001', fields: ['sex', 'region', 'events'] } });
    // the cached derived row follows the edit in the same transaction
    const o = await db().selectFrom('case_outcomes').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    expect(o).toMatchObject({ events_count: 3, reunified: false, placed: true, study_id: s.studyId });
    expect(unpackOutcome(o.outcome as unknown as unknown[])).toEqual(deriveOutcome(edited.body));

    const other = await c.post(base(), aCase('TNH-002'));
    const rename = await c.put(`${base()}/${other.body.id}`, aCase('TNH-001'));
    expect(rename.status).toBe(409);

    const del = await c.delete(`${base()}/${other.body.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ ok: true });
    expect(await lastEvent()).toMatchObject({ action: 'case.deleted', object_id: other.body.id, details: { code: 'TNH-002' } });
    expect((await c.get(`${base()}/${other.body.id}`)).status).toBe(404);
    expect(await db().selectFrom('case_events').select('seq').where('case_id', '=', other.body.id).execute()).toEqual([]);
    expect(await count('audit_events')).toBe(before + 4); // created, updated, created, deleted; the refused rename wrote nothing
  });

  it('bad input gets a Dutch 4xx and writes nothing', async () => {
    const c = s.coder.client;
    const cases = await count('cases');
    const events = await count('audit_events');
    const bad = [
      await c.post(base(), { ...aCase('TNH-BAD'), events: [{ date: '1850-03-01', type: 'placement_start', detail: 'crisis' }] }),
      await c.post(base(), { ...aCase('TNH-BAD'), events: [{ date: '2021-02-30', type: 'placement_start', detail: 'crisis' }] }),
      await c.post(base(), { ...aCase('TNH-BAD'), birthMonth: '1700-01' }),
      await c.post(base(), { ...aCase('TNH-BAD'), code: 'met spatie' }),
      await c.post(base(), { ...aCase('TNH-BAD'), events: [{ date: '2021-01-01', type: 'geen_type' }] }),
      await c.post(base(), { ...aCase('TNH-BAD'), region: 'a\u0000b' }),
      await s.committee.client.post(base(), aCase('TNH-BAD')),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 403]);
    expect(bad[0].body.error.message).toBe('Gebeurtenis 1: 1850-03-01 is geen bestaande datum tussen 1900 en 2100.');
    expect(bad[1].body.error.message).toMatch(/^Ongeldige invoer: events\.0\.date/);
    expect(bad[3].body.error.message).toMatch(/dossiercode/);
    expect(await count('cases')).toBe(cases);
    expect(await count('audit_events')).toBe(events);
  });

  it('returns the flags of the checks, live (writing nothing) and on the stored case; the list filters', async () => {
    const c = s.coder.client;
    // an OTS that runs for years without an extension
    const flagged = aCase('TNH-FLAG', {
      events: [
        { date: '2018-01-10', type: 'ots_start', detail: '' },
        { date: '2018-02-01', type: 'placement_start', detail: 'residential' },
        { date: '2021-12-31', type: 'observation_end', detail: '' },
      ],
    });
    const expected = checkCase(flagged);
    expect(expected.map((f) => f.rule)).toContain('ots_max_duration');
    const n = await count('cases');
    const live = await c.post(`${base()}/check`, flagged);
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ flags: expected });
    expect(await count('cases')).toBe(n);

    const stored = await c.post(base(), flagged);
    expect(stored.body.flags).toEqual(expected);
    expect((await c.get(`${base()}/${stored.body.id}`)).body.flags).toEqual(expected);

    const list = await c.get(`${base()}?flagged=true`);
    expect(list.status).toBe(200);
    expect(list.body.cases.map((x: { code: string }) => x.code)).toContain('TNH-FLAG');
    expect(list.body.cases.find((x: { code: string }) => x.code === 'TNH-FLAG')).toMatchObject({ flags: expected.length, events: 3, placed: true, reunified: false, status: 'complete' });
    const search = await c.get(`${base()}?q=flag`);
    expect(search.body).toMatchObject({ total: 1, cases: [{ code: 'TNH-FLAG' }] });
    const page = await c.get(`${base()}?limit=1&offset=0`);
    expect(page.body.cases).toHaveLength(1);
    expect(page.body.total).toBe(await count('cases', s.studyId));
    expect((await c.get(`${base()}?q=%25`)).body.total).toBe(0); // % is searched literally
  });
});

describe('import, export and the monitor', () => {
  it('import is all or nothing: one bad row and nothing is written, the report names its line', async () => {
    const st = await newStudy(s.lead.client, 'Importproef');
    const cohort = generateCohort({ cases: 40, seed: 7 });
    const files = serializeInterchange(cohort);
    const lines = files.events.split(/\r?\n/);
    const k = lines.findIndex((l, i) => i >= 3 && !l.includes('observation_end')); // 0-based: line k + 1 of the file
    lines[k] = lines[k].replace(/\d{4}-\d{2}-\d{2}/, '2021-02-30');
    const auditBefore = await count('audit_events');
    const r = await importVia(s.lead.client, st.slug, { cases: files.cases, events: lines.join('\n') });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ file: 'events', line: k + 1 })]);
    expect(await count('cases', st.id)).toBe(0);
    expect(await count('case_outcomes', st.id)).toBe(0);
    expect(await count('audit_events')).toBe(auditBefore);
    expect(await count('job_inputs')).toBe(0); // the uploads are gone when the job has ended

    // a code that already exists in the study is a problem too
    const one = await s.lead.client.post(`/api/studies/${st.slug}/dossiers`, { ...cohort[3], status: 'in_progress' });
    expect(one.status).toBe(200);
    const again = await importVia(s.lead.client, st.slug, files);
    expect(again.ok).toBe(false);
    expect(again.problems).toEqual([{ file: 'cases', line: 5, message: expect.stringContaining(cohort[3].code) }]);
    expect(await count('cases', st.id)).toBe(1);

    await s.lead.client.delete(`/api/studies/${st.slug}/dossiers/${one.body.id}`);
    const good = await importVia(s.lead.client, st.slug, files);
    const nEvents = cohort.reduce((n, c) => n + c.events.length, 0);
    expect(good).toEqual({ ok: true, cases: 40, events: nEvents });
    expect(await count('cases', st.id)).toBe(40);
    expect(await lastEvent()).toMatchObject({ action: 'cases.imported', study_id: st.id, actor_id: s.lead.user.id, details: { cases: 40, events: nEvents } });
    // the committee may not import
    expect((await s.committee.client.post(`/api/studies/${st.slug}/dossiers/import`, files)).status).toBe(403);
  });

  it('the monitor of an imported generated cohort equals computeIndicators on the same cases in memory', async () => {
    const st = await newStudy(s.lead.client, 'Monitorproef');
    for (const role of ['coder', 'committee'] as const) await s.lead.client.post(`/api/studies/${st.slug}/members`, { email: s[role].email, role });
    const cohort = generateCohort({ cases: 400, seed: 2026 });
    const r = await importVia(s.lead.client, st.slug, serializeInterchange(cohort));
    expect(r.ok).toBe(true);
    const outcomes = cohort.map((c) => deriveOutcome(c));
    const expected = JSON.parse(JSON.stringify(computeIndicators(outcomes)));

    const all = await s.coder.client.get(`/api/studies/${st.slug}/monitor`);
    expect(all.status).toBe(200);
    expect(all.body.suppressed).toBe(false);
    expect(all.body.groups).toEqual([{ key: 'all', n: expected.placed, result: expected, suppressed: false }]);
    expect(all.body.extra).toEqual(perspectiveAndContact(outcomes));

    for (const sg of ['age', 'setting', 'emergency', 'help'] as const) {
      const res = await s.coder.client.get(`/api/studies/${st.slug}/monitor?subgroup=${sg}`);
      expect(res.status).toBe(200);
      for (const g of res.body.groups) {
        const members = outcomes.filter((o) => subgroupOf(o, sg) === g.key);
        expect(g.result, `${sg} ${g.key}`).toEqual(JSON.parse(JSON.stringify(computeIndicators(members))));
        expect(g.n).toBe(members.filter((o) => o.placed).length);
      }
      expect(res.body.groups.reduce((n: number, g: { n: number }) => n + g.n, 0)).toBe(outcomes.filter((o) => o.placed && subgroupOf(o, sg) !== null).length);
    }

    // a row derived with an older definition (OUTCOME_VERSION) is derived again before the monitor reads it
    const studyId = (await db().selectFrom('studies').select('id').where('slug', '=', st.slug).executeTakeFirstOrThrow()).id;
    await sql`update case_outcomes set version = 0, outcome = ${JSON.stringify([false])}::jsonb where study_id = ${studyId} and case_id in (select case_id from case_outcomes where study_id = ${studyId} limit 50)`.execute(db());
    const healed = await s.coder.client.get(`/api/studies/${st.slug}/monitor`);
    expect(healed.body.groups[0].result).toEqual(expected);
    const versions = await sql<{ v: number; n: number }>`select version as v, count(*)::int as n from case_outcomes where study_id = ${studyId} group by version`.execute(db());
    expect(versions.rows).toEqual([{ v: OUTCOME_VERSION, n: 400 }]);
    const rec = await recomputeOutcomes(t.platform.deps, null, st.slug, { viaCli: true });
    expect(rec).toEqual({ cases: 400, version: OUTCOME_VERSION });
    expect(await lastEvent()).toMatchObject({ action: 'cases.recomputed', details: { cases: 400, version: OUTCOME_VERSION } });
    expect((await s.coder.client.get(`/api/studies/${st.slug}/monitor`)).body.groups[0].result).toEqual(expected);

    // the committee: aggregated results with disclosure control, never the cases
    expect((await s.committee.client.get(`/api/studies/${st.slug}/dossiers`)).status).toBe(403);
    expect((await s.committee.client.get(`/api/studies/${st.slug}/dossiers/export`)).status).toBe(403);
    const threshold = 60;
    expect((await s.lead.client.patch(`/api/studies/${st.slug}`, { disclosureThreshold: threshold })).status).toBe(200);
    const com = await s.committee.client.get(`/api/studies/${st.slug}/monitor?subgroup=setting`);
    expect(com.status).toBe(200);
    expect(com.body.threshold).toBe(threshold);
    const small = com.body.groups.filter((g: { n: number | null }) => g.n !== null && g.n < threshold);
    expect(small.length).toBe(0); // a suppressed group does not even show its size
    const hidden = com.body.groups.filter((g: { suppressed: boolean }) => g.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const g of hidden) expect(g).toMatchObject({ n: null, result: null });
    const shown = com.body.groups.filter((g: { suppressed: boolean }) => !g.suppressed);
    expect(shown.length).toBeGreaterThan(0);
    type Share = { n: number | null; events: number | null; share: number | null };
    const leadView = (await s.lead.client.get(`/api/studies/${st.slug}/monitor?subgroup=setting`)).body;
    let withheldShares = 0;
    for (const g of shown) {
      expect(g.n).toBeGreaterThanOrEqual(threshold);
      const full = leadView.groups.find((x: { key: string }) => x.key === g.key).result;
      for (const k of ['reentry_12m', 'emergency_share'] as const) {
        const c: Share = g.result[k];
        const f: Share = full[k];
        // a count below the threshold (or a complement below it) is never shown; what is shown equals the lead's figure
        if (c.events === null) {
          withheldShares++;
          expect(c.share).toBeNull();
          expect((f.n ?? 0) < threshold || ((f.events ?? 0) > 0 && (f.events ?? 0) < threshold) || ((f.n ?? 0) - (f.events ?? 0) > 0 && (f.n ?? 0) - (f.events ?? 0) < threshold)).toBe(true);
        } else expect(c).toEqual(f);
      }
      expect(g.result.moves.max).toBeNull(); // one child's value
      expect(g.result.reunification).toEqual(full.reunification);
    }
    expect(withheldShares).toBeGreaterThan(0);
    expect(com.body.suppressed).toBe(true);
    for (const v of Object.values(com.body.extra.contact) as (number | null)[]) expect(v === null || v >= threshold).toBe(true);
    const p = com.body.extra.perspective;
    for (const v of [p.n, p.home, p.elsewhere]) expect(v === null || v >= threshold).toBe(true);
    // the lead sees the same groups unsuppressed
    const lead = await s.lead.client.get(`/api/studies/${st.slug}/monitor?subgroup=setting`);
    expect(lead.body.groups.every((g: { suppressed: boolean; result: unknown }) => !g.suppressed && g.result)).toBe(true);
    expect(lead.body.suppressed).toBe(false);
  });

  it('export → import into another study gives the same cases', async () => {
    const a = await newStudy(s.lead.client, 'Bron');
    const b = await newStudy(s.lead.client, 'Doel');
    const cohort = generateCohort({ cases: 60, seed: 99 });
    expect((await importVia(s.lead.client, a.slug, serializeInterchange(cohort))).ok).toBe(true);
    // a hand-coded case with free text that needs quoting
    const hand = aCase('HAND-1', { region: 'Zuid-Holland, "west"', events: [...aCase('x').events, { date: '2022-01-01', type: 'parent_help_start', detail: 'MST; gezin, "intensief"' }] });
    expect((await s.lead.client.post(`/api/studies/${a.slug}/dossiers`, hand)).status).toBe(200);

    const casesCsv = await s.lead.client.get(`/api/studies/${a.slug}/dossiers/export?file=cases`);
    expect(casesCsv.status).toBe(200);
    expect(casesCsv.headers['content-type']).toMatch(/^text\/csv/);
    expect(casesCsv.headers['content-disposition']).toMatch(/^attachment; filename="dossiers-bron-cases\.csv"/);
    const eventsCsv = await s.lead.client.get(`/api/studies/${a.slug}/dossiers/export?file=events`);
    expect(await lastEvent()).toMatchObject({ action: 'cases.exported', study_id: a.id, details: { cases: 61, file: 'events' } });
    const r = await importVia(s.lead.client, b.slug, { cases: casesCsv.body, events: eventsCsv.body });
    expect(r).toMatchObject({ ok: true, cases: 61 });
    // the same cases, as far as the interchange format carries them (not: institution, siblings, status)
    const [ca, cb] = [await loadStudyCases(db(), a.id), await loadStudyCases(db(), b.id)];
    const inFormat = (c: CaseInput) => ({ ...c, institution: '', siblings: null, status: 'in_progress', events: [...c.events].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)) });
    expect(cb).toEqual(ca.map(inFormat));
    expect(cb.find((c) => c.code === 'HAND-1')).toEqual(inFormat(hand));
    expect(serializeInterchange(cb)).toEqual(serializeInterchange(ca));

    // the extended export carries institution, siblings and status too: nothing is lost
    const c2 = await newStudy(s.lead.client, 'Doel uitgebreid');
    const ext = await s.lead.client.get(`/api/studies/${a.slug}/dossiers/export?file=cases&extended=true`);
    expect(ext.body.split('\r\n')[0]).toBe('case_id,birth_month,sex,region,placement_reasons,parent_factors,institution,siblings,status');
    expect(await lastEvent()).toMatchObject({ action: 'cases.exported', details: { extended: true } });
    expect(await importVia(s.lead.client, c2.slug, { cases: ext.body, events: eventsCsv.body })).toMatchObject({ ok: true, cases: 61 });
    const sorted = (c: CaseInput) => ({ ...c, events: [...c.events].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)) });
    expect((await loadStudyCases(db(), c2.id)).find((c) => c.code === 'HAND-1')).toEqual(sorted(hand));
    expect(await loadStudyCases(db(), c2.id)).toEqual(ca.map(sorted));
  });
});

describe('double coding', () => {
  it('is blind, refuses the first coder, and gives agreement figures; the lead reconciles', async () => {
    const st = await newStudy(s.lead.client, 'Dubbel coderen');
    for (const role of ['coder', 'researcher', 'committee'] as const) await s.lead.client.post(`/api/studies/${st.slug}/members`, { email: s[role].email, role });
    const url = `/api/studies/${st.slug}/dossiers`;
    // four cases coded by the coder (A); the researcher (B) codes them again, differing in sex on one case
    const sexA = ['f', 'm', 'f', 'm'] as const;
    const sexB = ['f', 'm', 'm', 'm'] as const;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await s.coder.client.post(url, aCase(`DC-${i}`, { sex: sexA[i] }));
      expect(r.status).toBe(200);
      ids.push(r.body.id);
    }
    // B also codes one case without an emergency start where A had none either, and one move more on case 0
    const b0 = aCase('DC-0', { sex: sexB[0], events: [...aCase('x').events, { date: '2019-08-01', type: 'placement_move', detail: 'foster_nonkin' }] });

    // a second coding needs an assignment by the lead
    expect((await s.researcher.client.post(`${url}/${ids[0]}/second-coding`, b0)).status).toBe(409);
    const assign = (body: unknown, who = s.lead.client) => who.post(`${url}/second-coding/assignments`, body);
    expect((await assign({ coderId: s.researcher.user.id, codes: ['DC-0'] }, s.researcher.client)).status).toBe(403);
    const toCommittee = await assign({ coderId: s.committee.user.id, sample: 2 });
    expect(toCommittee.status).toBe(400);
    expect(toCommittee.body.error.message).toMatch(/rol die mag coderen/);
    expect((await assign({ coderId: s.lead.user.id, sample: 2 })).status).toBe(400);
    const unknown = await assign({ coderId: s.researcher.user.id, codes: ['DC-0', 'BESTAAT-NIET'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/BESTAAT-NIET: bestaat niet/);
    expect((await assign({ coderId: s.coder.user.id, codes: ['DC-1'] })).body.error.message).toMatch(/DC-1: door deze persoon zelf/);
    expect((await assign({ coderId: s.researcher.user.id, codes: ['DC-0'], sample: 3 })).status).toBe(400);
    expect((await s.lead.client.get(`${url}/second-coding/assignments`)).body).toEqual([]); // nothing was written
    const ok = await assign({ coderId: s.researcher.user.id, codes: ['DC-0', 'DC-1'] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ assigned: 2, codes: ['DC-0', 'DC-1'] });
    const sample = await assign({ coderId: s.researcher.user.id, sample: 5 });
    expect(sample.body).toEqual({ assigned: 2, codes: ['DC-2', 'DC-3'] });
    expect((await assign({ coderId: s.researcher.user.id, sample: 1 })).status).toBe(409); // none left
    expect(await lastEvent()).toMatchObject({ action: 'cases.second_coding_assigned', actor_id: s.lead.user.id, details: { cases: 2 } });

    // blind: B learns only the codes; the primary coding is hidden everywhere until the lead settles the case
    const mineList = await s.researcher.client.get(`${url}/second-coding/mine`);
    expect(mineList.body.map((a: { code: string; secondCodedAt: string | null }) => [a.code, a.secondCodedAt])).toEqual([['DC-0', null], ['DC-1', null], ['DC-2', null], ['DC-3', null]]);
    expect(Object.keys(mineList.body[0]).sort()).toEqual(['assignedAt', 'caseId', 'closedAt', 'code', 'coderId', 'coderName', 'secondCodedAt']);
    const peek = await s.researcher.client.get(`${url}/${ids[0]}`);
    expect(peek.status).toBe(403);
    expect(peek.body.error.message).toMatch(/blind als tweede codeur/);
    expect((await s.researcher.client.put(`${url}/${ids[0]}`, aCase('DC-0'))).status).toBe(403);
    expect((await s.researcher.client.get(`${url}?q=DC-`)).body.total).toBe(0);
    expect((await s.researcher.client.get(`${url}/export?file=cases`)).status).toBe(403);
    expect((await s.coder.client.get(`${url}?q=DC-`)).body.total).toBe(4); // the first coder sees their cases
    expect((await s.lead.client.get(`${url}/${ids[0]}`)).status).toBe(200);

    for (let i = 0; i < 4; i++) {
      const body = i === 0 ? b0 : aCase(`DC-${i}`, { sex: sexB[i] });
      const r = await s.researcher.client.post(`${url}/${ids[i]}/second-coding`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    expect(await lastEvent()).toMatchObject({ action: 'case.second_coded', actor_id: s.researcher.user.id, details: { code: 'DC-3' } });

    // the first coder may not second-code, and cannot see B's version
    const own = await s.coder.client.post(`${url}/${ids[0]}/second-coding`, aCase('DC-0'));
    expect(own.status).toBe(409);
    expect((await s.coder.client.get(`${url}/${ids[2]}/second-coding`)).status).toBe(404);
    expect((await s.lead.client.get(`${url}/${ids[2]}/second-coding`)).status).toBe(404);
    // B gets exactly B's own version back, never A's
    const mine = await s.researcher.client.get(`${url}/${ids[2]}/second-coding`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: ids[2], code: 'DC-2', sex: 'm' });
    expect((await s.committee.client.get(`${url}/${ids[2]}/second-coding`)).status).toBe(403);
    // the lead, who reconciles, sees every second coding of a case; the coders do not
    const all = await s.lead.client.get(`${url}/${ids[2]}/second-codings`);
    expect(all.status).toBe(200);
    expect(all.body).toEqual([expect.objectContaining({ id: ids[2], code: 'DC-2', sex: 'm', coderId: s.researcher.user.id, coderName: 'researcher' })]);
    expect((await s.coder.client.get(`${url}/${ids[2]}/second-codings`)).status).toBe(403);
    expect((await s.researcher.client.get(`${url}/${ids[2]}/second-codings`)).status).toBe(403);

    // agreement: lead only
    expect((await s.coder.client.get(`${url}/agreement`)).status).toBe(403);
    expect((await s.researcher.client.get(`${url}/agreement`)).status).toBe(403);
    const ag = await s.lead.client.get(`${url}/agreement`);
    expect(ag.status).toBe(200);
    expect(ag.body).toMatchObject({ cases: 4, pairs: 4 });
    const v = Object.fromEntries(ag.body.variables.map((x: { variable: string }) => [x.variable, x]));
    // sex: p_o = 3/4; p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2; κ = (3/4 − 1/2)/(1/2) = 1/2
    expect(v.sex).toEqual({ variable: 'sex', n: 4, percent: 0.75, kappa: 0.5 });
    // moves 0/1/2+: A = 0,0,0,0; B = 1,0,0,0: p_o = 3/4, p_e = 1·3/4 → κ = 0
    expect(v.moves).toMatchObject({ n: 4, percent: 0.75, kappa: 0 });
    expect(v.region).toEqual({ variable: 'region', n: 4, percent: 1, kappa: 1 });
    expect(v['placementReason.neglect']).toMatchObject({ n: 4, percent: 1 });
    expect(v['parentFactor.trauma']).toMatchObject({ n: 4, percent: 1 });
    expect(Object.keys(v)).toEqual(expect.arrayContaining(['birthMonth', 'placed', 'emergencyStart', 'reunified', 'parentHelp']));

    // reconciliation: lead only; the final version becomes the primary coding, verified
    const final = aCase('DC-2', { sex: 'm', status: 'in_progress' });
    expect((await s.researcher.client.post(`${url}/${ids[2]}/reconcile`, { caseInput: final })).status).toBe(403);
    const rec = await s.lead.client.post(`${url}/${ids[2]}/reconcile`, { caseInput: final });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect(rec.body).toMatchObject({ sex: 'm', status: 'verified' });
    expect((await s.coder.client.get(`${url}/${ids[2]}`)).body).toMatchObject({ sex: 'm', status: 'verified' });
    expect(await lastEvent()).toMatchObject({
      action: 'case.reconciled',
      actor_id: s.lead.user.id,
      details: { code: 'DC-2', changedFromFirst: ['sex'], changedFromSecond: [{ coderId: s.researcher.user.id, fields: [] }] },
    });
    // settled: the blind is lifted for DC-2 only
    expect((await s.researcher.client.get(`${url}/${ids[2]}`)).status).toBe(200);
    expect((await s.researcher.client.get(`${url}/${ids[1]}`)).status).toBe(403);
    const after = (await s.researcher.client.get(`${url}/second-coding/mine`)).body as { code: string; closedAt: string | null; secondCodedAt: string | null }[];
    expect(after.map((a) => [a.code, a.closedAt !== null, a.secondCodedAt !== null])).toEqual([['DC-0', false, true], ['DC-1', false, true], ['DC-3', false, true], ['DC-2', true, true]]);
    // the lead withdraws an open assignment: then B may see that case, and may no longer second-code it
    expect((await s.researcher.client.delete(`${url}/${ids[3]}/second-coding/assignments/${s.researcher.user.id}`)).status).toBe(403);
    expect((await s.lead.client.delete(`${url}/${ids[3]}/second-coding/assignments/${s.researcher.user.id}`)).status).toBe(200);
    expect((await s.lead.client.delete(`${url}/${ids[3]}/second-coding/assignments/${s.researcher.user.id}`)).status).toBe(404);
    expect((await s.researcher.client.get(`${url}/${ids[3]}`)).status).toBe(200);
    expect((await s.researcher.client.post(`${url}/${ids[3]}/second-coding`, aCase('DC-3'))).status).toBe(409);
    // the agreement still compares the independent codings
    expect((await s.lead.client.get(`${url}/agreement`)).body.variables.find((x: { variable: string }) => x.variable === 'sex')).toEqual(v.sex);
    // a case without a second coding has nothing to reconcile
    const lone = await s.coder.client.post(url, aCase('DC-LONE'));
    expect((await s.lead.client.post(`${url}/${lone.body.id}/reconcile`, { caseInput: aCase('DC-LONE') })).status).toBe(409);
  });

  it('leaves the audit chain intact', async () => {
    expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
  });
});
