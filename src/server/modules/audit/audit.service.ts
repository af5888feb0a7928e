/** The study's audit trail: browse with filters, export as a job, and verify the hash chain. */
import type { z } from 'zod';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import type { Actor } from '../../platform/permissions';
import type { AuditEvent, auditQuery } from '../../../shared/api';
import { registerJobKind } from '../../platform/jobs';
import { toCsv } from '../../../lib/csv';
import { GENESIS, verifyRows, type VerifyResult } from './audit.chain';
import * as repo from './audit.repository';
import * as jobs from '../jobs/jobs.repository';
import { loadStudyFor } from '../studies/studies.service';

type Row = Awaited<ReturnType<typeof repo.listAuditEvents>>[number];
const toEvent = (r: Row): AuditEvent => ({
  id: Number(r.id),
  at: iso(r.created_at)!,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  details: (r.details ?? {}) as Record<string, unknown>,
});

export async function listStudyAudit(deps: Deps, actor: Actor | null, slug: string, q: z.output<typeof auditQuery>) {
  const { study } = await loadStudyFor(deps.db, actor, slug, 'audit.read');
  const rows = await repo.listAuditEvents(deps.db, { studyId: study.id, actorId: q.actor, action: q.action, from: q.from, to: q.to, before: q.before, limit: q.limit + 1 });
  const events = rows.slice(0, q.limit).map(toEvent);
  return { events, nextBefore: rows.length > q.limit ? events.at(-1)!.id : null, actions: await repo.distinctAuditActions(deps.db, study.id) };
}

export async function startAuditExport(deps: Deps, actor: Actor | null, slug: string, filter: Omit<z.output<typeof auditQuery>, 'limit' | 'before'>) {
  return deps.db.transaction().execute(async (trx) => {
    const { study, actor: a } = await loadStudyFor(trx, actor, slug, 'audit.export');
    const job = await jobs.insertJob(trx, { studyId: study.id, kind: 'audit.export', payload: { ...filter, slug }, createdBy: a.userId });
    await repo.appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: 'audit.exported', objectType: 'job', objectId: job.id, details: { filter } });
    return job;
  });
}

const PAGE = 500;
registerJobKind('audit.export', async (ctx) => {
  const p = ctx.payload as { actor?: string; action?: string; from?: string; to?: string; slug: string };
  const studyId = ctx.studyId!;
  const filter = { studyId, actorId: p.actor, action: p.action, from: p.from, to: p.to };
  const total = await repo.countAuditEvents(ctx.deps.db, filter);
  const out: unknown[][] = [];
  let before: number | undefined;
  for (;;) {
    const rows = await repo.listAuditEvents(ctx.deps.db, { ...filter, before, limit: PAGE });
    for (const r of rows) out.push([Number(r.id), iso(r.created_at), r.actor_name ?? '', r.actor_id ?? '', r.action, r.object_type, r.object_id ?? '', JSON.stringify(r.details)]);
    await ctx.progress(Math.min(out.length, total), total);
    if (rows.length < PAGE) break;
    before = Number(rows.at(-1)!.id);
  }
  const csv = toCsv(['id', 'tijdstip', 'persoon', 'persoon_id', 'handeling', 'objecttype', 'object_id', 'details'], out);
  await ctx.output(`audittrail-${p.slug}.csv`, 'text/csv; charset=utf-8', Buffer.from('\ufeff' + csv, 'utf8'));
  return { rows: out.length };
});

/** Walks the whole chain; reports the first broken link (altered or removed row). */
export async function verifyAuditChain(deps: Deps): Promise<VerifyResult> {
  const state = { prev: GENESIS, checked: 0 };
  let after = 0;
  for (;;) {
    const rows = await repo.chainPage(deps.db, after, 2000);
    if (rows.length === 0) break;
    const broken = verifyRows(rows, state);
    if (broken) return { ok: false, checked: state.checked, headHash: state.prev, firstBroken: broken };
    after = rows.at(-1)!.id;
  }
  return { ok: true, checked: state.checked, headHash: state.prev, firstBroken: null };
}
