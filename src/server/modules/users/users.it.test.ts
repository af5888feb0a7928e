import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, startTestPlatform, userClient, type TestPlatform } from '../../../../test/support/platform';

let t: TestPlatform;
let admin: Awaited<ReturnType<typeof userClient>>;
let person: Awaited<ReturnType<typeof userClient>>;
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await userClient(t, { name: 'Anna Beheer', isAdmin: true });
  person = await userClient(t, { name: 'Piet Gebruiker' });
});
afterAll(() => t.close());

const db = () => t.platform.deps.db;
const tokenOf = (link: string) => link.split('#')[1];
const eventsFor = (objectId: string) =>
  db().selectFrom('audit_events').select(['action', 'actor_id', 'study_id', 'object_type', 'object_id', 'details']).where('object_id', '=', objectId).orderBy('id').execute();
const countEvents = async () => (await db().selectFrom('audit_events').select('id').execute()).length;

describe('account administration', () => {
  it('lists accounts for administrators only', async () => {
    const r = await admin.client.get('/api/admin/users');
    expect(r.status).toBe(200);
    const anna = r.body.find((u: { id: string }) => u.id === admin.user.id);
    expect(anna).toMatchObject({ email: admin.email, name: 'Anna Beheer', isAdmin: true, disabled: false, expiresAt: null, lockedUntil: null });
    expect(anna.lastLoginAt).not.toBeNull();
    expect(r.body.map((u: { name: string }) => u.name)).toEqual(['Anna Beheer', 'Piet Gebruiker']);
    // no password hashes or second-factor secrets in the answer
    expect(JSON.stringify(r.body)).not.toMatch(/scrypt|password|totp_secret/i);

    const denied = await person.client.get('/api/admin/users');
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'forbidden', message: 'Alleen een beheerder mag dit doen.' });
    expect((await new Client(t.app).get('/api/admin/users')).status).toBe(401);
  });

  it('creates an account with a one-time link to set the password', async () => {
    const before = await countEvents();
    const r = await admin.client.post('/api/admin/users', { email: 'Nieuwe.Collega@Example.org', name: 'Nieuwe Collega' });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ email: 'nieuwe.collega@example.org', name: 'Nieuwe Collega', isAdmin: false, disabled: false });
    expect(r.body.link).toMatch(/^http:\/\/localhost:3000\/link#[A-Za-z0-9_-]{43}$/);
    expect(new Date(r.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const id: string = r.body.user.id;

    // without a password nobody can sign in yet
    expect((await new Client(t.app).post('/api/auth/login', { email: 'nieuwe.collega@example.org', password: PASSWORD })).status).toBe(401);

    const anon = new Client(t.app);
    const info = await anon.post('/api/links/inspect', { token: tokenOf(r.body.link) });
    expect(info.body).toEqual({ purpose: 'password_reset', email: 'nieuwe.collega@example.org', name: 'Nieuwe Collega', studyTitle: null, role: null, accountExists: true });
    const acc = await anon.post('/api/links/accept', { token: tokenOf(r.body.link), password: 'mijn-eigen-wachtwoord' });
    expect(acc.status).toBe(200);
    expect(acc.body.user.id).toBe(id);
    expect((await anon.get('/api/auth/me')).body.user.email).toBe('nieuwe.collega@example.org');
    expect((await new Client(t.app).post('/api/links/accept', { token: tokenOf(r.body.link), password: 'een-ander-wachtwoord' })).status).toBe(404);
    expect((await new Client(t.app).post('/api/auth/login', { email: 'nieuwe.collega@example.org', password: 'mijn-eigen-wachtwoord' })).status).toBe(200);

    const ev = (await eventsFor(id)).filter((e) => e.action.startsWith('user.'));
    expect(ev.map((e) => e.action)).toEqual(['user.created', 'user.password_reset_used']);
    expect(ev[0]).toMatchObject({ actor_id: admin.user.id, study_id: null, object_type: 'user', details: { isAdmin: false, via: 'web' } });
    expect(ev[1]).toMatchObject({ actor_id: id, study_id: null });
    expect(await countEvents()).toBeGreaterThan(before);
  });

  it('creates an administrator account when asked', async () => {
    const r = await admin.client.post('/api/admin/users', { email: 'tweede.beheerder@example.org', name: 'Tweede Beheerder', isAdmin: true });
    expect(r.status).toBe(200);
    const c = new Client(t.app);
    expect((await c.post('/api/links/accept', { token: tokenOf(r.body.link), password: 'beheer-wachtwoord' })).status).toBe(200);
    expect((await c.get('/api/admin/users')).status).toBe(200);
  });

  it('refuses a duplicate e-mail address (409) and non-administrators (403), without audit events', async () => {
    const before = await countEvents();
    const dup = await admin.client.post('/api/admin/users', { email: person.email.toUpperCase(), name: 'Dubbel' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Er bestaat al een account met e-mailadres/) });

    const forbidden = await Promise.all([
      person.client.post('/api/admin/users', { email: 'stiekem@example.org', name: 'Stiekem' }),
      person.client.patch(`/api/admin/users/${person.user.id}`, { isAdmin: true }),
      person.client.post(`/api/admin/users/${admin.user.id}/reset-password`),
      person.client.get('/api/admin/settings'),
    ]);
    expect(forbidden.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await db().selectFrom('users').select('is_admin').where('id', '=', person.user.id).executeTakeFirstOrThrow()).is_admin).toBe(false);
    expect(await db().selectFrom('users').select('id').where('email', '=', 'stiekem@example.org').executeTakeFirst()).toBeUndefined();

    const bad = await admin.client.post('/api/admin/users', { email: 'geen-adres', name: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/geldig e-mailadres/);
    expect(await countEvents()).toBe(before);
  });

  it('reset-password: ends the sessions at once; the old password works until the new one is set', async () => {
    const target = await userClient(t, { name: 'Vergeetachtig' });
    const first = await admin.client.post(`/api/admin/users/${target.user.id}/reset-password`);
    expect(first.status).toBe(200);
    expect((await target.client.get('/api/auth/me')).status).toBe(401);
    expect(await db().selectFrom('sessions').select('id_hash').where('user_id', '=', target.user.id).execute()).toEqual([]);

    // a newer reset link replaces the older one
    const second = await admin.client.post(`/api/admin/users/${target.user.id}/reset-password`);
    expect((await new Client(t.app).post('/api/links/inspect', { token: tokenOf(first.body.link) })).status).toBe(404);
    expect((await new Client(t.app).post('/api/auth/login', { email: target.email, password: PASSWORD })).status).toBe(200);

    const anon = new Client(t.app);
    const acc = await anon.post('/api/links/accept', { token: tokenOf(second.body.link), password: 'een-nieuw-wachtwoord' });
    expect(acc.status).toBe(200);
    expect((await new Client(t.app).post('/api/auth/login', { email: target.email, password: PASSWORD })).status).toBe(401);
    expect((await new Client(t.app).post('/api/auth/login', { email: target.email, password: 'een-nieuw-wachtwoord' })).status).toBe(200);

    expect((await admin.client.post('/api/admin/users/00000000-0000-4000-8000-000000000000/reset-password')).status).toBe(404);

    const ev = (await eventsFor(target.user.id)).filter((e) => e.action.startsWith('user.'));
    expect(ev.map((e) => e.action)).toEqual(['user.created', 'user.password_reset_issued', 'user.password_reset_issued', 'user.password_reset_used']);
    expect(ev.every((e) => e.study_id === null)).toBe(true);
    expect(ev[1].actor_id).toBe(admin.user.id);
  });

  it('an administrator cannot remove their own administrator right', async () => {
    const before = await countEvents();
    const r = await admin.client.patch(`/api/admin/users/${admin.user.id}`, { isAdmin: false });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/eigen beheerrechten/);
    expect((await admin.client.get('/api/admin/users')).status).toBe(200);
    expect(await countEvents()).toBe(before);

    // another administrator's right can be changed, and that is recorded
    const other = await userClient(t, { name: 'Ex Beheerder', isAdmin: true });
    const demote = await admin.client.patch(`/api/admin/users/${other.user.id}`, { isAdmin: false, name: 'Ex-beheerder' });
    expect(demote.status).toBe(200);
    expect(demote.body).toMatchObject({ isAdmin: false, name: 'Ex-beheerder' });
    expect((await other.client.get('/api/admin/users')).status).toBe(403);
    const ev = (await eventsFor(other.user.id)).filter((e) => e.action === 'user.updated');
    expect(ev).toEqual([{ action: 'user.updated', actor_id: admin.user.id, study_id: null, object_type: 'user', object_id: other.user.id, details: { fields: expect.arrayContaining(['isAdmin', 'name']) } }]);
  });

  it('installation settings are changed by administrators and recorded', async () => {
    expect((await admin.client.get('/api/admin/settings')).body).toEqual({ requireAdmin2fa: false });
    const r = await admin.client.patch('/api/admin/settings', { requireAdmin2fa: false });
    expect(r.status).toBe(200);
    const ev = await db().selectFrom('audit_events').select(['actor_id', 'study_id', 'details']).where('action', '=', 'settings.updated').execute();
    expect(ev).toEqual([{ actor_id: admin.user.id, study_id: null, details: { requireAdmin2fa: false } }]);
  });
});
