/** Sign-in, sessions, second factor, personal settings and the secret links that set a password. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, unauthenticated } from '../../platform/errors';
import { hashToken, newToken } from '../../platform/crypto';
import { hashPassword, verifyPassword } from '../../platform/passwords';
import { checkTotp, newTotpSecret, otpauthUrl, qrSvg } from '../../platform/totp';
import type { Actor } from '../../platform/permissions';
import type { SessionInfo, StudyRole, User, linkAcceptBody, loginBody } from '../../../shared/api';
import * as repo from './auth.repository';
import * as users from '../users/users.repository';
import * as studies from '../studies/studies.repository';
import { appendAuditEvent } from '../audit/audit.repository';

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;
export const LINK_HOURS = { setup: 24, password_reset: 24, invitation: 24 * 14 } as const;

export interface SessionState {
  idHash: string;
  actor: Actor;
  user: User;
  csrfToken: string;
  mfaPending: boolean;
  mfaSetupRequired: boolean;
}

export function toUser(u: { id?: string; user_id?: string; email: string; name: string; is_admin: boolean; language: string; totp_enabled: boolean }): User {
  return {
    id: (u.user_id ?? u.id)!,
    email: u.email,
    name: u.name,
    isAdmin: u.is_admin,
    language: u.language === 'en' ? 'en' : 'nl',
    totpEnabled: u.totp_enabled,
  };
}

export const adminMust2fa = (db: Kysely<DB>) => users.getSetting<boolean>(db, 'require_admin_2fa', false);

function accountUsable(u: { expires_at: Date | string | null; disabled_at: Date | string | null }): boolean {
  if (u.disabled_at) return false;
  return !(u.expires_at && new Date(u.expires_at).getTime() <= Date.now());
}

async function startSession(deps: Deps, db: Kysely<DB>, userId: string, mfaPending: boolean, userAgent: string | null) {
  const token = newToken();
  const csrfToken = newToken();
  await repo.insertSession(db, { idHash: hashToken(token), userId, csrfToken, mfaPending, userAgent: userAgent?.slice(0, 300) ?? null });
  return { token, csrfToken };
}

export async function resolveSession(deps: Deps, token: string | undefined): Promise<SessionState | null> {
  if (!token || token.length > 100) return null;
  const idHash = hashToken(token);
  const s = await repo.findLiveSession(deps.db, idHash, SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS);
  if (!s) return null;
  if (!accountUsable(s)) {
    await repo.deleteSession(deps.db, idHash);
    return null;
  }
  // Sliding idle timeout; written at most once a minute to keep reads cheap.
  if (Date.now() - new Date(s.last_seen_at).getTime() > 60_000) await repo.touchSession(deps.db, idHash);
  const user = toUser(s);
  return {
    idHash,
    actor: { userId: user.id, isAdmin: user.isAdmin, name: user.name },
    user,
    csrfToken: s.csrf_token,
    mfaPending: s.mfa_pending,
    mfaSetupRequired: !s.mfa_pending && user.isAdmin && !user.totpEnabled && (await adminMust2fa(deps.db)),
  };
}

export const sessionInfo = (s: Pick<SessionState, 'user' | 'csrfToken' | 'mfaPending' | 'mfaSetupRequired'>): SessionInfo => ({
  user: s.user,
  csrfToken: s.csrfToken,
  mfaPending: s.mfaPending,
  mfaSetupRequired: s.mfaSetupRequired,
});

const WRONG = () => new AppError('invalid_credentials', 'E-mailadres of wachtwoord klopt niet.', 401);

export async function login(deps: Deps, input: z.infer<typeof loginBody>, userAgent: string | null): Promise<{ token: string; info: SessionInfo }> {
  const u = await users.findUserByEmail(deps.db, input.email);
  if (u?.locked_until && new Date(u.locked_until).getTime() > Date.now()) {
    const minutes = Math.ceil((new Date(u.locked_until).getTime() - Date.now()) / 60_000);
    throw new AppError('account_locked', `Te veel mislukte pogingen. Probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw.`, 429);
  }
  const ok = await verifyPassword(input.password, u?.password_hash ?? null);
  if (!u || !ok) {
    if (u) {
      await deps.db.transaction().execute(async (trx) => {
        await users.recordFailedLogin(trx, u.id);
        await appendAuditEvent(trx, { studyId: null, actorId: null, action: 'auth.login_failed', objectType: 'user', objectId: u.id });
      });
    }
    throw WRONG();
  }
  if (u.disabled_at) throw new AppError('account_disabled', 'Dit account is uitgeschakeld. Neem contact op met de beheerder.', 403);
  if (u.expires_at && new Date(u.expires_at).getTime() <= Date.now())
    throw new AppError('account_expired', 'Dit account is verlopen. Neem contact op met de beheerder.', 403);

  const mfaPending = u.totp_enabled;
  return deps.db.transaction().execute(async (trx) => {
    // With a second factor the failure count is reset only when the code is right (completeTotpLogin), so that
    // signing in with the password again does not give unlimited code guesses.
    await users.updateUser(trx, u.id, mfaPending ? {} : { failed_logins: 0, locked_until: null, last_login_at: new Date() });
    const { token, csrfToken } = await startSession(deps, trx, u.id, mfaPending, userAgent);
    await appendAuditEvent(trx, { studyId: null, actorId: u.id, action: mfaPending ? 'auth.password_ok' : 'auth.login', objectType: 'user', objectId: u.id });
    const mfaSetupRequired = !mfaPending && u.is_admin && !u.totp_enabled && (await adminMust2fa(trx));
    return { token, info: { user: toUser(u), csrfToken, mfaPending, mfaSetupRequired } };
  });
}

export async function completeTotpLogin(deps: Deps, s: SessionState, code: string): Promise<SessionInfo> {
  if (!s.mfaPending) throw badRequest('De tweede stap is niet nodig: u bent al ingelogd.');
  const u = await users.findUserById(deps.db, s.user.id);
  if (!u?.totp_secret_enc || !u.totp_enabled) throw badRequest('Voor dit account is geen tweede stap ingesteld.');
  if (u.locked_until && new Date(u.locked_until).getTime() > Date.now())
    throw new AppError('account_locked', 'Te veel mislukte pogingen. Probeer het later opnieuw.', 429);
  const step = checkTotp(deps.keys.openUserSecret(u.id, u.totp_secret_enc), code);
  if (step === null || (u.totp_last_step !== null && step <= Number(u.totp_last_step))) {
    await deps.db.transaction().execute(async (trx) => {
      await users.recordFailedLogin(trx, u.id);
      await appendAuditEvent(trx, { studyId: null, actorId: u.id, action: 'auth.totp_failed', objectType: 'user', objectId: u.id });
    });
    throw new AppError('invalid_code', 'Deze code klopt niet of is al gebruikt. Gebruik de nieuwste code uit uw app.', 401);
  }
  await deps.db.transaction().execute(async (trx) => {
    await users.updateUser(trx, u.id, { totp_last_step: step, failed_logins: 0, last_login_at: new Date() });
    await repo.completeMfa(trx, s.idHash);
    await appendAuditEvent(trx, { studyId: null, actorId: u.id, action: 'auth.login', objectType: 'user', objectId: u.id, details: { secondFactor: true } });
  });
  return { user: s.user, csrfToken: s.csrfToken, mfaPending: false, mfaSetupRequired: false };
}

export async function logout(deps: Deps, s: SessionState | null): Promise<void> {
  if (!s) return;
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, s.idHash);
    await appendAuditEvent(trx, { studyId: null, actorId: s.user.id, action: 'auth.logout', objectType: 'user', objectId: s.user.id });
  });
}

// ---- personal settings ----

export async function updateMe(deps: Deps, s: SessionState, input: { name?: string; language?: 'nl' | 'en' }): Promise<User> {
  return deps.db.transaction().execute(async (trx) => {
    const u = await users.updateUser(trx, s.user.id, input);
    await appendAuditEvent(trx, { studyId: null, actorId: s.user.id, action: 'user.update_self', objectType: 'user', objectId: s.user.id, details: { fields: Object.keys(input) } });
    return toUser(u);
  });
}

export async function changePassword(deps: Deps, s: SessionState, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const u = await users.findUserById(deps.db, s.user.id);
  if (!u || !(await verifyPassword(input.currentPassword, u.password_hash))) {
    if (u) await users.recordFailedLogin(deps.db, u.id);
    throw new AppError('invalid_credentials', 'Uw huidige wachtwoord klopt niet.', 400);
  }
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await users.updateUser(trx, u.id, { password_hash: hash });
    await repo.deleteUserSessions(trx, u.id, s.idHash); // sign out everywhere else
    await appendAuditEvent(trx, { studyId: null, actorId: u.id, action: 'user.password_changed', objectType: 'user', objectId: u.id });
  });
}

export async function totpSetup(deps: Deps, s: SessionState) {
  if (s.user.totpEnabled) throw badRequest('Tweestapsverificatie staat al aan. Zet haar eerst uit om een nieuwe sleutel te maken.');
  const secret = newTotpSecret();
  await users.updateUser(deps.db, s.user.id, { totp_secret_enc: deps.keys.sealUserSecret(s.user.id, secret), totp_enabled: false });
  const url = otpauthUrl(secret, s.user.email);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

export async function totpEnable(deps: Deps, s: SessionState, code: string): Promise<void> {
  const u = await users.findUserById(deps.db, s.user.id);
  if (!u?.totp_secret_enc) throw badRequest('Maak eerst een sleutel aan (stap 1).');
  if (u.totp_enabled) throw badRequest('Tweestapsverificatie staat al aan.');
  const step = checkTotp(deps.keys.openUserSecret(u.id, u.totp_secret_enc), code);
  if (step === null) throw new AppError('invalid_code', 'Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de nieuwste code.', 400);
  await deps.db.transaction().execute(async (trx) => {
    await users.updateUser(trx, u.id, { totp_enabled: true, totp_last_step: step });
    await appendAuditEvent(trx, { studyId: null, actorId: u.id, action: 'user.totp_enabled', objectType: 'user', objectId: u.id });
  });
}

export async function totpDisable(deps: Deps, s: SessionState, password: string): Promise<void> {
  const u = await users.findUserById(deps.db, s.user.id);
  if (!u || !(await verifyPassword(password, u.password_hash))) {
    if (u) await users.recordFailedLogin(deps.db, u.id);
    throw new AppError('invalid_credentials', 'Uw wachtwoord klopt niet.', 400);
  }
  if (u.is_admin && (await adminMust2fa(deps.db))) throw new AppError('forbidden', 'Voor beheerders is tweestapsverificatie verplicht in deze installatie.', 403);
  await deps.db.transaction().execute(async (trx) => {
    await users.updateUser(trx, u.id, { totp_enabled: false, totp_secret_enc: null, totp_last_step: null });
    await appendAuditEvent(trx, { studyId: null, actorId: u.id, action: 'user.totp_disabled', objectType: 'user', objectId: u.id });
  });
}

// ---- secret links ----

type LinkPurpose = 'setup' | 'password_reset' | 'invitation';

/** Creates a one-time link (256 random bits, only the hash stored) inside the caller's transaction. */
export async function issueLink(
  deps: Deps,
  db: Kysely<DB>,
  l: { purpose: LinkPurpose; userId?: string | null; studyId?: string | null; email?: string | null; role?: StudyRole | null; createdBy?: string | null },
): Promise<{ link: string; expiresAt: string; id: string }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + LINK_HOURS[l.purpose] * 3_600_000);
  const row = await repo.insertSecretLink(db, { ...l, tokenHash: hashToken(token), expiresAt });
  return { link: `${deps.config.publicUrl}/link#${token}`, expiresAt: expiresAt.toISOString(), id: row.id };
}

/** On a fresh installation: a new one-time link to create the first administrator (older ones stop working). */
export async function ensureSetupLink(deps: Deps): Promise<string | null> {
  return deps.db.transaction().execute(async (trx) => {
    if ((await users.countUsers(trx)) > 0) return null;
    await repo.expireLinks(trx, { purpose: 'setup' });
    return (await issueLink(deps, trx, { purpose: 'setup' })).link;
  });
}

const BAD_LINK = () => new AppError('link_invalid', 'Deze link is niet (meer) geldig. Vraag een nieuwe link aan.', 404);

export async function inspectLink(deps: Deps, token: string) {
  const l = await repo.findUsableLink(deps.db, hashToken(token));
  if (!l) throw BAD_LINK();
  const user = l.user_id ? await users.findUserById(deps.db, l.user_id) : l.email ? await users.findUserByEmail(deps.db, l.email) : undefined;
  const study = l.study_id ? await studies.findStudyById(deps.db, l.study_id) : undefined;
  return {
    purpose: l.purpose as LinkPurpose,
    email: user?.email ?? l.email ?? null,
    name: user?.name ?? null,
    studyTitle: study?.title ?? null,
    role: (l.role as StudyRole | null) ?? null,
    accountExists: !!user,
  };
}

export async function acceptLink(deps: Deps, input: z.infer<typeof linkAcceptBody>, userAgent: string | null): Promise<{ token: string; info: SessionInfo; studySlug: string | null }> {
  const l = await repo.findUsableLink(deps.db, hashToken(input.token));
  if (!l) throw BAD_LINK();
  const existing = l.user_id ? await users.findUserById(deps.db, l.user_id) : l.email ? await users.findUserByEmail(deps.db, l.email) : undefined;
  // An invitation for an existing account is accepted with that account's password; everything else sets a password.
  const newHash = l.purpose === 'invitation' && existing ? null : await hashPassword(input.password);
  if (l.purpose === 'invitation' && existing && !(await verifyPassword(input.password, existing.password_hash)))
    throw new AppError('invalid_credentials', 'Het wachtwoord van uw bestaande account klopt niet.', 400);

  const result = await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.useLink(trx, l.id))) throw BAD_LINK();
    let userId: string;
    let studySlug: string | null = null;
    if (l.purpose === 'setup') {
      await users.lockAccountCreation(trx); // two setup links accepted at once must not make two first admins
      if ((await users.countUsers(trx)) > 0) throw new AppError('already_set_up', 'Er is al een beheerder. Log in met dat account.', 409);
      if (!input.email || !input.name) throw badRequest('Vul uw naam en e-mailadres in.');
      const u = await users.insertUser(trx, { email: input.email, name: input.name, passwordHash: newHash, isAdmin: true });
      userId = u.id;
      await appendAuditEvent(trx, { studyId: null, actorId: u.id, action: 'user.first_admin_created', objectType: 'user', objectId: u.id });
    } else if (l.purpose === 'password_reset') {
      if (!existing) throw BAD_LINK();
      await users.updateUser(trx, existing.id, { password_hash: newHash!, failed_logins: 0, locked_until: null });
      await repo.deleteUserSessions(trx, existing.id);
      userId = existing.id;
      await appendAuditEvent(trx, { studyId: null, actorId: existing.id, action: 'user.password_reset_used', objectType: 'user', objectId: existing.id });
    } else {
      if (!l.study_id || !l.role || !l.email) throw BAD_LINK();
      if (existing) userId = existing.id;
      else {
        if (!input.name) throw badRequest('Vul uw naam in.');
        const u = await users.insertUser(trx, { email: l.email, name: input.name, passwordHash: newHash, isAdmin: false });
        userId = u.id;
        await appendAuditEvent(trx, { studyId: null, actorId: u.id, action: 'user.created_by_invitation', objectType: 'user', objectId: u.id });
      }
      const study = await studies.findStudyById(trx, l.study_id);
      if (!study || study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd; de uitnodiging geldt niet meer.', 409);
      await studies.upsertMember(trx, { studyId: l.study_id, userId, role: l.role, addedBy: l.created_by });
      await appendAuditEvent(trx, { studyId: l.study_id, actorId: userId, action: 'member.joined', objectType: 'member', objectId: userId, details: { role: l.role } });
      studySlug = study.slug;
    }
    const u = (await users.findUserById(trx, userId))!;
    if (!accountUsable(u)) throw new AppError('account_disabled', 'Dit account is uitgeschakeld of verlopen.', 403);
    const mfaPending = u.totp_enabled;
    if (!mfaPending) await users.updateUser(trx, userId, { last_login_at: new Date() });
    const { token, csrfToken } = await startSession(deps, trx, userId, mfaPending, userAgent);
    const mfaSetupRequired = !mfaPending && u.is_admin && !u.totp_enabled && (await adminMust2fa(trx));
    return { token, info: { user: toUser(u), csrfToken, mfaPending, mfaSetupRequired }, studySlug };
  });
  return result;
}

export function requireSession(s: SessionState | null): SessionState {
  if (!s) throw unauthenticated();
  return s;
}

export { iso };
