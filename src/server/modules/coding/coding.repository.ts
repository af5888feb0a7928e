/**
 * Every SQL query of qualitative coding: documents and their versions, the codebook, codings, the pseudonym mapping,
 * retrieval and the Dutch stems for search. Texts arrive here sealed; this file never sees plaintext of them.
 */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { CodesTable, CodingsTable, DB, DocumentsTable, DocumentVersionsTable } from '../../db/schema';

export type DocumentRow = Selectable<DocumentsTable>;
export type VersionRow = Selectable<DocumentVersionsTable>;
export type CodeRow = Selectable<CodesTable>;
export type CodingRow = Selectable<CodingsTable>;
export type DocumentWithParticipant = DocumentRow & { participant_code: string | null };

const CODEBOOK_LOCK = 7_274_005;
const PSEUDONYM_LOCK = 7_274_006;

// ---- who sees which codings (team coding) -----------------------------------------------------------------

export type CodingLayer = 'coder' | 'consensus';

/** The reader of codings: blind mode hides other coders' codings from users without coding.supervise. */
export interface CodingViewer {
  userId: string;
  /** holds coding.supervise (the lead): sees every coding */
  supervise: boolean;
}

/**
 * THE blind-mode rule, as one SQL condition on the codings row `alias`: while a reliability round is open, a user
 * without coding.supervise sees, of the round's documents, only their own codings. Every query that returns
 * codings (or counts them) to a user adds this condition.
 */
export function codingVisibleTo(viewer: CodingViewer, alias = 'c'): RawBuilder<boolean> {
  if (viewer.supervise) return sql<boolean>`true`;
  return sql<boolean>`(${sql.ref(`${alias}.coder_id`)} = ${viewer.userId} or not exists (
    select 1 from round_documents rd join reliability_rounds rr on rr.id = rd.round_id
    where rd.document_id = ${sql.ref(`${alias}.document_id`)} and rr.status = 'open'))`;
}

/**
 * THE analysis rule, as one SQL condition on the codings row `alias`: for a document version that has any
 * consensus codings, analysis uses only those; otherwise all coder codings. (Combine with c.version =
 * d.current_version for the current texts.)
 */
export function analysisCodingFilter(alias = 'c'): RawBuilder<boolean> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  return sql<boolean>`(${c('layer')} = 'consensus' or not exists (
    select 1 from codings cx where cx.document_id = ${c('document_id')} and cx.version = ${c('version')} and cx.layer = 'consensus'))`;
}

export interface AnalysisCodingRow {
  id: string;
  document_id: string;
  version: number;
  code_id: string;
  start: number;
  end: number;
  coder_id: string | null;
  layer: CodingLayer;
  participant_id: string | null;
}

/**
 * The codings analysis uses (the current version of each document; consensus-only where a document has
 * consensus codings, see analysisCodingFilter), optionally for some codes or documents, and as `viewer` may see
 * them (blind mode) when given.
 */
export async function analysisCodings(
  db: Kysely<DB>,
  studyId: string,
  f: { codeIds?: string[]; documentIds?: string[]; viewer?: CodingViewer } = {},
): Promise<AnalysisCodingRow[]> {
  const conds = [sql`d.study_id = ${studyId}`, sql`c.version = d.current_version`, analysisCodingFilter('c')];
  if (f.codeIds) conds.push(sql`c.code_id = any(${f.codeIds}::uuid[])`);
  if (f.documentIds) conds.push(sql`c.document_id = any(${f.documentIds}::uuid[])`);
  if (f.viewer) conds.push(codingVisibleTo(f.viewer, 'c'));
  const { rows } = await sql<{ j: AnalysisCodingRow[] }>`
    select coalesce(json_agg(x order by x.document_id, x.start, x."end", x.id), '[]'::json) as j from (
      select c.id, c.document_id, c.version, c.code_id, c.start, c."end", c.coder_id, c.layer, d.participant_id
      from codings c join documents d on d.id = c.document_id
      where ${sql.join(conds, sql` and `)}) x`.execute(db);
  return rows[0]?.j ?? [];
}

// ---- documents --------------------------------------------------------------------------------------------

export async function insertDocument(
  trx: Kysely<DB>,
  d: { studyId: string; kind: string; title: string; participantId: string | null; interviewId: string | null; createdBy: string | null },
): Promise<DocumentRow> {
  return trx
    .insertInto('documents')
    .values({ study_id: d.studyId, kind: d.kind, title: d.title, participant_id: d.participantId, interview_id: d.interviewId, created_by: d.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(trx: Kysely<DB>, v: { documentId: string; version: number; textEnc: string; unitsEnc: string; length: number; createdBy: string | null }) {
  await trx
    .insertInto('document_versions')
    .values({ document_id: v.documentId, version: v.version, text_enc: v.textEnc, units_enc: v.unitsEnc, length: v.length, created_by: v.createdBy })
    .execute();
}

/** The source references of a study that already have a document (idempotent imports from other modules). */
export async function existingSourceRefs(db: Kysely<DB>, studyId: string, refs: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < refs.length; i += 5_000) {
    const chunk = refs.slice(i, i + 5_000);
    const rows = await db.selectFrom('documents').select('source_ref').where('study_id', '=', studyId).where('source_ref', 'in', chunk).execute();
    for (const r of rows) if (r.source_ref) out.add(r.source_ref);
  }
  return out;
}

/** Documents with a source reference and attributes, many at once; a reference already present is skipped. */
export async function insertSourcedDocuments(
  trx: Kysely<DB>,
  studyId: string,
  docs: { kind: string; title: string; attributes: Record<string, string>; sourceRef: string }[],
  createdBy: string | null,
): Promise<{ id: string; source_ref: string }[]> {
  const out: { id: string; source_ref: string }[] = [];
  for (let i = 0; i < docs.length; i += 500) {
    const rows = await trx
      .insertInto('documents')
      .values(
        docs.slice(i, i + 500).map((d) => ({
          study_id: studyId,
          kind: d.kind,
          title: d.title,
          participant_id: null,
          interview_id: null,
          attributes: JSON.stringify(d.attributes) as never,
          source_ref: d.sourceRef,
          created_by: createdBy,
        })),
      )
      .onConflict((oc) => oc.columns(['study_id', 'source_ref']).where('source_ref', 'is not', null).doNothing())
      .returning(['id', 'source_ref'])
      .execute();
    for (const r of rows) out.push({ id: r.id, source_ref: r.source_ref! });
  }
  return out;
}

export async function insertVersions(trx: Kysely<DB>, rows: { documentId: string; version: number; textEnc: string; unitsEnc: string; length: number; createdBy: string | null }[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('document_versions')
      .values(rows.slice(i, i + 500).map((v) => ({ document_id: v.documentId, version: v.version, text_enc: v.textEnc, units_enc: v.unitsEnc, length: v.length, created_by: v.createdBy })))
      .execute();
  }
}

/** Corrects a version that has no codings in place. */
export async function replaceVersionText(trx: Kysely<DB>, v: { documentId: string; version: number; textEnc: string; unitsEnc: string; length: number }) {
  await trx
    .updateTable('document_versions')
    .set({ text_enc: v.textEnc, units_enc: v.unitsEnc, length: v.length })
    .where('document_id', '=', v.documentId)
    .where('version', '=', v.version)
    .execute();
}

const documentWithParticipant = (db: Kysely<DB>) =>
  db.selectFrom('documents as d').leftJoin('participants as p', 'p.id', 'd.participant_id').selectAll('d').select('p.code as participant_code');

export const findDocument = (db: Kysely<DB>, studyId: string, id: string) =>
  documentWithParticipant(db).where('d.study_id', '=', studyId).where('d.id', '=', id).executeTakeFirst() as Promise<DocumentWithParticipant | undefined>;

/** The document row locked for the rest of the transaction: edits of one document are serialised. */
export const lockDocument = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('documents').selectAll().where('study_id', '=', studyId).where('id', '=', id).forUpdate().executeTakeFirst();

export const findDocumentsByIds = (db: Kysely<DB>, studyId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([] as DocumentRow[]) : db.selectFrom('documents').selectAll().where('study_id', '=', studyId).where('id', 'in', ids).orderBy('id').forUpdate().execute();

export async function updateDocument(
  trx: Kysely<DB>,
  id: string,
  f: { title?: string; participantId?: string | null; interviewId?: string | null; memoEnc?: string | null; currentVersion?: number; pseudonymisedVersion?: number },
) {
  await trx
    .updateTable('documents')
    .set({
      ...(f.title !== undefined ? { title: f.title } : {}),
      ...(f.participantId !== undefined ? { participant_id: f.participantId } : {}),
      ...(f.interviewId !== undefined ? { interview_id: f.interviewId } : {}),
      ...(f.memoEnc !== undefined ? { memo_enc: f.memoEnc } : {}),
      ...(f.currentVersion !== undefined ? { current_version: f.currentVersion } : {}),
      ...(f.pseudonymisedVersion !== undefined ? { pseudonymised: true, pseudonymised_version: f.pseudonymisedVersion } : {}),
      updated_at: sql`now()`,
    } as never)
    .where('id', '=', id)
    .execute();
}

export async function deleteDocument(trx: Kysely<DB>, studyId: string, id: string): Promise<{ versions: number; codings: number }> {
  const c = await trx
    .selectFrom('documents as d')
    .where('d.id', '=', id)
    .select((eb) => [
      eb.selectFrom('document_versions').whereRef('document_id', '=', 'd.id').select(sql<number>`count(*)::int`.as('n')).as('versions'),
      eb.selectFrom('codings').whereRef('document_id', '=', 'd.id').select(sql<number>`count(*)::int`.as('n')).as('codings'),
    ])
    .executeTakeFirst();
  await trx.deleteFrom('documents').where('study_id', '=', studyId).where('id', '=', id).execute();
  return { versions: Number(c?.versions ?? 0), codings: Number(c?.codings ?? 0) };
}

export interface DocumentFilter {
  kind?: string;
  participantId?: string;
  q?: string;
  offset: number;
  limit: number;
  /** counts only the codings this user may see; their assigned documents come first */
  viewer?: CodingViewer;
  /** only the documents assigned to the viewer */
  assignedOnly?: boolean;
}

export type DocumentListRow = DocumentWithParticipant & { length: number; codings: number; assigned_to_me: boolean };

export async function listDocuments(db: Kysely<DB>, studyId: string, f: DocumentFilter): Promise<{ rows: DocumentListRow[]; total: number }> {
  let q = db.selectFrom('documents as d').where('d.study_id', '=', studyId);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.participantId) q = q.where('d.participant_id', '=', f.participantId);
  if (f.q) q = q.where(sql<boolean>`position(lower(${f.q}) in lower(d.title)) > 0`);
  const mine = sql<boolean>`exists (select 1 from coding_assignments ca where ca.document_id = d.id and ca.coder_id = ${f.viewer?.userId ?? null})`;
  if (f.assignedOnly) q = q.where(mine);
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('participants as p', 'p.id', 'd.participant_id')
    .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
    .selectAll('d')
    .select(['p.code as participant_code', 'v.length'])
    .select((eb) =>
      eb
        .selectFrom('codings as c')
        .whereRef('c.document_id', '=', 'd.id')
        .whereRef('c.version', '=', 'd.current_version')
        .where('c.layer', '=', 'coder')
        .$if(!!f.viewer, (w) => w.where(codingVisibleTo(f.viewer!, 'c')))
        .select(sql<number>`count(*)::int`.as('n'))
        .as('codings'),
    )
    .select(mine.as('assigned_to_me'))
    .orderBy(mine, 'desc')
    .orderBy('d.title')
    .orderBy('d.id')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { rows: rows.map((r) => ({ ...r, codings: Number(r.codings ?? 0) })) as DocumentListRow[], total: Number(total.n) };
}

export const findVersion = (db: Kysely<DB>, documentId: string, version: number) =>
  db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).where('version', '=', version).executeTakeFirst();

export const listVersions = (db: Kysely<DB>, documentId: string) =>
  db.selectFrom('document_versions').select(['version', 'length', 'created_at']).where('document_id', '=', documentId).orderBy('version').execute();

/** The current versions of the study's documents (sealed), for search. */
export async function currentVersions(db: Kysely<DB>, studyId: string, f: { documentIds?: string[]; kinds?: string[] }) {
  let q = db
    .selectFrom('documents as d')
    .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
    .select(['d.id', 'd.title', 'd.kind', 'd.participant_id', 'v.version', 'v.text_enc', 'v.units_enc'])
    .where('d.study_id', '=', studyId);
  if (f.documentIds) q = q.where('d.id', 'in', f.documentIds.length ? f.documentIds : ['00000000-0000-0000-0000-000000000000']);
  if (f.kinds) q = q.where('d.kind', 'in', f.kinds.length ? f.kinds : ['']);
  return q.orderBy('d.title').orderBy('d.id').execute();
}

/** Sealed texts of some versions. */
export async function versionsByKeys(db: Kysely<DB>, keys: { documentId: string; version: number }[]) {
  if (keys.length === 0) return [];
  const json = JSON.stringify(keys.map((k) => ({ d: k.documentId, v: k.version })));
  const { rows } = await sql<Pick<VersionRow, 'document_id' | 'version' | 'text_enc' | 'units_enc' | 'length'>>`
    select dv.document_id, dv.version, dv.text_enc, dv.units_enc, dv.length
    from document_versions dv join json_to_recordset(${json}::json) as k(d uuid, v int) on k.d = dv.document_id and k.v = dv.version`.execute(db);
  return rows;
}

export async function interviewExists(db: Kysely<DB>, studyId: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('interviews').select('id').where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst());
}

// ---- codings ----------------------------------------------------------------------------------------------

/**
 * The codings of a version, in text order. Fetched as one JSON value: thousands of rows arrive several times faster
 * than row by row (created_at is then an ISO string).
 */
export async function listCodingsOfVersion(
  db: Kysely<DB>,
  documentId: string,
  version: number,
  f: { viewer?: CodingViewer; layer?: CodingLayer } = {},
): Promise<CodingRow[]> {
  const conds = [sql`c.document_id = ${documentId}`, sql`c.version = ${version}`];
  if (f.layer) conds.push(sql`c.layer = ${f.layer}`);
  if (f.viewer) conds.push(codingVisibleTo(f.viewer, 'c'));
  // one JSON array of arrays (not of whole rows): a third less work for the database on a document with thousands of codings
  const { rows } = await sql<{ j: string }>`
    select coalesce(json_agg(json_build_array(c.id, c.document_id, c.version, c.code_id, c.start, c."end", c.memo_enc, c.coder_id, c.created_at, c.layer)
                             order by c.start, c."end", c.id), '[]'::json)::text as j
    from codings c where ${sql.join(conds, sql` and `)}`.execute(db);
  type Tuple = [string, string, number, string, number, number, string | null, string | null, string, 'coder' | 'consensus'];
  return (JSON.parse(rows[0]?.j ?? '[]') as Tuple[]).map(([id, document_id, version, code_id, start, end, memo_enc, coder_id, created_at, layer]) => ({
    id,
    document_id,
    version,
    code_id,
    start,
    end,
    memo_enc,
    coder_id,
    created_at: created_at as unknown as Date,
    layer,
  }));
}

/** Codings of a version (with a viewer: the coder codings that viewer may see). */
export async function countCodings(db: Kysely<DB>, documentId: string, version: number, viewer?: CodingViewer): Promise<number> {
  const r = await db
    .selectFrom('codings as c')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('c.document_id', '=', documentId)
    .where('c.version', '=', version)
    .$if(!!viewer, (q) => q.where('c.layer', '=', 'coder').where(codingVisibleTo(viewer!, 'c')))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface NewCoding {
  documentId: string;
  version: number;
  codeId: string;
  start: number;
  end: number;
  memoEnc: string | null;
  coderId: string | null;
  /** default 'coder' */
  layer?: CodingLayer;
}

/** Inserts codings; one that exists already (same code, passage, coder and layer) is left alone. Returns the new rows. */
export async function insertCodings(trx: Kysely<DB>, rows: NewCoding[]): Promise<CodingRow[]> {
  const out: CodingRow[] = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000);
    const json = JSON.stringify(chunk.map((r) => ({ d: r.documentId, v: r.version, c: r.codeId, s: r.start, e: r.end, m: r.memoEnc, u: r.coderId, l: r.layer ?? 'coder' })));
    const { rows: inserted } = await sql<CodingRow>`
      insert into codings (document_id, version, code_id, start, "end", memo_enc, coder_id, layer)
      select d, v, c, s, e, m, u, l from json_to_recordset(${json}::json) as x(d uuid, v int, c uuid, s int, e int, m text, u uuid, l text)
      on conflict do nothing
      returning *`.execute(trx);
    out.push(...inserted);
  }
  return out;
}

/** The codings of these codes on one passage by one coder (layer 'consensus': by any lead). */
export const findCodingsAt = (db: Kysely<DB>, c: { documentId: string; version: number; start: number; end: number; coderId: string | null; codeIds: string[]; layer?: CodingLayer }) => {
  let q = db
    .selectFrom('codings')
    .selectAll()
    .where('document_id', '=', c.documentId)
    .where('version', '=', c.version)
    .where('start', '=', c.start)
    .where('end', '=', c.end)
    .where('layer', '=', c.layer ?? 'coder')
    .where('code_id', 'in', c.codeIds);
  if (c.layer === 'consensus') return q.execute();
  q = c.coderId ? q.where('coder_id', '=', c.coderId) : q.where('coder_id', 'is', null);
  return q.execute();
};

/** Whether the document is in an open reliability round (blind mode). */
export async function inOpenRound(db: Kysely<DB>, documentId: string): Promise<boolean> {
  const r = await db
    .selectFrom('round_documents as rd')
    .innerJoin('reliability_rounds as rr', 'rr.id', 'rd.round_id')
    .select('rd.round_id')
    .where('rd.document_id', '=', documentId)
    .where('rr.status', '=', 'open')
    .executeTakeFirst();
  return !!r;
}

/** A coding of the study (with a viewer: only when that viewer may see it). */
export const findCoding = (db: Kysely<DB>, studyId: string, id: string, viewer?: CodingViewer) =>
  db
    .selectFrom('codings as c')
    .innerJoin('documents as d', 'd.id', 'c.document_id')
    .selectAll('c')
    .select(['d.participant_id', 'd.current_version'])
    .where('d.study_id', '=', studyId)
    .where('c.id', '=', id)
    .$if(!!viewer, (q) => q.where(codingVisibleTo(viewer!, 'c')))
    .executeTakeFirst();

export const setCodingMemo = (trx: Kysely<DB>, id: string, memoEnc: string | null) =>
  trx.updateTable('codings').set({ memo_enc: memoEnc }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const deleteCoding = (trx: Kysely<DB>, id: string) => trx.deleteFrom('codings').where('id', '=', id).execute();

/** Moves codings to a new version with new offsets, and deletes the ones that could not move. */
export async function moveCodings(trx: Kysely<DB>, documentId: string, version: number, moved: { id: string; start: number; end: number }[], deleteIds: string[]) {
  if (deleteIds.length) await trx.deleteFrom('codings').where('document_id', '=', documentId).where('id', 'in', deleteIds).execute();
  for (let i = 0; i < moved.length; i += 2_000) {
    const json = JSON.stringify(moved.slice(i, i + 2_000));
    await sql`
      update codings c set version = ${version}, start = x.start, "end" = x."end"
      from json_to_recordset(${json}::json) as x(id uuid, start int, "end" int)
      where c.id = x.id and c.document_id = ${documentId}`.execute(trx);
  }
}

/** Codings of some codes, as references for a merge or a delete. */
export const codingRefs = (db: Kysely<DB>, codeIds: string[]) =>
  codeIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('codings').select(['id', 'code_id', 'document_id', 'version', 'start', 'end', 'coder_id', 'layer']).where('code_id', 'in', codeIds).execute();

export async function recodeCodings(trx: Kysely<DB>, ids: string[], codeId: string) {
  for (let i = 0; i < ids.length; i += 5_000) await trx.updateTable('codings').set({ code_id: codeId }).where('id', 'in', ids.slice(i, i + 5_000)).execute();
}

export async function deleteCodingsByIds(trx: Kysely<DB>, ids: string[]) {
  for (let i = 0; i < ids.length; i += 5_000) await trx.deleteFrom('codings').where('id', 'in', ids.slice(i, i + 5_000)).execute();
}

export async function deleteCodingsOfCodes(trx: Kysely<DB>, codeIds: string[]): Promise<number> {
  if (codeIds.length === 0) return 0;
  const r = await trx.deleteFrom('codings').where('code_id', 'in', codeIds).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- codebook ---------------------------------------------------------------------------------------------

/** Serialises changes to one study's codebook (cycle checks, names among siblings, positions). */
export async function lockCodebook(trx: Kysely<DB>, studyId: string) {
  await sql`select pg_advisory_xact_lock(${CODEBOOK_LOCK}, hashtext(${studyId}))`.execute(trx);
}

export type CodeWithCount = CodeRow & { codings: number };

/** The study's codes with the number of codings of each (one JSON value, as listCodingsOfVersion). */
export async function listCodes(db: Kysely<DB>, studyId: string, viewer?: CodingViewer): Promise<CodeWithCount[]> {
  // with a viewer: the coder codings that viewer may see (blind mode); without: every coding (for merges, deletes)
  const visible = viewer ? sql`and k.layer = 'coder' and ${codingVisibleTo(viewer, 'k')}` : sql``;
  const { rows } = await sql<{ j: CodeWithCount[] }>`
    select coalesce(json_agg(x order by x.position, x.name, x.id), '[]'::json) as j from (
      select c.*, coalesce(n.n, 0)::int as codings
      from codes c
      left join (select k.code_id, count(*) as n from codings k join codes kc on kc.id = k.code_id where kc.study_id = ${studyId} ${visible} group by k.code_id) n on n.code_id = c.id
      where c.study_id = ${studyId}) x`.execute(db);
  return rows[0]?.j ?? [];
}

export const findCode = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('codes').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();

export const findCodesByIds = (db: Kysely<DB>, studyId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([] as CodeRow[]) : db.selectFrom('codes').selectAll().where('study_id', '=', studyId).where('id', 'in', ids).execute();

export async function insertCode(
  trx: Kysely<DB>,
  c: { studyId: string; parentId: string | null; name: string; description: string; color: string; memo: string; position: number; createdBy: string | null },
): Promise<CodeRow> {
  return trx
    .insertInto('codes')
    .values({ study_id: c.studyId, parent_id: c.parentId, name: c.name, description: c.description, color: c.color, memo: c.memo, position: c.position, created_by: c.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateCode(trx: Kysely<DB>, id: string, f: { name?: string; description?: string; color?: string; memo?: string; parentId?: string | null; position?: number }) {
  await trx
    .updateTable('codes')
    .set({
      ...(f.name !== undefined ? { name: f.name } : {}),
      ...(f.description !== undefined ? { description: f.description } : {}),
      ...(f.color !== undefined ? { color: f.color } : {}),
      ...(f.memo !== undefined ? { memo: f.memo } : {}),
      ...(f.parentId !== undefined ? { parent_id: f.parentId } : {}),
      ...(f.position !== undefined ? { position: f.position } : {}),
      updated_at: sql`now()`,
    } as never)
    .where('id', '=', id)
    .execute();
}

/** Sets the positions of siblings to their order in `ids`. */
export async function setPositions(trx: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return;
  const json = JSON.stringify(ids.map((id, position) => ({ id, position })));
  await sql`update codes c set position = x.position from json_to_recordset(${json}::json) as x(id uuid, position int) where c.id = x.id and c.position <> x.position`.execute(trx);
}

export async function deleteCodes(trx: Kysely<DB>, studyId: string, ids: string[]) {
  if (ids.length === 0) return;
  await trx.updateTable('codes').set({ parent_id: null }).where('study_id', '=', studyId).where('id', 'in', ids).execute();
  await trx.deleteFrom('codes').where('study_id', '=', studyId).where('id', 'in', ids).execute();
}

// ---- pseudonym mapping ------------------------------------------------------------------------------------

/** Serialises changes to one study's mapping (labels are numbered across the study). */
export async function lockPseudonymMap(trx: Kysely<DB>, studyId: string) {
  await sql`select pg_advisory_xact_lock(${PSEUDONYM_LOCK}, hashtext(${studyId}))`.execute(trx);
}

export async function getPseudonymMap(db: Kysely<DB>, studyId: string): Promise<string | null> {
  const r = await db.selectFrom('pseudonym_maps').select('map_enc').where('study_id', '=', studyId).executeTakeFirst();
  return r?.map_enc ?? null;
}

export async function putPseudonymMap(trx: Kysely<DB>, studyId: string, mapEnc: string) {
  await trx
    .insertInto('pseudonym_maps')
    .values({ study_id: studyId, map_enc: mapEnc })
    .onConflict((oc) => oc.column('study_id').doUpdateSet({ map_enc: mapEnc, updated_at: sql`now()` } as never))
    .execute();
}

// ---- retrieval --------------------------------------------------------------------------------------------

/** Fixed participant attributes (columns) by the name used in filters and answers. */
export const PARTICIPANT_COLUMNS = { role: 'role', ageBand: 'age_band', gender: 'gender', region: 'region', situation: 'situation', placementType: 'placement_type' } as const;

export interface SegmentFilter {
  codeIds: string[];
  documentIds?: string[];
  kinds?: string[];
  /** attribute → accepted values; fixed attributes by PARTICIPANT_COLUMNS, others by study variable name */
  attributes?: Record<string, string[]>;
  offset: number;
  limit: number;
  /** only the coder codings this user may see (blind mode) */
  viewer?: CodingViewer;
}

export interface SegmentRow {
  id: string;
  code_id: string;
  code_name: string;
  document_id: string;
  title: string;
  kind: string;
  version: number;
  start: number;
  end: number;
  memo_enc: string | null;
  coder_id: string | null;
  created_at: Date;
  participant_id: string | null;
  participant_code: string | null;
  document_attributes: Record<string, string> | null;
}

export async function listSegments(db: Kysely<DB>, studyId: string, f: SegmentFilter): Promise<{ rows: SegmentRow[]; total: number }> {
  const conds = [sql`d.study_id = ${studyId}`, sql`c.version = d.current_version`, sql`c.code_id = any(${f.codeIds}::uuid[])`];
  if (f.documentIds) conds.push(sql`d.id = any(${f.documentIds}::uuid[])`);
  if (f.kinds) conds.push(sql`d.kind = any(${f.kinds}::text[])`);
  if (f.viewer) conds.push(sql`c.layer = 'coder'`, codingVisibleTo(f.viewer, 'c'));
  for (const [key, values] of Object.entries(f.attributes ?? {})) {
    const column = PARTICIPANT_COLUMNS[key as keyof typeof PARTICIPANT_COLUMNS];
    // the participant's attribute, or the document's own (e.g. a survey respondent's closed answer)
    const own = sql`d.attributes ->> ${key} = any(${values}::text[])`;
    if (column) conds.push(sql`(p.${sql.ref(column)} = any(${values}::text[]) or ${own})`);
    else
      conds.push(sql`(exists (select 1 from participant_variable_values pv join study_variables sv on sv.id = pv.variable_id
        where pv.participant_id = p.id and sv.study_id = ${studyId} and sv.name = ${key} and pv.value = any(${values}::text[])) or ${own})`);
  }
  const where = sql.join(conds, sql` and `);
  const from = sql`from codings c join documents d on d.id = c.document_id join codes k on k.id = c.code_id left join participants p on p.id = d.participant_id where ${where}`;
  const { rows: count } = await sql<{ n: number }>`select count(*)::int as n ${from}`.execute(db);
  const { rows } = await sql<SegmentRow>`
    select c.id, c.code_id, k.name as code_name, c.document_id, d.title, d.kind, c.version, c.start, c."end", c.memo_enc, c.coder_id, c.created_at,
           d.participant_id, p.code as participant_code, d.attributes as document_attributes
    ${from}
    order by d.title, d.id, c.start, c."end", c.id
    offset ${f.offset} limit ${f.limit}`.execute(db);
  return { rows, total: Number(count[0]?.n ?? 0) };
}

/** The attributes of some participants: the fixed columns and the study variables, as text. */
export async function participantAttributes(db: Kysely<DB>, ids: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (ids.length === 0) return out;
  const people = await db.selectFrom('participants').select(['id', 'role', 'age_band', 'gender', 'region', 'situation', 'placement_type']).where('id', 'in', ids).execute();
  for (const p of people) {
    const a: Record<string, string> = {};
    for (const [key, column] of Object.entries(PARTICIPANT_COLUMNS)) {
      const v = p[column as keyof typeof p];
      if (v) a[key] = String(v);
    }
    out.set(p.id, a);
  }
  const values = await db
    .selectFrom('participant_variable_values as pv')
    .innerJoin('study_variables as sv', 'sv.id', 'pv.variable_id')
    .select(['pv.participant_id', 'sv.name', 'pv.value'])
    .where('pv.participant_id', 'in', ids)
    .execute();
  for (const v of values) {
    const a = out.get(v.participant_id);
    if (a && !(v.name in PARTICIPANT_COLUMNS)) a[v.name] = v.value;
  }
  return out;
}

// ---- search -----------------------------------------------------------------------------------------------

/** Dutch stems (snowball, `dutch_stem`) of lower-case words, in one query; an empty array: a stop word. */
export async function dutchStems(db: Kysely<DB>, words: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < words.length; i += 20_000) {
    const chunk = words.slice(i, i + 20_000);
    const { rows } = await sql<{ w: string; s: string[] | null }>`select w, ts_lexize('dutch_stem', w) as s from unnest(${chunk}::text[]) as w`.execute(db);
    for (const r of rows) out.set(r.w, r.s && r.s.length ? r.s[0] : null);
  }
  return out;
}

/** Codings by id with their document and participant (for evidence links of other modules). Any version, any layer. */
export async function segmentsByCodingIds(db: Kysely<DB>, studyId: string, ids: string[]): Promise<SegmentRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<SegmentRow>`
    select c.id, c.code_id, k.name as code_name, c.document_id, d.title, d.kind, c.version, c.start, c."end", c.memo_enc, c.coder_id, c.created_at,
           d.participant_id, p.code as participant_code, d.attributes as document_attributes
    from codings c join documents d on d.id = c.document_id join codes k on k.id = c.code_id left join participants p on p.id = d.participant_id
    where d.study_id = ${studyId} and c.id = any(${ids}::uuid[])`.execute(db);
  return rows;
}
