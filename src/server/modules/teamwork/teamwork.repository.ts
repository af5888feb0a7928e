/**
 * Every SQL query of team coding: assignments, reliability rounds, the coders' codings of a round, the consensus
 * layer and the lead's adjudications. The blind-mode and analysis rules live in coding.repository.ts
 * (codingVisibleTo, analysisCodingFilter).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

// ---- members and documents --------------------------------------------------------------------------------

/** Members of the study with their role and name. */
export const membersOf = (db: Kysely<DB>, studyId: string, ids?: string[]) => {
  let q = db
    .selectFrom('study_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'u.name'])
    .where('m.study_id', '=', studyId);
  if (ids) q = q.where('m.user_id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('u.name').orderBy('m.user_id').execute();
};

export const documentsOf = (db: Kysely<DB>, studyId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([] as { id: string; title: string; current_version: number }[])
    : db.selectFrom('documents').select(['id', 'title', 'current_version']).where('study_id', '=', studyId).where('id', 'in', ids).execute();

// ---- assignments ------------------------------------------------------------------------------------------

export async function listAssignments(db: Kysely<DB>, studyId: string, coderId?: string) {
  let q = db
    .selectFrom('coding_assignments as a')
    .innerJoin('documents as d', 'd.id', 'a.document_id')
    .innerJoin('users as u', 'u.id', 'a.coder_id')
    .select(['a.document_id', 'd.title', 'a.coder_id', 'u.name', 'a.assigned_by', 'a.assigned_at'])
    .where('d.study_id', '=', studyId);
  if (coderId) q = q.where('a.coder_id', '=', coderId);
  return q.orderBy('d.title').orderBy('d.id').orderBy('u.name').execute();
}

export async function insertAssignments(trx: Kysely<DB>, rows: { documentId: string; coderId: string; assignedBy: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const json = JSON.stringify(rows.map((r) => ({ d: r.documentId, c: r.coderId, b: r.assignedBy })));
  const { rows: inserted } = await sql<{ document_id: string }>`
    insert into coding_assignments (document_id, coder_id, assigned_by)
    select d, c, b from json_to_recordset(${json}::json) as x(d uuid, c uuid, b uuid)
    on conflict do nothing returning document_id`.execute(trx);
  return inserted.length;
}

export async function deleteAssignment(trx: Kysely<DB>, studyId: string, documentId: string, coderId: string): Promise<number> {
  const r = await trx
    .deleteFrom('coding_assignments')
    .where('document_id', '=', documentId)
    .where('coder_id', '=', coderId)
    .where('document_id', 'in', (eb) => eb.selectFrom('documents').select('id').where('study_id', '=', studyId))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- rounds -----------------------------------------------------------------------------------------------

export type RoundRow = {
  id: string;
  study_id: string;
  name: string;
  unit_kind: 'characters' | 'turns' | 'sentences';
  status: 'open' | 'closed';
  created_by: string | null;
  created_at: Date;
  closed_at: Date | null;
};

export async function insertRound(trx: Kysely<DB>, r: { studyId: string; name: string; unitKind: RoundRow['unit_kind']; createdBy: string; documentIds: string[]; coderIds: string[] }): Promise<RoundRow> {
  const row = (await trx
    .insertInto('reliability_rounds')
    .values({ study_id: r.studyId, name: r.name, unit_kind: r.unitKind, created_by: r.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow()) as RoundRow;
  await trx.insertInto('round_documents').values(r.documentIds.map((document_id) => ({ round_id: row.id, document_id }))).execute();
  await trx.insertInto('round_coders').values(r.coderIds.map((coder_id, position) => ({ round_id: row.id, coder_id, position }))).execute();
  return row;
}

/** Rounds of the study (with a coder: only the rounds they code in), newest first. */
export async function listRounds(db: Kysely<DB>, studyId: string, coderId?: string): Promise<RoundRow[]> {
  let q = db.selectFrom('reliability_rounds as r').selectAll('r').where('r.study_id', '=', studyId);
  if (coderId) q = q.where('r.id', 'in', (eb) => eb.selectFrom('round_coders').select('round_id').where('coder_id', '=', coderId));
  return (await q.orderBy('r.created_at', 'desc').orderBy('r.id').execute()) as RoundRow[];
}

export const findRound = async (db: Kysely<DB>, studyId: string, id: string, forUpdate = false): Promise<RoundRow | undefined> => {
  let q = db.selectFrom('reliability_rounds').selectAll().where('study_id', '=', studyId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as RoundRow | undefined;
};

export const closeRound = (trx: Kysely<DB>, id: string) =>
  trx.updateTable('reliability_rounds').set({ status: 'closed', closed_at: sql`now()` } as never).where('id', '=', id).where('status', '=', 'open').execute();

export const deleteRound = (trx: Kysely<DB>, id: string) => trx.deleteFrom('reliability_rounds').where('id', '=', id).execute();

/** The documents of some rounds, with the current version. */
export async function roundDocuments(db: Kysely<DB>, roundIds: string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('round_documents as rd')
    .innerJoin('documents as d', 'd.id', 'rd.document_id')
    .select(['rd.round_id', 'd.id', 'd.title', 'd.current_version'])
    .where('rd.round_id', 'in', roundIds)
    .orderBy('d.title')
    .orderBy('d.id')
    .execute();
}

/** The coders of some rounds in round order. */
export async function roundCoders(db: Kysely<DB>, roundIds: string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('round_coders as rc')
    .innerJoin('users as u', 'u.id', 'rc.coder_id')
    .select(['rc.round_id', 'rc.coder_id', 'u.name'])
    .where('rc.round_id', 'in', roundIds)
    .orderBy('rc.position')
    .orderBy('rc.coder_id')
    .execute();
}

// ---- codings of a round -----------------------------------------------------------------------------------

export interface SpanRow {
  document_id: string;
  code_id: string;
  coder_id: string;
  start: number;
  end: number;
}

/** The round coders' own codings (layer coder) on the current versions of the round's documents. */
export async function coderCodings(db: Kysely<DB>, roundId: string, documentIds?: string[]): Promise<SpanRow[]> {
  const only = documentIds ? sql`and d.id = any(${documentIds}::uuid[])` : sql``;
  const { rows } = await sql<{ j: SpanRow[] }>`
    select coalesce(json_agg(x order by x.document_id, x.start, x."end"), '[]'::json) as j from (
      select c.document_id, c.code_id, c.coder_id, c.start, c."end"
      from round_documents rd
      join documents d on d.id = rd.document_id
      join codings c on c.document_id = d.id and c.version = d.current_version and c.layer = 'coder'
      join round_coders rc on rc.round_id = rd.round_id and rc.coder_id = c.coder_id
      where rd.round_id = ${roundId} ${only}) x`.execute(db);
  return rows[0]?.j ?? [];
}

/** The consensus codings of a document version. */
export const consensusCodings = (db: Kysely<DB>, documentId: string, version: number) =>
  db
    .selectFrom('codings')
    .select(['id', 'code_id', 'start', 'end', 'coder_id'])
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .where('layer', '=', 'consensus')
    .orderBy('code_id')
    .orderBy('start')
    .execute();

/** Replaces the consensus codings of one code in a document version by these spans (coder = the lead). */
export async function replaceConsensus(trx: Kysely<DB>, c: { documentId: string; version: number; codeId: string; spans: { start: number; end: number }[]; leadId: string }) {
  await trx.deleteFrom('codings').where('document_id', '=', c.documentId).where('version', '=', c.version).where('code_id', '=', c.codeId).where('layer', '=', 'consensus').execute();
  if (c.spans.length === 0) return;
  await trx
    .insertInto('codings')
    .values(c.spans.map((s) => ({ document_id: c.documentId, version: c.version, code_id: c.codeId, start: s.start, end: s.end, memo_enc: null, coder_id: c.leadId, layer: 'consensus' as const })))
    .execute();
}

export async function countConsensus(db: Kysely<DB>, documentId: string, version: number): Promise<number> {
  const r = await db
    .selectFrom('codings')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .where('layer', '=', 'consensus')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- adjudications ----------------------------------------------------------------------------------------

export const listAdjudications = (db: Kysely<DB>, roundId: string, documentId: string, unitKind: string) =>
  db
    .selectFrom('round_adjudications')
    .select(['code_id', 'start', 'end', 'taken'])
    .where('round_id', '=', roundId)
    .where('document_id', '=', documentId)
    .where('unit_kind', '=', unitKind as RoundRow['unit_kind'])
    .execute();

export async function upsertAdjudication(
  trx: Kysely<DB>,
  a: { roundId: string; documentId: string; codeId: string; unitKind: RoundRow['unit_kind']; start: number; end: number; taken: string[]; decidedBy: string },
) {
  await trx
    .insertInto('round_adjudications')
    .values({ round_id: a.roundId, document_id: a.documentId, code_id: a.codeId, unit_kind: a.unitKind, start: a.start, end: a.end, taken: a.taken, decided_by: a.decidedBy })
    .onConflict((oc) => oc.columns(['round_id', 'document_id', 'code_id', 'unit_kind', 'start', 'end']).doUpdateSet({ taken: a.taken, decided_by: a.decidedBy, decided_at: sql`now()` } as never))
    .execute();
}
