/**
 * Every SQL query of qualitative analysis and autocoding: THE selection of codings to analyse, the codebook, the
 * attributes of documents' participants, sealed versions (texts and turns, opened by the service), the segments of
 * some codings, and the rejected suggestions.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { analysisCodingFilter, codingVisibleTo, type CodingViewer } from '../coding/coding.repository';

// ---- the codings to analyse -------------------------------------------------------------------------------

export interface AnalysisRow {
  id: string;
  document_id: string;
  code_id: string;
  start: number;
  end: number;
  participant_id: string | null;
  kind: string;
}

/**
 * THE codings that analysis counts (frequencies, matrices, co-occurrence, cell segments, quote lists, and the
 * examples the suggestion classifier learns from). Change the rule here and only here:
 *   1. the current version of each document of the study (optionally only some document kinds);
 *   2. the consensus rule of team coding (codings.layer, migration 0008): a document version with any consensus
 *      codings is analysed on those only, otherwise on all coder codings — the condition itself is
 *      `analysisCodingFilter` in coding.repository.ts, shared with the teamwork module;
 *   3. blind mode: while a reliability round is open, a viewer without coding.supervise only sees their own codings of
 *      the round's documents (`codingVisibleTo`);
 *   4. deduplicated by code + span: several coders' codings of the same code on the same passage count once (the
 *      coding with the smallest id stands for them).
 */
export async function codingsForAnalysis(db: Kysely<DB>, studyId: string, f: { viewer: CodingViewer; kinds?: string[]; codeIds?: string[] }): Promise<AnalysisRow[]> {
  const conds = [sql`d.study_id = ${studyId}`, sql`c.version = d.current_version`, analysisCodingFilter('c'), codingVisibleTo(f.viewer, 'c')];
  if (f.kinds) conds.push(sql`d.kind = any(${f.kinds}::text[])`);
  if (f.codeIds) conds.push(sql`c.code_id = any(${f.codeIds}::uuid[])`);
  const { rows } = await sql<{ j: AnalysisRow[] }>`
    select coalesce(json_agg(x order by x.document_id, x.start, x."end", x.code_id), '[]'::json) as j from (
      select distinct on (c.document_id, c.code_id, c.start, c."end")
             c.id, c.document_id, c.code_id, c.start, c."end", d.participant_id, d.kind
      from codings c join documents d on d.id = c.document_id
      where ${sql.join(conds, sql` and `)}
      order by c.document_id, c.code_id, c.start, c."end", c.id) x`.execute(db);
  return rows[0]?.j ?? [];
}

// ---- codebook and attributes ------------------------------------------------------------------------------

export const listCodes = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('codes').select(['id', 'parent_id', 'name', 'color', 'position']).where('study_id', '=', studyId).orderBy('position').orderBy('name').execute();

/** Fixed participant attributes (columns) by the name used in matrices (as in retrieval). */
export const PARTICIPANT_COLUMNS = { role: 'role', ageBand: 'age_band', gender: 'gender', region: 'region', situation: 'situation', placementType: 'placement_type' } as const;
export type ParticipantColumn = keyof typeof PARTICIPANT_COLUMNS;

export const listVariables = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('study_variables').select(['id', 'name', 'type', 'choices']).where('study_id', '=', studyId).orderBy('position').orderBy('name').execute();

/** The names of the documents' own attributes in the study (e.g. a survey respondent's closed answers). */
export async function documentAttributeNames(db: Kysely<DB>, studyId: string): Promise<string[]> {
  const { rows } = await sql<{ k: string }>`select distinct jsonb_object_keys(attributes) as k from documents where study_id = ${studyId} order by 1`.execute(db);
  return rows.map((r) => r.k);
}

/**
 * The value of one attribute for each document of the study that has codings: the participant's fixed attribute or
 * study variable, falling back to the document's own attribute of that name; null when none.
 */
export async function attributeByDocument(db: Kysely<DB>, studyId: string, name: string): Promise<Map<string, string | null>> {
  const column = PARTICIPANT_COLUMNS[name as ParticipantColumn];
  const participantValue = column
    ? sql`p.${sql.ref(column)}`
    : sql`(select pv.value from participant_variable_values pv join study_variables sv on sv.id = pv.variable_id
           where pv.participant_id = p.id and sv.study_id = ${studyId} and sv.name = ${name} limit 1)`;
  const { rows } = await sql<{ id: string; v: string | null }>`
    select d.id, coalesce(nullif(${participantValue}, ''), nullif(d.attributes ->> ${name}, '')) as v
    from documents d left join participants p on p.id = d.participant_id
    where d.study_id = ${studyId}`.execute(db);
  return new Map(rows.map((r) => [r.id, r.v]));
}

// ---- texts ------------------------------------------------------------------------------------------------

/** The sealed current versions of some documents (texts and turns, opened by the service). */
export async function currentVersionsOf(db: Kysely<DB>, studyId: string, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('documents as d')
    .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
    .select(['d.id', 'd.title', 'd.kind', 'd.participant_id', 'v.version', 'v.text_enc', 'v.units_enc', 'v.length'])
    .where('d.study_id', '=', studyId)
    .where('d.id', 'in', documentIds)
    .execute();
}

/** The sealed current versions of the study's documents (for pattern matching), optionally some documents or kinds. */
export async function currentVersions(db: Kysely<DB>, studyId: string, f: { documentIds?: string[]; kinds?: string[] }) {
  let q = db
    .selectFrom('documents as d')
    .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
    .select(['d.id', 'd.title', 'v.version', 'v.text_enc'])
    .where('d.study_id', '=', studyId);
  if (f.documentIds) q = q.where('d.id', 'in', f.documentIds.length ? f.documentIds : ['00000000-0000-0000-0000-000000000000']);
  if (f.kinds) q = q.where('d.kind', 'in', f.kinds.length ? f.kinds : ['']);
  return q.orderBy('d.title').orderBy('d.id').execute();
}

/** Only the sealed turns of the current versions (for co-occurrence by turn). */
export async function currentUnitsOf(db: Kysely<DB>, studyId: string, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('documents as d')
    .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
    .select(['d.id', 'v.units_enc'])
    .where('d.study_id', '=', studyId)
    .where('d.id', 'in', documentIds)
    .execute();
}

// ---- segments ---------------------------------------------------------------------------------------------

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
  created_at: Date | string;
  participant_id: string | null;
  participant_code: string | null;
  document_attributes: Record<string, string> | null;
}

/** The rows of some codings (ids from codingsForAnalysis), in text order, paged. */
export async function segmentsByIds(db: Kysely<DB>, studyId: string, ids: string[], offset: number, limit: number): Promise<SegmentRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<SegmentRow>`
    select c.id, c.code_id, k.name as code_name, c.document_id, d.title, d.kind, c.version, c.start, c."end", c.memo_enc, c.coder_id, c.created_at,
           d.participant_id, p.code as participant_code, d.attributes as document_attributes
    from codings c join documents d on d.id = c.document_id join codes k on k.id = c.code_id left join participants p on p.id = d.participant_id
    where d.study_id = ${studyId} and c.id = any(${ids}::uuid[])
    order by d.title, d.id, c.start, c."end", k.name, c.id
    offset ${offset} limit ${limit}`.execute(db);
  return rows;
}

// ---- suggestions ------------------------------------------------------------------------------------------

export const listRejections = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('suggestion_rejections').select(['document_id', 'version', 'code_id', 'start', 'end']).where('study_id', '=', studyId).execute();

export async function insertRejection(trx: Kysely<DB>, r: { studyId: string; documentId: string; version: number; codeId: string; start: number; end: number; by: string }): Promise<boolean> {
  const res = await trx
    .insertInto('suggestion_rejections')
    .values({ study_id: r.studyId, document_id: r.documentId, version: r.version, code_id: r.codeId, start: r.start, end: r.end, rejected_by: r.by })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
