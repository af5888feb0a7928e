/**
 * QDA-XML ↔ the plain model: a small streaming writer (element order exactly as the XSD sequences demand) and a
 * tolerant reader on fast-xml-parser (namespace prefixes dropped, unknown elements ignored, empty <Sets/> accepted,
 * missing optional parts left out).
 */
import { XMLParser } from 'fast-xml-parser';
import {
  RefiError,
  VARIABLE_TYPES,
  type RefiCase,
  type RefiCode,
  type RefiCodebook,
  type RefiCoding,
  type RefiNote,
  type RefiOtherSource,
  type RefiProject,
  type RefiSelection,
  type RefiSet,
  type RefiTextSource,
  type RefiVariableValue,
  type VariableType,
} from './model';

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

// ---- writing ----------------------------------------------------------------------------------------------

/** Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** A tiny XML writer: parts are pushed into an array and joined once. */
class Writer {
  readonly out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  private depth = 0;

  private attrs(a: Record<string, string | number | boolean | undefined | null>): string {
    let s = '';
    for (const [k, v] of Object.entries(a)) if (v !== undefined && v !== null && v !== '') s += ` ${k}="${escapeAttr(String(v))}"`;
    return s;
  }
  open(name: string, a: Record<string, string | number | boolean | undefined | null> = {}) {
    this.out.push(`${'  '.repeat(this.depth)}<${name}${this.attrs(a)}>\n`);
    this.depth++;
  }
  close(name: string) {
    this.depth--;
    this.out.push(`${'  '.repeat(this.depth)}</${name}>\n`);
  }
  empty(name: string, a: Record<string, string | number | boolean | undefined | null> = {}) {
    this.out.push(`${'  '.repeat(this.depth)}<${name}${this.attrs(a)}/>\n`);
  }
  text(name: string, value: string | undefined | null) {
    if (value === undefined || value === null || value === '') return;
    this.out.push(`${'  '.repeat(this.depth)}<${name}>${escapeText(value)}</${name}>\n`);
  }
  toString() {
    return this.out.join('');
  }
}

function writeCode(w: Writer, c: RefiCode) {
  const a = { guid: c.guid, name: c.name, isCodable: c.isCodable ? 'true' : 'false', color: c.color };
  if (!c.description && c.noteRefs.length === 0 && c.children.length === 0) return w.empty('Code', a);
  w.open('Code', a);
  w.text('Description', c.description);
  for (const n of c.noteRefs) w.empty('NoteRef', { targetGUID: n });
  for (const child of c.children) writeCode(w, child);
  w.close('Code');
}

function writeValue(w: Writer, v: RefiVariableValue) {
  w.open('VariableValue');
  w.empty('VariableRef', { targetGUID: v.variableGuid });
  w.text(`${v.kind}Value`, v.value);
  w.close('VariableValue');
}

function writeCoding(w: Writer, c: RefiCoding) {
  w.open('Coding', { guid: c.guid, creatingUser: c.creatingUser, creationDateTime: c.creationDateTime });
  w.empty('CodeRef', { targetGUID: c.codeRef });
  for (const n of c.noteRefs) w.empty('NoteRef', { targetGUID: n });
  w.close('Coding');
}

function writeSelection(w: Writer, s: RefiSelection) {
  w.open('PlainTextSelection', { guid: s.guid, name: s.name, startPosition: s.start, endPosition: s.end, creatingUser: s.creatingUser, creationDateTime: s.creationDateTime });
  w.text('Description', s.description);
  for (const c of s.codings) writeCoding(w, c);
  for (const n of s.noteRefs) w.empty('NoteRef', { targetGUID: n });
  w.close('PlainTextSelection');
}

function writeTextSource(w: Writer, tag: string, s: RefiTextSource | RefiNote) {
  const src = s as Partial<RefiTextSource> & RefiNote;
  w.open(tag, {
    guid: s.guid,
    name: s.name,
    richTextPath: src.richTextPath,
    plainTextPath: s.content === undefined ? s.plainTextPath : undefined,
    creatingUser: s.creatingUser,
    creationDateTime: s.creationDateTime,
  });
  w.text('Description', src.description);
  if (s.content !== undefined) w.out.push(`<PlainTextContent>${escapeText(s.content)}</PlainTextContent>\n`);
  for (const sel of src.selections ?? []) writeSelection(w, sel);
  for (const c of src.codings ?? []) writeCoding(w, c);
  for (const n of src.noteRefs ?? []) w.empty('NoteRef', { targetGUID: n });
  for (const v of src.values ?? []) writeValue(w, v);
  w.close(tag);
}

/** project.qde as text. Empty collections are left out (the XSD wants at least one child in each). */
export function writeProject(p: RefiProject): string {
  const w = new Writer();
  w.open('Project', { xmlns: PROJECT_NS, name: p.name, origin: p.origin, creatingUserGUID: p.creatingUserGUID, creationDateTime: p.creationDateTime });
  if (p.users.length) {
    w.open('Users');
    for (const u of p.users) w.empty('User', { guid: u.guid, name: u.name, id: u.id });
    w.close('Users');
  }
  if (p.codes.length) {
    w.open('CodeBook');
    w.open('Codes');
    for (const c of p.codes) writeCode(w, c);
    w.close('Codes');
    w.close('CodeBook');
  }
  if (p.variables.length) {
    w.open('Variables');
    for (const v of p.variables) {
      if (v.description) {
        w.open('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type });
        w.text('Description', v.description);
        w.close('Variable');
      } else w.empty('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type });
    }
    w.close('Variables');
  }
  if (p.cases.length) {
    w.open('Cases');
    for (const c of p.cases) {
      w.open('Case', { guid: c.guid, name: c.name });
      w.text('Description', c.description);
      for (const r of c.codeRefs) w.empty('CodeRef', { targetGUID: r });
      for (const v of c.values) writeValue(w, v);
      for (const r of c.sourceRefs) w.empty('SourceRef', { targetGUID: r });
      for (const r of c.selectionRefs) w.empty('SelectionRef', { targetGUID: r });
      w.close('Case');
    }
    w.close('Cases');
  }
  if (p.sources.length) {
    w.open('Sources');
    for (const s of p.sources) writeTextSource(w, 'TextSource', s);
    w.close('Sources');
  }
  if (p.notes.length) {
    w.open('Notes');
    for (const n of p.notes) writeTextSource(w, 'Note', n);
    w.close('Notes');
  }
  const sets = p.sets.filter((s) => s.codes.length || s.sources.length || s.notes.length || s.description);
  if (sets.length) {
    w.open('Sets');
    for (const s of sets) {
      w.open('Set', { guid: s.guid, name: s.name });
      w.text('Description', s.description);
      for (const r of s.codes) w.empty('MemberCode', { targetGUID: r });
      for (const r of s.sources) w.empty('MemberSource', { targetGUID: r });
      for (const r of s.notes) w.empty('MemberNote', { targetGUID: r });
      w.close('Set');
    }
    w.close('Sets');
  }
  w.text('Description', p.description);
  for (const n of p.noteRefs) w.empty('NoteRef', { targetGUID: n });
  w.close('Project');
  return w.toString();
}

function writeCodebookCode(w: Writer, c: RefiCode) {
  const a = { guid: c.guid, name: c.name, isCodable: c.isCodable ? 'true' : 'false', color: c.color };
  if (!c.description && c.children.length === 0) return w.empty('Code', a);
  w.open('Code', a);
  w.text('Description', c.description);
  for (const child of c.children) writeCodebookCode(w, child);
  w.close('Code');
}

/** A .qdc codebook as text (no Sets element when there are no sets: an empty one does not validate). */
export function writeCodebook(cb: RefiCodebook): string {
  const w = new Writer();
  w.open('CodeBook', { xmlns: CODEBOOK_NS, origin: cb.origin });
  w.open('Codes');
  for (const c of cb.codes) writeCodebookCode(w, c);
  w.close('Codes');
  if (cb.sets.length) {
    w.open('Sets');
    for (const s of cb.sets) {
      w.open('Set', { guid: s.guid, name: s.name });
      w.text('Description', s.description);
      for (const g of s.codes) w.empty('MemberCode', { guid: g });
      w.close('Set');
    }
    w.close('Sets');
  }
  w.close('CodeBook');
  return w.toString();
}

// ---- reading ----------------------------------------------------------------------------------------------

const ARRAYS = new Set([
  'User',
  'Code',
  'Variable',
  'Case',
  'VariableValue',
  'CodeRef',
  'SourceRef',
  'SelectionRef',
  'NoteRef',
  'TextSource',
  'PDFSource',
  'PictureSource',
  'AudioSource',
  'VideoSource',
  'PlainTextSelection',
  'PDFSelection',
  'PictureSelection',
  'AudioSelection',
  'VideoSelection',
  'Coding',
  'Note',
  'Set',
  'MemberCode',
  'MemberSource',
  'MemberNote',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, unknown>;

const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const attr = (n: Node, name: string): string | undefined => {
  const v = n[`@${name}`];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
};
/** The text of an element (a string, or '#text' of an element with attributes); undefined when absent. */
function textOf(v: unknown): string | undefined {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object') {
    const t = (v as Node)['#text'];
    return typeof t === 'string' ? t : typeof t === 'number' ? String(t) : '';
  }
  return undefined;
}
const trimmed = (v: unknown): string | undefined => {
  const t = textOf(v)?.trim();
  return t ? t : undefined;
};
const refs = (n: Node, tag: string, a = 'targetGUID'): string[] =>
  arr(n[tag])
    .map((r) => normaliseGuid(attr(r, a) ?? ''))
    .filter(Boolean);

/** GUIDs compare case-insensitively and may be written in braces. */
export function normaliseGuid(g: string): string {
  return g.trim().replace(/^\{|\}$/g, '').toLowerCase();
}

function parseXml(xml: string): Node {
  try {
    return parser.parse(xml.replace(/^\uFEFF/, ''), true) as Node;
  } catch (e) {
    const detail = e && typeof e === 'object' && 'err' in e ? String((e as { err: { msg?: string } }).err?.msg ?? '') : e instanceof Error ? e.message : '';
    throw new RefiError('bad_xml', `Het projectbestand is geen geldige XML${detail ? ` (${detail.slice(0, 200)})` : ''}.`);
  }
}

const int = (v: string | undefined): number => (v !== undefined && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : NaN);

function parseCode(n: Node): RefiCode {
  return {
    guid: normaliseGuid(attr(n, 'guid') ?? ''),
    name: (attr(n, 'name') ?? '').trim(),
    isCodable: (attr(n, 'isCodable') ?? 'true').trim() !== 'false' && (attr(n, 'isCodable') ?? '').trim() !== '0',
    color: attr(n, 'color')?.trim() || undefined,
    description: trimmed(n.Description),
    noteRefs: refs(n, 'NoteRef'),
    children: arr(n.Code).map(parseCode),
  };
}

function parseValues(n: Node): RefiVariableValue[] {
  const out: RefiVariableValue[] = [];
  for (const v of arr(n.VariableValue)) {
    const ref = normaliseGuid(attr(obj(v.VariableRef), 'targetGUID') ?? '');
    for (const kind of VARIABLE_TYPES) {
      const t = textOf(v[`${kind}Value`]);
      if (t !== undefined) {
        out.push({ variableGuid: ref, kind, value: t.trim() });
        break;
      }
    }
  }
  return out;
}

function parseCoding(n: Node): RefiCoding {
  return {
    guid: normaliseGuid(attr(n, 'guid') ?? ''),
    codeRef: normaliseGuid(attr(obj(arr(n.CodeRef)[0]), 'targetGUID') ?? ''),
    creatingUser: attr(n, 'creatingUser') ? normaliseGuid(attr(n, 'creatingUser')!) : undefined,
    creationDateTime: attr(n, 'creationDateTime'),
    noteRefs: refs(n, 'NoteRef'),
  };
}

function parseTextSource(n: Node): RefiTextSource {
  const content = textOf(n.PlainTextContent);
  return {
    guid: normaliseGuid(attr(n, 'guid') ?? ''),
    name: attr(n, 'name'),
    description: trimmed(n.Description),
    content,
    plainTextPath: attr(n, 'plainTextPath')?.trim() || undefined,
    richTextPath: attr(n, 'richTextPath')?.trim() || undefined,
    creatingUser: attr(n, 'creatingUser') ? normaliseGuid(attr(n, 'creatingUser')!) : undefined,
    creationDateTime: attr(n, 'creationDateTime'),
    selections: arr(n.PlainTextSelection).map(
      (s): RefiSelection => ({
        guid: normaliseGuid(attr(s, 'guid') ?? ''),
        name: attr(s, 'name'),
        description: trimmed(s.Description),
        start: int(attr(s, 'startPosition')),
        end: int(attr(s, 'endPosition')),
        creatingUser: attr(s, 'creatingUser') ? normaliseGuid(attr(s, 'creatingUser')!) : undefined,
        creationDateTime: attr(s, 'creationDateTime'),
        codings: arr(s.Coding).map(parseCoding),
        noteRefs: refs(s, 'NoteRef'),
      }),
    ),
    codings: arr(n.Coding).map(parseCoding),
    noteRefs: refs(n, 'NoteRef'),
    values: parseValues(n),
  };
}

function parseOther(kind: RefiOtherSource['kind'], n: Node): RefiOtherSource {
  const selTag = { PDFSource: 'PDFSelection', PictureSource: 'PictureSelection', AudioSource: 'AudioSelection', VideoSource: 'VideoSelection' }[kind];
  const sels = arr(n[selTag]);
  return {
    guid: normaliseGuid(attr(n, 'guid') ?? ''),
    name: attr(n, 'name'),
    kind,
    selections: sels.length,
    codings: arr(n.Coding).length + sels.reduce((k, s) => k + arr(s.Coding).length, 0),
  };
}

/** Reads project.qde. Throws RefiError for text that is not XML or has no Project root. */
export function parseProject(xml: string): RefiProject {
  const doc = parseXml(xml);
  const p = doc.Project;
  if (!('Project' in doc)) {
    throw new RefiError('not_refi', 'CodeBook' in doc ? 'Dit is een codeboek (.qdc), geen project (.qde).' : 'Het bestand is geen REFI-QDA-project: het element <Project> ontbreekt.');
  }
  const root = obj(p);
  const sources = obj(root.Sources);
  const codes = arr(obj(obj(root.CodeBook).Codes).Code).map(parseCode);
  return {
    name: attr(root, 'name') ?? '',
    origin: attr(root, 'origin'),
    creatingUserGUID: attr(root, 'creatingUserGUID'),
    creationDateTime: attr(root, 'creationDateTime'),
    users: arr(obj(root.Users).User).map((u) => ({ guid: normaliseGuid(attr(u, 'guid') ?? ''), name: attr(u, 'name'), id: attr(u, 'id') })),
    codes,
    variables: arr(obj(root.Variables).Variable).map((v) => {
      const t = (attr(v, 'typeOfVariable') ?? 'Text').trim();
      return { guid: normaliseGuid(attr(v, 'guid') ?? ''), name: (attr(v, 'name') ?? '').trim(), type: (VARIABLE_TYPES.includes(t as VariableType) ? t : 'Text') as VariableType, description: trimmed(v.Description) };
    }),
    cases: arr(obj(root.Cases).Case).map(
      (c): RefiCase => ({
        guid: normaliseGuid(attr(c, 'guid') ?? ''),
        name: attr(c, 'name')?.trim(),
        description: trimmed(c.Description),
        codeRefs: refs(c, 'CodeRef'),
        values: parseValues(c),
        sourceRefs: refs(c, 'SourceRef'),
        selectionRefs: refs(c, 'SelectionRef'),
      }),
    ),
    sources: arr(sources.TextSource).map(parseTextSource),
    otherSources: (['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'] as const).flatMap((k) => arr(sources[k]).map((n) => parseOther(k, n))),
    notes: arr(obj(root.Notes).Note).map((n) => {
      const s = parseTextSource(n);
      return { guid: s.guid, name: s.name, content: s.content, plainTextPath: s.plainTextPath, creatingUser: s.creatingUser, creationDateTime: s.creationDateTime };
    }),
    sets: arr(obj(root.Sets).Set).map(
      (s): RefiSet => ({
        guid: normaliseGuid(attr(s, 'guid') ?? ''),
        name: (attr(s, 'name') ?? '').trim(),
        description: trimmed(s.Description),
        codes: refs(s, 'MemberCode'),
        sources: refs(s, 'MemberSource'),
        notes: refs(s, 'MemberNote'),
      }),
    ),
    description: trimmed(root.Description),
    noteRefs: refs(root, 'NoteRef'),
  };
}

/** Reads a .qdc codebook (or the codebook of a project file, so that either can be offered). */
export function parseCodebook(xml: string): RefiCodebook {
  const doc = parseXml(xml);
  if ('Project' in doc && !('CodeBook' in doc)) {
    const p = parseProject(xml);
    return { origin: p.origin, codes: p.codes, sets: p.sets.filter((s) => s.codes.length).map((s) => ({ guid: s.guid, name: s.name, description: s.description, codes: s.codes })) };
  }
  const cb = doc.CodeBook;
  if (!('CodeBook' in doc)) throw new RefiError('not_refi', 'Het bestand is geen REFI-QDA-codeboek: het element <CodeBook> ontbreekt.');
  const root = obj(cb);
  return {
    origin: attr(root, 'origin'),
    codes: arr(obj(root.Codes).Code).map(parseCode),
    sets: arr(obj(root.Sets).Set).map((s) => ({
      guid: normaliseGuid(attr(s, 'guid') ?? ''),
      name: (attr(s, 'name') ?? '').trim(),
      description: trimmed(s.Description),
      // .qdc: MemberCode@guid; some tools write the project form @targetGUID
      codes: arr(s.MemberCode)
        .map((m) => normaliseGuid(attr(m, 'guid') ?? attr(m, 'targetGUID') ?? ''))
        .filter(Boolean),
    })),
  };
}
