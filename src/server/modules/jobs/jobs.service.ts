import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { requireActor, type Actor } from '../../platform/permissions';
import type { Job } from '../../../shared/api';
import * as repo from './jobs.repository';

/** A job is visible to the person who started it. */
async function ownJob(deps: Deps, actor: Actor | null, jobId: string) {
  const a = requireActor(actor);
  const j = await repo.findJob(deps.db, jobId);
  if (!j || j.created_by !== a.userId) throw notFound('Deze taak');
  return j;
}

export async function getJob(deps: Deps, actor: Actor | null, jobId: string): Promise<Job> {
  const j = await ownJob(deps, actor, jobId);
  return {
    id: j.id,
    kind: j.kind,
    status: j.status as Job['status'],
    progress: j.progress,
    total: j.total,
    error: j.error,
    hasOutput: !!j.has_output,
    result: (j.result as Record<string, unknown> | null) ?? null,
    createdAt: iso(j.created_at)!,
    finishedAt: iso(j.finished_at),
  };
}

export async function getJobOutput(deps: Deps, actor: Actor | null, jobId: string) {
  await ownJob(deps, actor, jobId);
  const o = await repo.findOutput(deps.db, jobId);
  if (!o) throw new AppError('not_ready', 'Dit bestand is nog niet klaar.', 409);
  return o;
}
