import { describe, expect, it } from 'vitest';
import { cpLength, cpSlice } from '../text/codepoints';
import { normaliseText } from './normalise';
import { parsePlainText } from './plain';
import { expectWellFormed, turnTexts } from './testkit';

const parse = (s: string, opts?: Parameters<typeof parsePlainText>[1]) => {
  const r = parsePlainText(normaliseText(s), opts);
  expectWellFormed(r);
  return r;
};

describe('parsePlainText', () => {
  it('splits an interview into turns with roles; unlabelled lines continue the turn', () => {
    const r = parse([
      'I: Hoe was de eerste week?',
      'R: Moeilijk. Ze huilde veel.',
      'Ze wilde naar huis.',
      '',
      'En ik ook.',
      'I: Wat hielp?',
    ].join('\n'));
    expect(turnTexts(r)).toEqual([
      'Hoe was de eerste week?',
      'Moeilijk. Ze huilde veel.\nZe wilde naar huis.\n\nEn ik ook.',
      'Wat hielp?',
    ]);
    expect(r.turns.map((t) => [t.speaker, t.role])).toEqual([['I', 'interviewer'], ['R', 'respondent'], ['I', 'interviewer']]);
    expect(r.turns.every((t) => t.startMs === null && t.endMs === null)).toBe(true);
  });

  it('keeps named speakers with a null role and timestamps as startMs', () => {
    const r = parse('[00:01:23] I: Vertel.\n(00:02:05) Sanne: Het begon in maart.\nMohammed El Amrani: Ja.\nMoeder: Klopt.');
    expect(r.turns.map((t) => [t.speaker, t.role, t.startMs])).toEqual([
      ['I', 'interviewer', 83_000],
      ['Sanne', null, 125_000],
      ['Mohammed El Amrani', null, null],
      ['Moeder', null, null],
    ]);
    expect(turnTexts(r)).toEqual(['Vertel.', 'Het begon in maart.', 'Ja.', 'Klopt.']);
  });

  it('does not split on "Let op:" or on a colon far into a line', () => {
    const r = parse('R: Het ging goed.\nLet op: dit was na de zitting.\nDe rechter zei toen heel duidelijk tegen ons: nee.\nDat vond ik moeilijk, want: waarom?');
    expect(r.turns).toHaveLength(1);
    expect(turnTexts(r)[0]).toContain('Let op: dit was na de zitting.');
  });

  it('puts text before the first speaker in unlabelled turns, one per paragraph', () => {
    const r = parse('Interview 4, gezinshuis\nDatum: 3 april\n\nDuur: 50 minuten\n\nI: Begin maar.');
    expect(turnTexts(r)).toEqual(['Interview 4, gezinshuis\nDatum: 3 april', 'Duur: 50 minuten', 'Begin maar.']);
    expect(r.turns.map((t) => t.speaker)).toEqual([null, null, 'I']);
  });

  it("in 'line' mode every unlabelled line is its own turn", () => {
    const r = parse('Titelregel\nTweede regel\nR: antwoord\nvervolg', { unlabelled: 'line' });
    expect(turnTexts(r)).toEqual(['Titelregel', 'Tweede regel', 'antwoord\nvervolg']);
  });

  it('handles a label alone on its line and an empty turn', () => {
    const r = parse('I:\n   De vraag staat op de volgende regel.\nR:\nI: Nog iets?');
    expect(turnTexts(r)).toEqual(['De vraag staat op de volgende regel.', '', 'Nog iets?']);
    expect(r.turns[1].speaker).toBe('R');
  });

  it('has no turns for white space only', () => {
    expect(parse('  \n\n\t\n').turns).toEqual([]);
  });

  it('counts offsets in code points with emoji, combining characters and CRLF', () => {
    const crlf = 'I: Goed 👍🏽 gedaan\r\nR: Café\u0301 é\u0301 ok\r\n\r\nnog 👨‍👩‍👧 iets\r\nI: 🙂';
    const r = parse(crlf);
    expect(r.text).toBe(crlf.replace(/\r\n/g, '\n'));
    expect(turnTexts(r)).toEqual(['Goed 👍🏽 gedaan', 'Café\u0301 é\u0301 ok\n\nnog 👨‍👩‍👧 iets', '🙂']);
    // "I: Goed 👍🏽 gedaan\n" = 3 + 5 + 2 (👍 + skin tone) + 7 + 1 = 18 code points; "R: " → 21
    expect(r.turns[0]).toMatchObject({ start: 3, end: 17 });
    expect(r.turns[1].start).toBe(21);
    expect(r.turns[2].end).toBe(cpLength(r.text));
    // the same text with LF gives the same offsets
    const lf = parse(crlf.replace(/\r\n/g, '\n'));
    expect(lf.turns).toEqual(r.turns);
    // lone CR (old Mac) too
    expect(parse(crlf.replace(/\r\n/g, '\r')).turns).toEqual(r.turns);
    // the code-point offsets differ from UTF-16 indices once an emoji precedes them
    expect(r.text.indexOf('Café')).toBeGreaterThan(r.turns[1].start);
    expect(cpSlice(r.text, r.turns[1].start, r.turns[1].start + 5)).toBe('Café\u0301');
  });

  it('strips a BOM before computing offsets', () => {
    const r = parse('\ufeffR: ja');
    expect(r.text).toBe('R: ja');
    expect(r.turns[0]).toMatchObject({ start: 3, end: 5 });
  });
});
