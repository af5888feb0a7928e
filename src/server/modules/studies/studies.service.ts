/** Studies (onderzoeken), their members and the encrypted confidential notes. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { allowedStudyActions, assertInstallation, assertStudy, requireActor, type Actor, type StudyAction } from '../../platform/permissions';
import type { Member, Study, StudyRole, studyInput } from '../../../shared/api';
import { slugify } from '../../../lib/slug';
import * as repo from './studies.repository';
import * as users from '../users/users.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import { issueLink } from '../auth/auth.service';

type StudyInput = z.output<typeof studyInput>;

/** The modules a study home lists, with the action needed to see each. Later modules add themselves here. */
export const STUDY_MODULES: { key: string; path: string; needs: StudyAction }[] = [
  { key: 'members', path: 'leden', needs: 'members.read' },
  { key: 'audit', path: 'audit', needs: 'audit.read' },
  { key: 'dossiers', path: 'dossiers', needs: 'data.read' },
  { key: 'monitor', path: 'monitor', needs: 'results.read' },
  { key: 'participants', path: 'deelnemers', needs: 'data.read' },
  { key: 'interviews', path: 'interviews', needs: 'data.read' },
  { key: 'coding', path: 'documenten', needs: 'data.read' },
  { key: 'analysis', path: 'documenten/analyse', needs: 'results.read' },
  { key: 'surveys', path: 'enquetes', needs: 'results.read' },
  { key: 'legal', path: 'juridisch-kader', needs: 'legal.read' },
  { key: 'signals', path: 'signalen', needs: 'results.read' },
  { key: 'reports', path: 'rapporten', needs: 'reports.versions' },
  { key: 'findings', path: 'bevindingen', needs: 'findings.read' },
  { key: 'recommendations', path: 'aanbevelingen', needs: 'findings.read' },
  { key: 'reflection', path: 'reflectiesessies', needs: 'results.read' },
  { key: 'impact', path: 'impact', needs: 'impact.read' },
];

function toStudy(s: repo.StudyRow, role: StudyRole): Study {
  const permissions = allowedStudyActions(role);
  return {
    id: s.id,
    slug: s.slug,
    title: s.title,
    description: s.description,
    researchQuestions: s.research_questions as unknown as string[],
    periodStart: s.period_start,
    periodEnd: s.period_end,
    funder: s.funder,
    partners: s.partners as unknown as string[],
    disclosureThreshold: s.disclosure_threshold,
    archived: !!s.archived_at,
    createdAt: iso(s.created_at)!,
    updatedAt: iso(s.updated_at)!,
    myRole: role,
    permissions,
    modules: STUDY_MODULES.filter((m) => permissions.includes(m.needs)).map(({ key, path }) => ({ key, path })),
  };
}

/** Loads a study by slug and checks the actor's right to `action` in it (404 when absent, 403 when not allowed). */
export async function loadStudyFor(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction) {
  const a = requireActor(actor);
  const s = await repo.findStudyWithRole(db, slug, a.userId);
  if (!s) throw notFound('Dit onderzoek');
  const role = assertStudy((s.my_role as StudyRole | null) ?? null, action);
  return { study: s as repo.StudyRow, role, actor: a };
}

function assertNotArchived(s: repo.StudyRow) {
  if (s.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

function checkPeriod(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw badRequest('De einddatum van de looptijd ligt vóór de begindatum.');
}

async function uniqueSlug(db: Kysely<DB>, title: string): Promise<string> {
  const base = slugify(title);
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!(await repo.slugExists(db, candidate))) return candidate;
  }
}

export async function createStudy(deps: Deps, actor: Actor | null, input: StudyInput, opts: { viaCli?: boolean } = {}): Promise<Study> {
  if (!opts.viaCli) assertInstallation(actor, 'study.create');
  checkPeriod(input.periodStart, input.periodEnd);
  // Studies created at the same moment (PostgreSQL) can pick the same free slug; the one that loses on the
  // unique index starts again and takes the next free one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const slug = await uniqueSlug(trx, input.title);
        const s = await repo.insertStudy(trx, slug, input, actor?.userId ?? null);
        const { wrapped, key } = deps.keys.newWrappedStudyKey(s.id);
        await repo.insertStudyKey(trx, s.id, wrapped);
        if (actor) await repo.upsertMember(trx, { studyId: s.id, userId: actor.userId, role: 'lead', addedBy: actor.userId });
        await appendAuditEvent(trx, { studyId: s.id, actorId: actor?.userId ?? null, action: 'study.created', objectType: 'study', objectId: s.id, details: { title: s.title } });
        deps.keys.remember(s.id, key);
        return toStudy(s, 'lead');
      });
    } catch (e) {
      const pgError = e as { code?: string; constraint?: string };
      if (attempt < 20 && pgError.code === '23505' && pgError.constraint === 'studies_slug_key') continue;
      throw e;
    }
  }
}

export async function listStudies(deps: Deps, actor: Actor | null, archived: boolean) {
  const a = requireActor(actor);
  const rows = await repo.listStudiesForUser(deps.db, a.userId, archived);
  return rows.map((r) => {
    const s = toStudy(r, r.my_role as StudyRole);
    return { id: s.id, slug: s.slug, title: s.title, archived: s.archived, myRole: s.myRole, periodStart: s.periodStart, periodEnd: s.periodEnd, updatedAt: s.updatedAt };
  });
}

/** For the command line (server operator): every study with its slug. */
export const listAllStudies = async (deps: Deps) => (await repo.listAllStudies(deps.db)).map((s) => ({ slug: s.slug, title: s.title, archived: !!s.archived_at }));

export async function getStudy(deps: Deps, actor: Actor | null, slug: string): Promise<Study> {
  const { study, role } = await loadStudyFor(deps.db, actor, slug, 'study.read');
  return toStudy(study, role);
}

export async function updateStudy(deps: Deps, actor: Actor | null, slug: string, input: Partial<StudyInput>): Promise<Study> {
  return deps.db.transaction().execute(async (trx) => {
    const { study, role, actor: a } = await loadStudyFor(trx, actor, slug, 'study.update');
    assertNotArchived(study);
    checkPeriod(input.periodStart === undefined ? study.period_start : input.periodStart, input.periodEnd === undefined ? study.period_end : input.periodEnd);
    const s = await repo.updateStudy(trx, study.id, input);
    await appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: 'study.updated', objectType: 'study', objectId: study.id, details: { fields: Object.keys(input) } });
    return toStudy(s, role);
  });
}

export async function setArchived(deps: Deps, actor: Actor | null, slug: string, archived: boolean): Promise<Study> {
  return deps.db.transaction().execute(async (trx) => {
    const { study, role, actor: a } = await loadStudyFor(trx, actor, slug, 'study.archive');
    if (!!study.archived_at === archived) throw conflict(archived ? 'Dit onderzoek is al gearchiveerd.' : 'Dit onderzoek is niet gearchiveerd.');
    const s = await repo.updateStudy(trx, study.id, { archivedAt: archived ? new Date() : null });
    await appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: archived ? 'study.archived' : 'study.unarchived', objectType: 'study', objectId: study.id });
    return toStudy(s, role);
  });
}

export async function getConfidentialNotes(deps: Deps, actor: Actor | null, slug: string) {
  const { study } = await loadStudyFor(deps.db, actor, slug, 'study.confidential');
  return { notes: study.confidential_notes_enc ? await deps.keys.decrypt(study.id, 'studies.confidential_notes', study.confidential_notes_enc) : '' };
}

export async function setConfidentialNotes(deps: Deps, actor: Actor | null, slug: string, notes: string) {
  return deps.db.transaction().execute(async (trx) => {
    const { study, actor: a } = await loadStudyFor(trx, actor, slug, 'study.confidential');
    assertNotArchived(study);
    const enc = notes ? await deps.keys.encrypt(study.id, 'studies.confidential_notes', notes, trx) : null;
    await repo.updateStudy(trx, study.id, { confidentialNotesEnc: enc });
    await appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: 'study.confidential_updated', objectType: 'study', objectId: study.id, details: { length: notes.length } });
    return { notes };
  });
}

// ---- members ----

const toMember = (m: { user_id: string; email: string; name: string; role: string; added_at: Date }): Member => ({
  userId: m.user_id,
  email: m.email,
  name: m.name,
  role: m.role as StudyRole,
  addedAt: iso(m.added_at)!,
});

export async function listMembers(deps: Deps, actor: Actor | null, slug: string) {
  const { study, role } = await loadStudyFor(deps.db, actor, slug, 'members.read');
  const members = (await repo.listMembers(deps.db, study.id)).map(toMember);
  const invitations = role === 'lead' ? await repo.listOpenInvitations(deps.db, study.id) : [];
  return {
    members,
    invitations: invitations.map((i) => ({ id: i.id, email: i.email!, role: i.role as StudyRole, expiresAt: iso(i.expires_at)!, createdAt: iso(i.created_at)! })),
  };
}

/** Adds a person with an account at once; for an unknown e-mail address returns a one-time invitation link. */
export async function addMember(deps: Deps, actor: Actor | null, slug: string, input: { email: string; role: StudyRole }) {
  return deps.db.transaction().execute(async (trx) => {
    const { study, actor: a } = await loadStudyFor(trx, actor, slug, 'members.manage');
    assertNotArchived(study);
    const u = await users.findUserByEmail(trx, input.email);
    if (u) {
      if (await repo.findMember(trx, study.id, u.id)) throw conflict(`${u.name} is al lid van dit onderzoek. Wijzig de rol in de lijst.`);
      await repo.upsertMember(trx, { studyId: study.id, userId: u.id, role: input.role, addedBy: a.userId });
      await appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: 'member.added', objectType: 'member', objectId: u.id, details: { role: input.role } });
      return { member: toMember((await repo.findMember(trx, study.id, u.id))!), invitationLink: null };
    }
    const l = await issueLink(deps, trx, { purpose: 'invitation', studyId: study.id, email: input.email, role: input.role, createdBy: a.userId });
    await appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: 'member.invited', objectType: 'invitation', objectId: l.id, details: { role: input.role } });
    return { member: null, invitationLink: l.link };
  });
}

export async function changeMemberRole(deps: Deps, actor: Actor | null, slug: string, userId: string, role: StudyRole) {
  return deps.db.transaction().execute(async (trx) => {
    const { study, actor: a } = await loadStudyFor(trx, actor, slug, 'members.manage');
    const m = await repo.findMember(trx, study.id, userId);
    if (!m) throw notFound('Dit lid');
    if (m.role === 'lead' && role !== 'lead' && (await repo.countLeads(trx, study.id)) <= 1)
      throw conflict('Een onderzoek heeft altijd minstens één projectleider. Maak eerst iemand anders projectleider.');
    await repo.upsertMember(trx, { studyId: study.id, userId, role, addedBy: a.userId });
    await appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: 'member.role_changed', objectType: 'member', objectId: userId, details: { from: m.role, to: role } });
    return toMember({ ...m, role });
  });
}

export async function removeMember(deps: Deps, actor: Actor | null, slug: string, userId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const { study, actor: a } = await loadStudyFor(trx, actor, slug, 'members.manage');
    const m = await repo.findMember(trx, study.id, userId);
    if (!m) throw notFound('Dit lid');
    if (m.role === 'lead' && (await repo.countLeads(trx, study.id)) <= 1)
      throw conflict('Een onderzoek heeft altijd minstens één projectleider. Maak eerst iemand anders projectleider.');
    await repo.deleteMember(trx, study.id, userId);
    await appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: 'member.removed', objectType: 'member', objectId: userId, details: { role: m.role } });
  });
}

export async function revokeInvitation(deps: Deps, actor: Actor | null, slug: string, invitationId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const { study, actor: a } = await loadStudyFor(trx, actor, slug, 'members.manage');
    const r = await repo.revokeInvitation(trx, study.id, invitationId);
    if (Number(r.numUpdatedRows) !== 1) throw notFound('Deze uitnodiging');
    await appendAuditEvent(trx, { studyId: study.id, actorId: a.userId, action: 'member.invitation_revoked', objectType: 'invitation', objectId: invitationId });
  });
}
