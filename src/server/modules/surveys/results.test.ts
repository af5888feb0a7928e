/** Pure parts of the survey results: filters (both spellings, Dutch 400s) and the differencing guard of disclosure control. */
import { describe, expect, it } from 'vitest';
import { compile } from '../../../lib/survey/answers';
import type { SurveyDefinition } from '../../../lib/survey/types';
import { controlList, controlTable, filteredWithheld } from './disclosure';
import { answerAt, parseFilters, passes } from './filters';

const DEF = {
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', title: 'Rol', choices: ['jeugdbeschermer', 'pleegzorg', 'anders'] },
        { type: 'checkbox', name: 'hulp', title: 'Hulp', choices: ['thuis', 'school'] },
        { type: 'boolean', name: 'wachtlijst', title: 'Wachtlijst?' },
        { type: 'rating', name: 'tevreden', title: 'Tevreden', rateMin: 1, rateMax: 5 },
        { type: 'matrix', name: 'stel', title: 'Stellingen', columns: ['oneens', 'eens'], rows: ['a', 'b'] },
        { type: 'comment', name: 'toelichting', title: 'Toelichting' },
      ],
    },
  ],
} as unknown as SurveyDefinition;
const c = compile(DEF);

const status = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return { status: (e as { status?: number }).status, message: (e as Error).message };
  }
};

describe('filters', () => {
  it('reads repeated filter=vraag:waarde and the JSON spelling, typed as in the definition', () => {
    expect(parseFilters({ filter: 'rol:pleegzorg' }, c)).toEqual({ rol: ['pleegzorg'] });
    expect(parseFilters({ filter: ['rol:pleegzorg', 'rol:anders', 'wachtlijst:true', 'tevreden:4', 'stel.a:eens'] }, c)).toEqual({
      rol: ['pleegzorg', 'anders'],
      wachtlijst: [true],
      tevreden: [4],
      'stel.a': ['eens'],
    });
    expect(parseFilters({ filters: JSON.stringify({ rol: ['anders'] }), filter: 'rol:anders' }, c)).toEqual({ rol: ['anders'] });
    expect(parseFilters({}, c)).toEqual({});
  });

  it('refuses unknown and open questions, unknown values and malformed filters with a Dutch 400', () => {
    expect(status(() => parseFilters({ filter: 'onbekend:x' }, c))).toMatchObject({ status: 400, message: expect.stringMatching(/gesloten vraag/) });
    expect(status(() => parseFilters({ filter: 'toelichting:x' }, c))).toMatchObject({ status: 400 });
    expect(status(() => parseFilters({ filter: 'rol:directeur' }, c))).toMatchObject({ status: 400, message: expect.stringMatching(/geen antwoord op de vraag/) });
    expect(status(() => parseFilters({ filter: 'rol' }, c))).toMatchObject({ status: 400, message: expect.stringMatching(/vraag:antwoord/) });
    expect(status(() => parseFilters({ filter: 'stel:eens' }, c))).toMatchObject({ status: 400 });
    expect(status(() => parseFilters({ filter: 'stel.z:eens' }, c))).toMatchObject({ status: 400, message: expect.stringMatching(/tabelvraag/) });
    expect(status(() => parseFilters({ filter: 'rol.x:anders' }, c))).toMatchObject({ status: 400 });
    expect(status(() => parseFilters({ filters: '{kapot' }, c))).toMatchObject({ status: 400, message: expect.stringMatching(/JSON/) });
    expect(status(() => parseFilters({ filters: '{"rol":[]}' }, c))).toMatchObject({ status: 400 });
    expect(status(() => parseFilters({ filter: 'rol:anders' }, null))).toMatchObject({ status: 400 });
    expect(status(() => parseFilters({ filter: Array.from({ length: 51 }, () => 'rol:anders') }, c))).toMatchObject({ status: 400 });
  });

  it('passes: or within a question, and across questions; multiple choice and matrix rows', () => {
    const a = { rol: 'pleegzorg', hulp: ['school'], wachtlijst: false, stel: { a: 'eens' } };
    expect(passes(a, { rol: ['pleegzorg', 'anders'] })).toBe(true);
    expect(passes(a, { rol: ['pleegzorg'], wachtlijst: [true] })).toBe(false);
    expect(passes(a, { wachtlijst: [false] })).toBe(true);
    expect(passes(a, { hulp: ['thuis', 'school'] })).toBe(true);
    expect(passes(a, { hulp: ['thuis'] })).toBe(false);
    expect(passes(a, { 'stel.a': ['eens'] })).toBe(true);
    expect(passes(a, { 'stel.b': ['eens'] })).toBe(false);
    expect(passes(a, { tevreden: [3] })).toBe(false);
    expect(answerAt(a, 'stel.a')).toBe('eens');
    expect(answerAt(a, 'rol.a')).toBeUndefined();
  });
});

describe('disclosure control of filtered figures (differencing guard)', () => {
  it('withholds a filtered cell when the rest group has a small count there', () => {
    // filtered 12 and 20; all 15 and 40 → rest 3 and 20: the first cell would reveal 3 people by subtraction
    expect(controlList([12, 20], 10, [3, 20]).cells).toEqual([null, null]);
    expect(controlList([12, 20, 30], 10, [3, 20, 30]).cells).toEqual([null, null, 30]); // + secondary suppression
    expect(controlList([12, 20], 10, [0, 20]).cells).toEqual([12, 20]);
    expect(controlList([12, 20], 10).cells).toEqual([12, 20]);
  });

  it('does the same for tables', () => {
    const r = controlTable(
      [
        [20, 20],
        [20, 20],
      ],
      10,
      [
        [15, 4],
        [15, 15],
      ],
    );
    expect(r.hit).toBe(true);
    expect(r.cells[0][1]).toBeNull();
    // secondary suppression: no line with exactly one withheld cell
    for (const row of r.cells) expect(row.filter((x) => x === null).length).not.toBe(1);
  });

  it('withholds everything when the filtered group or the rest is below the threshold', () => {
    expect(filteredWithheld(6, 36, 10, true)).toBe('filtered_n');
    expect(filteredWithheld(30, 36, 10, true)).toBe('rest_n');
    expect(filteredWithheld(36, 36, 10, true)).toBeNull();
    expect(filteredWithheld(20, 36, 10, true)).toBeNull();
    expect(filteredWithheld(0, 36, 10, true)).toBeNull();
    expect(filteredWithheld(30, 36, 10, false)).toBeNull();
  });
});
