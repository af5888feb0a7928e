/**
 * Documents, transcripts, versions, the pseudonymisation assistant, the codebook, codings, retrieval and search, on a
 * real database through the HTTP routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { verifyAuditChain } from '../audit/audit.service';
import { createBackup, restoreBackup } from '../../platform/backup';
import { loadMasterKey } from '../../platform/crypto';
import * as svc from './coding.service';
import { cpLength, cpSlice } from '../../../lib/text/codepoints';
import { buildDocx } from '../../../lib/transcripts/testkit';
import { documentView as documentViewSchema, type Code, type Coding, type DocumentDetail, type DocumentView } from '../../../shared/coding';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;

beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
}, 60_000);
afterAll(() => t?.close());

const db = () => t.platform.deps.db;
const url = (rest = '') => `/api/studies/${s.slug}${rest}`;
const auditOf = (action: string) => db().selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();
const count = async (table: string) => Number(((await sql`select count(*)::int as n from ${sql.table(table)}`.execute(db())).rows[0] as { n: number }).n);
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
/** The span of `part` in `text` (code points), the n-th occurrence. */
function spanOf(text: string, part: string, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(part, i + 1);
  if (i < 0) throw new Error(`${part} niet gevonden`);
  const start = cpLength(text.slice(0, i));
  return { start, end: start + cpLength(part) };
}

const INTERVIEW = [
  'I: Hoe ging het contact met uw zoon toen hij in het pleeggezin woonde?',
  'R: Jan zag ik elke week. De gezinsvoogd, mevrouw Bakker, belde vaak. Het was 👨‍👩‍👧 fijn maar ook moeilijk.',
  'I: En de gesprekken met de school?',
  'R: Die gesprekken in Utrecht waren goed. Zoe\u0308 ging mee.',
].join('\n');

async function newCode(name: string, parentId: string | null = null, who = s.researcher.client): Promise<Code> {
  const r = await who.post(url('/codes'), { name, parentId });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
async function view(id: string, who = s.coder.client, version?: number): Promise<DocumentView> {
  const r = await who.get(url(`/documents/${id}${version ? `?version=${version}` : ''}`));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  // the route sends this answer without zod's check (unvalidatedResponse): every answer here must match its schema
  // exactly, with no field more or less
  expect(documentViewSchema.parse(r.body)).toEqual(r.body);
  return r.body;
}
async function transcript(title: string, text = INTERVIEW, participantId?: string): Promise<DocumentDetail> {
  const r = await s.coder.client.post(url('/documents/transcripts'), { title, pasted: text, participantId });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
async function code(docId: string, version: number, span: { start: number; end: number }, codeIds: string[], memo?: string) {
  const r = await s.coder.client.post(url(`/documents/${docId}/codings`), { version, ...span, codeIds, memo });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { codings: Coding[]; created: number };
}

describe('documents and transcripts', () => {
  it('imports pasted text, .txt, .vtt and .docx with speaker turns as units', async () => {
    const pasted = await transcript('Interview ouder 1');
    expect(pasted).toMatchObject({ kind: 'transcript', currentVersion: 1, length: cpLength(INTERVIEW), pseudonymised: false, codings: 0 });
    const v = await view(pasted.id);
    expect(v.version.text).toBe(INTERVIEW);
    expect(v.version.units.map((u) => [u.speaker, u.role])).toEqual([
      ['I', 'interviewer'],
      ['R', 'respondent'],
      ['I', 'interviewer'],
      ['R', 'respondent'],
    ]);
    expect(cpSlice(v.version.text, v.version.units[1].start, v.version.units[1].end)).toMatch(/^Jan zag ik/);

    const txt = await s.coder.client.post(url('/documents/transcripts'), { title: 'Uit tekstbestand', file: { name: 'interview.txt', contentBase64: b64('\ufeffI: Vraag?\r\nR: Antwoord.\r\n') } });
    expect(txt.status, JSON.stringify(txt.body)).toBe(200);
    expect((await view(txt.body.id)).version.text).toBe('I: Vraag?\nR: Antwoord.\n');

    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>Hoe gaat het?\n\n00:00:04.500 --> 00:00:09.000\n<v Moeder>Goed, dank je.\n';
    const cue = await s.coder.client.post(url('/documents/transcripts'), { title: 'Uit WebVTT', file: { name: 'opname.vtt', contentBase64: b64(vtt) } });
    expect(cue.status, JSON.stringify(cue.body)).toBe(200);
    const cv = await view(cue.body.id);
    expect(cv.version.units.map((u) => [u.speaker, u.startMs, u.endMs])).toEqual([
      ['Interviewer', 1000, 4000],
      ['Moeder', 4500, 9000],
    ]);

    const docx = await s.coder.client.post(url('/documents/transcripts'), { title: 'Uit Word', file: { name: 'interview.docx', contentBase64: b64(buildDocx(['I: Eerste vraag?', 'R: Eerste antwoord.'])) } });
    expect(docx.status, JSON.stringify(docx.body)).toBe(200);
    expect((await view(docx.body.id)).version.units).toHaveLength(2);
  });

  it('refuses bad uploads with a Dutch 400 and writes nothing', async () => {
    const before = await count('documents');
    const cases = [
      { title: 'x', file: { name: 'a.pdf', contentBase64: b64('%PDF-1.4') } },
      { title: 'x', file: { name: 'a.txt', contentBase64: '' } },
      { title: 'x', file: { name: 'a.docx', contentBase64: b64('geen zip') } },
      { title: 'x', file: { name: 'a.txt', contentBase64: b64(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41])) } },
      { title: 'x', pasted: '   ' },
      { title: 'x' },
      { title: 'x', pasted: 'a', file: { name: 'a.txt', contentBase64: b64('a') } },
    ];
    for (const body of cases) {
      const r = await s.coder.client.post(url('/documents/transcripts'), body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(/[a-z]{3}/);
    }
    expect(await count('documents')).toBe(before);
  });

  it('creates plain documents of every kind; lists and filters them; the committee sees nothing', async () => {
    const d = await s.researcher.client.post(url('/documents'), { kind: 'signal', title: 'Melding 12', text: 'Zorgen over de veiligheid thuis.' });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ kind: 'signal', length: 32 });
    const list = await s.coder.client.get(url('/documents?kind=signal'));
    expect(list.body.documents.map((x: DocumentDetail) => x.title)).toEqual(['Melding 12']);
    expect((await s.coder.client.get(url('/documents?q=meld'))).body.total).toBe(1);
    for (const who of [s.committee, s.outsider]) {
      expect((await who.client.get(url('/documents'))).status).toBe(403);
      expect((await who.client.get(url(`/documents/${d.body.id}`))).status).toBe(403);
      expect((await who.client.get(url('/codes'))).status).toBe(403);
      expect((await who.client.post(url('/search'), { query: 'zorgen' })).status).toBe(403);
    }
    expect((await s.coder.client.get(url(`/documents/${crypto.randomUUID()}`))).status).toBe(404);
    // units must lie inside the text
    const bad = await s.researcher.client.post(url('/documents'), { kind: 'signal', title: 'x', text: 'kort', units: [{ start: 0, end: 10, speaker: null, role: null, startMs: null, endMs: null }] });
    expect(bad.status).toBe(400);
  });

  it('patches title and memo (the memo sealed) and deletes a document with its versions and codings', async () => {
    const d = await transcript('Weg te gooien');
    const k = await newCode('Tijdelijk');
    await code(d.id, 1, { start: 3, end: 10 }, [k.id]);
    const p = await s.coder.client.patch(url(`/documents/${d.id}`), { title: 'Hernoemd', memo: 'Geheim memo over het gesprek' });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ title: 'Hernoemd', memo: 'Geheim memo over het gesprek' });
    const row = await db().selectFrom('documents').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row.memo_enc).toMatch(/^v1\./);
    expect((await s.coder.client.delete(url(`/documents/${d.id}`))).status).toBe(200);
    expect(await db().selectFrom('document_versions').select('version').where('document_id', '=', d.id).execute()).toEqual([]);
    expect(await db().selectFrom('codings').select('id').where('document_id', '=', d.id).execute()).toEqual([]);
    expect((await auditOf('document.deleted'))[0].details).toMatchObject({ versions: 1, codings: 1 });
  });
});

describe('consent gate for participant documents', () => {
  it('refuses to store or code the words of a participant without consent (409), allows it with consent', async () => {
    const p = await s.lead.client.post(url('/participants'), { role: 'professional', ageBand: 'adult' });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const before = await count('documents');
    const refused = await s.coder.client.post(url('/documents/transcripts'), { title: 'Zonder toestemming', pasted: INTERVIEW, participantId: p.body.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('consent_missing');
    expect(await count('documents')).toBe(before);
    const c = await s.lead.client.post(url(`/participants/${p.body.id}/consent`), {
      letterVersion: 'v1',
      date: '2026-01-10',
      givenBy: 'participant',
      kind: 'consent',
      method: 'written',
      scopes: { participation: true, audio_recording: true, quotes: true, archiving: true },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const d = await transcript('Met toestemming', INTERVIEW, p.body.id);
    expect(d.participantCode).toBe(p.body.code);
    const k = await newCode('Gate');
    expect((await code(d.id, 1, { start: 3, end: 10 }, [k.id])).created).toBe(1);
    // an unknown participant: 404
    expect((await s.coder.client.post(url('/documents/transcripts'), { title: 'x', pasted: 'R: tekst', participantId: crypto.randomUUID() })).status).toBe(404);
  });
});

describe('withdrawal', () => {
  it('a withdrawal without consent for archiving removes the participant\'s documents with their versions and codings', async () => {
    const p = await s.lead.client.post(url('/participants'), { role: 'professional', ageBand: 'adult' });
    await s.lead.client.post(url(`/participants/${p.body.id}/consent`), {
      letterVersion: 'v1',
      date: '2026-01-10',
      givenBy: 'participant',
      kind: 'consent',
      method: 'written',
      scopes: { participation: true, audio_recording: true, quotes: false, archiving: false },
    });
    const d = await transcript('Wordt ingetrokken', INTERVIEW, p.body.id);
    const k = await newCode('Intrekking');
    await code(d.id, 1, { start: 3, end: 9 }, [k.id]);
    const w = await s.lead.client.post(url(`/participants/${p.body.id}/withdrawal`), { date: '2026-02-01', by: 'participant' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.removed).toEqual({ documents: 1, versions: 1, codings: 1 });
    expect((await s.coder.client.get(url(`/documents/${d.id}`))).status).toBe(404);
  });
});

describe('texts are encrypted at rest', () => {
  it('no text, speaker label, memo or pseudonym original is readable in a raw dump', async () => {
    const secret = 'Wolkenkrabberfluisteraar';
    const d = await transcript('Geheim', `Femke Wolkenkrabber: ${secret} zei het al.\nR: Nog iets over ${secret}.`);
    const k = await newCode('Geheimcode');
    await code(d.id, 1, { start: 0, end: 5 }, [k.id], `memo ${secret}`);
    await s.coder.client.patch(url(`/documents/${d.id}`), { memo: `documentmemo ${secret}` });
    const dv = await view(d.id);
    const r = await s.coder.client.post(url(`/documents/${d.id}/pseudonymisation`), { baseVersion: dv.version.version, spans: [{ ...spanOf(dv.version.text, secret), kind: 'name' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const table of ['documents', 'document_versions', 'codings', 'pseudonym_maps', 'audit_events']) {
      const { rows } = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(table)} t`.execute(db());
      const dump = rows.map((x) => x.j).join('\n');
      expect(dump, table).not.toContain(secret);
      expect(dump, table).not.toContain('Femke');
    }
  });
});

describe('versions: frozen once coded, codings move with their text', () => {
  it('corrects an uncoded version in place; a coded one gets a new version; deleted text drops its coding', async () => {
    const d = await transcript('Versies');
    const t1 = INTERVIEW.replace('elke week', 'bijna elke week');
    const inPlace = await s.coder.client.put(url(`/documents/${d.id}/text`), { baseVersion: 1, text: t1 });
    expect(inPlace.status, JSON.stringify(inPlace.body)).toBe(200);
    expect(inPlace.body).toMatchObject({ version: 1, newVersion: false, moved: 0, dropped: [] });
    expect((await view(d.id)).version.frozen).toBe(false);

    const k1 = await newCode('Contact');
    const k2 = await newCode('School');
    const k3 = await newCode('Emotie');
    await code(d.id, 1, spanOf(t1, 'Jan zag ik bijna elke week'), [k1.id]);
    await code(d.id, 1, spanOf(t1, 'Die gesprekken in Utrecht waren goed'), [k2.id]);
    await code(d.id, 1, spanOf(t1, '👨‍👩‍👧 fijn'), [k3.id]);
    expect((await view(d.id)).version.frozen).toBe(true);

    // the emoji sentence goes, a sentence is added before the others
    const t2 = t1.replace('Het was 👨‍👩‍👧 fijn maar ook moeilijk.', 'Het was moeilijk.').replace('I: Hoe ging', 'I: Dank voor uw tijd. Hoe ging');
    const edit = await s.coder.client.put(url(`/documents/${d.id}/text`), { baseVersion: 1, text: t2 });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({ version: 2, newVersion: true, moved: 2 });
    expect(edit.body.dropped).toEqual([expect.objectContaining({ codeId: k3.id, text: '👨‍👩‍👧 fijn' })]);
    const v2 = await view(d.id);
    expect(v2.versions.map((x) => x.version)).toEqual([1, 2]);
    expect(v2.codings.map((c) => [c.codeId, cpSlice(v2.version.text, c.start, c.end)])).toEqual([
      [k1.id, 'Jan zag ik bijna elke week'],
      [k2.id, 'Die gesprekken in Utrecht waren goed'],
    ]);
    // units moved as well
    expect(cpSlice(v2.version.text, v2.version.units[1].start, v2.version.units[1].end)).toMatch(/^Jan zag ik .*moeilijk\.$/);
    // the old version is kept, without codings
    const v1 = await view(d.id, s.coder.client, 1);
    expect(v1.version.text).toBe(t1);
    expect(v1.codings).toEqual([]);
    expect(v1.version.frozen).toBe(true);
    // an edit on an old base version: 409, nothing written
    const stale = await s.coder.client.put(url(`/documents/${d.id}/text`), { baseVersion: 1, text: 'iets anders' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    // coding the old version: 409
    expect((await s.coder.client.post(url(`/documents/${d.id}/codings`), { version: 1, start: 0, end: 3, codeIds: [k1.id] })).status).toBe(409);
    const ev = (await auditOf('document.text_edited'))[0];
    expect(ev.details).toMatchObject({ fromVersion: 1, toVersion: 2, moved: 2, dropped: 1 });
    expect(JSON.stringify(ev.details)).not.toContain('moeilijk');
  });
});

describe('pseudonymisation assistant', () => {
  it('proposes, replaces with labels consistent across the study, moves codings, and guards the mapping', async () => {
    const a = await transcript('Pseudo A');
    const kJan = await newCode('Over Jan');
    await code(a.id, 1, spanOf(INTERVIEW, 'Jan zag ik elke week'), [kJan.id]);
    const prop = await s.coder.client.get(url(`/documents/${a.id}/pseudonymisation`));
    expect(prop.status).toBe(200);
    const found = prop.body.proposals.map((p: { text: string; kind: string }) => [p.text, p.kind]);
    expect(found).toEqual(expect.arrayContaining([['Jan', 'name'], ['Utrecht', 'place']]));
    // accept the proposals, with "Bakker" as a name (corrected kind) and a span the detector did not give
    const spans = prop.body.proposals.map((p: { start: number; end: number; kind: string }) => ({ start: p.start, end: p.end, kind: p.kind }));
    const r = await s.coder.client.post(url(`/documents/${a.id}/pseudonymisation`), { baseVersion: 1, spans });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ version: 2, newVersion: true, moved: 1, dropped: [] });
    expect(r.body.document.pseudonymised).toBe(true);
    const va = await view(a.id);
    expect(va.version.text).not.toMatch(/\bJan\b|Utrecht/);
    const labels = Object.fromEntries(((await s.lead.client.get(url('/pseudonyms'))).body.entries as { label: string; originals: string[] }[]).map((e) => [e.originals[0], e.label]));
    const jan = labels.Jan;
    expect(jan).toMatch(/^\[Naam \d+\]$/);
    expect(labels.Utrecht).toMatch(/^\[Plaats \d+\]$/);
    expect(va.version.text).toContain(`${jan} zag ik elke week`);
    for (const rep of r.body.replacements) expect(cpSlice(va.version.text, rep.start, rep.end)).toBe(rep.label);
    expect(cpSlice(va.version.text, va.codings[0].start, va.codings[0].end)).toBe(`${jan} zag ik elke week`);

    // a second document: the same people get the same labels
    const b = await transcript('Pseudo B', 'R: Gisteren zag ik Jan weer, in Utrecht. En Piet.');
    const vb = await view(b.id);
    const r2 = await s.coder.client.post(url(`/documents/${b.id}/pseudonymisation`), {
      baseVersion: 1,
      spans: [
        { ...spanOf(vb.version.text, 'Jan'), kind: 'name' },
        { ...spanOf(vb.version.text, 'Utrecht'), kind: 'place' },
        { ...spanOf(vb.version.text, 'Piet'), kind: 'name' },
      ],
    });
    expect(r2.status, JSON.stringify(r2.body)).toBe(200);
    const labelsAfter = Object.fromEntries(((await s.lead.client.get(url('/pseudonyms'))).body.entries as { label: string; originals: string[] }[]).map((e) => [e.originals[0], e.label]));
    expect(labelsAfter.Piet).toMatch(/^\[Naam \d+\]$/);
    expect(labelsAfter.Piet).not.toBe(jan);
    expect((await view(b.id)).version.text).toBe(`R: Gisteren zag ik ${jan} weer, in ${labels.Utrecht}. En ${labelsAfter.Piet}.`);

    // the mapping: the lead only
    const map = await s.lead.client.get(url('/pseudonyms'));
    expect(map.status).toBe(200);
    expect(map.body.entries).toEqual(expect.arrayContaining([{ label: jan, kind: 'name', originals: ['Jan'] }]));
    for (const who of [s.researcher, s.coder, s.committee]) expect((await who.client.get(url('/pseudonyms'))).status).toBe(403);
    // versions from before the pseudonymisation: the lead only
    expect((await s.coder.client.get(url(`/documents/${a.id}?version=1`))).status).toBe(403);
    expect((await view(a.id, s.lead.client, 1)).version.text).toBe(INTERVIEW);

    // overlapping or out-of-range spans: 400, nothing written
    const bad = await s.coder.client.post(url(`/documents/${b.id}/pseudonymisation`), { baseVersion: 2, spans: [{ start: 0, end: 5, kind: 'name' }, { start: 3, end: 8, kind: 'name' }] });
    expect(bad.status).toBe(400);
    expect((await s.coder.client.post(url(`/documents/${b.id}/pseudonymisation`), { baseVersion: 2, spans: [{ start: 0, end: 99_999, kind: 'name' }] })).status).toBe(400);
    expect((await view(b.id)).document.currentVersion).toBe(2);
    const ev = (await auditOf('document.pseudonymised'))[0];
    expect(ev.details).toMatchObject({ replaced: 3, kinds: { name: 2, place: 1 } });
    expect(JSON.stringify(ev.details)).not.toContain('Piet');
  });
});

describe('codebook', () => {
  it('creates, renames, recolours, refuses duplicate names, moves without cycles', async () => {
    const root = await newCode('Boom');
    const child = await newCode('Tak', root.id);
    const leaf = await newCode('Blad', child.id);
    expect((await s.researcher.client.post(url('/codes'), { name: 'tak', parentId: root.id })).status).toBe(409);
    expect((await s.researcher.client.post(url('/codes'), { name: 'x', parentId: crypto.randomUUID() })).status).toBe(404);
    const p = await s.researcher.client.patch(url(`/codes/${leaf.id}`), { name: 'Blaadje', color: '#AABBCC', memo: 'analytisch', description: 'uitleg' });
    expect(p.body).toMatchObject({ name: 'Blaadje', color: '#aabbcc', memo: 'analytisch', description: 'uitleg' });
    const cycle = await s.researcher.client.post(url(`/codes/${root.id}/move`), { parentId: leaf.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.message).toMatch(/subcodes/);
    const moved = await s.researcher.client.post(url(`/codes/${leaf.id}/move`), { parentId: root.id, position: 0 });
    expect(moved.status).toBe(200);
    const under = moved.body.codes.filter((c: Code) => c.parentId === root.id).sort((x: Code, y: Code) => x.position - y.position);
    expect(under.map((c: Code) => c.name)).toEqual(['Blaadje', 'Tak']);
  });

  it('merges: codings move, duplicates go, subcodes move (same names merge too), the source is removed', async () => {
    const d = await transcript('Merge');
    const target = await newCode('Doel');
    const source = await newCode('Bron');
    const sChild = await newCode('Sub', source.id);
    const sOther = await newCode('Anders', source.id);
    const tChild = await newCode('sub', target.id);
    const span1 = { start: 3, end: 20 };
    const span2 = { start: 30, end: 40 };
    await code(d.id, 1, span1, [target.id, source.id]); // duplicate on span1
    await code(d.id, 1, span2, [source.id, sChild.id]);
    const r = await s.researcher.client.post(url(`/codes/${source.id}/merge`), { targetId: target.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ recoded: 2, removedDuplicates: 1, movedChildren: 1 });
    const names = r.body.codes.filter((c: Code) => c.parentId === target.id).map((c: Code) => c.name).sort();
    expect(names).toEqual(['Anders', 'sub']);
    expect(r.body.codes.some((c: Code) => c.id === source.id || c.id === sChild.id)).toBe(false);
    const v = await view(d.id);
    expect(v.codings.map((c) => [c.codeId, c.start]).sort()).toEqual(
      [
        [target.id, 3],
        [target.id, 30],
        [tChild.id, 30],
      ].sort(),
    );
    expect(r.body.codes.find((c: Code) => c.id === sOther.id).parentId).toBe(target.id);
    expect((await s.researcher.client.post(url(`/codes/${target.id}/merge`), { targetId: tChild.id })).status).toBe(400);
  });

  it('deletes: 409 while codings exist, unless withCodings=true (with subcodes)', async () => {
    const d = await transcript('Delete');
    const k = await newCode('Te verwijderen');
    const sub = await newCode('Onder', k.id);
    await code(d.id, 1, { start: 3, end: 9 }, [sub.id]);
    const refused = await s.researcher.client.delete(url(`/codes/${k.id}`));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('code_in_use');
    const ok = await s.researcher.client.delete(url(`/codes/${k.id}?withCodings=true`));
    expect(ok.body).toEqual({ ok: true, deletedCodes: 2, deletedCodings: 1 });
    expect((await view(d.id)).codings).toEqual([]);
  });

  it('inserts the template once (idempotent)', async () => {
    const first = await s.lead.client.post(url('/codes/template'));
    expect(first.status).toBe(200);
    expect(first.body.added).toBeGreaterThan(10);
    const second = await s.lead.client.post(url('/codes/template'));
    expect(second.body).toMatchObject({ added: 0, skipped: first.body.added });
    expect(second.body.codes.length).toBe(first.body.codes.length);
    const type = first.body.codes.find((c: Code) => c.name === 'Type' && c.parentId === null);
    expect(first.body.codes.filter((c: Code) => c.parentId === type.id).map((c: Code) => c.name)).toEqual(expect.arrayContaining(['Knelpunt', 'Goede praktijk']));
  });
});

describe('codings', () => {
  it('applies several codes at once, the same code twice is a no-op, edits memos, removes', async () => {
    const d = await transcript('Coderen');
    const a = await newCode('A1');
    const b = await newCode('B1');
    const span = spanOf(INTERVIEW, 'Zoe\u0308 ging mee');
    const first = await code(d.id, 1, span, [a.id, b.id], 'eerste memo');
    expect(first.created).toBe(2);
    expect(first.codings.map((c) => [c.codeId, c.memo])).toEqual([
      [a.id, 'eerste memo'],
      [b.id, 'eerste memo'],
    ]);
    const again = await code(d.id, 1, span, [a.id]);
    expect(again.created).toBe(0);
    expect(again.codings.map((c) => c.id)).toEqual([first.codings[0].id]);
    // overlapping passages are fine
    expect((await code(d.id, 1, { start: span.start - 3, end: span.end - 1 }, [a.id])).created).toBe(1);
    const v = await view(d.id);
    expect(v.codings).toHaveLength(3);
    expect(cpSlice(v.version.text, first.codings[0].start, first.codings[0].end)).toBe('Zoe\u0308 ging mee');

    const m = await s.coder.client.patch(url(`/codings/${first.codings[1].id}`), { memo: 'nieuw memo' });
    expect(m.status).toBe(200);
    expect(m.body.memo).toBe('nieuw memo');
    expect((await s.coder.client.delete(url(`/codings/${first.codings[1].id}`))).status).toBe(200);
    expect((await s.coder.client.delete(url(`/codings/${first.codings[1].id}`))).status).toBe(404);

    // bad input: 4xx, nothing written
    const before = await count('codings');
    expect((await s.coder.client.post(url(`/documents/${d.id}/codings`), { version: 1, start: 5, end: 5, codeIds: [a.id] })).status).toBe(400);
    expect((await s.coder.client.post(url(`/documents/${d.id}/codings`), { version: 1, start: 5, end: 999_999, codeIds: [a.id] })).status).toBe(400);
    expect((await s.coder.client.post(url(`/documents/${d.id}/codings`), { version: 1, start: 5, end: 9, codeIds: [a.id, crypto.randomUUID()] })).status).toBe(404);
    expect((await s.committee.client.post(url(`/documents/${d.id}/codings`), { version: 1, start: 5, end: 9, codeIds: [a.id] })).status).toBe(403);
    expect(await count('codings')).toBe(before);
  });
});

describe('search, code all hits, retrieval', () => {
  it('finds words by Dutch stem and exact phrases, with code-point offsets and snippets', async () => {
    const d = await transcript('Zoeken', 'R: Het gesprek ging over pleegouders.\nI: En de gesprekken daarna?\nR: Een pleegouder 😀 belde de gezinsvoogd.');
    const r = await s.coder.client.post(url('/search'), { query: 'gesprekken pleegouder', documentIds: [d.id] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const v = await view(d.id);
    expect(r.body.hits.map((h: { start: number; end: number }) => cpSlice(v.version.text, h.start, h.end))).toEqual(['gesprek', 'pleegouders', 'gesprekken', 'pleegouder']);
    expect(r.body.terms).toEqual(['gesprek', 'pleegouder']);
    const h = r.body.hits[3];
    expect(cpSlice(h.snippet.text, h.snippet.hitStart, h.snippet.hitEnd)).toBe('pleegouder');
    const phrase = await s.coder.client.post(url('/search'), { query: '"belde de gezinsvoogd"', documentIds: [d.id] });
    expect(phrase.body.hits.map((x: { start: number; end: number }) => cpSlice(v.version.text, x.start, x.end))).toEqual(['belde de gezinsvoogd']);
    const prefix = await s.coder.client.post(url('/search'), { query: 'pleeg*', documentIds: [d.id] });
    expect(prefix.body.total).toBe(2);
    const all = await s.coder.client.post(url('/search'), { query: 'gesprek nergensvoorkomend', documentIds: [d.id], all: true });
    expect(all.body).toMatchObject({ total: 0, documentsWithHits: 0 });
    expect((await s.coder.client.post(url('/search'), { query: '!!!' })).status).toBe(400);
  });

  it('codes all hits in one transaction with one audit event (hit or sentence)', async () => {
    const d = await transcript('Bulk', 'R: Het gesprek was goed. Daarna kwam er nog een gesprek.\nI: En toen?\nR: Geen gesprekken meer.');
    const k = await newCode('Gesprekken');
    const s1 = await s.coder.client.post(url('/search'), { query: 'gesprek', documentIds: [d.id] });
    expect(s1.body.total).toBe(3);
    const hits = s1.body.hits.map((h: { documentId: string; version: number; start: number; end: number }) => ({ documentId: h.documentId, version: h.version, start: h.start, end: h.end }));
    const auditBefore = (await auditOf('codings.bulk_created')).length;
    const r = await s.coder.client.post(url('/codings/bulk'), { codeIds: [k.id], hits, extent: 'sentence' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ created: 3, existing: 0, documents: 1 });
    expect((await auditOf('codings.bulk_created')).length).toBe(auditBefore + 1);
    const v = await view(d.id);
    expect(v.codings.map((c) => cpSlice(v.version.text, c.start, c.end))).toEqual(['Het gesprek was goed.', 'Daarna kwam er nog een gesprek.', 'Geen gesprekken meer.']);
    const again = await s.coder.client.post(url('/codings/bulk'), { codeIds: [k.id], hits, extent: 'sentence' });
    expect(again.body).toEqual({ created: 0, existing: 3, documents: 1 });
    // a stale version: 409, nothing written
    const before = await count('codings');
    const stale = await s.coder.client.post(url('/codings/bulk'), { codeIds: [k.id], hits: [{ ...hits[0], version: 7 }] });
    expect(stale.status).toBe(409);
    expect(await count('codings')).toBe(before);
  });

  it('retrieves the segments of a code and its subcodes with context, document and participant attributes', async () => {
    const child = await s.lead.client.post(url('/participants'), { role: 'professional', ageBand: 'adult', region: 'Zeeland' });
    await s.lead.client.post(url(`/participants/${child.body.id}/consent`), {
      letterVersion: 'v1',
      date: '2026-01-10',
      givenBy: 'participant',
      kind: 'consent',
      method: 'written',
      scopes: { participation: true, audio_recording: true, quotes: true, archiving: true },
    });
    const d1 = await transcript('Ophalen 1', INTERVIEW, child.body.id);
    const d2 = await transcript('Ophalen 2');
    const parent = await newCode('Ophaal-hoofd');
    const sub = await newCode('Ophaal-sub', parent.id);
    await code(d1.id, 1, spanOf(INTERVIEW, 'De gezinsvoogd'), [parent.id]);
    await code(d2.id, 1, spanOf(INTERVIEW, 'Die gesprekken'), [sub.id], 'memo bij segment');

    const only = await s.coder.client.post(url('/retrieve'), { codeIds: [parent.id] });
    expect(only.body.total).toBe(1);
    const all = await s.coder.client.post(url('/retrieve'), { codeIds: [parent.id], includeChildren: true });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.total).toBe(2);
    const [first, second] = all.body.segments;
    expect(first).toMatchObject({ text: 'De gezinsvoogd', documentTitle: 'Ophalen 1', speaker: 'R', participant: { code: child.body.code, attributes: { role: 'professional', region: 'Zeeland' } } });
    expect(first.context.text).toMatch(/^Jan zag ik elke week\..*moeilijk\.$/);
    expect(second).toMatchObject({ text: 'Die gesprekken', memo: 'memo bij segment', participant: null, codeName: 'Ophaal-sub' });
    const chars = await s.coder.client.post(url('/retrieve'), { codeIds: [sub.id], context: 'chars' });
    expect(chars.body.segments[0].context.end - chars.body.segments[0].context.start).toBeLessThanOrEqual(200 + 14 + 200);
    const filtered = await s.coder.client.post(url('/retrieve'), { codeIds: [parent.id], includeChildren: true, attributes: { role: ['professional'] } });
    expect(filtered.body.segments.map((x: { documentTitle: string }) => x.documentTitle)).toEqual(['Ophalen 1']);
    const none = await s.coder.client.post(url('/retrieve'), { codeIds: [parent.id], includeChildren: true, attributes: { role: ['child'] } });
    expect(none.body.total).toBe(0);
    const paged = await s.coder.client.post(url('/retrieve'), { codeIds: [parent.id], includeChildren: true, offset: 1, limit: 1 });
    expect(paged.body.segments.map((x: { text: string }) => x.text)).toEqual(['Die gesprekken']);
  });
});

describe('audit', () => {
  it('the chain is intact and no event carries text', async () => {
    const chain = await verifyAuditChain(t.platform.deps);
    expect(chain.ok).toBe(true);
    const { rows } = await sql<{ j: string }>`select details::text as j from audit_events where object_type in ('document','coding','code','study')`.execute(db());
    const all = rows.map((r) => r.j).join('\n');
    expect(all).not.toContain('gezinsvoogd');
    expect(all).not.toContain('pleeggezin');
  });
});

describe('backup and restore', () => {
  it('restores documents, versions, the codebook (children before parents), codings and the mapping; texts still open', async () => {
    const d = await transcript('Back-up');
    const child = await newCode('Eerst gemaakt kind');
    const parent = await newCode('Later gemaakte ouder');
    expect((await s.researcher.client.post(url(`/codes/${child.id}/move`), { parentId: parent.id })).status).toBe(200);
    await code(d.id, 1, { start: 3, end: 12 }, [child.id], 'memo in de back-up');
    const masterKey = loadMasterKey(t.platform.deps.config).key;
    const { file } = await createBackup(t.platform.deps, masterKey, 'een lange wachtwoordzin');
    const dst = await startTestPlatform();
    try {
      const counts = await restoreBackup(dst.platform.deps, loadMasterKey(dst.platform.deps.config).key, file, 'een lange wachtwoordzin');
      for (const table of ['documents', 'document_versions', 'codes', 'codings', 'pseudonym_maps']) expect(counts[table], table).toBe(await count(table));
      const actor = { userId: s.coder.user.id, isAdmin: false, name: 'coder' };
      const v = await svc.getDocumentView(dst.platform.deps, actor, s.slug, d.id);
      expect(v.version.text).toBe(INTERVIEW);
      expect(v.codings.map((c) => [c.codeId, c.memo])).toEqual([[child.id, 'memo in de back-up']]);
      expect(v.codes.find((c) => c.id === child.id)?.parentId).toBe(parent.id);
    } finally {
      await dst.close();
    }
  }, 60_000);
});

describe('timings', () => {
  /** A generated interview of `words` words in I:/R: turns with some emoji and combining accents. */
  function generate(words: number, seed = 1) {
    let x = seed;
    const rnd = () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const vocab = 'de het een en van ik je dat kind moeder vader pleeggezin gezinsvoogd rechter school thuis gesprek gesprekken contact bezoek afspraak zorgen fijn moeilijk samen altijd nooit weken maanden Zoe\u0308 café 👍🏽'.split(' ');
    const parts: string[] = [];
    let n = 0;
    let speaker = 'I';
    while (n < words) {
      const len = Math.min(words - n, speaker === 'I' ? 10 : 80);
      const w: string[] = [];
      for (let i = 0; i < len; i++) w.push(vocab[Math.floor(rnd() * vocab.length)]);
      parts.push(`${speaker}: ${w.join(' ')}.`);
      n += len;
      speaker = speaker === 'I' ? 'R' : 'I';
    }
    return parts.join('\n');
  }

  it('opens a 20,000-word transcript with 2,000 codings in one call (printed)', async () => {
    const text = generate(20_000, 3);
    const d = await transcript('Groot interview', text);
    const codes = await Promise.all(Array.from({ length: 15 }, (_, i) => newCode(`Perf ${i}`)));
    const length = cpLength(text);
    // 2,000 codings straight into the table (the routes are tested above)
    const rows = Array.from({ length: 2_000 }, (_, i) => {
      const start = Math.floor((i / 2_000) * (length - 200));
      return { document_id: d.id, version: 1, code_id: codes[i % 15].id, start, end: start + 20 + (i % 150), coder_id: s.coder.user.id, memo_enc: null };
    });
    await db().insertInto('codings').values(rows).execute();
    await view(d.id); // warm up (key cache, statements)
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const v = await view(d.id);
      times.push(performance.now() - t0);
      expect(v.codings).toHaveLength(2_000);
      expect(v.version.length).toBe(length);
    }
    times.sort((a, b) => a - b);
    console.log(`GET document (20,000 words, ${length} code points, 2,000 codings, ${onPgName()}): median ${times[2].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[4].toFixed(1)} ms`);
    // timed by `npm run bench -- coding-view` / `coding-workspace`, not asserted here (a loaded machine is no failure)
  }, 120_000);

  it('searches 50 documents of 5,000 words (printed)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await transcript(`Zoekcorpus ${i}`, generate(5_000, 100 + i))).id);
    const times: number[] = [];
    let total = 0;
    for (const query of ['gesprekken', 'moeder "contact bezoek"', 'pleeg*']) {
      const t0 = performance.now();
      const r = await s.coder.client.post(url('/search'), { query, documentIds: ids, limit: 5_000 });
      times.push(performance.now() - t0);
      expect(r.status).toBe(200);
      expect(r.body.documents).toBe(50);
      total += r.body.total;
    }
    console.log(`search (50 documents × 5,000 words, ${onPgName()}): ${times.map((x) => x.toFixed(0)).join(' / ')} ms for 3 queries (${total} hits); the first includes asking PostgreSQL for the stems`);
    expect(total).toBeGreaterThan(1_000);
  }, 300_000);
});

const onPgName = () => (process.env.TNH_TEST_PG_URL ? 'PostgreSQL' : 'PGlite');
