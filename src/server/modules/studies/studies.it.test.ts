import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestPlatform, studyWithRoles, Client, type TestPlatform } from '../../../../test/support/platform';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
});
afterAll(() => t.close());

describe('studies', () => {
  it('creates a study with the creator as lead and an audit event', async () => {
    const r = await s.lead.client.get(`/api/studies/${s.slug}`);
    expect(r.status).toBe(200);
    expect(r.body.myRole).toBe('lead');
    expect(r.body.researchQuestions).toEqual(['Wat helpt bij terugplaatsing?']);
    expect(r.body.modules.map((m: { key: string }) => m.key)).toEqual(['members', 'audit', 'dossiers', 'monitor', 'participants', 'interviews', 'coding', 'analysis', 'surveys', 'legal', 'signals', 'reports', 'findings', 'recommendations', 'reflection', 'impact']);
    const audit = await s.lead.client.get(`/api/studies/${s.slug}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toContain('study.created');
  });

  it('edits, validates the period and archives', async () => {
    const bad = await s.lead.client.patch(`/api/studies/${s.slug}`, { periodStart: '2026-05-01', periodEnd: '2026-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/einddatum/);
    const ok = await s.lead.client.patch(`/api/studies/${s.slug}`, { funder: 'ZonMw (fictief)', partners: ['JongWijs'], periodStart: '2026-01-01', periodEnd: '2026-12-31' });
    expect(ok.status).toBe(200);
    expect(ok.body.partners).toEqual(['JongWijs']);
    const notAllowed = await s.researcher.client.post(`/api/studies/${s.slug}/archive`);
    expect(notAllowed.status).toBe(403);
  });

  it('lets roles see what the matrix allows', async () => {
    expect((await s.coder.client.get(`/api/studies/${s.slug}`)).status).toBe(200);
    expect((await s.coder.client.get(`/api/studies/${s.slug}/audit`)).status).toBe(403);
    expect((await s.committee.client.get(`/api/studies/${s.slug}/members`)).status).toBe(403);
    expect((await s.researcher.client.get(`/api/studies/${s.slug}/members`)).status).toBe(200);
    expect((await s.outsider.client.get(`/api/studies/${s.slug}`)).status).toBe(403);
    expect((await s.admin.client.get(`/api/studies/${s.slug}`)).status).toBe(403);
    expect((await new Client(t.app).get(`/api/studies/${s.slug}`)).status).toBe(401);
  });

  it('keeps confidential notes encrypted at rest', async () => {
    const secret = 'Contactpersoon Jansen 06-12345678';
    expect((await s.lead.client.put(`/api/studies/${s.slug}/confidential`, { notes: secret })).status).toBe(200);
    expect((await s.lead.client.get(`/api/studies/${s.slug}/confidential`)).body.notes).toBe(secret);
    expect((await s.researcher.client.get(`/api/studies/${s.slug}/confidential`)).status).toBe(403);
    const { rows } = await sql<{ dump: string }>`select string_agg(row_to_json(st)::text, '') as dump from studies st`.execute(t.platform.deps.db);
    expect(rows[0].dump).not.toContain('Jansen');
    expect(rows[0].dump).toContain('v1.');
  });

  it('invites a person without an account by link', async () => {
    const r = await s.lead.client.post(`/api/studies/${s.slug}/members`, { email: 'nieuw@example.org', role: 'coder' });
    expect(r.status).toBe(200);
    expect(r.body.member).toBeNull();
    const token = r.body.invitationLink.split('#')[1];
    const anon = new Client(t.app);
    const info = await anon.post('/api/links/inspect', { token });
    expect(info.body).toMatchObject({ purpose: 'invitation', email: 'nieuw@example.org', role: 'coder', accountExists: false });
    const acc = await anon.post('/api/links/accept', { token, name: 'Nieuwe Codeur', password: 'nog-een-wachtwoord' });
    expect(acc.status).toBe(200);
    expect((await anon.get(`/api/studies/${s.slug}`)).body.myRole).toBe('coder');
    expect((await new Client(t.app).post('/api/links/accept', { token, name: 'x', password: 'nog-een-wachtwoord' })).status).toBe(404);
  });

  it('never leaves a study without a lead', async () => {
    const r = await s.lead.client.delete(`/api/studies/${s.slug}/members/${s.lead.user.id}`);
    expect(r.status).toBe(409);
  });
});
