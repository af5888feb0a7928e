/**
 * The survey module on a real database: instruments and versions, the respondent API (public link, personal and
 * anonymised invitations), open and close dates, idempotent completion, hostile submissions, invitations (CSV,
 * mail-merge links, SMTP job against a small local SMTP server), results with disclosure control, exports.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, type TestPlatform, type Client } from '../../../../test/support/platform';
import { JobRunner } from '../../platform/jobs';
import { verifyAuditChain } from '../audit/audit.service';
import { batchStats } from './respondent.service';

const DEF = {
  title: 'Testenquête',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Wat is uw rol?', isRequired: true, choices: ['jeugdbeschermer', 'pleegzorg', 'anders'] },
        { type: 'rating', name: 'tevreden', title: 'Hoe tevreden bent u?', rateMin: 1, rateMax: 5 },
      ],
    },
    {
      name: 'p2',
      elements: [
        { type: 'boolean', name: 'wachtlijst', title: 'Zijn er wachtlijsten?' },
        { type: 'comment', name: 'toelichting', title: 'Toelichting' },
      ],
    },
  ],
};

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
const H = 'x-survey-token';

beforeAll(async () => {
  t = await startTestPlatform({ respondentRateLimit: 100_000 });
  s = await studyWithRoles(t);
});
afterAll(() => t.close());

const url = (surveyId = '') => `/api/studies/${s.slug}/surveys${surveyId ? `/${surveyId}` : ''}`;

async function respond(method: string, token: string | null, path = '/api/respond', body?: unknown) {
  const res = await t.app.inject({ method: method as never, url: path, payload: body as never, headers: token ? { [H]: token } : {} });
  let parsed: any = res.body;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    /* not JSON */
  }
  return { status: res.statusCode, body: parsed, headers: res.headers };
}
const tokenOf = (link: string) => link.split('#')[1];

async function published(client: Client, input: Record<string, unknown> = {}, def: unknown = DEF) {
  const c = await client.post(url(), { title: 'Enquête professionals test', definition: def, ...input });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  const p = await client.post(`${url(c.body.id)}/publish`);
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  return p.body;
}

async function complete(token: string, key = crypto.randomUUID(), answers: Record<string, unknown> = { wachtlijst: true, toelichting: 'Goed' }) {
  return respond('POST', token, '/api/respond/complete', { idempotencyKey: key, page: 'p2', answers });
}

describe('instruments and versions', () => {
  it('creates a draft, refuses an invalid definition with its problems, publishes numbered frozen versions', async () => {
    const c = await s.researcher.client.post(url(), { title: 'Concept enquête' });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('draft');
    expect(c.body.mode).toBe('anonymous');
    expect(c.body.disclosureThreshold).toBe(10);
    expect(c.body.publicUrl).toMatch(/\/s#P\./);
    const bad = await s.researcher.client.put(`${url(c.body.id)}/draft`, { definition: { pages: [{ name: 'p1', elements: [{ type: 'radiogroup', name: '1 fout', choices: [] }] }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_definition');
    expect(bad.body.error.message).toMatch(/klopt niet/);
    expect(Array.isArray(bad.body.error.details)).toBe(true);
    expect(bad.body.error.details.length).toBeGreaterThan(0);
    const empty = await s.researcher.client.post(`${url(c.body.id)}/publish`);
    expect(empty.status).toBe(400);
    const ok = await s.researcher.client.put(`${url(c.body.id)}/draft`, { definition: DEF });
    expect(ok.status).toBe(200);
    expect(ok.body.draftChanged).toBe(true);
    const p1 = await s.researcher.client.post(`${url(c.body.id)}/publish`);
    expect(p1.status).toBe(200);
    expect(p1.body.currentVersion).toBe(1);
    expect(p1.body.status).toBe('open');
    expect(p1.body.draftChanged).toBe(false);
    const again = await s.researcher.client.post(`${url(c.body.id)}/publish`);
    expect(again.status).toBe(409);
    const v = await s.researcher.client.get(`${url(c.body.id)}/versions/${p1.body.versions[0].id}`);
    expect(v.status).toBe(200);
    expect(v.body.number).toBe(1);
    // the frozen row cannot be changed, not even directly
    await expect(t.platform.deps.db.updateTable('survey_versions').set({ number: 9 }).where('id', '=', v.body.id).execute()).rejects.toThrow(/immutable/);
  });

  it('copies the ready instrument and imports SurveyJS JSON; the committee and outsiders may not', async () => {
    const tpl = await s.researcher.client.post(`${url()}/template`, {});
    expect(tpl.status).toBe(200);
    expect(tpl.body.title).toMatch(/Enquête professionals/);
    expect(tpl.body.languages).toEqual(['nl', 'en']);
    expect((tpl.body.definition.pages as unknown[]).length).toBeGreaterThan(2);
    const pub = await s.researcher.client.post(`${url(tpl.body.id)}/publish`);
    expect(pub.status).toBe(200);
    const imp = await s.researcher.client.post(`${url()}/import`, { format: 'surveyjs', content: JSON.stringify(DEF) });
    expect(imp.status).toBe(200);
    expect(imp.body.survey.title).toBe('Testenquête');
    expect(imp.body.report).toEqual([]);
    const lss = `<?xml version="1.0" encoding="UTF-8"?>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>366</DBVersion>
<languages><language>nl</language></languages>
<surveys><rows><row><sid>1</sid><language>nl</language></row></rows></surveys>
<surveys_languagesettings><rows><row><surveyls_survey_id>1</surveyls_survey_id><surveyls_language>nl</surveyls_language><surveyls_title>Uit LimeSurvey</surveyls_title></row></rows></surveys_languagesettings>
<groups><rows><row><gid>10</gid><sid>1</sid><group_name>Over u</group_name><group_order>0</group_order><language>nl</language></row></rows></groups>
<questions><rows>
<row><qid>100</qid><parent_qid>0</parent_qid><sid>1</sid><gid>10</gid><type>L</type><title>rol</title><question>Wat is uw rol?</question><mandatory>Y</mandatory><question_order>0</question_order><language>nl</language></row>
<row><qid>101</qid><parent_qid>0</parent_qid><sid>1</sid><gid>10</gid><type>|</type><title>upload</title><question>Stuur een bestand</question><mandatory>N</mandatory><question_order>1</question_order><language>nl</language></row>
</rows></questions>
<answers><rows>
<row><qid>100</qid><code>A1</code><answer>Jeugdbeschermer</answer><sortorder>0</sortorder><language>nl</language><scale_id>0</scale_id></row>
<row><qid>100</qid><code>A2</code><answer>Anders</answer><sortorder>1</sortorder><language>nl</language><scale_id>0</scale_id></row>
</rows></answers>
</document>`;
    const ls = await s.researcher.client.post(`${url()}/import`, { format: 'limesurvey', content: lss });
    expect(ls.status, JSON.stringify(ls.body)).toBe(200);
    expect(JSON.stringify(ls.body.survey.definition)).toContain('rol');
    expect(ls.body.report.length).toBeGreaterThan(0);
    expect(ls.body.report.join(' ')).toMatch(/upload/);
    const notXml = await s.researcher.client.post(`${url()}/import`, { format: 'limesurvey', content: '<!DOCTYPE x [<!ENTITY a "b">]><document/>' });
    expect(notXml.status).toBe(400);
    const broken = await s.researcher.client.post(`${url()}/import`, { format: 'surveyjs', content: '{"pages": [' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/geen geldige JSON/);
    expect((await s.committee.client.post(`${url()}/template`, {})).status).toBe(403);
    expect((await s.outsider.client.get(url())).status).toBe(403);
    expect((await s.committee.client.get(url())).status).toBe(200);
    expect((await s.committee.client.get(url(tpl.body.id))).status).toBe(403);
  });
});

describe('respondents through the public link', () => {
  let survey: any;
  let publicToken: string;
  beforeAll(async () => {
    survey = await published(s.researcher.client);
    publicToken = tokenOf(survey.publicUrl);
  });

  it('opens, saves per page with a resume code, resumes, and completes once (idempotent)', async () => {
    const open = await respond('GET', publicToken);
    expect(open.status).toBe(200);
    expect(open.body.state).toBe('new');
    expect(open.body.version).toBe(1);
    expect(open.body.definition.pages[0].name).toBe('p1');
    expect(open.headers['cache-control']).toBe('no-store');

    const missing = await respond('PUT', publicToken, '/api/respond', { page: 'p1', answers: { tevreden: 4 } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_answers');
    expect(missing.body.error.message).toMatch(/Wat is uw rol\?.*verplicht/);
    expect(missing.body.error.details[0]).toMatchObject({ question: 'rol', page: 'p1' });

    const first = await respond('PUT', publicToken, '/api/respond', { page: 'p1', answers: { rol: 'pleegzorg', tevreden: 4 } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.resumeToken).toMatch(/^R\./);
    expect(first.body.resumeUrl).toContain(`#${first.body.resumeToken}`);
    const resume = first.body.resumeToken as string;

    const back = await respond('GET', resume);
    expect(back.body.state).toBe('in_progress');
    expect(back.body.answers).toEqual({ rol: 'pleegzorg', tevreden: 4 });
    expect(back.body.lastSavedPage).toBe('p1');
    expect(back.body.resumePage).toBe('p2');

    const key = crypto.randomUUID();
    const done = await complete(resume, key);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('completed');
    const retry = await complete(resume, key);
    expect(retry.status).toBe(200);
    expect(retry.body.completedAt).toBe(done.body.completedAt);
    const other = await complete(resume, crypto.randomUUID());
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('already_completed');
    expect((await respond('PUT', resume, '/api/respond', { page: 'p2', answers: {} })).body.error.code).toBe('already_completed');
    expect((await respond('GET', resume)).body.state).toBe('completed');

    const rows = await t.platform.deps.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', survey.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].answers).toEqual({ rol: 'pleegzorg', tevreden: 4, wachtlijst: true, toelichting: 'Goed' });
    expect(rows[0].invitation_id).toBeNull();
    const audit = await t.platform.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'survey.response_completed').where('object_id', '=', rows[0].id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain('pleegzorg');
  });

  it('a submission in one go is idempotent too: a retry never makes a second response', async () => {
    const key = crypto.randomUUID();
    const answers = { rol: 'anders' };
    const a = await respond('POST', publicToken, '/api/respond/complete', { idempotencyKey: key, page: 'p1', answers });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const b = await respond('POST', publicToken, '/api/respond/complete', { idempotencyKey: key, page: 'p1', answers });
    expect(b.status).toBe(200);
    expect(b.body.completedAt).toBe(a.body.completedAt);
    const [c1, c2] = await Promise.all([1, 2].map(() => respond('POST', publicToken, '/api/respond/complete', { idempotencyKey: key, page: 'p1', answers })));
    expect([c1.status, c2.status]).toEqual([200, 200]);
    const n = await t.platform.deps.db.selectFrom('survey_responses').select(({ fn }) => fn.countAll<number>().as('n')).where('completion_key', '=', key).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('completes a saved response once when submissions race, and answers a retry after the survey closed', async () => {
    const sv = await published(s.researcher.client);
    const token = tokenOf(sv.publicUrl);
    const started = await Promise.all([1, 2].map(() => respond('PUT', token, '/api/respond', { page: 'p1', answers: { rol: 'anders' } })));
    const [resumeA, resumeB] = started.map((r) => r.body.resumeToken as string);
    // the same submission twice at once (a retry racing the original): one response, the same answer twice
    const key = crypto.randomUUID();
    const same = await Promise.all([1, 2, 3].map(() => complete(resumeA, key)));
    expect(same.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(same.map((r) => r.body.completedAt)).size).toBe(1);
    // two different submissions at once: one wins, the other is told kindly
    const other = await Promise.all([1, 2].map(() => complete(resumeB, crypto.randomUUID())));
    expect(other.map((r) => r.status).sort()).toEqual([200, 409]);
    const ids = (await t.platform.deps.db.selectFrom('survey_responses').select('id').where('survey_id', '=', sv.id).where('completed_at', 'is not', null).execute()).map((r) => r.id);
    expect(ids).toHaveLength(2);
    const audit = await t.platform.deps.db.selectFrom('audit_events').select('object_id').where('action', '=', 'survey.response_completed').where('object_id', 'in', ids).execute();
    expect(audit.map((a) => a.object_id).sort()).toEqual([...ids].sort());
    // closed afterwards: the retry of the completion that went through still gets its first answer
    expect((await s.researcher.client.post(`${url(sv.id)}/close`)).status).toBe(200);
    const late = await complete(resumeA, key);
    expect(late.status).toBe(200);
    expect(late.body.completedAt).toBe(same[0].body.completedAt);
    expect((await complete(resumeA, crypto.randomUUID())).body.error.code).toBe('already_completed');
  });

  it('writes concurrent respondents in batches: every response stored once with its audit event, one bad submission fails alone', async () => {
    const sv = await published(s.researcher.client);
    const token = tokenOf(sv.publicUrl);
    const before = batchStats(t.platform.deps.db);
    const N = 24;
    const firsts = await Promise.all(Array.from({ length: N }, (_, i) => respond('PUT', token, '/api/respond', { page: 'p1', answers: { rol: i % 2 ? 'pleegzorg' : 'anders', tevreden: (i % 5) + 1 } })));
    expect(firsts.map((r) => r.status)).toEqual(Array(N).fill(200));
    const resumes = firsts.map((r) => r.body.resumeToken as string);
    expect(new Set(resumes).size).toBe(N);
    const saves = await Promise.all(resumes.map((r, i) => respond('PUT', r, '/api/respond', { page: 'p2', answers: { toelichting: `Toelichting ${i}` } })));
    expect(saves.map((r) => r.status)).toEqual(Array(N).fill(200));
    // completions at once: respondent 0 sends an invalid answer, respondent 1 sends the same submission twice,
    // respondent 2 two different submissions
    const key1 = crypto.randomUUID();
    const calls = [
      complete(resumes[0], crypto.randomUUID(), { wachtlijst: 'misschien' }),
      complete(resumes[1], key1),
      complete(resumes[1], key1),
      complete(resumes[2], crypto.randomUUID()),
      complete(resumes[2], crypto.randomUUID()),
      ...resumes.slice(3).map((r, i) => complete(r, crypto.randomUUID(), { wachtlijst: i % 2 === 0, toelichting: `Definitief ${i + 3}` })),
    ];
    const results = await Promise.all(calls);
    expect(results[0].status).toBe(400);
    expect(results[0].body.error.code).toBe('invalid_answers');
    expect([results[1].status, results[2].status]).toEqual([200, 200]);
    expect(results[1].body.completedAt).toBe(results[2].body.completedAt);
    expect([results[3].status, results[4].status].sort()).toEqual([200, 409]);
    expect(results.slice(5).map((r) => r.status)).toEqual(Array(N - 3).fill(200));
    const after = batchStats(t.platform.deps.db);
    // the writes did share statements: fewer batches than requests on each path
    for (const path of ['firstPages', 'saves', 'completions'] as const) {
      const batches = after[path].batches - before[path].batches;
      const items = after[path].items - before[path].items;
      expect(items, path).toBeGreaterThanOrEqual(N - 1);
      expect(batches, path).toBeLessThan(items);
    }
    const rows = await t.platform.deps.db.selectFrom('survey_responses').select(['id', 'answers', 'completed_at']).where('survey_id', '=', sv.id).execute();
    expect(rows).toHaveLength(N);
    expect(rows.filter((r) => r.completed_at)).toHaveLength(N - 1);
    const bad = rows.find((r) => !r.completed_at)!;
    expect(bad.answers).toEqual({ rol: 'anders', tevreden: 1, toelichting: 'Toelichting 0' });
    const r7 = rows.find((r) => (r.answers as Record<string, unknown>).toelichting === 'Definitief 7')!;
    expect(r7.answers).toEqual({ rol: 'pleegzorg', tevreden: 3, wachtlijst: true, toelichting: 'Definitief 7' });
    const audit = await t.platform.deps.db.selectFrom('audit_events').select('object_id').where('action', '=', 'survey.response_completed').where('object_id', 'in', rows.map((r) => r.id)).execute();
    expect(audit.map((a) => a.object_id).sort()).toEqual(rows.filter((r) => r.completed_at).map((r) => r.id).sort());
    expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
  });

  it('rejects hostile submissions with a clear 4xx and stores markup as inert text', async () => {
    const cases: [unknown, number][] = [
      [{ page: 'p1', answers: { rol: 42 } }, 400],
      [{ page: 'p1', answers: { rol: ['pleegzorg'] } }, 400],
      [{ page: 'p1', answers: { rol: 'pleegzorg', tevreden: 'veel' } }, 400],
      [{ page: 'p1', answers: { rol: 'pleegzorg', onbekend: 1 } }, 400],
      ['{"page":"p1","answers":{"rol":"pleegzorg","__proto__":{"x":1}}}', 400],
      ['{"page":"p1","answers":{"rol":"pleegzorg","constructor":{"prototype":{"x":1}}}}', 400],
      [{ page: 'p9', answers: {} }, 400],
      [{ page: 'p1', answers: 'tekst' }, 400],
      [{ page: 'p1', answers: { rol: 'pleegzorg', tevreden: 9 } }, 400],
      [{ page: 'p2', answers: { toelichting: 'x'.repeat(20_000) } }, 400],
    ];
    for (const [body, status] of cases) {
      const r = typeof body === 'string'
        ? await (async () => {
            const res = await t.app.inject({ method: 'PUT', url: '/api/respond', headers: { [H]: publicToken, 'content-type': 'application/json' }, payload: body });
            return { status: res.statusCode, body: JSON.parse(res.body) };
          })()
        : await respond('PUT', publicToken, '/api/respond', body);
      expect(r.status, JSON.stringify(body).slice(0, 100)).toBe(status);
      expect(typeof r.body.error.message).toBe('string');
    }
    const huge = await t.app.inject({ method: 'PUT', url: '/api/respond', headers: { [H]: publicToken, 'content-type': 'application/json' }, payload: JSON.stringify({ page: 'p2', answers: { toelichting: 'x'.repeat(10 * 1024 * 1024) } }) });
    expect(huge.statusCode).toBe(413);
    expect(JSON.parse(huge.body).error.message).toMatch(/te groot/);
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const first = await respond('PUT', publicToken, '/api/respond', { page: 'p1', answers: { rol: 'anders' } });
    const ok = await respond('PUT', first.body.resumeToken, '/api/respond', { page: 'p2', answers: { toelichting: script } });
    expect(ok.status).toBe(200);
    const back = await respond('GET', first.body.resumeToken);
    expect(back.body.answers.toelichting).toBe(script);
    expect(back.headers['content-type']).toMatch(/^application\/json/);
    for (const bad of ['', 'P.kort', `X.${'a'.repeat(43)}`, `R.${'a'.repeat(43)}~R.${'b'.repeat(43)}`, `P.${'a'.repeat(43)}`]) {
      const r = await respond('GET', bad || null);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('link_invalid');
    }
  });

  it('keeps a started response on its version when a new one is published', async () => {
    const first = await respond('PUT', publicToken, '/api/respond', { page: 'p1', answers: { rol: 'jeugdbeschermer' } });
    const def2 = structuredClone(DEF);
    (def2.pages[1].elements as unknown[]).push({ type: 'text', name: 'regio', title: 'Regio', isRequired: true });
    expect((await s.researcher.client.put(`${url(survey.id)}/draft`, { definition: def2 })).status).toBe(200);
    const p = await s.researcher.client.post(`${url(survey.id)}/publish`);
    expect(p.body.currentVersion).toBe(2);
    const old = await respond('GET', first.body.resumeToken);
    expect(old.body.version).toBe(1);
    expect((await complete(first.body.resumeToken)).status).toBe(200);
    expect((await respond('GET', publicToken)).body.version).toBe(2);
    const v2 = await complete(publicToken);
    expect(v2.status).toBe(400);
    expect(v2.body.error.message).toMatch(/verplicht/);
  });
});

describe('open and close dates', () => {
  it('says kindly when a survey is not yet open or closed', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const sv = await published(s.researcher.client, { opensAt: future });
    expect(sv.status).toBe('scheduled');
    const token = tokenOf(sv.publicUrl);
    const early = await respond('GET', token);
    expect(early.status).toBe(423);
    expect(early.body.error.code).toBe('survey_not_open');
    expect(early.body.error.message).toMatch(/nog niet geopend/);
    const draft = await s.researcher.client.post(url(), { title: 'Nog niet gepubliceerd', definition: DEF });
    const np = await respond('GET', tokenOf(draft.body.publicUrl));
    expect(np.status).toBe(423);
    expect(np.body.error.code).toBe('survey_not_published');
    const open = await s.researcher.client.patch(url(sv.id), { opensAt: null });
    expect(open.body.status).toBe('open');
    const started = await respond('PUT', token, '/api/respond', { page: 'p1', answers: { rol: 'anders' } });
    expect(started.status).toBe(200);
    const closed = await s.researcher.client.post(`${url(sv.id)}/close`);
    expect(closed.body.status).toBe('closed');
    const late = await respond('GET', started.body.resumeToken);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('survey_closed');
    expect(late.body.error.message).toMatch(/gesloten/);
    expect((await complete(started.body.resumeToken)).status).toBe(410);
    const bad = await s.researcher.client.patch(url(sv.id), { opensAt: '2030-02-01T00:00:00Z', closesAt: '2030-01-01T00:00:00Z' });
    expect(bad.status).toBe(400);
  });
});

describe('personal invitations', () => {
  let survey: any;
  beforeAll(async () => {
    survey = await published(s.researcher.client, { mode: 'personal' });
  });

  it('imports a CSV of addresses: bad rows reported, duplicates skipped, addresses sealed, shown to the lead only', async () => {
    const csv = 'Naam;E-mail\r\nA;a@example.org\r\nB;geen-adres\r\nC;A@Example.org\r\nD;b@example.org\r\nE;\r\n';
    const r = await s.researcher.client.post(`${url(survey.id)}/invitations/import`, { csv });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.added).toBe(2);
    expect(r.body.duplicates).toBe(1);
    expect(r.body.problems.map((p: any) => p.line)).toEqual([3, 6]);
    const again = await s.researcher.client.post(`${url(survey.id)}/invitations/import`, { csv: 'b@example.org\nc@example.org\n' });
    expect(again.body).toMatchObject({ added: 1, duplicates: 1 });
    const rows = await t.platform.deps.db.selectFrom('survey_invitations').selectAll().where('survey_id', '=', survey.id).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((x) => x.email_enc && !x.email_enc.includes('@'))).toBe(true);
    const forResearcher = await s.researcher.client.get(`${url(survey.id)}/invitations`);
    expect(forResearcher.body.total).toBe(3);
    expect(forResearcher.body.invitations.every((i: any) => i.email === null)).toBe(true);
    const forLead = await s.lead.client.get(`${url(survey.id)}/invitations`);
    expect(forLead.body.invitations.map((i: any) => i.email).sort()).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect(forLead.body.counts).toEqual({ pending: 3, invited: 0, started: 0, completed: 0 });
  });

  it('exports mail-merge links once (lead only); a personal link resumes and is single use', async () => {
    expect((await s.researcher.client.post(`${url(survey.id)}/invitations/links`, { scope: 'new' })).status).toBe(403);
    const r = await s.lead.client.post(`${url(survey.id)}/invitations/links`, { scope: 'new' });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/text\/csv/);
    const lines = String(r.body).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('email,link');
    expect(lines).toHaveLength(4);
    const links = Object.fromEntries(lines.slice(1).map((l) => l.split(',')));
    const token = tokenOf(links['a@example.org']);
    expect(token).toMatch(/^I\./);
    expect((await s.lead.client.post(`${url(survey.id)}/invitations/links`, { scope: 'new' })).body.trim().split('\r\n')).toHaveLength(1);

    const first = await respond('PUT', token, '/api/respond', { page: 'p1', answers: { rol: 'jeugdbeschermer' } });
    expect(first.status).toBe(200);
    expect(first.body.resumeToken).toBeNull();
    expect(first.body.resumeUrl).toContain(token);
    expect((await respond('GET', token)).body.answers).toEqual({ rol: 'jeugdbeschermer' });
    expect((await complete(token)).status).toBe(200);
    expect((await respond('GET', token)).body.state).toBe('completed');
    expect((await complete(token, crypto.randomUUID())).status).toBe(409);
    const list = await s.lead.client.get(`${url(survey.id)}/invitations?status=completed`);
    expect(list.body.invitations).toHaveLength(1);
    expect(list.body.invitations[0].email).toBe('a@example.org');
    const resp = await t.platform.deps.db.selectFrom('survey_responses').select(['invitation_id']).where('survey_id', '=', survey.id).execute();
    expect(resp.map((x) => x.invitation_id)).toEqual([list.body.invitations[0].id]);

    // a new export of the pending ones replaces their links
    const b1 = tokenOf(links['b@example.org']);
    const re = await s.lead.client.post(`${url(survey.id)}/invitations/links`, { scope: 'pending' });
    expect(re.body.trim().split('\r\n')).toHaveLength(3);
    expect((await respond('GET', b1)).status).toBe(404);
    expect((await respond('GET', publicTokenOfNothing())).status).toBe(404);
  });

  it('deletes an address on request and all addresses when the survey closes', async () => {
    const list = await s.lead.client.get(`${url(survey.id)}/invitations`);
    const target = list.body.invitations.find((i: any) => i.email === 'c@example.org');
    expect((await s.researcher.client.delete(`${url(survey.id)}/invitations/${target.id}/email`)).status).toBe(200);
    const after = await s.lead.client.get(`${url(survey.id)}/invitations`);
    expect(after.body.invitations.find((i: any) => i.id === target.id)).toMatchObject({ email: null, emailDeleted: true });
    await t.platform.deps.db.updateTable('surveys').set({ closes_at: new Date(Date.now() - 1000) }).where('id', '=', survey.id).execute();
    const detail = await s.researcher.client.get(url(survey.id));
    expect(detail.body.status).toBe('closed');
    expect(detail.body.emailsDeleted).toBe(3);
    const rows = await t.platform.deps.db.selectFrom('survey_invitations').select(['email_enc', 'email_hash']).where('survey_id', '=', survey.id).execute();
    expect(rows.every((r) => r.email_enc === null && r.email_hash === null)).toBe(true);
    const ev = await t.platform.deps.db.selectFrom('audit_events').select('details').where('action', '=', 'survey.emails_deleted').where('object_id', '=', survey.id).execute();
    expect(ev).toHaveLength(1);
  });
});

const publicTokenOfNothing = () => `I.${crypto.randomBytes(32).toString('base64url')}`;

describe('anonymised invitations', () => {
  it('never stores the link between a response and its invitation', async () => {
    const survey = await published(s.researcher.client, { mode: 'personal', anonymised: true });
    expect(survey.anonymised).toBe(true);
    await s.researcher.client.post(`${url(survey.id)}/invitations/import`, { csv: 'email\nx@example.org\ny@example.org\n' });
    const csv = (await s.lead.client.post(`${url(survey.id)}/invitations/links`, {})).body as string;
    const [tokX, tokY] = csv.trim().split('\r\n').slice(1).map((l) => tokenOf(l.split(',')[1]));
    const first = await respond('PUT', tokX, '/api/respond', { page: 'p1', answers: { rol: 'pleegzorg' } });
    expect(first.body.resumeToken).toMatch(/^I\.[A-Za-z0-9_-]{43}~R\./);
    expect((await respond('GET', tokX)).body.state).toBe('new');
    const back = await respond('GET', first.body.resumeToken);
    expect(back.body.answers).toEqual({ rol: 'pleegzorg' });
    expect((await complete(first.body.resumeToken)).status).toBe(200);
    expect((await respond('GET', tokX)).body.state).toBe('completed');
    expect((await respond('PUT', tokX, '/api/respond', { page: 'p1', answers: { rol: 'anders' } })).body.error.code).toBe('invitation_used');
    expect((await complete(tokY, crypto.randomUUID(), {})).status).toBe(400);
    expect((await respond('POST', tokY, '/api/respond/complete', { idempotencyKey: crypto.randomUUID(), page: 'p1', answers: { rol: 'anders' } })).status).toBe(200);
    const responses = await t.platform.deps.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', survey.id).execute();
    expect(responses).toHaveLength(2);
    expect(responses.every((r) => r.invitation_id === null)).toBe(true);
    const invs = await t.platform.deps.db.selectFrom('survey_invitations').selectAll().where('survey_id', '=', survey.id).execute();
    for (const i of invs) {
      expect(i.completed_at).not.toBeNull();
      expect(new Date(i.completed_at!).toISOString()).toMatch(/T00:00:00\.000Z$/);
    }
    const audit = await t.platform.deps.db.selectFrom('audit_events').select('details').where('action', '=', 'survey.response_completed').execute();
    for (const a of audit) for (const i of invs) expect(JSON.stringify(a.details)).not.toContain(i.id);
    const change = await s.researcher.client.patch(url(survey.id), { anonymised: false });
    expect(change.status).toBe(409);
  });
});

describe('SMTP', () => {
  it('sends invitations and reminders as a job through the configured server', async () => {
    const received: { to: string[]; data: string }[] = [];
    const server = net.createServer((sock) => {
      let mail: { to: string[]; data: string } = { to: [], data: '' };
      let inData = false;
      let buf = '';
      sock.write('220 test ESMTP\r\n');
      sock.on('data', (d) => {
        buf += d.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\r\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              received.push(mail);
              mail = { to: [], data: '' };
              sock.write('250 OK\r\n');
            } else mail.data += line + '\n';
            continue;
          }
          const cmd = line.slice(0, 4).toUpperCase();
          if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250 test\r\n');
          else if (cmd === 'MAIL') sock.write('250 OK\r\n');
          else if (cmd === 'RCPT') {
            mail.to.push(line);
            sock.write('250 OK\r\n');
          } else if (cmd === 'DATA') {
            inData = true;
            sock.write('354 go\r\n');
          } else if (cmd === 'QUIT') {
            sock.end('221 bye\r\n');
          } else sock.write('250 OK\r\n');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const deps = t.platform.deps;
    const before = { ...deps.config };
    try {
      const survey = await published(s.researcher.client, { mode: 'personal' });
      await s.researcher.client.post(`${url(survey.id)}/invitations/import`, { csv: 'email\np@example.org\nq@example.org\n' });
      const no = await s.researcher.client.post(`${url(survey.id)}/invitations/send`, { kind: 'invitation' });
      expect(no.status).toBe(409);
      expect(no.body.error.code).toBe('smtp_not_configured');
      deps.config.smtpUrl = `smtp://127.0.0.1:${port}/?ignoreTLS=true`;
      deps.config.mailFrom = 'onderzoek@example.org';
      const job = await s.researcher.client.post(`${url(survey.id)}/invitations/send`, { kind: 'invitation' });
      expect(job.status, JSON.stringify(job.body)).toBe(200);
      await new JobRunner(deps).drain();
      const done = await s.researcher.client.get(`/api/jobs/${job.body.id}`);
      expect(done.body.status).toBe('done');
      expect(done.body.result).toMatchObject({ sent: 2, failed: 0 });
      expect(received).toHaveLength(2);
      const link = /\/s#(I\.[A-Za-z0-9_-]{43})/.exec(received[0].data.replace(/=\n/g, ''))![1];
      expect((await respond('GET', link)).status).toBe(200);
      const reminder = await s.researcher.client.post(`${url(survey.id)}/invitations/send`, { kind: 'reminder' });
      await new JobRunner(deps).drain();
      expect((await s.researcher.client.get(`/api/jobs/${reminder.body.id}`)).body.result).toMatchObject({ sent: 2 });
      expect(received[2].data).toMatch(/Herinnering/);
      expect((await respond('GET', link)).status).toBe(404);
      const list = await s.researcher.client.get(`${url(survey.id)}/invitations`);
      expect(list.body.invitations.every((i: any) => i.reminders === 1 && i.sentAt)).toBe(true);
    } finally {
      deps.config.smtpUrl = before.smtpUrl;
      deps.config.mailFrom = before.mailFrom;
      server.close();
    }
  });
});

describe('results and exports', () => {
  let survey: any;
  beforeAll(async () => {
    survey = await published(s.researcher.client);
    const token = tokenOf(survey.publicUrl);
    const roles = ['jeugdbeschermer', 'jeugdbeschermer', 'pleegzorg', 'anders'];
    for (let i = 0; i < 24; i++) {
      const rol = roles[i % roles.length];
      const r = await respond('POST', token, '/api/respond/complete', { idempotencyKey: crypto.randomUUID(), page: 'p1', answers: { rol, tevreden: (i % 5) + 1 } });
      expect(r.status).toBe(200);
      const p = await respond('PUT', token, '/api/respond', { page: 'p1', answers: { rol: 'anders' } });
      expect(p.status).toBe(200);
      if (i % 2 === 0) {
        const last = await respond('PUT', p.body.resumeToken, '/api/respond', { page: 'p2', answers: { wachtlijst: i % 4 === 0, toelichting: `=SOM(A1) tekst ${i}` } });
        expect(last.status).toBe(200);
        expect((await complete(p.body.resumeToken, crypto.randomUUID(), { wachtlijst: i % 4 === 0, toelichting: `=SOM(A1) tekst ${i}` })).status).toBe(200);
      }
    }
  });

  it('gives researchers the full figures and the committee suppressed ones', async () => {
    const r = await s.researcher.client.get(`${url(survey.id)}/results`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.controlled).toBe(false);
    expect(r.body.overview).toMatchObject({ started: 48, completed: 36, completionRate: 0.75 });
    expect(r.body.overview.dropOff.map((d: any) => d.stopped)).toEqual([12, 0]);
    expect(r.body.n).toBe(36);
    const rol = r.body.questions.find((q: any) => q.name === 'rol');
    expect(rol.options.map((o: any) => o.count)).toEqual([12, 6, 18]);
    const tev = r.body.questions.find((q: any) => q.name === 'tevreden');
    expect(tev.mean.mean).toBeCloseTo(70 / 24, 5);
    expect(r.body.questions.find((q: any) => q.name === 'toelichting').texts).toHaveLength(12);

    const c = await s.committee.client.get(`${url(survey.id)}/results`);
    expect(c.status).toBe(200);
    expect(c.body.controlled).toBe(true);
    const crol = c.body.questions.find((q: any) => q.name === 'rol');
    expect(crol.options.map((o: any) => o.count)).toEqual([null, null, 18]); // 6 is below 10; 12 goes too, else 36 − 12 − 18 gives it away
    expect(c.body.suppressed).toBe(true);
    expect(c.body.questions.find((q: any) => q.name === 'toelichting').texts).toBeNull();

    const f = await s.researcher.client.get(`${url(survey.id)}/results?filters=${encodeURIComponent(JSON.stringify({ rol: ['pleegzorg'] }))}`);
    expect(f.body.n).toBe(6);
    const cf = await s.committee.client.get(`${url(survey.id)}/results?filters=${encodeURIComponent(JSON.stringify({ rol: ['pleegzorg'] }))}`);
    expect(cf.body.n).toBeNull();
    expect(cf.body.questions.every((q: any) => q.suppressed)).toBe(true);
    const badFilter = await s.researcher.client.get(`${url(survey.id)}/results?filters=${encodeURIComponent(JSON.stringify({ toelichting: ['x'] }))}`);
    expect(badFilter.status).toBe(400);

    const x = await s.researcher.client.get(`${url(survey.id)}/results/crosstab?row=rol&col=wachtlijst`);
    expect(x.status, JSON.stringify(x.body)).toBe(200);
    expect(x.body.total).toBe(12);
    expect(x.body.chiSquare === null || typeof x.body.chiSquare.p === 'number').toBe(true);
    const cx = await s.committee.client.get(`${url(survey.id)}/results/crosstab?row=rol&col=wachtlijst`);
    expect(cx.body.counts.flat().some((v: number | null) => v === null)).toBe(true);
    expect((await s.researcher.client.get(`${url(survey.id)}/results/crosstab?row=rol&col=toelichting`)).status).toBe(400);
    expect((await s.committee.client.get(`${url(survey.id)}/responses`)).status).toBe(403);
    const raw = await s.researcher.client.get(`${url(survey.id)}/responses?limit=5`);
    expect(raw.body.total).toBe(48);
    expect(raw.body.responses).toHaveLength(5);
  });

  it('exports as a job: a zip with data and codebook, formula-like text neutralised', async () => {
    for (const format of ['csv', 'xlsx', 'spss', 'r', 'json'] as const) {
      const job = await s.researcher.client.post(`${url(survey.id)}/export`, { format });
      expect(job.status, JSON.stringify(job.body)).toBe(200);
      await new JobRunner(t.platform.deps).drain();
      const st = await s.researcher.client.get(`/api/jobs/${job.body.id}`);
      expect(st.body.status, JSON.stringify(st.body)).toBe('done');
      const dl = await t.app.inject({ method: 'GET', url: `/api/jobs/${job.body.id}/download`, headers: { cookie: `tnh_session=${s.researcher.client.cookie}` } });
      expect(dl.statusCode).toBe(200);
      const files = unzipSync(new Uint8Array(dl.rawPayload));
      const names = Object.keys(files);
      expect(names.length).toBeGreaterThan(0);
      if (format === 'csv') {
        expect(names.sort()).toEqual(['enquete-v1-codeboek.csv', 'enquete-v1.csv']);
        const data = strFromU8(files['enquete-v1.csv']);
        expect(data).not.toMatch(/(^|,)=SOM/m);
        expect(data).toContain('SOM(A1) tekst');
      }
      if (format === 'spss') expect(names.some((n) => n.endsWith('.sps'))).toBe(true);
      if (format === 'r') expect(names.some((n) => n.endsWith('.R'))).toBe(true);
    }
    expect((await s.committee.client.post(`${url(survey.id)}/export`, { format: 'csv' })).status).toBe(403);
    const chain = await verifyAuditChain(t.platform.deps);
    expect(chain.ok).toBe(true);
  });
});
