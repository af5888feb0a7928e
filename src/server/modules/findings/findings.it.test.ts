/**
 * Findings and recommendations on a real database: evidence of every kind (a quote through the coding module with
 * the consent gate, a survey figure and a crosstab as snapshots that notice a new response, a case-file indicator,
 * a norm, a signal), triangulation with the study's rule, the law-versus-practice matrix, recommendations flagged
 * without a validated finding, the committee's aggregated view (no quote text, disclosure threshold), Dutch 4xx,
 * permissions and audit.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { cpLength } from '../../../lib/text/codepoints';
import { generateFictional } from '../dossiers/dossiers.service';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
const url = (rest = '') => `/api/studies/${s.slug}${rest}`;
const ids: Record<string, string> = {};

const DEF = {
  title: 'Bevindingentest',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Wat is uw rol?', choices: ['jeugdbeschermer', 'pleegzorg'] },
        { type: 'boolean', name: 'nazorg', title: 'Is er nazorg geregeld?' },
        { type: 'comment', name: 'toelichting', title: 'Toelichting' },
      ],
    },
  ],
};
let surveyToken = '';

async function respond(answers: Record<string, unknown>) {
  const r = await t.app.inject({ method: 'POST', url: '/api/respond/complete', headers: { 'x-survey-token': surveyToken }, payload: { idempotencyKey: crypto.randomUUID(), page: 'p1', answers } });
  expect(r.statusCode, r.body).toBe(200);
}

async function participant(quotes: boolean) {
  const p = await s.lead.client.post(url('/participants'), { role: 'parent', ageBand: 'adult', region: 'Utrecht' });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  const c = await s.lead.client.post(url(`/participants/${p.body.id}/consent`), {
    letterVersion: 'v1',
    date: '2026-01-10',
    givenBy: 'participant',
    kind: 'consent',
    method: 'written',
    scopes: { participation: true, audio_recording: true, quotes, archiving: true },
  });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return p.body.id as string;
}

async function codedSegment(title: string, text: string, part: string, participantId: string) {
  const d = await s.coder.client.post(url('/documents/transcripts'), { title, pasted: text, participantId });
  expect(d.status, JSON.stringify(d.body)).toBe(200);
  const i = text.indexOf(part);
  const start = cpLength(text.slice(0, i));
  const c = await s.coder.client.post(url(`/documents/${d.body.id}/codings`), { version: 1, start, end: start + cpLength(part), codeIds: [ids.code] });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return c.body.codings[0].id as string;
}

async function newFinding(body: Record<string, unknown>) {
  const r = await s.researcher.client.post(url('/findings'), body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as string;
}
async function link(findingId: string, body: Record<string, unknown>) {
  const r = await s.researcher.client.post(url(`/findings/${findingId}/evidence`), body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
async function auditActions(): Promise<string[]> {
  const r = await s.lead.client.get(url('/audit?limit=500'));
  expect(r.status).toBe(200);
  return (r.body.events as { action: string }[]).map((e) => e.action);
}

beforeAll(async () => {
  t = await startTestPlatform({ respondentRateLimit: 100_000 });
  s = await studyWithRoles(t);
  const code = await s.lead.client.post(url('/codes'), { name: 'Nazorg', parentId: null });
  expect(code.status, JSON.stringify(code.body)).toBe(200);
  ids.code = code.body.id;
  ids.quoteOk = await codedSegment('Interview ouder 1', 'I: Hoe ging het?\nR: Na de thuisplaatsing hoorden we niemand meer.', 'Na de thuisplaatsing hoorden we niemand meer.', await participant(true));
  ids.quoteRefused = await codedSegment('Interview ouder 2', 'I: En toen?\nR: Niemand belde ons terug.', 'Niemand belde ons terug.', await participant(false));
  const sv = await s.researcher.client.post(url('/surveys'), { title: 'Nazorg', definition: DEF });
  expect(sv.status, JSON.stringify(sv.body)).toBe(200);
  ids.survey = sv.body.id;
  const pub = await s.researcher.client.post(url(`/surveys/${ids.survey}/publish`));
  expect(pub.status, JSON.stringify(pub.body)).toBe(200);
  surveyToken = String(pub.body.publicUrl).split('#')[1];
  for (let i = 0; i < 30; i++) await respond({ rol: i < 18 ? 'jeugdbeschermer' : 'pleegzorg', nazorg: i % 3 === 0, toelichting: `Antwoord ${i}` });
  const seeded = await s.lead.client.post(url('/legal/seed'));
  expect(seeded.status, JSON.stringify(seeded.body)).toBe(200);
  const norms = await s.lead.client.get(url('/legal/norms'));
  ids.norm = norms.body.norms[0].id;
  ids.norm2 = norms.body.norms[1].id;
  const sig = await s.researcher.client.post(url('/signals'), { receivedOn: '2026-01-10', channel: 'telefoon', contact: 'ouder', ageBand: '5-11', phase: 'aftercare', summary: 'Ouder belt: na de terugplaatsing geen nazorg.' });
  expect(sig.status, JSON.stringify(sig.body)).toBe(200);
  ids.signal = sig.body.id;
  await generateFictional(t.platform.deps, { userId: s.lead.user.id, isAdmin: false, name: 'Lea Lead' }, s.slug, { cases: 120, seed: 7 });
});
afterAll(() => t.close());

describe('findings and evidence', () => {
  it('creates a draft finding with themes and phase; Dutch 400s on bad input; coder and committee may not write', async () => {
    const r = await s.researcher.client.post(url('/findings'), { statement: 'Na terugplaatsing ontbreekt nazorg.', type: 'knelpunt', phase: 'aftercare', themes: [ids.code] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'draft', type: 'knelpunt', phase: 'aftercare', themes: [{ id: ids.code, name: 'Nazorg' }], kinds: [], strength: 'none', evidence: [] });
    ids.finding = r.body.id;
    const bad = await s.researcher.client.post(url('/findings'), { statement: '', type: 'onzin' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/Schrijf de bevinding op|soort bevinding/);
    const theme = await s.researcher.client.post(url('/findings'), { statement: 'x', type: 'knelpunt', themes: [crypto.randomUUID()] });
    expect(theme.status).toBe(400);
    expect(theme.body.error.message).toMatch(/codeboek/);
    expect((await s.coder.client.post(url('/findings'), { statement: 'x', type: 'knelpunt' })).status).toBe(403);
    expect((await s.committee.client.post(url('/findings'), { statement: 'x', type: 'knelpunt' })).status).toBe(403);
    expect((await s.outsider.client.get(url('/findings'))).status).toBe(403);
    expect((await s.coder.client.get(url('/findings'))).status).toBe(200);
    expect((await s.committee.client.get(url('/findings'))).status).toBe(200);
  });

  it('links a quote (consent gate), a norm, a signal; refuses a quote without quote consent and duplicates', async () => {
    const q = await link(ids.finding, { kind: 'quote', codingId: ids.quoteOk, note: 'Kern' });
    expect(q.evidence[0]).toMatchObject({ kind: 'quote', note: 'Kern', quote: { text: 'Na de thuisplaatsing hoorden we niemand meer.', codeName: 'Nazorg', hidden: false, refused: null } });
    const refused = await s.researcher.client.post(url(`/findings/${ids.finding}/evidence`), { kind: 'quote', codingId: ids.quoteRefused });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/niet worden geciteerd/);
    const dup = await s.researcher.client.post(url(`/findings/${ids.finding}/evidence`), { kind: 'quote', codingId: ids.quoteOk });
    expect(dup.status).toBe(409);
    const missing = await s.researcher.client.post(url(`/findings/${ids.finding}/evidence`), { kind: 'quote', codingId: crypto.randomUUID() });
    expect(missing.status).toBe(404);
    await link(ids.finding, { kind: 'norm', normId: ids.norm });
    const sg = await link(ids.finding, { kind: 'signal', signalId: ids.signal });
    expect(sg.evidence.find((e: any) => e.kind === 'signal').signal).toMatchObject({ receivedOn: '2026-01-10', phase: 'aftercare' });
    expect(sg.kinds).toEqual(['quote', 'norm', 'signal']);
    expect(sg.strength).toBe('strong');
    const unknownKind = await s.researcher.client.post(url(`/findings/${ids.finding}/evidence`), { kind: 'roddel' });
    expect(unknownKind.status).toBe(400);
  });

  it('links a survey question and a crosstab as snapshots; a new response flags them as changed', async () => {
    const f = await link(ids.finding, { kind: 'survey', surveyId: ids.survey, question: 'nazorg' });
    const e = f.evidence.find((x: any) => x.kind === 'survey');
    expect(e.survey.snapshot).toMatchObject({ kind: 'question', n: 30 });
    expect(e.survey.snapshot.options.find((o: any) => o.value === 'true').count).toBe(10);
    expect(e.survey.changed).toBe(false);
    const x = await link(ids.finding, { kind: 'survey', surveyId: ids.survey, question: 'rol', col: 'nazorg', filters: { rol: ['jeugdbeschermer'] } });
    const xe = x.evidence.filter((y: any) => y.kind === 'survey')[1];
    expect(xe.survey.snapshot).toMatchObject({ kind: 'crosstab', n: 18 });
    expect(xe.survey.changed).toBe(false);
    const open = await s.researcher.client.post(url(`/findings/${ids.finding}/evidence`), { kind: 'survey', surveyId: ids.survey, question: 'toelichting' });
    expect(open.status).toBe(400);
    expect(open.body.error.message).toMatch(/gesloten vraag/);
    const nosurvey = await s.researcher.client.post(url(`/findings/${ids.finding}/evidence`), { kind: 'survey', surveyId: crypto.randomUUID(), question: 'rol' });
    expect(nosurvey.status).toBe(404);
    await respond({ rol: 'pleegzorg', nazorg: true });
    const after = await s.researcher.client.get(url(`/findings/${ids.finding}`));
    const [q1, q2] = after.body.evidence.filter((y: any) => y.kind === 'survey');
    expect(q1.survey.changed).toBe(true);
    expect(q1.survey.snapshot.n).toBe(30);
    expect(q1.survey.live.n).toBe(31);
    // the new respondent is pleegzorg: the filtered (jeugdbeschermer) crosstab did not change
    expect(q2.survey.changed).toBe(false);
  });

  it('links a case-file indicator as a snapshot; triangulation counts distinct kinds under the study rule', async () => {
    const f = await link(ids.finding, { kind: 'indicator', indicator: 'reentry_12m' });
    const e = f.evidence.find((x: any) => x.kind === 'indicator');
    expect(e.indicator.snapshot.n).toBeGreaterThan(0);
    expect(e.indicator.changed).toBe(false);
    expect(f.kinds).toEqual(['quote', 'survey', 'indicator', 'norm', 'signal']);
    const badGroup = await s.researcher.client.post(url(`/findings/${ids.finding}/evidence`), { kind: 'indicator', indicator: 'reentry_12m', subgroup: 'age', group: 'oud' });
    expect(badGroup.status).toBe(400);
    // the rule: lead only
    expect((await s.researcher.client.put(url('/triangulation'), { strong: 4, moderate: 2 })).status).toBe(403);
    const bad = await s.lead.client.put(url('/triangulation'), { strong: 2, moderate: 3 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/niet meer soorten/);
    expect((await s.lead.client.put(url('/triangulation'), { strong: 5, moderate: 3 })).status).toBe(200);
    const one = await newFinding({ statement: 'Pleegouders missen informatie.', type: 'verbeterpunt', phase: 'during_placement' });
    await link(one, { kind: 'norm', normId: ids.norm });
    const two = await newFinding({ statement: 'Goede samenwerking met school.', type: 'goede_praktijk', phase: 'during_placement' });
    await link(two, { kind: 'norm', normId: ids.norm });
    await link(two, { kind: 'quote', codingId: ids.quoteOk });
    ids.one = one;
    ids.two = two;
    const list = await s.coder.client.get(url('/findings'));
    const by = new Map(list.body.findings.map((x: any) => [x.id, x.strength]));
    expect(list.body.rule).toEqual({ strong: 5, moderate: 3 });
    expect([by.get(ids.finding), by.get(one), by.get(two)]).toEqual(['strong', 'weak', 'weak']);
    await s.lead.client.put(url('/triangulation'), { strong: 3, moderate: 2 });
    const strong = await s.coder.client.get(url('/findings?strength=moderate'));
    expect(strong.body.findings.map((x: any) => x.id)).toEqual([two]);
    expect((await s.coder.client.get(url('/findings?phase=during_placement&type=goede_praktijk'))).body.findings.map((x: any) => x.id)).toEqual([two]);
    expect((await s.coder.client.get(url('/findings?strength=heel'))).status).toBe(400);
  });

  it('validates (lead or researcher, audited); the coder may not; a finding without evidence cannot be validated', async () => {
    expect((await s.coder.client.post(url(`/findings/${ids.finding}/status`), { status: 'validated' })).status).toBe(403);
    const v = await s.researcher.client.post(url(`/findings/${ids.finding}/status`), { status: 'validated' });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body).toMatchObject({ status: 'validated', validatedBy: 'researcher' });
    expect((await s.researcher.client.post(url(`/findings/${ids.finding}/status`), { status: 'validated' })).status).toBe(409);
    const empty = await newFinding({ statement: 'Zonder bewijs.', type: 'oplossingsrichting' });
    const nv = await s.lead.client.post(url(`/findings/${empty}/status`), { status: 'validated' });
    expect(nv.status).toBe(409);
    expect(nv.body.error.message).toMatch(/zonder bewijs/);
    const actions = await auditActions();
    for (const a of ['finding.created', 'finding.evidence_added', 'finding.validated', 'findings.rule_changed']) expect(actions).toContain(a);
  });

  it('removes evidence (and 404 for unknown evidence)', async () => {
    const f = await s.researcher.client.get(url(`/findings/${ids.two}`));
    const q = f.body.evidence.find((e: any) => e.kind === 'quote');
    const r = await s.researcher.client.delete(url(`/findings/${ids.two}/evidence/${q.id}`));
    expect(r.status).toBe(200);
    expect(r.body.kinds).toEqual(['norm']);
    expect((await s.researcher.client.delete(url(`/findings/${ids.two}/evidence/${q.id}`))).status).toBe(404);
    expect((await auditActions())).toContain('finding.evidence_removed');
  });
});

describe('law versus practice', () => {
  it('counts findings per norm and phase, meets vs falls short', async () => {
    const m = await s.committee.client.get(url('/law-practice'));
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body.phases).toEqual(['prevention', 'during_placement', 'reunification', 'aftercare', 'none']);
    const row = m.body.rows.find((r: any) => r.norm.id === ids.norm);
    expect(row.total).toBe(3);
    const cell = (p: string) => row.cells.find((c: any) => c.phase === p);
    expect(cell('aftercare')).toMatchObject({ meets: 0, fallsShort: 1, other: 0, findingIds: [ids.finding] });
    expect(cell('during_placement')).toMatchObject({ meets: 1, fallsShort: 1 });
    expect(m.body.rows.find((r: any) => r.norm.id === ids.norm2)).toBeUndefined();
    const validated = await s.committee.client.get(url('/law-practice?status=validated'));
    expect(validated.body.rows.find((r: any) => r.norm.id === ids.norm).total).toBe(1);
  });
});

describe('recommendations', () => {
  it('creates recommendations with addressees, findings and norms; flags those without a validated finding', async () => {
    const a = await s.researcher.client.post(url('/recommendations'), { text: 'Regel nazorg standaard.', priority: 'hoog', addressees: ['gemeenten', 'min_vws'], findingIds: [ids.finding], normIds: [ids.norm] });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ position: 1, flagged: false, validatedFindings: 1, addressees: [{ key: 'gemeenten', label: 'Gemeenten' }, { key: 'min_vws' }] });
    const b = await s.researcher.client.post(url('/recommendations'), { text: 'Informeer pleegouders beter.', findingIds: [ids.one] });
    expect(b.body).toMatchObject({ position: 2, flagged: true, priority: 'middel' });
    const c = await s.researcher.client.post(url('/recommendations'), { text: 'Zonder bevinding.' });
    expect(c.body.flagged).toBe(true);
    ids.recA = a.body.id;
    ids.recB = b.body.id;
    ids.recC = c.body.id;
    const unknown = await s.researcher.client.post(url('/recommendations'), { text: 'x', addressees: ['de_paus'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Onbekende geadresseerde/);
    const badFinding = await s.researcher.client.post(url('/recommendations'), { text: 'x', findingIds: [crypto.randomUUID()] });
    expect(badFinding.status).toBe(400);
    const badPriority = await s.researcher.client.post(url('/recommendations'), { text: 'x', priority: 'urgent' });
    expect(badPriority.status).toBe(400);
    expect((await s.coder.client.post(url('/recommendations'), { text: 'x' })).status).toBe(403);
    // study addressees
    const own = await s.researcher.client.post(url('/addressees'), { label: 'Kinderombudsman' });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body).toMatchObject({ key: 'eigen-kinderombudsman', standard: false });
    expect((await s.researcher.client.post(url('/addressees'), { label: 'kinderombudsman' })).status).toBe(409);
    const p = await s.researcher.client.patch(url(`/recommendations/${ids.recB}`), { addressees: ['eigen-kinderombudsman'] });
    expect(p.body.addressees).toEqual([{ key: 'eigen-kinderombudsman', label: 'Kinderombudsman' }]);
    expect((await s.researcher.client.delete(url(`/addressees/${own.body.id}`))).status).toBe(409);
    const list = await s.committee.client.get(url('/addressees'));
    expect(list.body.addressees.length).toBe(10);
  });

  it('validating a finding lifts the flag; reorders; deletes', async () => {
    await s.researcher.client.post(url(`/findings/${ids.one}/status`), { status: 'validated' });
    const list = await s.committee.client.get(url('/recommendations'));
    expect(list.body.recommendations.map((r: any) => [r.id, r.flagged])).toEqual([
      [ids.recA, false],
      [ids.recB, false],
      [ids.recC, true],
    ]);
    const bad = await s.researcher.client.put(url('/recommendations/order'), { ids: [ids.recC, ids.recA] });
    expect(bad.status).toBe(400);
    const o = await s.researcher.client.put(url('/recommendations/order'), { ids: [ids.recC, ids.recA, ids.recB] });
    expect(o.status, JSON.stringify(o.body)).toBe(200);
    expect(o.body.recommendations.map((r: any) => r.id)).toEqual([ids.recC, ids.recA, ids.recB]);
    // changing the statement of a validated finding returns it to draft, and the flag comes back
    await s.researcher.client.patch(url(`/findings/${ids.one}`), { statement: 'Pleegouders missen vaak informatie.' });
    const again = await s.committee.client.get(url('/recommendations'));
    expect(again.body.recommendations.find((r: any) => r.id === ids.recB).flagged).toBe(true);
    expect((await s.researcher.client.delete(url(`/recommendations/${ids.recC}`))).status).toBe(200);
    expect((await s.researcher.client.delete(url(`/recommendations/${ids.recC}`))).status).toBe(404);
    const actions = await auditActions();
    for (const a of ['recommendation.created', 'recommendation.updated', 'recommendation.reordered', 'recommendation.deleted', 'addressee.created', 'finding.updated']) expect(actions).toContain(a);
  });
});

describe('committee view', () => {
  it('sees findings with aggregated evidence: no quote text, no signal details, figures under disclosure control', async () => {
    const r = await s.committee.client.get(url(`/findings/${ids.finding}`));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const body = JSON.stringify(r.body);
    expect(body).not.toContain('niemand meer');
    expect(body).not.toContain('Interview ouder');
    const q = r.body.evidence.find((e: any) => e.kind === 'quote');
    expect(q.quote).toMatchObject({ hidden: true, text: null, documentTitle: null, participantCode: null });
    expect(r.body.evidence.find((e: any) => e.kind === 'signal').signal).toEqual({ id: ids.signal, receivedOn: null, channel: null, contact: null, phase: null });
    const sv = r.body.evidence.filter((e: any) => e.kind === 'survey');
    expect(sv[0].survey.controlled).toBe(true);
    expect(sv[0].survey.threshold).toBeGreaterThan(1);
    // the figures themselves are large enough to be shown
    expect(sv[0].survey.snapshot.n).toBe(30);
    // the refused quote never reaches anyone: the coder with raw-data access sees the kept one in full
    const c = await s.coder.client.get(url(`/findings/${ids.finding}`));
    expect(c.body.evidence.find((e: any) => e.kind === 'quote').quote.text).toMatch(/niemand meer/);
    expect((await s.committee.client.post(url(`/findings/${ids.finding}/evidence`), { kind: 'norm', normId: ids.norm2 })).status).toBe(403);
    expect((await s.committee.client.post(url(`/findings/${ids.finding}/status`), { status: 'draft' })).status).toBe(403);
  });

  it('small survey cells are withheld from the committee in the snapshot', async () => {
    const f = await newFinding({ statement: 'Kleine groep.', type: 'knelpunt' });
    await link(f, { kind: 'survey', surveyId: ids.survey, question: 'rol', col: 'nazorg' });
    const r = await s.committee.client.get(url(`/findings/${f}`));
    const snap = r.body.evidence[0].survey.snapshot;
    const all = (await s.researcher.client.get(url(`/findings/${f}`))).body.evidence[0].survey.snapshot;
    expect(all.counts.flat().some((c: number) => c > 0 && c < r.body.evidence[0].survey.threshold)).toBe(true);
    expect(snap.counts.flat()).toContain(null);
  });
});

describe('deleting', () => {
  it('deletes a finding with its evidence (audited); 404 afterwards', async () => {
    const r = await s.researcher.client.delete(url(`/findings/${ids.two}`));
    expect(r.status).toBe(200);
    expect((await s.researcher.client.get(url(`/findings/${ids.two}`))).status).toBe(404);
    expect(await auditActions()).toContain('finding.deleted');
  });
});
