import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export const insertJob = (db: Kysely<DB>, j: { studyId: string | null; kind: string; payload: Record<string, unknown>; createdBy: string | null }) =>
  db
    .insertInto('jobs')
    .values({ study_id: j.studyId, kind: j.kind, payload: JSON.stringify(j.payload), created_by: j.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Claims the oldest queued job; SKIP LOCKED lets several platform processes share one PostgreSQL server. */
export async function claimNextJob(db: Kysely<DB>, worker: string) {
  const { rows } = await sql<{ id: string; kind: string; study_id: string | null; payload: Record<string, unknown>; created_by: string | null }>`
    UPDATE jobs SET status = 'running', started_at = now(), heartbeat_at = now(), worker = ${worker}
    WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING id, kind, study_id, payload, created_by`.execute(db);
  return rows[0] ?? null;
}

export const setProgress = (db: Kysely<DB>, id: string, progress: number, total: number) =>
  db.updateTable('jobs').set({ progress, total, heartbeat_at: sql`now()` } as never).where('id', '=', id).execute();

export const finishJob = (db: Kysely<DB>, id: string, result: Record<string, unknown>) =>
  db.updateTable('jobs').set({ status: 'done', result: JSON.stringify(result), finished_at: sql`now()`, progress: sql`greatest(progress, total)` } as never).where('id', '=', id).execute();

export const failJob = (db: Kysely<DB>, id: string, error: string) =>
  db.updateTable('jobs').set({ status: 'failed', error, finished_at: sql`now()` } as never).where('id', '=', id).execute();

/** Jobs whose worker stopped sending heartbeats (a crashed process) go back to the queue. */
export const requeueStale = (db: Kysely<DB>, staleSeconds: number) =>
  db
    .updateTable('jobs')
    .set({ status: 'queued', worker: null } as never)
    .where('status', '=', 'running')
    .where(sql<boolean>`heartbeat_at < now() - make_interval(secs => ${staleSeconds})`)
    .execute();

export const saveOutput = (db: Kysely<DB>, o: { jobId: string; filename: string; mime: string; content: Buffer }) =>
  db
    .insertInto('job_outputs')
    .values({ job_id: o.jobId, filename: o.filename, mime: o.mime, content: o.content })
    .onConflict((oc) => oc.column('job_id').doUpdateSet({ filename: o.filename, mime: o.mime, content: o.content }))
    .execute();

export const findJob = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('jobs as j')
    .leftJoin('job_outputs as o', 'o.job_id', 'j.id')
    .selectAll('j')
    .select(sql<boolean>`o.job_id is not null`.as('has_output'))
    .where('j.id', '=', id)
    .executeTakeFirst();

export const findOutput = (db: Kysely<DB>, jobId: string) => db.selectFrom('job_outputs').selectAll().where('job_id', '=', jobId).executeTakeFirst();

// ---- job inputs: an upload held in job_inputs while its job runs (deleted when the job ends) ----------------

export const insertJobInput = (db: Kysely<DB>, jobId: string, name: string, content: Buffer) =>
  db.insertInto('job_inputs').values({ job_id: jobId, name, content }).execute();

export async function readJobInput(db: Kysely<DB>, jobId: string, name: string): Promise<Buffer | null> {
  const r = await db.selectFrom('job_inputs').select('content').where('job_id', '=', jobId).where('name', '=', name).executeTakeFirst();
  return r?.content ?? null;
}

export const deleteJobInputs = (db: Kysely<DB>, jobId: string) => db.deleteFrom('job_inputs').where('job_id', '=', jobId).execute();
