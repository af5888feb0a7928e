import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export const insertSession = (db: Kysely<DB>, s: { idHash: string; userId: string; csrfToken: string; mfaPending: boolean; userAgent: string | null }) =>
  db
    .insertInto('sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, mfa_pending: s.mfaPending, user_agent: s.userAgent })
    .execute();

/** The session with its user, if neither the idle nor the absolute limit has passed. */
export const findLiveSession = (db: Kysely<DB>, idHash: string, idleMinutes: number, absoluteHours: number) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id_hash',
      's.csrf_token',
      's.mfa_pending',
      's.last_seen_at',
      'u.id as user_id',
      'u.email',
      'u.name',
      'u.is_admin',
      'u.language',
      'u.totp_enabled',
      'u.expires_at',
      'u.disabled_at',
    ])
    .where('s.id_hash', '=', idHash)
    .where(sql<boolean>`s.last_seen_at > now() - make_interval(mins => ${idleMinutes})`)
    .where(sql<boolean>`s.created_at > now() - make_interval(hours => ${absoluteHours})`)
    .executeTakeFirst();

export const touchSession = (db: Kysely<DB>, idHash: string) =>
  db.updateTable('sessions').set({ last_seen_at: sql`now()` } as never).where('id_hash', '=', idHash).execute();

export const completeMfa = (db: Kysely<DB>, idHash: string) =>
  db.updateTable('sessions').set({ mfa_pending: false, last_seen_at: sql`now()` } as never).where('id_hash', '=', idHash).execute();

export const deleteSession = (db: Kysely<DB>, idHash: string) => db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();

export const deleteUserSessions = (db: Kysely<DB>, userId: string, exceptIdHash?: string) => {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  return q.execute();
};

export const deleteExpiredSessions = (db: Kysely<DB>, absoluteHours: number) =>
  db.deleteFrom('sessions').where(sql<boolean>`created_at < now() - make_interval(hours => ${absoluteHours})`).execute();

// ---- secret links ----

export const insertSecretLink = (
  db: Kysely<DB>,
  l: { tokenHash: string; purpose: string; userId?: string | null; studyId?: string | null; email?: string | null; role?: string | null; createdBy?: string | null; expiresAt: Date },
) =>
  db
    .insertInto('secret_links')
    .values({
      token_hash: l.tokenHash,
      purpose: l.purpose,
      user_id: l.userId ?? null,
      study_id: l.studyId ?? null,
      email: l.email ?? null,
      role: l.role ?? null,
      created_by: l.createdBy ?? null,
      expires_at: l.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findUsableLink = (db: Kysely<DB>, tokenHash: string) =>
  db
    .selectFrom('secret_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where(sql<boolean>`expires_at > now()`)
    .executeTakeFirst();

/** Marks a link used; returns false when another request used it first. */
export async function useLink(db: Kysely<DB>, id: string): Promise<boolean> {
  const r = await db.updateTable('secret_links').set({ used_at: sql`now()` } as never).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const expireLinks = (db: Kysely<DB>, where: { purpose: string; userId?: string }) => {
  let q = db.updateTable('secret_links').set({ used_at: sql`now()` } as never).where('purpose', '=', where.purpose).where('used_at', 'is', null);
  if (where.userId) q = q.where('user_id', '=', where.userId);
  return q.execute();
};
