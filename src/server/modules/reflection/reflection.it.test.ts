/**
 * The reflection session on a real database: the lead creates a session on the study's recommendations and invites
 * professionals with personal token links (hashed, single-person); invitees rate 1–5 (Dutch 400 otherwise), comment
 * named or anonymously (anonymous = no link to the invitee), until the session closes (kind 409); results with
 * small-n suppression for everyone, comments only with data.read; decisions audited; permissions per role.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { REFLECTION_TOKEN_HEADER } from '../../../shared/reflection';
import { sessionOutcome } from './reflection.service';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
const R = () => `/api/studies/${s.slug}/reflection-sessions`;
let recIds: string[] = [];
let sessionId: string;
let itemIds: string[] = [];
let tokenA: string;
let tokenB: string;

const respond = (token: string | null, method: 'GET' | 'PUT', body?: unknown) =>
  t.app.inject({ method, url: '/api/reflect', headers: token ? { [REFLECTION_TOKEN_HEADER]: token } : {}, ...(body !== undefined ? { payload: body as never } : {}) }).then((r) => ({ status: r.statusCode, body: r.json() }));

async function auditActions(): Promise<string[]> {
  const r = await s.lead.client.get(`/api/studies/${s.slug}/audit?limit=500`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.events as { action: string }[]).map((e) => e.action);
}

const tokenOf = (url: string) => url.slice(url.indexOf('#') + 1);

beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
  for (const [text, priority] of [
    ['Zorg voor een vaste contactpersoon voor ouders tijdens de plaatsing.', 'hoog'],
    ['Toets elk half jaar of terugplaatsing mogelijk is.', 'middel'],
    ['Bied nazorg na terugplaatsing standaard aan.', 'laag'],
  ] as const) {
    const r = await s.lead.client.post(`/api/studies/${s.slug}/recommendations`, { text, priority });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    recIds.push(r.body.id);
  }
});
afterAll(() => t.close());

describe('sessions', () => {
  it('only the lead creates a session; default: all recommendations, copied in their order', async () => {
    for (const who of ['researcher', 'coder', 'committee'] as const) expect((await s[who].client.post(R(), { title: 'x', heldOn: '2026-03-01' })).status).toBe(403);
    expect((await s.outsider.client.get(R())).status).toBe(403);
    const r = await s.lead.client.post(R(), { title: 'Reflectiesessie maart', heldOn: '2026-03-01' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    sessionId = r.body.id;
    expect(r.body).toMatchObject({ status: 'open', allowAnonymous: true, invitees: 0, responded: 0 });
    expect(r.body.items.map((i: { recommendationId: string }) => i.recommendationId)).toEqual(recIds);
    expect(r.body.items[0]).toMatchObject({ priority: 'hoog', position: 0, text: expect.stringContaining('vaste contactpersoon') });
    itemIds = r.body.items.map((i: { id: string }) => i.id);
    // the committee reads the session (no response counts)
    const c = await s.committee.client.get(`${R()}/${sessionId}`);
    expect(c.status).toBe(200);
    expect(c.body.responded).toBeNull();
  });

  it('refuses an unknown recommendation with a Dutch 400 and writes nothing', async () => {
    const before = (await s.lead.client.get(R())).body.sessions.length;
    const r = await s.lead.client.post(R(), { title: 'Fout', heldOn: '2026-03-01', recommendationIds: [recIds[0], crypto.randomUUID()] });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/bestaat niet/);
    expect((await s.lead.client.get(R())).body.sessions.length).toBe(before);
    const bad = await s.lead.client.post(R(), { title: '', heldOn: 'maart' });
    expect(bad.status).toBe(400);
  });

  it('a chosen subset keeps the requested order', async () => {
    const r = await s.lead.client.post(R(), { title: 'Deelsessie', heldOn: '2026-04-01', recommendationIds: [recIds[2], recIds[0]], allowAnonymous: false });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((i: { recommendationId: string }) => i.recommendationId)).toEqual([recIds[2], recIds[0]]);
    expect((await s.lead.client.delete(`${R()}/${r.body.id}`)).status).toBe(200);
  });
});

describe('invitees and tokens', () => {
  it('adds invitees with personal links shown once; names sealed, tokens stored only as hashes', async () => {
    const r = await s.lead.client.post(`${R()}/${sessionId}/invitees`, { invitees: [{ label: 'Anna Jansen (jeugdbeschermer)', email: 'anna@example.org' }, { label: 'Wijkteam Noord' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.links).toHaveLength(2);
    [tokenA, tokenB] = r.body.links.map((l: { url: string }) => tokenOf(l.url));
    expect(r.body.links[0].url).toMatch(/\/r#RS\.[A-Za-z0-9_-]{43}$/);
    expect(tokenA).not.toBe(tokenB);
    const rows = await t.platform.deps.db.selectFrom('reflection_invitees').selectAll().where('session_id', '=', sessionId).execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('Anna');
    expect(dump).not.toContain('anna@example.org');
    expect(dump).not.toContain(tokenA.slice(3));
    expect(rows.map((x) => x.token_hash)).toContain(crypto.createHash('sha256').update(tokenA).digest('hex'));
    const list = await s.lead.client.get(`${R()}/${sessionId}/invitees`);
    expect(list.body.invitees.map((v: { label: string }) => v.label)).toEqual(['Anna Jansen (jeugdbeschermer)', 'Wijkteam Noord']);
    expect(JSON.stringify(list.body)).not.toContain('RS.');
    for (const who of ['researcher', 'coder', 'committee'] as const) {
      expect((await s[who].client.get(`${R()}/${sessionId}/invitees`)).status).toBe(403);
      expect((await s[who].client.post(`${R()}/${sessionId}/invitees`, { invitees: [{ label: 'x' }] })).status).toBe(403);
    }
    const empty = await s.lead.client.post(`${R()}/${sessionId}/invitees`, { invitees: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/minstens één/);
  });

  it('a token opens only its own invitee; a missing or wrong token is a 404', async () => {
    const a = await respond(tokenA, 'GET');
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ title: 'Reflectiesessie maart', status: 'open', invitee: 'Anna Jansen (jeugdbeschermer)', allowAnonymous: true });
    expect(a.body.items).toHaveLength(3);
    expect(JSON.stringify(a.body)).not.toContain('Wijkteam');
    for (const bad of [null, 'RS.kort', `RS.${'A'.repeat(43)}`]) {
      const r = await respond(bad, 'GET');
      expect(r.status).toBe(404);
      expect(r.body.error.message).toMatch(/link/);
    }
    const seen = (await s.lead.client.get(`${R()}/${sessionId}/invitees`)).body.invitees;
    expect(seen[0].firstSeenAt).not.toBeNull();
    expect(seen[1].firstSeenAt).toBeNull();
  });
});

describe('ratings', () => {
  it('refuses ratings outside 1–5 with a Dutch 400, saving nothing', async () => {
    for (const importance of [0, 6, 2.5]) {
      const r = await respond(tokenA, 'PUT', { itemId: itemIds[0], importance, feasibility: 3 });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/1 tot en met 5/);
    }
    const r = await respond(tokenA, 'PUT', { itemId: itemIds[0], importance: 'veel' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/Ongeldige invoer/);
    expect((await respond(tokenA, 'PUT', { itemId: crypto.randomUUID(), importance: 3 })).status).toBe(400);
    expect((await respond(tokenA, 'GET')).body.items[0]).toMatchObject({ importance: null, feasibility: null });
  });

  it('saves per recommendation, changeable; each token sees only its own ratings', async () => {
    let r = await respond(tokenA, 'PUT', { itemId: itemIds[0], importance: 4, feasibility: 2, comment: 'Belangrijk, maar de capaciteit ontbreekt.' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ importance: 4, feasibility: 2, comment: 'Belangrijk, maar de capaciteit ontbreekt.', anonymousSent: false });
    r = await respond(tokenA, 'PUT', { itemId: itemIds[0], importance: 5 });
    expect(r.body).toMatchObject({ importance: 5, feasibility: 2, comment: 'Belangrijk, maar de capaciteit ontbreekt.' });
    const b = await respond(tokenB, 'GET');
    expect(b.body.items[0]).toMatchObject({ importance: null, feasibility: null, comment: '' });
    r = await respond(tokenB, 'PUT', { itemId: itemIds[0], importance: 3, feasibility: 3 });
    expect(r.status).toBe(200);
    expect((await respond(tokenA, 'GET')).body.items[0]).toMatchObject({ importance: 5, feasibility: 2 });
    // the named comment is sealed
    const rows = await t.platform.deps.db.selectFrom('reflection_ratings').select('comment_enc').execute();
    expect(JSON.stringify(rows)).not.toContain('capaciteit');
  });

  it('an anonymous comment is stored without any link to the invitee', async () => {
    const r = await respond(tokenB, 'PUT', { itemId: itemIds[1], comment: 'Halfjaarlijks is te weinig voor jonge kinderen.', anonymous: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ anonymousSent: true, comment: '' });
    const rows = await t.platform.deps.db.selectFrom('reflection_comments').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]).sort()).toEqual(['created_on', 'id', 'item_id', 'text_enc']);
    expect(JSON.stringify(rows)).not.toContain('jonge kinderen');
    // B's own page does not show it as B's comment, and no rating row of B moved with it
    expect((await respond(tokenB, 'GET')).body.items[1].comment).toBe('');
    expect(await t.platform.deps.db.selectFrom('reflection_ratings').selectAll().where('item_id', '=', itemIds[1]).execute()).toEqual([]);
  });
});

describe('results', () => {
  it('suppresses below the disclosure threshold (default 10) for everyone', async () => {
    for (const who of ['lead', 'committee'] as const) {
      const r = await s[who].client.get(`${R()}/${sessionId}/results`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.threshold).toBe(10);
      expect(r.body.items[0].importance).toEqual({ suppressed: true, n: null, distribution: null, mean: null });
      expect(r.body.items[2].importance).toMatchObject({ suppressed: false, n: 0 });
    }
  });

  it('with threshold 2: distribution, mean and n; comments grouped with names for the lead, none for the committee', async () => {
    expect((await s.lead.client.patch(`/api/studies/${s.slug}`, { disclosureThreshold: 2 })).status).toBe(200);
    const r = await s.lead.client.get(`${R()}/${sessionId}/results`);
    expect(r.body.items[0].importance).toEqual({ suppressed: false, n: 2, distribution: [0, 0, 1, 0, 1], mean: 4 });
    expect(r.body.items[0].feasibility).toEqual({ suppressed: false, n: 2, distribution: [0, 1, 1, 0, 0], mean: 2.5 });
    expect(r.body.commentsVisible).toBe(true);
    expect(r.body.items[0].comments).toEqual([expect.objectContaining({ author: 'Anna Jansen (jeugdbeschermer)', anonymous: false, text: 'Belangrijk, maar de capaciteit ontbreekt.' })]);
    expect(r.body.items[1].comments).toEqual([expect.objectContaining({ author: null, anonymous: true, text: 'Halfjaarlijks is te weinig voor jonge kinderen.' })]);
    const c = await s.committee.client.get(`${R()}/${sessionId}/results`);
    expect(c.status).toBe(200);
    expect(c.body.items[0].importance.mean).toBe(4);
    expect(c.body.commentsVisible).toBe(false);
    expect(c.body.items.every((i: { comments: unknown }) => i.comments === null)).toBe(true);
    expect(JSON.stringify(c.body)).not.toMatch(/Anna|Wijkteam|RS\./);
    expect((await s.outsider.client.get(`${R()}/${sessionId}/results`)).status).toBe(403);
  });

  it('a recommendation with ratings cannot silently be taken off the session', async () => {
    const r = await s.lead.client.patch(`${R()}/${sessionId}`, { recommendationIds: [recIds[1], recIds[2]] });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/beoordelingen/);
  });
});

describe('closing and decisions', () => {
  it('anonymous comments can be switched off', async () => {
    expect((await s.lead.client.patch(`${R()}/${sessionId}`, { allowAnonymous: false })).status).toBe(200);
    const r = await respond(tokenA, 'PUT', { itemId: itemIds[2], comment: 'anoniem', anonymous: true });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/anonieme opmerkingen/i);
    expect((await s.lead.client.patch(`${R()}/${sessionId}`, { allowAnonymous: true })).status).toBe(200);
  });

  it('decisions wait for the session to close', async () => {
    const r = await s.lead.client.put(`${R()}/${sessionId}/decisions`, { itemId: itemIds[0], decision: 'kept', reason: 'Breed gedragen.' });
    expect(r.status).toBe(409);
  });

  it('a closed session refuses changes kindly, but still shows the page', async () => {
    const c = await s.lead.client.patch(`${R()}/${sessionId}`, { status: 'closed' });
    expect(c.status).toBe(200);
    expect(c.body.closedAt).not.toBeNull();
    const r = await respond(tokenA, 'PUT', { itemId: itemIds[0], importance: 1 });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'session_closed' });
    expect(r.body.error.message).toMatch(/gesloten.*Hartelijk dank/);
    const g = await respond(tokenA, 'GET');
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ status: 'closed' });
    expect(g.body.items[0].importance).toBe(5);
    expect((await s.lead.client.post(`${R()}/${sessionId}/invitees`, { invitees: [{ label: 'Laat' }] })).status).toBe(409);
  });

  it('the lead records decisions (audited); others cannot', async () => {
    for (const who of ['researcher', 'coder', 'committee'] as const)
      expect((await s[who].client.put(`${R()}/${sessionId}/decisions`, { itemId: itemIds[0], decision: 'kept', reason: 'x' })).status).toBe(403);
    const bad = await s.lead.client.put(`${R()}/${sessionId}/decisions`, { itemId: itemIds[0], decision: 'kept', reason: '' });
    expect(bad.status).toBe(400);
    let r = await s.lead.client.put(`${R()}/${sessionId}/decisions`, { itemId: itemIds[0], decision: 'kept', reason: 'Breed gedragen in de sessie.' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    r = await s.lead.client.put(`${R()}/${sessionId}/decisions`, { itemId: itemIds[1], decision: 'changed', reason: 'Termijn naar drie maanden voor kinderen onder de vier.' });
    expect(r.body.items[1].decision).toMatchObject({ decision: 'changed', decidedBy: 'Lea Lead' });
    expect(r.body.items[0].decision).toMatchObject({ decision: 'kept', reason: 'Breed gedragen in de sessie.' });
    expect((await s.lead.client.put(`${R()}/${sessionId}/decisions`, { itemId: crypto.randomUUID(), decision: 'dropped', reason: 'x' })).status).toBe(400);
    const actions = await auditActions();
    expect(actions.filter((a) => a === 'reflection.decision')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['reflection.session_created', 'reflection.invitees_added', 'reflection.session_closed']));
    // the committee reads the decisions with the aggregates
    const c = await s.committee.client.get(`${R()}/${sessionId}/results`);
    expect(c.body.items[1].decision.decision).toBe('changed');
  });

  it('sessionOutcome gives the report aggregates and decisions, without comments', async () => {
    const lead = { userId: s.lead.user.id, isAdmin: false, name: 'Lea Lead' };
    const o = await sessionOutcome(t.platform.deps, lead, s.slug, sessionId);
    expect(o.items[0]).toMatchObject({ importance: { n: 2, mean: 4 }, decision: { decision: 'kept' }, comments: null });
    expect(o.commentsVisible).toBe(false);
  });
});

describe('links', () => {
  it('new links replace the old ones (CSV)', async () => {
    expect((await s.lead.client.patch(`${R()}/${sessionId}`, { status: 'open' })).status).toBe(200);
    const r = await s.lead.client.post(`${R()}/${sessionId}/invitees/links`, { scope: 'all' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.count).toBe(2);
    expect(r.body.csv).toContain('naam,email,link');
    expect(r.body.csv).toContain('anna@example.org');
    expect((await respond(tokenA, 'GET')).status).toBe(404);
    const fresh = /\/r#(RS\.[A-Za-z0-9_-]{43})/.exec(r.body.csv)![1];
    expect((await respond(fresh, 'GET')).status).toBe(200);
    const send = await s.lead.client.post(`${R()}/${sessionId}/invitees/send`);
    expect(send.status).toBe(409);
    expect(send.body.error.code).toBe('smtp_not_configured');
  });

  it('removing an invitee removes their ratings', async () => {
    const list = (await s.lead.client.get(`${R()}/${sessionId}/invitees`)).body.invitees;
    expect((await s.lead.client.delete(`${R()}/${sessionId}/invitees/${list[1].id}`)).status).toBe(200);
    const r = await s.lead.client.get(`${R()}/${sessionId}/results`);
    expect(r.body.items[0].importance).toEqual({ suppressed: true, n: null, distribution: null, mean: null });
  });
});
