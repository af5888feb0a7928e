/**
 * Qualitative coding: documents (with versions), transcript import, the pseudonymisation assistant, the codebook,
 * codings, retrieval and search. Texts, speaker turns, document and coding memos and the pseudonym mapping are sealed
 * with the study key; the services open them, the repository only ever sees them sealed.
 *
 * Versions: codings belong to the current version of their document. A version without codings is corrected in
 * place; a version with codings is frozen, and an edit (or a pseudonymisation, which always makes a new version)
 * moves the codings with their text (remap.ts). Offsets are Unicode code points, end exclusive.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import type { StudyRole } from '../../../shared/api';
import {
  CONTEXT_CHARS,
  DEFAULT_CODE_COLOR,
  MAX_TEXT_CHARS,
  MAX_UPLOAD_BYTES,
  type Code,
  type Coding,
  type DocumentDetail,
  type DocumentView,
  type HitExtent,
  type SearchResponse,
  type Segment,
  type Unit,
  type VersionChange,
  type applyCodingBody,
  type bulkCodingBody,
  type createCodeBody,
  type createDocumentBody,
  type documentListQuery,
  type importTranscriptBody,
  type patchCodeBody,
  type patchDocumentBody,
  type pseudonymiseBody,
  type retrieveBody,
  type searchBody,
} from '../../../shared/coding';
import type { z } from 'zod';
import { CodePointIndex, cpLength } from '../../../lib/text/codepoints';
import { parseTranscript, normaliseText, sentenceUnits, TranscriptError } from '../../../lib/transcripts';
import { detect, normaliseEntity, pseudonymise, type Kind, type Mapping } from '../../../lib/pseudonymise';
import { CodeTreeError, descendants, explainMove, mergePlan, type TreeNode } from '../../../lib/codebook/tree';
import { CODEBOOK_TEMPLATE, type TemplateCode } from '../../../lib/codebook/template';
import { mapSpans, diffEdits, type Edit } from './remap';
import { describeTerms, findMatches, parseQuery, snippet, tokenize, wordsToStem, type Token } from './search';
import * as repo from './coding.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import { assertConsent } from '../participants/consent.service';

/** The sealed fields (additional authenticated data: study + field). */
export const FIELD = {
  text: 'document_versions.text',
  units: 'document_versions.units',
  documentMemo: 'documents.memo',
  codingMemo: 'codings.memo',
  map: 'pseudonym_maps.map',
} as const;

// ---- access -----------------------------------------------------------------------------------------------

interface Access {
  study: StudyRow;
  actorId: string;
  role: StudyRole;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction): Promise<Access> {
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, role, actorId: a.userId };
}

/** Whose codings the actor may see (blind mode of reliability rounds, coding.repository codingVisibleTo). */
export const viewerOf = (a: { actorId: string; role: StudyRole }): repo.CodingViewer => ({ userId: a.actorId, supervise: canInStudy(a.role, 'coding.supervise') });

function assertWritable(study: StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

const versionConflict = (current: number) =>
  new AppError('version_conflict', `Het document is intussen gewijzigd (nu versie ${current}). Laad het opnieuw en probeer het nog eens.`, 409);

// ---- texts and units --------------------------------------------------------------------------------------

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The one normalisation of a stored text (as on import: no BOM, LF line ends; broken characters become U+FFFD). */
export function prepareText(raw: string): { text: string; length: number } {
  const text = normaliseText(raw).replace(LONE_SURROGATE, '\uFFFD');
  if (text.trim() === '') throw badRequest('De tekst is leeg.');
  const length = cpLength(text);
  if (length > MAX_TEXT_CHARS) throw badRequest(`De tekst is te lang: ${length.toLocaleString('nl-NL')} tekens, hoogstens ${MAX_TEXT_CHARS.toLocaleString('nl-NL')}.`);
  return { text, length };
}

/** Units sorted by start; each inside the text and not overlapping the next (400 otherwise). */
export function checkUnits(units: Unit[], length: number): Unit[] {
  const sorted = [...units].sort((a, b) => a.start - b.start || a.end - b.end);
  sorted.forEach((u, i) => {
    if (!(u.start < u.end) || u.end > length) throw badRequest(`Spreekbeurt ${i + 1} (${u.start}–${u.end}) ligt niet binnen de tekst van ${length} tekens.`);
    if (i > 0 && u.start < sorted[i - 1].end) throw badRequest(`Spreekbeurt ${i + 1} overlapt met de vorige.`);
    if (u.startMs != null && u.endMs != null && u.endMs < u.startMs) throw badRequest(`Spreekbeurt ${i + 1} eindigt (tijd) vóór zij begint.`);
  });
  return sorted;
}

interface OpenVersion {
  version: number;
  text: string;
  units: Unit[];
  length: number;
  createdAt: Date;
}

async function openVersion(deps: Deps, studyId: string, v: repo.VersionRow, via?: Kysely<DB>): Promise<OpenVersion> {
  const [text, units] = await Promise.all([deps.keys.decrypt(studyId, FIELD.text, v.text_enc, via), deps.keys.decrypt(studyId, FIELD.units, v.units_enc, via)]);
  return { version: v.version, text, units: JSON.parse(units) as Unit[], length: v.length, createdAt: v.created_at };
}

const sealText = (deps: Deps, studyId: string, text: string, via?: Kysely<DB>) => deps.keys.encrypt(studyId, FIELD.text, text, via);
const sealUnits = (deps: Deps, studyId: string, units: Unit[], via?: Kysely<DB>) => deps.keys.encrypt(studyId, FIELD.units, JSON.stringify(units), via);
const openMemo = async (deps: Deps, studyId: string, field: string, sealed: string | null, via?: Kysely<DB>) => (sealed ? deps.keys.decrypt(studyId, field, sealed, via) : '');
const sealMemo = async (deps: Deps, studyId: string, field: string, memo: string | undefined, via?: Kysely<DB>) => (memo ? deps.keys.encrypt(studyId, field, memo, via) : null);

// ---- conversions ------------------------------------------------------------------------------------------

function toSummary(d: repo.DocumentWithParticipant & { assigned_to_me?: boolean }, length: number, codings: number) {
  return {
    id: d.id,
    kind: d.kind as DocumentDetail['kind'],
    title: d.title,
    participantId: d.participant_id,
    participantCode: d.participant_code,
    interviewId: d.interview_id,
    currentVersion: d.current_version,
    length,
    pseudonymised: d.pseudonymised,
    codings,
    ...(d.assigned_to_me !== undefined ? { assignedToMe: d.assigned_to_me } : {}),
    attributes: d.attributes ?? {},
    createdBy: d.created_by,
    createdAt: iso(d.created_at)!,
    updatedAt: iso(d.updated_at)!,
  };
}

/** The document's details after a change, its codings counted as `viewer` may see them (blind mode). */
async function detailOf(deps: Deps, db: Kysely<DB>, studyId: string, documentId: string, viewer: repo.CodingViewer): Promise<DocumentDetail> {
  const d = (await repo.findDocument(db, studyId, documentId))!;
  const v = (await repo.findVersion(db, documentId, d.current_version))!;
  const codings = await repo.countCodings(db, documentId, d.current_version, viewer);
  return { ...toSummary(d, v.length, codings), memo: await openMemo(deps, studyId, FIELD.documentMemo, d.memo_enc, db) };
}

const toCode = (r: repo.CodeWithCount): Code => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  description: r.description,
  color: r.color,
  memo: r.memo,
  position: r.position,
  codings: r.codings,
});

const toCoding = (r: repo.CodingRow, memo: string): Coding => ({
  id: r.id,
  documentId: r.document_id,
  version: r.version,
  codeId: r.code_id,
  start: r.start,
  end: r.end,
  memo,
  coderId: r.coder_id,
  layer: r.layer ?? 'coder',
  createdAt: iso(r.created_at)!,
});

async function codingsWithMemos(deps: Deps, studyId: string, rows: repo.CodingRow[], via?: Kysely<DB>): Promise<Coding[]> {
  const out: Coding[] = [];
  for (const r of rows) out.push(toCoding(r, await openMemo(deps, studyId, FIELD.codingMemo, r.memo_enc, via)));
  return out;
}

// ---- links to participants and interviews -----------------------------------------------------------------

async function checkLinks(deps: Deps, trx: Kysely<DB>, studyId: string, participantId: string | null | undefined, interviewId: string | null | undefined) {
  if (participantId) await assertConsent(deps, trx, studyId, participantId, 'store_transcript'); // 404 when not in the study
  if (interviewId && !(await repo.interviewExists(trx, studyId, interviewId))) throw notFound('Dit interview');
}

/** The consent gate for a participant's document ('code' before coding, 'store_transcript' before storing text). */
async function gate(deps: Deps, trx: Kysely<DB>, studyId: string, doc: { participant_id: string | null }, action: 'code' | 'store_transcript') {
  if (doc.participant_id) await assertConsent(deps, trx, studyId, doc.participant_id, action);
}

// ---- documents --------------------------------------------------------------------------------------------

export async function listDocuments(deps: Deps, actor: Actor | null, slug: string, q: z.output<typeof documentListQuery>) {
  const a = await access(deps.db, actor, slug, 'data.read');
  const { rows, total } = await repo.listDocuments(deps.db, a.study.id, {
    kind: q.kind,
    participantId: q.participantId,
    q: q.q?.trim() || undefined,
    offset: q.offset,
    limit: q.limit,
    viewer: viewerOf(a),
    assignedOnly: q.assigned === 'me',
  });
  return { total, documents: rows.map((r) => toSummary(r, r.length, r.codings)) };
}

interface NewDocument {
  kind: DocumentDetail['kind'];
  title: string;
  participantId?: string | null;
  interviewId?: string | null;
  text: string;
  length: number;
  units: Unit[];
}

async function insertNewDocument(deps: Deps, trx: Kysely<DB>, a: Access, d: NewDocument, action: string, details: Record<string, unknown> = {}): Promise<DocumentDetail> {
  await checkLinks(deps, trx, a.study.id, d.participantId, d.interviewId);
  const row = await repo.insertDocument(trx, { studyId: a.study.id, kind: d.kind, title: d.title, participantId: d.participantId ?? null, interviewId: d.interviewId ?? null, createdBy: a.actorId });
  await repo.insertVersion(trx, {
    documentId: row.id,
    version: 1,
    textEnc: await sealText(deps, a.study.id, d.text, trx),
    unitsEnc: await sealUnits(deps, a.study.id, d.units, trx),
    length: d.length,
    createdBy: a.actorId,
  });
  await appendAuditEvent(trx, {
    studyId: a.study.id,
    actorId: a.actorId,
    action,
    objectType: 'document',
    objectId: row.id,
    details: { kind: d.kind, length: d.length, units: d.units.length, participantId: d.participantId ?? null, interviewId: d.interviewId ?? null, ...details },
  });
  return detailOf(deps, trx, a.study.id, row.id, viewerOf(a));
}

export async function createDocument(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof createDocumentBody>): Promise<DocumentDetail> {
  const { text, length } = prepareText(input.text);
  const units = checkUnits(input.units ?? [], length);
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    return insertNewDocument(deps, trx, a, { ...input, text, length, units }, 'document.created');
  });
}

/** A transcript from a file or pasted text; speaker turns become the units. */
export async function importTranscript(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof importTranscriptBody>): Promise<DocumentDetail> {
  // the rights first: parsing a large file is work an outsider may not cause
  assertWritable((await access(deps.db, actor, slug, 'data.write')).study);
  let source: { format: string; bytes: number };
  let parsed;
  try {
    if (input.file) {
      const data = Buffer.from(input.file.contentBase64, 'base64');
      if (data.length > MAX_UPLOAD_BYTES) throw badRequest('Het bestand is groter dan 20 MB.');
      source = { format: input.file.name.split('.').pop()?.toLowerCase() ?? '', bytes: data.length };
      parsed = await parseTranscript({ filename: input.file.name, data: new Uint8Array(data.buffer, data.byteOffset, data.length) });
    } else {
      source = { format: 'pasted', bytes: Buffer.byteLength(input.pasted ?? '') };
      parsed = await parseTranscript({ pasted: input.pasted ?? '' });
    }
  } catch (e) {
    if (e instanceof TranscriptError) throw new AppError(`transcript_${e.code}`, e.message, 400);
    throw e;
  }
  // a broken character becomes U+FFFD, one code point for one: the turns stay where they are
  const { text, length } = prepareText(parsed.text);
  const units = checkUnits(parsed.turns.map((t) => ({ start: t.start, end: t.end, speaker: t.speaker?.slice(0, 100) ?? null, role: t.role, startMs: t.startMs, endMs: t.endMs })), length);
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    return insertNewDocument(deps, trx, a, { kind: 'transcript', title: input.title, participantId: input.participantId, interviewId: input.interviewId, text, length, units }, 'document.imported', {
      format: source.format,
      bytes: source.bytes,
    });
  });
}

/** A document made by another module from its own data (e.g. one open survey answer), found again by its source. */
export interface SourcedDocument {
  kind: DocumentDetail['kind'];
  title: string;
  text: string;
  /** text by name, shown with the document and usable in retrieval filters */
  attributes: Record<string, string>;
  /** unique per study: a second call with the same reference adds nothing */
  sourceRef: string;
}

/** How many of these source references already have a document in the study. */
export async function existingSources(db: Kysely<DB>, studyId: string, refs: string[]): Promise<number> {
  return (await repo.existingSourceRefs(db, studyId, refs)).size;
}

/**
 * Adds documents from another module inside the caller's transaction (the caller checked the rights and that the
 * study is writable). Idempotent by source reference; the texts are sealed like every document; one audit event.
 * No participant is linked, so no consent gate applies.
 */
export async function addSourcedDocuments(
  deps: Deps,
  trx: Kysely<DB>,
  studyId: string,
  actorId: string | null,
  docs: SourcedDocument[],
  source: Record<string, unknown>,
): Promise<{ created: number; existing: number; documentIds: string[] }> {
  const prepared = docs.map((d) => {
    const { text, length } = prepareText(d.text);
    if (d.title.trim() === '' || d.title.length > 200) throw badRequest('Een documenttitel heeft 1 tot 200 tekens.');
    return { ...d, text, length };
  });
  const present = await repo.existingSourceRefs(trx, studyId, prepared.map((d) => d.sourceRef));
  const fresh = [...new Map(prepared.filter((d) => !present.has(d.sourceRef)).map((d) => [d.sourceRef, d])).values()];
  const inserted = await repo.insertSourcedDocuments(trx, studyId, fresh, actorId);
  const byRef = new Map(fresh.map((d) => [d.sourceRef, d]));
  const versions = [];
  for (const r of inserted) {
    const d = byRef.get(r.source_ref)!;
    versions.push({ documentId: r.id, version: 1, textEnc: await sealText(deps, studyId, d.text, trx), unitsEnc: await sealUnits(deps, studyId, [], trx), length: d.length, createdBy: actorId });
  }
  await repo.insertVersions(trx, versions);
  if (inserted.length > 0)
    await appendAuditEvent(trx, {
      studyId,
      actorId,
      action: 'documents.bulk_created',
      objectType: 'study',
      objectId: studyId,
      details: { kind: [...new Set(fresh.map((d) => d.kind))].join(','), created: inserted.length, existing: docs.length - inserted.length, ...source },
    });
  return { created: inserted.length, existing: docs.length - inserted.length, documentIds: inserted.map((r) => r.id) };
}

/** The coding workspace's one call: the document, one version's text and units, its codings, and the codebook. */
export async function getDocumentView(deps: Deps, actor: Actor | null, slug: string, documentId: string, version?: number, layer: repo.CodingLayer = 'coder'): Promise<DocumentView> {
  const a = await access(deps.db, actor, slug, 'data.read');
  const viewer = viewerOf(a);
  const d = await repo.findDocument(deps.db, a.study.id, documentId);
  if (!d) throw notFound('Dit document');
  const want = version ?? d.current_version;
  // the consensus layer of a document in an open reliability round is for the lead only (blind mode)
  if (layer === 'consensus' && !viewer.supervise && (await repo.inOpenRound(deps.db, documentId)))
    throw forbidden('De consensuslaag van dit document is te zien zodra de betrouwbaarheidsronde is gesloten.');
  if (d.pseudonymised_version && want < d.pseudonymised_version && !canInStudy(a.role, 'study.confidential'))
    throw forbidden('Versies van vóór de pseudonimisering kunnen herleidbare gegevens bevatten; alleen de projectleider kan ze inzien.');
  const [v, versions, codingRows, codes] = await Promise.all([
    repo.findVersion(deps.db, documentId, want),
    repo.listVersions(deps.db, documentId),
    want === d.current_version ? repo.listCodingsOfVersion(deps.db, documentId, want, { viewer, layer }) : Promise.resolve([]),
    repo.listCodes(deps.db, a.study.id, viewer),
  ]);
  if (!v) throw notFound(`Versie ${want} van dit document`);
  const current = versions.find((x) => x.version === d.current_version);
  const [open, memo, codings] = await Promise.all([
    openVersion(deps, a.study.id, v),
    openMemo(deps, a.study.id, FIELD.documentMemo, d.memo_enc),
    codingsWithMemos(deps, a.study.id, codingRows),
  ]);
  const currentCodings = want === d.current_version && layer === 'coder' ? codings.length : await repo.countCodings(deps.db, documentId, d.current_version, viewer);
  return {
    document: { ...toSummary(d, current?.length ?? v.length, currentCodings), memo },
    version: { version: open.version, text: open.text, units: open.units, length: open.length, frozen: want < d.current_version || codings.length > 0, createdAt: iso(open.createdAt)! },
    versions: versions.map((x) => ({ version: x.version, length: x.length, createdAt: iso(x.created_at)! })),
    codings,
    codes: codes.map(toCode),
  };
}

export async function updateDocument(deps: Deps, actor: Actor | null, slug: string, documentId: string, input: z.output<typeof patchDocumentBody>): Promise<DocumentDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const d = await repo.lockDocument(trx, a.study.id, documentId);
    if (!d) throw notFound('Dit document');
    const participantChanged = input.participantId !== undefined && input.participantId !== d.participant_id;
    const interviewChanged = input.interviewId !== undefined && input.interviewId !== d.interview_id;
    await checkLinks(deps, trx, a.study.id, participantChanged ? input.participantId : null, interviewChanged ? input.interviewId : null);
    await repo.updateDocument(trx, documentId, {
      title: input.title,
      participantId: input.participantId,
      interviewId: input.interviewId,
      memoEnc: input.memo === undefined ? undefined : await sealMemo(deps, a.study.id, FIELD.documentMemo, input.memo, trx),
    });
    const fields = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'document.updated', objectType: 'document', objectId: documentId, details: { fields } });
    return detailOf(deps, trx, a.study.id, documentId, viewerOf(a));
  });
}

export async function deleteDocument(deps: Deps, actor: Actor | null, slug: string, documentId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const d = await repo.lockDocument(trx, a.study.id, documentId);
    if (!d) throw notFound('Dit document');
    const removed = await repo.deleteDocument(trx, a.study.id, documentId);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'document.deleted', objectType: 'document', objectId: documentId, details: { kind: d.kind, ...removed } });
  });
}

// ---- new versions -----------------------------------------------------------------------------------------

interface Rewrite {
  text: string;
  length: number;
  edits: Edit[];
  /** the units of the new text (default: the old ones moved through the edits) */
  units?: Unit[];
  /** always a new version (pseudonymisation), even without codings */
  forceNewVersion?: boolean;
  pseudonymised?: boolean;
}

/** Writes a new text for the current version: in place when it has no codings, else as a new version with the codings moved. */
async function rewrite(deps: Deps, trx: Kysely<DB>, a: Access, d: repo.DocumentRow, old: OpenVersion, r: Rewrite): Promise<Omit<VersionChange, 'document'>> {
  const units = r.units ?? mapSpans(r.edits, old.units).kept;
  const codings = await repo.listCodingsOfVersion(trx, d.id, old.version);
  const textEnc = await sealText(deps, a.study.id, r.text, trx);
  const unitsEnc = await sealUnits(deps, a.study.id, units, trx);
  if (codings.length === 0 && !r.forceNewVersion) {
    await repo.replaceVersionText(trx, { documentId: d.id, version: old.version, textEnc, unitsEnc, length: r.length });
    await repo.updateDocument(trx, d.id, {});
    return { version: old.version, newVersion: false, moved: 0, dropped: [] };
  }
  const version = old.version + 1;
  await repo.insertVersion(trx, { documentId: d.id, version, textEnc, unitsEnc, length: r.length, createdBy: a.actorId });
  const { kept, dropped } = mapSpans(r.edits, codings);
  // two codings of one code and coder that land on the same passage become one
  const seen = new Set<string>();
  const moved: { id: string; start: number; end: number }[] = [];
  const merged: string[] = [];
  for (const c of kept) {
    const key = `${c.code_id}:${c.coder_id ?? ''}:${c.layer ?? 'coder'}:${c.start}:${c.end}`;
    if (seen.has(key)) merged.push(c.id);
    else {
      seen.add(key);
      moved.push({ id: c.id, start: c.start, end: c.end });
    }
  }
  await repo.moveCodings(trx, d.id, version, moved, [...dropped.map((c) => c.id), ...merged]);
  await repo.updateDocument(trx, d.id, { currentVersion: version, ...(r.pseudonymised ? { pseudonymisedVersion: version } : {}) });
  const idx = new CodePointIndex(old.text);
  return {
    version,
    newVersion: true,
    moved: moved.length,
    dropped: dropped.map((c) => ({ codingId: c.id, codeId: c.code_id, start: c.start, end: c.end, text: idx.slice(c.start, c.end) })),
  };
}

async function loadForRewrite(deps: Deps, trx: Kysely<DB>, a: Access, documentId: string, baseVersion: number) {
  const d = await repo.lockDocument(trx, a.study.id, documentId);
  if (!d) throw notFound('Dit document');
  if (baseVersion !== d.current_version) throw versionConflict(d.current_version);
  const v = await repo.findVersion(trx, documentId, d.current_version);
  if (!v) throw notFound('De huidige versie van dit document');
  return { d, old: await openVersion(deps, a.study.id, v, trx) };
}

/** A corrected text. Codings move with their text; codings whose text was deleted are dropped and listed. */
export async function editText(deps: Deps, actor: Actor | null, slug: string, documentId: string, input: { baseVersion: number; text: string }): Promise<VersionChange> {
  const { text, length } = prepareText(input.text);
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const { d, old } = await loadForRewrite(deps, trx, a, documentId, input.baseVersion);
    await gate(deps, trx, a.study.id, d, 'store_transcript');
    if (text === old.text) return { document: await detailOf(deps, trx, a.study.id, documentId, viewerOf(a)), version: old.version, newVersion: false, moved: 0, dropped: [] };
    const change = await rewrite(deps, trx, a, d, old, { text, length, edits: diffEdits(old.text, text) });
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'document.text_edited',
      objectType: 'document',
      objectId: documentId,
      details: { fromVersion: old.version, toVersion: change.version, newVersion: change.newVersion, length, moved: change.moved, dropped: change.dropped.length },
    });
    return { document: await detailOf(deps, trx, a.study.id, documentId, viewerOf(a)), ...change };
  });
}

// ---- pseudonymisation -------------------------------------------------------------------------------------

/** The detector's proposals for the current version (nothing is stored). */
export async function pseudonymProposals(deps: Deps, actor: Actor | null, slug: string, documentId: string) {
  const a = await access(deps.db, actor, slug, 'data.read');
  const d = await repo.findDocument(deps.db, a.study.id, documentId);
  if (!d) throw notFound('Dit document');
  const v = await repo.findVersion(deps.db, documentId, d.current_version);
  if (!v) throw notFound('De huidige versie van dit document');
  const { text } = await openVersion(deps, a.study.id, v);
  return { version: v.version, proposals: detect(text).map((p, index) => ({ index, ...p })) };
}

async function loadMapping(deps: Deps, db: Kysely<DB>, studyId: string): Promise<Mapping | undefined> {
  const sealed = await repo.getPseudonymMap(db, studyId);
  return sealed ? (JSON.parse(await deps.keys.decrypt(studyId, FIELD.map, sealed, db)) as Mapping) : undefined;
}

/**
 * Replaces the accepted spans by labels consistent across the study ([Naam 1] …) in a new version; the codings move
 * through the replacements (a coding on a replaced name ends up on its label); the document is marked pseudonymised.
 */
export async function applyPseudonymisation(deps: Deps, actor: Actor | null, slug: string, documentId: string, input: z.output<typeof pseudonymiseBody>) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const { d, old } = await loadForRewrite(deps, trx, a, documentId, input.baseVersion);
    const spans = [...input.spans].sort((x, y) => x.start - y.start);
    spans.forEach((s, i) => {
      if (!(s.start < s.end) || s.end > old.length) throw badRequest(`Fragment ${i + 1} (${s.start}–${s.end}) ligt niet binnen de tekst van ${old.length} tekens.`);
      if (i > 0 && s.start < spans[i - 1].end) throw badRequest(`Fragment ${i + 1} (${s.start}–${s.end}) overlapt met een ander fragment.`);
    });
    await repo.lockPseudonymMap(trx, a.study.id);
    const existing = await loadMapping(deps, trx, a.study.id);
    const result = pseudonymise(old.text, spans, existing);
    const labelOf = new Map<string, string>();
    for (const [label, e] of Object.entries(result.mapping.entries)) labelOf.set(`${e.kind}\u0000${e.key}`, label);
    const idx = new CodePointIndex(old.text);
    const edits: Edit[] = [];
    const replacements: { start: number; end: number; label: string; kind: Kind }[] = [];
    let delta = 0;
    for (const s of spans) {
      const label = labelOf.get(`${s.kind}\u0000${normaliseEntity(s.kind, idx.slice(s.start, s.end))}`)!;
      const n = cpLength(label);
      edits.push({ start: s.start, end: s.end, length: n });
      replacements.push({ start: s.start + delta, end: s.start + delta + n, label, kind: s.kind });
      delta += n - (s.end - s.start);
    }
    const { text, length } = prepareText(result.text);
    // speaker labels that are pseudonymised names get their label too
    const nameLabel = new Map<string, string>();
    for (const [label, e] of Object.entries(result.mapping.entries)) if (e.kind === 'name') nameLabel.set(e.key, label);
    const units = mapSpans(edits, old.units).kept.map((u) => (u.speaker && nameLabel.has(normaliseEntity('name', u.speaker)) ? { ...u, speaker: nameLabel.get(normaliseEntity('name', u.speaker))! } : u));
    const change = await rewrite(deps, trx, a, d, old, { text, length, edits, units, forceNewVersion: true, pseudonymised: true });
    await repo.putPseudonymMap(trx, a.study.id, await deps.keys.encrypt(a.study.id, FIELD.map, JSON.stringify(result.mapping), trx));
    const kinds: Record<string, number> = {};
    for (const s of spans) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'document.pseudonymised',
      objectType: 'document',
      objectId: documentId,
      details: { fromVersion: old.version, toVersion: change.version, replaced: spans.length, kinds, moved: change.moved, dropped: change.dropped.length },
    });
    return { document: await detailOf(deps, trx, a.study.id, documentId, viewerOf(a)), ...change, replacements };
  });
}

/** The study's mapping label → original texts: confidential (the lead). */
export async function getPseudonymMap(deps: Deps, actor: Actor | null, slug: string) {
  const a = await access(deps.db, actor, slug, 'study.confidential');
  const m = await loadMapping(deps, deps.db, a.study.id);
  const entries = Object.entries(m?.entries ?? {}).map(([label, e]) => ({ label, kind: e.kind, originals: e.originals }));
  entries.sort((x, y) => x.kind.localeCompare(y.kind) || x.label.localeCompare(y.label, 'nl', { numeric: true }));
  return { entries };
}

// ---- codebook ---------------------------------------------------------------------------------------------

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('nl') === b.trim().toLocaleLowerCase('nl');
const nodesOf = (codes: repo.CodeRow[]): TreeNode[] => codes.map((c) => ({ id: c.id, parentId: c.parent_id }));
const siblings = (codes: repo.CodeRow[], parentId: string | null, except?: string) =>
  codes.filter((c) => c.parent_id === parentId && c.id !== except).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'nl'));
const nameTaken = (name: string) =>
  conflict(`Er is op deze plaats in het codeboek al een code met de naam "${name}". Kies een andere naam of voeg de codes samen.`);

function assertFreeName(codes: repo.CodeRow[], parentId: string | null, name: string, except?: string) {
  if (siblings(codes, parentId, except).some((c) => sameName(c.name, name))) throw nameTaken(name);
}

/** Runs fn under the codebook lock with the current codes. */
async function withCodebook<T>(deps: Deps, actor: Actor | null, slug: string, fn: (trx: Kysely<DB>, a: Access, codes: repo.CodeWithCount[]) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockCodebook(trx, a.study.id);
    try {
      return await fn(trx, a, await repo.listCodes(trx, a.study.id));
    } catch (e) {
      if (e instanceof CodeTreeError) throw badRequest(e.message);
      throw e;
    }
  });
}

export async function listCodes(deps: Deps, actor: Actor | null, slug: string) {
  const a = await access(deps.db, actor, slug, 'data.read');
  return { codes: (await repo.listCodes(deps.db, a.study.id, viewerOf(a))).map(toCode) };
}

async function codeOf(trx: Kysely<DB>, studyId: string, id: string): Promise<Code> {
  return toCode((await repo.listCodes(trx, studyId)).find((c) => c.id === id)!);
}

export async function createCode(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof createCodeBody>): Promise<Code> {
  return withCodebook(deps, actor, slug, async (trx, a, codes) => {
    const parentId = input.parentId ?? null;
    if (parentId && !codes.some((c) => c.id === parentId)) throw notFound('De bovenliggende code');
    assertFreeName(codes, parentId, input.name);
    const sib = siblings(codes, parentId);
    const row = await repo.insertCode(trx, {
      studyId: a.study.id,
      parentId,
      name: input.name,
      description: input.description ?? '',
      color: (input.color ?? DEFAULT_CODE_COLOR).toLowerCase(),
      memo: input.memo ?? '',
      position: sib.length ? Math.max(...sib.map((c) => c.position)) + 1 : 0,
      createdBy: a.actorId,
    });
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'code.created', objectType: 'code', objectId: row.id, details: { name: row.name, parentId } });
    return toCode({ ...row, codings: 0 });
  });
}

export async function updateCode(deps: Deps, actor: Actor | null, slug: string, codeId: string, input: z.output<typeof patchCodeBody>): Promise<Code> {
  return withCodebook(deps, actor, slug, async (trx, a, codes) => {
    const c = codes.find((x) => x.id === codeId);
    if (!c) throw notFound('Deze code');
    if (input.name !== undefined && input.name !== c.name) assertFreeName(codes, c.parent_id, input.name, c.id);
    await repo.updateCode(trx, codeId, { ...input, color: input.color?.toLowerCase() });
    const fields = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'code.updated',
      objectType: 'code',
      objectId: codeId,
      details: { fields, ...(input.name !== undefined && input.name !== c.name ? { from: c.name, to: input.name } : {}) },
    });
    return codeOf(trx, a.study.id, codeId);
  });
}

export async function moveCode(deps: Deps, actor: Actor | null, slug: string, codeId: string, input: { parentId: string | null; position?: number }) {
  return withCodebook(deps, actor, slug, async (trx, a, codes) => {
    const c = codes.find((x) => x.id === codeId);
    if (!c) throw notFound('Deze code');
    if (input.parentId && !codes.some((x) => x.id === input.parentId)) throw notFound('De nieuwe bovenliggende code');
    const why = explainMove(nodesOf(codes), codeId, input.parentId);
    if (why) throw badRequest(why);
    if (input.parentId !== c.parent_id) assertFreeName(codes, input.parentId, c.name, c.id);
    const target = siblings(codes, input.parentId, c.id).map((x) => x.id);
    const at = Math.min(input.position ?? target.length, target.length);
    target.splice(at, 0, c.id);
    if (input.parentId !== c.parent_id) {
      await repo.updateCode(trx, c.id, { parentId: input.parentId });
      await repo.setPositions(trx, siblings(codes, c.parent_id, c.id).map((x) => x.id));
    }
    await repo.setPositions(trx, target);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'code.moved', objectType: 'code', objectId: codeId, details: { from: c.parent_id, to: input.parentId, position: at } });
    return { codes: (await repo.listCodes(trx, a.study.id)).map(toCode) };
  });
}

interface MergeStats {
  recoded: number;
  removedDuplicates: number;
  movedChildren: number;
  merged: string[];
}

/** Merges source into target; subcodes with a name the target already has below it are merged into that one. */
async function mergeInto(trx: Kysely<DB>, studyId: string, codes: repo.CodeRow[], sourceId: string, targetId: string, stats: MergeStats) {
  const refs = await repo.codingRefs(trx, [sourceId, targetId]);
  const plan = mergePlan(
    nodesOf(codes),
    sourceId,
    targetId,
    refs.map((r) => ({ id: r.id, codeId: r.code_id, segmentKey: `${r.document_id}:${r.version}:${r.start}:${r.end}:${r.coder_id ?? ''}:${r.layer}` })),
  );
  await repo.deleteCodingsByIds(trx, plan.dropDuplicates);
  await repo.recodeCodings(trx, plan.recode, targetId);
  stats.recoded += plan.recode.length;
  stats.removedDuplicates += plan.dropDuplicates.length;
  let position = Math.max(-1, ...siblings(codes, targetId).map((c) => c.position)) + 1;
  for (const m of plan.moveChildren) {
    const child = codes.find((c) => c.id === m.id)!;
    const same = siblings(codes, targetId, sourceId).find((t) => t.id !== child.id && sameName(t.name, child.name));
    if (same) await mergeInto(trx, studyId, codes, child.id, same.id, stats);
    else {
      await repo.updateCode(trx, child.id, { parentId: targetId, position });
      child.parent_id = targetId;
      child.position = position++;
      stats.movedChildren++;
    }
  }
  await repo.deleteCodes(trx, studyId, [sourceId]);
  codes.splice(
    codes.findIndex((c) => c.id === sourceId),
    1,
  );
  stats.merged.push(sourceId);
}

export async function mergeCode(deps: Deps, actor: Actor | null, slug: string, codeId: string, targetId: string) {
  return withCodebook(deps, actor, slug, async (trx, a, codes) => {
    const source = codes.find((x) => x.id === codeId);
    if (!source) throw notFound('Deze code');
    const target = codes.find((x) => x.id === targetId);
    if (!target) throw notFound('De code waarmee u wilt samenvoegen');
    mergePlan(nodesOf(codes), codeId, targetId); // refuses a merge into itself or a subcode
    const stats: MergeStats = { recoded: 0, removedDuplicates: 0, movedChildren: 0, merged: [] };
    await mergeInto(trx, a.study.id, codes, codeId, targetId, stats);
    await repo.setPositions(trx, siblings(codes, source.parent_id).map((x) => x.id));
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'code.merged',
      objectType: 'code',
      objectId: codeId,
      details: { name: source.name, into: targetId, intoName: target.name, mergedCodes: stats.merged, recoded: stats.recoded, removedDuplicates: stats.removedDuplicates, movedChildren: stats.movedChildren },
    });
    return { codes: (await repo.listCodes(trx, a.study.id)).map(toCode), recoded: stats.recoded, removedDuplicates: stats.removedDuplicates, movedChildren: stats.movedChildren };
  });
}

/** Deletes a code with its subcodes; 409 while they have codings, unless withCodings. */
export async function deleteCode(deps: Deps, actor: Actor | null, slug: string, codeId: string, withCodings: boolean) {
  return withCodebook(deps, actor, slug, async (trx, a, codes) => {
    const c = codes.find((x) => x.id === codeId);
    if (!c) throw notFound('Deze code');
    const ids = [codeId, ...descendants(nodesOf(codes), codeId)];
    const inUse = codes.filter((x) => ids.includes(x.id)).reduce((n, x) => n + x.codings, 0);
    if (inUse > 0 && !withCodings) {
      throw new AppError(
        'code_in_use',
        `De code "${c.name}"${ids.length > 1 ? ' of een van haar subcodes' : ''} is op ${inUse} ${inUse === 1 ? 'fragment' : 'fragmenten'} toegepast. Verwijder die coderingen mee, of voeg de code samen met een andere.`,
        409,
      );
    }
    const deletedCodings = await repo.deleteCodingsOfCodes(trx, ids);
    await repo.deleteCodes(trx, a.study.id, ids);
    await repo.setPositions(trx, siblings(codes, c.parent_id, c.id).map((x) => x.id));
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'code.deleted', objectType: 'code', objectId: codeId, details: { name: c.name, codes: ids.length, codings: deletedCodings } });
    return { ok: true as const, deletedCodes: ids.length, deletedCodings };
  });
}

/** Adds the ready-made codebook; codes whose name exists at the same place are skipped (idempotent). */
export async function addTemplate(deps: Deps, actor: Actor | null, slug: string) {
  return withCodebook(deps, actor, slug, async (trx, a, codes) => {
    let added = 0;
    let skipped = 0;
    const rows: repo.CodeRow[] = [...codes];
    const walk = async (list: readonly TemplateCode[], parentId: string | null) => {
      for (const t of list) {
        let here = rows.find((c) => c.parent_id === parentId && sameName(c.name, t.name));
        if (here) skipped++;
        else {
          const sib = siblings(rows, parentId);
          here = await repo.insertCode(trx, {
            studyId: a.study.id,
            parentId,
            name: t.name,
            description: t.description,
            color: t.color,
            memo: '',
            position: sib.length ? Math.max(...sib.map((c) => c.position)) + 1 : 0,
            createdBy: a.actorId,
          });
          rows.push(here);
          added++;
        }
        if (t.children) await walk(t.children, here.id);
      }
    };
    await walk(CODEBOOK_TEMPLATE, null);
    if (added > 0) await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'codebook.template_added', objectType: 'study', objectId: a.study.id, details: { added, skipped } });
    return { codes: (await repo.listCodes(trx, a.study.id)).map(toCode), added, skipped };
  });
}

// ---- codings ----------------------------------------------------------------------------------------------

async function assertCodes(db: Kysely<DB>, studyId: string, codeIds: string[]): Promise<string[]> {
  const unique = [...new Set(codeIds)];
  const found = await repo.findCodesByIds(db, studyId, unique);
  if (found.length !== unique.length) throw notFound('Een of meer van de gekozen codes');
  return unique;
}

/** Applies one or more codes to a passage of the current version; a code already on that passage (same coder) is left alone. */
export async function applyCoding(deps: Deps, actor: Actor | null, slug: string, documentId: string, input: z.output<typeof applyCodingBody>) {
  if (!(input.end > input.start)) throw badRequest('Het fragment is leeg: het einde moet na het begin liggen.');
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const d = await repo.lockDocument(trx, a.study.id, documentId);
    if (!d) throw notFound('Dit document');
    if (input.version !== d.current_version) throw versionConflict(d.current_version);
    const v = await repo.findVersion(trx, documentId, d.current_version);
    if (!v) throw notFound('De huidige versie van dit document');
    if (input.end > v.length) throw badRequest(`Het fragment (${input.start}–${input.end}) valt buiten de tekst van ${v.length} tekens.`);
    const codeIds = await assertCodes(trx, a.study.id, input.codeIds);
    const layer = input.layer ?? 'coder';
    if (layer === 'consensus' && !canInStudy(a.role, 'coding.supervise')) throw forbidden('Alleen de projectleider kan de consensuslaag coderen.');
    await gate(deps, trx, a.study.id, d, 'code');
    const memoEnc = await sealMemo(deps, a.study.id, FIELD.codingMemo, input.memo, trx);
    const inserted = await repo.insertCodings(
      trx,
      codeIds.map((codeId) => ({ documentId, version: v.version, codeId, start: input.start, end: input.end, memoEnc, coderId: a.actorId, layer })),
    );
    const rows = await repo.findCodingsAt(trx, { documentId, version: v.version, start: input.start, end: input.end, coderId: a.actorId, codeIds, layer });
    if (inserted.length > 0) {
      await appendAuditEvent(trx, {
        studyId: a.study.id,
        actorId: a.actorId,
        action: 'coding.created',
        objectType: 'document',
        objectId: documentId,
        details: { version: v.version, start: input.start, end: input.end, codeIds: inserted.map((r) => r.code_id), codingIds: inserted.map((r) => r.id), ...(layer === 'consensus' ? { layer } : {}) },
      });
    }
    const order = new Map(codeIds.map((id, i) => [id, i]));
    rows.sort((x, y) => order.get(x.code_id)! - order.get(y.code_id)!);
    return { codings: await codingsWithMemos(deps, a.study.id, rows, trx), created: inserted.length };
  });
}

async function codingForWrite(trx: Kysely<DB>, a: Access, codingId: string) {
  // blind mode: another coder's coding of a document in an open round does not exist for this user
  const c = await repo.findCoding(trx, a.study.id, codingId, viewerOf(a));
  if (!c) throw notFound('Deze codering');
  if (c.layer === 'consensus' && !canInStudy(a.role, 'coding.supervise'))
    throw forbidden('Alleen de projectleider kan consensuscoderingen wijzigen (via Teamcodering).');
  const d = await repo.lockDocument(trx, a.study.id, c.document_id);
  if (!d) throw notFound('Deze codering');
  return { c, d };
}

export async function updateCodingMemo(deps: Deps, actor: Actor | null, slug: string, codingId: string, memo: string): Promise<Coding> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const { d } = await codingForWrite(trx, a, codingId);
    await gate(deps, trx, a.study.id, d, 'code');
    const row = await repo.setCodingMemo(trx, codingId, await sealMemo(deps, a.study.id, FIELD.codingMemo, memo, trx));
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'coding.updated', objectType: 'coding', objectId: codingId, details: { documentId: d.id, fields: ['memo'], length: memo.length } });
    return toCoding(row, memo);
  });
}

export async function deleteCoding(deps: Deps, actor: Actor | null, slug: string, codingId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const { c, d } = await codingForWrite(trx, a, codingId);
    await repo.deleteCoding(trx, codingId);
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'coding.deleted',
      objectType: 'coding',
      objectId: codingId,
      details: { documentId: d.id, codeId: c.code_id, version: c.version, start: c.start, end: c.end },
    });
  });
}

/** The stretch to code for a hit: the hit, its sentence or its speaker turn (a line when the text has no turns). */
export function extentOf(text: string, units: Unit[], hit: { start: number; end: number }, extent: HitExtent, cache: { sentences?: { start: number; end: number }[] }): { start: number; end: number } {
  if (extent === 'hit') return hit;
  const turns = units.length ? units : linesOf(text);
  if (extent === 'turn') {
    const t = turns.find((u) => u.start <= hit.start && hit.start < u.end);
    return t ? { start: Math.min(t.start, hit.start), end: Math.max(t.end, hit.end) } : hit;
  }
  cache.sentences ??= sentenceUnits(
    text,
    turns.map((t) => ({ start: t.start, end: t.end, speaker: null, role: null, startMs: null, endMs: null })),
  );
  const s = cache.sentences.find((u) => u.start <= hit.start && hit.start < u.end);
  return s ? { start: Math.min(s.start, hit.start), end: Math.max(s.end, hit.end) } : hit;
}

/** The non-empty lines of a text as spans (code points). */
function linesOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const n = cpLength(line);
    if (line.trim()) out.push({ start: at, end: at + n });
    at += n + 1;
  }
  return out;
}

/** "Code all hits": every hit (or its sentence or turn) gets the codes; one transaction, one audit event. */
export async function bulkCode(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof bulkCodingBody>) {
  input.hits.forEach((h, i) => {
    if (!(h.end > h.start)) throw badRequest(`Vindplaats ${i + 1} is leeg: het einde moet na het begin liggen.`);
  });
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const docIds = [...new Set(input.hits.map((h) => h.documentId))];
    const docs = await repo.findDocumentsByIds(trx, a.study.id, docIds);
    if (docs.length !== docIds.length) throw notFound('Een of meer van de documenten');
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const h of input.hits) if (h.version !== byId.get(h.documentId)!.current_version) throw versionConflict(byId.get(h.documentId)!.current_version);
    const codeIds = await assertCodes(trx, a.study.id, input.codeIds);
    for (const p of new Set(docs.map((d) => d.participant_id).filter((x): x is string => !!x))) await assertConsent(deps, trx, a.study.id, p, 'code');
    const versions = await repo.versionsByKeys(
      trx,
      docs.map((d) => ({ documentId: d.id, version: d.current_version })),
    );
    const open = new Map<string, { text?: string; units?: Unit[]; length: number; cache: { sentences?: { start: number; end: number }[] } }>();
    for (const v of versions) open.set(v.document_id, { length: v.length, cache: {} });
    const rows: repo.NewCoding[] = [];
    const seen = new Set<string>();
    for (const [i, h] of input.hits.entries()) {
      const o = open.get(h.documentId)!;
      if (h.end > o.length) throw badRequest(`Vindplaats ${i + 1} (${h.start}–${h.end}) valt buiten de tekst van ${o.length} tekens.`);
      let span = { start: h.start, end: h.end };
      if (input.extent !== 'hit') {
        if (o.text === undefined) {
          const v = versions.find((x) => x.document_id === h.documentId)!;
          o.text = await deps.keys.decrypt(a.study.id, FIELD.text, v.text_enc, trx);
          o.units = JSON.parse(await deps.keys.decrypt(a.study.id, FIELD.units, v.units_enc, trx)) as Unit[];
        }
        span = extentOf(o.text, o.units!, span, input.extent, o.cache);
      }
      for (const codeId of codeIds) {
        const key = `${h.documentId}:${codeId}:${span.start}:${span.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ documentId: h.documentId, version: h.version, codeId, start: span.start, end: span.end, memoEnc: null, coderId: a.actorId });
      }
    }
    const inserted = await repo.insertCodings(trx, rows);
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'codings.bulk_created',
      objectType: 'study',
      objectId: a.study.id,
      details: { codeIds, hits: input.hits.length, extent: input.extent, created: inserted.length, existing: rows.length - inserted.length, documents: docIds.length },
    });
    return { created: inserted.length, existing: rows.length - inserted.length, documents: docIds.length };
  });
}

// ---- retrieval --------------------------------------------------------------------------------------------

/** The context of a segment: its speaker turn (at most 1,000 code points on either side) or ±200 code points. */
export function contextOf(idx: CodePointIndex, units: Unit[], seg: { start: number; end: number }, mode: 'turn' | 'chars'): { start: number; end: number; speaker: string | null } {
  const turn = units.find((u) => u.start <= seg.start && seg.start < u.end) ?? null;
  if (mode === 'turn' && turn) {
    return { start: Math.max(Math.min(turn.start, seg.start), seg.start - 1_000), end: Math.min(Math.max(turn.end, seg.end), seg.end + 1_000), speaker: turn.speaker };
  }
  return { start: Math.max(0, seg.start - CONTEXT_CHARS), end: Math.min(idx.length, seg.end + CONTEXT_CHARS), speaker: turn?.speaker ?? null };
}

export async function retrieveSegments(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof retrieveBody>): Promise<{ total: number; segments: Segment[] }> {
  const a = await access(deps.db, actor, slug, 'data.read');
  let codeIds = [...new Set(input.codeIds)];
  if (input.includeChildren) {
    const nodes = nodesOf(await repo.listCodes(deps.db, a.study.id));
    codeIds = [...new Set(codeIds.flatMap((id) => [id, ...descendants(nodes, id)]))];
  }
  const { rows, total } = await repo.listSegments(deps.db, a.study.id, {
    codeIds,
    documentIds: input.documentIds,
    kinds: input.kinds,
    attributes: input.attributes,
    offset: input.offset,
    limit: input.limit,
    viewer: viewerOf(a),
  });
  const versions = await repo.versionsByKeys(deps.db, [...new Map(rows.map((r) => [`${r.document_id}:${r.version}`, { documentId: r.document_id, version: r.version }])).values()]);
  const texts = new Map<string, { idx: CodePointIndex; units: Unit[] }>();
  for (const v of versions) {
    const [text, units] = await Promise.all([deps.keys.decrypt(a.study.id, FIELD.text, v.text_enc), deps.keys.decrypt(a.study.id, FIELD.units, v.units_enc)]);
    texts.set(`${v.document_id}:${v.version}`, { idx: new CodePointIndex(text), units: JSON.parse(units) as Unit[] });
  }
  const people = await repo.participantAttributes(deps.db, [...new Set(rows.map((r) => r.participant_id).filter((x): x is string => !!x))]);
  const segments: Segment[] = [];
  for (const r of rows) {
    const t = texts.get(`${r.document_id}:${r.version}`)!;
    const ctx = contextOf(t.idx, t.units, r, input.context);
    segments.push({
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
      memo: await openMemo(deps, a.study.id, FIELD.codingMemo, r.memo_enc),
      coderId: r.coder_id,
      createdAt: iso(r.created_at)!,
      speaker: ctx.speaker,
      context: { start: ctx.start, end: ctx.end, text: t.idx.slice(ctx.start, ctx.end) },
      participant: r.participant_id ? { id: r.participant_id, code: r.participant_code ?? '', attributes: people.get(r.participant_id) ?? {} } : null,
      documentAttributes: r.document_attributes ?? {},
    });
  }
  return { total, segments };
}

// ---- search -----------------------------------------------------------------------------------------------

/** Stems already asked of PostgreSQL (words of decrypted texts stay in this process only). */
const stemCache = new Map<string, string | null>();
const STEM_CACHE_MAX = 200_000;

async function stemsFor(db: Kysely<DB>, words: string[]): Promise<Map<string, string | null>> {
  const missing = words.filter((w) => !stemCache.has(w));
  if (missing.length) {
    const fresh = await repo.dutchStems(db, missing);
    if (stemCache.size + fresh.size > STEM_CACHE_MAX) stemCache.clear();
    for (const [w, s] of fresh) stemCache.set(w, s);
  }
  return new Map(words.map((w) => [w, stemCache.get(w) ?? null]));
}

export async function search(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof searchBody>): Promise<SearchResponse> {
  const a = await access(deps.db, actor, slug, 'data.read');
  const terms = parseQuery(input.query);
  if (terms.length === 0) throw badRequest('De zoekvraag bevat geen woorden.');
  const docs = await repo.currentVersions(deps.db, a.study.id, { documentIds: input.documentIds, kinds: input.kinds });
  const opened: { id: string; title: string; version: number; idx: CodePointIndex; tokens: Token[] }[] = [];
  for (const d of docs) {
    const text = await deps.keys.decrypt(a.study.id, FIELD.text, d.text_enc);
    const idx = new CodePointIndex(text);
    opened.push({ id: d.id, title: d.title, version: d.version, idx, tokens: tokenize(text, idx) });
  }
  const stems = await stemsFor(deps.db, wordsToStem(terms, opened.flatMap((o) => o.tokens)));
  const hits: SearchResponse['hits'] = [];
  let total = 0;
  let withHits = 0;
  for (const o of opened) {
    const matches = findMatches(o.tokens, terms, stems);
    if (matches.length === 0) continue;
    if (input.all && new Set(matches.map((m) => m.term)).size < terms.length) continue;
    withHits++;
    total += matches.length;
    for (const m of matches) {
      if (hits.length >= input.limit) break;
      hits.push({ documentId: o.id, documentTitle: o.title, version: o.version, start: m.start, end: m.end, snippet: snippet(o.idx, m.start, m.end) });
    }
  }
  return { hits, total, documents: docs.length, documentsWithHits: withHits, truncated: total > hits.length, terms: describeTerms(terms, stems) };
}

// ---- for other modules (findings) -------------------------------------------------------------------------

/** The names of the study's codes by id (themes of findings and signals). */
export async function codeNames(db: Kysely<DB>, studyId: string): Promise<Map<string, string>> {
  return new Map((await repo.listCodes(db, studyId)).map((c) => [c.id, c.name]));
}

export interface QuoteOut {
  codingId: string;
  codeId: string;
  codeName: string;
  documentId: string;
  documentTitle: string;
  participantId: string | null;
  participantCode: string | null;
  /** null when the consent gate refuses quoting (see `refused`) */
  text: string | null;
  refused: string | null;
}

/**
 * Coded segments as quotes, for evidence links (the caller has checked the rights). Each passes the consent gate
 * ('quote', via assertConsent): a participant whose consent does not cover quoting today gives `text: null` with the
 * reason. Codings that are not in the study are left out.
 */
export async function quotesByCodingIds(deps: Deps, db: Kysely<DB>, studyId: string, ids: string[]): Promise<Map<string, QuoteOut>> {
  const rows = await repo.segmentsByCodingIds(db, studyId, [...new Set(ids)]);
  const versions = await repo.versionsByKeys(db, [...new Map(rows.map((r) => [`${r.document_id}:${r.version}`, { documentId: r.document_id, version: r.version }])).values()]);
  const texts = new Map<string, CodePointIndex>();
  for (const v of versions) texts.set(`${v.document_id}:${v.version}`, new CodePointIndex(await deps.keys.decrypt(studyId, FIELD.text, v.text_enc)));
  const refusal = new Map<string, string | null>();
  for (const pid of new Set(rows.map((r) => r.participant_id).filter((x): x is string => !!x))) {
    try {
      await assertConsent(deps, db, studyId, pid, 'quote');
      refusal.set(pid, null);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refusal.set(pid, e.message);
    }
  }
  const out = new Map<string, QuoteOut>();
  for (const r of rows) {
    const refused = r.participant_id ? (refusal.get(r.participant_id) ?? null) : null;
    const idx = texts.get(`${r.document_id}:${r.version}`);
    out.set(r.id, {
      codingId: r.id,
      codeId: r.code_id,
      codeName: r.code_name,
      documentId: r.document_id,
      documentTitle: r.title,
      participantId: r.participant_id,
      participantCode: r.participant_code,
      text: refused || !idx ? null : idx.slice(r.start, r.end),
      refused,
    });
  }
  return out;
}
