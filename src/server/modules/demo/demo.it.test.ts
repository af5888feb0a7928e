/**
 * The demo study on a real database: loaded through the HTTP route as a job (the way the button on the empty start
 * page does), every module has content, the reliability round is closed with a computable agreement, the survey
 * results show the responses, and the study and its material are labelled as fictional.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, userClient, Client, type TestPlatform } from '../../../../test/support/platform';
import { JobRunner } from '../../platform/jobs';
import { verifyAuditChain } from '../audit/audit.service';
import { DEMO_CODERS, DEMO_LABEL, DEMO_SIZES, DEMO_TITLE, loadDemo } from './demo.service';

let t: TestPlatform;
let lead: Awaited<ReturnType<typeof userClient>>;
let slug: string;
let seconds: number;
beforeAll(async () => {
  t = await startTestPlatform();
  lead = await userClient(t, { name: 'Nieuwe Gebruiker' });
}, 60_000);
afterAll(() => t.close());

const url = (rest = '') => `/api/studies/${slug}${rest}`;

describe('the demo study', { timeout: 120_000 }, () => {
  it('starts from the empty start page as a job whose result is the slug', async () => {
    expect((await lead.client.get('/api/studies')).body).toEqual([]);
    expect((await new Client(t.app).post('/api/demo')).status).toBe(401);
    const started = await lead.client.post('/api/demo');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ kind: 'demo.load', status: 'queued' });
    const t0 = performance.now();
    expect(await new JobRunner(t.platform.deps).drain()).toBe(1);
    seconds = (performance.now() - t0) / 1000;
    const job = await lead.client.get(`/api/jobs/${started.body.id}`);
    expect(job.body.status, JSON.stringify(job.body)).toBe('done');
    expect(job.body.progress).toBe(job.body.total);
    slug = job.body.result.slug;
    expect(slug).toBe('terug-naar-huis-demo');
    console.log(`demo loaded in ${seconds.toFixed(1)} s (PGlite):`, JSON.stringify(job.body.result.counts), JSON.stringify(job.body.result.timings));
    const list = (await lead.client.get('/api/studies')).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ slug, title: DEMO_TITLE, myRole: 'lead' });
  });

  it('labels the study and its material as fictional', async () => {
    const study = (await lead.client.get(url())).body;
    expect(study.title).toBe('Terug naar huis (demo)');
    expect(study.description.startsWith(DEMO_LABEL)).toBe(true);
    expect(study.description).toMatch(/fictief/);
    expect(study.archived).toBe(false);
    const docs = (await lead.client.get(url('/documents?limit=200'))).body;
    const transcripts = docs.documents.filter((d: { kind: string }) => d.kind === 'transcript');
    expect(transcripts).toHaveLength(DEMO_SIZES.interviews);
    expect(transcripts.every((d: { title: string }) => /\(fictief\)$/.test(d.title))).toBe(true);
    const surveys = (await lead.client.get(url('/surveys'))).body.surveys;
    expect(surveys[0].title).toMatch(/demo, fictieve antwoorden/);
  });

  it('fills every module', async () => {
    const members = (await lead.client.get(url('/members'))).body.members;
    expect(members.map((m: { email: string; role: string }) => `${m.role}:${m.email}`).sort()).toEqual(['coder:demo-codeur-a@example.invalid', 'coder:demo-codeur-b@example.invalid', `lead:${lead.email}`]);

    const norms = (await lead.client.get(url('/legal/norms'))).body.norms;
    expect(norms.length).toBeGreaterThan(10);

    const codes = (await lead.client.get(url('/codes'))).body.codes;
    expect(codes.length).toBeGreaterThanOrEqual(20);

    const participants = (await lead.client.get(url('/participants'))).body.participants;
    expect(participants).toHaveLength(DEMO_SIZES.interviews);
    expect(participants.every((p: { consentStatus: string }) => p.consentStatus === 'complete')).toBe(true);
    const consent = (await lead.client.get(url('/consent'))).body;
    expect(consent.totals).toMatchObject({ participants: DEMO_SIZES.interviews, complete: DEMO_SIZES.interviews });
    // the child under 12: a parent's consent and the child's own assent
    const young = participants.find((p: { ageBand: string }) => p.ageBand === '8-11');
    const records = (await lead.client.get(url(`/participants/${young.id}/consent`))).body.records;
    expect(records.map((r: { givenBy: string; kind: string }) => `${r.givenBy}:${r.kind}`).sort()).toEqual(['parent:consent', 'participant:assent']);
    expect(records.every((r: { scopes: Record<string, boolean> }) => r.scopes.participation && r.scopes.quotes)).toBe(true);

    const interviews = (await lead.client.get(url('/interviews'))).body.interviews;
    expect(interviews).toHaveLength(DEMO_SIZES.interviews);

    const docs = (await lead.client.get(url('/documents?limit=200'))).body;
    const kinds = new Map<string, number>();
    for (const d of docs.documents) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
    expect(kinds.get('signal')).toBe(DEMO_SIZES.signals);
    expect(kinds.get('survey_answer')).toBeGreaterThan(50);

    const signals = (await lead.client.get(url('/signals?limit=200'))).body;
    expect(signals.total).toBe(DEMO_SIZES.signals);
    expect(signals.signals.every((s: { themes: unknown[] }) => s.themes.length > 0)).toBe(true);

    const cases = (await lead.client.get(url('/dossiers?limit=10'))).body;
    expect(cases.total).toBe(DEMO_SIZES.cases);
    const monitor = await lead.client.get(url('/monitor'));
    expect(monitor.status).toBe(200);

    const freq = await lead.client.get(url('/analysis/frequencies'));
    expect(freq.status).toBe(200);
  });

  it('shows the survey results with the responses', async () => {
    const survey = (await lead.client.get(url('/surveys'))).body.surveys[0];
    expect(survey.status).toBe('closed');
    const results = (await lead.client.get(url(`/surveys/${survey.id}/results`))).body;
    expect(results.n).toBe(DEMO_SIZES.surveyResponses);
    expect(results.overview.completed).toBe(DEMO_SIZES.surveyResponses);
    const rol = results.questions.find((q: { name: string }) => q.name === 'rol');
    expect(rol).toBeTruthy();
  });

  it('has a closed reliability round of two coders with agreement, and consensus codings', async () => {
    const rounds = (await lead.client.get(url('/teamwork/rounds'))).body.rounds;
    expect(rounds).toHaveLength(1);
    expect(rounds[0].status).toBe('closed');
    const agreement = (await lead.client.get(url(`/teamwork/rounds/${rounds[0].id}/agreement`))).body;
    expect(agreement.coders.map((c: { name: string }) => c.name).sort()).toEqual(DEMO_CODERS.map((c) => c.name).sort());
    expect(agreement.documents).toBe(DEMO_SIZES.roundDocuments);
    expect(JSON.stringify(agreement.overall)).toMatch(/kappa|alpha/i);
    const dis = (await lead.client.get(url(`/teamwork/rounds/${rounds[0].id}/disagreements`))).body;
    expect(dis.counts.agreements).toBeGreaterThan(0);
    expect(dis.counts.decided).toBeGreaterThan(0);
  });

  it('has findings with every kind of evidence, recommendations, a closed reflection session and a report', async () => {
    const deps = t.platform.deps;
    const actor = { userId: lead.user.id, isAdmin: false, name: 'Nieuwe Gebruiker' };
    const findings = await import('../findings/findings.service');
    const reflection = await import('../reflection/reflection.service');
    const reports = await import('../reports/reports.service');
    const list = await findings.listFindings(deps, actor, slug);
    expect(list.findings.length).toBeGreaterThanOrEqual(6);
    expect(new Set(list.findings.flatMap((f) => f.kinds))).toEqual(new Set(['quote', 'survey', 'indicator', 'norm', 'signal']));
    expect(list.findings.some((f) => f.status === 'validated')).toBe(true);
    const one = await findings.getFinding(deps, actor, slug, list.findings[0].id);
    const quote = one.evidence.find((e) => e.kind === 'quote');
    expect(quote?.quote?.text).toBeTruthy();
    const recs = (await findings.listRecommendations(deps, actor, slug)).recommendations;
    expect(recs.length).toBeGreaterThanOrEqual(5);
    expect(recs.every((r) => r.addressees.length > 0)).toBe(true);
    const sessions = (await reflection.listSessions(deps, actor, slug)).sessions;
    expect(sessions).toHaveLength(1);
    expect(sessions[0].status).toBe('closed');
    const outcome = await reflection.results(deps, actor, slug, sessions[0].id);
    expect(JSON.stringify(outcome)).toMatch(/kept/);
    const impact = await import('../impact/impact.service');
    const summary = await impact.impactSummary(deps, actor, slug);
    expect(summary.recommendations.length).toBeGreaterThanOrEqual(5);
    expect(summary.totals.reduce((n, x) => n + x.count, 0)).toBeGreaterThanOrEqual(5);
    const rs = (await reports.listReports(deps, actor, slug)).reports;
    expect(rs).toHaveLength(1);
    const preview = await reports.previewReport(deps, actor, slug, rs[0].id);
    expect(JSON.stringify(preview).length).toBeGreaterThan(1000);
  });

  it('loads a second demo next to the first, keeps the audit chain whole, and needs a signed-in user', async () => {
    const again = await loadDemo(t.platform.deps, { userId: lead.user.id, isAdmin: false, name: 'Nieuwe Gebruiker' }, { sizes: { surveyResponses: 20, cases: 20, signals: 3, interviews: 3, roundDocuments: 2 } });
    expect(again.slug).toBe('terug-naar-huis-demo-2');
    expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
    await expect(loadDemo(t.platform.deps, null)).rejects.toMatchObject({ status: 401 });
    console.log(`PGlite demo load: ${seconds.toFixed(1)} s`);
  });
});
