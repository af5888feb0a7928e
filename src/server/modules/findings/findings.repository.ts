/** All SQL of findings, evidence links, the triangulation rule, addressees and recommendations (own tables only). */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, FindingEvidenceTable, FindingsTable, RecommendationsTable } from '../../db/schema';

export type FindingRow = Selectable<FindingsTable> & { validated_by_name: string | null };
export type EvidenceRow = Selectable<FindingEvidenceTable>;
export type RecommendationRow = Selectable<RecommendationsTable>;

// ---- rule ---------------------------------------------------------------------------------------------------

export const getRule = (db: Kysely<DB>, studyId: string) => db.selectFrom('finding_rules').select(['strong', 'moderate']).where('study_id', '=', studyId).executeTakeFirst();

export async function putRule(trx: Kysely<DB>, studyId: string, r: { strong: number; moderate: number }, by: string) {
  await trx
    .insertInto('finding_rules')
    .values({ study_id: studyId, strong: r.strong, moderate: r.moderate, updated_by: by })
    .onConflict((oc) => oc.column('study_id').doUpdateSet({ strong: r.strong, moderate: r.moderate, updated_by: by, updated_at: sql`now()` }))
    .execute();
}

// ---- findings -----------------------------------------------------------------------------------------------

export async function listFindings(db: Kysely<DB>, studyId: string, ids?: string[]): Promise<FindingRow[]> {
  let q = db
    .selectFrom('findings as f')
    .leftJoin('users as u', 'u.id', 'f.validated_by')
    .selectAll('f')
    .select('u.name as validated_by_name')
    .where('f.study_id', '=', studyId);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('f.id', 'in', ids);
  }
  return q.orderBy('f.created_at').orderBy('f.id').execute();
}

export async function findFinding(db: Kysely<DB>, studyId: string, id: string, forUpdate = false): Promise<FindingRow | undefined> {
  let q = db.selectFrom('findings as f').leftJoin('users as u', 'u.id', 'f.validated_by').selectAll('f').select('u.name as validated_by_name').where('f.study_id', '=', studyId).where('f.id', '=', id);
  if (forUpdate) q = q.forUpdate('f');
  return q.executeTakeFirst();
}

export async function insertFinding(trx: Kysely<DB>, v: { studyId: string; statement: string; type: string; phase: string | null; by: string }) {
  return trx
    .insertInto('findings')
    .values({ study_id: v.studyId, statement: v.statement, type: v.type, phase: v.phase, created_by: v.by })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateFinding(trx: Kysely<DB>, id: string, v: { statement?: string; type?: string; phase?: string | null }) {
  await trx.updateTable('findings').set({ ...v, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function setStatus(trx: Kysely<DB>, id: string, status: 'draft' | 'validated', by: string | null) {
  await trx
    .updateTable('findings')
    .set({ status, validated_by: status === 'validated' ? by : null, validated_at: status === 'validated' ? sql`now()` : null, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export const deleteFinding = (trx: Kysely<DB>, id: string) => trx.deleteFrom('findings').where('id', '=', id).execute();

export async function findingsExist(db: Kysely<DB>, studyId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('findings').select('id').where('study_id', '=', studyId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function themesOf(db: Kysely<DB>, findingIds: string[]): Promise<{ finding_id: string; code_id: string }[]> {
  if (findingIds.length === 0) return [];
  return db.selectFrom('finding_themes').select(['finding_id', 'code_id']).where('finding_id', 'in', findingIds).execute();
}

export async function replaceThemes(trx: Kysely<DB>, findingId: string, codeIds: string[]) {
  await trx.deleteFrom('finding_themes').where('finding_id', '=', findingId).execute();
  if (codeIds.length) await trx.insertInto('finding_themes').values(codeIds.map((c) => ({ finding_id: findingId, code_id: c }))).execute();
}

// ---- evidence -----------------------------------------------------------------------------------------------

export async function evidenceOf(db: Kysely<DB>, findingIds: string[]): Promise<EvidenceRow[]> {
  if (findingIds.length === 0) return [];
  return db.selectFrom('finding_evidence').selectAll().where('finding_id', 'in', findingIds).orderBy('created_at').orderBy('id').execute();
}

/** Evidence kinds per finding of the study (for triangulation in lists). */
export async function kindsOf(db: Kysely<DB>, studyId: string): Promise<{ finding_id: string; kind: string; n: number }[]> {
  const rows = await db
    .selectFrom('finding_evidence as e')
    .innerJoin('findings as f', 'f.id', 'e.finding_id')
    .select(['e.finding_id', 'e.kind', sql<number>`count(*)::int`.as('n')])
    .where('f.study_id', '=', studyId)
    .groupBy(['e.finding_id', 'e.kind'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function insertEvidence(
  trx: Kysely<DB>,
  v: { findingId: string; kind: string; codingId?: string; normId?: string; signalId?: string; surveyId?: string; ref?: unknown; snapshot?: unknown; note: string; by: string },
) {
  return trx
    .insertInto('finding_evidence')
    .values({
      finding_id: v.findingId,
      kind: v.kind,
      coding_id: v.codingId ?? null,
      norm_id: v.normId ?? null,
      signal_id: v.signalId ?? null,
      survey_id: v.surveyId ?? null,
      ref: v.ref === undefined ? null : JSON.stringify(v.ref),
      snapshot: v.snapshot === undefined ? null : JSON.stringify(v.snapshot),
      note: v.note,
      created_by: v.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export const findEvidence = (db: Kysely<DB>, findingId: string, id: string) => db.selectFrom('finding_evidence').selectAll().where('finding_id', '=', findingId).where('id', '=', id).executeTakeFirst();
export const deleteEvidence = (trx: Kysely<DB>, id: string) => trx.deleteFrom('finding_evidence').where('id', '=', id).execute();

/** (norm, finding) pairs of the study's norm evidence. */
export async function normLinks(db: Kysely<DB>, studyId: string): Promise<{ normId: string; findingId: string }[]> {
  const rows = await db
    .selectFrom('finding_evidence as e')
    .innerJoin('findings as f', 'f.id', 'e.finding_id')
    .select(['e.norm_id', 'e.finding_id'])
    .where('f.study_id', '=', studyId)
    .where('e.kind', '=', 'norm')
    .execute();
  return rows.map((r) => ({ normId: r.norm_id!, findingId: r.finding_id }));
}

/** Does the finding already cite this object (same kind and id, or same survey/indicator reference)? */
export async function duplicateEvidence(db: Kysely<DB>, findingId: string, kind: string, col: 'coding_id' | 'norm_id' | 'signal_id' | null, value: string | null, ref?: unknown): Promise<boolean> {
  let q = db.selectFrom('finding_evidence').select('id').where('finding_id', '=', findingId).where('kind', '=', kind);
  if (col && value) q = q.where(col, '=', value);
  else q = q.where(sql<boolean>`ref = ${JSON.stringify(ref)}::jsonb`);
  return !!(await q.executeTakeFirst());
}

// ---- addressees ---------------------------------------------------------------------------------------------

export const listAddressees = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('study_addressees').select(['id', 'key', 'label']).where('study_id', '=', studyId).orderBy('label').execute();

export async function insertAddressee(trx: Kysely<DB>, studyId: string, key: string, label: string, by: string) {
  return trx
    .insertInto('study_addressees')
    .values({ study_id: studyId, key, label, created_by: by })
    .onConflict((oc) => oc.columns(['study_id', 'key']).doNothing())
    .returning(['id', 'key', 'label'])
    .executeTakeFirst();
}

export const findAddressee = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('study_addressees').select(['id', 'key', 'label']).where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();
export const deleteAddressee = (trx: Kysely<DB>, id: string) => trx.deleteFrom('study_addressees').where('id', '=', id).execute();

export async function recommendationsWithAddressee(db: Kysely<DB>, studyId: string, key: string): Promise<number> {
  const r = await db
    .selectFrom('recommendations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('study_id', '=', studyId)
    .where(sql<boolean>`addressees ? ${key}`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---- recommendations ----------------------------------------------------------------------------------------

export const lockRecommendations = (trx: Kysely<DB>, studyId: string) => sql`select pg_advisory_xact_lock(hashtext('recommendations'), hashtext(${studyId}))`.execute(trx);

export async function listRecommendations(db: Kysely<DB>, studyId: string, ids?: string[]): Promise<RecommendationRow[]> {
  let q = db.selectFrom('recommendations').selectAll().where('study_id', '=', studyId);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return q.orderBy('position').orderBy('created_at').execute();
}

export const findRecommendation = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('recommendations').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();

export async function countRecommendations(db: Kysely<DB>, studyId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db.selectFrom('recommendations').select(sql<number>`count(*)::int`.as('n')).where('study_id', '=', studyId).where('id', 'in', ids).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function nextPosition(trx: Kysely<DB>, studyId: string): Promise<number> {
  const r = await trx.selectFrom('recommendations').select(sql<number>`coalesce(max(position), 0)::int`.as('m')).where('study_id', '=', studyId).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertRecommendation(trx: Kysely<DB>, v: { studyId: string; text: string; priority: string; position: number; addressees: string[]; by: string }) {
  return trx
    .insertInto('recommendations')
    .values({ study_id: v.studyId, text: v.text, priority: v.priority, position: v.position, addressees: JSON.stringify(v.addressees), created_by: v.by })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateRecommendation(trx: Kysely<DB>, id: string, v: { text?: string; priority?: string; addressees?: string[]; position?: number }) {
  await trx
    .updateTable('recommendations')
    .set({
      ...(v.text !== undefined ? { text: v.text } : {}),
      ...(v.priority !== undefined ? { priority: v.priority } : {}),
      ...(v.position !== undefined ? { position: v.position } : {}),
      ...(v.addressees !== undefined ? { addressees: JSON.stringify(v.addressees) } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export const deleteRecommendation = (trx: Kysely<DB>, id: string) => trx.deleteFrom('recommendations').where('id', '=', id).execute();

export async function recommendationLinks(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return { findings: [], norms: [] };
  const [findings, norms] = await Promise.all([
    db.selectFrom('recommendation_findings').select(['recommendation_id', 'finding_id']).where('recommendation_id', 'in', ids).execute(),
    db.selectFrom('recommendation_norms').select(['recommendation_id', 'norm_id']).where('recommendation_id', 'in', ids).execute(),
  ]);
  return { findings, norms };
}

export async function recommendationsOfFinding(db: Kysely<DB>, findingId: string) {
  return db
    .selectFrom('recommendation_findings as rf')
    .innerJoin('recommendations as r', 'r.id', 'rf.recommendation_id')
    .select(['r.id', 'r.text'])
    .where('rf.finding_id', '=', findingId)
    .orderBy('r.position')
    .execute();
}

export async function replaceRecommendationLinks(trx: Kysely<DB>, id: string, findingIds?: string[], normIds?: string[]) {
  if (findingIds) {
    await trx.deleteFrom('recommendation_findings').where('recommendation_id', '=', id).execute();
    if (findingIds.length) await trx.insertInto('recommendation_findings').values(findingIds.map((f) => ({ recommendation_id: id, finding_id: f }))).execute();
  }
  if (normIds) {
    await trx.deleteFrom('recommendation_norms').where('recommendation_id', '=', id).execute();
    if (normIds.length) await trx.insertInto('recommendation_norms').values(normIds.map((n) => ({ recommendation_id: id, norm_id: n }))).execute();
  }
}
