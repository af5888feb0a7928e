/**
 * Every SQL query of the REFI-QDA exchange that the coding and participants repositories do not already have:
 * the whole study read at once for an export (current versions, codings of both layers, coders), and bulk inserts of
 * documents, versions and codings for an import. Texts and memos arrive and leave sealed.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface ExportDocumentRow {
  id: string;
  title: string;
  kind: string;
  participant_id: string | null;
  memo_enc: string | null;
  created_by: string | null;
  created_at: string;
  version: number;
  text_enc: string;
}

/** The study's documents with their current version (sealed), in title order. */
export async function exportDocuments(db: Kysely<DB>, studyId: string): Promise<ExportDocumentRow[]> {
  const { rows } = await sql<{ j: ExportDocumentRow[] }>`
    select coalesce(json_agg(x order by x.title, x.id), '[]'::json) as j from (
      select d.id, d.title, d.kind, d.participant_id, d.memo_enc, d.created_by, d.created_at, v.version, v.text_enc
      from documents d join document_versions v on v.document_id = d.id and v.version = d.current_version
      where d.study_id = ${studyId}) x`.execute(db);
  return rows[0]?.j ?? [];
}

export interface ExportCodingRow {
  id: string;
  document_id: string;
  code_id: string;
  start: number;
  end: number;
  coder_id: string | null;
  memo_enc: string | null;
  created_at: string;
  layer: 'coder' | 'consensus';
}

/** Every coding of the current versions (both layers), as one JSON value (tens of thousands of rows). */
export async function exportCodings(db: Kysely<DB>, studyId: string): Promise<ExportCodingRow[]> {
  const { rows } = await sql<{ j: ExportCodingRow[] }>`
    select coalesce(json_agg(json_build_object('id', c.id, 'document_id', c.document_id, 'code_id', c.code_id, 'start', c.start, 'end', c."end",
      'coder_id', c.coder_id, 'memo_enc', c.memo_enc, 'created_at', c.created_at, 'layer', c.layer) order by c.document_id, c.start, c."end", c.id), '[]'::json) as j
    from codings c join documents d on d.id = c.document_id and c.version = d.current_version
    where d.study_id = ${studyId}`.execute(db);
  return rows[0]?.j ?? [];
}

/** Names and e-mail addresses of accounts (members, coders, authors of documents). */
export const usersByIds = (db: Kysely<DB>, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([] as { id: string; name: string; email: string }[]) : db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids).execute();

export interface NewDocument {
  id: string;
  kind: string;
  title: string;
  participantId: string | null;
  memoEnc: string | null;
  textEnc: string;
  unitsEnc: string;
  length: number;
}

/** Inserts documents with their first version, a few hundred per statement. */
export async function insertDocuments(trx: Kysely<DB>, studyId: string, createdBy: string | null, docs: NewDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    const chunk = docs.slice(i, i + 200);
    const json = JSON.stringify(chunk.map((d) => ({ id: d.id, k: d.kind, t: d.title, p: d.participantId, m: d.memoEnc })));
    await sql`
      insert into documents (id, study_id, kind, title, participant_id, memo_enc, created_by)
      select x.id, ${studyId}, x.k, x.t, x.p, x.m, ${createdBy}::uuid from json_to_recordset(${json}::json) as x(id uuid, k text, t text, p uuid, m text)`.execute(trx);
    const versions = JSON.stringify(chunk.map((d) => ({ id: d.id, t: d.textEnc, u: d.unitsEnc, n: d.length })));
    await sql`
      insert into document_versions (document_id, version, text_enc, units_enc, length, created_by)
      select x.id, 1, x.t, x.u, x.n, ${createdBy}::uuid from json_to_recordset(${versions}::json) as x(id uuid, t text, u text, n int)`.execute(trx);
  }
}

export interface NewImportedCoding {
  documentId: string;
  codeId: string;
  start: number;
  end: number;
  memoEnc: string | null;
  coderId: string | null;
  layer: 'coder' | 'consensus';
}

/** Inserts codings on version 1 of new documents; the same code on the same passage by the same coder once. */
export async function insertImportedCodings(trx: Kysely<DB>, rows: NewImportedCoding[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 5_000) {
    const json = JSON.stringify(rows.slice(i, i + 5_000).map((r) => ({ d: r.documentId, c: r.codeId, s: r.start, e: r.end, m: r.memoEnc, u: r.coderId, l: r.layer })));
    const r = await sql`
      insert into codings (document_id, version, code_id, start, "end", memo_enc, coder_id, layer)
      select d, 1, c, s, e, m, u, l from json_to_recordset(${json}::json) as x(d uuid, c uuid, s int, e int, m text, u uuid, l text)
      on conflict do nothing`.execute(trx);
    inserted += Number(r.numAffectedRows ?? 0);
  }
  return inserted;
}

/** The documents assigned to coders (teamwork), for sets of the export. */
export const assignmentsOf = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('coding_assignments as a')
    .innerJoin('documents as d', 'd.id', 'a.document_id')
    .select(['a.document_id', 'a.coder_id'])
    .where('d.study_id', '=', studyId)
    .orderBy('a.coder_id')
    .orderBy('a.document_id')
    .execute();

/** Assigns imported documents to coders (an assignment that exists is left alone). */
export async function insertAssignments(trx: Kysely<DB>, rows: { documentId: string; coderId: string; assignedBy: string | null }[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('coding_assignments')
    .values(rows.map((r) => ({ document_id: r.documentId, coder_id: r.coderId, assigned_by: r.assignedBy })))
    .onConflict((oc) => oc.columns(['document_id', 'coder_id']).doNothing())
    .execute();
}
