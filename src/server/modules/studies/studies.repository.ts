import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, StudiesTable } from '../../db/schema';

export type StudyRow = Selectable<StudiesTable>;

export const findStudyById = (db: Kysely<DB>, id: string) => db.selectFrom('studies').selectAll().where('id', '=', id).executeTakeFirst();
export const findStudyBySlug = (db: Kysely<DB>, slug: string) => db.selectFrom('studies').selectAll().where('slug', '=', slug).executeTakeFirst();
export const slugExists = async (db: Kysely<DB>, slug: string) => !!(await db.selectFrom('studies').select('id').where('slug', '=', slug).executeTakeFirst());

export async function findStudyWithRole(db: Kysely<DB>, slug: string, userId: string) {
  return db
    .selectFrom('studies as s')
    .leftJoin('study_members as m', (j) => j.onRef('m.study_id', '=', 's.id').on('m.user_id', '=', userId))
    .selectAll('s')
    .select('m.role as my_role')
    .where('s.slug', '=', slug)
    .executeTakeFirst();
}

export const listStudiesForUser = (db: Kysely<DB>, userId: string, archived: boolean) =>
  db
    .selectFrom('studies as s')
    .innerJoin('study_members as m', 'm.study_id', 's.id')
    .selectAll('s')
    .select('m.role as my_role')
    .where('m.user_id', '=', userId)
    .where('s.archived_at', archived ? 'is not' : 'is', null)
    .orderBy('s.updated_at', 'desc')
    .execute();

export const listAllStudies = (db: Kysely<DB>) => db.selectFrom('studies').selectAll().orderBy('created_at').execute();

export interface StudyValues {
  title: string;
  description: string;
  researchQuestions: string[];
  periodStart: string | null;
  periodEnd: string | null;
  funder: string;
  partners: string[];
  disclosureThreshold: number;
}

export const insertStudy = (db: Kysely<DB>, slug: string, v: StudyValues, createdBy: string | null) =>
  db
    .insertInto('studies')
    .values({
      slug,
      title: v.title,
      description: v.description,
      research_questions: JSON.stringify(v.researchQuestions),
      period_start: v.periodStart,
      period_end: v.periodEnd,
      funder: v.funder,
      partners: JSON.stringify(v.partners),
      disclosure_threshold: v.disclosureThreshold,
      created_by: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const insertStudyKey = (db: Kysely<DB>, studyId: string, wrapped: string) =>
  db.insertInto('study_keys').values({ study_id: studyId, wrapped_key: wrapped }).execute();

export async function loadWrappedStudyKey(db: Kysely<DB>, studyId: string): Promise<string | null> {
  const r = await db.selectFrom('study_keys').select('wrapped_key').where('study_id', '=', studyId).executeTakeFirst();
  return r?.wrapped_key ?? null;
}

export function updateStudy(db: Kysely<DB>, id: string, v: Partial<StudyValues> & { archivedAt?: Date | null; confidentialNotesEnc?: string | null }) {
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (v.title !== undefined) set.title = v.title;
  if (v.description !== undefined) set.description = v.description;
  if (v.researchQuestions !== undefined) set.research_questions = JSON.stringify(v.researchQuestions);
  if (v.periodStart !== undefined) set.period_start = v.periodStart;
  if (v.periodEnd !== undefined) set.period_end = v.periodEnd;
  if (v.funder !== undefined) set.funder = v.funder;
  if (v.partners !== undefined) set.partners = JSON.stringify(v.partners);
  if (v.disclosureThreshold !== undefined) set.disclosure_threshold = v.disclosureThreshold;
  if (v.archivedAt !== undefined) set.archived_at = v.archivedAt;
  if (v.confidentialNotesEnc !== undefined) set.confidential_notes_enc = v.confidentialNotesEnc;
  return db.updateTable('studies').set(set as never).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// ---- members ----

export const listMembers = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('study_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'u.name', 'm.role', 'm.added_at'])
    .where('m.study_id', '=', studyId)
    .orderBy('u.name')
    .execute();

export const findMember = (db: Kysely<DB>, studyId: string, userId: string) =>
  db
    .selectFrom('study_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'u.name', 'm.role', 'm.added_at'])
    .where('m.study_id', '=', studyId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();

export const upsertMember = (db: Kysely<DB>, m: { studyId: string; userId: string; role: string; addedBy: string | null }) =>
  db
    .insertInto('study_members')
    .values({ study_id: m.studyId, user_id: m.userId, role: m.role, added_by: m.addedBy })
    .onConflict((oc) => oc.columns(['study_id', 'user_id']).doUpdateSet({ role: m.role }))
    .execute();

export const deleteMember = (db: Kysely<DB>, studyId: string, userId: string) =>
  db.deleteFrom('study_members').where('study_id', '=', studyId).where('user_id', '=', userId).execute();

export async function countLeads(db: Kysely<DB>, studyId: string): Promise<number> {
  const r = await db
    .selectFrom('study_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('study_id', '=', studyId)
    .where('role', '=', 'lead')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const listOpenInvitations = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('secret_links')
    .select(['id', 'email', 'role', 'expires_at', 'created_at'])
    .where('study_id', '=', studyId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where(sql<boolean>`expires_at > now()`)
    .orderBy('created_at', 'desc')
    .execute();

export const revokeInvitation = (db: Kysely<DB>, studyId: string, id: string) =>
  db
    .updateTable('secret_links')
    .set({ used_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('study_id', '=', studyId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .executeTakeFirst();
