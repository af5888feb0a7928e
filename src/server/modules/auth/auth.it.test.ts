import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Client, PASSWORD, startTestPlatform, userClient, type TestPlatform } from '../../../../test/support/platform';
import { lastUsedCode, nextCode, wrongCode } from '../../../../test/support/totp';
import { ensureSetupLink, issueLink } from './auth.service';
import { createUser } from '../users/users.service';
import { putSetting } from '../users/users.repository';
import { hashToken } from '../../platform/crypto';

const tokenOf = (link: string) => link.split('#')[1];
const uniqueEmail = (prefix: string) => `${prefix}-${crypto.randomBytes(3).toString('hex')}@example.org`;

// One platform for the whole file; the setup-link test runs first, on the still empty installation.
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe('first administrator (setup link)', () => {
  it('creates the first administrator once, and never a second one', async () => {
    const { deps } = t.platform;
    expect(await deps.db.selectFrom('users').select('id').execute()).toEqual([]);
    const older = await ensureSetupLink(deps);
    const link = await ensureSetupLink(deps);
    expect(link).toMatch(/^http:\/\/localhost:3000\/link#[A-Za-z0-9_-]{43}$/);
    const anon = new Client(t.app);

    // a newer setup link replaces the older one
    expect((await anon.post('/api/links/inspect', { token: tokenOf(older!) })).status).toBe(404);
    const info = await anon.post('/api/links/inspect', { token: tokenOf(link!) });
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ purpose: 'setup', email: null, name: null, studyTitle: null, role: null, accountExists: false });

    // a second valid setup link, as two processes starting at once could make
    const racing = await issueLink(deps, deps.db, { purpose: 'setup' });

    // name and e-mail are required; the failed attempt does not use up the link
    const incomplete = await anon.post('/api/links/accept', { token: tokenOf(link!), password: 'beheer-wachtwoord-1' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.message).toMatch(/naam en e-mailadres/);

    const acc = await anon.post('/api/links/accept', { token: tokenOf(link!), name: 'Eerste Beheerder', email: 'Beheer@Example.org', password: 'beheer-wachtwoord-1' });
    expect(acc.status).toBe(200);
    expect(acc.body.user).toMatchObject({ email: 'beheer@example.org', name: 'Eerste Beheerder', isAdmin: true, totpEnabled: false });
    expect(acc.body.mfaPending).toBe(false);
    // signed in at once, with administrator rights
    expect((await anon.get('/api/auth/me')).body.user.email).toBe('beheer@example.org');
    expect((await anon.get('/api/admin/users')).status).toBe(200);

    // the link works once
    const again = await new Client(t.app).post('/api/links/accept', { token: tokenOf(link!), name: 'Tweede', email: 'tweede@example.org', password: 'beheer-wachtwoord-2' });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('link_invalid');

    // the other setup link cannot create a second administrator now that a user exists
    const second = await new Client(t.app).post('/api/links/accept', { token: racing.link.split('#')[1], name: 'Indringer', email: 'indringer@example.org', password: 'beheer-wachtwoord-3' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_set_up');
    const users = await deps.db.selectFrom('users').select(['email', 'is_admin', 'password_hash']).execute();
    expect(users.map((u) => u.email)).toEqual(['beheer@example.org']);
    expect(users[0].password_hash).toMatch(/^scrypt\$/);
    expect(users[0].password_hash).not.toContain('beheer-wachtwoord-1');

    // no new setup link once an account exists
    expect(await ensureSetupLink(deps)).toBeNull();
    const ev = await deps.db.selectFrom('audit_events').select(['action', 'study_id']).where('action', '=', 'user.first_admin_created').execute();
    expect(ev).toEqual([{ action: 'user.first_admin_created', study_id: null }]);

    // and the administrator can sign in with the chosen password
    expect((await new Client(t.app).post('/api/auth/login', { email: 'beheer@example.org', password: 'beheer-wachtwoord-1' })).status).toBe(200);
  });
});

describe('signing in and sessions', () => {
  const db = () => t.platform.deps.db;
  async function account(opts: { isAdmin?: boolean } = {}) {
    const email = uniqueEmail('p');
    const { user } = await createUser(t.platform.deps, null, { email, name: `Persoon ${email.slice(2, 8)}`, isAdmin: opts.isAdmin ?? false, password: PASSWORD });
    return { email, user };
  }
  const sessionsOf = async (userId: string) => (await db().selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute()).length;

  it('signs in with the right password and stores only a scrypt hash', async () => {
    const { email, user } = await account();
    const c = new Client(t.app);
    const r = await c.post('/api/auth/login', { email: email.toUpperCase(), password: PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: { id: user.id, email, isAdmin: false }, mfaPending: false, mfaSetupRequired: false });
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/tnh_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);

    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: r.body.user, csrfToken: r.body.csrfToken, mfaPending: false, mfaSetupRequired: false });

    const row = await db().selectFrom('users').select(['password_hash', 'last_login_at']).where('id', '=', user.id).executeTakeFirstOrThrow();
    // scrypt$N$r$p$salt$hash, with a memory-hard cost of at least 2^14
    const [scheme, n, blockSize, , salt, hash] = row.password_hash!.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 14);
    expect(Number(blockSize)).toBeGreaterThanOrEqual(8);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64').length).toBeGreaterThanOrEqual(32);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(row.last_login_at).not.toBeNull();
    // the session id is stored only as a hash
    const s = await db().selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(s.map((x) => x.id_hash)).toEqual([hashToken(c.cookie!)]);
  });

  it('refuses a wrong password without telling whether the e-mail address exists', async () => {
    const { email } = await account();
    const wrong = await new Client(t.app).post('/api/auth/login', { email, password: 'niet-het-wachtwoord' });
    const unknown = await new Client(t.app).post('/api/auth/login', { email: uniqueEmail('onbekend'), password: 'niet-het-wachtwoord' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe('E-mailadres of wachtwoord klopt niet.');
    expect({ ...unknown.body.error, requestId: null }).toEqual({ ...wrong.body.error, requestId: null });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // anonymous callers get 401 with a Dutch message
    const anon = await new Client(t.app).get('/api/auth/me');
    expect(anon.status).toBe(401);
    expect(anon.body.error).toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/Log eerst in/) });
  });

  it('locks the account after 5 failed attempts, even for the right password, until locked_until has passed', async () => {
    const { email, user } = await account();
    const c = new Client(t.app);
    const state = () => db().selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();

    for (let i = 0; i < 4; i++) expect((await c.post('/api/auth/login', { email, password: 'fout-wachtwoord' })).status).toBe(401);
    expect(await state()).toMatchObject({ failed_logins: 4, locked_until: null });
    // four failures do not lock; a success starts counting again
    expect((await c.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    expect((await state()).failed_logins).toBe(0);

    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/login', { email, password: 'fout-wachtwoord' })).status).toBe(401);
    const locked = await c.post('/api/auth/login', { email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('account_locked');
    expect(locked.body.error.message).toMatch(/Te veel mislukte pogingen\. Probeer het over 1[45] minuten opnieuw\./);
    expect(locked.headers['set-cookie']).toBeUndefined();
    expect((await c.post('/api/auth/login', { email, password: 'fout-wachtwoord' })).status).toBe(429);
    const { locked_until } = await state();
    expect(new Date(locked_until!).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const failures = await db().selectFrom('audit_events').select('id').where('action', '=', 'auth.login_failed').where('object_id', '=', user.id).execute();
    expect(failures).toHaveLength(9);

    // test-only: let the lock run out
    await db().updateTable('users').set({ locked_until: sql`now() - interval '1 second'` } as never).where('id', '=', user.id).execute();
    const after = await c.post('/api/auth/login', { email, password: PASSWORD });
    expect(after.status).toBe(200);
    expect(await state()).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('refuses a state-changing call without the right CSRF token', async () => {
    const { client, user } = await userClient(t, { name: 'Oorspronkelijke Naam' });
    const noToken = new Client(t.app);
    noToken.cookie = client.cookie;
    const r1 = await noToken.patch('/api/me', { name: 'Gewijzigd Zonder Token' });
    expect(r1.status).toBe(403);
    expect(r1.body.error.code).toBe('csrf');
    expect(r1.body.error.message).toMatch(/beveiligingstoken/);

    const wrongToken = new Client(t.app);
    wrongToken.cookie = client.cookie;
    wrongToken.csrf = crypto.randomBytes(32).toString('base64url');
    const r2 = await wrongToken.post('/api/studies', { title: 'Onderzoek via CSRF' });
    expect(r2.status).toBe(403);
    expect(r2.body.error.code).toBe('csrf');
    // logout is state-changing too
    expect((await noToken.post('/api/auth/logout')).body.error.code).toBe('csrf');

    // nothing happened, and the session still works; reads need no token
    expect((await noToken.get('/api/auth/me')).body.user.name).toBe('Oorspronkelijke Naam');
    expect((await client.get('/api/studies')).body).toEqual([]);
    expect(await sessionsOf(user.id)).toBe(1);
    const ok = await client.patch('/api/me', { name: 'Gewijzigd Met Token' });
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe('Gewijzigd Met Token');
  });

  it('ends a session after 30 minutes without activity and 12 hours after sign-in', async () => {
    const setSession = (c: Client, set: Record<string, unknown>) =>
      db().updateTable('sessions').set(set as never).where('id_hash', '=', hashToken(c.cookie!)).execute();

    const idle = (await userClient(t)).client;
    await setSession(idle, { last_seen_at: sql`now() - interval '29 minutes'` });
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    // activity slides the idle limit
    const seen = await db().selectFrom('sessions').select(sql<boolean>`last_seen_at > now() - interval '1 minute'`.as('fresh')).where('id_hash', '=', hashToken(idle.cookie!)).executeTakeFirstOrThrow();
    expect(seen.fresh).toBe(true);
    await setSession(idle, { last_seen_at: sql`now() - interval '31 minutes'` });
    const r = await idle.get('/api/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
    expect((await idle.get('/api/studies')).status).toBe(401);

    const long = (await userClient(t)).client;
    await setSession(long, { created_at: sql`now() - interval '11 hours 59 minutes'` });
    expect((await long.get('/api/auth/me')).status).toBe(200);
    await setSession(long, { created_at: sql`now() - interval '12 hours 1 minute'`, last_seen_at: sql`now()` });
    expect((await long.get('/api/auth/me')).status).toBe(401);
  });

  it('logs out: the session ends on the server, not only in the browser', async () => {
    const { client, user } = await userClient(t);
    const stale = new Client(t.app);
    stale.cookie = client.cookie;
    const r = await client.post('/api/auth/logout');
    expect(r.status).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/tnh_session=;/);
    expect(await sessionsOf(user.id)).toBe(0);
    expect((await stale.get('/api/auth/me')).status).toBe(401);
    const ev = await db().selectFrom('audit_events').select(['actor_id', 'study_id']).where('action', '=', 'auth.logout').where('object_id', '=', user.id).execute();
    expect(ev).toEqual([{ actor_id: user.id, study_id: null }]);
  });

  it('changing the password ends the other sessions', async () => {
    const { email, user } = await account();
    const here = new Client(t.app);
    const there = new Client(t.app);
    await here.login(email, PASSWORD);
    await there.login(email, PASSWORD);
    const wrongCurrent = await here.post('/api/me/password', { currentPassword: 'niet-mijn-wachtwoord', newPassword: 'nieuw-wachtwoord-2' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.message).toMatch(/huidige wachtwoord klopt niet/);
    const tooShort = await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'kort' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.message).toMatch(/minstens 10 tekens/);
    expect((await there.get('/api/auth/me')).status).toBe(200);

    expect((await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'nieuw-wachtwoord-2' })).status).toBe(200);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await there.get('/api/auth/me')).status).toBe(401);
    expect(await sessionsOf(user.id)).toBe(1);
    expect((await new Client(t.app).post('/api/auth/login', { email, password: PASSWORD })).status).toBe(401);
    expect((await new Client(t.app).post('/api/auth/login', { email, password: 'nieuw-wachtwoord-2' })).status).toBe(200);
  });

  it('expired accounts: no past expiry date on creation; a past date ends sessions and blocks sign-in', async () => {
    const admin = await userClient(t, { isAdmin: true });
    const past = await admin.client.post('/api/admin/users', { email: uniqueEmail('verlopen'), name: 'Al Verlopen', expiresAt: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/vervaldatum moet in de toekomst/);

    const person = await userClient(t);
    const future = await admin.client.patch(`/api/admin/users/${person.user.id}`, { expiresAt: '2099-12-31' });
    expect(future.status).toBe(200);
    expect(future.body.expiresAt).toMatch(/^2099-12-3[01]T/);
    expect((await person.client.get('/api/auth/me')).status).toBe(200);

    expect((await admin.client.patch(`/api/admin/users/${person.user.id}`, { expiresAt: '2020-01-01' })).status).toBe(200);
    expect(await sessionsOf(person.user.id)).toBe(0);
    expect((await person.client.get('/api/auth/me')).status).toBe(401);
    const login = await new Client(t.app).post('/api/auth/login', { email: person.email, password: PASSWORD });
    expect(login.status).toBe(403);
    expect(login.body.error).toMatchObject({ code: 'account_expired', message: expect.stringMatching(/verlopen/) });
    // a wrong password still gets the neutral answer
    expect((await new Client(t.app).post('/api/auth/login', { email: person.email, password: 'fout-wachtwoord' })).status).toBe(401);

    expect((await admin.client.patch(`/api/admin/users/${person.user.id}`, { expiresAt: null })).status).toBe(200);
    const back = new Client(t.app);
    await back.login(person.email, PASSWORD);
    // an account whose expiry time passes while signed in loses its session at the next request
    await db().updateTable('users').set({ expires_at: sql`now() - interval '1 second'` } as never).where('id', '=', person.user.id).execute();
    expect((await back.get('/api/auth/me')).status).toBe(401);
  });

  it('disabled accounts cannot sign in and lose their sessions', async () => {
    const admin = await userClient(t, { isAdmin: true });
    const person = await userClient(t);
    const r = await admin.client.patch(`/api/admin/users/${person.user.id}`, { disabled: true });
    expect(r.status).toBe(200);
    expect(r.body.disabled).toBe(true);
    expect((await person.client.get('/api/auth/me')).status).toBe(401);
    const login = await new Client(t.app).post('/api/auth/login', { email: person.email, password: PASSWORD });
    expect(login.status).toBe(403);
    expect(login.body.error).toMatchObject({ code: 'account_disabled', message: expect.stringMatching(/uitgeschakeld/) });

    const self = await admin.client.patch(`/api/admin/users/${admin.user.id}`, { disabled: true });
    expect(self.status).toBe(400);

    expect((await admin.client.patch(`/api/admin/users/${person.user.id}`, { disabled: false })).status).toBe(200);
    expect((await new Client(t.app).post('/api/auth/login', { email: person.email, password: PASSWORD })).status).toBe(200);
  });

  it('second factor: setup, enable, sign-in in two steps, no reuse of a code, lockout, disable with password', async () => {
    const { email, user } = await account();
    const c = new Client(t.app);
    await c.login(email, PASSWORD);

    const setup = await c.post('/api/me/totp/setup');
    expect(setup.status).toBe(200);
    const secret: string = setup.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(setup.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const stored = await db().selectFrom('users').select(['totp_secret_enc', 'totp_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.totp_enabled).toBe(false);
    expect(stored.totp_secret_enc).toMatch(/^v1\./);
    expect(stored.totp_secret_enc).not.toContain(secret);
    // a secret that is not confirmed yet does not change signing in
    expect((await new Client(t.app).post('/api/auth/login', { email, password: PASSWORD })).body.mfaPending).toBe(false);

    const bad = await c.post('/api/me/totp/enable', { code: wrongCode(secret) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_code');
    expect((await c.post('/api/me/totp/enable', { code: await nextCode(db(), user.id, secret) })).status).toBe(200);
    expect((await c.get('/api/auth/me')).body.user.totpEnabled).toBe(true);
    expect((await c.post('/api/me/totp/setup')).status).toBe(400);

    // password alone: a pending session that only the second step may use
    const c2 = new Client(t.app);
    const step1 = await c2.post('/api/auth/login', { email, password: PASSWORD });
    expect(step1.status).toBe(200);
    expect(step1.body.mfaPending).toBe(true);
    for (const r of [await c2.get('/api/studies'), await c2.post('/api/studies', { title: 'Halverwege ingelogd' }), await c2.get(`/api/admin/users`)]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('mfa_required');
    }
    // nor can a half-signed-in session replace the secret
    expect((await c2.post('/api/me/totp/setup')).body.error.code).toBe('mfa_required');
    expect((await c2.get('/api/auth/me')).body.mfaPending).toBe(true);

    const reused = await c2.post('/api/auth/totp', { code: await lastUsedCode(db(), user.id, secret) });
    expect(reused.status).toBe(401);
    expect(reused.body.error).toMatchObject({ code: 'invalid_code', message: expect.stringMatching(/al gebruikt/) });
    const done = await c2.post('/api/auth/totp', { code: await nextCode(db(), user.id, secret) });
    expect(done.status).toBe(200);
    expect(done.body.mfaPending).toBe(false);
    expect((await c2.get('/api/studies')).status).toBe(200);
    expect((await c2.post('/api/auth/totp', { code: await nextCode(db(), user.id, secret) })).status).toBe(400);

    // a code that signed in once does not sign in again, in another session either
    const c3 = new Client(t.app);
    expect((await c3.post('/api/auth/login', { email, password: PASSWORD })).body.mfaPending).toBe(true);
    expect((await c3.post('/api/auth/totp', { code: await lastUsedCode(db(), user.id, secret) })).status).toBe(401);

    // wrong codes count towards the lockout; signing in with the password again does not reset the count
    for (let i = 0; i < 3; i++) expect((await c3.post('/api/auth/totp', { code: wrongCode(secret) })).status).toBe(401);
    const c4 = new Client(t.app);
    expect((await c4.post('/api/auth/login', { email, password: PASSWORD })).body.mfaPending).toBe(true);
    expect((await c4.post('/api/auth/totp', { code: wrongCode(secret) })).status).toBe(401);
    const lockedCode = await c4.post('/api/auth/totp', { code: await nextCode(db(), user.id, secret) });
    expect(lockedCode.status).toBe(429);
    expect(lockedCode.body.error.code).toBe('account_locked');
    expect((await new Client(t.app).post('/api/auth/login', { email, password: PASSWORD })).status).toBe(429);
    expect((await db().selectFrom('audit_events').select('id').where('action', '=', 'auth.totp_failed').where('object_id', '=', user.id).execute()).length).toBe(6);

    await db().updateTable('users').set({ locked_until: sql`now() - interval '1 second'` } as never).where('id', '=', user.id).execute();
    const c5 = new Client(t.app);
    expect((await c5.post('/api/auth/login', { email, password: PASSWORD })).body.mfaPending).toBe(true);
    expect((await c5.post('/api/auth/totp', { code: await nextCode(db(), user.id, secret) })).status).toBe(200);

    // turning it off needs the password
    const noPw = await c5.post('/api/me/totp/disable', { password: 'niet-mijn-wachtwoord' });
    expect(noPw.status).toBe(400);
    expect(noPw.body.error.code).toBe('invalid_credentials');
    expect((await c5.get('/api/auth/me')).body.user.totpEnabled).toBe(true);
    expect((await c5.post('/api/me/totp/disable', { password: PASSWORD })).status).toBe(200);
    const off = await db().selectFrom('users').select(['totp_secret_enc', 'totp_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(off).toEqual({ totp_secret_enc: null, totp_enabled: false });
    expect((await new Client(t.app).post('/api/auth/login', { email, password: PASSWORD })).body.mfaPending).toBe(false);
  });

  it('requireAdmin2fa: an administrator without a second factor must set it up before anything else', async () => {
    const admin = await userClient(t, { isAdmin: true });
    const person = await userClient(t);
    expect((await person.client.patch('/api/admin/settings', { requireAdmin2fa: true })).status).toBe(403);
    try {
      const set = await admin.client.patch('/api/admin/settings', { requireAdmin2fa: true });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ requireAdmin2fa: true });

      for (const r of [await admin.client.get('/api/studies'), await admin.client.get('/api/admin/users'), await admin.client.post('/api/studies', { title: 'Zonder tweede stap' })]) {
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe('mfa_setup_required');
      }
      expect((await admin.client.get('/api/auth/me')).body.mfaSetupRequired).toBe(true);
      expect((await new Client(t.app).post('/api/auth/login', { email: admin.email, password: PASSWORD })).body).toMatchObject({ mfaPending: false, mfaSetupRequired: true });
      // other users are not affected
      expect((await person.client.get('/api/studies')).status).toBe(200);

      const setup = await admin.client.post('/api/me/totp/setup');
      expect(setup.status).toBe(200);
      expect((await admin.client.post('/api/me/totp/enable', { code: await nextCode(db(), admin.user.id, setup.body.secret) })).status).toBe(200);
      expect((await admin.client.get('/api/studies')).status).toBe(200);
      expect((await admin.client.get('/api/auth/me')).body.mfaSetupRequired).toBe(false);
      // while the setting is on, an administrator cannot turn the second factor off
      expect((await admin.client.post('/api/me/totp/disable', { password: PASSWORD })).status).toBe(403);
    } finally {
      await putSetting(db(), 'require_admin_2fa', false);
    }
  });
});
