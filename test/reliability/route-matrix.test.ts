/**
 * Every /api route × every kind of actor, checked against THE permission matrix (src/server/platform/permissions.ts).
 * Anonymous: 401 except on public routes. study:<action>: members whose role has the action get past the check
 * (2xx, or 404/409 for the random ids and states of the example), everyone else — also non-member administrators —
 * gets exactly 403. admin:<action>: per INSTALLATION_MATRIX. session/mfa: every signed-in person. Never a 5xx.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, userClient, type TestPlatform } from '../support/platform';
import { registeredRoutes, type RegisteredRoute } from '../../src/server/app';
import { INSTALLATION_ACTIONS, INSTALLATION_MATRIX, STUDY_ACTIONS, canInStudy, type InstallationAction, type StudyAction } from '../../src/server/platform/permissions';
import { STUDY_ROLES, type StudyRole } from '../../src/shared/api';
import { EXAMPLES, otherIds, cloneClient, exampleBody, fillUrl, routeKey, sessionFor, uniq, type ExampleCtx } from './support';

const ACTORS = ['anonymous', 'outsider', 'admin', 'committee', 'coder', 'researcher', 'lead'] as const;
type ActorName = (typeof ACTORS)[number];
type Signed = Exclude<ActorName, 'anonymous'>;

// The routes are needed to declare one test per route, so the platform starts while the file is collected.
const t: TestPlatform = await startTestPlatform();
const routes: RegisteredRoute[] = registeredRoutes(t.app);
let s: Awaited<ReturnType<typeof studyWithRoles>>;
let probeEmail: string;
const sessions = {} as Record<Signed, { userId: string; cookie: string | null; csrf: string | null }>;

beforeAll(async () => {
  s = await studyWithRoles(t);
  probeEmail = (await userClient(t, { name: 'Inlogproef' })).email;
  for (const a of ACTORS) if (a !== 'anonymous') sessions[a] = { userId: s[a].user.id, cookie: s[a].client.cookie, csrf: s[a].client.csrf };
});
afterAll(() => t.close());

const ctx = (slug: string): ExampleCtx => ({ slug, coderId: s.coder.user.id, probeEmail, uniq });

/** What the matrix says an actor must get on a route. */
function expectation(access: string, actor: ActorName): { ok: (status: number, code: unknown) => boolean; text: string } {
  if (access === 'public') return { ok: (st) => st !== 401 && st !== 403 && st < 500, text: 'public: not 401/403' };
  if (actor === 'anonymous') return { ok: (st, code) => st === 401 && code === 'unauthenticated', text: '401 unauthenticated' };
  const forbidden = { ok: (st: number, code: unknown) => st === 403 && code === 'forbidden', text: '403 forbidden' };
  const passes = { ok: (st: number) => st !== 401 && st !== 403 && st < 500, text: 'allowed: not 401/403' };
  if (access === 'session' || access === 'mfa') return passes;
  const [kind, action] = access.split(':');
  if (kind === 'admin') return INSTALLATION_MATRIX[actor === 'admin' ? 'admin' : 'user'].includes(action as InstallationAction) ? passes : forbidden;
  if (kind === 'study') {
    const role = (STUDY_ROLES as readonly string[]).includes(actor) ? (actor as StudyRole) : null;
    if (!canInStudy(role, action as StudyAction)) return forbidden;
    return { ok: (st) => (st >= 200 && st < 300) || st === 404 || st === 409, text: 'allowed: 2xx, 404 or 409' };
  }
  return { ok: () => false, text: `unknown access ${access}` };
}

/** A new study with the same lead, researcher, coder and committee member: destructive requests stay local. */
async function freshStudy(): Promise<string> {
  const lead = cloneClient(t.app, sessions.lead);
  const r = await lead.post('/api/studies', { title: `Matrix ${uniq()}` });
  if (r.status !== 200) throw new Error(`study: ${r.status} ${JSON.stringify(r.body)}`);
  for (const role of ['researcher', 'coder', 'committee'] as const) {
    const add = await lead.post(`/api/studies/${r.body.slug}/members`, { email: s[role].email, role });
    if (add.status !== 200) throw new Error(`member: ${add.status} ${JSON.stringify(add.body)}`);
  }
  return r.body.slug;
}

/** Logout, password resets and the like end sessions; give those actors a new one. */
async function restoreSessions() {
  for (const a of Object.keys(sessions) as Signed[]) {
    const me = await cloneClient(t.app, sessions[a]).get('/api/auth/me');
    if (me.status === 200 && !me.body.mfaPending) continue;
    sessions[a] = { userId: sessions[a].userId, ...(await sessionFor(t, sessions[a].userId)) };
  }
}

describe('route × role matrix', () => {
  it('every /api route declares an access level the matrix knows', () => {
    expect(routes.length).toBeGreaterThan(20);
    const bad = routes.filter((r) => {
      if (r.access === 'public' || r.access === 'session' || r.access === 'mfa') return false;
      const [kind, action] = r.access.split(':');
      if (kind === 'study') return !(STUDY_ACTIONS as readonly string[]).includes(action);
      if (kind === 'admin') return !(INSTALLATION_ACTIONS as readonly string[]).includes(action);
      return true; // 'undeclared' and anything else
    });
    expect(bad.map((r) => `${routeKey(r)}: ${r.access}`)).toEqual([]);
  });

  it('has an example request for every route, and none for routes that no longer exist', () => {
    const keys = new Set(routes.map(routeKey));
    const missing = [...keys].filter((k) => !(k in EXAMPLES));
    expect(missing, 'add an example request for these routes to EXAMPLES in test/reliability/support.ts').toEqual([]);
    expect(Object.keys(EXAMPLES).filter((k) => !keys.has(k)), 'stale entries in EXAMPLES').toEqual([]);
  });

  for (const r of routes) {
    it(`${r.method} ${r.url} (${r.access})`, async () => {
      const failures: string[] = [];
      for (const actor of ACTORS) {
        // Study routes get a fresh study per actor, so an archive or a removed member cannot change the next answer.
        const slug = r.access.startsWith('study:') ? await freshStudy() : s.slug;
        const url = fillUrl(r.url, { slug, userId: s.coder.user.id, jobId: crypto.randomUUID(), invitationId: crypto.randomUUID(), caseId: crypto.randomUUID(), coderId: crypto.randomUUID(), ...otherIds() });
        const body = exampleBody(r, ctx(slug));
        const client = cloneClient(t.app, actor === 'anonymous' ? null : sessions[actor]);
        const res = await client.request(r.method, url, body);
        const want = expectation(r.access, actor);
        const code = res.body?.error?.code;
        if (!want.ok(res.status, code)) failures.push(`${actor}: got ${res.status} ${JSON.stringify(res.body)?.slice(0, 160)}, want ${want.text}`);
        await restoreSessions(); // a logout or password reset must not change the next actor's answer
      }
      expect(failures).toEqual([]);
    });
  }
});
