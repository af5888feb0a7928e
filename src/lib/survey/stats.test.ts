import { describe, expect, it } from 'vitest';
import { compile } from './answers';
import { chiSquareTest, completionStats, cramersV, crosstab, summarizeNumbers, summarizeQuestions, suppress } from './stats';
import { professionalsSurveyTemplate } from './template';
import type { Answers, ResponseRecord, SurveyDefinition } from './types';

const def: SurveyDefinition = {
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', choices: [{ value: 'jb', text: { default: 'Jeugdbeschermer', en: 'Child protection worker' } }, 'adv'], showOtherItem: true },
        { type: 'checkbox', name: 'hulp', choices: ['a', 'b', 'c'], showNoneItem: true },
        { type: 'dropdown', name: 'regio', choices: ['n', 'z'] },
        { type: 'boolean', name: 'wacht' },
        { type: 'rating', name: 'score', rateMin: 1, rateMax: 5 },
        { type: 'matrix', name: 'm', rows: ['r1', 'r2'], columns: [1, 2, 3] },
        { type: 'text', name: 'jaren', inputType: 'number' },
        { type: 'comment', name: 'open' },
      ],
    },
  ],
};
const c = compile(def);
const answers: Answers[] = [
  { rol: 'jb', hulp: ['a', 'b'], regio: 'n', wacht: true, score: 3, m: { r1: 1, r2: 3 }, jaren: 3, open: 'x' },
  { rol: 'jb', hulp: ['a'], regio: 'z', wacht: false, score: 5, m: { r1: 2 }, jaren: 5 },
  { rol: 'adv', hulp: ['none'], regio: 'n', wacht: true, score: 4, jaren: 4 },
  { rol: 'other', 'rol-Comment': 'x', score: 4, jaren: 4 },
  { score: 2, jaren: 2 },
  { score: 5, jaren: 5 },
  { score: 3, jaren: 3 },
  { score: 4, jaren: 4 },
  {},
];

describe('summarizeNumbers', () => {
  it('matches R: mean, sd and t.test confidence interval', () => {
    // x <- c(3,5,4,4,2,5,3,4); mean 3.75, sd 1.035098339, t.test CI 2.884636133 4.615363867
    const s = summarizeNumbers([3, 5, 4, 4, 2, 5, 3, 4]);
    expect(s.n).toBe(8);
    expect(s.mean).toBeCloseTo(3.75, 12);
    expect(s.sd).toBeCloseTo(1.035098339, 8);
    expect(s.ci95![0]).toBeCloseTo(2.884636133, 6);
    expect(s.ci95![1]).toBeCloseTo(4.615363867, 6);
    expect(s.median).toBe(4);
    expect([s.min, s.max]).toEqual([2, 5]);
  });
  it('handles empty and single values', () => {
    expect(summarizeNumbers([])).toEqual({ n: 0, mean: null, sd: null, ci95: null, median: null, min: null, max: null });
    expect(summarizeNumbers([7, NaN])).toEqual({ n: 1, mean: 7, sd: null, ci95: null, median: 7, min: 7, max: 7 });
  });
});

describe('summarizeQuestions', () => {
  const s = summarizeQuestions(c, answers);
  const get = (q: string, row?: string) => s.find((x) => x.question === q && x.row === row)!;

  it('counts single choice with percentages of those who answered', () => {
    const rol = get('rol');
    expect(rol.base).toBe(4);
    expect(rol.missing).toBe(5);
    expect(rol.categories!.map((x) => [x.value, x.count, x.percent])).toEqual([
      ['jb', 2, 50],
      ['adv', 1, 25],
      ['other', 1, 25],
    ]);
    expect(rol.categories![0].label).toBe('Jeugdbeschermer');
    expect(summarizeQuestions(c, answers, { locale: 'en' })[0].categories![0].label).toBe('Child protection worker');
  });

  it('counts multiple choice per option (may add up to more than 100%)', () => {
    const h = get('hulp');
    expect(h.multiple).toBe(true);
    expect(h.base).toBe(3);
    expect(h.categories!.map((x) => x.count)).toEqual([2, 1, 0, 1]);
    expect(h.categories![0].percent).toBeCloseTo(66.667, 2);
  });

  it('counts dropdown, boolean and rating, with mean and CI for ratings and numbers', () => {
    expect(get('regio').categories!.map((x) => x.count)).toEqual([2, 1]);
    expect(get('wacht').categories!.map((x) => [x.value, x.count])).toEqual([
      [true, 2],
      [false, 1],
    ]);
    const score = get('score');
    expect(score.categories!.map((x) => x.count)).toEqual([0, 1, 2, 3, 2]);
    expect(score.numeric!.mean).toBeCloseTo(3.75, 12);
    expect(score.numeric!.ci95![0]).toBeCloseTo(2.884636133, 6);
    expect(get('jaren').numeric!.n).toBe(8);
    expect(get('jaren').categories).toBeUndefined();
  });

  it('counts matrix rows separately', () => {
    expect(get('m', 'r1').categories!.map((x) => x.count)).toEqual([1, 1, 0]);
    expect(get('m', 'r2')).toMatchObject({ base: 1, missing: 8, title: 'm – r2' });
  });

  it('gives base and missing for open questions', () => {
    expect(get('open')).toMatchObject({ base: 1, missing: 8 });
    expect(get('open').categories).toBeUndefined();
  });

  it('accepts ResponseRecords as well as answer objects', () => {
    const recs: ResponseRecord[] = answers.map((a, i) => ({ id: `r${i}`, answers: a, startedAt: null, completedAt: null, version: 1 }));
    expect(summarizeQuestions(c, recs)).toEqual(s);
  });
});

describe('chi-square and crosstab', () => {
  it("textbook 2×3 table (Agresti, party identification by gender; R's chisq.test example): χ², df, p and Cramér's V", () => {
    // R: chisq.test(as.table(rbind(c(762, 327, 468), c(484, 239, 477)))) → X-squared = 30.07, df = 2, p-value = 2.954e-07
    // scipy.stats.chi2_contingency: 30.070149095754672, p 2.9535891832117595e-07; association(method='cramer') 0.10443580235646777
    const r = chiSquareTest([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expect(r.chiSquare!.toFixed(3)).toBe('30.070');
    expect(r.df).toBe(2);
    expect(r.p!).toBeCloseTo(2.9535891832117595e-7, 12);
    expect(r.cramersV!.toFixed(3)).toBe('0.104');
    expect(r.cramersV!).toBeCloseTo(0.10443580235646777, 9);
    expect(r.expectedBelow5).toBe(0);
  });

  it("Cramér's V: bounds and undefined cases", () => {
    expect(chiSquareTest([[10, 0], [0, 10]]).cramersV).toBeCloseTo(1, 12);
    expect(chiSquareTest([[10, 10], [10, 10]]).cramersV).toBe(0);
    expect(chiSquareTest([[5, 6]]).cramersV).toBeNull();
    expect(cramersV(4, 0, 2, 2)).toBeNull();
    expect(cramersV(4, 100, 1, 3)).toBeNull();
    expect(cramersV(8, 100, 3, 4)).toBeCloseTo(0.2, 12);
  });

  it('2×2 textbook table (R: chisq.test(correct = FALSE))', () => {
    const r = chiSquareTest([
      [10, 20],
      [30, 40],
    ]);
    expect(r.chiSquare!).toBeCloseTo(0.7936507937, 8);
    expect(r.df).toBe(1);
    expect(Math.abs(r.p! - 0.3729984836)).toBeLessThan(1e-6);
    expect(r.expected).toEqual([
      [12, 18],
      [28, 42],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('3×2 table', () => {
    const r = chiSquareTest([
      [20, 30],
      [25, 25],
      [15, 35],
    ]);
    expect(r.chiSquare!).toBeCloseTo(4.1666666667, 8);
    expect(r.df).toBe(2);
    expect(Math.abs(r.p! - 0.1245144714)).toBeLessThan(1e-6);
  });

  it('warns for small expected counts (Cochran) and still computes', () => {
    const r = chiSquareTest([
      [3, 4],
      [1, 0],
      [2, 5],
    ]);
    expect(r.chiSquare!).toBeCloseTo(1.9047619048, 8);
    expect(Math.abs(r.p! - 0.3858213068)).toBeLessThan(1e-6);
    expect(r.expectedBelow5).toBe(6);
    expect(r.expectedBelow1).toBe(2);
    expect(r.warnings[0]).toMatch(/onbetrouwbaar: 6 van de 6 verwachte aantallen zijn kleiner dan 5 en 2 kleiner dan 1/);
  });

  it('leaves out empty rows and columns, and refuses a test with fewer than two', () => {
    const r = chiSquareTest([
      [10, 0, 20],
      [0, 0, 0],
      [30, 0, 40],
    ]);
    expect(r.df).toBe(1);
    expect(r.chiSquare!).toBeCloseTo(0.7936507937, 8);
    expect(chiSquareTest([[5, 6]]).chiSquare).toBeNull();
    expect(chiSquareTest([[5, 6]]).warnings[0]).toMatch(/Te weinig/);
  });

  it('crosstabs two closed questions from responses', () => {
    const rows: Answers[] = [];
    const add = (rol: string, wacht: boolean, n: number) => {
      for (let i = 0; i < n; i++) rows.push({ rol, wacht });
    };
    add('jb', true, 10);
    add('jb', false, 20);
    add('adv', true, 30);
    add('adv', false, 40);
    rows.push({ rol: 'jb' }); // not both answered
    const t = crosstab(c, rows, 'rol', 'wacht');
    expect(t.n).toBe(100);
    expect(t.rows.categories.map((x) => x.value)).toEqual(['jb', 'adv', 'other']);
    expect(t.cols.categories.map((x) => x.label)).toEqual(['Ja', 'Nee']);
    expect(t.counts).toEqual([
      [10, 20],
      [30, 40],
      [0, 0],
    ]);
    expect(t.rowTotals).toEqual([30, 70, 0]);
    expect(t.df).toBe(1);
    expect(Math.abs(t.p! - 0.3729984836)).toBeLessThan(1e-6);
  });

  it('crosstabs a matrix row and rejects open or multiple-answer questions', () => {
    const t = crosstab(c, answers, 'm.r1', 'regio');
    expect(t.counts).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(() => crosstab(c, answers, 'hulp', 'rol')).toThrow(/geen gesloten vraag/);
    expect(() => crosstab(c, answers, 'open', 'rol')).toThrow(/geen gesloten vraag/);
    expect(() => crosstab(c, answers, 'm', 'rol')).toThrow(/rij/);
    expect(() => crosstab(c, answers, 'nope', 'rol')).toThrow(/Onbekende vraag/);
  });

  it('works on the template (role × waiting list)', () => {
    const t = crosstab(professionalsSurveyTemplate(), [{ rol: 'advocaat', wachtlijst: true }], 'rol', 'wachtlijst');
    expect(t.n).toBe(1);
    expect(t.chiSquare).toBeNull();
  });
});

describe('completionStats', () => {
  it('counts invited, started, completed, duration and drop-off per page', () => {
    const r = (start: string | null, end: string | null, lastPage?: number | null) => ({ startedAt: start, completedAt: end, lastPage });
    const s = completionStats(
      [
        r('2024-03-01T10:00:00Z', '2024-03-01T10:10:00Z', 2),
        r('2024-03-01T10:00:00Z', '2024-03-01T10:20:00Z'),
        r('2024-03-01T10:00:00Z', '2024-03-01T10:30:00Z', 2),
        r('2024-03-01T10:00:00Z', null, 0),
        r('2024-03-01T10:00:00Z', null, 1),
        r('2024-03-01T10:00:00Z', null, 1),
        r('2024-03-01T10:00:00Z', null, null),
        r(null, null, 7),
      ],
      { invited: 20, pageCount: 3, pageNames: ['a', 'b', 'c'] },
    );
    expect(s).toMatchObject({ invited: 20, started: 8, completed: 3, medianDurationSeconds: 1200 });
    expect(s.completionRate).toBeCloseTo(3 / 8, 12);
    expect(s.responseRate).toBeCloseTo(3 / 20, 12);
    expect(s.pages).toEqual([
      { page: 0, name: 'a', reached: 8, droppedOut: 2, dropOutRate: 2 / 8 },
      { page: 1, name: 'b', reached: 6, droppedOut: 2, dropOutRate: 2 / 6 },
      { page: 2, name: 'c', reached: 4, droppedOut: 1, dropOutRate: 1 / 4 },
    ]);
  });

  it('handles no responses and unknown invitations', () => {
    const s = completionStats([], { pageCount: 2 });
    expect(s).toMatchObject({ invited: null, started: 0, completed: 0, completionRate: null, responseRate: null, medianDurationSeconds: null });
    expect(s.pages[0]).toEqual({ page: 0, reached: 0, droppedOut: 0, dropOutRate: null });
  });
});

describe('suppress', () => {
  it('blanks cells below the threshold and flags it', () => {
    expect(suppress([12, 3, 0, 10], 10)).toEqual({ cells: [12, null, null, 10], suppressed: true, suppressedCount: 2 });
    expect(suppress([12, 3, 0, 10], 10, { keepZeros: true })).toEqual({ cells: [12, null, 0, 10], suppressed: true, suppressedCount: 1 });
    expect(
      suppress(
        [
          [20, 4],
          [5, 30],
        ],
        5,
      ),
    ).toEqual({
      cells: [
        [20, null],
        [5, 30],
      ],
      suppressed: true,
      suppressedCount: 1,
    });
    expect(suppress([50, 60], 10)).toEqual({ cells: [50, 60], suppressed: false, suppressedCount: 0 });
  });
});
