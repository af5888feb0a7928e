/**
 * Qualitative analysis and local autocoding: code frequencies, code × attribute and code × code-group matrices, code
 * co-occurrence (counts and Jaccard), the segments behind every cell, exports (tables as XLSX/CSV; quote lists as
 * XLSX/CSV/DOCX, consent-filtered), pattern matches for "code all matches", and code suggestions for uncoded speaker
 * turns from a classifier trained on the study's own codings (lib/autocode; nothing leaves the machine).
 *
 * Readers without raw-data access (the committee) get the tables with disclosure control (the study's threshold,
 * as the survey results: surveys/disclosure.ts) and never segments or texts (those routes need data.read).
 * The counts rest on analysis.repository.ts codingsForAnalysis (the consensus rule, blind mode, one per code + span).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import type { StudyRole } from '../../../shared/api';
import type { Segment, Unit } from '../../../shared/coding';
import { AGE_BANDS, GENDERS, PARTICIPANT_ROLES, PLACEMENT_TYPES, SITUATIONS } from '../../../shared/participant-vocabulary';
import type {
  AnalysisMeasure,
  CellResponse,
  CooccurrenceResponse,
  CooccurrenceUnit,
  DimensionsResponse,
  FrequenciesResponse,
  MatrixResponse,
  PatternResponse,
  Suggestion,
  SuggestionDecision,
  SuggestionsResponse,
  cellBody,
  cellSelector,
  patternBody,
  quoteExportQuery,
  tableExportQuery,
} from '../../../shared/analysis';
import { CodePointIndex } from '../../../lib/text/codepoints';
import { gate } from '../../../lib/consent';
import { compilePattern, PatternError } from '../../../lib/autocode/pattern';
import { predict, train, type Example, type Model } from '../../../lib/autocode/classifier';
import { controlCount, controlList, controlTable } from '../surveys/disclosure';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import * as codingRepo from '../coding/coding.repository';
import { contextOf, FIELD } from '../coding/coding.service';
import { snippet } from '../coding/search';
import { assertConsent, evaluateParticipant } from '../participants/consent.service';
import * as participantsRepo from '../participants/participants.repository';
import * as repo from './analysis.repository';
import {
  attributeMatrix,
  codeSet,
  cooccurrence,
  cooccurrenceCodings,
  frequencies,
  groupMatrix,
  treeOrder,
  unitsOfCodings,
  type ACode,
  type ACoding,
  type Span,
} from './compute';
import { quotesCsv, quotesDocx, quotesXlsx, tableCsv, tableXlsx, type Cell, type Quote, type TableFile } from './exports';
import { PatternTimeout, runPattern } from './pattern-runner';

// ---- access -----------------------------------------------------------------------------------------------

interface Access {
  study: StudyRow;
  role: StudyRole;
  actorId: string;
  viewer: codingRepo.CodingViewer;
  /** disclosure control applies (no raw-data access) */
  control: boolean;
  threshold: number;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction): Promise<Access> {
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return {
    study,
    role,
    actorId: a.userId,
    viewer: { userId: a.userId, supervise: canInStudy(role, 'coding.supervise') },
    control: !canInStudy(role, 'data.read'),
    threshold: study.disclosure_threshold,
  };
}

function assertWritable(study: StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

// ---- labels -----------------------------------------------------------------------------------------------

/** Dutch labels of the fixed participant attributes and their values (as in the web app's pvocab). */
const FIXED: Record<repo.ParticipantColumn, { title: string; values: readonly string[]; labels: Record<string, string> }> = {
  role: { title: 'Rol', values: PARTICIPANT_ROLES, labels: { child: 'Kind', parent: 'Ouder', foster_parent: 'Pleegouder', young_adult: 'Jongvolwassene', professional: 'Professional' } },
  ageBand: { title: 'Leeftijdsgroep', values: AGE_BANDS, labels: { '0-3': '0–3 jaar', '4-7': '4–7 jaar', '8-11': '8–11 jaar', '12-15': '12–15 jaar', '16-17': '16–17 jaar', '18-23': '18–23 jaar', adult: 'Volwassen' } },
  gender: { title: 'Gender', values: GENDERS, labels: { f: 'Vrouw of meisje', m: 'Man of jongen', x: 'Anders of non-binair', unknown: 'Onbekend of niet gezegd' } },
  region: { title: 'Regio', values: [], labels: {} },
  situation: { title: 'Situatie', values: SITUATIONS, labels: { placed: 'Uit huis geplaatst', returned_home: 'Teruggeplaatst (weer thuis)', other: 'Anders' } },
  placementType: {
    title: 'Plaatsingsvorm',
    values: PLACEMENT_TYPES,
    labels: { foster_kin: 'Pleeggezin (netwerk)', foster_nonkin: 'Pleeggezin (bestand)', family_home: 'Gezinshuis', residential: 'Residentieel', crisis: 'Crisisopvang', secure: 'Gesloten jeugdzorg', none: 'Geen of niet van toepassing' },
  },
};
const NO_VALUE = '(geen waarde)';
const MEASURE_LABEL: Record<AnalysisMeasure, string> = { segments: 'segmenten', documents: 'documenten', participants: 'deelnemers' };
const UNIT_LABEL: Record<CooccurrenceUnit, string> = { turn: 'dezelfde spreekbeurt', overlap: 'overlappende fragmenten' };

// ---- loading ----------------------------------------------------------------------------------------------

interface Loaded {
  codes: (ACode & { color: string })[];
  byId: Map<string, ACode & { color: string }>;
  order: { code: ACode & { color: string }; depth: number }[];
  codings: ACoding[];
}

async function load(db: Kysely<DB>, a: Access, kinds?: string[]): Promise<Loaded> {
  const [codeRows, rows] = await Promise.all([repo.listCodes(db, a.study.id), repo.codingsForAnalysis(db, a.study.id, { viewer: a.viewer, kinds })]);
  const codes = codeRows.map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name, color: c.color, position: c.position }));
  return {
    codes,
    byId: new Map(codes.map((c) => [c.id, c])),
    order: treeOrder(codes),
    codings: rows.map((r) => ({ id: r.id, documentId: r.document_id, codeId: r.code_id, start: r.start, end: r.end, participantId: r.participant_id })),
  };
}

/** The row codes: the direct subcodes of `parent` (404 when it is not in the study), or every code. */
function rowCodes(l: Loaded, parent: string | undefined) {
  if (!parent) return l.order;
  if (!l.byId.has(parent)) throw notFound('Deze code');
  const depthOf = l.order.find((x) => x.code.id === parent)!.depth;
  return l.order.filter((x) => x.code.parentId === parent).map((x) => ({ code: x.code, depth: x.depth - depthOf - 1 }));
}

/** Speaker turns of the documents of some codings (sealed units opened here; nothing returned to the reader). */
async function turnsOf(deps: Deps, a: Access, codings: ACoding[]): Promise<Map<string, Span[]>> {
  const ids = [...new Set(codings.map((c) => c.documentId))];
  const out = new Map<string, Span[]>();
  for (const v of await repo.currentUnitsOf(deps.db, a.study.id, ids)) {
    const units = JSON.parse(await deps.keys.decrypt(a.study.id, FIELD.units, v.units_enc)) as Unit[];
    out.set(v.id, [...units].sort((x, y) => x.start - y.start).map((u) => ({ start: u.start, end: u.end })));
  }
  return out;
}

async function unitsFor(deps: Deps, a: Access, codings: ACoding[], unit: CooccurrenceUnit) {
  return unitsOfCodings(codings, unit, unit === 'turn' ? await turnsOf(deps, a, codings) : new Map());
}

// ---- columns ----------------------------------------------------------------------------------------------

interface Columns {
  kind: 'attribute' | 'group';
  title: string;
  list: { key: string; label: string }[];
  /** attribute: the value of a coding's document ('' = none) */
  valueFor?: (c: ACoding) => string;
  /** group: the code set of each column */
  sets?: Set<string>[];
}

async function resolveColumns(deps: Deps, a: Access, l: Loaded, spec: string, includeChildren: boolean): Promise<Columns> {
  if (spec.startsWith('group:')) {
    const id = spec.slice(6);
    const group = l.byId.get(id);
    if (!group) throw notFound('Deze codegroep');
    const children = l.order.filter((x) => x.code.parentId === id).map((x) => x.code);
    if (children.length === 0) throw badRequest(`De code ‘${group.name}’ heeft geen subcodes; kies een code met subcodes als kolommen.`);
    return { kind: 'group', title: group.name, list: children.map((c) => ({ key: c.id, label: c.name })), sets: children.map((c) => codeSet(l.codes, c.id, includeChildren)) };
  }
  const name = spec.slice(5);
  const fixed = FIXED[name as repo.ParticipantColumn];
  const variable = fixed ? undefined : (await repo.listVariables(deps.db, a.study.id)).find((v) => v.name === name);
  if (!fixed && !variable && !(await repo.documentAttributeNames(deps.db, a.study.id)).includes(name)) throw badRequest(`Onbekend kenmerk ‘${name.slice(0, 100)}’: kies een kenmerk van de deelnemers, een variabele van het onderzoek of een documentkenmerk.`);
  const values = await repo.attributeByDocument(deps.db, a.study.id, name);
  const valueFor = (c: ACoding) => values.get(c.documentId) ?? '';
  const present = new Set(l.codings.map(valueFor));
  const known: readonly string[] = fixed ? fixed.values : variable?.type === 'choice' ? ((variable.choices as unknown as string[]) ?? []) : [];
  const rest = [...present].filter((v) => v !== '' && !known.includes(v)).sort((x, y) => x.localeCompare(y, 'nl'));
  const keys = [...known, ...rest, ...(present.has('') ? [''] : [])];
  return {
    kind: 'attribute',
    title: fixed?.title ?? name,
    list: keys.map((k) => ({ key: k, label: k === '' ? NO_VALUE : (fixed?.labels[k] ?? k) })),
    valueFor,
  };
}

// ---- frequencies ------------------------------------------------------------------------------------------

export async function getFrequencies(deps: Deps, actor: Actor | null, slug: string, q: { includeChildren: boolean; kinds?: string[] }): Promise<FrequenciesResponse> {
  const a = await access(deps.db, actor, slug, 'results.read');
  const l = await load(deps.db, a, q.kinds);
  const cells = frequencies(l.codes, l.codings, l.order.map((x) => x.code.id), q.includeChildren);
  let suppressed = false;
  const ctl = (n: number) => {
    if (!a.control) return n;
    const v = controlCount(n, a.threshold);
    if (v === null) suppressed = true;
    return v;
  };
  const rows = l.order.map((x, i) => ({
    codeId: x.code.id,
    parentId: x.code.parentId,
    name: x.code.name,
    depth: x.depth,
    color: x.code.color,
    segments: ctl(cells[i].segments),
    documents: ctl(cells[i].documents),
    participants: ctl(cells[i].participants),
  }));
  return { includeChildren: q.includeChildren, rows, controlled: a.control, threshold: a.threshold, suppressed };
}

// ---- matrix -----------------------------------------------------------------------------------------------

type MatrixQuery = { rows?: string; columns: string; measure: AnalysisMeasure; includeChildren: boolean; unit: CooccurrenceUnit; kinds?: string[] };

async function computeMatrix(deps: Deps, a: Access, q: MatrixQuery) {
  const l = await load(deps.db, a, q.kinds);
  const rows = rowCodes(l, q.rows);
  const cols = await resolveColumns(deps, a, l, q.columns, q.includeChildren);
  const sets = rows.map((r) => codeSet(l.codes, r.code.id, q.includeChildren));
  const result =
    cols.kind === 'attribute'
      ? attributeMatrix(sets, l.codings, cols.valueFor!, cols.list.map((c) => c.key), q.measure)
      : groupMatrix(sets, cols.sets!, l.codings, await unitsFor(deps, a, l.codings, q.unit), q.measure);
  return { l, rows, cols, result };
}

export async function getMatrix(deps: Deps, actor: Actor | null, slug: string, q: MatrixQuery): Promise<MatrixResponse> {
  const a = await access(deps.db, actor, slug, 'results.read');
  const { rows, cols, result } = await computeMatrix(deps, a, q);
  let counts: (number | null)[][] = result.counts;
  let rowTotals: (number | null)[] = result.rowTotals;
  let suppressed = false;
  if (a.control) {
    const t = controlTable(result.counts, a.threshold);
    const rt = controlList(result.rowTotals, a.threshold);
    counts = t.cells;
    rowTotals = rt.cells;
    suppressed = t.hit || rt.hit;
  }
  return {
    columns: q.columns,
    columnKind: cols.kind,
    columnTitle: cols.title,
    measure: q.measure,
    unit: q.unit,
    includeChildren: q.includeChildren,
    rowList: rows.map((r) => ({ codeId: r.code.id, name: r.code.name, depth: r.depth, color: r.code.color })),
    columnList: cols.list,
    counts,
    rowTotals,
    controlled: a.control,
    threshold: a.threshold,
    suppressed,
  };
}

// ---- co-occurrence ----------------------------------------------------------------------------------------

type CooccurrenceQuery = { rows?: string; unit: CooccurrenceUnit; includeChildren: boolean; kinds?: string[] };

export async function getCooccurrence(deps: Deps, actor: Actor | null, slug: string, q: CooccurrenceQuery): Promise<CooccurrenceResponse> {
  const a = await access(deps.db, actor, slug, 'results.read');
  const l = await load(deps.db, a, q.kinds);
  const rows = rowCodes(l, q.rows);
  const r = cooccurrence(
    rows.map((x) => codeSet(l.codes, x.code.id, q.includeChildren)),
    l.codings,
    await unitsFor(deps, a, l.codings, q.unit),
  );
  let counts: (number | null)[][] = r.counts;
  let units: (number | null)[] = r.units;
  let jaccard = r.jaccard;
  let suppressed = false;
  if (a.control) {
    const t = controlTable(r.counts, a.threshold);
    const u = controlList(r.units, a.threshold);
    counts = t.cells;
    units = u.cells;
    jaccard = r.jaccard.map((row, i) => row.map((v, j) => (counts[i][j] === null || units[i] === null || units[j] === null ? null : v)));
    suppressed = t.hit || u.hit;
  }
  return {
    unit: q.unit,
    includeChildren: q.includeChildren,
    codes: rows.map((x) => ({ codeId: x.code.id, name: x.code.name, depth: x.depth, color: x.code.color })),
    units,
    counts,
    jaccard,
    controlled: a.control,
    threshold: a.threshold,
    suppressed,
  };
}

// ---- dimensions -------------------------------------------------------------------------------------------

export async function getDimensions(deps: Deps, actor: Actor | null, slug: string): Promise<DimensionsResponse> {
  const a = await access(deps.db, actor, slug, 'results.read');
  const [variables, docAttributes, codeRows] = await Promise.all([repo.listVariables(deps.db, a.study.id), repo.documentAttributeNames(deps.db, a.study.id), repo.listCodes(deps.db, a.study.id)]);
  const fixedNames = Object.keys(FIXED);
  const attributes: DimensionsResponse['attributes'] = [
    ...Object.entries(FIXED).map(([k, v]) => ({ spec: `attr:${k}`, name: v.title, source: 'participant' as const })),
    ...variables.filter((v) => !fixedNames.includes(v.name)).map((v) => ({ spec: `attr:${v.name}`, name: v.name, source: 'variable' as const })),
    ...docAttributes.filter((n) => !fixedNames.includes(n) && !variables.some((v) => v.name === n)).map((n) => ({ spec: `attr:${n}`, name: n, source: 'document' as const })),
  ];
  const codes = codeRows.map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name, position: c.position }));
  const groups = treeOrder(codes)
    .map((x) => ({ code: x.code, children: codes.filter((c) => c.parentId === x.code.id).length }))
    .filter((x) => x.children > 0)
    .map((x) => ({ spec: `group:${x.code.id}`, codeId: x.code.id, name: x.code.name, children: x.children }));
  return { attributes, groups, threshold: a.threshold, controlled: a.control };
}

// ---- a cell's segments ------------------------------------------------------------------------------------

type Selector = z.output<typeof cellSelector>;

/** The codings behind a frequency, matrix or co-occurrence cell (as the tables count them). */
async function cellCodings(deps: Deps, a: Access, s: Selector): Promise<{ codings: ACoding[]; l: Loaded; describe: string }> {
  const l = await load(deps.db, a, s.kinds);
  const code = l.byId.get(s.codeId);
  if (!code) throw notFound('Deze code');
  const set = codeSet(l.codes, s.codeId, s.includeChildren);
  const own = l.codings.filter((c) => set.has(c.codeId));
  if (s.kind === 'frequency') return { codings: own, l, describe: `Alle segmenten van ‘${code.name}’${s.includeChildren ? ' (met subcodes)' : ''}` };
  if (s.kind === 'cooccurrence') {
    if (!s.otherCodeId) throw badRequest('Kies de tweede code van de cel (otherCodeId).');
    const other = l.byId.get(s.otherCodeId);
    if (!other) throw notFound('De tweede code');
    const units = await unitsFor(deps, a, l.codings, s.unit);
    return {
      codings: cooccurrenceCodings(set, codeSet(l.codes, other.id, s.includeChildren), l.codings, units),
      l,
      describe: `‘${code.name}’ en ‘${other.name}’ samen in ${UNIT_LABEL[s.unit]}`,
    };
  }
  if (!s.columns) throw badRequest('Kies de kolommen van de matrix (columns).');
  if (s.value === undefined) throw badRequest('Kies de kolom van de cel (value).');
  const cols = await resolveColumns(deps, a, l, s.columns, s.includeChildren);
  const j = cols.list.findIndex((c) => c.key === s.value);
  if (j < 0) throw notFound('Deze kolom van de matrix');
  const r =
    cols.kind === 'attribute'
      ? attributeMatrix([set], l.codings, cols.valueFor!, [s.value], 'segments')
      : groupMatrix([set], [cols.sets![j]], l.codings, await unitsFor(deps, a, l.codings, s.unit), 'segments');
  return { codings: r.cells[0][0], l, describe: `‘${code.name}’ × ${cols.title}: ${cols.list[j].label}` };
}

/** Segments (with context and participant) of some codings, in text order, paged. */
async function segmentsOf(deps: Deps, a: Access, ids: string[], context: 'turn' | 'chars', offset: number, limit: number): Promise<Segment[]> {
  const rows = await repo.segmentsByIds(deps.db, a.study.id, ids, offset, limit);
  const versions = await codingRepo.versionsByKeys(deps.db, [...new Map(rows.map((r) => [`${r.document_id}:${r.version}`, { documentId: r.document_id, version: r.version }])).values()]);
  const texts = new Map<string, { idx: CodePointIndex; units: Unit[] }>();
  for (const v of versions) {
    const [text, units] = await Promise.all([deps.keys.decrypt(a.study.id, FIELD.text, v.text_enc), deps.keys.decrypt(a.study.id, FIELD.units, v.units_enc)]);
    texts.set(`${v.document_id}:${v.version}`, { idx: new CodePointIndex(text), units: JSON.parse(units) as Unit[] });
  }
  const people = await codingRepo.participantAttributes(deps.db, [...new Set(rows.map((r) => r.participant_id).filter((x): x is string => !!x))]);
  const out: Segment[] = [];
  for (const r of rows) {
    const t = texts.get(`${r.document_id}:${r.version}`)!;
    const ctx = contextOf(t.idx, t.units, r, context);
    out.push({
      codingId: r.id,
      codeId: r.code_id,
      codeName: r.code_name,
      documentId: r.document_id,
      documentTitle: r.title,
      documentKind: r.kind as Segment['documentKind'],
      version: r.version,
      start: r.start,
      end: r.end,
      text: t.idx.slice(r.start, r.end),
      memo: r.memo_enc ? await deps.keys.decrypt(a.study.id, FIELD.codingMemo, r.memo_enc) : '',
      coderId: r.coder_id,
      createdAt: iso(r.created_at as Date)!,
      speaker: ctx.speaker,
      context: { start: ctx.start, end: ctx.end, text: t.idx.slice(ctx.start, ctx.end) },
      participant: r.participant_id ? { id: r.participant_id, code: r.participant_code ?? '', attributes: people.get(r.participant_id) ?? {} } : null,
      documentAttributes: r.document_attributes ?? {},
    });
  }
  return out;
}

export async function getCellSegments(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof cellBody>): Promise<CellResponse> {
  const a = await access(deps.db, actor, slug, 'data.read');
  const { codings } = await cellCodings(deps, a, input);
  return { total: codings.length, segments: await segmentsOf(deps, a, codings.map((c) => c.id), input.context, input.offset, input.limit) };
}

// ---- exports ----------------------------------------------------------------------------------------------

export interface FileOut {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

const indent = (name: string, depth: number) => `${'  '.repeat(depth)}${name}`;

/** A table (frequencies, matrix or co-occurrence) as XLSX or CSV, with the reader's disclosure control. Audited. */
export async function exportTable(deps: Deps, actor: Actor | null, slug: string, q: z.output<typeof tableExportQuery>): Promise<FileOut> {
  const a = await access(deps.db, actor, slug, 'results.read');
  const notes: string[] = [];
  let file: TableFile;
  if (q.table === 'frequencies') {
    const f = await getFrequencies(deps, actor, slug, q);
    file = {
      title: 'Codefrequenties',
      header: ['Code', 'Segmenten', 'Documenten', 'Deelnemers'],
      rows: f.rows.map((r) => [indent(r.name, r.depth), r.segments, r.documents, r.participants]),
      notes,
    };
    if (f.includeChildren) notes.push('Elke code telt samen met haar subcodes.');
  } else if (q.table === 'matrix') {
    const m = await getMatrix(deps, actor, slug, { ...q, unit: q.unit ?? 'overlap' });
    file = {
      title: `Codes × ${m.columnTitle}`,
      header: ['Code', ...m.columnList.map((c) => c.label), 'Totaal'],
      rows: m.rowList.map((r, i) => [indent(r.name, r.depth), ...m.counts[i], m.rowTotals[i]] as Cell[]),
      notes,
    };
    notes.push(`Cellen tellen ${MEASURE_LABEL[m.measure]}.`);
    if (m.columnKind === 'group') notes.push(`Een segment telt in een kolom wanneer de kolomcode voorkomt in ${UNIT_LABEL[m.unit]}.`);
  } else {
    const c = await getCooccurrence(deps, actor, slug, { ...q, unit: q.unit ?? 'turn' });
    const rows: Cell[][] = [];
    c.codes.forEach((x, i) => rows.push([indent(x.name, x.depth), 'aantal', ...c.counts[i]], ['', 'Jaccard', ...c.jaccard[i].map((v) => (v === null ? '' : Math.round(v * 1000) / 1000))]));
    file = { title: 'Samen voorkomen van codes', header: ['Code', 'Maat', ...c.codes.map((x) => x.name)], rows, notes };
    notes.push(`Eenheid: ${UNIT_LABEL[c.unit]}. Jaccard = samen / (code 1 + code 2 − samen).`);
  }
  if (a.control) {
    file.withheld = `<${a.threshold}`;
    notes.push(`Aantallen van 1 tot ${a.threshold} zijn niet getoond (<${a.threshold}), met aanvullende onderdrukking waar een weggelaten aantal anders terug te rekenen is.`);
  }
  const body = q.format === 'xlsx' ? await tableXlsx(file) : tableCsv(file);
  await deps.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'analysis.table_exported',
      objectType: 'study',
      objectId: a.study.id,
      details: { table: q.table, format: q.format, columns: q.table === 'matrix' ? q.columns : undefined, measure: q.table === 'matrix' ? q.measure : undefined, rows: file.rows.length, controlled: a.control },
    }),
  );
  return { filename: `analyse-${a.study.slug}-${q.table}.${q.format}`, contentType: CONTENT_TYPES[q.format], body };
}

const MAX_QUOTES = 5_000;

/**
 * A quote list of a selector (code, matrix cell or co-occurrence cell) as XLSX, CSV or DOCX. Only quotes of
 * participants whose consent covers quoting today (the consent gate, lib/consent `gate('quote')`) are included;
 * documents without a participant (survey answers, signals) are allowed. The file says how many were left out and why.
 */
export async function exportQuotes(deps: Deps, actor: Actor | null, slug: string, q: z.output<typeof quoteExportQuery>): Promise<FileOut> {
  const a = await access(deps.db, actor, slug, 'data.read');
  const { codings, describe } = q.codeId
    ? await cellCodings(deps, a, { ...q, codeId: q.codeId })
    : { codings: (await load(deps.db, a, q.kinds)).codings, describe: 'Alle gecodeerde segmenten' };
  const segments = await segmentsOf(deps, a, codings.slice(0, MAX_QUOTES).map((c) => c.id), 'turn', 0, MAX_QUOTES);
  const people = new Map<string, { allowed: boolean; reason: string; code: string }>();
  for (const pid of new Set(segments.map((s) => s.participant?.id).filter((x): x is string => !!x))) {
    const p = await participantsRepo.findParticipant(deps.db, a.study.id, pid);
    if (!p) {
      people.set(pid, { allowed: false, reason: 'de deelnemer bestaat niet meer', code: '' });
      continue;
    }
    try {
      const g = gate('quote', await evaluateParticipant(deps, deps.db, p));
      people.set(pid, { allowed: g.allowed, reason: g.allowed ? '' : (g.reason ?? 'geen toestemming voor citeren'), code: p.code });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      people.set(pid, { allowed: false, reason: e.message, code: p.code });
    }
  }
  const quotes: Quote[] = [];
  const left = new Map<string, { n: number; codes: Set<string> }>();
  for (const s of segments) {
    const who = s.participant ? people.get(s.participant.id) : undefined;
    if (who && !who.allowed) {
      const e = left.get(who.reason) ?? { n: 0, codes: new Set<string>() };
      e.n++;
      e.codes.add(who.code);
      left.set(who.reason, e);
      continue;
    }
    const attrs = s.participant ? Object.entries(s.participant.attributes).map(([k, v]) => `${FIXED[k as repo.ParticipantColumn]?.title.toLowerCase() ?? k}: ${FIXED[k as repo.ParticipantColumn]?.labels[v] ?? v}`) : [];
    quotes.push({ code: s.codeName, document: s.documentTitle, participant: s.participant?.code ?? '', attributes: attrs.join(', '), speaker: s.speaker ?? '', text: s.text });
  }
  const omittedTotal = [...left.values()].reduce((n, e) => n + e.n, 0);
  const omitted = [...left.entries()].map(([reason, e]) => `${e.n} ${e.n === 1 ? 'citaat' : 'citaten'} weggelaten (${[...e.codes].join(', ')}): ${reason}`);
  if (codings.length > MAX_QUOTES) omitted.push(`Alleen de eerste ${MAX_QUOTES} van ${codings.length} segmenten zijn meegenomen.`);
  const file = { title: 'Citaten', subtitle: `${describe}. ${quotes.length} ${quotes.length === 1 ? 'citaat' : 'citaten'}${omittedTotal ? `, ${omittedTotal} weggelaten wegens toestemming` : ''}.`, quotes, omitted };
  const body = q.format === 'docx' ? await quotesDocx(file) : q.format === 'xlsx' ? await quotesXlsx(file) : quotesCsv(file);
  await deps.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'analysis.quotes_exported',
      objectType: q.codeId ? 'code' : 'study',
      objectId: q.codeId ?? a.study.id,
      details: { kind: q.kind, format: q.format, columns: q.columns, value: q.value, otherCodeId: q.otherCodeId, quotes: quotes.length, omittedForConsent: omittedTotal },
    }),
  );
  return { filename: `citaten-${a.study.slug}.${q.format}`, contentType: CONTENT_TYPES[q.format], body };
}

// ---- pattern matches --------------------------------------------------------------------------------------

export async function findPattern(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof patternBody>): Promise<PatternResponse> {
  const a = await access(deps.db, actor, slug, 'data.read');
  let compiled;
  try {
    compiled = compilePattern(input.pattern, input.mode, input.caseSensitive);
  } catch (e) {
    if (e instanceof PatternError) throw new AppError('invalid_pattern', e.message, 400);
    throw e;
  }
  const docs = await repo.currentVersions(deps.db, a.study.id, { documentIds: input.documentIds, kinds: input.kinds });
  const texts: string[] = [];
  for (const d of docs) texts.push(await deps.keys.decrypt(a.study.id, FIELD.text, d.text_enc));
  let run;
  try {
    run = await runPattern(compiled, texts, input.limit);
  } catch (e) {
    if (e instanceof PatternTimeout) throw new AppError('pattern_too_slow', `${e.message} Maak het patroon eenvoudiger of specifieker.`, 400);
    throw e;
  }
  const hits: PatternResponse['hits'] = [];
  let withHits = 0;
  docs.forEach((d, i) => {
    const m = run.matches[i];
    if (!m.length) return;
    withHits++;
    const idx = new CodePointIndex(texts[i]);
    for (let k = 0; k < m.length; k += 2) {
      const start = idx.toCp(m[k]);
      const end = idx.toCp(m[k + 1]);
      if (end > start) hits.push({ documentId: d.id, documentTitle: d.title, version: d.version, start, end, snippet: snippet(idx, start, end) });
    }
  });
  // documents without a match in the first `limit` still count as having hits when the total says so
  return { hits, total: run.total, documents: docs.length, documentsWithHits: withHits, truncated: run.total > hits.length };
}

// ---- suggestions ------------------------------------------------------------------------------------------

/** The units of a text: its speaker turns, or (without turns) its non-empty lines. */
function turnsOfText(text: string, units: Unit[]): (Span & { speaker: string | null; role: Unit['role'] })[] {
  if (units.length) return [...units].sort((x, y) => x.start - y.start).map((u) => ({ start: u.start, end: u.end, speaker: u.speaker, role: u.role }));
  const out: (Span & { speaker: null; role: null })[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const n = [...line].length;
    if (line.trim()) out.push({ start: at, end: at + n, speaker: null, role: null });
    at += n + 1;
  }
  return out;
}

const overlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Trained models by study and the exact training data (codings and rejections): trained once, reused. */
const modelCache = new Map<string, Model>();
const MODEL_CACHE_MAX = 20;

function signature(parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (const p of parts)
    for (let i = 0; i < p.length; i++) {
      h1 = Math.imul(h1 ^ p.charCodeAt(i), 16777619);
      h2 = (h2 * 31 + p.charCodeAt(i)) | 0;
    }
  return `${parts.length}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}

async function studyModel(deps: Deps, a: Access, codings: ACoding[], rejections: Awaited<ReturnType<typeof repo.listRejections>>): Promise<{ model: Model; trainedTurns: number }> {
  const key = `${a.study.id}:${signature([...codings.map((c) => `${c.documentId}${c.codeId}${c.start}-${c.end}`), ...rejections.map((r) => `x${r.document_id}${r.code_id}${r.start}-${r.end}`)])}`;
  const cached = modelCache.get(key);
  if (cached) return { model: cached, trainedTurns: cached.examples };
  const docIds = [...new Set([...codings.map((c) => c.documentId), ...rejections.map((r) => r.document_id)])];
  const versions = await repo.currentVersionsOf(deps.db, a.study.id, docIds);
  const byDoc = new Map<string, ACoding[]>();
  for (const c of codings) byDoc.set(c.documentId, [...(byDoc.get(c.documentId) ?? []), c]);
  const examples: Example[] = [];
  for (const v of versions) {
    const text = await deps.keys.decrypt(a.study.id, FIELD.text, v.text_enc);
    const units = JSON.parse(await deps.keys.decrypt(a.study.id, FIELD.units, v.units_enc)) as Unit[];
    const idx = new CodePointIndex(text);
    const rej = rejections.filter((r) => r.document_id === v.id && r.version === v.version);
    for (const t of turnsOfText(text, units)) {
      const codes = [...new Set((byDoc.get(v.id) ?? []).filter((c) => overlap(c, t)).map((c) => c.codeId))];
      const rejected = rej.filter((r) => r.start === t.start && r.end === t.end).map((r) => r.code_id);
      if (codes.length || rejected.length) examples.push({ text: idx.slice(t.start, t.end), codes, rejected });
    }
  }
  const model = train(examples, { epochs: 200 });
  if (modelCache.size >= MODEL_CACHE_MAX) modelCache.delete(modelCache.keys().next().value!);
  modelCache.set(key, model);
  return { model, trainedTurns: examples.length };
}

const MAX_PER_TURN = 3;

export async function getSuggestions(deps: Deps, actor: Actor | null, slug: string, documentId: string, q: { minScore: number; limit: number }): Promise<SuggestionsResponse> {
  const a = await access(deps.db, actor, slug, 'data.read');
  const [target] = await repo.currentVersionsOf(deps.db, a.study.id, [documentId]);
  if (!target) throw notFound('Dit document');
  const l = await load(deps.db, a);
  const rejections = await repo.listRejections(deps.db, a.study.id);
  const { model, trainedTurns } = await studyModel(deps, a, l.codings, rejections);
  const text = await deps.keys.decrypt(a.study.id, FIELD.text, target.text_enc);
  const units = JSON.parse(await deps.keys.decrypt(a.study.id, FIELD.units, target.units_enc)) as Unit[];
  const idx = new CodePointIndex(text);
  const own = l.codings.filter((c) => c.documentId === documentId);
  const rejected = new Set(rejections.filter((r) => r.document_id === documentId && r.version === target.version).map((r) => `${r.code_id}:${r.start}:${r.end}`));
  const candidates = turnsOfText(text, units).filter((t) => t.role !== 'interviewer' && !own.some((c) => overlap(c, t)));
  const out: Suggestion[] = [];
  if (model.codes.size > 0) {
    for (const t of candidates) {
      const turnText = idx.slice(t.start, t.end);
      const preds = predict(model, turnText)
        .filter((p) => p.score >= q.minScore && !rejected.has(`${p.code}:${t.start}:${t.end}`) && l.byId.has(p.code))
        .slice(0, MAX_PER_TURN);
      for (const p of preds) {
        const code = l.byId.get(p.code)!;
        out.push({ start: t.start, end: t.end, speaker: t.speaker, text: [...turnText].slice(0, 600).join(''), codeId: code.id, codeName: code.name, color: code.color, score: Math.round(p.score * 1000) / 1000 });
      }
    }
  }
  return { version: target.version, trainedTurns, codes: model.codes.size, candidates: candidates.length, suggestions: out.slice(0, q.limit) };
}

/** The turn of a decision: the document (locked), its current version, and the span checked to be one of its turns. */
async function decisionTarget(deps: Deps, trx: Kysely<DB>, a: Access, documentId: string, d: SuggestionDecision) {
  const doc = await codingRepo.lockDocument(trx, a.study.id, documentId);
  if (!doc) throw notFound('Dit document');
  if (d.version !== doc.current_version)
    throw new AppError('version_conflict', `Het document is intussen gewijzigd (nu versie ${doc.current_version}). Laad de suggesties opnieuw.`, 409);
  const code = await codingRepo.findCode(trx, a.study.id, d.codeId);
  if (!code) throw notFound('Deze code');
  const v = await codingRepo.findVersion(trx, documentId, doc.current_version);
  if (!v) throw notFound('De huidige versie van dit document');
  const text = await deps.keys.decrypt(a.study.id, FIELD.text, v.text_enc, trx);
  const units = JSON.parse(await deps.keys.decrypt(a.study.id, FIELD.units, v.units_enc, trx)) as Unit[];
  if (!turnsOfText(text, units).some((t) => t.start === d.start && t.end === d.end)) throw badRequest(`Het fragment ${d.start}–${d.end} is geen spreekbeurt van dit document; alleen hele spreekbeurten worden voorgesteld.`);
  return { doc, code };
}

/** Accept: the code is applied to the whole turn (the consent gate for coding applies). One audit event. */
export async function acceptSuggestion(deps: Deps, actor: Actor | null, slug: string, documentId: string, d: SuggestionDecision): Promise<{ codingId: string; created: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const { doc } = await decisionTarget(deps, trx, a, documentId, d);
    if (doc.participant_id) await assertConsent(deps, trx, a.study.id, doc.participant_id, 'code');
    const inserted = await codingRepo.insertCodings(trx, [{ documentId, version: doc.current_version, codeId: d.codeId, start: d.start, end: d.end, memoEnc: null, coderId: a.actorId }]);
    const row = inserted[0] ?? (await codingRepo.findCodingsAt(trx, { documentId, version: doc.current_version, start: d.start, end: d.end, coderId: a.actorId, codeIds: [d.codeId] }))[0];
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'suggestion.accepted',
      objectType: 'document',
      objectId: documentId,
      details: { version: doc.current_version, start: d.start, end: d.end, codeId: d.codeId, codingId: row.id, created: inserted.length > 0 },
    });
    return { codingId: row.id, created: inserted.length > 0 };
  });
}

/** Reject: remembered for this turn and code (not suggested again; a negative example for the classifier). */
export async function rejectSuggestion(deps: Deps, actor: Actor | null, slug: string, documentId: string, d: SuggestionDecision): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const { doc } = await decisionTarget(deps, trx, a, documentId, d);
    const fresh = await repo.insertRejection(trx, { studyId: a.study.id, documentId, version: doc.current_version, codeId: d.codeId, start: d.start, end: d.end, by: a.actorId });
    if (fresh) {
      await appendAuditEvent(trx, {
        studyId: a.study.id,
        actorId: a.actorId,
        action: 'suggestion.rejected',
        objectType: 'document',
        objectId: documentId,
        details: { version: doc.current_version, start: d.start, end: d.end, codeId: d.codeId },
      });
    }
  });
}
