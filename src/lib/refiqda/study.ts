/**
 * A study ↔ a REFI-QDA project, without database: `studyToProject` maps plain study data (codes, documents with
 * their texts, codings, participants with variables, memos, coders) to the model with stable GUIDs;
 * `planImport` reads a parsed project tolerantly into an import plan (normalised texts, code-point selections on
 * them, code paths, cases, memos) plus the list of what was skipped and why (Dutch), which the service writes.
 */
import { normaliseText } from '../transcripts/normalise';
import { CodePointIndex, cpLength } from '../text/codepoints';
import { stableGuid } from './guid';
import type { RefiCode, RefiCodebook, RefiCoding, RefiNote, RefiProject, RefiSelection, RefiTextSource, RefiVariableValue, VariableType } from './model';
import { emptyProject } from './model';
import { decodeText } from './qdpx';

// ---- export -----------------------------------------------------------------------------------------------

export interface StudyCode {
  id: string;
  parentId: string | null;
  name: string;
  description: string;
  color: string;
  memo: string;
  position: number;
}

export interface StudyData {
  name: string;
  origin: string;
  createdAt?: string;
  users: { id: string; name: string; email?: string }[];
  codes: StudyCode[];
  /** participant attributes and study variables, by name */
  variables: { name: string; type: 'text' | 'number' | 'date' | 'choice'; description?: string }[];
  participants: { id: string; code: string; values: Record<string, string> }[];
  documents: { id: string; title: string; kind: string; participantId: string | null; memo: string; text: string; createdBy: string | null; createdAt?: string }[];
  codings: { id: string; documentId: string; codeId: string; start: number; end: number; coderId: string | null; memo: string; createdAt?: string; consensus?: boolean }[];
  /** the name of the set of each document kind */
  kindNames: Record<string, string>;
  /** further sets of documents (e.g. the documents assigned to a coder) */
  sets?: { key: string; name: string; documentIds: string[] }[];
}

export const CONSENSUS_USER = { id: 'consensus', name: 'Consensus' };

/** A decimal in plain notation (xsd:decimal has no exponent). */
export function toDecimal(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

const QUOTE_MAX = 1_000;

export function studyToProject(d: StudyData): { project: RefiProject; sources: Map<string, string> } {
  const p = emptyProject(d.name);
  p.origin = d.origin;
  p.creationDateTime = d.createdAt;
  const userGuid = new Map<string, string>();
  for (const u of d.users) {
    const guid = stableGuid('user', u.id);
    userGuid.set(u.id, guid);
    p.users.push({ guid, name: u.name, id: u.email });
  }
  if (d.codings.some((c) => c.consensus)) {
    const guid = stableGuid('user', CONSENSUS_USER.id);
    userGuid.set(CONSENSUS_USER.id, guid);
    p.users.push({ guid, name: CONSENSUS_USER.name });
  }
  const noteOf = (kind: string, id: string, name: string, text: string, creatingUser?: string): string | null => {
    if (!text) return null;
    const guid = stableGuid(`note-${kind}`, id);
    p.notes.push({ guid, name, content: text, creatingUser });
    return guid;
  };

  // codebook: a tree in position order
  const codeGuid = new Map(d.codes.map((c) => [c.id, stableGuid('code', c.id)]));
  const byParent = new Map<string | null, StudyCode[]>();
  for (const c of d.codes) {
    const parent = c.parentId && codeGuid.has(c.parentId) ? c.parentId : null;
    const list = byParent.get(parent);
    if (list) list.push(c);
    else byParent.set(parent, [c]);
  }
  const tree = (parent: string | null): RefiCode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'nl'))
      .map((c) => {
        const note = noteOf('code', c.id, `Memo bij code ${c.name}`, c.memo);
        return { guid: codeGuid.get(c.id)!, name: c.name, isCodable: true, color: normaliseColor(c.color), description: c.description || undefined, noteRefs: note ? [note] : [], children: tree(c.id) };
      });
  p.codes = tree(null);

  // variables and cases
  const varGuid = new Map(d.variables.map((v) => [v.name, stableGuid('variable', v.name)]));
  const typeOf = new Map(d.variables.map((v) => [v.name, v.type]));
  for (const v of d.variables) p.variables.push({ guid: varGuid.get(v.name)!, name: v.name, type: refiType(v.type), description: v.description });
  const caseGuid = new Map(d.participants.map((x) => [x.id, stableGuid('case', x.id)]));

  // sources, selections, codings
  const codingsByDoc = new Map<string, StudyData['codings']>();
  for (const c of d.codings) {
    const list = codingsByDoc.get(c.documentId);
    if (list) list.push(c);
    else codingsByDoc.set(c.documentId, [c]);
  }
  const sources = new Map<string, string>();
  const sourcesOfParticipant = new Map<string, string[]>();
  const sourcesOfKind = new Map<string, string[]>();
  for (const doc of d.documents) {
    const guid = stableGuid('source', doc.id);
    sources.set(`${guid}.txt`, doc.text);
    if (doc.participantId && caseGuid.has(doc.participantId)) sourcesOfParticipant.set(doc.participantId, [...(sourcesOfParticipant.get(doc.participantId) ?? []), guid]);
    sourcesOfKind.set(doc.kind, [...(sourcesOfKind.get(doc.kind) ?? []), guid]);
    const idx = new CodePointIndex(doc.text);
    const spans = new Map<string, StudyData['codings']>();
    for (const c of (codingsByDoc.get(doc.id) ?? []).sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id))) {
      const k = `${c.start}:${c.end}`;
      const list = spans.get(k);
      if (list) list.push(c);
      else spans.set(k, [c]);
    }
    const selections: RefiSelection[] = [];
    for (const list of spans.values()) {
      const { start, end } = list[0];
      const first = list[0];
      const coder = first.consensus ? CONSENSUS_USER.id : first.coderId;
      selections.push({
        guid: stableGuid('selection', `${doc.id}:${start}:${end}`),
        name: idx.slice(start, Math.min(end, start + QUOTE_MAX)),
        start,
        end,
        creatingUser: coder ? userGuid.get(coder) : undefined,
        creationDateTime: first.createdAt,
        noteRefs: [],
        codings: list.map((c): RefiCoding => {
          const who = c.consensus ? CONSENSUS_USER.id : c.coderId;
          const note = noteOf('coding', c.id, `Memo bij codering in ${doc.title}`, c.memo, who ? userGuid.get(who) : undefined);
          return { guid: stableGuid('coding', c.id), codeRef: codeGuid.get(c.codeId)!, creatingUser: who ? userGuid.get(who) : undefined, creationDateTime: c.createdAt, noteRefs: note ? [note] : [] };
        }),
      });
    }
    const docNote = noteOf('document', doc.id, `Memo bij ${doc.title}`, doc.memo);
    const src: RefiTextSource = {
      guid,
      name: doc.title,
      plainTextPath: `internal://${guid}.txt`,
      creatingUser: doc.createdBy ? userGuid.get(doc.createdBy) : undefined,
      creationDateTime: doc.createdAt,
      selections,
      codings: [],
      noteRefs: docNote ? [docNote] : [],
      values: [],
    };
    p.sources.push(src);
  }
  for (const x of d.participants) {
    const values: RefiVariableValue[] = [];
    for (const [name, value] of Object.entries(x.values)) {
      const g = varGuid.get(name);
      if (!g || value === '') continue;
      const kind = refiType(typeOf.get(name)!);
      values.push({ variableGuid: g, kind, value: kind === 'Float' ? toDecimal(Number(value)) : value });
    }
    p.cases.push({ guid: caseGuid.get(x.id)!, name: x.code, codeRefs: [], values, sourceRefs: sourcesOfParticipant.get(x.id) ?? [], selectionRefs: [] });
  }
  for (const [kind, members] of sourcesOfKind) p.sets.push({ guid: stableGuid('set-kind', kind), name: d.kindNames[kind] ?? kind, codes: [], sources: members, notes: [] });
  for (const set of d.sets ?? []) p.sets.push({ guid: stableGuid('set', set.key), name: set.name, codes: [], sources: set.documentIds.map((id) => stableGuid('source', id)), notes: [] });
  return { project: p, sources };
}

function refiType(t: 'text' | 'number' | 'date' | 'choice'): VariableType {
  return t === 'number' ? 'Float' : t === 'date' ? 'Date' : 'Text';
}

/** #rgb or #rrggbb → #rrggbb in lower case; anything else → undefined. */
export function normaliseColor(c: string | undefined): string | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((c ?? '').trim());
  if (!m) return undefined;
  const h = m[1].toLowerCase();
  return `#${h.length === 3 ? [...h].map((x) => x + x).join('') : h}`;
}

export function codebookOf(d: Pick<StudyData, 'codes'>, origin: string): RefiCodebook {
  const { project: p } = studyToProject({ name: '', origin, users: [], codes: d.codes.map((c) => ({ ...c, memo: '' })), variables: [], participants: [], documents: [], codings: [], kindNames: {} });
  return { origin, codes: p.codes, sets: [] };
}

// ---- import plan ------------------------------------------------------------------------------------------

export interface Skipped {
  kind: 'bron' | 'fragment' | 'codering' | 'notitie' | 'casus' | 'set' | 'variabele' | 'code' | 'gebruiker';
  name: string;
  reason: string;
}

export interface PlanCode {
  /** lower-case path joined with NUL: the identity of a code by its place in the tree */
  key: string;
  path: string[];
  parentKey: string | null;
  color?: string;
  description: string;
  memo: string;
}

export interface PlanCoding {
  codeKey: string;
  start: number;
  end: number;
  userGuid: string | null;
  memo: string;
}

export interface PlanSource {
  guid: string;
  name: string;
  text: string;
  length: number;
  memo: string;
  /** the document kind, when the source is in one of our kind sets */
  kind: string | null;
  codings: PlanCoding[];
  selections: number;
}

export interface PlanCase {
  guid: string;
  name: string;
  values: { variableGuid: string; name: string; type: VariableType; value: string }[];
  sourceGuids: string[];
}

export interface ImportPlan {
  name: string;
  origin: string;
  users: { guid: string; name: string; id: string }[];
  codes: PlanCode[];
  variables: { guid: string; name: string; type: VariableType }[];
  cases: PlanCase[];
  sources: PlanSource[];
  /** memos attached to codes, sources or codings */
  notes: number;
  /** the sets of sources that keepSet accepted, with the sources that were imported */
  sets: { name: string; sources: string[] }[];
  skipped: Skipped[];
  warnings: string[];
}

export const codeKey = (path: string[]) => path.map((p) => p.trim().toLocaleLowerCase('nl')).join('\u0000');

const join = (...parts: (string | undefined | null)[]) =>
  parts
    .map((x) => (x ?? '').trim())
    .filter(Boolean)
    .join('\n\n');

/** Flattens a code tree into plan codes by path; ATLAS.ti's "A::B" names become a path too. */
export function flattenCodes(codes: RefiCode[], skipped: Skipped[]): { list: PlanCode[]; byGuid: Map<string, string>; memoRefs: Map<string, string[]> } {
  const list: PlanCode[] = [];
  const seen = new Map<string, PlanCode>();
  const byGuid = new Map<string, string>();
  const memoRefs = new Map<string, string[]>();
  const ensure = (path: string[]): PlanCode => {
    const key = codeKey(path);
    let c = seen.get(key);
    if (!c) {
      c = { key, path, parentKey: path.length > 1 ? ensure(path.slice(0, -1)).key : null, description: '', memo: '' };
      seen.set(key, c);
      list.push(c);
    }
    return c;
  };
  const walk = (cs: RefiCode[], parent: string[]) => {
    for (const code of cs) {
      const parts = code.name
        .split('::')
        .map((x) => x.trim())
        .filter(Boolean)
        .map((x) => x.replace(/\u0000/g, '').slice(0, 120));
      if (parts.length === 0) {
        skipped.push({ kind: 'code', name: code.guid || '(zonder GUID)', reason: 'De code heeft geen naam; zij en haar coderingen zijn niet overgenomen.' });
        continue;
      }
      const path = [...parent, ...parts];
      const c = ensure(path);
      c.color ??= normaliseColor(code.color);
      if (code.description && !c.description) c.description = code.description;
      if (code.guid) byGuid.set(code.guid, c.key);
      if (code.noteRefs.length) memoRefs.set(c.key, [...(memoRefs.get(c.key) ?? []), ...code.noteRefs]);
      walk(code.children, path);
    }
  };
  walk(codes, []);
  return { list, byGuid, memoRefs };
}

export interface PlanOptions {
  /** the file a path of the archive points at (internal://…), or undefined */
  file: (path: string) => Uint8Array | undefined;
  maxTextChars: number;
  /** set name (lower case) → document kind */
  kindSets: Record<string, string>;
  /** sets of sources the caller takes over itself (returned in plan.sets instead of being reported) */
  keepSet?: (name: string) => boolean;
}

/** Offsets counted on the file's text (CRLF = two) mapped onto the normalised text (LF). */
function rawToNormMap(raw: string): Int32Array {
  const n = cpLength(raw);
  const map = new Int32Array(n + 1);
  let at = 0;
  let out = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    map[at] = out;
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length && raw.charCodeAt(i + 1) >= 0xdc00 && raw.charCodeAt(i + 1) <= 0xdfff;
    if (pair) i++;
    at++;
    // a CR directly before an LF disappears; everything else is one code point in the normalised text too
    if (!(c === 0x0d && raw.charCodeAt(i + 1) === 0x0a)) out++;
  }
  map[at] = out;
  return map;
}

export function planImport(project: RefiProject, opts: PlanOptions): ImportPlan {
  const skipped: Skipped[] = [];
  const warnings: string[] = [];
  const { list: codes, byGuid: codeByGuid, memoRefs } = flattenCodes(project.codes, skipped);

  // notes: their text, and which ones end up attached to something
  const noteText = new Map<string, string>();
  const noteByGuid = new Map<string, RefiNote>();
  for (const n of project.notes) {
    noteByGuid.set(n.guid, n);
    let text = n.content;
    if (text === undefined && n.plainTextPath) {
      const bytes = opts.file(n.plainTextPath);
      if (bytes) text = decodeText(bytes);
    }
    if (text !== undefined && normaliseText(text).trim()) noteText.set(n.guid, normaliseText(text).trim());
  }
  const usedNotes = new Set<string>();
  let attached = 0;
  const notesText = (refs: string[]): string => {
    const parts: string[] = [];
    for (const r of refs) {
      const t = noteText.get(r);
      if (t === undefined) continue;
      usedNotes.add(r);
      parts.push(t);
    }
    return parts.join('\n\n');
  };
  for (const c of codes) {
    const memo = notesText(memoRefs.get(c.key) ?? []);
    if (memo) {
      c.memo = join(c.memo, memo);
      attached++;
    }
  }

  const users = project.users.filter((u) => u.guid).map((u) => ({ guid: u.guid, name: (u.name ?? '').trim(), id: (u.id ?? '').trim() }));
  const variables = project.variables.filter((v) => v.guid && v.name);
  const varByGuid = new Map(variables.map((v) => [v.guid, v]));

  // kinds from our own kind sets; sets the caller keeps; other sets are reported
  const kindOf = new Map<string, string>();
  const kept: typeof project.sets = [];
  for (const s of project.sets) {
    const kind = opts.kindSets[s.name.toLocaleLowerCase('nl')];
    if (kind) for (const g of s.sources) kindOf.set(g, kind);
    else if (opts.keepSet?.(s.name)) kept.push(s);
    else if (s.codes.length || s.sources.length || s.notes.length) skipped.push({ kind: 'set', name: s.name, reason: 'Sets (groepen van codes, bronnen of notities) worden niet overgenomen; het platform kent geen sets.' });
  }

  const origin = project.origin ?? '';
  const sources: PlanSource[] = [];
  let withBom = 0;
  let withCrlf = 0;
  for (const s of project.sources) {
    const label = s.name?.trim() || s.guid;
    const selectionCount = s.selections.length;
    const codingCount = s.selections.reduce((k, x) => k + x.codings.length, 0) + s.codings.length;
    const lost = codingCount ? ` (${codingCount} ${codingCount === 1 ? 'codering' : 'coderingen'} niet overgenomen)` : '';
    let raw: string | undefined = s.content;
    if (raw === undefined) {
      if (s.plainTextPath) {
        if (/^internal:\/\//i.test(s.plainTextPath)) {
          const bytes = opts.file(s.plainTextPath);
          if (!bytes) {
            skipped.push({ kind: 'bron', name: label, reason: `Het tekstbestand ${s.plainTextPath} ontbreekt in het archief${lost}.` });
            continue;
          }
          raw = decodeText(bytes);
        } else {
          skipped.push({ kind: 'bron', name: label, reason: `De tekst staat buiten het archief (${s.plainTextPath.split(':')[0]}); alleen bronnen in het archief worden overgenomen${lost}.` });
          continue;
        }
      } else if (s.richTextPath) {
        skipped.push({ kind: 'bron', name: label, reason: `De bron is alleen als opgemaakte tekst (${s.richTextPath.split('.').pop()}) opgeslagen, zonder platte tekst; exporteer het project opnieuw met platte tekst${lost}.` });
        continue;
      } else {
        skipped.push({ kind: 'bron', name: label, reason: `De bron heeft geen tekst${lost}.` });
        continue;
      }
    }
    if (raw.charCodeAt(0) === 0xfeff) {
      withBom++;
      raw = raw.slice(1);
    }
    const text = normaliseText(raw);
    if (text.trim() === '') {
      skipped.push({ kind: 'bron', name: label, reason: `De tekst is leeg${lost}.` });
      continue;
    }
    const length = cpLength(text);
    if (length > opts.maxTextChars) {
      skipped.push({ kind: 'bron', name: label, reason: `De tekst is te lang: ${length.toLocaleString('nl-NL')} tekens, hoogstens ${opts.maxTextChars.toLocaleString('nl-NL')}${lost}.` });
      continue;
    }
    // positions: on the file's text (CRLF counts two) or on the text with LF only (ATLAS.ti)? The quotes decide.
    let map: Int32Array | null = null;
    if (raw !== text) {
      withCrlf++;
      const rawMap = rawToNormMap(raw);
      const normIdx = new CodePointIndex(text);
      const rawIdx = new CodePointIndex(raw);
      let scoreRaw = 0;
      let scoreNorm = 0;
      for (const sel of s.selections) {
        const q = sel.name ? normaliseText(sel.name) : '';
        if (!q || !(sel.end > sel.start)) continue;
        if (sel.end <= rawIdx.length && normaliseText(rawIdx.slice(sel.start, sel.end)).startsWith(q.slice(0, 200))) scoreRaw++;
        if (sel.end <= normIdx.length && normIdx.slice(sel.start, sel.end).startsWith(q.slice(0, 200))) scoreNorm++;
      }
      const useRaw = scoreRaw !== scoreNorm ? scoreRaw > scoreNorm : !/atlas/i.test(origin);
      if (useRaw) map = rawMap;
    }
    const conv = (x: number) => (map ? (x >= 0 && x < map.length ? map[x] : -1) : x);
    const rawLength = map ? map.length - 1 : length;
    const memoOfSource = join(s.description, notesText(s.noteRefs));
    if (memoOfSource) attached++;
    const codings: PlanCoding[] = [];
    let selections = 0;
    const addCoding = (c: RefiCoding, start: number, end: number, baseMemo: string, fallbackUser?: string) => {
      const key = codeByGuid.get(c.codeRef);
      if (!key) {
        skipped.push({ kind: 'codering', name: `${label} ${start}–${end}`, reason: 'De codering verwijst naar een code die niet in het codeboek staat.' });
        return;
      }
      const memo = join(baseMemo, notesText(c.noteRefs));
      if (memo) attached++;
      codings.push({ codeKey: key, start, end, userGuid: c.creatingUser ?? fallbackUser ?? null, memo });
    };
    for (const sel of s.selections) {
      const where = `${label} ${Number.isFinite(sel.start) ? sel.start : '?'}–${Number.isFinite(sel.end) ? sel.end : '?'}`;
      const n = sel.codings.length;
      if (!Number.isInteger(sel.start) || !Number.isInteger(sel.end) || sel.start < 0 || sel.end <= sel.start || sel.end > rawLength) {
        const why = !Number.isInteger(sel.start) || !Number.isInteger(sel.end) ? 'heeft geen geldige posities' : sel.end <= sel.start ? 'is leeg (het einde ligt niet na het begin)' : `valt buiten de tekst van ${rawLength} tekens`;
        skipped.push({ kind: 'fragment', name: where, reason: `Het fragment ${why}${n ? `; ${n} ${n === 1 ? 'codering' : 'coderingen'} niet overgenomen` : ''}.` });
        continue;
      }
      const start = conv(sel.start);
      const end = conv(sel.end);
      if (!(end > start)) {
        skipped.push({ kind: 'fragment', name: where, reason: 'Het fragment bevat alleen een regeleinde.' });
        continue;
      }
      selections++;
      const base = join(sel.description, notesText(sel.noteRefs));
      for (const c of sel.codings) addCoding(c, start, end, base, sel.creatingUser);
    }
    for (const c of s.codings) addCoding(c, 0, length, '');
    if (s.values.length) skipped.push({ kind: 'variabele', name: label, reason: `${s.values.length} ${s.values.length === 1 ? 'variabele' : 'variabelen'} van de bron zelf niet overgenomen (alleen variabelen van casussen).` });
    sources.push({ guid: s.guid, name: (s.name?.trim() || `Bron ${sources.length + 1}`).slice(0, 300), text, length, memo: memoOfSource, kind: kindOf.get(s.guid) ?? null, codings, selections });
  }
  if (withBom) warnings.push(`${withBom} ${withBom === 1 ? 'brontekst begon' : 'bronteksten begonnen'} met een BOM; die is verwijderd.`);
  if (withCrlf) warnings.push(`${withCrlf} ${withCrlf === 1 ? 'brontekst had' : 'bronteksten hadden'} Windows-regeleinden (CRLF); die zijn LF geworden en de posities zijn omgerekend.`);

  for (const o of project.otherSources) {
    const what = { PDFSource: 'een PDF', PictureSource: 'een afbeelding', AudioSource: 'een geluidsopname', VideoSource: 'een video' }[o.kind];
    skipped.push({ kind: 'bron', name: o.name?.trim() || o.guid, reason: `De bron is ${what}; alleen tekstbronnen worden overgenomen${o.codings ? ` (${o.codings} ${o.codings === 1 ? 'codering' : 'coderingen'} niet overgenomen)` : ''}.` });
  }

  const sourceGuids = new Set(sources.map((s) => s.guid));
  const cases: PlanCase[] = [];
  for (const c of project.cases) {
    const name = c.name?.trim() || '';
    if (!name) {
      skipped.push({ kind: 'casus', name: c.guid, reason: 'De casus heeft geen naam en kan niet aan een deelnemer worden gekoppeld.' });
      continue;
    }
    const values: PlanCase['values'] = [];
    for (const v of c.values) {
      const def = varByGuid.get(v.variableGuid);
      if (!def || v.value === '') continue;
      values.push({ variableGuid: def.guid, name: def.name, type: def.type, value: v.value });
    }
    if (c.selectionRefs.length) skipped.push({ kind: 'casus', name, reason: `${c.selectionRefs.length} koppeling(en) van de casus aan losse fragmenten niet overgenomen; het platform koppelt hele documenten aan een deelnemer.` });
    cases.push({ guid: c.guid, name: name.slice(0, 100), values, sourceGuids: c.sourceRefs.filter((g) => sourceGuids.has(g)) });
  }

  for (const n of project.notes) {
    if (usedNotes.has(n.guid)) continue;
    const why = noteText.has(n.guid)
      ? project.noteRefs.includes(n.guid)
        ? 'Een notitie bij het project als geheel wordt niet overgenomen.'
        : 'De notitie hoort niet bij een code, bron of codering.'
      : 'De notitie heeft geen (leesbare) tekst.';
    skipped.push({ kind: 'notitie', name: n.name?.trim() || n.guid, reason: why });
  }
  const sets = kept.map((x) => ({ name: x.name, sources: x.sources.filter((g) => sourceGuids.has(g)) }));
  return { name: project.name, origin, users, codes, variables, cases, sources, notes: attached, sets, skipped, warnings };
}
