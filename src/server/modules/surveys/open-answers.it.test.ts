/**
 * Open survey answers to the coding module, on a real database: one `survey_answer` document per non-empty answer
 * of a completed response, the closed answers as document attributes (shown in the document list, usable in
 * retrieval), idempotent, all or nothing, audited, data.write only; 4xx for a closed or unknown question.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { verifyAuditChain } from '../audit/audit.service';

const DEF = {
  title: 'Open antwoorden',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Wat is uw rol?', isRequired: true, choices: [{ value: 'jb', text: 'Jeugdbeschermer' }, { value: 'pz', text: 'Pleegzorg' }] },
        { type: 'checkbox', name: 'hulp', title: 'Welke hulp?', choices: [{ value: 'a', text: 'Ambulant' }, { value: 'b', text: 'Begeleiding' }] },
        { type: 'text', inputType: 'email', name: 'mail', title: 'E-mail (optioneel)' },
      ],
    },
    {
      name: 'p2',
      elements: [
        { type: 'rating', name: 'tevreden', title: 'Hoe tevreden bent u?', rateMin: 1, rateMax: 5 },
        { type: 'comment', name: 'goed', title: 'Wat werkt goed?' },
        { type: 'text', name: 'kort', title: 'In één woord' },
      ],
    },
  ],
};

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
let surveyId = '';
let token = '';

const url = (p = '') => `/api/studies/${s.slug}/surveys/${surveyId}${p}`;

async function respond(method: 'PUT' | 'POST', path: string, body: unknown, tok = token) {
  const res = await t.app.inject({ method, url: path, payload: body as never, headers: { 'x-survey-token': tok } });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** One anonymous respondent through both pages. */
async function answer(p1: Record<string, unknown>, p2: Record<string, unknown>) {
  const first = await respond('PUT', '/api/respond', { page: 'p1', answers: p1 });
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  const resume = first.body.resumeToken as string;
  const done = await respond('POST', '/api/respond/complete', { idempotencyKey: crypto.randomUUID(), page: 'p2', answers: p2 }, resume);
  expect(done.status, JSON.stringify(done.body)).toBe(200);
}

beforeAll(async () => {
  t = await startTestPlatform({ respondentRateLimit: 100_000 });
  s = await studyWithRoles(t);
  const c = await s.researcher.client.post(`/api/studies/${s.slug}/surveys`, { title: 'Enquête voor coderen', definition: DEF });
  expect(c.status).toBe(200);
  surveyId = c.body.id;
  expect((await s.researcher.client.post(url('/publish'))).status).toBe(200);
  const link = await s.researcher.client.post(url('/public-link'));
  token = link.body.url.split('#')[1];
  await answer({ rol: 'jb', hulp: ['a', 'b'], mail: 'iemand@example.org' }, { tevreden: 4, goed: 'Korte lijnen met de gezinsvoogd.', kort: 'contact' });
  await answer({ rol: 'pz' }, { tevreden: 2, goed: 'Niets, want de wachtlijst is lang.' });
  await answer({ rol: 'jb' }, { goed: '   ' }); // empty after trimming: no document
  // started but not completed: not sent
  expect((await respond('PUT', '/api/respond', { page: 'p1', answers: { rol: 'pz' } })).status).toBe(200);
});
afterAll(() => t.close());

describe('open answers to coding', () => {
  it('lists the open questions with their answers', async () => {
    const r = await s.researcher.client.get(url('/open-answers'));
    expect(r.status).toBe(200);
    expect(r.body.questions).toEqual([
      { name: 'goed', title: 'Wat werkt goed?', answers: 2, sent: 0 },
      { name: 'kort', title: 'In één woord', answers: 1, sent: 0 },
    ]);
    expect((await s.committee.client.get(url('/open-answers'))).status).toBe(403);
  });

  it('creates one document per non-empty answer with the closed answers as attributes', async () => {
    const r = await s.researcher.client.post(url('/open-answers/to-coding'), { question: 'goed' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ question: 'goed', answers: 2, created: 2, existing: 0 });

    const list = await s.coder.client.get(`/api/studies/${s.slug}/documents?kind=survey_answer`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    const docs = list.body.documents as { id: string; title: string; kind: string; attributes: Record<string, string>; participantId: string | null }[];
    const jb = docs.find((d) => d.attributes.rol === 'Jeugdbeschermer')!;
    const pz = docs.find((d) => d.attributes.rol === 'Pleegzorg')!;
    expect(jb.attributes).toEqual({ rol: 'Jeugdbeschermer', hulp: 'Ambulant; Begeleiding', tevreden: '4' });
    // free texts (another open question, an e-mail question) never become attributes
    expect(JSON.stringify(jb.attributes)).not.toMatch(/iemand@|contact/);
    expect(pz.attributes).toEqual({ rol: 'Pleegzorg', tevreden: '2' });
    expect(jb.kind).toBe('survey_answer');
    expect(jb.participantId).toBeNull();
    expect(jb.title).toMatch(/^Enquête voor coderen · goed · [0-9a-f]{8}$/);

    const view = await s.coder.client.get(`/api/studies/${s.slug}/documents/${jb.id}`);
    expect(view.status).toBe(200);
    expect(view.body.version.text).toBe('Korte lijnen met de gezinsvoogd.');
    expect(view.body.document.attributes.rol).toBe('Jeugdbeschermer');

    // the text is sealed in the database
    const raw = await t.platform.deps.db.selectFrom('document_versions').select('text_enc').where('document_id', '=', jb.id).executeTakeFirstOrThrow();
    expect(raw.text_enc).not.toContain('gezinsvoogd');

    // retrieval filters by the document's attributes
    const code = await s.coder.client.post(`/api/studies/${s.slug}/codes`, { name: 'Samenwerking' });
    expect(code.status, JSON.stringify(code.body)).toBe(200);
    for (const d of [jb, pz]) {
      const c = await s.coder.client.post(`/api/studies/${s.slug}/documents/${d.id}/codings`, { codeIds: [code.body.id], start: 0, end: 5, version: 1 });
      expect(c.status, JSON.stringify(c.body)).toBe(200);
    }
    const all = await s.coder.client.post(`/api/studies/${s.slug}/retrieve`, { codeIds: [code.body.id] });
    expect(all.body.total).toBe(2);
    const only = await s.coder.client.post(`/api/studies/${s.slug}/retrieve`, { codeIds: [code.body.id], attributes: { rol: ['Pleegzorg'] } });
    expect(only.body.total).toBe(1);
    expect(only.body.segments[0]).toMatchObject({ documentId: pz.id, documentAttributes: { rol: 'Pleegzorg' }, participant: null });
  });

  it('is idempotent: sending again adds only answers that arrived since', async () => {
    const again = await s.lead.client.post(url('/open-answers/to-coding'), { question: 'goed' });
    expect(again.body).toEqual({ question: 'goed', answers: 2, created: 0, existing: 2 });
    await answer({ rol: 'pz' }, { goed: 'Een vaste contactpersoon.' });
    const more = await s.researcher.client.post(url('/open-answers/to-coding'), { question: 'goed' });
    expect(more.body).toEqual({ question: 'goed', answers: 3, created: 1, existing: 2 });
    // at the same time: still one document per answer
    const both = await Promise.all([s.researcher.client.post(url('/open-answers/to-coding'), { question: 'kort' }), s.lead.client.post(url('/open-answers/to-coding'), { question: 'kort' })]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.created).sort()).toEqual([0, 1]);
    const list = await s.coder.client.get(`/api/studies/${s.slug}/documents?kind=survey_answer`);
    expect(list.body.total).toBe(4);
    const listed = await s.researcher.client.get(url('/open-answers'));
    expect(listed.body.questions).toEqual([
      { name: 'goed', title: 'Wat werkt goed?', answers: 3, sent: 3 },
      { name: 'kort', title: 'In één woord', answers: 1, sent: 1 },
    ]);
  });

  it('refuses a closed question, an unknown question, an empty body and the wrong roles, writing nothing', async () => {
    const before = (await s.coder.client.get(`/api/studies/${s.slug}/documents`)).body.total;
    const closed = await s.researcher.client.post(url('/open-answers/to-coding'), { question: 'rol' });
    expect(closed.status).toBe(400);
    expect(closed.body.error.code).toBe('not_open_question');
    expect(closed.body.error.message).toMatch(/geen open vraag/);
    const email = await s.researcher.client.post(url('/open-answers/to-coding'), { question: 'mail' });
    expect(email.status).toBe(400);
    const unknown = await s.researcher.client.post(url('/open-answers/to-coding'), { question: 'bestaatniet' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/bestaatniet/);
    expect((await s.researcher.client.post(url('/open-answers/to-coding'), {})).status).toBe(400);
    expect((await s.committee.client.post(url('/open-answers/to-coding'), { question: 'goed' })).status).toBe(403);
    expect((await s.outsider.client.post(url('/open-answers/to-coding'), { question: 'goed' })).status).toBe(403);
    const other = await s.researcher.client.post(`/api/studies/${s.slug}/surveys/${crypto.randomUUID()}/open-answers/to-coding`, { question: 'goed' });
    expect(other.status).toBe(404);
    expect((await s.coder.client.get(`/api/studies/${s.slug}/documents`)).body.total).toBe(before);
  });

  it('leaves no partial write when a document cannot be made, and audits what it did', async () => {
    await answer({ rol: 'jb' }, { kort: 'wachtlijst' });
    await answer({ rol: 'pz' }, { kort: 'samenwerking' });
    const before = (await s.coder.client.get(`/api/studies/${s.slug}/documents`)).body.total;
    // sealing the second text fails after the first document rows are written: all of it is rolled back
    const keys = t.platform.deps.keys;
    const original = keys.encrypt;
    let texts = 0;
    keys.encrypt = async function (this: typeof keys, ...args: Parameters<typeof original>) {
      if (args[1] === 'document_versions.text' && ++texts === 2) throw new Error('sealing failed (test)');
      return original.apply(this, args);
    } as typeof original;
    try {
      const failed = await s.researcher.client.post(url('/open-answers/to-coding'), { question: 'kort' });
      expect(failed.status).toBe(500);
    } finally {
      keys.encrypt = original;
    }
    expect((await s.coder.client.get(`/api/studies/${s.slug}/documents`)).body.total).toBe(before);
    const ok = await s.researcher.client.post(url('/open-answers/to-coding'), { question: 'kort' });
    expect(ok.body).toEqual({ question: 'kort', answers: 3, created: 2, existing: 1 });

    const audit = await t.platform.deps.db.selectFrom('audit_events').select(['action', 'details']).where('action', 'in', ['survey.answers_to_coding', 'documents.bulk_created']).execute();
    expect(audit.filter((e) => e.action === 'survey.answers_to_coding')).toHaveLength(6);
    expect(audit.filter((e) => e.action === 'documents.bulk_created')).toHaveLength(4);
    expect(JSON.stringify(audit)).not.toMatch(/gezinsvoogd|wachtlijst|Jeugdbeschermer/);
    expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
  });
});
