/**
 * Interviews (participants, interviewer, date, mode, guide, duration, sealed notes, the deadline for deleting the
 * recording) and interview guides per audience, with the platform's template guides a lead can copy in.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { Actor } from '../../platform/permissions';
import { todayIso } from '../../../lib/consent';
import type { Guide, GuideInput, Interview, InterviewInput, OverdueRecording } from '../../../shared/participants';
import type { GuideAudience } from '../../../shared/participant-vocabulary';
import { appendAuditEvent } from '../audit/audit.repository';
import { findMember } from '../studies/studies.repository';
import * as repo from './participants.repository';
import { FIELDS, assertWritable, studyAccess } from './access';
import { groupBy } from './consent.service';
import { GUIDE_TEMPLATES } from './guide-template';

// ---- interviews -------------------------------------------------------------------------------------------

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);

async function interviewViews(deps: Deps, db: Kysely<DB>, studyId: string, rows: repo.InterviewRow[]): Promise<Interview[]> {
  const people = groupBy(await repo.participantsOfInterviews(db, rows.map((r) => r.id)), (x) => x.interview_id);
  const today = todayIso();
  const out: Interview[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      participants: (people.get(r.id) ?? []).map((x) => ({ id: x.id, code: x.code, role: x.role as Interview['participants'][number]['role'] })),
      interviewerId: r.interviewer_id,
      interviewerName: r.interviewer_name,
      date: r.date,
      mode: r.mode as Interview['mode'],
      guideId: r.guide_id,
      guideTitle: r.guide_title,
      durationMinutes: r.duration_minutes,
      notes: r.notes_enc ? await deps.keys.decrypt(studyId, FIELDS.notes, r.notes_enc, db) : '',
      recordingDeleteBy: r.recording_delete_by,
      recordingDeletedAt: iso(r.recording_deleted_at),
      recordingOverdue: r.recording_deleted_at === null && r.recording_delete_by !== null && r.recording_delete_by < today,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    });
  }
  return out;
}

async function interviewOr404(deps: Deps, db: Kysely<DB>, studyId: string, id: string): Promise<Interview> {
  const r = await repo.findInterview(db, studyId, id);
  if (!r) throw notFound('Dit interview');
  return (await interviewViews(deps, db, studyId, [r]))[0];
}

/** Checks what zod cannot: participants, interviewer and guide belong to the study; dates fit. */
async function checkInterview(trx: Kysely<DB>, studyId: string, input: InterviewInput) {
  const ids = [...new Set(input.participantIds)];
  if (ids.length !== input.participantIds.length) throw badRequest('Een deelnemer staat twee keer in de lijst.');
  const found = await repo.findParticipantsByIds(trx, studyId, ids);
  if (found.length !== ids.length) throw notFound('Een van de gekozen deelnemers');
  if (input.interviewerId) {
    const m = await findMember(trx, studyId, input.interviewerId);
    if (!m || m.role === 'committee') throw badRequest('De interviewer moet lid zijn van het onderzoek (en niet van de begeleidingscommissie).');
  }
  if (input.guideId && !(await repo.findGuide(trx, studyId, input.guideId))) throw notFound('Deze interviewleidraad');
  if (input.date < '1990-01-01' || input.date > '2100-12-31') throw badRequest(`De interviewdatum ${input.date} is niet aannemelijk.`);
  if (input.recordingDeleteBy && input.recordingDeleteBy < input.date) throw badRequest('De uiterste datum om de opname te verwijderen ligt vóór het interview.');
  if (input.recordingDeleteBy && input.recordingDeleteBy > '2100-12-31') throw badRequest('De uiterste datum om de opname te verwijderen is niet aannemelijk.');
}

async function values(deps: Deps, trx: Kysely<DB>, studyId: string, input: InterviewInput): Promise<repo.InterviewValues> {
  return {
    interviewerId: input.interviewerId,
    date: input.date,
    mode: input.mode,
    guideId: input.guideId,
    durationMinutes: input.durationMinutes,
    notesEnc: input.notes ? await deps.keys.encrypt(studyId, FIELDS.notes, input.notes, trx) : null,
    recordingDeleteBy: input.recordingDeleteBy,
  };
}

export async function listInterviews(deps: Deps, actor: Actor | null, slug: string): Promise<{ interviews: Interview[] }> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  return { interviews: await interviewViews(deps, deps.db, a.study.id, await repo.listInterviews(deps.db, a.study.id)) };
}

export async function getInterview(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<Interview> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  return interviewOr404(deps, deps.db, a.study.id, id);
}

export async function createInterview(deps: Deps, actor: Actor | null, slug: string, input: InterviewInput): Promise<Interview> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await checkInterview(trx, a.study.id, input);
    const id = await repo.insertInterview(trx, a.study.id, await values(deps, trx, a.study.id, input), a.actorId);
    await repo.setInterviewParticipants(trx, id, input.participantIds);
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'interview.created',
      objectType: 'interview',
      objectId: id,
      details: { participantIds: input.participantIds, date: input.date, mode: input.mode, recordingDeleteBy: input.recordingDeleteBy },
    });
    return interviewOr404(deps, trx, a.study.id, id);
  });
}

export async function updateInterview(deps: Deps, actor: Actor | null, slug: string, id: string, input: InterviewInput): Promise<Interview> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    if (!(await repo.findInterview(trx, a.study.id, id))) throw notFound('Dit interview');
    await checkInterview(trx, a.study.id, input);
    await repo.updateInterview(trx, id, await values(deps, trx, a.study.id, input));
    await repo.setInterviewParticipants(trx, id, input.participantIds);
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'interview.updated',
      objectType: 'interview',
      objectId: id,
      details: { participantIds: input.participantIds, date: input.date, mode: input.mode, recordingDeleteBy: input.recordingDeleteBy },
    });
    return interviewOr404(deps, trx, a.study.id, id);
  });
}

export async function deleteInterview(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const r = await repo.findInterview(trx, a.study.id, id);
    if (!r) throw notFound('Dit interview');
    await repo.deleteInterview(trx, id);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'interview.deleted', objectType: 'interview', objectId: id, details: { date: r.date } });
  });
}

/** Someone records that the recording was deleted (409 when that was already recorded). */
export async function markRecordingDeleted(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<Interview> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const r = await repo.findInterview(trx, a.study.id, id);
    if (!r) throw notFound('Dit interview');
    if (r.recording_deleted_at) throw conflict(`Het verwijderen van de opname is al vastgelegd op ${iso(r.recording_deleted_at)!.slice(0, 10)}.`);
    await repo.markRecordingDeleted(trx, id, a.actorId);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'interview.recording_deleted', objectType: 'interview', objectId: id, details: { recordingDeleteBy: r.recording_delete_by } });
    return interviewOr404(deps, trx, a.study.id, id);
  });
}

/** Recordings whose deadline has passed and that are not marked deleted: the reminder on the study page. */
export async function listOverdueRecordings(deps: Deps, actor: Actor | null, slug: string): Promise<{ asOf: string; recordings: OverdueRecording[] }> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  const asOf = todayIso();
  const rows = await repo.listOverdueRecordings(deps.db, a.study.id, asOf);
  const people = groupBy(await repo.participantsOfInterviews(deps.db, rows.map((r) => r.id)), (x) => x.interview_id);
  return {
    asOf,
    recordings: rows.map((r) => ({
      interviewId: r.id,
      date: r.date,
      recordingDeleteBy: r.recording_delete_by!,
      daysOverdue: daysBetween(r.recording_delete_by!, asOf),
      participantCodes: (people.get(r.id) ?? []).map((x) => x.code),
      interviewerName: r.interviewer_name,
    })),
  };
}

// ---- guides -----------------------------------------------------------------------------------------------

const toGuide = (g: repo.GuideRow): Guide => ({
  id: g.id,
  audience: g.audience as GuideAudience,
  title: g.title,
  ageFrom: g.age_from,
  ageTo: g.age_to,
  childFriendly: g.child_friendly,
  body: g.body,
  createdAt: iso(g.created_at)!,
  updatedAt: iso(g.updated_at)!,
});

export async function listGuides(deps: Deps, actor: Actor | null, slug: string): Promise<Guide[]> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  return (await repo.listGuides(deps.db, a.study.id)).map(toGuide);
}

export async function getGuide(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<Guide> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  const g = await repo.findGuide(deps.db, a.study.id, id);
  if (!g) throw notFound('Deze interviewleidraad');
  return toGuide(g);
}

export async function createGuide(deps: Deps, actor: Actor | null, slug: string, input: GuideInput): Promise<Guide> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const g = await repo.insertGuide(trx, a.study.id, input, a.actorId);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'guide.created', objectType: 'interview_guide', objectId: g.id, details: { audience: g.audience, title: g.title } });
    return toGuide(g);
  });
}

export async function updateGuide(deps: Deps, actor: Actor | null, slug: string, id: string, input: GuideInput): Promise<Guide> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    if (!(await repo.findGuide(trx, a.study.id, id))) throw notFound('Deze interviewleidraad');
    const g = await repo.updateGuide(trx, id, input);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'guide.updated', objectType: 'interview_guide', objectId: id, details: { audience: g.audience, title: g.title } });
    return toGuide(g);
  });
}

/** Deletes a guide; interviews that used it keep their data (their guide becomes empty). */
export async function deleteGuide(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const g = await repo.findGuide(trx, a.study.id, id);
    if (!g) throw notFound('Deze interviewleidraad');
    await repo.deleteGuide(trx, id);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'guide.deleted', objectType: 'interview_guide', objectId: id, details: { title: g.title } });
  });
}

/** Copies the template guides (all, or those of some audiences) into the study; titles already there are skipped. */
export async function copyGuideTemplate(deps: Deps, actor: Actor | null, slug: string, audiences?: GuideAudience[]): Promise<{ created: Guide[]; skipped: string[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const existing = new Set((await repo.listGuides(trx, a.study.id)).map((g) => g.title.toLowerCase()));
    const created: Guide[] = [];
    const skipped: string[] = [];
    for (const t of GUIDE_TEMPLATES) {
      if (audiences && !audiences.includes(t.audience)) continue;
      if (existing.has(t.title.toLowerCase())) {
        skipped.push(t.title);
        continue;
      }
      created.push(toGuide(await repo.insertGuide(trx, a.study.id, t, a.actorId)));
    }
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'guide.template_copied',
      objectType: 'study',
      objectId: a.study.id,
      details: { created: created.map((g) => g.title), skipped },
    });
    return { created, skipped };
  });
}
