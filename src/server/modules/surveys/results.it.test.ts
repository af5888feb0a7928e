/**
 * Survey results on a real database: filters by closed answers (repeated `filter=vraag:waarde`, JSON, Dutch 400s),
 * the crosstab with chi-square, Cramér's V and the expected-count figures, and disclosure control for the committee
 * on filtered figures (no way around the threshold by filtering or by subtracting).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { chiSquareTest } from '../../../lib/survey/stats';

const DEF = {
  title: 'Resultatentest',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Wat is uw rol?', choices: ['jeugdbeschermer', 'pleegzorg', 'anders'] },
        { type: 'boolean', name: 'wachtlijst', title: 'Zijn er wachtlijsten?' },
        { type: 'rating', name: 'tevreden', title: 'Hoe tevreden bent u?', rateMin: 1, rateMax: 5 },
        { type: 'checkbox', name: 'hulp', title: 'Welke hulp?', choices: ['thuis', 'school', 'netwerk'] },
        { type: 'matrix', name: 'stel', title: 'Stellingen', columns: ['oneens', 'neutraal', 'eens'], rows: ['ouders', 'kind'] },
        { type: 'comment', name: 'toelichting', title: 'Toelichting' },
      ],
    },
  ],
};

// 40 completed responses: 20 jeugdbeschermers (15 with waiting lists), 14 pleegzorg (4), 6 anders (1)
const PEOPLE: Record<string, unknown>[] = [];
for (let i = 0; i < 20; i++) PEOPLE.push({ rol: 'jeugdbeschermer', wachtlijst: i < 15, tevreden: (i % 5) + 1, hulp: i % 2 ? ['thuis'] : ['thuis', 'school'], stel: { ouders: 'eens', kind: i % 3 ? 'neutraal' : 'oneens' } });
for (let i = 0; i < 14; i++) PEOPLE.push({ rol: 'pleegzorg', wachtlijst: i < 4, tevreden: (i % 3) + 3, hulp: ['netwerk'], stel: { ouders: i % 2 ? 'oneens' : 'eens', kind: 'eens' } });
for (let i = 0; i < 6; i++) PEOPLE.push({ rol: 'anders', wachtlijst: i < 1, tevreden: 2, toelichting: `Antwoord ${i}` });

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
let surveyId: string;
const base = () => `/api/studies/${s.slug}/surveys/${surveyId}`;
const q = (...filters: string[]) => filters.map((f) => `filter=${encodeURIComponent(f)}`).join('&');

beforeAll(async () => {
  t = await startTestPlatform({ respondentRateLimit: 100_000 });
  s = await studyWithRoles(t);
  const c = await s.researcher.client.post(`/api/studies/${s.slug}/surveys`, { title: 'Resultaten', definition: DEF });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  surveyId = c.body.id;
  const p = await s.researcher.client.post(`${base()}/publish`);
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  const token = String(p.body.publicUrl).split('#')[1];
  for (const answers of PEOPLE) {
    const r = await t.app.inject({ method: 'POST', url: '/api/respond/complete', headers: { 'x-survey-token': token }, payload: { idempotencyKey: crypto.randomUUID(), page: 'p1', answers } });
    expect(r.statusCode, r.body).toBe(200);
  }
});
afterAll(() => t.close());

describe('filters', () => {
  it('filters by repeated filter=vraag:waarde (or within a question, and across), like the JSON spelling', async () => {
    const all = await s.researcher.client.get(`${base()}/results`);
    expect(all.body.n).toBe(40);
    const pz = await s.researcher.client.get(`${base()}/results?${q('rol:pleegzorg')}`);
    expect(pz.status, JSON.stringify(pz.body)).toBe(200);
    expect(pz.body.n).toBe(14);
    expect(pz.body.filters).toEqual({ rol: ['pleegzorg'] });
    expect(pz.body.questions.find((x: any) => x.name === 'wachtlijst').options.find((o: any) => o.value === true).count).toBe(4);
    const json = await s.researcher.client.get(`${base()}/results?filters=${encodeURIComponent(JSON.stringify({ rol: ['pleegzorg'] }))}`);
    expect(json.body.n).toBe(14);
    expect((await s.researcher.client.get(`${base()}/results?${q('rol:pleegzorg', 'rol:anders')}`)).body.n).toBe(20);
    const and = await s.researcher.client.get(`${base()}/results?${q('rol:jeugdbeschermer', 'wachtlijst:true')}`);
    expect(and.body.n).toBe(15);
    expect(and.body.filters).toEqual({ rol: ['jeugdbeschermer'], wachtlijst: [true] });
    expect((await s.researcher.client.get(`${base()}/results?${q('hulp:netwerk')}`)).body.n).toBe(14);
    expect((await s.researcher.client.get(`${base()}/results?${q('stel.kind:oneens')}`)).body.n).toBe(7);
    expect((await s.researcher.client.get(`${base()}/results?${q('tevreden:2')}`)).body.n).toBe(10);
    // the overview stays the whole survey
    expect(pz.body.overview.completed).toBe(40);
  });

  it('refuses unknown questions, open questions, unknown values and malformed filters with a Dutch 400', async () => {
    const cases: [string, RegExp][] = [
      [q('onbekend:x'), /gesloten vraag/],
      [q('toelichting:x'), /gesloten vraag/],
      [q('rol:directeur'), /geen antwoord op de vraag "rol"/],
      [q('rol'), /vraag:antwoord/],
      [q('stel.niemand:eens'), /tabelvraag/],
      [`filters=${encodeURIComponent('{kapot')}`, /geen geldige JSON/],
    ];
    for (const [query, message] of cases) {
      for (const path of ['results', 'results/crosstab?row=rol&col=wachtlijst']) {
        const r = await s.researcher.client.get(`${base()}/${path}${path.includes('?') ? '&' : '?'}${query}`);
        expect(r.status, `${path} ${query}`).toBe(400);
        expect(r.body.error.message).toMatch(message);
      }
    }
    const many = await s.researcher.client.get(`${base()}/results?${q(...Array.from({ length: 60 }, () => 'rol:anders'))}`);
    expect(many.status).toBe(400);
  });
});

describe('crosstab', () => {
  it('counts, totals, chi-square with df, p and Cramér\'s V, and the expected-count figures', async () => {
    const x = await s.researcher.client.get(`${base()}/results/crosstab?row=rol&col=wachtlijst`);
    expect(x.status, JSON.stringify(x.body)).toBe(200);
    expect(x.body.rowLabels.map((l: any) => l.value)).toEqual(['jeugdbeschermer', 'pleegzorg', 'anders']);
    expect(x.body.colLabels.map((l: any) => l.value)).toEqual(['true', 'false']);
    expect(x.body.counts).toEqual([
      [15, 5],
      [4, 10],
      [1, 5],
    ]);
    expect(x.body.rowTotals).toEqual([20, 14, 6]);
    expect(x.body.colTotals).toEqual([20, 20]);
    expect(x.body.total).toBe(40);
    const ref = chiSquareTest(x.body.counts);
    expect(x.body.chiSquare.statistic).toBeCloseTo(ref.chiSquare!, 10);
    expect(x.body.chiSquare.df).toBe(2);
    expect(x.body.chiSquare.statistic).toBeCloseTo(10.2380952, 6); // scipy chi2_contingency(correction=False)
    expect(x.body.chiSquare.p).toBeCloseTo(0.0059817, 6);
    expect(x.body.chiSquare.cramersV).toBeCloseTo(0.5059174, 6);
    expect(x.body.cellsTested).toBe(6);
    expect(x.body.expectedBelow5).toBe(2); // anders: 3 and 3
    expect(x.body.lowExpected).toBe(true);
    expect(x.body.testWithheld).toBe(false);
  });

  it('crosstabs a matrix row and the filtered responses', async () => {
    const x = await s.researcher.client.get(`${base()}/results/crosstab?row=stel.ouders&col=rol&${q('wachtlijst:true')}`);
    expect(x.status, JSON.stringify(x.body)).toBe(200);
    expect(x.body.total).toBe(19); // 15 + 4; the one "anders" with a waiting list has no matrix answer
    expect(x.body.filters).toEqual({ wachtlijst: [true] });
    expect(x.body.counts).toEqual([
      [0, 2, 0],
      [0, 0, 0],
      [15, 2, 0],
    ]);
  });

  it('refuses open, multiple-answer, missing, equal and unknown questions', async () => {
    for (const query of ['row=rol&col=toelichting', 'row=rol&col=hulp', 'row=rol', 'row=rol&col=rol', 'row=rol&col=onbekend', 'row=stel&col=rol']) {
      const r = await s.researcher.client.get(`${base()}/results/crosstab?${query}`);
      expect(r.status, query).toBe(400);
      expect(typeof r.body.error.message).toBe('string');
    }
  });
});

describe('disclosure control for the committee', () => {
  it('shows controlled cells, and withholds the test when a cell is withheld', async () => {
    const r = await s.committee.client.get(`${base()}/results`);
    expect(r.body.controlled).toBe(true);
    expect(r.body.n).toBe(40);
    expect(r.body.questions.find((x: any) => x.name === 'rol').options.map((o: any) => o.count)).toEqual([20, null, null]); // 6 withheld, 14 too (secondary)
    const x = await s.committee.client.get(`${base()}/results/crosstab?row=rol&col=wachtlijst`);
    expect(x.status).toBe(200);
    expect(x.body.suppressed).toBe(true);
    expect(x.body.counts.flat().filter((v: number | null) => v === null).length).toBeGreaterThan(1);
    expect(x.body.chiSquare).toBeNull();
    expect(x.body.testWithheld).toBe(true);
  });

  it('a filter below the threshold gives nothing but the reason, in results and crosstab', async () => {
    const r = await s.committee.client.get(`${base()}/results?${q('rol:anders')}`);
    expect(r.status).toBe(200);
    expect(r.body.withheld).toBe('filtered_n');
    expect(r.body.n).toBeNull();
    expect(r.body.questions.every((x: any) => x.suppressed && x.mean === null && x.texts === null)).toBe(true);
    // the answer options stay (they come from the definition), without any count
    const counts = r.body.questions.flatMap((x: any) => [...(x.options ?? []), ...(x.rows ?? []).flatMap((row: any) => row.options)].map((o: any) => [o.count, o.percent]));
    expect(counts.length).toBeGreaterThan(10);
    expect(counts.flat().every((v: unknown) => v === null)).toBe(true);
    const x = await s.committee.client.get(`${base()}/results/crosstab?row=rol&col=wachtlijst&${q('rol:anders')}`);
    expect(x.status).toBe(200);
    expect(x.body.withheld).toBe('filtered_n');
    expect(x.body.total).toBeNull();
    expect(x.body.counts.flat().every((v: number | null) => v === null)).toBe(true);
    expect(x.body.chiSquare).toBeNull();
    // the researcher sees the 6
    expect((await s.researcher.client.get(`${base()}/results?${q('rol:anders')}`)).body.n).toBe(6);
  });

  it('a filter whose rest group is below the threshold is withheld too (no subtracting from the unfiltered figures)', async () => {
    const r = await s.committee.client.get(`${base()}/results?${q('rol:jeugdbeschermer', 'rol:pleegzorg')}`);
    expect(r.body.withheld).toBe('rest_n');
    expect(r.body.n).toBeNull();
    expect(r.body.questions.every((x: any) => x.suppressed)).toBe(true);
    const x = await s.committee.client.get(`${base()}/results/crosstab?row=stel.ouders&col=wachtlijst&${q('rol:jeugdbeschermer', 'rol:pleegzorg')}`);
    expect(x.body.withheld).toBe('rest_n');
  });

  it('filtered figures are controlled against the rest group as well', async () => {
    // pleegzorg (14) against the rest (26): wachtlijst true 4 (small) / false 10; rest true 16 / false 10
    const r = await s.committee.client.get(`${base()}/results?${q('rol:pleegzorg')}`);
    expect(r.body.withheld).toBeNull();
    expect(r.body.n).toBe(14);
    const w = r.body.questions.find((x: any) => x.name === 'wachtlijst');
    expect(w.options.map((o: any) => o.count)).toEqual([null, null]);
    // tevreden: pleegzorg answered 3, 4, 5 (≤ 5 each); the question stays, its cells are withheld
    const tev = r.body.questions.find((x: any) => x.name === 'tevreden');
    expect(tev.options.every((o: any) => o.count === null || o.count === 0)).toBe(true);
    // hulp "netwerk": 14 in the group, 0 in the rest: shown; "thuis": 0 in the group, 20 in the rest: shown
    const hulp = r.body.questions.find((x: any) => x.name === 'hulp');
    expect(hulp.options.find((o: any) => o.value === 'netwerk').count).toBe(14);
    expect(hulp.options.find((o: any) => o.value === 'thuis').count).toBe(0);
  });
});
