/** Every SQL query of the interview study: participants, variables, consent records, interviews, guides. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  ConsentRecordsTable,
  DB,
  InterviewGuidesTable,
  InterviewsTable,
  ParticipantsTable,
  StudyVariablesTable,
} from '../../db/schema';

export type ParticipantRow = Selectable<ParticipantsTable>;
export type VariableRow = Selectable<StudyVariablesTable>;
export type ConsentRow = Selectable<ConsentRecordsTable>;
export type GuideRow = Selectable<InterviewGuidesTable>;
export type InterviewRow = Selectable<InterviewsTable> & { interviewer_name: string | null; guide_title: string | null };

// ---- participants -----------------------------------------------------------------------------------------

/** Namespace of the advisory lock that serialises code generation per study (second key: the study). */
const CODE_LOCK = 7_274_004;

/** Taken before reading the next free code: two transactions of one study never pick the same number. */
export async function lockParticipantCodes(trx: Kysely<DB>, studyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CODE_LOCK}, hashtext(${studyId}))`.execute(trx);
}

/** The highest number in use with this prefix in the study (0 when none). */
export async function maxCodeNumber(db: Kysely<DB>, studyId: string, prefix: string): Promise<number> {
  const { rows } = await sql<{ n: number | null }>`
    select max(substring(code from ${prefix.length + 2}::int)::int) as n
    from participants where study_id = ${studyId} and code ~ ${`^${prefix}-[0-9]+$`}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export interface ParticipantValues {
  role: string;
  ageBand: string;
  gender: string;
  region: string;
  situation: string;
  placementType: string;
}

export async function insertParticipant(
  trx: Kysely<DB>,
  p: ParticipantValues & { studyId: string; code: string; createdBy: string | null; identity: { nameEnc: string | null; contactEnc: string | null; birthMonthEnc: string | null } },
): Promise<ParticipantRow> {
  return trx
    .insertInto('participants')
    .values({
      study_id: p.studyId,
      code: p.code,
      role: p.role,
      age_band: p.ageBand,
      gender: p.gender,
      region: p.region,
      situation: p.situation,
      placement_type: p.placementType,
      name_enc: p.identity.nameEnc,
      contact_enc: p.identity.contactEnc,
      birth_month_enc: p.identity.birthMonthEnc,
      created_by: p.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateParticipant(trx: Kysely<DB>, id: string, p: Partial<Omit<ParticipantValues, 'role'>>): Promise<ParticipantRow> {
  return trx
    .updateTable('participants')
    .set({
      ...(p.ageBand !== undefined ? { age_band: p.ageBand } : {}),
      ...(p.gender !== undefined ? { gender: p.gender } : {}),
      ...(p.region !== undefined ? { region: p.region } : {}),
      ...(p.situation !== undefined ? { situation: p.situation } : {}),
      ...(p.placementType !== undefined ? { placement_type: p.placementType } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setIdentity(trx: Kysely<DB>, id: string, enc: { nameEnc: string | null; contactEnc: string | null; birthMonthEnc: string | null }): Promise<ParticipantRow> {
  return trx
    .updateTable('participants')
    .set({ name_enc: enc.nameEnc, contact_enc: enc.contactEnc, birth_month_enc: enc.birthMonthEnc, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findParticipant = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('participants').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();

/** The participant row, locked until the end of the transaction (withdrawal, consent changes). */
export const findParticipantForUpdate = (trx: Kysely<DB>, studyId: string, id: string) =>
  trx.selectFrom('participants').selectAll().where('study_id', '=', studyId).where('id', '=', id).forUpdate().executeTakeFirst();

export async function listParticipants(db: Kysely<DB>, studyId: string, role?: string): Promise<ParticipantRow[]> {
  let q = db.selectFrom('participants').selectAll().where('study_id', '=', studyId);
  if (role) q = q.where('role', '=', role);
  return q.orderBy('role').orderBy(sql`length(code)`).orderBy('code').execute();
}

export const findParticipantsByIds = (db: Kysely<DB>, studyId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([] as ParticipantRow[]) : db.selectFrom('participants').selectAll().where('study_id', '=', studyId).where('id', 'in', ids).execute();

export const deleteParticipant = (trx: Kysely<DB>, id: string) => trx.deleteFrom('participants').where('id', '=', id).executeTakeFirst();

// ---- variable values --------------------------------------------------------------------------------------

export async function valuesOf(db: Kysely<DB>, participantIds: string[]): Promise<{ participant_id: string; variable_id: string; value: string }[]> {
  if (participantIds.length === 0) return [];
  return db.selectFrom('participant_variable_values').selectAll().where('participant_id', 'in', participantIds).execute();
}

export async function setValue(trx: Kysely<DB>, participantId: string, variableId: string, value: string): Promise<void> {
  await trx
    .insertInto('participant_variable_values')
    .values({ participant_id: participantId, variable_id: variableId, value })
    .onConflict((oc) => oc.columns(['participant_id', 'variable_id']).doUpdateSet({ value }))
    .execute();
}

export async function removeValue(trx: Kysely<DB>, participantId: string, variableId: string): Promise<void> {
  await trx.deleteFrom('participant_variable_values').where('participant_id', '=', participantId).where('variable_id', '=', variableId).execute();
}

// ---- study variables --------------------------------------------------------------------------------------

export async function listVariables(db: Kysely<DB>, studyId: string): Promise<(VariableRow & { used: number })[]> {
  return db
    .selectFrom('study_variables as v')
    .selectAll('v')
    .select((eb) => eb.selectFrom('participant_variable_values as pv').whereRef('pv.variable_id', '=', 'v.id').select(sql<number>`count(*)::int`.as('n')).as('used'))
    .where('v.study_id', '=', studyId)
    .orderBy('v.position')
    .orderBy('v.created_at')
    .execute() as Promise<(VariableRow & { used: number })[]>;
}

export const findVariable = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('study_variables').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();

export const findVariableByName = (db: Kysely<DB>, studyId: string, name: string) =>
  db.selectFrom('study_variables').selectAll().where('study_id', '=', studyId).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

export async function insertVariable(trx: Kysely<DB>, v: { studyId: string; name: string; type: string; choices: string[] }): Promise<VariableRow> {
  const { rows } = await sql<{ n: number }>`select coalesce(max(position), 0)::int + 1 as n from study_variables where study_id = ${v.studyId}`.execute(trx);
  return trx
    .insertInto('study_variables')
    .values({ study_id: v.studyId, name: v.name, type: v.type, choices: JSON.stringify(v.choices), position: Number(rows[0].n) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateVariable(trx: Kysely<DB>, id: string, v: { name?: string; choices?: string[] }): Promise<void> {
  if (v.name === undefined && v.choices === undefined) return;
  await trx
    .updateTable('study_variables')
    .set({ ...(v.name !== undefined ? { name: v.name } : {}), ...(v.choices !== undefined ? { choices: JSON.stringify(v.choices) } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Values of a variable that are not among `choices` (they would be orphaned by a change of the choices). */
export async function valuesOutside(db: Kysely<DB>, variableId: string, choices: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('participant_variable_values')
    .select('value')
    .distinct()
    .where('variable_id', '=', variableId)
    .$if(choices.length > 0, (q) => q.where('value', 'not in', choices))
    .execute();
  return rows.map((r) => r.value);
}

export async function deleteVariable(trx: Kysely<DB>, id: string): Promise<number> {
  const n = await trx.selectFrom('participant_variable_values').select(sql<number>`count(*)::int`.as('n')).where('variable_id', '=', id).executeTakeFirstOrThrow();
  await trx.deleteFrom('study_variables').where('id', '=', id).execute();
  return Number(n.n);
}

// ---- consent records --------------------------------------------------------------------------------------

export const listConsent = (db: Kysely<DB>, participantId: string) =>
  db.selectFrom('consent_records').selectAll().where('participant_id', '=', participantId).orderBy('date').orderBy('created_at').orderBy('id').execute();

export const listConsentOfStudy = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('consent_records').selectAll().where('study_id', '=', studyId).orderBy('participant_id').orderBy('date').orderBy('created_at').orderBy('id').execute();

export const findConsent = (db: Kysely<DB>, participantId: string, id: string) =>
  db.selectFrom('consent_records').selectAll().where('participant_id', '=', participantId).where('id', '=', id).executeTakeFirst();

export async function insertConsent(
  trx: Kysely<DB>,
  c: { studyId: string; participantId: string; letterVersion: string; date: string; givenBy: string; kind: string; method: string; scopes: Record<string, boolean>; withdrawnAt?: string | null; createdBy: string | null },
): Promise<ConsentRow> {
  return trx
    .insertInto('consent_records')
    .values({
      study_id: c.studyId,
      participant_id: c.participantId,
      letter_version: c.letterVersion,
      date: c.date,
      given_by: c.givenBy,
      kind: c.kind,
      method: c.method,
      scopes: JSON.stringify(c.scopes),
      withdrawn_at: c.withdrawnAt ?? null,
      withdrawn_recorded_by: c.withdrawnAt ? c.createdBy : null,
      created_by: c.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setWithdrawn(trx: Kysely<DB>, ids: string[], date: string, by: string | null): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('consent_records').set({ withdrawn_at: date, withdrawn_recorded_by: by }).where('id', 'in', ids).execute();
}

export const deleteConsent = (trx: Kysely<DB>, id: string) => trx.deleteFrom('consent_records').where('id', '=', id).executeTakeFirst();

// ---- the participant's material (the coding module's documents) ------------------------------------------

async function tableExists(db: Kysely<DB>, name: string): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db);
  return rows[0]?.t != null;
}

/**
 * Removes the participant's coding documents (transcripts); their versions and codings go with them (ON DELETE
 * CASCADE in the coding module's migration). Does nothing while that module's tables do not exist. Returns counts.
 */
export async function removeParticipantDocuments(trx: Kysely<DB>, studyId: string, participantId: string): Promise<{ documents: number; versions: number; codings: number }> {
  if (!(await tableExists(trx, 'documents'))) return { documents: 0, versions: 0, codings: 0 };
  const count = async (table: string): Promise<number> => {
    if (!(await tableExists(trx, table))) return 0;
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)}
      where document_id in (select id from documents where participant_id = ${participantId} and study_id = ${studyId})`.execute(trx);
    return Number(rows[0].n);
  };
  const versions = await count('document_versions');
  const codings = await count('codings');
  const res = await sql`delete from documents where participant_id = ${participantId} and study_id = ${studyId}`.execute(trx);
  return { documents: Number(res.numAffectedRows ?? 0), versions, codings };
}

/** How many coding documents belong to the participant (0 while the coding module's tables do not exist). */
export async function countParticipantDocuments(db: Kysely<DB>, studyId: string, participantId: string): Promise<number> {
  if (!(await tableExists(db, 'documents'))) return 0;
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from documents where participant_id = ${participantId} and study_id = ${studyId}`.execute(db);
  return Number(rows[0].n);
}

// ---- interview guides -------------------------------------------------------------------------------------

export interface GuideValues {
  audience: string;
  title: string;
  ageFrom: number | null;
  ageTo: number | null;
  childFriendly: boolean;
  body: string;
}

export const listGuides = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('interview_guides').selectAll().where('study_id', '=', studyId).orderBy('audience').orderBy(sql`age_from nulls last`).orderBy('title').execute();

export const findGuide = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('interview_guides').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();

export async function insertGuide(trx: Kysely<DB>, studyId: string, g: GuideValues, createdBy: string | null): Promise<GuideRow> {
  return trx
    .insertInto('interview_guides')
    .values({ study_id: studyId, audience: g.audience, title: g.title, age_from: g.ageFrom, age_to: g.ageTo, child_friendly: g.childFriendly, body: g.body, created_by: createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateGuide(trx: Kysely<DB>, id: string, g: GuideValues): Promise<GuideRow> {
  return trx
    .updateTable('interview_guides')
    .set({ audience: g.audience, title: g.title, age_from: g.ageFrom, age_to: g.ageTo, child_friendly: g.childFriendly, body: g.body, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const deleteGuide = (trx: Kysely<DB>, id: string) => trx.deleteFrom('interview_guides').where('id', '=', id).executeTakeFirst();

// ---- interviews -------------------------------------------------------------------------------------------

export interface InterviewValues {
  interviewerId: string | null;
  date: string;
  mode: string;
  guideId: string | null;
  durationMinutes: number | null;
  notesEnc: string | null;
  recordingDeleteBy: string | null;
}

const interviewQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('interviews as i')
    .leftJoin('users as u', 'u.id', 'i.interviewer_id')
    .leftJoin('interview_guides as g', 'g.id', 'i.guide_id')
    .selectAll('i')
    .select(['u.name as interviewer_name', 'g.title as guide_title']);

export const listInterviews = (db: Kysely<DB>, studyId: string): Promise<InterviewRow[]> =>
  interviewQuery(db).where('i.study_id', '=', studyId).orderBy('i.date', 'desc').orderBy('i.created_at', 'desc').execute();

export const findInterview = (db: Kysely<DB>, studyId: string, id: string): Promise<InterviewRow | undefined> =>
  interviewQuery(db).where('i.study_id', '=', studyId).where('i.id', '=', id).executeTakeFirst();

/** Interviews whose recording deadline lies before `asOf` and whose recording is not marked deleted. */
export const listOverdueRecordings = (db: Kysely<DB>, studyId: string, asOf: string): Promise<InterviewRow[]> =>
  interviewQuery(db)
    .where('i.study_id', '=', studyId)
    .where('i.recording_deleted_at', 'is', null)
    .where('i.recording_delete_by', '<', asOf)
    .orderBy('i.recording_delete_by')
    .orderBy('i.date')
    .execute();

export async function insertInterview(trx: Kysely<DB>, studyId: string, v: InterviewValues, createdBy: string | null): Promise<string> {
  const row = await trx
    .insertInto('interviews')
    .values({
      study_id: studyId,
      interviewer_id: v.interviewerId,
      date: v.date,
      mode: v.mode,
      guide_id: v.guideId,
      duration_minutes: v.durationMinutes,
      notes_enc: v.notesEnc,
      recording_delete_by: v.recordingDeleteBy,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateInterview(trx: Kysely<DB>, id: string, v: InterviewValues): Promise<void> {
  await trx
    .updateTable('interviews')
    .set({
      interviewer_id: v.interviewerId,
      date: v.date,
      mode: v.mode,
      guide_id: v.guideId,
      duration_minutes: v.durationMinutes,
      notes_enc: v.notesEnc,
      recording_delete_by: v.recordingDeleteBy,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function markRecordingDeleted(trx: Kysely<DB>, id: string, by: string | null): Promise<void> {
  await trx.updateTable('interviews').set({ recording_deleted_at: sql`now()`, recording_deleted_by: by, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export const deleteInterview = (trx: Kysely<DB>, id: string) => trx.deleteFrom('interviews').where('id', '=', id).executeTakeFirst();

export async function setInterviewParticipants(trx: Kysely<DB>, interviewId: string, participantIds: string[]): Promise<void> {
  await trx.deleteFrom('interview_participants').where('interview_id', '=', interviewId).execute();
  if (participantIds.length) await trx.insertInto('interview_participants').values(participantIds.map((p) => ({ interview_id: interviewId, participant_id: p }))).execute();
}

export async function participantsOfInterviews(db: Kysely<DB>, interviewIds: string[]): Promise<{ interview_id: string; id: string; code: string; role: string }[]> {
  if (interviewIds.length === 0) return [];
  return db
    .selectFrom('interview_participants as ip')
    .innerJoin('participants as p', 'p.id', 'ip.participant_id')
    .select(['ip.interview_id', 'p.id', 'p.code', 'p.role'])
    .where('ip.interview_id', 'in', interviewIds)
    .orderBy('p.role')
    .orderBy(sql`length(p.code)`)
    .orderBy('p.code')
    .execute();
}

export const countInterviewsOfParticipant = async (db: Kysely<DB>, participantId: string): Promise<number> =>
  Number(
    (await db.selectFrom('interview_participants').select(sql<number>`count(*)::int`.as('n')).where('participant_id', '=', participantId).executeTakeFirstOrThrow()).n,
  );
