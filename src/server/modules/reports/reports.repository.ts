/** Every SQL query of the reports module: reports, their chapters and frozen versions. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, ReportChaptersTable, ReportVersionsTable, ReportsTable } from '../../db/schema';

export type ReportRow = Selectable<ReportsTable> & { chapters: number; versions: number };
export type ChapterRow = Selectable<ReportChaptersTable>;
export type VersionRow = Selectable<ReportVersionsTable> & { frozen_by_name: string | null };

const withCounts = (db: Kysely<DB>) =>
  db
    .selectFrom('reports as r')
    .selectAll('r')
    .select((eb) => [
      eb.selectFrom('report_chapters as c').whereRef('c.report_id', '=', 'r.id').select(sql<number>`count(*)::int`.as('n')).as('chapters'),
      eb.selectFrom('report_versions as v').whereRef('v.report_id', '=', 'r.id').select(sql<number>`count(*)::int`.as('n')).as('versions'),
    ]);

export const listReports = (db: Kysely<DB>, studyId: string) =>
  withCounts(db).where('r.study_id', '=', studyId).orderBy('r.updated_at', 'desc').orderBy('r.id').execute() as Promise<ReportRow[]>;

export const findReport = (db: Kysely<DB>, studyId: string, id: string) =>
  withCounts(db).where('r.study_id', '=', studyId).where('r.id', '=', id).executeTakeFirst() as Promise<ReportRow | undefined>;

/** Locks the report row (chapter order, version numbers). */
export const lockReport = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('reports').select('id').where('study_id', '=', studyId).where('id', '=', id).forUpdate().executeTakeFirst();

export const latestReport = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('reports').selectAll().where('study_id', '=', studyId).orderBy('updated_at', 'desc').orderBy('id').limit(1).executeTakeFirst();

export const insertReport = (db: Kysely<DB>, studyId: string, v: { title: string; subtitle: string }, createdBy: string | null) =>
  db.insertInto('reports').values({ study_id: studyId, title: v.title, subtitle: v.subtitle, created_by: createdBy }).returning('id').executeTakeFirstOrThrow();

export const updateReport = (db: Kysely<DB>, id: string, v: { title?: string; subtitle?: string }) =>
  db.updateTable('reports').set({ ...v, updated_at: sql`now()` }).where('id', '=', id).execute();

export const touchReport = (db: Kysely<DB>, id: string) => db.updateTable('reports').set({ updated_at: sql`now()` }).where('id', '=', id).execute();

export async function deleteReport(db: Kysely<DB>, id: string) {
  await db.deleteFrom('report_versions').where('report_id', '=', id).execute();
  await db.deleteFrom('report_chapters').where('report_id', '=', id).execute();
  await db.deleteFrom('reports').where('id', '=', id).execute();
}

// ---- chapters ------------------------------------------------------------------------------------------------

export const listChapters = (db: Kysely<DB>, reportId: string) =>
  db.selectFrom('report_chapters').selectAll().where('report_id', '=', reportId).orderBy('position').orderBy('id').execute();

export const findChapter = (db: Kysely<DB>, reportId: string, id: string) =>
  db.selectFrom('report_chapters').selectAll().where('report_id', '=', reportId).where('id', '=', id).executeTakeFirst();

export const insertChapters = (db: Kysely<DB>, reportId: string, rows: { position: number; title: string; bodyEnc: string }[]) =>
  db
    .insertInto('report_chapters')
    .values(rows.map((r) => ({ report_id: reportId, position: r.position, title: r.title, body_enc: r.bodyEnc })))
    .returning('id')
    .execute();

export const updateChapter = (db: Kysely<DB>, id: string, v: { title?: string; body_enc?: string }) =>
  db.updateTable('report_chapters').set({ ...v, updated_at: sql`now()` }).where('id', '=', id).execute();

export const deleteChapter = (db: Kysely<DB>, id: string) => db.deleteFrom('report_chapters').where('id', '=', id).execute();

/** Sets positions 0..n-1 in the given order. */
export async function setPositions(db: Kysely<DB>, reportId: string, ids: string[]) {
  for (const [i, id] of ids.entries()) await db.updateTable('report_chapters').set({ position: i }).where('report_id', '=', reportId).where('id', '=', id).execute();
}

// ---- versions ------------------------------------------------------------------------------------------------

const versionsQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('report_versions as v')
    .leftJoin('users as u', 'u.id', 'v.frozen_by')
    .selectAll('v')
    .select('u.name as frozen_by_name');

export const listVersions = (db: Kysely<DB>, reportId: string) =>
  versionsQuery(db).where('v.report_id', '=', reportId).orderBy('v.number', 'desc').execute() as Promise<VersionRow[]>;

export const findVersion = (db: Kysely<DB>, reportId: string, id: string) =>
  versionsQuery(db).where('v.report_id', '=', reportId).where('v.id', '=', id).executeTakeFirst() as Promise<VersionRow | undefined>;

export async function nextVersionNumber(db: Kysely<DB>, reportId: string): Promise<number> {
  const r = await db.selectFrom('report_versions').select(sql<number>`coalesce(max(number), 0)::int`.as('n')).where('report_id', '=', reportId).executeTakeFirstOrThrow();
  return r.n + 1;
}

export const insertVersion = (
  db: Kysely<DB>,
  v: { reportId: string; number: number; label: string; buildEnc: string; htmlEnc: string; textEnc: string; changes: number; frozenBy: string | null },
) =>
  db
    .insertInto('report_versions')
    .values({ report_id: v.reportId, number: v.number, label: v.label, build_enc: v.buildEnc, html_enc: v.htmlEnc, text_enc: v.textEnc, changes: v.changes, frozen_by: v.frozenBy })
    .returning('id')
    .executeTakeFirstOrThrow();
