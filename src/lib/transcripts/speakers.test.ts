import { describe, expect, it } from 'vitest';
import { isSpeakerLabel, matchSpeakerLine, parseClock, roleOf } from './speakers';

describe('matchSpeakerLine', () => {
  const speakers: [string, string, 'interviewer' | 'respondent' | null, number | null, string][] = [
    // line, speaker, role, startMs, words
    ['I: Hoe gaat het?', 'I', 'interviewer', null, 'Hoe gaat het?'],
    ['R: Goed.', 'R', 'respondent', null, 'Goed.'],
    ['Interviewer: Vertel eens.', 'Interviewer', 'interviewer', null, 'Vertel eens.'],
    ['Respondent: Ja.', 'Respondent', 'respondent', null, 'Ja.'],
    ['Int: Oké.', 'Int', 'interviewer', null, 'Oké.'],
    ['Onderzoeker: Dank je.', 'Onderzoeker', 'interviewer', null, 'Dank je.'],
    ['Moeder: Hij was zes.', 'Moeder', null, null, 'Hij was zes.'],
    ['Vader: Klopt.', 'Vader', null, null, 'Klopt.'],
    ['Kind: Ik wilde naar huis.', 'Kind', null, null, 'Ik wilde naar huis.'],
    ['Sanne: Ik weet het niet.', 'Sanne', null, null, 'Ik weet het niet.'],
    ['Mohammed El Amrani: Ja hoor.', 'Mohammed El Amrani', null, null, 'Ja hoor.'],
    ['Ahmed van der Berg: Nee.', 'Ahmed van der Berg', null, null, 'Nee.'],
    ['Respondent 2: En toen?', 'Respondent 2', 'respondent', null, 'En toen?'],
    ['R1: Ja', 'R1', 'respondent', null, 'Ja'],
    ['i: kleine letter', 'i', 'interviewer', null, 'kleine letter'],
    ['I:zonder spatie', 'I', 'interviewer', null, 'zonder spatie'],
    ['[00:01:23] I: Met tijd.', 'I', 'interviewer', 83_000, 'Met tijd.'],
    ['(00:01:23) Sanne: Met tijd.', 'Sanne', null, 83_000, 'Met tijd.'],
    ['[01:02:03.5] R: Lang.', 'R', 'respondent', 3_723_500, 'Lang.'],
    ['[12:34] R: Minuten.', 'R', 'respondent', 754_000, 'Minuten.'],
    ['00:01:23 - R: Streepje.', 'R', 'respondent', 83_000, 'Streepje.'],
    ['I: [00:00:05] Tijd na het label.', 'I', 'interviewer', 5_000, 'Tijd na het label.'],
    ['  R:   ingesprongen', 'R', 'respondent', null, 'ingesprongen'],
    ['José: Hola', 'José', null, null, 'Hola'],
    ['Rene\u0301: samengesteld', 'Rene\u0301', null, null, 'samengesteld'],
    ['Sanne:', 'Sanne', null, null, ''],
    ["O'Neill: ja", "O'Neill", null, null, 'ja'],
    ['Jeugdbeschermer (JB): Dat klopt.', 'Jeugdbeschermer (JB)', null, null, 'Dat klopt.'],
    ['Mevr. De Vries: Ja.', 'Mevr. De Vries', null, null, 'Ja.'],
  ];
  it.each(speakers)('%s → %s', (line, speaker, role, startMs, words) => {
    const m = matchSpeakerLine(line);
    expect(m).not.toBeNull();
    expect(m!.speaker).toBe(speaker);
    expect(m!.role).toBe(role);
    expect(m!.startMs).toBe(startMs);
    expect(line.slice(m!.contentStart)).toBe(words);
  });

  const notSpeakers = [
    'Let op: de deur was dicht.',
    'Let wel: dat was later.',
    'Datum: 12 maart 2024',
    'Hij zei toen tegen mij: ga maar.',
    'Ze zei: nee.',
    'Maar: dat is niet alles.',
    'Toen we terugkwamen uit de vakantie en het huis leeg was: paniek.',
    'Het was 10:30 toen ze kwamen.',
    '10:30: afspraak',
    'https://example.org is de site',
    'Sanne:hallo', // a name must be followed by a space
    'Jan de: nee', // ends with a particle
    'Een Twee Drie Vier Vijf Zes: te veel woorden',
    'AbcdefghijAbcdefghijAbcdefghijAbcdefghijX: te lang label',
    'ja: zeker',
    ': leeg label',
    '',
  ];
  it.each(notSpeakers)('not a speaker: %j', (line) => {
    expect(matchSpeakerLine(line)).toBeNull();
  });

  it('does not look for a colon more than 40 characters into the line', () => {
    const label = 'Mohammed Abdelkader El Amrani Van Bergen'; // 40 characters, 6 words → no
    expect(matchSpeakerLine(`${label}: x`)).toBeNull();
    expect(matchSpeakerLine('Mohammed Abdelkader El Amrani: x')?.speaker).toBe('Mohammed Abdelkader El Amrani');
    expect(matchSpeakerLine(`${'Lange tekst zonder dubbele punt '.repeat(2)}Aan: het eind`)).toBeNull();
  });
});

describe('isSpeakerLabel / roleOf / parseClock', () => {
  it('limits the label to 40 code points', () => {
    expect(isSpeakerLabel('A'.repeat(40))).toBe(true);
    expect(isSpeakerLabel('A'.repeat(41))).toBe(false);
  });
  it('maps roles', () => {
    expect(roleOf('Interviewster')).toBe('interviewer');
    expect(roleOf('R3')).toBe('respondent');
    expect(roleOf('Resp')).toBe('respondent');
    expect(roleOf('Moeder')).toBeNull();
    expect(roleOf('Rik')).toBeNull();
    expect(roleOf(null)).toBeNull();
  });
  it('parses clock times and refuses impossible ones', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('1:00:00,25')).toBe(3_600_250);
    expect(parseClock('75:10')).toBe(4_510_000);
    expect(parseClock('00:61:00')).toBeNull();
    expect(parseClock('00:00:60')).toBeNull();
    expect(parseClock('abc')).toBeNull();
  });
});
