/**
 * Hostile input on every /api route, as the signed-in lead (CSRF header set), anonymously, and for admin:* routes
 * also as an administrator: wrong JSON types in every field of the example body, huge and deeply nested values,
 * prototype keys, markup, broken unicode and NUL bytes, malformed JSON text, wrong content types, hostile path
 * parameters and query strings; plus a seeded fast-check run of arbitrary JSON. Never a 5xx, and every error is
 * JSON with error.code and a human error.message. Afterwards the audit chain is intact and nothing is polluted.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, userClient, type TestPlatform } from '../support/platform';
import { registeredRoutes, type RegisteredRoute } from '../../src/server/app';
import { SESSION_COOKIE } from '../../src/server/modules/auth/auth.routes';
import { verifyAuditChain } from '../../src/server/modules/audit/audit.service';
import { putSetting } from '../../src/server/modules/users/users.repository';
import { errorShapeProblem, otherIds, exampleBody, fillUrl, paramsOf, sessionFor, uniq, type ExampleCtx, type PathParam } from './support';

const t: TestPlatform = await startTestPlatform();
const routes: RegisteredRoute[] = registeredRoutes(t.app);

type Actor = 'lead' | 'admin' | 'anonymous';
const people = {} as Record<'lead' | 'admin' | 'coder', { userId: string; email: string; cookie: string; csrf: string }>;
let probeEmail: string;

beforeAll(async () => {
  for (const [who, isAdmin] of [['lead', false], ['admin', true], ['coder', false]] as const) {
    const u = await userClient(t, { name: who, isAdmin });
    people[who] = { userId: u.user.id, email: u.email, cookie: u.client.cookie!, csrf: u.client.csrf! };
  }
  probeEmail = (await userClient(t, { name: 'Inlogproef' })).email;
});
afterAll(() => t.close());

// ---- hostile values ------------------------------------------------------------------------------

const deep = (n: number): unknown => {
  let o: unknown = 'bodem';
  for (let i = 0; i < n; i++) o = { a: o };
  return o;
};
const HOSTILE_VALUES: [string, unknown][] = [
  ['number', 12345],
  ['negative', -1],
  ['float', 1.5],
  ['huge number', 1e308],
  ['true', true],
  ['false', false],
  ['null', null],
  ['object', {}],
  ['array', []],
  ['array of null', [null]],
  ['object for array', { 0: 'a', length: 1 }],
  ['empty string', ''],
  ['spaces', '   '],
  ['100k chars', 'x'.repeat(100_000)],
  ['100k multibyte', 'ë'.repeat(100_000)],
  ['html', '<script>alert(1)</script>'],
  ['html attribute', '"><img src=x onerror=alert(1)>'],
  ['sql', "'; DROP TABLE users; --"],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', 'a\udfffb'],
  ['NUL inside', 'Onderzoek a\u0000b'],
  ['only NUL', '\u0000'],
  ['bidi override', '\u202egpj.exe onderzoek'],
  ['zero width', '\u200b\u200b\u200b'],
  ['emoji', '🏠👨‍👩‍👧'.repeat(300)],
  ['combining marks', 'e\u0301'.repeat(2000)],
  ['fullwidth email', 'ｉｅｍａｎｄ＠ｅｘａｍｐｌｅ．ｏｒｇ'],
  ['impossible date', '2024-13-45'],
  ['february 30', '2024-02-30'],
  ['year zero', '0000-01-01'],
  ['far future date', '275760-09-13'],
  ['nil uuid', '00000000-0000-0000-0000-000000000000'],
  ['long email', `${'a'.repeat(300)}@example.org`],
  ['numeric string', '10'],
  ['NaN string', 'NaN'],
  ['deeply nested', deep(2000)],
  ['__proto__ key', JSON.parse('{"__proto__":{"isAdmin":true,"polluted":"ja"}}')],
  ['constructor.prototype', JSON.parse('{"constructor":{"prototype":{"polluted":"ja"}}}')],
];
const STRINGISH = HOSTILE_VALUES.filter(([, v]) => typeof v === 'string');

const RAW_JSON: [string, string | Buffer][] = [
  ['empty', ''],
  ['open brace', '{'],
  ['cut off', '{"title":'],
  ['extra brace', '{"a":1}}'],
  ['trailing garbage', '{"a":1} en nog wat'],
  ['single quotes', "{'a':1}"],
  ['NaN', '{"a":NaN}'],
  ['Infinity', '{"a":Infinity}'],
  ['NUL text', '\u0000'],
  ['BOM', '\ufeff{}'],
  ['bare string', '"alleen tekst"'],
  ['bare number', '123'],
  ['bare true', 'true'],
  ['null', 'null'],
  ['array', '[]'],
  ['escaped lone surrogate', '{"title":"\\ud800\\ud800","notes":"\\udc00","name":"\\ud800"}'],
  ['escaped NUL', '{"title":"ab\\u0000cd","notes":"\\u0000","name":"\\u0000x","description":"\\u0000"}'],
  ['__proto__', '{"__proto__":{"isAdmin":true}}'],
  ['nested __proto__', '{"a":{"b":{"__proto__":{"polluted":"ja"}}}}'],
  ['constructor.prototype', '{"constructor":{"prototype":{"polluted":"ja"}}}'],
  ['duplicate keys', '{"title":"Eerste titel","title":"Tweede titel"}'],
  ['deep arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
  ['deep objects', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
  ['deep with constructor', '{"a":'.repeat(20_000) + '{"constructor":{"prototype":{}}}' + '}'.repeat(20_000)],
  ['invalid utf-8', Buffer.from([0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d])],
  ['over the body limit', JSON.stringify({ notes: 'x'.repeat(1_100_000) })],
];

const CONTENT_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/json, text/plain',
  'image/png',
  ';;;',
];

const HOSTILE_PARAMS = [
  '..%2F..',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '..',
  '%2e%2e',
  'a'.repeat(300),
  'b'.repeat(5000),
  '%00',
  'abc%00def',
  '%FF',
  '%E0%A4%A',
  '%C0%AE%C0%AE',
  '%20',
  "'%20OR%201=1--",
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'ONDERZOEK',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  `{${crypto.randomUUID()}}`,
  crypto.randomUUID().toUpperCase(),
  '%F0%9F%8F%A0',
  '-',
  '__proto__',
  'constructor',
];

const HOSTILE_QUERIES = [
  'limit=-1',
  'limit=0',
  'limit=abc',
  'limit=1e309',
  'limit=501',
  'limit=1.5',
  'limit=1&limit=2',
  'before=1e309',
  'before=-5',
  'before=9223372036854775808',
  'before=99999999999999999999',
  'before=0x10',
  'from=2024-13-45',
  'from=0000-01-01',
  'to=2024-02-30',
  'to=9999-12-31',
  'from=2026-01-01&to=2025-01-01',
  'actor=geen-uuid',
  `action=${'x'.repeat(5000)}`,
  'action=%00',
  'action=%FF',
  'action=%ud800',
  'archived=misschien',
  'archived=true&archived=false',
  '__proto__[polluted]=ja',
  'constructor[prototype][polluted]=ja',
  'a[b][c][d]=1',
  `${'k'.repeat(2000)}=1`,
  '%00=%00',
  '&&&==&',
];

// ---- sending -------------------------------------------------------------------------------------

interface Case {
  label: string;
  method: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
  /** the URL is the route's own (no hostile path): anonymous must then get 401 on non-public routes */
  regularUrl: boolean;
}

const ctxFor = (slug: string): ExampleCtx => ({ slug, coderId: people.coder.userId, probeEmail, uniq });

async function send(actor: Actor, c: Case) {
  const headers: Record<string, string> = {};
  if (actor !== 'anonymous') {
    headers.cookie = `${SESSION_COOKIE}=${people[actor].cookie}`;
    headers['x-csrf-token'] = people[actor].csrf;
  }
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  const res = await t.app.inject({ method: c.method as never, url: c.url, payload: c.payload, headers });
  let body: unknown = res.body;
  try {
    body = JSON.parse(res.body);
  } catch {
    /* checked below */
  }
  return { status: res.statusCode, body, contentType: res.headers['content-type'] };
}

/**
 * Runs the cases, a few at a time (password hashing runs on the thread pool), collecting every 5xx and every
 * malformed error; keeps the actor signed in. Logout runs one at a time: it ends the session the others use.
 */
async function runCases(r: RegisteredRoute, actor: Actor, cases: Case[], failures: string[]) {
  const width = r.url === '/api/auth/logout' ? 1 : 4;
  for (let i = 0; i < cases.length; i += width) await Promise.all(cases.slice(i, i + width).map((c) => runCase(r, actor, c, failures)));
}

async function runCase(r: RegisteredRoute, actor: Actor, c: Case, failures: string[]) {
  const res = await send(actor, c);
  const where = `${actor} ${c.label}`;
  if (res.status >= 500) failures.push(`${where}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`);
  const shape = errorShapeProblem(res.status, res.contentType, res.body);
  if (shape) failures.push(`${where}: ${res.status} ${shape}`);
  const code = (res.body as { error?: { code?: string } } | null)?.error?.code;
  if (actor === 'anonymous' && c.regularUrl && r.access !== 'public' && res.status !== 401)
    failures.push(`${where}: anonymous got ${res.status}, want 401 before the body is even read`);
  if (actor !== 'anonymous' && c.regularUrl && r.access !== 'public' && code === 'unauthenticated')
    failures.push(`${where}: the signed-in ${actor} was treated as anonymous`);
  if (actor !== 'anonymous' && code === 'csrf') failures.push(`${where}: CSRF check failed although the header was sent`);
  // A logout (or anything else ending the session) must not turn the remaining cases into anonymous ones.
  if (actor !== 'anonymous' && (r.url === '/api/auth/logout' || res.status === 401)) Object.assign(people[actor], await sessionFor(t, people[actor].userId));
}

function bodyCases(r: RegisteredRoute, url: string, example: unknown): Case[] {
  const json = (label: string, v: unknown): Case => ({ label, method: r.method, url, payload: JSON.stringify(v), contentType: 'application/json', regularUrl: true });
  const cases: Case[] = [];
  if (example && typeof example === 'object' && !Array.isArray(example)) {
    for (const [field, good] of Object.entries(example)) {
      for (const [label, v] of HOSTILE_VALUES) cases.push(json(`${field}=${label}`, { ...example, [field]: v }));
      if (Array.isArray(good)) for (const [label, v] of STRINGISH) cases.push(json(`${field}[0]=${label}`, { ...example, [field]: [v] }));
    }
    cases.push(json('extra field isAdmin', { ...example, isAdmin: true, role: 'lead', id: crypto.randomUUID() }));
  }
  for (const [label, v] of HOSTILE_VALUES) cases.push(json(`whole body=${label}`, v));
  for (const [label, raw] of RAW_JSON) cases.push({ label: `raw ${label}`, method: r.method, url, payload: raw, contentType: 'application/json', regularUrl: true });
  const text = JSON.stringify(example ?? {});
  for (const ct of CONTENT_TYPES) cases.push({ label: `content-type ${ct}`, method: r.method, url, payload: text, contentType: ct, regularUrl: true });
  cases.push({ label: 'json content-type without body', method: r.method, url, payload: '', contentType: 'application/json', regularUrl: true });
  return cases;
}

function urlCases(r: RegisteredRoute, good: Record<PathParam, string>, example: unknown): Case[] {
  const payload = example === undefined ? undefined : JSON.stringify(example);
  const contentType = example === undefined ? undefined : 'application/json';
  const cases: Case[] = [];
  for (const p of paramsOf(r.url)) {
    for (const bad of HOSTILE_PARAMS) {
      // the raw (still percent-encoded) text goes into the path
      const url = r.url.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === p ? bad : good[name as PathParam]));
      cases.push({ label: `:${p}=${bad.slice(0, 40)}`, method: r.method, url, payload, contentType, regularUrl: false });
    }
  }
  const base = fillUrl(r.url, good);
  for (const q of HOSTILE_QUERIES) cases.push({ label: `?${q.slice(0, 40)}`, method: r.method, url: `${base}?${q}`, payload, contentType, regularUrl: true });
  return cases;
}

/** A new study led by the lead, with the coder as member: destructive cases (archive, removal) stay local. */
async function freshStudy(): Promise<string> {
  const h = { cookie: `${SESSION_COOKIE}=${people.lead.cookie}`, 'x-csrf-token': people.lead.csrf };
  const r = await t.app.inject({ method: 'POST', url: '/api/studies', payload: { title: `Fuzz ${uniq()}` }, headers: h });
  if (r.statusCode !== 200) throw new Error(r.body);
  const slug = r.json().slug as string;
  const m = await t.app.inject({ method: 'POST', url: `/api/studies/${slug}/members`, payload: { email: people.coder.email, role: 'coder' }, headers: h });
  if (m.statusCode !== 200) throw new Error(m.body);
  return slug;
}

describe('hostile input never breaks the server', () => {
  for (const r of routes) {
    it(`${r.method} ${r.url}`, async () => {
      const actors: Actor[] = r.access.startsWith('admin:') ? ['admin', 'lead', 'anonymous'] : ['lead', 'anonymous'];
      const failures: string[] = [];
      for (const actor of actors) {
        const slug = r.url.includes(':slug') ? await freshStudy() : 'geen-onderzoek';
        const good = { slug, userId: people.coder.userId, jobId: crypto.randomUUID(), invitationId: crypto.randomUUID(), caseId: crypto.randomUUID(), coderId: crypto.randomUUID(), ...otherIds() };
        const example = exampleBody(r, ctxFor(slug));
        const url = fillUrl(r.url, good);
        await runCases(r, actor, [...bodyCases(r, url, example), ...urlCases(r, good, example)], failures);

        // Seeded arbitrary JSON: whole bodies, and the example with one field replaced.
        if (actor === 'anonymous') continue;
        const keys = example && typeof example === 'object' ? Object.keys(example) : [];
        const arb = fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          keys.length ? fc.tuple(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 })).map(([k, v]) => ({ ...(example as object), [k]: v })) : fc.object({ maxDepth: 2 }),
        );
        const samples = fc.sample(arb, { seed: 20_260_101 + r.url.length, numRuns: 40 });
        await runCases(
          r,
          actor,
          samples.map((v, i) => ({ label: `fast-check #${i} ${JSON.stringify(v)?.slice(0, 80)}`, method: r.method, url, payload: JSON.stringify(v) ?? 'null', contentType: 'application/json', regularUrl: true })),
          failures,
        );
      }
      await putSetting(t.platform.deps.db, 'require_admin_2fa', false); // a fuzzed settings body may have switched it on
      expect(failures).toEqual([]);
    });
  }

  it('leaves the audit chain intact, prototypes clean and the server healthy', async () => {
    const chain = await verifyAuditChain(t.platform.deps);
    expect(chain.firstBroken).toBeNull();
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBeGreaterThan(10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    // The lead is still only the lead: no hostile body made anyone an administrator.
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `${SESSION_COOKIE}=${people.lead.cookie}` } });
    expect(me.json().user.isAdmin).toBe(false);
  });
});
