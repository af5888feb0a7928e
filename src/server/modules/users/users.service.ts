/** Account administration: the installation admin manages accounts (not study content). Used by UI and CLI. */
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { assertInstallation, type Actor } from '../../platform/permissions';
import { hashPassword } from '../../platform/passwords';
import type { AdminUser } from '../../../shared/api';
import * as repo from './users.repository';
import * as authRepo from '../auth/auth.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import { issueLink, toUser } from '../auth/auth.service';

export function toAdminUser(u: repo.UserRow): AdminUser {
  return {
    ...toUser(u),
    expiresAt: iso(u.expires_at),
    disabled: !!u.disabled_at,
    lockedUntil: u.locked_until && new Date(u.locked_until) > new Date() ? iso(u.locked_until) : null,
    createdAt: iso(u.created_at)!,
    lastLoginAt: iso(u.last_login_at),
  };
}

export async function listUsers(deps: Deps, actor: Actor | null): Promise<AdminUser[]> {
  assertInstallation(actor, 'users.manage');
  return (await repo.listUsers(deps.db)).map(toAdminUser);
}

export async function createUser(
  deps: Deps,
  actor: Actor | null,
  input: { email: string; name: string; isAdmin: boolean; expiresAt?: string | null; password?: string },
): Promise<{ user: AdminUser; link: string | null; expiresAt: string | null }> {
  // `actor` null is the command line, run by someone with access to the server itself.
  if (actor) assertInstallation(actor, 'users.manage');
  if (input.expiresAt && new Date(input.expiresAt) <= new Date()) throw badRequest('De vervaldatum moet in de toekomst liggen.');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findUserByEmail(trx, input.email)) throw conflict(`Er bestaat al een account met e-mailadres ${input.email}.`);
    const u = await repo.insertUser(trx, { email: input.email, name: input.name, passwordHash, isAdmin: input.isAdmin, expiresAt: input.expiresAt ?? null });
    await appendAuditEvent(trx, { studyId: null, actorId: actor?.userId ?? null, action: 'user.created', objectType: 'user', objectId: u.id, details: { isAdmin: input.isAdmin, via: actor ? 'web' : 'cli' } });
    if (passwordHash) return { user: toAdminUser(u), link: null, expiresAt: null };
    const l = await issueLink(deps, trx, { purpose: 'password_reset', userId: u.id, createdBy: actor?.userId ?? null });
    return { user: toAdminUser(u), link: l.link, expiresAt: l.expiresAt };
  });
}

export async function updateUser(
  deps: Deps,
  actor: Actor | null,
  userId: string,
  input: { name?: string; isAdmin?: boolean; expiresAt?: string | null; disabled?: boolean },
): Promise<AdminUser> {
  const a = assertInstallation(actor, 'users.manage');
  if (userId === a.userId && (input.isAdmin === false || input.disabled === true))
    throw badRequest('U kunt uw eigen beheerrechten niet intrekken en uw eigen account niet uitschakelen.');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findUserById(trx, userId);
    if (!before) throw notFound('Dit account');
    const patch: repo.UserPatch = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.isAdmin !== undefined) patch.is_admin = input.isAdmin;
    if (input.expiresAt !== undefined) patch.expires_at = input.expiresAt;
    if (input.disabled !== undefined) patch.disabled_at = input.disabled ? new Date() : null;
    const u = await repo.updateUser(trx, userId, patch);
    if (input.disabled || (input.expiresAt && new Date(input.expiresAt) <= new Date())) await authRepo.deleteUserSessions(trx, userId);
    await appendAuditEvent(trx, { studyId: null, actorId: a.userId, action: 'user.updated', objectType: 'user', objectId: userId, details: { fields: Object.keys(input) } });
    return toAdminUser(u);
  });
}

/** Admin in the UI: a one-time link with which the person sets a new password. All their sessions end. */
export async function issuePasswordReset(deps: Deps, actor: Actor | null, userId: string) {
  const a = assertInstallation(actor, 'users.manage');
  return deps.db.transaction().execute(async (trx) => {
    const u = await repo.findUserById(trx, userId);
    if (!u) throw notFound('Dit account');
    await authRepo.expireLinks(trx, { purpose: 'password_reset', userId });
    await authRepo.deleteUserSessions(trx, userId);
    const l = await issueLink(deps, trx, { purpose: 'password_reset', userId, createdBy: a.userId });
    await appendAuditEvent(trx, { studyId: null, actorId: a.userId, action: 'user.password_reset_issued', objectType: 'user', objectId: userId });
    return { link: l.link, expiresAt: l.expiresAt };
  });
}

/** Command line: set a new password directly (read from stdin by the CLI). */
export async function setPasswordCli(deps: Deps, email: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    const u = await repo.findUserByEmail(trx, email);
    if (!u) throw new AppError('not_found', `Er is geen account met e-mailadres ${email}.`, 404);
    await repo.updateUser(trx, u.id, { password_hash: hash, failed_logins: 0, locked_until: null });
    await authRepo.deleteUserSessions(trx, u.id);
    await appendAuditEvent(trx, { studyId: null, actorId: null, action: 'user.password_reset_cli', objectType: 'user', objectId: u.id });
  });
}

export async function getSettings(deps: Deps, actor: Actor | null) {
  assertInstallation(actor, 'settings.manage');
  return { requireAdmin2fa: await repo.getSetting<boolean>(deps.db, 'require_admin_2fa', false) };
}

export async function updateSettings(deps: Deps, actor: Actor | null, input: { requireAdmin2fa: boolean }) {
  const a = assertInstallation(actor, 'settings.manage');
  await deps.db.transaction().execute(async (trx) => {
    await repo.putSetting(trx, 'require_admin_2fa', input.requireAdmin2fa);
    await appendAuditEvent(trx, { studyId: null, actorId: a.userId, action: 'settings.updated', objectType: 'settings', objectId: 'require_admin_2fa', details: input });
  });
  return input;
}
