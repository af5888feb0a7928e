import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema';

export type UserRow = Selectable<UsersTable>;

export const findUserByEmail = (db: Kysely<DB>, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const findUserById = (db: Kysely<DB>, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const listUsers = (db: Kysely<DB>) => db.selectFrom('users').selectAll().orderBy('name').execute();

/** Serialises "is this the first account?" decisions across processes (transaction-scoped advisory lock). */
export async function lockAccountCreation(db: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(7274002)`.execute(db);
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const insertUser = (
  db: Kysely<DB>,
  u: { email: string; name: string; passwordHash: string | null; isAdmin: boolean; expiresAt?: string | null },
) =>
  db
    .insertInto('users')
    .values({ email: u.email.toLowerCase(), name: u.name, password_hash: u.passwordHash, is_admin: u.isAdmin, expires_at: u.expiresAt ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();

export type UserPatch = Partial<{
  name: string;
  is_admin: boolean;
  language: string;
  password_hash: string;
  expires_at: string | null;
  disabled_at: Date | null;
  totp_secret_enc: string | null;
  totp_enabled: boolean;
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date;
}>;

export const updateUser = (db: Kysely<DB>, id: string, patch: UserPatch) =>
  db
    .updateTable('users')
    .set({ ...patch, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Counts a failed login; from the 5th failure in a row the account is locked for 15 minutes, doubling after. */
export const recordFailedLogin = (db: Kysely<DB>, id: string) =>
  db
    .updateTable('users')
    .set({
      failed_logins: sql`failed_logins + 1`,
      locked_until: sql`case when failed_logins + 1 >= 5 then now() + (interval '15 minutes' * power(2, least(failed_logins + 1 - 5, 6))) else locked_until end`,
    } as never)
    .where('id', '=', id)
    .execute();

export async function getSetting<T>(db: Kysely<DB>, key: string, fallback: T): Promise<T> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return r ? (r.value as T) : fallback;
}

export const putSetting = (db: Kysely<DB>, key: string, value: unknown) =>
  db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
    .execute();
