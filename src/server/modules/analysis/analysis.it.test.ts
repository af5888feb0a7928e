/**
 * Qualitative analysis and local autocoding on a real database through the HTTP routes: frequencies, the code ×
 * attribute and theme × type matrices on a constructed example, co-occurrence with Jaccard, a cell's segments,
 * disclosure control for the committee, consent-filtered quote exports, pattern matches, and code suggestions with
 * accept/reject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { verifyAuditChain } from '../audit/audit.service';
import { cpLength } from '../../../lib/text/codepoints';
import { labelledTurns, LABELLED_CODES } from '../../../lib/autocode/labelled-turns';
import type { DocumentView } from '../../../shared/coding';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
const url = (rest = '') => `/api/studies/${s.slug}${rest}`;
const db = () => t.platform.deps.db;
const auditOf = (action: string) => db().selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

const ids: Record<string, string> = {};
const docs: Record<string, string> = {};

function spanOf(text: string, part: string) {
  const i = text.indexOf(part);
  if (i < 0) throw new Error(`${part} niet gevonden`);
  const start = cpLength(text.slice(0, i));
  return { start, end: start + cpLength(part) };
}

async function code(name: string, parentId: string | null = null) {
  const r = await s.lead.client.post(url('/codes'), { name, parentId });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as string;
}
async function participant(role: string, quotes: boolean) {
  const p = await s.lead.client.post(url('/participants'), { role, ageBand: 'adult', region: 'Utrecht' });
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
  return p.body as { id: string; code: string };
}
async function transcript(title: string, text: string, participantId?: string) {
  const r = await s.coder.client.post(url('/documents/transcripts'), { title, pasted: text, participantId });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as string;
}
async function codeText(docId: string, text: string, part: string, codeIds: string[]) {
  const r = await s.coder.client.post(url(`/documents/${docId}/codings`), { version: 1, ...spanOf(text, part), codeIds });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

const A = ['I: Hoe ging het contact?', 'R: Het contact met mijn zoon was slecht geregeld.', 'I: En de school?', 'R: De school hielp goed mee.'].join('\n');
const B = ['I: Wat werkte?', 'R: Het contact met de ouders liep goed.', 'R: Verder niets.'].join('\n');
const C = 'De school was ver weg.';

beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
  ids.type = await code('Type');
  ids.knel = await code('Knelpunt', ids.type);
  ids.goed = await code('Goede praktijk', ids.type);
  ids.themes = await code("Thema's");
  ids.contact = await code('Contact', ids.themes);
  ids.school = await code('School', ids.themes);
  const parent = await participant('parent', true);
  const pro = await participant('professional', false);
  ids.parent = parent.id;
  ids.pro = pro.id;
  docs.a = await transcript('Interview ouder', A, parent.id);
  docs.b = await transcript('Interview professional', B, pro.id);
  const c = await s.coder.client.post(url('/documents'), { kind: 'survey_answer', title: 'Open antwoord 1', text: C });
  expect(c.status).toBe(200);
  docs.c = c.body.id;
  await codeText(docs.a, A, 'Het contact met mijn zoon was slecht geregeld.', [ids.contact, ids.knel]);
  await codeText(docs.a, A, 'De school hielp goed mee.', [ids.school, ids.goed]);
  await codeText(docs.b, B, 'Het contact met de ouders liep goed.', [ids.contact, ids.goed]);
  await codeText(docs.c, C, 'De school was ver weg.', [ids.school, ids.knel]);
  // the lead codes the same passage again: counted once (one per code and span)
  const again = await s.lead.client.post(url(`/documents/${docs.b}/codings`), { version: 1, ...spanOf(B, 'Het contact met de ouders liep goed.'), codeIds: [ids.contact] });
  expect(again.status).toBe(200);
}, 120_000);
afterAll(() => t?.close());

describe('frequencies', () => {
  it('counts segments, documents and participants per code, optionally with subcodes', async () => {
    const r = await s.researcher.client.get(url('/analysis/frequencies'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const row = (id: string) => r.body.rows.find((x: { codeId: string }) => x.codeId === id);
    expect(row(ids.contact)).toMatchObject({ segments: 2, documents: 2, participants: 2, depth: 1 });
    expect(row(ids.school)).toMatchObject({ segments: 2, documents: 2, participants: 1 });
    expect(row(ids.themes)).toMatchObject({ segments: 0 });
    const withKids = await s.researcher.client.get(url('/analysis/frequencies?includeChildren=true'));
    expect(withKids.body.rows.find((x: { codeId: string }) => x.codeId === ids.themes)).toMatchObject({ segments: 4, documents: 3, participants: 2 });
    const kinds = await s.researcher.client.get(url('/analysis/frequencies?kinds=survey_answer'));
    expect(kinds.body.rows.find((x: { codeId: string }) => x.codeId === ids.school)).toMatchObject({ segments: 1, participants: 0 });
  });
});

describe('matrices', () => {
  it('theme × role: segments, documents and participants per cell', async () => {
    const r = await s.researcher.client.get(url(`/analysis/matrix?rows=${ids.themes}&columns=attr:role&measure=segments`));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rowList.map((x: { name: string }) => x.name)).toEqual(['Contact', 'School']);
    expect(r.body.columnList.map((c: { key: string }) => c.key)).toEqual(['child', 'parent', 'foster_parent', 'young_adult', 'professional', '']);
    expect(r.body.columnList[1].label).toBe('Ouder');
    expect(r.body.counts).toEqual([
      [0, 1, 0, 0, 1, 0],
      [0, 1, 0, 0, 0, 1],
    ]);
    expect(r.body.rowTotals).toEqual([2, 2]);
    const people = await s.researcher.client.get(url(`/analysis/matrix?rows=${ids.themes}&columns=attr:role&measure=participants`));
    expect(people.body.counts[1]).toEqual([0, 1, 0, 0, 0, 0]);
    const region = await s.researcher.client.get(url(`/analysis/matrix?rows=${ids.themes}&columns=attr:region&measure=documents`));
    expect(region.body.columnList.map((c: { key: string }) => c.key)).toEqual(['Utrecht', '']);
    expect(region.body.counts).toEqual([
      [2, 0],
      [1, 1],
    ]);
  });

  it('theme × type through co-occurring codes', async () => {
    const r = await s.researcher.client.get(url(`/analysis/matrix?rows=${ids.themes}&columns=group:${ids.type}&unit=overlap`));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.columnKind).toBe('group');
    expect(r.body.columnList.map((c: { label: string }) => c.label)).toEqual(['Knelpunt', 'Goede praktijk']);
    expect(r.body.counts).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('refuses unknown attributes and groups without subcodes (400), unknown codes (404)', async () => {
    expect((await s.researcher.client.get(url('/analysis/matrix?columns=attr:schoenmaat'))).status).toBe(400);
    expect((await s.researcher.client.get(url(`/analysis/matrix?columns=group:${ids.contact}`))).status).toBe(400);
    expect((await s.researcher.client.get(url('/analysis/matrix?columns=iets'))).status).toBe(400);
    expect((await s.researcher.client.get(url('/analysis/matrix?measure=woorden'))).status).toBe(400);
    expect((await s.researcher.client.get(url(`/analysis/matrix?rows=${crypto.randomUUID()}`))).status).toBe(404);
    const bad = await s.researcher.client.get(url('/analysis/frequencies?kinds=brief'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/documentsoort/);
  });
});

describe('co-occurrence', () => {
  it('counts shared turns and Jaccard', async () => {
    const r = await s.researcher.client.get(url('/analysis/cooccurrence?unit=turn'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const i = r.body.codes.findIndex((x: { codeId: string }) => x.codeId === ids.contact);
    const j = r.body.codes.findIndex((x: { codeId: string }) => x.codeId === ids.knel);
    const g = r.body.codes.findIndex((x: { codeId: string }) => x.codeId === ids.goed);
    expect(r.body.units[i]).toBe(2);
    expect(r.body.counts[i][j]).toBe(1);
    expect(r.body.jaccard[i][j]).toBeCloseTo(1 / 3, 10);
    expect(r.body.counts[i][g]).toBe(1);
    expect(r.body.jaccard[i][g]).toBeCloseTo(1 / 3, 10);
  });
});

describe('cell segments', () => {
  it('opens the segments of a matrix cell and of a co-occurrence cell, with context', async () => {
    const cell = await s.coder.client.post(url('/analysis/segments'), { kind: 'matrix', codeId: ids.contact, columns: 'attr:role', value: 'parent' });
    expect(cell.status, JSON.stringify(cell.body)).toBe(200);
    expect(cell.body.total).toBe(1);
    expect(cell.body.segments[0]).toMatchObject({ text: 'Het contact met mijn zoon was slecht geregeld.', speaker: 'R', documentId: docs.a });
    expect(cell.body.segments[0].participant.attributes.role).toBe('parent');
    const none = await s.coder.client.post(url('/analysis/segments'), { kind: 'matrix', codeId: ids.school, columns: 'attr:role', value: '' });
    expect(none.body.segments.map((x: { documentId: string }) => x.documentId)).toEqual([docs.c]);
    const co = await s.coder.client.post(url('/analysis/segments'), { kind: 'cooccurrence', codeId: ids.contact, otherCodeId: ids.knel, unit: 'turn' });
    expect(co.body.total).toBe(2);
    expect(co.body.segments.map((x: { codeName: string }) => x.codeName).sort()).toEqual(['Contact', 'Knelpunt']);
    const group = await s.coder.client.post(url('/analysis/segments'), { kind: 'matrix', codeId: ids.school, columns: `group:${ids.type}`, value: ids.knel });
    expect(group.body.segments.map((x: { text: string }) => x.text)).toEqual(['De school was ver weg.']);
    expect((await s.coder.client.post(url('/analysis/segments'), { kind: 'matrix', codeId: ids.contact })).status).toBe(400);
    expect((await s.coder.client.post(url('/analysis/segments'), { kind: 'cooccurrence', codeId: ids.contact })).status).toBe(400);
    expect((await s.coder.client.post(url('/analysis/segments'), { kind: 'matrix', codeId: ids.contact, columns: 'attr:role', value: 'koning' })).status).toBe(404);
  });
});

describe('committee', () => {
  it('sees the tables with small cells withheld, never segments or quotes', async () => {
    expect((await s.lead.client.patch(url(), { disclosureThreshold: 2 })).status).toBe(200);
    const m = await s.committee.client.get(url(`/analysis/matrix?rows=${ids.themes}&columns=attr:role`));
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body).toMatchObject({ controlled: true, threshold: 2, suppressed: true });
    // every 1 is withheld, zeros stay, totals of 2 are shown
    expect(m.body.counts).toEqual([
      [0, null, 0, 0, null, 0],
      [0, null, 0, 0, 0, null],
    ]);
    expect(m.body.rowTotals).toEqual([2, 2]);
    const f = await s.committee.client.get(url('/analysis/frequencies'));
    expect(f.body.rows.find((x: { codeId: string }) => x.codeId === ids.school)).toMatchObject({ segments: 2, participants: null });
    const co = await s.committee.client.get(url('/analysis/cooccurrence'));
    expect(co.status).toBe(200);
    expect(co.body.counts.flat().every((v: number | null) => v === null || v === 0 || v >= 2)).toBe(true);
    expect(co.body.jaccard.flat().filter((v: number | null, k: number) => co.body.counts.flat()[k] === null).every((v: unknown) => v === null)).toBe(true);
    const x = await s.committee.client.get(url(`/analysis/export?table=matrix&rows=${ids.themes}&columns=attr:role&format=csv`));
    expect(x.status).toBe(200);
    expect(x.body).toContain('<2');
    expect((await s.committee.client.post(url('/analysis/segments'), { kind: 'frequency', codeId: ids.contact })).status).toBe(403);
    expect((await s.committee.client.get(url(`/analysis/quotes?codeId=${ids.contact}`))).status).toBe(403);
    expect((await s.committee.client.get(url(`/documents/${docs.a}/suggestions`))).status).toBe(403);
    expect((await s.outsider.client.get(url('/analysis/frequencies'))).status).toBe(403);
    // the researcher still sees everything
    const full = await s.researcher.client.get(url(`/analysis/matrix?rows=${ids.themes}&columns=attr:role`));
    expect(full.body.controlled).toBe(false);
    expect(full.body.counts[0][1]).toBe(1);
    expect((await s.lead.client.patch(url(), { disclosureThreshold: 10 })).status).toBe(200);
  });
});

describe('exports', () => {
  it('exports a matrix as XLSX and CSV (audited)', async () => {
    const res = await t.app.inject({ method: 'GET', url: url(`/analysis/export?table=matrix&rows=${ids.themes}&columns=attr:role&format=xlsx`), headers: { cookie: `tnh_session=${s.researcher.client.cookie}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).values).toEqual([undefined, 'Code', 'Kind', 'Ouder', 'Pleegouder', 'Jongvolwassene', 'Professional', '(geen waarde)', 'Totaal']);
    expect(ws.getRow(4).values).toEqual([undefined, 'Contact', 0, 1, 0, 0, 1, 0, 2]);
    const csv = await s.researcher.client.get(url('/analysis/export?table=cooccurrence&format=csv'));
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('Jaccard');
    expect((await auditOf('analysis.table_exported')).length).toBeGreaterThanOrEqual(2);
  });

  it('exports quotes to DOCX only where consent covers quoting, and says what was left out', async () => {
    const res = await t.app.inject({ method: 'GET', url: url(`/analysis/quotes?codeId=${ids.contact}&format=docx`), headers: { cookie: `tnh_session=${s.coder.client.cookie}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']);
    expect(xml).toContain('Het contact met mijn zoon was slecht geregeld.');
    expect(xml).not.toContain('Het contact met de ouders liep goed.');
    expect(xml).toMatch(/1 citaat weggelaten \(B-01\)/);
    // a survey answer without a participant is allowed
    const school = await s.coder.client.get(url(`/analysis/quotes?codeId=${ids.school}&format=csv`));
    expect(school.status).toBe(200);
    expect(String(school.body)).toContain('De school was ver weg.');
    const audit = await auditOf('analysis.quotes_exported');
    expect(audit[audit.length - 1].details).toMatchObject({ quotes: 1, omittedForConsent: 1, format: 'docx' });
    expect(JSON.stringify(audit.map((x) => x.details))).not.toContain('zoon');
    expect((await s.coder.client.get(url(`/analysis/quotes?codeId=${ids.school}&format=pdf`))).status).toBe(400);
  });
});

describe('pattern matches', () => {
  it('finds wildcard and regex matches (code points), refuses dangerous patterns', async () => {
    const r = await s.coder.client.post(url('/analysis/pattern'), { pattern: 'sch*l', mode: 'wildcard' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.total).toBe(3);
    expect(r.body.hits.map((h: { documentId: string }) => h.documentId).sort()).toEqual([docs.a, docs.a, docs.c].sort());
    const re = await s.coder.client.post(url('/analysis/pattern'), { pattern: 'cont[a-z]+ met (mijn|de)', mode: 'regex' });
    expect(re.body.total).toBe(2);
    const bad = await s.coder.client.post(url('/analysis/pattern'), { pattern: '(a+)+$', mode: 'regex' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_pattern');
    expect((await s.coder.client.post(url('/analysis/pattern'), { pattern: '[', mode: 'regex' })).status).toBe(400);
    expect((await s.committee.client.post(url('/analysis/pattern'), { pattern: 'x' })).status).toBe(403);
    // the hits feed "code all hits"
    const bulk = await s.coder.client.post(url('/codings/bulk'), { codeIds: [ids.school], hits: re.body.hits.map((h: object) => ({ ...h, snippet: undefined })), extent: 'hit' });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    expect(bulk.body.created).toBe(2);
  });
});

describe('suggestions', () => {
  it('suggests codes for uncoded turns from the study’s own codings; accept and reject one by one', async () => {
    const codes: Record<string, string> = {};
    for (const c of LABELLED_CODES) codes[c] = await code(`Label ${c}`);
    const turns = labelledTurns(160, 7);
    const trainTurns = turns.slice(0, 120);
    const heldBack = turns.slice(120);
    const doc = async (title: string, list: typeof turns) => {
      const id = await transcript(title, list.map((x) => `R: ${x.text}`).join('\n'));
      const v = (await s.coder.client.get(url(`/documents/${id}`))).body as DocumentView;
      return { id, units: v.version.units };
    };
    const tr = await doc('Training', trainTurns);
    const hits = tr.units.flatMap((u, i) => trainTurns[i].codes.map((c) => ({ c, h: { documentId: tr.id, version: 1, start: u.start, end: u.end } })));
    for (const c of LABELLED_CODES) {
      const r = await s.coder.client.post(url('/codings/bulk'), { codeIds: [codes[c]], hits: hits.filter((x) => x.c === c).map((x) => x.h) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const target = await doc('Nieuw interview', heldBack);
    const r = await s.coder.client.get(url(`/documents/${target.id}/suggestions`));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.candidates).toBe(heldBack.length);
    expect(r.body.codes).toBeGreaterThanOrEqual(LABELLED_CODES.length);
    const truth = new Set(heldBack.flatMap((x, i) => x.codes.map((c) => `${target.units[i].start}:${codes[c]}`)));
    const right = r.body.suggestions.filter((x: { start: number; codeId: string }) => truth.has(`${x.start}:${x.codeId}`)).length;
    const precision = right / r.body.suggestions.length;
    const recall = right / truth.size;
    console.log(`suggestions through the API: ${r.body.suggestions.length} on ${heldBack.length} turns, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    expect(precision).toBeGreaterThanOrEqual(0.75);
    expect(recall).toBeGreaterThanOrEqual(0.5);

    const [first, second] = r.body.suggestions as { start: number; end: number; codeId: string }[];
    const acc = await s.coder.client.post(url(`/documents/${target.id}/suggestions/accept`), { version: 1, start: first.start, end: first.end, codeId: first.codeId });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(acc.body.created).toBe(true);
    const coded = (await s.coder.client.get(url(`/documents/${target.id}`))).body as DocumentView;
    expect(coded.codings.map((c) => [c.start, c.end, c.codeId])).toEqual([[first.start, first.end, first.codeId]]);
    const rej = await s.coder.client.post(url(`/documents/${target.id}/suggestions/reject`), { version: 1, start: second.start, end: second.end, codeId: second.codeId });
    expect(rej.status, JSON.stringify(rej.body)).toBe(200);
    const again = await s.coder.client.get(url(`/documents/${target.id}/suggestions`));
    const keys = again.body.suggestions.map((x: { start: number; codeId: string }) => `${x.start}:${x.codeId}`);
    expect(keys).not.toContain(`${second.start}:${second.codeId}`);
    expect(keys.some((k: string) => k.startsWith(`${first.start}:`))).toBe(false); // the accepted turn is coded now
    expect(again.body.candidates).toBe(heldBack.length - 1);
    expect((await auditOf('suggestion.accepted'))[0].details).toMatchObject({ codeId: first.codeId, created: true });
    expect((await auditOf('suggestion.rejected'))[0].details).toMatchObject({ codeId: second.codeId });

    // bad input: not a turn (400), an old version (409), an unknown code (404), a malformed body (400), the committee (403)
    expect((await s.coder.client.post(url(`/documents/${target.id}/suggestions/accept`), { version: 1, start: first.start, end: first.end + 1, codeId: first.codeId })).status).toBe(400);
    expect((await s.coder.client.post(url(`/documents/${target.id}/suggestions/accept`), { version: 2, start: first.start, end: first.end, codeId: first.codeId })).status).toBe(409);
    expect((await s.coder.client.post(url(`/documents/${target.id}/suggestions/reject`), { version: 1, start: first.start, end: first.end, codeId: crypto.randomUUID() })).status).toBe(404);
    expect((await s.coder.client.post(url(`/documents/${target.id}/suggestions/reject`), { version: 1, start: -1, end: 'x', codeId: 'y' })).status).toBe(400);
    expect((await s.committee.client.post(url(`/documents/${target.id}/suggestions/accept`), { version: 1, start: first.start, end: first.end, codeId: first.codeId })).status).toBe(403);
    expect((await s.coder.client.get(url(`/documents/${crypto.randomUUID()}/suggestions`))).status).toBe(404);
    expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
  });
});
