/**
 * The report builder on a real database: reports from the template, chapters (add, rename, reorder, delete), blocks
 * resolved through the survey, dossier, participants, teamwork, legal and coding services with disclosure control
 * (small cells withheld and explained), quotes through the consent gate and the identifier scan, exports as a job
 * (HTML, DOCX; PDF with or without Chromium), frozen versions (sealed, immutable) and their comparison, the
 * committee reading frozen versions only, and no partial writes on bad input.
 */
import crypto from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { JobRunner } from '../../platform/jobs';
import { generateFictional } from '../dossiers/dossiers.service';
import { SESSION_COOKIE } from '../auth/auth.routes';

const DEF = {
  title: 'Rapporttest',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Wat is uw rol?', choices: ['jeugdbeschermer', 'pleegzorg', 'anders'] },
        { type: 'boolean', name: 'wachtlijst', title: 'Zijn er wachtlijsten?' },
      ],
    },
  ],
};
// 30 completed: 20 jeugdbeschermers, 7 pleegzorg, 3 anders (threshold 10: pleegzorg and anders are small)
const PEOPLE: Record<string, unknown>[] = [];
for (let i = 0; i < 20; i++) PEOPLE.push({ rol: 'jeugdbeschermer', wachtlijst: i < 12 });
for (let i = 0; i < 7; i++) PEOPLE.push({ rol: 'pleegzorg', wachtlijst: i < 3 });
for (let i = 0; i < 3; i++) PEOPLE.push({ rol: 'anders', wachtlijst: false });

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
let surveyId: string;
let codeId: string;
const url = (p: string) => `/api/studies/${s.slug}${p}`;

async function participantWithTranscript(quotes: boolean, text: string) {
  const p = await s.lead.client.post(url('/participants'), { role: 'professional', ageBand: 'adult' });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  const c = await s.lead.client.post(url(`/participants/${p.body.id}/consent`), {
    letterVersion: 'v1',
    date: '2026-01-10',
    givenBy: 'participant',
    kind: 'consent',
    method: 'written',
    scopes: { participation: true, audio_recording: true, quotes, archiving: true },
  });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  const d = await s.coder.client.post(url('/documents/transcripts'), { title: `Interview ${p.body.code}`, pasted: text, participantId: p.body.id });
  expect(d.status, JSON.stringify(d.body)).toBe(200);
  return d.body as { id: string };
}

async function codeAll(docId: string, length: number) {
  const r = await s.coder.client.post(url(`/documents/${docId}/codings`), { version: 1, start: 3, end: length, codeIds: [codeId] });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** A job's file as bytes (the JSON client would parse it). */
const download = (jobId: string) => t.app.inject({ method: 'GET', url: `/api/jobs/${jobId}/download`, headers: { cookie: `${SESSION_COOKIE}=${s.researcher.client.cookie}` } });

async function runJob(jobId: string) {
  await new JobRunner(t.platform.deps).drain();
  const j = await s.researcher.client.get(`/api/jobs/${jobId}`);
  expect(j.status).toBe(200);
  return j.body;
}

beforeAll(async () => {
  t = await startTestPlatform({ respondentRateLimit: 100_000, chromiumPath: '/nonexistent/chromium' });
  s = await studyWithRoles(t);
  const c = await s.researcher.client.post(url('/surveys'), { title: 'Enquête professionals', definition: DEF });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  surveyId = c.body.id;
  const p = await s.researcher.client.post(url(`/surveys/${surveyId}/publish`));
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  const token = String(p.body.publicUrl).split('#')[1];
  for (const answers of PEOPLE) {
    const r = await t.app.inject({ method: 'POST', url: '/api/respond/complete', headers: { 'x-survey-token': token }, payload: { idempotencyKey: crypto.randomUUID(), page: 'p1', answers } });
    expect(r.statusCode, r.body).toBe(200);
  }
  await generateFictional(t.platform.deps, null, s.slug, { cases: 120, seed: 7 }, { viaCli: true });
  const k = await s.researcher.client.post(url('/codes'), { name: 'Contact met ouders', parentId: null });
  expect(k.status, JSON.stringify(k.body)).toBe(200);
  codeId = k.body.id;
  const ok = 'R: Het contact met de voogd werd beter toen we samen plannen maakten.';
  const a = await participantWithTranscript(true, ok);
  await codeAll(a.id, [...ok].length);
  const noQuotes = 'R: Ik wil niet geciteerd worden maar het ging slecht met de bezoeken.';
  const b = await participantWithTranscript(false, noQuotes);
  await codeAll(b.id, [...noQuotes].length);
  const named = 'R: Mevrouw Bakker uit Utrecht belde mij op 12 maart 2024 over Jan.';
  const d = await s.coder.client.post(url('/documents/transcripts'), { title: 'Zonder deelnemer', pasted: named });
  expect(d.status, JSON.stringify(d.body)).toBe(200);
  await codeAll(d.body.id, [...named].length);
}, 120_000);
afterAll(() => t?.close());

describe('reports and chapters', () => {
  it('creates a report from the template with the ten chapters, in order', async () => {
    const r = await s.researcher.client.post(url('/reports'), { title: 'Eindrapport', subtitle: 'Concept', template: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.chapters.map((c: any) => c.title)).toEqual(['Samenvatting', 'Inleiding', 'Methode', 'Juridisch kader', 'Resultaten', 'Goede praktijken', 'Knelpunten', 'Oplossingsrichtingen', 'Aanbevelingen', 'Bijlagen']);
    expect(r.body.chapters.find((c: any) => c.title === 'Resultaten').body).toMatch(/## Enquête/);
    // the text is sealed in the database
    const row = await sql<{ body_enc: string }>`SELECT body_enc FROM report_chapters WHERE report_id = ${r.body.id} LIMIT 1`.execute(t.platform.deps.db);
    expect(row.rows[0].body_enc).not.toMatch(/Samenvatting|Vat hier/);
  });

  it('adds, renames, reorders and deletes chapters; a bad order is a Dutch 400 and changes nothing', async () => {
    const r = await s.researcher.client.post(url('/reports'), { title: 'Werkversie' });
    const id = r.body.id;
    const a = await s.researcher.client.post(url(`/reports/${id}/chapters`), { title: 'Een' });
    const b = await s.researcher.client.post(url(`/reports/${id}/chapters`), { title: 'Twee' });
    const first = a.body.chapters[0].id;
    const c = await s.researcher.client.post(url(`/reports/${id}/chapters`), { title: 'Anderhalf', after: first });
    expect(c.body.chapters.map((x: any) => x.title)).toEqual(['Een', 'Anderhalf', 'Twee']);
    const ids = c.body.chapters.map((x: any) => x.id);
    const renamed = await s.researcher.client.patch(url(`/reports/${id}/chapters/${ids[1]}`), { title: 'Een en een half', body: '# Kop\n\nTekst[^1].\n\n[^1]: Noot.' });
    expect(renamed.body.chapters[1]).toMatchObject({ title: 'Een en een half', body: expect.stringContaining('Noot') });
    const bad = await s.researcher.client.put(url(`/reports/${id}/chapters/order`), { ids: [ids[0], ids[0], ids[2]] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/precies één keer/);
    const re = await s.researcher.client.put(url(`/reports/${id}/chapters/order`), { ids: [ids[2], ids[0], ids[1]] });
    expect(re.body.chapters.map((x: any) => x.title)).toEqual(['Twee', 'Een', 'Een en een half']);
    const del = await s.researcher.client.delete(url(`/reports/${id}/chapters/${ids[0]}`));
    expect(del.body.chapters.map((x: any) => [x.title, x.position])).toEqual([['Twee', 0], ['Een en een half', 1]]);
    expect(b.status).toBe(200);
    // an empty title: 400 with the field, nothing stored
    const empty = await s.researcher.client.post(url(`/reports/${id}/chapters`), { title: '  ' });
    expect(empty.status).toBe(400);
    expect((await s.researcher.client.get(url(`/reports/${id}`))).body.chapters).toHaveLength(2);
  });

  it('keeps roles apart: the coder reads drafts but cannot write; the committee sees no drafts', async () => {
    const r = await s.researcher.client.post(url('/reports'), { title: 'Rollen' });
    expect((await s.coder.client.get(url(`/reports/${r.body.id}`))).status).toBe(200);
    expect((await s.coder.client.post(url(`/reports/${r.body.id}/chapters`), { title: 'x' })).status).toBe(403);
    expect((await s.committee.client.get(url(`/reports/${r.body.id}`))).status).toBe(403);
    expect((await s.committee.client.get(url(`/reports/${r.body.id}/preview`))).status).toBe(403);
    const list = await s.committee.client.get(url('/reports'));
    expect(list.status).toBe(200);
    expect(list.body.reports.find((x: any) => x.id === r.body.id)).toBeUndefined();
    expect(list.body.canReadDrafts).toBe(false);
    expect((await s.outsider.client.get(url('/reports'))).status).toBe(403);
  });
});

describe('blocks, disclosure control and the quote gate', () => {
  let reportId: string;
  beforeAll(async () => {
    const r = await s.researcher.client.post(url('/reports'), { title: 'Blokken' });
    reportId = r.body.id;
    const body = [
      '## Enquête',
      '',
      `[[blok:survey-question survey=${surveyId} question=rol]]`,
      '',
      `[[blok:survey-crosstab survey=${surveyId} row=rol col=wachtlijst]]`,
      '',
      '[[blok:case-indicators subgroup=age]]',
      '',
      '[[blok:reunification]]',
      '',
      '[[blok:methods]]',
      '',
      `[[blok:code-quotes code=${codeId} limit=5]]`,
      '',
      `[[blok:survey-question survey=${surveyId} question=bestaatniet]]`,
    ].join('\n');
    const c = await s.researcher.client.post(url(`/reports/${reportId}/chapters`), { title: 'Resultaten', body });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
  });

  it('lists the block types and the sources to pick from', async () => {
    const b = await s.researcher.client.get(url('/reports/block-types'));
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(b.body.types.map((x: any) => x.type)).toEqual(expect.arrayContaining(['survey-question', 'survey-crosstab', 'case-indicators', 'reunification', 'methods', 'code-quotes']));
    expect(b.body.surveys[0].questions.map((q: any) => q.name)).toEqual(['rol', 'wachtlijst']);
    expect(b.body.codes.map((c: any) => c.id)).toContain(codeId);
  });

  it('withholds small survey counts (also for the lead), explains them in a note and lists the change', async () => {
    const p = await s.lead.client.get(url(`/reports/${reportId}/preview`));
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const figs = p.body.chapters[0].segments.filter((x: any) => x.kind === 'block').map((x: any) => x.figure);
    expect(figs).toHaveLength(7);
    const [question, crosstab, indicators, curve, methods, quotes, missing] = figs;
    const rows = question.tables[0].rows;
    expect(rows.map((r: any) => r[0].text)).toEqual(['jeugdbeschermer', 'pleegzorg', 'anders']);
    expect(rows[0][1]).toMatchObject({ text: '20', n: 20 });
    expect(rows[1][1]).toMatchObject({ suppressed: true, n: null, text: '<10' });
    expect(rows[2][1]).toMatchObject({ suppressed: true });
    expect(question.notes.join(' ')).toMatch(/onthullingsdrempel/);
    expect(question.chart).toBeTruthy();
    // only the shown option is in the chart
    expect((question.chart as any).data.values.map((v: any) => v.label)).toEqual(['jeugdbeschermer']);
    // crosstab: every cell below 10 withheld, no counts 1..9 anywhere
    for (const row of crosstab.tables[0].rows) for (const c of row.slice(1)) if (typeof c.n === 'number') expect(c.n === 0 || c.n >= 10).toBe(true);
    expect(indicators.tables[0].columns[0]).toBe('Groep');
    expect(indicators.tables[0].rows.map((r: any) => r[0].text)).toEqual(['0–3 jaar', '4–11 jaar', '12–17 jaar']);
    expect(curve.tables[0].rows).toHaveLength(5);
    expect(methods.paragraphs.join(' ')).toMatch(/30 respondenten/);
    expect(methods.paragraphs.join(' ')).toMatch(/dossiers gecodeerd/);
    expect(methods.paragraphs.join(' ')).toMatch(/nog geen afgesloten betrouwbaarheidsronde/);
    // quotes: one accepted; no consent for quotes → refused; identifiers → refused
    expect(quotes.quotes).toHaveLength(1);
    expect(quotes.quotes[0].text).toMatch(/samen plannen/);
    const kinds = p.body.changes.map((c: any) => c.kind);
    expect(kinds).toEqual(expect.arrayContaining(['suppressed', 'quote_refused', 'quote_identifiers', 'block_error']));
    expect(p.body.changes.find((c: any) => c.kind === 'quote_refused').message).toMatch(/geweigerd/);
    expect(missing.error).toMatch(/bestaatniet/);
  });

  it('exports HTML and DOCX as a job with progress; PDF without Chromium is a clear 409', async () => {
    const h = await s.researcher.client.post(url(`/reports/${reportId}/builds`), { format: 'html' });
    expect(h.status, JSON.stringify(h.body)).toBe(200);
    const hj = await runJob(h.body.id);
    expect(hj.status, JSON.stringify(hj)).toBe('done');
    expect(hj.progress).toBeGreaterThan(0);
    expect(hj.result.changes.length).toBeGreaterThan(0);
    const dl = await download(h.body.id);
    expect(dl.statusCode).toBe(200);
    const html = dl.body;
    expect(html).toMatch(/^<!doctype html><html lang="nl">/);
    expect(html).toMatch(/<svg aria-hidden="true"/);
    expect(html).toMatch(/<caption>Tabel 1\./);
    expect(html).toMatch(/Verantwoording van de onthullingscontrole/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    const d = await s.researcher.client.post(url(`/reports/${reportId}/builds`), { format: 'docx' });
    expect((await runJob(d.body.id)).status).toBe('done');
    const file = await download(d.body.id);
    const zip = unzipSync(new Uint8Array(file.rawPayload));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['word/document.xml', 'word/footnotes.xml', '[Content_Types].xml']));
    expect(Object.keys(zip).some((k) => k.startsWith('word/media/'))).toBe(true);
    const xml = strFromU8(zip['word/document.xml']);
    expect(/<w:instrText[^>]*>TOC \\h \\o/.test(xml)).toBe(true);
    expect(/PAGE/.test(strFromU8(Object.entries(zip).find(([k]) => /word\/footer\d*\.xml/.test(k) && /PAGE/.test(strFromU8(zip[k])))?.[1] ?? new Uint8Array()))).toBe(true);
    expect(xml.includes('Resultaten')).toBe(true);
    const pdf = await s.researcher.client.post(url(`/reports/${reportId}/builds`), { format: 'pdf' });
    expect(pdf.status).toBe(409);
    expect(pdf.body.error.message).toMatch(/Chromium/);
  });

  it('freezes versions (sealed, immutable), compares them, and lets the committee read only those', async () => {
    const v1 = await s.researcher.client.post(url(`/reports/${reportId}/versions`), { label: 'voor de commissie' });
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    expect(v1.body).toMatchObject({ number: 1, label: 'voor de commissie' });
    const chapters = (await s.researcher.client.get(url(`/reports/${reportId}`))).body.chapters;
    await s.researcher.client.patch(url(`/reports/${reportId}/chapters/${chapters[0].id}`), { body: `Nieuwe inleiding.\n\n[[blok:survey-question survey=${surveyId} question=wachtlijst]]` });
    const v2 = await s.researcher.client.post(url(`/reports/${reportId}/versions`), {});
    expect(v2.body.number).toBe(2);
    const cmp = await s.committee.client.get(url(`/reports/${reportId}/compare?from=${v1.body.id}&to=${v2.body.id}`));
    // without from/to: the two newest
    expect((await s.committee.client.get(url(`/reports/${reportId}/compare`))).body.from.id).toBe(v1.body.id);
    expect(cmp.status, JSON.stringify(cmp.body)).toBe(200);
    expect(cmp.body.text.some((p: any) => p.added && /Nieuwe/.test(p.value))).toBe(true);
    expect(cmp.body.figures.filter((f: any) => f.status === 'removed').length).toBeGreaterThan(0);
    expect(cmp.body.figures.filter((f: any) => f.status === 'added').length).toBe(1);
    const list = await s.committee.client.get(url('/reports'));
    expect(list.body.reports.map((r: any) => r.id)).toContain(reportId);
    const v = await s.committee.client.get(url(`/reports/${reportId}/versions/${v1.body.id}`));
    expect(v.status).toBe(200);
    expect(v.body.html).toMatch(/Versie 1 — voor de commissie/);
    expect(v.body.build.chapters[0].segments.length).toBeGreaterThan(0);
    // the committee may export a frozen version, never the draft
    expect((await s.committee.client.post(url(`/reports/${reportId}/builds`), { format: 'html' })).status).toBe(403);
    const ex = await s.committee.client.post(url(`/reports/${reportId}/versions/${v1.body.id}/builds`), { format: 'html' });
    expect(ex.status, JSON.stringify(ex.body)).toBe(200);
    await new JobRunner(t.platform.deps).drain();
    expect((await s.committee.client.get(`/api/jobs/${ex.body.id}`)).body.status).toBe('done');
    // sealed and immutable
    const row = await sql<{ html_enc: string }>`SELECT html_enc FROM report_versions WHERE id = ${v1.body.id}`.execute(t.platform.deps.db);
    expect(row.rows[0].html_enc).not.toMatch(/voor de commissie/);
    await expect(sql`UPDATE report_versions SET label = 'x' WHERE id = ${v1.body.id}`.execute(t.platform.deps.db)).rejects.toThrow(/immutable/);
    // unknown version: 404
    expect((await s.committee.client.get(url(`/reports/${reportId}/versions/${crypto.randomUUID()}`))).status).toBe(404);
  });

  it('resolves the blocks of the findings module: findings by type, recommendations with addressees', async () => {
    const f = await s.researcher.client.post(url('/findings'), { statement: 'Ouders krijgen na terugplaatsing te weinig steun.', type: 'knelpunt', phase: 'aftercare' });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    const rec = await s.researcher.client.post(url('/recommendations'), { text: 'Bied ouders na terugplaatsing een jaar nazorg.', priority: 'hoog', addressees: ['gemeenten'], findingIds: [f.body.id] });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    const r = await s.researcher.client.post(url('/reports'), { title: 'Bevindingen' });
    await s.researcher.client.post(url(`/reports/${r.body.id}/chapters`), { title: 'Knelpunten', body: `[[blok:findings type=knelpunt]]\n\n[[blok:recommendations]]\n\n[[blok:finding-quotes finding=${f.body.id}]]\n\n[[blok:recommendation-norms]]` });
    const p = await s.researcher.client.get(url(`/reports/${r.body.id}/preview`));
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const [findings, recs, quotes, norms] = p.body.chapters[0].segments.filter((x: any) => x.kind === 'block').map((x: any) => x.figure);
    expect(findings.tables[0].rows[0].map((c: any) => c.text)).toEqual(['Ouders krijgen na terugplaatsing te weinig steun.', 'Knelpunt', 'Nazorg', expect.any(String), 'concept']);
    expect(recs.tables[0].rows[0][1].text).toBe('Bied ouders na terugplaatsing een jaar nazorg.');
    expect(recs.tables[0].rows[0][3].text).toMatch(/emeente/);
    expect(quotes.error).toBeNull();
    expect(norms.notes[0]).toMatch(/geen normen/);
    const sources = await s.researcher.client.get(url('/reports/block-types'));
    expect(sources.body.findings.map((x: any) => x.id)).toContain(f.body.id);
  });

  it('writes audit events for every change', async () => {
    const r = await sql<{ action: string }>`SELECT DISTINCT action FROM audit_events WHERE action LIKE 'report.%'`.execute(t.platform.deps.db);
    expect(r.rows.map((x) => x.action)).toEqual(expect.arrayContaining(['report.created', 'report.chapter_added', 'report.chapter_updated', 'report.chapters_reordered', 'report.chapter_deleted', 'report.exported', 'report.frozen']));
  });
});
