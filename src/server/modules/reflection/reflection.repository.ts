/** Every SQL query of the reflection session: sessions, their items, invitees, ratings, anonymous comments, decisions. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, ReflectionInviteesTable, ReflectionItemsTable, ReflectionSessionsTable } from '../../db/schema';

export type SessionRow = Selectable<ReflectionSessionsTable>;
export type ItemRow = Selectable<ReflectionItemsTable>;
export type InviteeRow = Selectable<ReflectionInviteesTable>;

// ---- sessions ---------------------------------------------------------------------------------------------

export const listSessions = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('reflection_sessions').selectAll().where('study_id', '=', studyId).orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();

export const findSession = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('reflection_sessions').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();

/** The session row locked for the rest of the transaction (item changes, decisions, closing). */
export const lockSession = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('reflection_sessions').selectAll().where('study_id', '=', studyId).where('id', '=', id).forUpdate().executeTakeFirst();

/** The session's status under a share lock: closing (FOR UPDATE) waits for saves in flight, a later save sees 'closed'. */
export const sessionStatusShared = (db: Kysely<DB>, id: string) =>
  db.selectFrom('reflection_sessions').select(['status']).where('id', '=', id).forShare().executeTakeFirst();

export const insertSession = (db: Kysely<DB>, v: { studyId: string; title: string; heldOn: string; allowAnonymous: boolean; createdBy: string }) =>
  db
    .insertInto('reflection_sessions')
    .values({ study_id: v.studyId, title: v.title, held_on: v.heldOn, allow_anonymous: v.allowAnonymous, created_by: v.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateSession = (db: Kysely<DB>, id: string, v: { title?: string; heldOn?: string; allowAnonymous?: boolean; status?: 'open' | 'closed' }) =>
  db
    .updateTable('reflection_sessions')
    .set({
      ...(v.title !== undefined ? { title: v.title } : {}),
      ...(v.heldOn !== undefined ? { held_on: v.heldOn } : {}),
      ...(v.allowAnonymous !== undefined ? { allow_anonymous: v.allowAnonymous } : {}),
      ...(v.status !== undefined ? { status: v.status, closed_at: v.status === 'closed' ? sql<Date>`now()` : null } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const touchSession = (db: Kysely<DB>, id: string) => db.updateTable('reflection_sessions').set({ updated_at: sql<Date>`now()` }).where('id', '=', id).execute();

export const deleteSession = (db: Kysely<DB>, id: string) => db.deleteFrom('reflection_sessions').where('id', '=', id).execute();

/** Per session: invitees, and invitees who saved something (a rating row). */
export async function sessionCounts(db: Kysely<DB>, sessionIds: string[]): Promise<Map<string, { invitees: number; responded: number }>> {
  const out = new Map<string, { invitees: number; responded: number }>();
  if (!sessionIds.length) return out;
  const rows = await db
    .selectFrom('reflection_invitees as v')
    .select((eb) => [
      'v.session_id',
      sql<number>`count(*)::int`.as('invitees'),
      sql<number>`count(*) filter (where exists (select 1 from reflection_ratings r where r.invitee_id = v.id))::int`.as('responded'),
    ])
    .where('v.session_id', 'in', sessionIds)
    .groupBy('v.session_id')
    .execute();
  for (const r of rows) out.set(r.session_id, { invitees: r.invitees, responded: r.responded });
  return out;
}

// ---- items ------------------------------------------------------------------------------------------------

export const listItems = (db: Kysely<DB>, sessionIds: string[]) =>
  sessionIds.length ? db.selectFrom('reflection_items').selectAll().where('session_id', 'in', sessionIds).orderBy('position').execute() : Promise.resolve([] as ItemRow[]);

export const insertItems = (db: Kysely<DB>, rows: { sessionId: string; recommendationId: string; text: string; priority: string | null; position: number }[]) =>
  rows.length
    ? db
        .insertInto('reflection_items')
        .values(rows.map((r) => ({ session_id: r.sessionId, recommendation_id: r.recommendationId, text: r.text, priority: r.priority, position: r.position })))
        .execute()
    : Promise.resolve([]);

export const setItemPosition = (db: Kysely<DB>, id: string, position: number) => db.updateTable('reflection_items').set({ position }).where('id', '=', id).execute();

export const deleteItems = (db: Kysely<DB>, ids: string[]) => (ids.length ? db.deleteFrom('reflection_items').where('id', 'in', ids).execute() : Promise.resolve([]));

/** Items among `ids` that hold ratings, comments or a decision (not to be removed from the session silently). */
export async function itemsWithData(db: Kysely<DB>, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('reflection_items as i')
    .select('i.id')
    .where('i.id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('reflection_ratings as r').select('r.item_id').whereRef('r.item_id', '=', 'i.id')),
        eb.exists(eb.selectFrom('reflection_comments as c').select('c.item_id').whereRef('c.item_id', '=', 'i.id')),
        eb.exists(eb.selectFrom('reflection_decisions as d').select('d.item_id').whereRef('d.item_id', '=', 'i.id')),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

export const findItem = (db: Kysely<DB>, sessionId: string, itemId: string) =>
  db.selectFrom('reflection_items').selectAll().where('session_id', '=', sessionId).where('id', '=', itemId).executeTakeFirst();

// ---- invitees ---------------------------------------------------------------------------------------------

/** Inserts invitees after the session's last one, in the order given (call with the session row locked). */
export async function insertInvitees(db: Kysely<DB>, sessionId: string, rows: { labelEnc: string; emailEnc: string | null; tokenHash: string; createdBy: string }[]) {
  const last = await db.selectFrom('reflection_invitees').select(sql<number>`coalesce(max(position), -1)::int`.as('p')).where('session_id', '=', sessionId).executeTakeFirst();
  const base = (last?.p ?? -1) + 1;
  return db
    .insertInto('reflection_invitees')
    .values(rows.map((r, i) => ({ session_id: sessionId, position: base + i, label_enc: r.labelEnc, email_enc: r.emailEnc, token_hash: r.tokenHash, link_issued_at: sql<Date>`now()`, created_by: r.createdBy })))
    .returningAll()
    .execute();
}

export const listInvitees = (db: Kysely<DB>, sessionId: string) =>
  db
    .selectFrom('reflection_invitees as v')
    .selectAll('v')
    .select((eb) =>
      eb
        .selectFrom('reflection_ratings as r')
        .whereRef('r.invitee_id', '=', 'v.id')
        .where((w) => w.or([w('r.importance', 'is not', null), w('r.feasibility', 'is not', null)]))
        .select(sql<number>`count(*)::int`.as('c'))
        .as('rated'),
    )
    .where('v.session_id', '=', sessionId)
    .orderBy('v.position')
    .orderBy('v.id')
    .execute() as Promise<(InviteeRow & { rated: number })[]>;

export const findInvitee = (db: Kysely<DB>, sessionId: string, id: string) =>
  db.selectFrom('reflection_invitees').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();

export const deleteInvitee = (db: Kysely<DB>, id: string) => db.deleteFrom('reflection_invitees').where('id', '=', id).execute();

/** New link hashes (the old links stop working). */
export async function setTokens(db: Kysely<DB>, rows: { id: string; tokenHash: string }[]) {
  for (const r of rows) await db.updateTable('reflection_invitees').set({ token_hash: r.tokenHash, link_issued_at: sql<Date>`now()` }).where('id', '=', r.id).execute();
}

/** The invitee of a token hash, with the session and the study (the respondent's gate). */
export const inviteeByToken = (db: Kysely<DB>, tokenHash: string) =>
  db
    .selectFrom('reflection_invitees as v')
    .innerJoin('reflection_sessions as s', 's.id', 'v.session_id')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .select(['v.id as invitee_id', 'v.label_enc', 'v.first_seen_at', 's.id as session_id', 's.study_id', 's.title', 's.held_on', 's.status', 's.allow_anonymous', 'st.title as study_title', 'st.archived_at'])
    .where('v.token_hash', '=', tokenHash)
    .executeTakeFirst();

export const markSeen = (db: Kysely<DB>, inviteeId: string) =>
  db.updateTable('reflection_invitees').set({ first_seen_at: sql<Date>`now()` }).where('id', '=', inviteeId).where('first_seen_at', 'is', null).execute();

// ---- ratings and comments ---------------------------------------------------------------------------------

export const ratingsOfInvitee = (db: Kysely<DB>, inviteeId: string) => db.selectFrom('reflection_ratings').selectAll().where('invitee_id', '=', inviteeId).execute();

/** One statement: inserts or replaces the invitee's rating row of an item, only while the session is open. */
export const upsertRating = (db: Kysely<DB>, v: { inviteeId: string; itemId: string; importance: number | null; feasibility: number | null; commentEnc: string | null }) =>
  db
    .insertInto('reflection_ratings')
    .values({ invitee_id: v.inviteeId, item_id: v.itemId, importance: v.importance, feasibility: v.feasibility, comment_enc: v.commentEnc })
    .onConflict((oc) =>
      oc.columns(['invitee_id', 'item_id']).doUpdateSet({ importance: v.importance, feasibility: v.feasibility, comment_enc: v.commentEnc, updated_at: sql<Date>`now()` }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();

/** An anonymous comment: no invitee, the day only. */
export const insertAnonymousComment = (db: Kysely<DB>, itemId: string, textEnc: string) =>
  db.insertInto('reflection_comments').values({ item_id: itemId, text_enc: textEnc }).returning(['id']).executeTakeFirstOrThrow();

/** Every rating row of a session with the invitee's sealed label (for the aggregates and the named comments). */
export const ratingsOfSession = (db: Kysely<DB>, sessionId: string) =>
  db
    .selectFrom('reflection_ratings as r')
    .innerJoin('reflection_items as i', 'i.id', 'r.item_id')
    .innerJoin('reflection_invitees as v', 'v.id', 'r.invitee_id')
    .select(['r.item_id', 'r.importance', 'r.feasibility', 'r.comment_enc', 'r.updated_at', 'r.invitee_id', 'v.label_enc'])
    .where('i.session_id', '=', sessionId)
    .orderBy('r.updated_at')
    .execute();

export const anonymousCommentsOfSession = (db: Kysely<DB>, sessionId: string) =>
  db
    .selectFrom('reflection_comments as c')
    .innerJoin('reflection_items as i', 'i.id', 'c.item_id')
    .select(['c.id', 'c.item_id', 'c.text_enc', 'c.created_on'])
    .where('i.session_id', '=', sessionId)
    .orderBy('c.created_on')
    .orderBy('c.id')
    .execute();

// ---- decisions --------------------------------------------------------------------------------------------

export const upsertDecision = (db: Kysely<DB>, v: { itemId: string; decision: string; reason: string; decidedBy: string }) =>
  db
    .insertInto('reflection_decisions')
    .values({ item_id: v.itemId, decision: v.decision, reason: v.reason, decided_by: v.decidedBy })
    .onConflict((oc) => oc.column('item_id').doUpdateSet({ decision: v.decision, reason: v.reason, decided_by: v.decidedBy, decided_at: sql<Date>`now()` }))
    .execute();

export const decisionsOfSession = (db: Kysely<DB>, sessionId: string) =>
  db
    .selectFrom('reflection_decisions as d')
    .innerJoin('reflection_items as i', 'i.id', 'd.item_id')
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .select(['d.item_id', 'd.decision', 'd.reason', 'd.decided_at', 'u.name as decided_by_name'])
    .where('i.session_id', '=', sessionId)
    .execute();
