/** Pure parts of open answers to coding: which questions are open, and closed answers as attributes. */
import { describe, expect, it } from 'vitest';
import { describe as describeInstrument } from '../../../lib/survey/definition';
import { closedAttributes, isOpenQuestion, openAnswerText } from './open-answers';

const info = describeInstrument({
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'rol', choices: [{ value: 'jb', text: { default: 'Jeugdbeschermer', en: 'Guardian' } }, 'anders'] },
        { type: 'dropdown', name: 'regio', choices: ['Noord', 'Zuid'] },
        { type: 'boolean', name: 'wacht', title: 'Wachtlijst?' },
        { type: 'rating', name: 'cijfer', rateMin: 1, rateMax: 5 },
        { type: 'checkbox', name: 'hulp', choices: [{ value: 1, text: 'Een' }, { value: 2, text: 'Twee' }], showOtherItem: true },
        { type: 'ranking', name: 'rang', choices: ['x', 'y'] },
        { type: 'matrix', name: 'm', columns: [{ value: 1, text: 'Oneens' }, { value: 2, text: 'Eens' }], rows: [{ value: 'r1', text: 'Stelling' }, 'r2'] },
        { type: 'text', inputType: 'number', name: 'jaren' },
        { type: 'text', inputType: 'date', name: 'datum' },
        { type: 'text', inputType: 'email', name: 'mail' },
        { type: 'text', name: 'kort' },
        { type: 'comment', name: 'lang' },
      ],
    },
  ],
});

describe('open answers', () => {
  it('knows open questions: long text and plain short text only', () => {
    expect(info.questions.filter(isOpenQuestion).map((q) => q.name)).toEqual(['kort', 'lang']);
  });
  it('takes non-empty trimmed strings as answer texts', () => {
    expect(openAnswerText('  tekst \n')).toBe('tekst');
    expect(openAnswerText('   ')).toBeNull();
    expect(openAnswerText(3)).toBeNull();
    expect(openAnswerText(undefined)).toBeNull();
  });
  it('turns closed answers into Dutch labels by question name and leaves free texts out', () => {
    const a = closedAttributes(info, {
      rol: 'jb',
      regio: 'Zuid',
      wacht: false,
      cijfer: 4,
      hulp: [2, 'other'],
      'hulp-Comment': 'Mijn naam is Jan',
      rang: ['y', 'x'],
      m: { r1: 2, r2: 1 },
      jaren: 12,
      datum: '2025-01-31',
      mail: 'jan@example.org',
      kort: 'vrij',
      lang: 'vrije tekst',
    });
    expect(a).toMatchObject({ rol: 'Jeugdbeschermer', regio: 'Zuid', cijfer: '4', rang: 'y > x', 'm.r1': 'Eens', 'm.r2': 'Oneens', jaren: '12', datum: '2025-01-31' });
    expect(a.hulp).toMatch(/^Twee; /);
    expect(typeof a.wacht).toBe('string');
    expect(Object.keys(a)).not.toEqual(expect.arrayContaining(['mail']));
    expect(JSON.stringify(a)).not.toMatch(/Jan|jan@|vrij/);
    expect(closedAttributes(info, {})).toEqual({});
  });
});
