import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { caseInput } from '../../../shared/dossiers';
import type { CaseInput, ImportProblem } from '../../../shared/dossiers';
import { generateCohort } from './generate';
import { MAX_PROBLEMS, parseInterchange, protectCell, serializeInterchange, unprotectCell } from './interchange';

const CASES_HEADER = 'case_id,birth_month,sex,region,placement_reasons,parent_factors';
const EVENTS_HEADER = 'case_id,date,type,detail';

function problemsOf(cases: string, events: string): ImportProblem[] {
  const r = parseInterchange(cases, events);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}
/** "file:line" of every problem, for compact assertions. */
const where = (ps: ImportProblem[]) => ps.map((p) => `${p.file}:${p.line}`);

describe('parseInterchange: good input', () => {
  it('reads a small pair of files into CaseInput', () => {
    const cases = [CASES_HEADER, 'K-1,2012-05,f,Utrecht,neglect;parental_conflict,trauma', 'K-2,2015-11,unknown,,,'].join('\n');
    const events = [
      EVENTS_HEADER,
      'K-1,2018-03-01,placement_start,foster_kin',
      'K-1,2018-02-20,muhp_start,beschikking rb Midden-Nederland',
      'K-1,2023-12-31,observation_end,',
      'K-2,2023-12-31,observation_end,',
    ].join('\n');
    const r = parseInterchange(cases, events);
    expect(r).toEqual({
      ok: true,
      cases: [
        {
          code: 'K-1',
          birthMonth: '2012-05',
          sex: 'f',
          region: 'Utrecht',
          institution: '',
          siblings: null,
          placementReasons: ['neglect', 'parental_conflict'],
          parentFactors: ['trauma'],
          status: 'in_progress',
          events: [
            { date: '2018-03-01', type: 'placement_start', detail: 'foster_kin' },
            { date: '2018-02-20', type: 'muhp_start', detail: 'beschikking rb Midden-Nederland' },
            { date: '2023-12-31', type: 'observation_end', detail: '' },
          ],
        },
        {
          code: 'K-2',
          birthMonth: '2015-11',
          sex: 'unknown',
          region: '',
          institution: '',
          siblings: null,
          placementReasons: [],
          parentFactors: [],
          status: 'in_progress',
          events: [{ date: '2023-12-31', type: 'observation_end', detail: '' }],
        },
      ],
    });
    if (r.ok) for (const c of r.cases) expect(caseInput.parse(c)).toEqual(c);
  });

  it('tolerates a BOM, CRLF, whitespace around cells, blank and trailing empty lines, and another column order', () => {
    const cases = '\uFEFF' + ['sex , case_id,birth_month,region,placement_reasons,parent_factors', ' m , K-1 , 2012-05 ,  Utrecht , neglect ; other , ', '', ''].join('\r\n');
    const events = '\uFEFF' + [EVENTS_HEADER, '', 'K-1 , 2018-03-01 , placement_start , crisis ', 'K-1,2023-12-31,observation_end,', '', '   ', ''].join('\r\n');
    const r = parseInterchange(cases, events);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.cases[0]).toMatchObject({ code: 'K-1', sex: 'm', region: 'Utrecht', placementReasons: ['neglect', 'other'], parentFactors: [] });
    expect(r.cases[0].events[0]).toEqual({ date: '2018-03-01', type: 'placement_start', detail: 'crisis' });
  });
});

describe('parseInterchange: every bad row with its line', () => {
  it('checks the headers', () => {
    const ps = problemsOf('case_id,birth,sex,region,placement_reasons,parent_factors,extra\nK-1,2012-05,f,,,\n', 'case_id,date,type\n');
    expect(where(ps)).toEqual(['cases:1', 'events:1']);
    expect(ps[0].message).toMatch(/Ontbrekend: birth_month/);
    expect(ps[0].message).toMatch(/Onbekend: birth, extra/);
    expect(ps[1].message).toMatch(/Ontbrekend: detail/);
    expect(where(problemsOf('', `${EVENTS_HEADER}\n`))).toEqual(['cases:1']);
    expect(problemsOf('', `${EVENTS_HEADER}\n`)[0].message).toMatch(/leeg/);
    expect(problemsOf(`${CASES_HEADER},case_id\n`, `${EVENTS_HEADER}\n`)[0].message).toMatch(/Dubbel: case_id/);
  });

  it('reports every bad cases.csv row', () => {
    const cases = [
      CASES_HEADER, // 1
      'K-1,2012-05,f,,,', // 2 good
      'K-1,2013-05,f,,,', // 3 duplicate
      ',2012-05,f,,,', // 4 empty id
      'K 2,2012-05,f,,,', // 5 bad characters
      'K-3,2012-13,f,,,', // 6 bad month
      'K-4,2012-5,m,,,', // 7 bad format
      'K-5,2012-05,v,,,', // 8 bad sex
      'K-6,2012-05,f,,neglect;poverty,', // 9 unknown reason
      'K-7,2012-05,f,,,trauma;trauma', // 10 duplicate factor
      `K-8,2012-05,f,${'x'.repeat(101)},,`, // 11 region too long
      'K-9,2012-05,f', // 12 too few fields
      `${'K'.repeat(41)},2012-05,f,,,`, // 13 id too long
      'K-10,2012-05,f,,,', // 14 good but no observation_end
    ].join('\n');
    const events = [EVENTS_HEADER, 'K-1,2023-12-31,observation_end,'].join('\n');
    const ps = problemsOf(cases, events);
    expect(where(ps)).toEqual(['cases:3', 'cases:4', 'cases:5', 'cases:6', 'cases:7', 'cases:8', 'cases:9', 'cases:10', 'cases:11', 'cases:12', 'cases:13', 'cases:14']);
    const msg = (line: number) => ps.find((p) => p.line === line)!.message;
    expect(msg(3)).toMatch(/K-1.*regel 2/);
    expect(msg(4)).toMatch(/case_id is leeg/);
    expect(msg(5)).toMatch(/letters, cijfers/);
    expect(msg(6)).toMatch(/birth_month "2012-13"/);
    expect(msg(7)).toMatch(/JJJJ-MM/);
    expect(msg(8)).toMatch(/sex "v"/);
    expect(msg(9)).toMatch(/"poverty"/);
    expect(msg(10)).toMatch(/trauma staat er meer dan eens in/);
    expect(msg(11)).toMatch(/region/);
    expect(msg(12)).toMatch(/Verwacht 6 velden, gevonden 3/);
    expect(msg(13)).toMatch(/langer dan 40/);
    expect(msg(14)).toMatch(/K-10.*geen observation_end/);
  });

  it('reports every bad events.csv row, counting lines inside quoted cells', () => {
    const cases = [CASES_HEADER, 'K-1,2012-05,f,,,', 'K-2,2012-05,f,,,'].join('\n');
    const events = [
      EVENTS_HEADER, // 1
      'K-1,2018-03-01,placement_start,crisis', // 2
      'K-1,2018-03-05,ots_start,"twee', // 3
      'regels, met komma"', // 4
      'K-9,2018-03-01,ots_start,', // 5 unknown case
      'K-1,01-03-2018,ots_start,', // 6 bad date format
      'K-1,2018-02-30,ots_start,', // 7 no such date
      'K-1,2018-03-01,uithuisplaatsing,', // 8 unknown type
      'K-1,2018-03-01,placement_move,pleeggezin', // 9 detail not in vocabulary
      'K-1,2018-03-01,case_end,', // 10 empty detail for a vocabulary type
      'K-1,2023-12-31,observation_end,', // 11
      'K-1,2023-12-31,observation_end,', // 12 second observation_end
      'K-1,2018-03-01,ots_start', // 13 too few fields
      `K-1,2018-03-01,ots_start,${'y'.repeat(501)}`, // 14 detail too long
      'K-2,2023-12-31,observation_end,', // 15
      '', // trailing
    ].join('\n');
    const ps = problemsOf(cases, events);
    expect(where(ps)).toEqual(['events:5', 'events:6', 'events:7', 'events:8', 'events:9', 'events:10', 'events:12', 'events:13', 'events:14']);
    const msg = (line: number) => ps.find((p) => p.line === line)!.message;
    expect(msg(5)).toMatch(/"K-9" staat niet in cases.csv/);
    expect(msg(6)).toMatch(/JJJJ-MM-DD/);
    expect(msg(7)).toMatch(/bestaat niet/);
    expect(msg(8)).toMatch(/type "uithuisplaatsing" is onbekend/);
    expect(msg(9)).toMatch(/detail "pleeggezin" past niet bij placement_move/);
    expect(msg(10)).toMatch(/detail "" past niet bij case_end/);
    expect(msg(12)).toMatch(/meer dan één observation_end/);
    expect(msg(13)).toMatch(/Verwacht 4 velden/);
    expect(msg(14)).toMatch(/langer dan 500/);
  });

  it('reports an unclosed quote on the row where it starts', () => {
    const ps = problemsOf(`${CASES_HEADER}\nK-1,2012-05,f,"Utrecht,,\nK-2,2012-05,f,,,\n`, `${EVENTS_HEADER}\n`);
    expect(where(ps)).toEqual(['cases:2', 'cases:2']);
    expect(ps[0].message).toMatch(/aanhalingsteken/);
  });

  it('reports several problems on one row, each with the same line', () => {
    const ps = problemsOf(`${CASES_HEADER}\nK-1,2012-05,f,,,\n`, `${EVENTS_HEADER}\nK-1,2018-02-30,nope,\nK-1,2023-12-31,observation_end,\n`);
    expect(where(ps)).toEqual(['events:2', 'events:2']);
  });

  it(`caps the report at ${MAX_PROBLEMS} problems with a final "… en N meer"`, () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `K-${i},2012-05,q,,,`); // bad sex on every row
    const ps = problemsOf([CASES_HEADER, ...rows].join('\n'), `${EVENTS_HEADER}\n`);
    // 1500 bad rows; no case is valid, so no per-case checks
    expect(ps).toHaveLength(MAX_PROBLEMS + 1);
    expect(ps[0]).toMatchObject({ file: 'cases', line: 2 });
    expect(ps[MAX_PROBLEMS - 1].line).toBe(MAX_PROBLEMS + 1);
    expect(ps[MAX_PROBLEMS].message).toBe('… en 500 meer');
  });
});

describe('serializeInterchange', () => {
  const tricky: CaseInput = {
    code: '-K.1',
    birthMonth: '2012-05',
    sex: 'x',
    region: '=HYPERLINK("http://evil")',
    institution: '',
    siblings: null,
    placementReasons: ['other'],
    parentFactors: ['addiction', 'debts_housing'],
    status: 'in_progress',
    events: [
      { date: '2023-12-31', type: 'observation_end', detail: '' },
      { date: '2018-03-01', type: 'muhp_start', detail: '+31 6 1234' },
      { date: '2018-03-01', type: 'ots_start', detail: '@SUM(A1)' },
      { date: '2018-03-02', type: 'placement_start', detail: 'crisis' },
      { date: '2018-04-01', type: 'ots_extension', detail: "'=al beschermd" },
      { date: '2018-04-02', type: 'ots_end', detail: "'gewoon apostrof" },
      { date: '2018-04-03', type: 'parent_help_start', detail: 'regel 1\nregel 2, met "aanhalingstekens"' },
      { date: '2018-04-04', type: 'parent_help_end', detail: '-5' },
    ],
  };

  it('neutralises formulas when writing and restores them when reading', () => {
    const out = serializeInterchange([tricky]);
    const cells = Papa.parse<string[]>(out.events, { skipEmptyLines: true }).data.map((r) => r[3]);
    expect(cells).toContain("'+31 6 1234");
    expect(cells).toContain("'@SUM(A1)");
    expect(cells).toContain("''=al beschermd");
    expect(cells).toContain("'gewoon apostrof");
    expect(cells).toContain("'-5");
    expect(out.cases).toContain(`'=HYPERLINK`);
    expect(out.cases.split('\r\n')[0]).toBe(CASES_HEADER);
    expect(out.events.split('\r\n')[0]).toBe(EVENTS_HEADER);
    for (const v of ['=1', '+1', '-1', '@1', "'=1", "''+1", "'x", 'x', '']) expect(unprotectCell(protectCell(v))).toBe(v);
  });

  it('round-trips: parse(serialize(x)) = x, events sorted by date per case', () => {
    const sorted = { ...tricky, events: [...tricky.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) };
    const out = serializeInterchange([sorted]);
    const back = parseInterchange(out.cases, out.events);
    expect(back).toEqual({ ok: true, cases: [sorted] });
    // the unsorted input comes back sorted by date, ties in their given order
    expect(parseInterchange(serializeInterchange([tricky]).cases, serializeInterchange([tricky]).events)).toEqual({ ok: true, cases: [sorted] });
  });

  it('the extended files also carry institution, siblings and status, and round-trip them', () => {
    const full: CaseInput = { ...tricky, events: [...tricky.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)), institution: '=GI-7', siblings: 3, status: 'verified' };
    const bare: CaseInput = { ...full, code: 'K-BARE', institution: '', siblings: null, status: 'complete' };
    const out = serializeInterchange([full, bare], { extended: true });
    expect(out.cases.split('\r\n')[0]).toBe(`${CASES_HEADER},institution,siblings,status`);
    expect(out.cases).toContain(`'=GI-7,3,verified`);
    expect(parseInterchange(out.cases, out.events)).toEqual({ ok: true, cases: [full, bare] });
    // the plain export stays exactly the six columns of the format
    expect(serializeInterchange([full]).cases.split('\r\n')[0]).toBe(CASES_HEADER);
    // an extra column may come in any order and alone; bad values are reported per row
    const cases = ['status,case_id,birth_month,sex,region,placement_reasons,parent_factors,siblings', 'complete,K-1,2012-05,f,,,,31', 'klaar,K-2,2012-05,f,,,,2.5', 'verified,K-3,2012-05,f,,,,'].join('\n');
    const events = [EVENTS_HEADER, 'K-1,2023-12-31,observation_end,', 'K-2,2023-12-31,observation_end,', 'K-3,2023-12-31,observation_end,'].join('\n');
    const ps = problemsOf(cases, events);
    expect(ps.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      'cases:2 siblings "31" is geen aantal van 0 tot en met 30 (of leeg).',
      'cases:3 siblings "2.5" is geen aantal van 0 tot en met 30 (of leeg).',
      'cases:3 status "klaar" is onbekend; toegestaan: in_progress, complete, verified.',
    ]);
    const ok = parseInterchange(cases.replace(',31', ',0').replace('klaar', 'complete').replace(',2.5', ','), events);
    expect(ok.ok && ok.cases.map((c) => [c.code, c.status, c.siblings])).toEqual([['K-1', 'complete', 0], ['K-2', 'complete', null], ['K-3', 'verified', null]]);
    expect(problemsOf(`${CASES_HEADER},remarks\n`, `${EVENTS_HEADER}\n`)[0].message).toMatch(/mag daarnaast institution,siblings,status bevatten.*Onbekend: remarks/);
  });

  it('round-trips a generated cohort', () => {
    const cohort = generateCohort({ cases: 2000, seed: 5 });
    const out = serializeInterchange(cohort);
    const back = parseInterchange(out.cases, out.events);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.cases).toEqual(cohort);
  });
});
