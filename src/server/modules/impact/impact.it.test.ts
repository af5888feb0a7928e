/**
 * Impact tracking on a real database: standard trajectories seeded idempotently by key, a study's own trajectory,
 * links (by id and by seed key), dated statuses with Dutch 4xx on bad input (unknown status, future date, unknown
 * recommendation or trajectory) and nothing written then; the current status is the latest by date; permissions per
 * role (committee reads); every change audited; the XLSX export read back.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { SEEDED_TRAJECTORIES } from '../../../shared/impact';
import { addStatus, impactSummary, linkTrajectory } from './impact.service';
import { todayInNl } from '../../../lib/impact/timeline';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
const I = (p = '') => `/api/studies/${s.slug}/impact${p}`;
const recIds: string[] = [];

async function auditActions(): Promise<string[]> {
  const r = await s.lead.client.get(`/api/studies/${s.slug}/audit?limit=500`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.events as { action: string }[]).map((e) => e.action);
}

beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
  for (const [text, priority, addressees] of [
    ['Leg het perspectiefbesluit bij de kinderrechter.', 'hoog', ['min_jenv', 'rechtspraak']],
    ['Bied ouders tijdens de plaatsing standaard hulp.', 'middel', ['gemeenten']],
    ['Registreer terugplaatsingen landelijk.', 'laag', []],
  ] as const) {
    const r = await s.lead.client.post(`/api/studies/${s.slug}/recommendations`, { text, priority, addressees });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    recIds.push(r.body.id);
  }
});
afterAll(() => t.close());

describe('trajectories', () => {
  it('seeds the standard trajectories once, by key', async () => {
    expect((await s.coder.client.post(I('/trajectories/seed'))).status).toBe(403);
    const r = await s.researcher.client.post(I('/trajectories/seed'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.added).toEqual(SEEDED_TRAJECTORIES.map((x) => x.key));
    expect(r.body.trajectories.every((x: { verify: string }) => /te verifiëren/i.test(x.verify))).toBe(true);
    const again = await s.lead.client.post(I('/trajectories/seed'));
    expect(again.body.added).toEqual([]);
    expect(again.body.trajectories).toHaveLength(4);
    expect((await auditActions()).filter((x) => x === 'impact.trajectories_seeded')).toHaveLength(1);
  });

  it('adds a study trajectory; a duplicate title is a Dutch 409; the committee cannot write', async () => {
    const r = await s.lead.client.post(I('/trajectories'), { title: 'Actieplan pleegzorg', description: 'Eigen traject.', sourceRef: 'te verifiëren' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ seeded: false, key: null, recommendations: 0 });
    const dup = await s.lead.client.post(I('/trajectories'), { title: 'actieplan PLEEGZORG' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/al een beleidstraject/);
    expect((await s.committee.client.post(I('/trajectories'), { title: 'Iets anders' })).status).toBe(403);
    expect((await s.lead.client.post(I('/trajectories'), { title: '' })).status).toBe(400);
  });
});

describe('links and statuses', () => {
  let summaryTraj: { id: string; key: string | null; title: string }[];

  it('links by id and by seed key, idempotently; unknown ones are Dutch 4xx', async () => {
    summaryTraj = (await s.lead.client.get(I())).body.trajectories;
    const hervorming = summaryTraj.find((x) => x.key === 'hervormingsagenda_jeugd')!;
    const a = await s.researcher.client.post(I(`/recommendations/${recIds[0]}/trajectories`), { key: 'wet_versterking_rechtsbescherming' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const b = await s.researcher.client.post(I(`/recommendations/${recIds[0]}/trajectories`), { trajectoryId: hervorming.id });
    expect(b.body.trajectoryIds).toHaveLength(2);
    const again = await s.researcher.client.post(I(`/recommendations/${recIds[0]}/trajectories`), { trajectoryId: hervorming.id });
    expect(again.body.trajectoryIds).toHaveLength(2);
    const unknownT = await s.lead.client.post(I(`/recommendations/${recIds[0]}/trajectories`), { trajectoryId: crypto.randomUUID() });
    expect(unknownT.status).toBe(400);
    expect(unknownT.body.error.message).toMatch(/beleidstraject bestaat niet/);
    expect((await s.lead.client.post(I(`/recommendations/${recIds[0]}/trajectories`), { key: 'onbekend' })).status).toBe(400);
    expect((await s.lead.client.post(I(`/recommendations/${recIds[0]}/trajectories`), {})).status).toBe(400);
    const unknownR = await s.lead.client.post(I(`/recommendations/${crypto.randomUUID()}/trajectories`), { trajectoryId: hervorming.id });
    expect(unknownR.status).toBe(404);
    expect(unknownR.body.error.message).toMatch(/aanbeveling bestaat niet/);
    expect((await auditActions()).filter((x) => x === 'impact.linked')).toHaveLength(2);
    // unlink, and a trajectory in use cannot be deleted
    const del = await s.lead.client.delete(I(`/trajectories/${hervorming.id}`));
    expect(del.status).toBe(409);
    expect(del.body.error.message).toMatch(/nog gekoppeld/);
    const un = await s.lead.client.delete(I(`/recommendations/${recIds[0]}/trajectories/${hervorming.id}`));
    expect(un.status).toBe(200);
    expect(un.body.trajectoryIds).toHaveLength(1);
    expect((await s.lead.client.delete(I(`/recommendations/${recIds[0]}/trajectories/${hervorming.id}`))).status).toBe(404);
    expect((await s.lead.client.post(I(`/recommendations/${recIds[1]}/trajectories`), { trajectoryId: hervorming.id })).status).toBe(200);
  });

  it('records dated statuses; the current one is the latest by date, not by entry', async () => {
    const url = I(`/recommendations/${recIds[0]}/statuses`);
    const later = await s.lead.client.post(url, { status: 'deels_overgenomen', date: '2025-06-15', sourceRef: 'Kamerstuk (te verifiëren)', note: 'Deels in wetsvoorstel.' });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    const earlier = await s.researcher.client.post(url, { status: 'in_overweging', date: '2025-02-20', sourceRef: 'https://example.org/brief' });
    expect(earlier.status).toBe(200);
    expect(earlier.body.current).toMatchObject({ status: 'deels_overgenomen', date: '2025-06-15' });
    expect(earlier.body.history.map((h: { status: string }) => h.status)).toEqual(['in_overweging', 'deels_overgenomen']);
    expect((await s.lead.client.post(I(`/recommendations/${recIds[1]}/statuses`), { status: 'afgewezen', date: '2025-04-01' })).status).toBe(200);
  });

  it('refuses bad statuses with a Dutch 400 and writes nothing', async () => {
    const url = I(`/recommendations/${recIds[2]}/statuses`);
    const before = (await auditActions()).length;
    const unknown = await s.lead.client.post(url, { status: 'misschien', date: '2025-01-01' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Kies een status/);
    const future = await s.lead.client.post(url, { status: 'overgenomen', date: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/toekomst/);
    expect((await s.lead.client.post(url, { status: 'overgenomen', date: '1970-01-01' })).status).toBe(400);
    expect((await s.lead.client.post(url, { status: 'overgenomen', date: '2025-02-30' })).status).toBe(400);
    expect((await s.lead.client.post(url, { status: 'overgenomen', date: 'gisteren' })).status).toBe(400);
    expect((await s.lead.client.post(I(`/recommendations/${crypto.randomUUID()}/statuses`), { status: 'overgenomen', date: '2025-01-01' })).status).toBe(404);
    expect((await s.coder.client.post(url, { status: 'overgenomen', date: '2025-01-01' })).status).toBe(403);
    expect((await s.committee.client.post(url, { status: 'overgenomen', date: '2025-01-01' })).status).toBe(403);
    expect((await s.outsider.client.get(I())).status).toBe(403);
    expect((await auditActions()).length).toBe(before);
    const sum = (await s.lead.client.get(I())).body;
    expect(sum.recommendations[2].history).toEqual([]);
    // today is allowed
    const today = await s.lead.client.post(url, { status: 'geen_reactie', date: todayInNl() });
    expect(today.status).toBe(200);
    const del = await s.lead.client.delete(I(`/recommendations/${recIds[2]}/statuses/${today.body.history[0].id}`));
    expect(del.status).toBe(200);
    expect(del.body.current).toBeNull();
    expect((await s.lead.client.delete(I(`/recommendations/${recIds[2]}/statuses/${crypto.randomUUID()}`))).status).toBe(404);
    const acts = await auditActions();
    expect(acts).toContain('impact.status_added');
    expect(acts).toContain('impact.status_deleted');
  });

  it('the committee reads the summary: totals, monthly and quarterly series', async () => {
    const r = await s.committee.client.get(I());
    expect(r.status).toBe(200);
    const sum = r.body;
    expect(sum.recommendations.map((x: { id: string }) => x.id)).toEqual(recIds);
    expect(Object.fromEntries(sum.totals.map((x: { status: string; count: number }) => [x.status, x.count]))).toEqual({ geen_reactie: 0, in_overweging: 0, deels_overgenomen: 1, overgenomen: 0, afgewezen: 1 });
    const q = (p: string) => Object.fromEntries(sum.series.quarter.filter((x: { period: string }) => x.period === p).map((x: { status: string; count: number }) => [x.status, x.count]));
    expect(q('2025-Q1')).toMatchObject({ in_overweging: 1, afgewezen: 0 });
    expect(q('2025-Q2')).toMatchObject({ in_overweging: 0, deels_overgenomen: 1, afgewezen: 1 });
    expect(sum.series.month[0].period).toBe('2025-02');
    const trajectories = sum.trajectories.filter((x: { recommendations: number }) => x.recommendations > 0);
    expect(trajectories).toHaveLength(2);
  });
});

describe('export and service functions', () => {
  it('exports XLSX with the sheets Aanbevelingen and Statusgeschiedenis (read back)', async () => {
    const res = await t.app.inject({ method: 'GET', url: I('/export'), headers: { cookie: `tnh_session=${s.committee.client.cookie}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Aanbevelingen', 'Statusgeschiedenis', 'Beleidstrajecten', 'Verloop per kwartaal']);
    const recs = wb.getWorksheet('Aanbevelingen')!;
    expect(recs.getRow(1).values).toEqual([undefined, 'Nr.', 'Aanbeveling', 'Prioriteit', 'Geadresseerden', 'Beleidstrajecten', 'Huidige status', 'Datum', 'Bron', 'Toelichting']);
    expect(recs.getRow(2).getCell(5).value).toBe('Wet versterking rechtsbescherming in de jeugdbescherming');
    expect(recs.getRow(2).getCell(6).value).toBe('Deels overgenomen');
    expect(recs.getRow(2).getCell(4).value).toBe('Ministerie van Justitie en Veiligheid; Rechtspraak');
    expect(recs.getRow(4).getCell(6).value).toBe('Nog niets vastgelegd');
    const hist = wb.getWorksheet('Statusgeschiedenis')!;
    expect(hist.rowCount).toBe(1 + 3);
    expect((hist.getRow(2).values as unknown[]).slice(1, 6)).toEqual([1, expect.any(String), '2025-02-20', 'In overweging', 'https://example.org/brief']);
    expect(await auditActions()).toContain('impact.exported');
  });

  it('impactSummary / linkTrajectory / addStatus are callable with plain arguments', async () => {
    const actor = { userId: s.lead.user.id, isAdmin: false, name: 'Lea Lead' };
    const r = await linkTrajectory(t.platform.deps, actor, s.slug, recIds[2], { key: 'beleidsreactie_wodc_terugplaatsen' });
    expect(r.trajectoryIds).toHaveLength(1);
    const st = await addStatus(t.platform.deps, actor, s.slug, recIds[2], { status: 'in_overweging', date: '2025-03-01', sourceRef: '', note: '' });
    expect(st.current?.status).toBe('in_overweging');
    const sum = await impactSummary(t.platform.deps, actor, s.slug);
    expect(sum.totals.find((x) => x.status === 'in_overweging')?.count).toBe(1);
    await expect(impactSummary(t.platform.deps, null, s.slug)).rejects.toMatchObject({ status: 401 });
  });

  it('an archived study is read-only', async () => {
    expect((await s.lead.client.post(`/api/studies/${s.slug}/archive`)).status).toBe(200);
    const r = await s.lead.client.post(I(`/recommendations/${recIds[0]}/statuses`), { status: 'overgenomen', date: '2025-07-01' });
    expect(r.status).toBe(409);
    expect((await s.lead.client.get(I())).status).toBe(200);
  });
});
