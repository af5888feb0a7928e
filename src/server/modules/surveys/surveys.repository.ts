/** Every SQL query of the survey module: surveys, frozen versions, invitations, responses. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, SurveyInvitationsTable, SurveysTable } from '../../db/schema';
import { prepared } from '../../db/prepared';

export type SurveyRow = Selectable<SurveysTable> & { current_version_id: string | null; current_version: number | null };
export type InvitationRow = Selectable<SurveyInvitationsTable>;

const json = (v: unknown) => JSON.stringify(v);

// ---- surveys ------------------------------------------------------------------------------------------------

/** The survey columns plus its newest version (id and number), for one survey or a list. */
function surveysWithVersion(db: Kysely<DB>) {
  return db
    .selectFrom('surveys as s')
    .selectAll('s')
    .select((eb) => [
      eb.selectFrom('survey_versions as v').select('v.id').whereRef('v.survey_id', '=', 's.id').orderBy('v.number', 'desc').limit(1).as('current_version_id'),
      eb.selectFrom('survey_versions as v').select('v.number').whereRef('v.survey_id', '=', 's.id').orderBy('v.number', 'desc').limit(1).as('current_version'),
    ]);
}

export const findSurvey = (db: Kysely<DB>, studyId: string, surveyId: string) =>
  surveysWithVersion(db).where('s.study_id', '=', studyId).where('s.id', '=', surveyId).executeTakeFirst() as Promise<SurveyRow | undefined>;

export const listSurveys = (db: Kysely<DB>, studyId: string) =>
  surveysWithVersion(db).where('s.study_id', '=', studyId).orderBy('s.created_at', 'desc').execute() as Promise<SurveyRow[]>;

/** Serialises the changes of one survey (publish, settings, invitations) for the rest of the transaction. */
export async function lockSurvey(trx: Kysely<DB>, surveyId: string): Promise<void> {
  await trx.selectFrom('surveys').select('id').where('id', '=', surveyId).forUpdate().executeTakeFirst();
}

export interface SurveyValues {
  title: string;
  description: string;
  languages: string[];
  mode: string;
  anonymised: boolean;
  opensAt: string | null;
  closesAt: string | null;
  disclosureThreshold: number;
  draft: Record<string, unknown>;
  mail: Record<string, string>;
}

export const insertSurvey = (db: Kysely<DB>, studyId: string, v: SurveyValues, createdBy: string | null) =>
  db
    .insertInto('surveys')
    .values({
      study_id: studyId,
      title: v.title,
      description: v.description,
      languages: json(v.languages),
      mode: v.mode,
      anonymised: v.anonymised,
      opens_at: v.opensAt,
      closes_at: v.closesAt,
      disclosure_threshold: v.disclosureThreshold,
      draft: json(v.draft),
      mail: json(v.mail),
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export async function updateSurvey(db: Kysely<DB>, surveyId: string, v: Partial<SurveyValues>): Promise<void> {
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (v.title !== undefined) set.title = v.title;
  if (v.description !== undefined) set.description = v.description;
  if (v.languages !== undefined) set.languages = json(v.languages);
  if (v.mode !== undefined) set.mode = v.mode;
  if (v.anonymised !== undefined) set.anonymised = v.anonymised;
  if (v.opensAt !== undefined) set.opens_at = v.opensAt;
  if (v.closesAt !== undefined) set.closes_at = v.closesAt;
  if (v.disclosureThreshold !== undefined) set.disclosure_threshold = v.disclosureThreshold;
  if (v.draft !== undefined) set.draft = json(v.draft);
  if (v.mail !== undefined) set.mail = json(v.mail);
  await db.updateTable('surveys').set(set as never).where('id', '=', surveyId).execute();
}

export const setPublicToken = (db: Kysely<DB>, surveyId: string, hash: string, sealed: string) =>
  db.updateTable('surveys').set({ public_token_hash: hash, public_token_enc: sealed, updated_at: sql`now()` } as never).where('id', '=', surveyId).execute();

export const deleteSurvey = (db: Kysely<DB>, surveyId: string) => db.deleteFrom('surveys').where('id', '=', surveyId).execute();

// ---- versions ----------------------------------------------------------------------------------------------

export async function listVersions(db: Kysely<DB>, surveyId: string) {
  return db
    .selectFrom('survey_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .select(['v.id', 'v.number', 'v.published_at', 'u.name as published_by_name'])
    .select((eb) => eb.selectFrom('survey_responses as r').select(sql<number>`count(*)::int`.as('n')).whereRef('r.version_id', '=', 'v.id').as('responses'))
    .where('v.survey_id', '=', surveyId)
    .orderBy('v.number', 'desc')
    .execute();
}

export const findVersion = (db: Kysely<DB>, surveyId: string, versionId: string) =>
  db.selectFrom('survey_versions').selectAll().where('survey_id', '=', surveyId).where('id', '=', versionId).executeTakeFirst();

export const findVersionByNumber = (db: Kysely<DB>, surveyId: string, number: number) =>
  db.selectFrom('survey_versions').selectAll().where('survey_id', '=', surveyId).where('number', '=', number).executeTakeFirst();

export const findVersionById = (db: Kysely<DB>, versionId: string) =>
  db.selectFrom('survey_versions').select(['id', 'number', 'definition']).where('id', '=', versionId).executeTakeFirst();

export const insertVersion = (db: Kysely<DB>, surveyId: string, number: number, definition: Record<string, unknown>, by: string | null) =>
  db.insertInto('survey_versions').values({ survey_id: surveyId, number, definition: json(definition), published_by: by }).returning(['id', 'number']).executeTakeFirstOrThrow();

/** Every version with its definition, oldest first (open answers to the coding module look at all of them). */
export const versionsWithDefinition = (db: Kysely<DB>, surveyId: string) =>
  db.selectFrom('survey_versions').select(['id', 'number', 'definition']).where('survey_id', '=', surveyId).orderBy('number').execute();

/** The newest version that has responses (the default for results and exports), else the newest. */
export async function defaultVersion(db: Kysely<DB>, surveyId: string) {
  return db
    .selectFrom('survey_versions as v')
    .select(['v.id', 'v.number', 'v.definition'])
    .where('v.survey_id', '=', surveyId)
    .orderBy(sql`exists (select 1 from survey_responses r where r.version_id = v.id)`, 'desc')
    .orderBy('v.number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function versionNumbers(db: Kysely<DB>, surveyId: string): Promise<number[]> {
  const rows = await db.selectFrom('survey_versions').select('number').where('survey_id', '=', surveyId).orderBy('number').execute();
  return rows.map((r) => r.number);
}

// ---- counts -----------------------------------------------------------------------------------------------

export async function responseCounts(db: Kysely<DB>, surveyId: string): Promise<{ started: number; completed: number }> {
  const r = await db
    .selectFrom('survey_responses')
    .select([sql<number>`count(*)::int`.as('started'), sql<number>`count(completed_at)::int`.as('completed')])
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return { started: Number(r.started), completed: Number(r.completed) };
}

export async function invitationCounts(db: Kysely<DB>, surveyId: string) {
  const r = await db
    .selectFrom('survey_invitations')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where link_issued_at is null and started_at is null and completed_at is null)::int`.as('pending'),
      sql<number>`count(*) filter (where link_issued_at is not null and started_at is null and completed_at is null)::int`.as('invited'),
      sql<number>`count(*) filter (where started_at is not null and completed_at is null)::int`.as('started'),
      sql<number>`count(completed_at)::int`.as('completed'),
      sql<number>`count(email_deleted_at)::int`.as('deleted'),
    ])
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), pending: Number(r.pending), invited: Number(r.invited), started: Number(r.started), completed: Number(r.completed), deleted: Number(r.deleted) };
}

// ---- invitations --------------------------------------------------------------------------------------------

export async function existingEmailHashes(db: Kysely<DB>, surveyId: string, hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += 5000) {
    const rows = await db.selectFrom('survey_invitations').select('email_hash').where('survey_id', '=', surveyId).where('email_hash', 'in', hashes.slice(i, i + 5000)).execute();
    for (const r of rows) if (r.email_hash) found.add(r.email_hash);
  }
  return found;
}

export async function insertInvitations(db: Kysely<DB>, surveyId: string, rows: { emailEnc: string; emailHash: string }[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const r = await db
      .insertInto('survey_invitations')
      .values(chunk.map((x) => ({ survey_id: surveyId, email_enc: x.emailEnc, email_hash: x.emailHash })))
      .onConflict((oc) => oc.columns(['survey_id', 'email_hash']).doNothing())
      .returning('id')
      .execute();
    n += r.length;
  }
  return n;
}

const STATUS_WHERE: Record<string, ReturnType<typeof sql<boolean>>> = {
  pending: sql<boolean>`link_issued_at is null and started_at is null and completed_at is null`,
  invited: sql<boolean>`link_issued_at is not null and started_at is null and completed_at is null`,
  started: sql<boolean>`started_at is not null and completed_at is null`,
  completed: sql<boolean>`completed_at is not null`,
};

export async function listInvitations(db: Kysely<DB>, surveyId: string, f: { status?: string; offset: number; limit: number }) {
  let q = db.selectFrom('survey_invitations').where('survey_id', '=', surveyId);
  if (f.status) q = q.where(STATUS_WHERE[f.status]);
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('created_at').orderBy('id').offset(f.offset).limit(f.limit).execute();
  return { total: Number(total.n), rows };
}

export const findInvitation = (db: Kysely<DB>, surveyId: string, invitationId: string) =>
  db.selectFrom('survey_invitations').selectAll().where('survey_id', '=', surveyId).where('id', '=', invitationId).executeTakeFirst();

/** The invitations that get a (new) link: `new` never had one; `pending` are all not completed. Only those with an address. */
export function invitationsForLinks(db: Kysely<DB>, surveyId: string, scope: 'new' | 'pending' | 'reminder') {
  let q = db.selectFrom('survey_invitations').select(['id', 'email_enc']).where('survey_id', '=', surveyId).where('email_enc', 'is not', null).where('completed_at', 'is', null);
  if (scope === 'new') q = q.where('link_issued_at', 'is', null);
  if (scope === 'reminder') q = q.where('link_issued_at', 'is not', null);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Stores new link tokens (hashed) in bulk; `sent` also records the e-mail (and counts a reminder). */
export async function setInvitationTokens(db: Kysely<DB>, rows: { id: string; tokenHash: string }[], mail: 'none' | 'invitation' | 'reminder' = 'none'): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = json(rows.slice(i, i + 2000).map((r) => ({ id: r.id, token_hash: r.tokenHash })));
    await sql`
      update survey_invitations i set token_hash = x.token_hash, link_issued_at = now()
        ${mail === 'none' ? sql`` : sql`, sent_at = now()`}
        ${mail === 'reminder' ? sql`, reminders = i.reminders + 1` : sql``}
      from json_to_recordset(${chunk}::json) as x(id uuid, token_hash text)
      where i.id = x.id`.execute(db);
  }
}

export async function deleteInvitationEmail(db: Kysely<DB>, invitationId: string): Promise<void> {
  await db
    .updateTable('survey_invitations')
    .set({ email_enc: null, email_hash: null, email_deleted_at: sql`coalesce(email_deleted_at, now())` } as never)
    .where('id', '=', invitationId)
    .execute();
}

/** Deletes every remaining address of a survey (it closed); returns how many. */
export async function purgeEmails(db: Kysely<DB>, surveyId: string): Promise<number> {
  const r = await db
    .updateTable('survey_invitations')
    .set({ email_enc: null, email_hash: null, email_deleted_at: sql`now()` } as never)
    .where('survey_id', '=', surveyId)
    .where('email_enc', 'is not', null)
    .executeTakeFirst();
  await db.updateTable('surveys').set({ emails_purged_at: sql`now()` } as never).where('id', '=', surveyId).execute();
  return Number(r.numUpdatedRows);
}

/** Closed surveys (of a study, or all) that still hold addresses. */
export async function closedSurveysWithEmails(db: Kysely<DB>, studyId?: string) {
  let q = db
    .selectFrom('surveys as s')
    .select(['s.id', 's.study_id'])
    .where('s.closes_at', '<=', sql<Date>`now()`)
    .where((eb) => eb.exists(eb.selectFrom('survey_invitations as i').select('i.id').whereRef('i.survey_id', '=', 's.id').where('i.email_enc', 'is not', null)));
  if (studyId) q = q.where('s.study_id', '=', studyId);
  return q.execute();
}

// ---- respondents ------------------------------------------------------------------------------------------

/** What the respondent routes need of a survey, and of the response when one is addressed. */
export interface Gate {
  survey_id: string;
  study_id: string;
  title: string;
  description: string;
  languages: string[];
  mode: string;
  anonymised: boolean;
  opens_at: Date | null;
  closes_at: Date | null;
  current_version_id: string | null;
  current_version: number | null;
}
const gateColumns = sql`s.id as survey_id, s.study_id, s.title, s.description, s.languages, s.mode, s.anonymised, s.opens_at, s.closes_at,
  cv.id as current_version_id, cv.number as current_version`;
const currentVersion = sql`left join lateral (select v.id, v.number from survey_versions v where v.survey_id = s.id order by v.number desc limit 1) cv on true`;
export async function gateById(db: Kysely<DB>, surveyId: string): Promise<Gate | undefined> {
  const { rows } = await prepared<Gate>`select ${gateColumns} from surveys s ${currentVersion} where s.id = ${surveyId}`.execute(db);
  return rows[0];
}

export async function surveyIdByPublicHash(db: Kysely<DB>, hash: string): Promise<string | undefined> {
  const r = await db.selectFrom('surveys').select('id').where('public_token_hash', '=', hash).executeTakeFirst();
  return r?.id;
}

/** A response by its resume code, without joins (the survey comes from the gate cache). */
export interface ResponseLookup {
  response_id: string;
  survey_id: string;
  response_version_id: string;
  response_language: string;
  response_last_page: number | null;
  response_completed_at: Date | null;
  response_completion_key: string | null;
  response_answers?: Record<string, unknown>;
}
const lookupColumns = (answers: boolean) =>
  sql`r.id as response_id, r.survey_id, r.version_id as response_version_id, r.language as response_language, r.last_page as response_last_page,
  r.completed_at as response_completed_at, r.completion_key as response_completion_key ${answers ? sql`, r.answers as response_answers` : sql``}`;

export async function responseByResumeHash(db: Kysely<DB>, hash: string, answers: boolean): Promise<ResponseLookup | undefined> {
  const { rows } = await prepared<ResponseLookup>`select ${lookupColumns(answers)} from survey_responses r where r.resume_hash = ${hash}`.execute(db);
  return rows[0];
}

export async function responseById(db: Kysely<DB>, id: string, answers: boolean): Promise<ResponseLookup | undefined> {
  const { rows } = await prepared<ResponseLookup>`select ${lookupColumns(answers)} from survey_responses r where r.id = ${id}`.execute(db);
  return rows[0];
}

/** An invitation by its token hash, with the response linked to it (never, in anonymised mode). */
export async function invitationByHash(db: Kysely<DB>, hash: string, answers: boolean) {
  const { rows } = await sql<{ invitation_id: string; invitation_survey_id: string; invitation_completed_at: Date | null } & Partial<ResponseLookup>>`
    select i.id as invitation_id, i.survey_id as invitation_survey_id, i.completed_at as invitation_completed_at, ${lookupColumns(answers)}
    from survey_invitations i left join survey_responses r on r.invitation_id = i.id
    where i.token_hash = ${hash}`.execute(db);
  return rows[0];
}

export async function findResponseByKey(db: Kysely<DB>, surveyId: string, key: string) {
  return db.selectFrom('survey_responses').select(['id', 'completed_at', 'completion_key']).where('survey_id', '=', surveyId).where('completion_key', '=', key).executeTakeFirst();
}

/**
 * The first save of a respondent: the response row, and (same statement) the invitation marked started. In
 * anonymised mode the invitation keeps only the day and the response no invitation id.
 */
export async function insertFirstPage(
  db: Kysely<DB>,
  r: { surveyId: string; versionId: string; invitationId: string | null; linkInvitation: boolean; resumeHash: string | null; language: string; answers: Record<string, unknown>; page: number },
): Promise<string> {
  const { rows } = await prepared<{ id: string }>`
    with i as (
      update survey_invitations set started_at = coalesce(started_at, ${r.linkInvitation ? sql`now()` : sql`date_trunc('day', now())`})
      where id = ${r.invitationId}
    )
    insert into survey_responses (survey_id, version_id, invitation_id, resume_hash, language, answers, last_page)
    values (${r.surveyId}, ${r.versionId}, ${r.linkInvitation ? r.invitationId : null}, ${r.resumeHash}, ${r.language}, ${json(r.answers)}::jsonb, ${r.page})
    returning id`.execute(db);
  return rows[0].id;
}

// ---- batched respondent writes (respondent.service.ts batches concurrent requests; see platform/batcher.ts) ----

export interface FirstPage {
  id: string;
  surveyId: string;
  versionId: string;
  resumeHash: string;
  language: string;
  answers: Record<string, unknown>;
  page: number;
}

/** Several first saves without an invitation in one statement (ids made by the caller). */
export async function insertFirstPages(db: Kysely<DB>, items: FirstPage[]): Promise<void> {
  const rows = items.map((r) => ({ id: r.id, survey_id: r.surveyId, version_id: r.versionId, resume_hash: r.resumeHash, language: r.language, answers: r.answers, last_page: r.page }));
  await prepared`
    insert into survey_responses (id, survey_id, version_id, resume_hash, language, answers, last_page)
    select id, survey_id, version_id, resume_hash, language, answers, last_page
    from jsonb_to_recordset(${json(rows)}::jsonb) as x(id uuid, survey_id uuid, version_id uuid, resume_hash text, language text, answers jsonb, last_page int)`.execute(db);
}

export interface PageSave {
  responseId: string;
  keys: string[];
  answers: Record<string, unknown>;
  page: number;
  language: string | null;
}

/**
 * Page saves, one or many in one statement: each replaces its page's keys by the new answers. The ids that were saved
 * (not yet completed).
 */
export async function savePages(db: Kysely<DB>, items: PageSave[]): Promise<Set<string>> {
  const rows = items.map((r) => ({ id: r.responseId, keys: r.keys, answers: r.answers, page: r.page, language: r.language }));
  const { rows: saved } = await prepared<{ id: string }>`
    update survey_responses r
    set answers = (r.answers - x.keys) || x.answers, last_page = greatest(coalesce(r.last_page, -1), x.page),
        language = coalesce(x.language, r.language), updated_at = now()
    from jsonb_to_recordset(${json(rows)}::jsonb) as x(id uuid, keys text[], answers jsonb, page int, language text)
    where r.id = x.id and r.completed_at is null
    returning r.id`.execute(db);
  return new Set(saved.map((r) => r.id));
}

/** Several responses about to be completed, locked (in id order) for the rest of the transaction. */
export async function responsesForCompletion(trx: Kysely<DB>, ids: string[]) {
  const { rows } = await prepared<{ id: string; answers: Record<string, unknown>; language: string; completed_at: Date | null; completion_key: string | null }>`
    select id, answers, language, completed_at, completion_key from survey_responses where id = any(${ids}::uuid[]) order by id for update`.execute(trx);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Completes locked, not yet completed responses (one or many) in one statement: answers, time, idempotency key, language. */
export async function completeResponses(trx: Kysely<DB>, items: { responseId: string; answers: Record<string, unknown>; key: string; page: number | null; language: string }[]) {
  const rows = items.map((r) => ({ id: r.responseId, answers: r.answers, key: r.key, page: r.page ?? -1, language: r.language }));
  const { rows: done } = await prepared<{ id: string; completed_at: Date }>`
    update survey_responses r
    set answers = x.answers, completed_at = now(), completion_key = x.key, language = x.language,
        last_page = greatest(coalesce(r.last_page, -1), x.page), updated_at = now()
    from jsonb_to_recordset(${json(rows)}::jsonb) as x(id uuid, answers jsonb, key uuid, page int, language text)
    where r.id = x.id and r.completed_at is null
    returning r.id, r.completed_at`.execute(trx);
  return new Map(done.map((r) => [r.id, r]));
}

/** A response submitted in one go (nothing saved before); null when this idempotency key was used already. */
export async function insertCompletedResponse(
  db: Kysely<DB>,
  r: { surveyId: string; versionId: string; invitationId: string | null; answers: Record<string, unknown>; key: string; page: number | null; language: string },
) {
  const { rows } = await prepared<{ id: string; completed_at: Date }>`
    insert into survey_responses (survey_id, version_id, invitation_id, language, answers, last_page, completed_at, completion_key)
    values (${r.surveyId}, ${r.versionId}, ${r.invitationId}, ${r.language}, ${json(r.answers)}::jsonb, ${r.page}, now(), ${r.key})
    on conflict (survey_id, completion_key) do nothing
    returning id, completed_at`.execute(db);
  return rows[0] ?? null;
}

/** Marks an invitation completed (once); false when it was completed already. */
export async function completeInvitation(db: Kysely<DB>, invitationId: string, exact: boolean): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    update survey_invitations
    set completed_at = ${exact ? sql`now()` : sql`date_trunc('day', now())`}, started_at = coalesce(started_at, ${exact ? sql`now()` : sql`date_trunc('day', now())`})
    where id = ${invitationId} and completed_at is null
    returning id`.execute(db);
  return rows.length === 1;
}

// ---- responses for results and exports ----------------------------------------------------------------------

export interface ResponseDataRow {
  id: string;
  answers: Record<string, unknown>;
  started_at: Date;
  completed_at: Date | null;
  last_page: number | null;
  language: string;
  version: number;
}

export async function loadResponses(db: Kysely<DB>, versionId: string, opts: { completedOnly?: boolean } = {}): Promise<ResponseDataRow[]> {
  let q = db
    .selectFrom('survey_responses as r')
    .innerJoin('survey_versions as v', 'v.id', 'r.version_id')
    .select(['r.id', 'r.answers', 'r.started_at', 'r.completed_at', 'r.last_page', 'r.language', 'v.number as version'])
    .where('r.version_id', '=', versionId);
  if (opts.completedOnly) q = q.where('r.completed_at', 'is not', null);
  return (await q.orderBy('r.started_at').orderBy('r.id').execute()) as unknown as ResponseDataRow[];
}

export async function listResponses(db: Kysely<DB>, surveyId: string, f: { versionId?: string; completed?: boolean; offset: number; limit: number }) {
  let q = db.selectFrom('survey_responses as r').innerJoin('survey_versions as v', 'v.id', 'r.version_id').where('r.survey_id', '=', surveyId);
  if (f.versionId) q = q.where('r.version_id', '=', f.versionId);
  if (f.completed !== undefined) q = q.where('r.completed_at', f.completed ? 'is not' : 'is', null);
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['r.id', 'r.answers', 'r.started_at', 'r.completed_at', 'r.last_page', 'r.language', 'v.number as version'])
    .orderBy('r.started_at')
    .orderBy('r.id')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { total: Number(total.n), rows: rows as unknown as ResponseDataRow[] };
}
