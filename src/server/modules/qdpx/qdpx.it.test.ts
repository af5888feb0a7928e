/**
 * REFI-QDA exchange through the HTTP routes on a real database: export (valid against Project.xsd, stable), import
 * into a fresh study (round trip of codes, texts, selections and codings), the consent gate on participant links,
 * bad and oversized uploads, the codebook (.qdc) both ways, and the export job.
 */
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestPlatform, studyWithRoles, type Client, type TestPlatform } from '../../../../test/support/platform';
import { SESSION_COOKIE } from '../auth/auth.routes';
import { cpLength } from '../../../lib/text/codepoints';
import { parseProject } from '../../../lib/refiqda';
import { xsdErrors } from '../../../lib/refiqda/xsd.testkit';
import type { QdpxImportReport } from '../../../shared/qdpx';
import { importQdpx } from './qdpx.service';
import { JobRunner } from '../../platform/jobs';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;

beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
}, 60_000);
afterAll(() => t?.close());

const db = () => t.platform.deps.db;
const url = (slug: string, rest = '') => `/api/studies/${slug}${rest}`;

const INTERVIEW = ['I: Hoe ging het contact met de gezinsvoogd?', 'R: Slecht 👨‍👩‍👧. Ik wist niet wie ik moest bellen.', 'I: En later?', 'R: Later ging het beter, de school hielp mee.'].join('\n');
const ANSWER = 'De communicatie met Zoe\u0308 en de school was goed.';

function spanOf(text: string, part: string) {
  const i = text.indexOf(part);
  if (i < 0) throw new Error(part);
  const start = cpLength(text.slice(0, i));
  return { start, end: start + cpLength(part) };
}

async function ok<T = any>(p: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** A raw request (binary in or out) with the client's session. */
async function raw(client: Client, method: 'GET' | 'POST', path: string, payload?: Buffer | string, contentType = 'application/octet-stream', extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${client.cookie}`, ...extra };
  if (method !== 'GET') {
    headers['x-csrf-token'] = client.csrf!;
    headers['content-type'] = contentType;
  }
  const res = await t.app.inject({ method, url: path, payload, headers });
  let body: any = undefined;
  try {
    body = JSON.parse(res.body);
  } catch {
    /* binary */
  }
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, body };
}

const consent = (client: Client, slug: string, id: string, participation = true) =>
  ok(
    client.post(url(slug, `/participants/${id}/consent`), {
      letterVersion: 'v1',
      date: '2026-01-10',
      givenBy: 'participant',
      kind: 'consent',
      method: 'written',
      scopes: { participation, audio_recording: true, quotes: true, archiving: true },
    }),
  );

async function freshStudy(title: string) {
  const st = await ok(s.lead.client.post('/api/studies', { title }));
  for (const role of ['researcher', 'coder'] as const) await ok(s.lead.client.post(`/api/studies/${st.slug}/members`, { email: s[role].email, role }));
  return st as { slug: string; id: string };
}

/** Codes as paths with colours, texts by title, and codings as (title, path, start, end, coder name, memo). */
async function snapshot(slug: string) {
  const codes = (await ok(s.lead.client.get(url(slug, '/codes')))).codes as { id: string; parentId: string | null; name: string; color: string; description: string; memo: string }[];
  const byId = new Map(codes.map((c) => [c.id, c]));
  const pathOf = (id: string): string => {
    const c = byId.get(id)!;
    return c.parentId ? `${pathOf(c.parentId)}/${c.name}` : c.name;
  };
  const docs = (await ok(s.lead.client.get(url(slug, '/documents?limit=100')))).documents as { id: string; title: string; participantCode: string | null }[];
  const texts: Record<string, string> = {};
  const codings: string[] = [];
  const userName = new Map<string, string>((await db().selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  for (const d of docs) {
    const v = await ok(s.lead.client.get(url(slug, `/documents/${d.id}`)));
    texts[d.title] = v.version.text;
    const rows = await db().selectFrom('codings').select(['code_id', 'start', 'end', 'coder_id', 'layer']).where('document_id', '=', d.id).execute();
    for (const c of rows) codings.push(`${d.title}|${pathOf(c.code_id)}|${c.start}-${c.end}|${c.coder_id ? userName.get(c.coder_id) : '-'}|${c.layer}`);
    for (const c of v.codings) if (c.memo) codings.push(`${d.title}|memo|${pathOf(c.codeId)}|${c.memo}`);
  }
  return {
    codes: codes.map((c) => `${pathOf(c.id)}|${c.color}|${c.description}|${c.memo}`).sort(),
    texts,
    codings: codings.sort(),
    docs: docs.map((d) => `${d.title}|${d.participantCode ?? '-'}`).sort(),
  };
}

let source: { slug: string; id: string };
let exported: Buffer;

describe('export', () => {
  it('exports the study as .qdpx that validates against Project.xsd and is stable', async () => {
    source = { slug: s.slug, id: s.studyId };
    const slug = s.slug;
    const lead = s.lead.client;
    const p = await ok(lead.post(url(slug, '/participants'), { role: 'professional', ageBand: 'adult', region: 'Utrecht' }));
    await consent(lead, slug, p.id);
    const top = await ok(s.researcher.client.post(url(slug, '/codes'), { name: 'Knelpunten', color: '#cc3333', description: 'Wat niet goed ging', memo: 'Memo bij knelpunten' }));
    const sub = await ok(s.researcher.client.post(url(slug, '/codes'), { name: 'Communicatie', parentId: top.id, color: '#ee6666' }));
    const good = await ok(s.researcher.client.post(url(slug, '/codes'), { name: 'Goede praktijken', color: '#33aa33' }));
    const d1 = await ok(s.coder.client.post(url(slug, '/documents/transcripts'), { title: 'Interview B', pasted: INTERVIEW, participantId: p.id }));
    await ok(s.coder.client.patch(url(slug, `/documents/${d1.id}`), { memo: 'Memo bij het interview' }));
    const d2 = await ok(s.coder.client.post(url(slug, '/documents'), { kind: 'survey_answer', title: 'Antwoord 1', text: ANSWER }));
    await ok(s.coder.client.post(url(slug, `/documents/${d1.id}/codings`), { version: 1, ...spanOf(INTERVIEW, 'Slecht 👨‍👩‍👧.'), codeIds: [sub.id, top.id], memo: 'Emoji telt als één teken' }));
    await ok(s.researcher.client.post(url(slug, `/documents/${d1.id}/codings`), { version: 1, ...spanOf(INTERVIEW, 'Slecht 👨‍👩‍👧.'), codeIds: [sub.id] }));
    await ok(s.coder.client.post(url(slug, `/documents/${d1.id}/codings`), { version: 1, ...spanOf(INTERVIEW, 'de school hielp mee'), codeIds: [good.id] }));
    await ok(s.coder.client.post(url(slug, `/documents/${d2.id}/codings`), { version: 1, ...spanOf(ANSWER, 'Zoe\u0308'), codeIds: [good.id] }));
    // a consensus coding (the teamwork layer) is exported as a coding of the user "Consensus"
    await sql`insert into codings (document_id, version, code_id, start, "end", coder_id, layer) values (${d2.id}, 1, ${good.id}, 0, 5, ${s.lead.user.id}, 'consensus')`.execute(db());
    // an assignment (teamwork) is exported as a set "Toegewezen aan <coder>"
    await sql`insert into coding_assignments (document_id, coder_id) values (${d1.id}, ${s.coder.user.id})`.execute(db());

    const r = await raw(s.coder.client, 'GET', url(slug, '/qdpx/export'));
    expect(r.status, r.bytes.toString().slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(String(r.headers['content-disposition'])).toMatch(/\.qdpx"/);
    exported = r.bytes;
    const files = unzipSync(new Uint8Array(exported));
    const xml = new TextDecoder().decode(files['project.qde']);
    expect(await xsdErrors(xml, 'Project.xsd')).toEqual([]);
    const proj = parseProject(xml);
    expect(proj.sources).toHaveLength(2);
    for (const src of proj.sources) expect(files[`sources/${src.guid}.txt`]).toBeDefined();
    expect(proj.users.map((u) => u.name)).toContain('Consensus');
    expect(proj.cases[0].name).toBe(p.code);
    expect(proj.sets.map((x) => [x.name, x.sources.length])).toEqual([
      ['Open antwoorden enquête', 1],
      ['Transcripten', 1],
      ['Toegewezen aan coder', 1],
    ]);
    expect(proj.notes.map((n) => n.content).sort()).toEqual(['Emoji telt als één teken', 'Emoji telt als één teken', 'Memo bij het interview', 'Memo bij knelpunten']);
    expect(xml).not.toContain('Utrecht"'); // attributes are values, never attributes of XML elements that leak names
    // a second export gives the same project file
    const again = unzipSync(new Uint8Array((await raw(s.coder.client, 'GET', url(slug, '/qdpx/export'))).bytes));
    expect(new TextDecoder().decode(again['project.qde'])).toBe(xml);
    const audit = await db().selectFrom('audit_events').select('details').where('action', '=', 'qdpx.exported').where('study_id', '=', s.studyId).execute();
    expect(audit.length).toBe(2);
    // the committee has no raw-data access
    expect((await raw(s.committee.client, 'GET', url(slug, '/qdpx/export'))).status).toBe(403);
  }, 60_000);

  it('offers the export as a job with progress; the job output is the same project', async () => {
    const j = await ok(s.coder.client.post(url(s.slug, '/qdpx/export')));
    expect(j.kind).toBe('qdpx.export');
    await new JobRunner(t.platform.deps).drain();
    const done = await ok(s.coder.client.get(`/api/jobs/${j.id}`));
    expect(done).toMatchObject({ status: 'done', hasOutput: true, result: { ok: true, sources: 2, codings: 6 } });
    const file = await raw(s.coder.client, 'GET', `/api/jobs/${j.id}/download`);
    expect(new TextDecoder().decode(unzipSync(new Uint8Array(file.bytes))['project.qde'])).toBe(new TextDecoder().decode(unzipSync(new Uint8Array(exported))['project.qde']));
  }, 60_000);
});

describe('import', () => {
  it('round trip: into a fresh study with the same participant code and consent → the same codes, texts, selections and codings', async () => {
    const target = await freshStudy('Doelonderzoek');
    const p = await ok(s.lead.client.post(url(target.slug, '/participants'), { role: 'professional', ageBand: 'adult' }));
    await consent(s.lead.client, target.slug, p.id);
    const r = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import'), exported);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const report = r.body as QdpxImportReport;
    expect(report.counts).toMatchObject({ codes: 3, codesCreated: 3, sources: 2, selections: 4, codings: 6, cases: 1, casesMatched: 1, casesCreated: 0, notes: 4, assignments: 1 });
    expect(report.skipped).toEqual([]);
    const a = await snapshot(source.slug);
    const b = await snapshot(target.slug);
    expect(b.codes).toEqual(a.codes);
    expect(b.texts).toEqual(a.texts);
    expect(b.codings).toEqual(a.codings);
    expect(b.docs).toEqual(a.docs);
    const kinds = await db().selectFrom('documents').select(['title', 'kind']).where('study_id', '=', target.id).orderBy('title').execute();
    expect(kinds).toEqual([
      { title: 'Antwoord 1', kind: 'survey_answer' },
      { title: 'Interview B', kind: 'transcript' },
    ]);
    const assigned = await sql<{ title: string; name: string }>`select d.title, u.name from coding_assignments a join documents d on d.id = a.document_id join users u on u.id = a.coder_id where d.study_id = ${target.id}`.execute(db());
    expect(assigned.rows).toEqual([{ title: 'Interview B', name: 'coder' }]);
    // speaker turns are recognised in the imported transcript
    const doc = (await ok(s.lead.client.get(url(target.slug, '/documents?limit=10')))).documents.find((d: { title: string }) => d.title === 'Interview B');
    expect((await ok(s.lead.client.get(url(target.slug, `/documents/${doc.id}`)))).version.units.map((u: { speaker: string }) => u.speaker)).toEqual(['I', 'R', 'I', 'R']);
    // importing again reuses the codes (matched by path) and adds the documents once more
    const second = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import'), exported);
    expect(second.body.counts).toMatchObject({ codes: 3, codesCreated: 0, sources: 2 });
    const audit = await db().selectFrom('audit_events').select('details').where('action', '=', 'qdpx.imported').where('study_id', '=', target.id).execute();
    expect(audit).toHaveLength(2);
  }, 60_000);

  it('imports as a job (the web app): the file waits in job_inputs, progress is reported, the report is the result; a bad file or an outsider gets a clear answer and nothing is written', async () => {
    const target = await freshStudy('Import als taak');
    const documents = async () => Number((await sql<{ n: number }>`select count(*)::int as n from documents where study_id = ${target.id}`.execute(db())).rows[0].n);
    const inputs = async () => Number((await sql<{ n: number }>`select count(*)::int as n from job_inputs`.execute(db())).rows[0].n);
    // rights and input are checked when the job is started
    expect([403, 404]).toContain((await raw(s.outsider.client, 'POST', url(target.slug, '/qdpx/import-job'), exported)).status);
    expect((await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import-job'), Buffer.alloc(0))).status).toBe(400);
    const j = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import-job'), exported);
    expect(j.status, JSON.stringify(j.body)).toBe(200);
    expect(j.body).toMatchObject({ kind: 'qdpx.import', status: 'queued' });
    expect(await inputs()).toBe(1);
    await new JobRunner(t.platform.deps).drain();
    const done = await ok(s.lead.client.get(`/api/jobs/${j.body.id}`));
    expect(done.status).toBe('done');
    expect(done.progress).toBe(done.total);
    expect(done.total).toBe(4); // read + 2 sources + write
    expect(done.result).toMatchObject({ ok: true, counts: { codes: 3, codesCreated: 3, sources: 2, codings: 6 } });
    expect(Array.isArray(done.result.skipped)).toBe(true);
    expect(await documents()).toBe(2);
    expect(await inputs()).toBe(0); // the upload is gone when the job has ended
    // another user cannot read the job
    expect((await s.coder.client.get(`/api/jobs/${j.body.id}`)).status).toBe(404);
    // a file that is not a .qdpx: the job ends with the Dutch message as its result, nothing written
    const bad = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import-job'), Buffer.from('dit is geen zip'));
    expect(bad.status).toBe(200);
    await new JobRunner(t.platform.deps).drain();
    const failed = await ok(s.lead.client.get(`/api/jobs/${bad.body.id}`));
    expect(failed).toMatchObject({ status: 'done', result: { ok: false, code: 'qdpx_not_zip' } });
    expect(String(failed.result.message)).toMatch(/geen \.qdpx-archief/);
    expect(await documents()).toBe(2);
    expect(await inputs()).toBe(0);
  }, 60_000);

  it('respects the consent gate: a source of a participant without consent is imported without the link, and the report says so', async () => {
    const target = await freshStudy('Zonder toestemming');
    const p = await ok(s.lead.client.post(url(target.slug, '/participants'), { role: 'professional', ageBand: 'adult' }));
    await consent(s.lead.client, target.slug, p.id, false);
    const r = await raw(s.coder.client, 'POST', url(target.slug, '/qdpx/import'), exported);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const gated = (r.body as QdpxImportReport).skipped.find((x) => x.kind === 'bron');
    expect(gated?.name).toBe('Interview B');
    expect(gated?.reason).toMatch(new RegExp(`zonder koppeling aan deelnemer ${p.code}`));
    const docs = await db().selectFrom('documents').select(['title', 'participant_id']).where('study_id', '=', target.id).execute();
    expect(docs.every((d) => d.participant_id === null)).toBe(true);
    expect(docs).toHaveLength(2);
  }, 60_000);

  it('creates a missing participant from a case (role from the code letter), unlinked until consent is recorded; unknown coders become the importer', async () => {
    const target = await freshStudy('Nieuwe deelnemers');
    const r = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import'), exported);
    const rep = r.body as QdpxImportReport;
    expect(rep.counts).toMatchObject({ casesCreated: 1, casesMatched: 0 });
    expect(rep.skipped.find((x) => x.kind === 'casus')?.reason).toMatch(/Nieuwe deelnemer B-01 aangemaakt \(rol professional\)/);
    const people = await db().selectFrom('participants').select(['code', 'role', 'region']).where('study_id', '=', target.id).execute();
    expect(people).toEqual([{ code: 'B-01', role: 'professional', region: 'Utrecht' }]);
  }, 60_000);

  it('CLI-less service call without rights is refused; a non-zip or a zip without .qde is a 400, an oversized upload a 413; nothing is written', async () => {
    const target = await freshStudy('Foute bestanden');
    const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from documents where study_id = ${target.id}`.execute(db())).rows[0].n);
    const notZip = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import'), Buffer.from('dit is geen zip'));
    expect(notZip.status).toBe(400);
    expect(notZip.body.error.code).toBe('qdpx_not_zip');
    const noQde = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import'), Buffer.from(zipSync({ 'sources/a.txt': new Uint8Array([65]) })));
    expect(noQde.status).toBe(400);
    expect(noQde.body.error.message).toMatch(/geen projectbestand/);
    const json = await s.lead.client.post(url(target.slug, '/qdpx/import'), { contentBase64: exported.toString('base64') });
    expect(json.status).toBe(200);
    const wrong = await s.lead.client.post(url(target.slug, '/qdpx/import'), { iets: 'anders' });
    expect(wrong.status).toBe(400);
    const big = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/import'), Buffer.from('x'), 'application/octet-stream', { 'content-length': String(200 * 1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    expect(await count()).toBe(2);
    await expect(importQdpx(t.platform.deps, null, target.slug, exported)).rejects.toThrow();
  }, 60_000);
});

describe('codebook (.qdc)', () => {
  it('exports a .qdc that validates against Codebook.xsd and imports it into another study', async () => {
    const r = await raw(s.coder.client, 'GET', url(s.slug, '/qdpx/codebook'));
    expect(r.status).toBe(200);
    expect(String(r.headers['content-disposition'])).toMatch(/\.qdc"/);
    const xml = r.bytes.toString('utf8');
    expect(await xsdErrors(xml, 'Codebook.xsd')).toEqual([]);
    const target = await freshStudy('Codeboek');
    const imp = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/codebook'), xml, 'application/xml');
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);
    expect(imp.body.counts).toEqual({ codes: 3, created: 3, existing: 0 });
    const again = await ok(s.lead.client.post(url(target.slug, '/qdpx/codebook'), { xml }));
    expect(again.counts).toEqual({ codes: 3, created: 0, existing: 3 });
    const a = (await snapshot(s.slug)).codes.map((c) => c.split('|').slice(0, 3).join('|'));
    const b = (await snapshot(target.slug)).codes.map((c) => c.split('|').slice(0, 3).join('|'));
    expect(b).toEqual(a);
    const bad = await raw(s.lead.client, 'POST', url(target.slug, '/qdpx/codebook'), '<niet', 'application/xml');
    expect(bad.status).toBe(400);
  }, 60_000);
});
