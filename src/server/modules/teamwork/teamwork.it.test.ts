/**
 * Team coding on a real database through the HTTP routes: assignments, reliability rounds with blind mode through
 * every route that returns codings, agreement numbers on a constructed example, the disagreement view,
 * adjudication into the consensus layer (idempotent, audited) and the analysis rule, 403s and 400s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, userClient, type TestPlatform } from '../../../../test/support/platform';
import { verifyAuditChain } from '../audit/audit.service';
import { analysisCodings } from '../coding/coding.repository';
import { cpLength } from '../../../lib/text/codepoints';
import type { Code, Coding, DocumentView } from '../../../shared/coding';
import type { AgreementResponse, DisagreementsResponse, Round } from '../../../shared/teamwork';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
let coder2: Awaited<ReturnType<typeof userClient>>;

const TEXT = ['I: Hoe gaat het thuis?', 'R: Goed, de voogd helpt ons.', 'I: En op school?', 'R: Moeilijk. Ik mis mijn vrienden.'].join('\n');

const db = () => t.platform.deps.db;
const url = (rest = '') => `/api/studies/${s.slug}${rest}`;
const tw = (rest = '') => url(`/teamwork${rest}`);
function spanOf(text: string, part: string) {
  const i = text.indexOf(part);
  if (i < 0) throw new Error(`${part} niet gevonden`);
  const start = cpLength(text.slice(0, i));
  return { start, end: start + cpLength(part) };
}

let codeA: Code;
let codeB: Code;
let inRound: string; // document in the round
let outside: string; // document not in any round
let round: Round;
const codingsOf = {} as Record<'coder' | 'coder2', Coding[]>;

async function code(who: { client: any }, docId: string, part: string, codeIds: string[]): Promise<Coding[]> {
  const r = await who.client.post(url(`/documents/${docId}/codings`), { version: 1, ...spanOf(TEXT, part), codeIds });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.codings;
}
const view = async (who: { client: any }, id: string, layer?: string): Promise<DocumentView> => {
  const r = await who.client.get(url(`/documents/${id}${layer ? `?layer=${layer}` : ''}`));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
  coder2 = await userClient(t, { name: 'Tweede codeur' });
  expect((await s.lead.client.post(url('/members'), { email: coder2.email, role: 'coder' })).status).toBe(200);
  codeA = (await s.lead.client.post(url('/codes'), { name: 'Steun van de voogd' })).body;
  codeB = (await s.lead.client.post(url('/codes'), { name: 'School' })).body;
  inRound = (await s.lead.client.post(url('/documents/transcripts'), { title: 'Interview A', pasted: TEXT })).body.id;
  outside = (await s.lead.client.post(url('/documents/transcripts'), { title: 'Interview B', pasted: TEXT })).body.id;
}, 60_000);
afterAll(() => t?.close());

describe('assignments', () => {
  it('lets the lead assign documents; a coder sees only their own, first in the document list', async () => {
    const r = await s.lead.client.post(tw('/assignments'), { documentIds: [outside], coderIds: [s.coder.user.id, coder2.user.id] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ created: 2, existing: 0 });
    expect((await s.lead.client.post(tw('/assignments'), { documentIds: [outside], coderIds: [s.coder.user.id] })).body).toEqual({ created: 0, existing: 1 });

    const mine = await s.coder.client.get(tw('/assignments'));
    expect(mine.status).toBe(200);
    expect(mine.body.assignments.map((a: any) => [a.documentId, a.coderId])).toEqual([[outside, s.coder.user.id]]);
    expect((await s.lead.client.get(tw('/assignments'))).body.assignments).toHaveLength(2);

    const list = await s.coder.client.get(url('/documents'));
    expect(list.body.documents[0]).toMatchObject({ id: outside, assignedToMe: true }); // "Interview B" before "Interview A"
    expect(list.body.documents[1]).toMatchObject({ id: inRound, assignedToMe: false });
    const only = await s.coder.client.get(url('/documents?assigned=me'));
    expect(only.body.documents.map((d: any) => d.id)).toEqual([outside]);
    expect(only.body.total).toBe(1);

    const gone = await s.lead.client.delete(tw(`/assignments/${outside}/${coder2.user.id}`));
    expect(gone.status).toBe(200);
    expect((await s.lead.client.delete(tw(`/assignments/${outside}/${coder2.user.id}`))).status).toBe(404);
  });

  it('refuses other roles (403), strangers as coders (400) and unknown documents (404)', async () => {
    expect((await s.coder.client.post(tw('/assignments'), { documentIds: [outside], coderIds: [s.coder.user.id] })).status).toBe(403);
    expect((await s.researcher.client.post(tw('/assignments'), { documentIds: [outside], coderIds: [s.coder.user.id] })).status).toBe(403);
    expect((await s.committee.client.get(tw('/assignments'))).status).toBe(403);
    expect((await s.coder.client.get(tw('/coders'))).status).toBe(403);
    const stranger = await s.lead.client.post(tw('/assignments'), { documentIds: [outside], coderIds: [s.outsider.user.id] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toMatch(/geen lid/);
    expect((await s.lead.client.post(tw('/assignments'), { documentIds: [outside], coderIds: [s.committee.user.id] })).status).toBe(400);
    expect((await s.lead.client.post(tw('/assignments'), { documentIds: [crypto.randomUUID()], coderIds: [s.coder.user.id] })).status).toBe(404);
    expect((await s.lead.client.post(tw('/assignments'), { documentIds: [], coderIds: [s.coder.user.id] })).status).toBe(400);
    const coders = await s.lead.client.get(tw('/coders'));
    expect(coders.body.coders.map((c: any) => c.userId)).toEqual(expect.arrayContaining([s.lead.user.id, s.coder.user.id, coder2.user.id, s.researcher.user.id]));
    expect(coders.body.coders.map((c: any) => c.userId)).not.toContain(s.committee.user.id);
  });
});

describe('reliability rounds and blind mode', () => {
  it('validates a new round (400) and allows only the lead (403)', async () => {
    const body = { name: 'Ronde 1', unitKind: 'turns', documentIds: [inRound], coderIds: [s.coder.user.id, coder2.user.id] };
    expect((await s.coder.client.post(tw('/rounds'), body)).status).toBe(403);
    expect((await s.committee.client.post(tw('/rounds'), body)).status).toBe(403);
    expect((await s.lead.client.post(tw('/rounds'), { ...body, coderIds: [s.coder.user.id] })).status).toBe(400);
    expect((await s.lead.client.post(tw('/rounds'), { ...body, coderIds: [s.coder.user.id, s.coder.user.id] })).status).toBe(400);
    const badUnit = await s.lead.client.post(tw('/rounds'), { ...body, unitKind: 'paragraphs' });
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.error.message).toMatch(/eenheid/);
    expect((await s.lead.client.post(tw('/rounds'), { ...body, name: '  ' })).status).toBe(400);
    expect(await db().selectFrom('reliability_rounds').selectAll().execute()).toHaveLength(0);

    const r = await s.lead.client.post(tw('/rounds'), body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    round = r.body;
    expect(round).toMatchObject({ name: 'Ronde 1', unitKind: 'turns', status: 'open', closedAt: null, documents: [{ id: inRound, title: 'Interview A' }] });
    expect(round.coders.map((c) => c.userId)).toEqual([s.coder.user.id, coder2.user.id]);
    // a coder sees the rounds they code in, the researcher (not in it) none
    expect((await s.coder.client.get(tw('/rounds'))).body.rounds.map((x: Round) => x.id)).toEqual([round.id]);
    expect((await s.researcher.client.get(tw('/rounds'))).body.rounds).toEqual([]);
    expect((await s.researcher.client.get(tw(`/rounds/${round.id}`))).status).toBe(404);
    expect((await s.committee.client.get(tw('/rounds'))).status).toBe(403);
  });

  it('hides other coders’ codings of round documents through every route while the round is open', async () => {
    // code a: coder in turns 2 and 4 (agree on 2); coder2 in turns 2 and 3; code b: both in turn 4
    codingsOf.coder = [...(await code(s.coder, inRound, 'de voogd helpt', [codeA.id])), ...(await code(s.coder, inRound, 'Ik mis mijn vrienden', [codeA.id, codeB.id]))];
    codingsOf.coder2 = [...(await code(coder2, inRound, 'Goed, de voogd', [codeA.id])), ...(await code(coder2, inRound, 'En op school?', [codeA.id])), ...(await code(coder2, inRound, 'Moeilijk.', [codeB.id]))];
    // the document outside the round: not blind
    const open = await code(s.coder, outside, 'de voogd helpt', [codeA.id]);

    const c1 = s.coder.user.id;
    const c2 = coder2.user.id;
    // document view
    expect(new Set((await view(s.coder, inRound)).codings.map((c) => c.coderId))).toEqual(new Set([c1]));
    expect(new Set((await view(coder2, inRound)).codings.map((c) => c.coderId))).toEqual(new Set([c2]));
    expect((await view(s.researcher, inRound)).codings).toEqual([]);
    expect(new Set((await view(s.lead, inRound)).codings.map((c) => c.coderId))).toEqual(new Set([c1, c2]));
    expect((await view(coder2, outside)).codings.map((c) => c.id)).toEqual(open.map((c) => c.id));
    // counts in the document view and the document list
    expect((await view(coder2, inRound)).document.codings).toBe(3);
    const list = (await coder2.client.get(url('/documents'))).body.documents;
    expect(list.find((d: any) => d.id === inRound).codings).toBe(3);
    expect((await s.lead.client.get(url('/documents'))).body.documents.find((d: any) => d.id === inRound).codings).toBe(6);
    // the details a change returns count the same way (a memo saved on the document)
    const changed = await coder2.client.patch(url(`/documents/${inRound}`), { memo: 'Mijn aantekening.' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.codings).toBe(3);
    // retrieval
    const retrieved = await coder2.client.post(url('/retrieve'), { codeIds: [codeA.id, codeB.id] });
    expect(retrieved.status).toBe(200);
    expect(retrieved.body.segments.filter((x: any) => x.documentId === inRound).every((x: any) => x.coderId === c2)).toBe(true);
    expect(retrieved.body.segments.some((x: any) => x.documentId === outside && x.coderId === c1)).toBe(true);
    expect((await s.lead.client.post(url('/retrieve'), { codeIds: [codeA.id] })).body.segments.filter((x: any) => x.documentId === inRound)).toHaveLength(4);
    // codebook counts
    const codes = (await coder2.client.get(url('/codes'))).body.codes as Code[];
    expect(codes.find((c) => c.id === codeA.id)!.codings).toBe(2 + 1); // own 2 + outside 1
    // the codings themselves: another coder's coding does not exist for this user
    const other = codingsOf.coder[0].id;
    expect((await coder2.client.patch(url(`/codings/${other}`), { memo: 'kijken' })).status).toBe(404);
    expect((await coder2.client.delete(url(`/codings/${other}`))).status).toBe(404);
    // analysis through the shared rule with a viewer
    const seen = await analysisCodings(db(), s.studyId, { documentIds: [inRound], viewer: { userId: c2, supervise: false } });
    expect(new Set(seen.map((r) => r.coder_id))).toEqual(new Set([c2]));
    // the search route returns hits without codings, so it cannot leak any
    const hits = await coder2.client.post(url('/search'), { query: 'voogd' });
    expect(hits.status).toBe(200);
    expect(JSON.stringify(hits.body)).not.toContain(c1);
  });

  it('computes agreement on turns, sentences and characters (constructed example)', async () => {
    expect((await s.coder.client.get(tw(`/rounds/${round.id}/agreement`))).status).toBe(403);
    const r = await s.lead.client.get(tw(`/rounds/${round.id}/agreement`));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const a = r.body as AgreementResponse;
    expect(a.unit).toBe('turns');
    expect(a.coders.map((c) => c.documentsCoded)).toEqual([1, 1]);
    const rowA = a.perCode.find((p) => p.codeId === codeA.id)!;
    const rowB = a.perCode.find((p) => p.codeId === codeB.id)!;
    // code A per turn: coder [0,1,0,1], coder2 [0,1,1,0] → po = 0.5, pe = 0.5, κ = 0;
    // α: o00 = 2, o11 = 2, o01 = o10 = 2, n0 = n1 = 4, n = 8 → α = 1 − 7·4/(2·4·4) = 0.125
    expect(rowA).toMatchObject({ codeName: 'Steun van de voogd', units: 4, percent: 0.5 });
    expect(rowA.kappa!).toBeCloseTo(0, 10);
    expect(rowA.alpha!).toBeCloseTo(0.125, 10);
    // code B: both only in turn 4 → perfect
    expect(rowB).toMatchObject({ units: 4, percent: 1, kappa: 1, alpha: 1 });
    // pooled 8 items: 6 agree; ones: coder 3, coder2 3 → pe = (3/8)² + (5/8)² = 34/64 → κ = (0.75 − 34/64)/(30/64)
    expect(a.overall.units).toBe(8);
    expect(a.overall.percent).toBeCloseTo(0.75, 10);
    expect(a.overall.kappa!).toBeCloseTo((0.75 - 34 / 64) / (30 / 64), 10);

    const chars = (await s.lead.client.get(tw(`/rounds/${round.id}/agreement?unit=characters`))).body as AgreementResponse;
    expect(chars.unit).toBe('characters');
    expect(chars.perCode[0].units).toBe(cpLength(TEXT));
    const sentences = (await s.lead.client.get(tw(`/rounds/${round.id}/agreement?unit=sentences`))).body as AgreementResponse;
    expect(sentences.perCode.find((p) => p.codeId === codeA.id)!.units).toBe(5); // turn 4 has two sentences
    expect((await s.lead.client.get(tw(`/rounds/${round.id}/agreement?unit=woorden`))).status).toBe(400);
    expect((await s.lead.client.get(tw(`/rounds/${crypto.randomUUID()}/agreement`))).status).toBe(404);
  });

  it('shows disagreements side by side and adjudicates into the consensus layer (idempotent, audited)', async () => {
    expect((await s.coder.client.get(tw(`/rounds/${round.id}/disagreements?documentId=${inRound}`))).status).toBe(403);
    expect((await s.lead.client.get(tw(`/rounds/${round.id}/disagreements?documentId=${outside}`))).status).toBe(404);
    const get = async () => (await s.lead.client.get(tw(`/rounds/${round.id}/disagreements?documentId=${inRound}`))).body as DisagreementsResponse;
    const d = await get();
    expect(d.items.map((i) => [i.codeName, i.agree, i.values])).toEqual([
      ['Steun van de voogd', true, [true, true]],
      ['Steun van de voogd', false, [false, true]],
      ['Steun van de voogd', false, [true, false]],
      ['School', true, [true, true]],
    ]);
    expect(d.counts).toEqual({ agreements: 2, disagreements: 2, decided: 0 });
    expect(d.items[0].quotes.map((q) => q.map((x) => x.text))).toEqual([['de voogd helpt'], ['Goed, de voogd']]);

    const [, turn3, turn4] = d.items;
    const c1 = s.coder.user.id;
    const c2 = coder2.user.id;
    // 400s: not a unit, a stranger, outside the text
    const bad = (decisions: unknown[]) => s.lead.client.post(tw(`/rounds/${round.id}/adjudicate`), { documentId: inRound, decisions });
    expect((await bad([{ codeId: codeA.id, start: turn4.start, end: turn4.end - 1, take: [c1] }])).status).toBe(400);
    expect((await bad([{ codeId: codeA.id, start: turn4.start, end: turn4.end, take: [s.researcher.user.id] }])).status).toBe(400);
    expect((await bad([{ codeId: codeA.id, start: 0, end: 100_000, take: [] }])).status).toBe(400);
    expect((await bad([])).status).toBe(400);
    expect((await s.coder.client.post(tw(`/rounds/${round.id}/adjudicate`), { documentId: inRound, decisions: [{ codeId: codeA.id, start: turn4.start, end: turn4.end, take: [c1] }] })).status).toBe(403);
    expect(await db().selectFrom('codings').selectAll().where('layer', '=', 'consensus').execute()).toHaveLength(0);

    // take coder A's coding in turn 4; "none" in turn 3
    const decisions = [
      { codeId: codeA.id, start: turn4.start, end: turn4.end, take: [c1] },
      { codeId: codeA.id, start: turn3.start, end: turn3.end, take: [] },
    ];
    const first = await bad(decisions);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ decided: 2, changedCodes: 1, consensusCodings: 1 });
    const again = await bad(decisions);
    expect(again.body).toEqual({ decided: 0, changedCodes: 0, consensusCodings: 1 });

    const consensus = await db().selectFrom('codings').selectAll().where('layer', '=', 'consensus').execute();
    expect(consensus.map((c) => [c.start, c.end, c.coder_id, c.code_id])).toEqual([[...Object.values(spanOf(TEXT, 'Ik mis mijn vrienden')), s.lead.user.id, codeA.id]]);
    const after = await get();
    expect(after.items.map((i) => [i.decision, i.consensus])).toEqual([
      [null, 'none'],
      [[], 'none'],
      [[c1], 'partial'],
      [null, 'none'],
    ]);

    // accept all agreements at once: turn 2 (code A, both coders' passages) and turn 4 (code B)
    const acc = await s.lead.client.post(tw(`/rounds/${round.id}/accept-agreements`), { documentId: inRound });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(acc.body).toMatchObject({ decided: 2, changedCodes: 2 });
    expect((await s.lead.client.post(tw(`/rounds/${round.id}/accept-agreements`), { documentId: inRound })).body).toMatchObject({ decided: 0, changedCodes: 0 });
    const layer = (await view(s.lead, inRound, 'consensus')).codings;
    expect(layer.every((c) => c.layer === 'consensus' && c.coderId === s.lead.user.id)).toBe(true);
    // code A in turn 2: the union of both coders' passages; code B in turn 4: both passages (they do not touch)
    const key = (c: { codeId: string; start: number; end: number }) => `${c.codeId === codeA.id ? 'A' : 'B'} ${c.start}-${c.end}`;
    const sp = (part: string) => spanOf(TEXT, part);
    expect(layer.map(key).sort()).toEqual(
      [
        key({ codeId: codeA.id, ...sp('Goed, de voogd helpt') }),
        key({ codeId: codeA.id, ...sp('Ik mis mijn vrienden') }),
        key({ codeId: codeB.id, ...sp('Moeilijk.') }),
        key({ codeId: codeB.id, ...sp('Ik mis mijn vrienden') }),
      ].sort(),
    );
    // the normal workspace shows the coder layer only
    expect((await view(s.lead, inRound)).codings.every((c) => c.layer === 'coder')).toBe(true);
    // while the round is open, the consensus layer is the lead's alone; only the lead codes in it
    const early = await s.coder.client.get(url(`/documents/${inRound}?layer=consensus`));
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/betrouwbaarheidsronde is gesloten/);
    const passage = spanOf(TEXT, 'Hoe gaat het thuis?');
    const byCoder = await s.coder.client.post(url(`/documents/${inRound}/codings`), { version: 1, ...passage, codeIds: [codeB.id], layer: 'consensus' });
    expect(byCoder.status).toBe(403);
    const byLead = await s.lead.client.post(url(`/documents/${inRound}/codings`), { version: 1, ...passage, codeIds: [codeB.id], layer: 'consensus' });
    expect(byLead.status, JSON.stringify(byLead.body)).toBe(200);
    expect(byLead.body).toMatchObject({ created: 1, codings: [{ layer: 'consensus', coderId: s.lead.user.id }] });
    const twice = await s.lead.client.post(url(`/documents/${inRound}/codings`), { version: 1, ...passage, codeIds: [codeB.id], layer: 'consensus' });
    expect(twice.body).toMatchObject({ created: 0, codings: [{ id: byLead.body.codings[0].id }] });
    expect((await view(s.lead, inRound)).codings.some((c) => c.id === byLead.body.codings[0].id)).toBe(false);
    expect((await s.lead.client.delete(url(`/codings/${byLead.body.codings[0].id}`))).status).toBe(200);

    // the analysis rule: consensus only for the adjudicated document, coder codings elsewhere
    const rows = await analysisCodings(db(), s.studyId);
    expect(rows.filter((r) => r.document_id === inRound).every((r) => r.layer === 'consensus')).toBe(true);
    expect(rows.filter((r) => r.document_id === inRound)).toHaveLength(4);
    expect(rows.filter((r) => r.document_id === outside).every((r) => r.layer === 'coder')).toBe(true);

    const events = await db().selectFrom('audit_events').select(['action', 'details']).where('action', 'in', ['consensus.adjudicated', 'consensus.agreements_accepted']).execute();
    expect(events.map((e) => e.action).sort()).toEqual(['consensus.adjudicated', 'consensus.agreements_accepted']);
    expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
  });

  it('ends blind mode when the round closes; consensus codings stay the lead’s to change', async () => {
    expect((await s.coder.client.post(tw(`/rounds/${round.id}/close`))).status).toBe(403);
    const closed = await s.lead.client.post(tw(`/rounds/${round.id}/close`));
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closedAt).toBeTruthy();
    expect((await s.lead.client.post(tw(`/rounds/${round.id}/close`))).status).toBe(409);

    const c1 = s.coder.user.id;
    const c2 = coder2.user.id;
    expect(new Set((await view(coder2, inRound)).codings.map((c) => c.coderId))).toEqual(new Set([c1, c2]));
    expect((await coder2.client.post(url('/retrieve'), { codeIds: [codeA.id] })).body.segments.filter((x: any) => x.documentId === inRound)).toHaveLength(4);
    expect((await coder2.client.get(url('/documents'))).body.documents.find((d: any) => d.id === inRound).codings).toBe(6);
    const seen = await analysisCodings(db(), s.studyId, { documentIds: [outside], viewer: { userId: c2, supervise: false } });
    expect(seen.map((r) => r.coder_id)).toEqual([c1]);
    expect((await coder2.client.patch(url(`/codings/${codingsOf.coder[0].id}`), { memo: 'nu zichtbaar' })).status).toBe(200);

    // after closing, everyone may look at the consensus layer
    expect((await view(coder2, inRound, 'consensus')).codings.map((c) => c.layer)).toEqual(['consensus', 'consensus', 'consensus', 'consensus']);
    const consensusId = (await view(s.lead, inRound, 'consensus')).codings[0].id;
    expect((await s.coder.client.delete(url(`/codings/${consensusId}`))).status).toBe(403);
    // adjudication after closing still works; deleting the round keeps the consensus layer
    expect((await s.lead.client.delete(tw(`/rounds/${round.id}`))).status).toBe(200);
    expect((await s.lead.client.get(tw(`/rounds/${round.id}`))).status).toBe(404);
    expect(await db().selectFrom('codings').selectAll().where('layer', '=', 'consensus').execute()).toHaveLength(4);
  });
});
