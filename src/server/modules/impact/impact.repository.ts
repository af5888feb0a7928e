/** Every SQL query of impact tracking: policy trajectories, their links to recommendations, the status history. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, PolicyTrajectoriesTable, RecommendationStatusesTable } from '../../db/schema';

export type TrajectoryRow = Selectable<PolicyTrajectoriesTable> & { recommendations: number };
export type StatusRow = Selectable<RecommendationStatusesTable>;

// ---- trajectories -----------------------------------------------------------------------------------------

/** Seeded first (in the seed order given), then the study's own by creation; with the number of linked recommendations. */
export async function listTrajectories(db: Kysely<DB>, studyId: string): Promise<TrajectoryRow[]> {
  const rows = await db
    .selectFrom('policy_trajectories as t')
    .selectAll('t')
    .select((eb) => eb.selectFrom('recommendation_trajectories as l').whereRef('l.trajectory_id', '=', 't.id').select(eb.fn.countAll<number>().as('n')).as('recommendations'))
    .where('t.study_id', '=', studyId)
    .orderBy(sql`t.key IS NULL`)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ ...r, recommendations: Number(r.recommendations ?? 0) }));
}

export const findTrajectory = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('policy_trajectories').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();

export const findTrajectoryByKey = (db: Kysely<DB>, studyId: string, key: string) =>
  db.selectFrom('policy_trajectories').selectAll().where('study_id', '=', studyId).where('key', '=', key).executeTakeFirst();

export const titleTaken = async (db: Kysely<DB>, studyId: string, title: string) =>
  !!(await db.selectFrom('policy_trajectories').select('id').where('study_id', '=', studyId).where(sql<boolean>`lower(title) = lower(${title})`).executeTakeFirst());

export const insertTrajectory = (db: Kysely<DB>, v: { studyId: string; key: string | null; title: string; description: string; sourceRef: string; verify: string; by: string }) =>
  db
    .insertInto('policy_trajectories')
    .values({ study_id: v.studyId, key: v.key, title: v.title, description: v.description, source_ref: v.sourceRef, verify: v.verify, created_by: v.by })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Inserts a seeded trajectory unless the study has it (by key, or a trajectory of the same title); returns the new row or nothing. */
export const insertSeed = (db: Kysely<DB>, v: { studyId: string; key: string; title: string; description: string; sourceRef: string; verify: string; by: string }) =>
  db
    .insertInto('policy_trajectories')
    .values({ study_id: v.studyId, key: v.key, title: v.title, description: v.description, source_ref: v.sourceRef, verify: v.verify, created_by: v.by })
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'key'])
    .executeTakeFirst();

export const deleteTrajectory = (db: Kysely<DB>, id: string) => db.deleteFrom('policy_trajectories').where('id', '=', id).execute();

/** Serialises changes to a study's trajectories (seeding, adding) within the transaction. */
export const lockStudyTrajectories = (db: Kysely<DB>, studyId: string) => sql`select pg_advisory_xact_lock(hashtext('impact:' || ${studyId}))`.execute(db);

// ---- links ------------------------------------------------------------------------------------------------

export const linksOf = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('recommendation_trajectories as l')
    .innerJoin('policy_trajectories as t', 't.id', 'l.trajectory_id')
    .select(['l.recommendation_id', 'l.trajectory_id'])
    .where('t.study_id', '=', studyId)
    .orderBy('l.created_at')
    .execute();

export const countLinks = async (db: Kysely<DB>, trajectoryId: string) =>
  Number((await db.selectFrom('recommendation_trajectories').select((eb) => eb.fn.countAll<number>().as('n')).where('trajectory_id', '=', trajectoryId).executeTakeFirstOrThrow()).n);

/** Links (idempotent); true when the link is new. */
export const insertLink = async (db: Kysely<DB>, recommendationId: string, trajectoryId: string, by: string) =>
  !!(await db
    .insertInto('recommendation_trajectories')
    .values({ recommendation_id: recommendationId, trajectory_id: trajectoryId, created_by: by })
    .onConflict((oc) => oc.doNothing())
    .returning('trajectory_id')
    .executeTakeFirst());

/** Unlinks; true when there was a link. */
export const deleteLink = async (db: Kysely<DB>, recommendationId: string, trajectoryId: string) =>
  Number((await db.deleteFrom('recommendation_trajectories').where('recommendation_id', '=', recommendationId).where('trajectory_id', '=', trajectoryId).executeTakeFirst()).numDeletedRows) > 0;

// ---- statuses ---------------------------------------------------------------------------------------------

/** The status entries of these recommendations (the study's, from the findings module), oldest first. */
export const statusesOf = async (db: Kysely<DB>, recommendationIds: string[]) =>
  recommendationIds.length
    ? db
        .selectFrom('recommendation_statuses')
        .selectAll()
        .where('recommendation_id', 'in', recommendationIds)
        .orderBy('status_date')
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];

export const insertStatus = (db: Kysely<DB>, v: { recommendationId: string; status: string; date: string; sourceRef: string; note: string; by: string }) =>
  db
    .insertInto('recommendation_statuses')
    .values({ recommendation_id: v.recommendationId, status: v.status, status_date: v.date, source_ref: v.sourceRef, note: v.note, created_by: v.by })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findStatus = (db: Kysely<DB>, recommendationId: string, id: string) =>
  db.selectFrom('recommendation_statuses').selectAll().where('recommendation_id', '=', recommendationId).where('id', '=', id).executeTakeFirst();

export const deleteStatus = (db: Kysely<DB>, id: string) => db.deleteFrom('recommendation_statuses').where('id', '=', id).execute();
