import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  CONSENSUS_USER,
  codebookOf,
  parseCodebook,
  parseProject,
  planImport,
  readQdpx,
  resolveInternal,
  RefiError,
  stableGuid,
  studyToProject,
  writeCodebook,
  writeProject,
  writeQdpx,
  type ImportPlan,
  type StudyData,
} from './index';
import { refiFile, xsdErrors } from './xsd.testkit';
import { cpLength, cpSlice } from '../text/codepoints';

const U1 = '11111111-1111-4111-8111-111111111111';
const C1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const C2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const S1 = 'dddddddd-0000-4000-8000-000000000001';

const TEXT = 'I: Hoe ging het contact?\nR: Slecht 👨‍👩‍👧. Ik wist niet wie ik moest bellen.\nI: En daarna?\nR: Toen ging het beter.';

function study(): StudyData {
  return {
    name: 'Thuis & "weer" <terug>',
    origin: 'Terug naar huis 0.1',
    createdAt: '2026-01-01T10:00:00.000Z',
    users: [
      { id: 'u1', name: 'Coder A', email: 'a@example.org' },
      { id: 'u2', name: 'Coder B' },
    ],
    codes: [
      { id: 'k1', parentId: null, name: 'Knelpunten', description: 'Wat niet goed ging', color: '#CC3333', memo: 'Memo bij knelpunten', position: 0 },
      { id: 'k2', parentId: 'k1', name: 'Communicatie', description: '', color: '#e66', memo: '', position: 0 },
      { id: 'k3', parentId: null, name: 'Goede praktijken', description: '', color: '#33aa33', memo: '', position: 1 },
    ],
    variables: [
      { name: 'Rol', type: 'text' },
      { name: 'Aantal plaatsingen', type: 'number' },
      { name: 'Startdatum', type: 'date' },
    ],
    participants: [{ id: 'p1', code: 'O-01', values: { Rol: 'parent', 'Aantal plaatsingen': '2.5', Startdatum: '2024-03-01' } }],
    documents: [
      { id: 'd1', title: 'Interview O-01', kind: 'transcript', participantId: 'p1', memo: 'Documentmemo', text: TEXT, createdBy: 'u1', createdAt: '2026-01-02T10:00:00.000Z' },
      { id: 'd2', title: 'Antwoord 7', kind: 'survey_answer', participantId: null, memo: '', text: 'Het was goed.', createdBy: null },
    ],
    codings: [
      { id: 'c1', documentId: 'd1', codeId: 'k2', start: 28, end: 35, coderId: 'u1', memo: 'Let op het emoji' },
      { id: 'c2', documentId: 'd1', codeId: 'k1', start: 28, end: 35, coderId: 'u2', memo: '' },
      { id: 'c3', documentId: 'd2', codeId: 'k3', start: 0, end: 13, coderId: 'u1', memo: '', consensus: true },
    ],
    kindNames: { transcript: 'Transcripten', survey_answer: 'Antwoorden enquête' },
  };
}

const KIND_SETS = { transcripten: 'transcript', 'antwoorden enquête': 'survey_answer' };

function plan(xml: string, files: Record<string, string> = {}, qdeName = 'project.qde'): ImportPlan {
  const enc = new TextEncoder();
  const m = new Map(Object.entries(files).map(([k, v]) => [k.toLowerCase(), enc.encode(v)]));
  return planImport(parseProject(xml), { file: (p) => resolveInternal({ files: m, qdeName }, p), maxTextChars: 1_000_000, kindSets: KIND_SETS });
}

/** A minimal project around one text source, for the tolerance cases. */
function fixture(source: string, extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Fixture" origin="${extra.includes('ATLAS') ? 'ATLAS.ti 23' : 'Tool'}">
  <Users><User guid="${U1}" name="Coder A"/></Users>
  <CodeBook><Codes><Code guid="${C1}" name="Knelpunten" isCodable="true" color="#C33"><Description>Memo als beschrijving</Description></Code>
  <Code guid="${C2}" name="Thema::Sub" isCodable="true"/></Codes></CodeBook>
  <Sources>${source}</Sources>
  ${extra.replace('ATLAS', '')}
</Project>`;
}

describe('stable GUIDs', () => {
  it('are name-based UUIDs: the same for the same object, different per kind', () => {
    expect(stableGuid('code', 'x')).toBe(stableGuid('code', 'x'));
    expect(stableGuid('code', 'x')).not.toBe(stableGuid('source', 'x'));
    expect(stableGuid('code', 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('study → project.qde', () => {
  it('writes users, the codebook with hierarchy and #rrggbb colours, typed variables, cases, sources, selections, codings, notes and sets', () => {
    const { project, sources } = studyToProject(study());
    const xml = writeProject(project);
    expect(xml).toContain('name="Thuis &amp; &quot;weer&quot; &lt;terug&gt;"');
    const back = parseProject(xml);
    expect(back.users.map((u) => u.name)).toEqual(['Coder A', 'Coder B', CONSENSUS_USER.name]);
    expect(back.codes.map((c) => [c.name, c.color, c.children.map((x) => [x.name, x.color])])).toEqual([
      ['Knelpunten', '#cc3333', [['Communicatie', '#ee6666']]],
      ['Goede praktijken', '#33aa33', []],
    ]);
    expect(back.variables.map((v) => [v.name, v.type])).toEqual([
      ['Rol', 'Text'],
      ['Aantal plaatsingen', 'Float'],
      ['Startdatum', 'Date'],
    ]);
    expect(back.cases[0]).toMatchObject({ name: 'O-01', sourceRefs: [stableGuid('source', 'd1')] });
    expect(back.cases[0].values.map((v) => [v.kind, v.value])).toEqual([
      ['Text', 'parent'],
      ['Float', '2.5'],
      ['Date', '2024-03-01'],
    ]);
    const src = back.sources[0];
    expect(src.plainTextPath).toBe(`internal://${src.guid}.txt`);
    expect(sources.get(`${src.guid}.txt`)).toBe(TEXT);
    // one selection for one passage, two codings by two coders on it
    expect(src.selections).toHaveLength(1);
    expect(src.selections[0]).toMatchObject({ start: 28, end: 35, name: cpSlice(TEXT, 28, 35) });
    expect(src.selections[0].codings.map((c) => c.creatingUser)).toEqual([stableGuid('user', 'u1'), stableGuid('user', 'u2')]);
    expect(back.sources[1].selections[0].codings[0].creatingUser).toBe(stableGuid('user', 'consensus'));
    expect(back.notes.map((n) => n.content)).toEqual(['Memo bij knelpunten', 'Let op het emoji', 'Documentmemo']);
    expect(back.sets.map((s) => [s.name, s.sources.length])).toEqual([
      ['Transcripten', 1],
      ['Antwoorden enquête', 1],
    ]);
    // stable: a second export is byte for byte the same
    expect(writeProject(studyToProject(study()).project)).toBe(xml);
  });

  it('validates against Project.xsd, and the codebook against Codebook.xsd', async () => {
    const { project } = studyToProject(study());
    expect(await xsdErrors(writeProject(project), 'Project.xsd')).toEqual([]);
    const qdc = writeCodebook(codebookOf(study(), 'Terug naar huis'));
    expect(await xsdErrors(qdc, 'Codebook.xsd')).toEqual([]);
    expect(parseCodebook(qdc).codes[0].children[0].name).toBe('Communicatie');
    // an empty project too (no empty collections are written)
    expect(await xsdErrors(writeProject(studyToProject({ ...study(), users: [], codes: [], variables: [], participants: [], documents: [], codings: [] }).project), 'Project.xsd')).toEqual([]);
  }, 60_000);

  it('the XSD check catches an invalid file (the validator works)', async () => {
    expect((await xsdErrors('<Project xmlns="urn:QDA-XML:project:1.0"><Sets/></Project>', 'Project.xsd')).length).toBeGreaterThan(0);
  }, 60_000);

  it('round-trips through .qdpx: texts, selections and codings come back the same', () => {
    const { project, sources } = studyToProject(study());
    const zip = writeQdpx(writeProject(project), sources);
    const c = readQdpx(zip);
    expect(c.warnings).toEqual([]);
    const p = planImport(parseProject(c.xml), { file: (x) => resolveInternal(c, x), maxTextChars: 1_000_000, kindSets: KIND_SETS });
    expect(p.skipped).toEqual([]);
    expect(p.codes.map((x) => [x.path.join('/'), x.color, x.description, x.memo])).toEqual([
      ['Knelpunten', '#cc3333', 'Wat niet goed ging', 'Memo bij knelpunten'],
      ['Knelpunten/Communicatie', '#ee6666', '', ''],
      ['Goede praktijken', '#33aa33', '', ''],
    ]);
    expect(p.sources.map((s) => [s.name, s.text, s.kind, s.memo])).toEqual([
      ['Interview O-01', TEXT, 'transcript', 'Documentmemo'],
      ['Antwoord 7', 'Het was goed.', 'survey_answer', ''],
    ]);
    expect(p.sources[0].codings.map((x) => [x.start, x.end, x.memo, x.userGuid])).toEqual([
      [28, 35, 'Let op het emoji', stableGuid('user', 'u1')],
      [28, 35, '', stableGuid('user', 'u2')],
    ]);
    expect(p.cases[0]).toMatchObject({ name: 'O-01', sourceGuids: [stableGuid('source', 'd1')] });
    expect(p.notes).toBe(3);
  });
});

describe('reading the example project of the specification', () => {
  it('parses shared/refi-qda/example-project.qde and plans it with a text of the right length', async () => {
    const xml = refiFile('example-project.qde');
    expect(await xsdErrors(xml, 'Project.xsd')).toEqual([]);
    const p = parseProject(xml);
    expect({ users: p.users.length, codes: p.codes.length, sub: p.codes[0].children.length, variables: p.variables.length, cases: p.cases.length, sources: p.sources.length, notes: p.notes.length, sets: p.sets.length }).toEqual({
      users: 2,
      codes: 2,
      sub: 1,
      variables: 2,
      cases: 1,
      sources: 1,
      notes: 1,
      sets: 1,
    });
    const text = `${'x'.repeat(120)}Ik wist niet wie ik moest bellen en verder.`;
    const plan1 = plan(xml, { [`sources/${S1}.txt`]: text });
    expect(plan1.codes.map((c) => c.path.join('/'))).toEqual(['Knelpunten', 'Knelpunten/Communicatie met jeugdzorg', 'Goede praktijken']);
    expect(plan1.codes[0].color).toBe('#cc3333');
    expect(plan1.sources[0].codings).toEqual([{ codeKey: 'knelpunten\u0000communicatie met jeugdzorg', start: 120, end: 152, userGuid: U1, memo: 'Kind ervaart onduidelijkheid over contactpersoon.' }]);
    expect(cpSlice(text, 120, 152)).toBe('Ik wist niet wie ik moest bellen');
    expect(plan1.cases[0].values.map((v) => [v.name, v.type, v.value])).toEqual([
      ['Rol', 'Text', 'kind'],
      ['Leeftijd', 'Integer', '14'],
    ]);
    expect(plan1.notes).toBe(1);
    // the set of sources and the variable on the source are reported, not silently dropped
    expect(plan1.skipped.map((s) => s.kind).sort()).toEqual(['set', 'variabele']);
    // without its text file the source is skipped, with the reason
    const bare = plan(xml);
    expect(bare.sources).toEqual([]);
    expect(bare.skipped.find((s) => s.kind === 'bron')?.reason).toMatch(/ontbreekt in het archief \(1 codering niet overgenomen\)/);
  }, 60_000);
});

describe('tolerant import (one fixture per known deviation)', () => {
  const sel = (start: number, end: number, name = '', code = C1) =>
    `<PlainTextSelection guid="eeeeeeee-0000-4000-8000-00000000${String(start).padStart(4, '0')}" ${name ? `name="${name}" ` : ''}startPosition="${start}" endPosition="${end}" creatingUser="${U1}"><Coding guid="ffffffff-0000-4000-8000-00000000${String(end).padStart(4, '0')}" creatingUser="${U1}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`;
  const src = (sels: string, attrs = `plainTextPath="internal://${S1}.txt"`) => `<TextSource guid="${S1}" name="Interview" ${attrs}>${sels}</TextSource>`;

  it('a BOM at the start of the source text is removed; positions count without it', () => {
    const p = plan(fixture(src(sel(0, 3, 'Hoi'))), { [`sources/${S1}.txt`]: '\uFEFFHoi daar' });
    expect(p.sources[0].text).toBe('Hoi daar');
    expect(p.sources[0].codings[0]).toMatchObject({ start: 0, end: 3 });
    expect(p.warnings.join(' ')).toMatch(/BOM/);
  });

  it('CRLF: positions counted with CR (MAXQDA, NVivo) are mapped onto the LF text', () => {
    const raw = 'R: eerste regel\r\nR: tweede regel\r\nR: derde';
    // "tweede" at UTF-16/code point 20 in the CRLF file, 19 in the LF text
    const p = plan(fixture(src(sel(20, 26, 'tweede'))), { [`sources/${S1}.txt`]: raw });
    expect(p.sources[0].text).toBe('R: eerste regel\nR: tweede regel\nR: derde');
    expect(cpSlice(p.sources[0].text, p.sources[0].codings[0].start, p.sources[0].codings[0].end)).toBe('tweede');
    expect(p.warnings.join(' ')).toMatch(/CRLF/);
  });

  it('CRLF with positions counted as if LF (ATLAS.ti): the quotes decide, else the origin', () => {
    const raw = 'R: eerste regel\r\nR: tweede regel\r\nR: derde';
    const byQuote = plan(fixture(src(sel(19, 25, 'tweede'))), { [`sources/${S1}.txt`]: raw });
    expect(cpSlice(byQuote.sources[0].text, byQuote.sources[0].codings[0].start, byQuote.sources[0].codings[0].end)).toBe('tweede');
    const byOrigin = plan(fixture(src(sel(19, 25)), 'ATLAS'), { [`sources/${S1}.txt`]: raw });
    expect(cpSlice(byOrigin.sources[0].text, byOrigin.sources[0].codings[0].start, byOrigin.sources[0].codings[0].end)).toBe('tweede');
  });

  it('a project file named after the project (ATLAS.ti) is read, with a warning', () => {
    const xml = fixture(src(sel(0, 3)));
    const zip = zipSync({ 'Mijn project.qde': new TextEncoder().encode(xml), [`sources/${S1}.txt`]: new TextEncoder().encode('Hoi daar') });
    const c = readQdpx(zip);
    expect(c.qdeName).toBe('Mijn project.qde');
    expect(c.warnings[0]).toMatch(/in plaats van "project.qde"/);
    expect(resolveInternal(c, `internal://${S1}.txt`)).toBeDefined();
  });

  it('memos in Description elements (ATLAS.ti, QualCoder) become code descriptions, document and coding memos', () => {
    const s = `<TextSource guid="${S1}" name="Interview"><Description>Memo bij de bron</Description><PlainTextContent>Hoi daar</PlainTextContent>
      <PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000001" startPosition="0" endPosition="3"><Description>Memo bij het fragment</Description>
      <Coding guid="ffffffff-0000-4000-8000-000000000001"><CodeRef targetGUID="${C1}"/></Coding></PlainTextSelection></TextSource>`;
    const p = plan(fixture(s));
    expect(p.codes[0].description).toBe('Memo als beschrijving');
    expect(p.sources[0].memo).toBe('Memo bij de bron');
    expect(p.sources[0].codings[0].memo).toBe('Memo bij het fragment');
    expect(p.notes).toBe(2);
  });

  it('empty <Sets/> (Taguette) is accepted, in a project and in a codebook', () => {
    const p = plan(fixture(src(sel(0, 3)), '<Sets/>'), { [`sources/${S1}.txt`]: 'Hoi daar' });
    expect(p.skipped).toEqual([]);
    const cb = parseCodebook(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette"><Codes><Code guid="${C1}" name="a" isCodable="true"/></Codes><Sets/></CodeBook>`);
    expect(cb.codes).toHaveLength(1);
    expect(cb.sets).toEqual([]);
  });

  it('new GUIDs on every export: two exports of the same project plan the same codes (by path) and texts', () => {
    const a = plan(fixture(src(sel(0, 3))), { [`sources/${S1}.txt`]: 'Hoi daar' });
    const other = fixture(src(sel(0, 3)))
      .replaceAll(C1, '{9AAAAAAA-0000-4000-8000-000000000001}')
      .replace(`targetGUID="{9AAAAAAA-0000-4000-8000-000000000001}"`, 'targetGUID="9aaaaaaa-0000-4000-8000-000000000001"');
    const b = plan(other, { [`sources/${S1}.txt`]: 'Hoi daar' });
    expect(b.codes.map((c) => c.key)).toEqual(a.codes.map((c) => c.key));
    expect(b.sources[0].codings.map((c) => c.codeKey)).toEqual(a.sources[0].codings.map((c) => c.codeKey));
    // "A::B" names (ATLAS.ti) become a hierarchy
    expect(a.codes.map((c) => c.path.join('/'))).toEqual(['Knelpunten', 'Thema', 'Thema/Sub']);
  });

  it('sources stored only as rich text (docx) are skipped and reported', () => {
    const p = plan(fixture(src(sel(0, 3), `richTextPath="internal://${S1}.docx"`)));
    expect(p.sources).toEqual([]);
    expect(p.skipped[0]).toMatchObject({ kind: 'bron', name: 'Interview' });
    expect(p.skipped[0].reason).toMatch(/opgemaakte tekst \(docx\).*1 codering niet overgenomen/);
  });

  it('PDF, picture, audio and video sources are skipped and reported', () => {
    const others = `<PDFSource guid="${C2.replace('aaaa', 'bbbb')}" name="Dossier.pdf"><PDFSelection guid="${U1.replace('1111', '2222')}" page="1" firstX="0" firstY="0" secondX="1" secondY="1"><Coding guid="${U1.replace('1111', '3333')}"><CodeRef targetGUID="${C1}"/></Coding></PDFSelection></PDFSource>
      <PictureSource guid="${C2.replace('aaaa', 'cccc')}" name="Foto"/><AudioSource guid="${C2.replace('aaaa', 'dddd')}" name="Opname"/><VideoSource guid="${C2.replace('aaaa', 'eeee')}" name="Film"/>`;
    const p = plan(fixture(others));
    expect(p.skipped.map((s) => s.name)).toEqual(['Dossier.pdf', 'Foto', 'Opname', 'Film']);
    expect(p.skipped[0].reason).toMatch(/een PDF.*1 codering niet overgenomen/);
    expect(p.skipped[2].reason).toMatch(/geluidsopname/);
  });

  it('selections outside the text, empty or without positions are skipped and reported; the rest is kept', () => {
    const p = plan(fixture(src(sel(0, 3) + sel(5, 500) + sel(4, 4) + sel(1, 2, '', 'aaaaaaaa-0000-4000-8000-00000000ffff'))), { [`sources/${S1}.txt`]: 'Hoi daar' });
    expect(p.sources[0].codings).toHaveLength(1);
    expect(p.skipped.map((s) => s.kind)).toEqual(['fragment', 'fragment', 'codering']);
    expect(p.skipped[0].reason).toMatch(/valt buiten de tekst van 8 tekens; 1 codering niet overgenomen/);
    expect(p.skipped[1].reason).toMatch(/is leeg/);
    expect(p.skipped[2].reason).toMatch(/code die niet in het codeboek staat/);
  });

  it('code points, not UTF-16 units: an emoji before a selection counts as one', () => {
    const text = '😀 Hoi daar';
    const p = plan(fixture(src(sel(2, 5, 'Hoi'))), { [`sources/${S1}.txt`]: text });
    expect(cpSlice(text, p.sources[0].codings[0].start, p.sources[0].codings[0].end)).toBe('Hoi');
    expect(cpLength(text)).toBe(p.sources[0].length);
  });

  it('refuses what is not a .qdpx: not a zip, or a zip without a .qde; bad XML is a clear error', () => {
    expect(() => readQdpx(new TextEncoder().encode('geen zip'))).toThrow(RefiError);
    expect(() => readQdpx(new TextEncoder().encode('geen zip'))).toThrow(/geen \.qdpx-archief/);
    expect(() => readQdpx(zipSync({ 'sources/a.txt': new Uint8Array([65]) }))).toThrow(/geen projectbestand/);
    expect(() => parseProject('<Project')).toThrow(/geen geldige XML/);
    expect(() => parseProject('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')).toThrow(/codeboek/);
  });
});
