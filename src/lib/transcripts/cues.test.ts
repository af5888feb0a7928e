import { describe, expect, it } from 'vitest';
import { cpSlice } from '../text/codepoints';
import { parseSrt, parseVtt, sniffCueFormat, splitPayload } from './cues';
import { TranscriptError } from './errors';
import { normaliseText } from './normalise';
import { expectWellFormed, turnTexts } from './testkit';

const vtt = (s: string) => {
  const r = parseVtt(normaliseText(s));
  expectWellFormed(r);
  return r;
};
const srt = (s: string) => {
  const r = parseSrt(normaliseText(s));
  expectWellFormed(r);
  return r;
};

function errorOf(fn: () => unknown): TranscriptError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TranscriptError);
    return err as TranscriptError;
  }
  throw new Error('expected a TranscriptError');
}

describe('WebVTT', () => {
  const sample = [
    'WEBVTT - interview 7',
    'Kind: captions',
    '',
    'NOTE Dit blok is een opmerking',
    'over twee regels: Sanne: niet meenemen',
    '',
    'STYLE',
    '::cue { color: white }',
    '',
    '1',
    '00:00:01.000 --> 00:00:03.500 align:start position:10%',
    '<v Interviewer>Hoe gaat het</v>',
    '<v Interviewer>met je?</v>',
    '',
    'cue-2',
    '00:00:03.500 --> 00:00:05.000',
    '<v Interviewer>Vertel &amp; neem de tijd.</v>',
    '',
    '00:00:05.000 --> 00:00:09.250',
    '<v.loud Sanne de Vries><i>Goed</i>, denk ik.',
    '',
    '00:01:00.000 --> 00:01:02.000',
    'Ik mis <c.yellow>mijn</c> broertje.',
    '',
    '01:00:00.000 --> 01:00:01.000',
    '<v Interviewer>Dank je.</v>',
  ].join('\n');

  it('merges consecutive cues of one speaker, skips NOTE/STYLE, strips tags and keeps times', () => {
    const r = vtt(sample);
    expect(r.text).toBe(
      'Interviewer: Hoe gaat het met je? Vertel & neem de tijd.\nSanne de Vries: Goed, denk ik. Ik mis mijn broertje.\nInterviewer: Dank je.',
    );
    expect(r.turns.map((t) => [t.speaker, t.role, t.startMs, t.endMs])).toEqual([
      ['Interviewer', 'interviewer', 1000, 5000],
      ['Sanne de Vries', null, 5000, 62_000],
      ['Interviewer', 'interviewer', 3_600_000, 3_601_000],
    ]);
    expect(turnTexts(r)).toEqual(['Hoe gaat het met je? Vertel & neem de tijd.', 'Goed, denk ik. Ik mis mijn broertje.', 'Dank je.']);
    expect(r.text).not.toContain('niet meenemen');
  });

  it('splits a cue with two voices and reads "Name: " prefixes (Zoom style)', () => {
    const r = vtt('WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Ja?</v> <v B>Nee.</v>\n\n00:02.000 --> 00:03.000\nR: Toch wel.\nI: Echt?\n\n00:03.000 --> 00:04.000\nZeker.');
    expect(r.turns.map((t) => t.speaker)).toEqual(['A', 'B', 'R', 'I']);
    expect(turnTexts(r)).toEqual(['Ja?', 'Nee.', 'Toch wel.', 'Echt? Zeker.']);
    expect(r.turns[3]).toMatchObject({ startMs: 2000, endMs: 4000 });
  });

  it('keeps each cue without a speaker as its own turn before any speaker is known', () => {
    const r = vtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\neerste\n\n00:00:02.000 --> 00:00:03.000\ntweede');
    expect(turnTexts(r)).toEqual(['eerste', 'tweede']);
    expect(r.text).toBe('eerste\ntweede');
    expect(r.turns.map((t) => t.speaker)).toEqual([null, null]);
  });

  it('counts offsets in code points (emoji, combining characters) and accepts CRLF', () => {
    const r = vtt('WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Zoë>👍🏽 top</v>\r\n\r\n00:00:02.000 --> 00:00:03.000\r\n<v Rene\u0301>e\u0301 ja</v>');
    expect(r.text).toBe('Zoë: 👍🏽 top\nRene\u0301: e\u0301 ja');
    expect(r.turns[0]).toMatchObject({ start: 5, end: 11 });
    // "Zoë: 👍🏽 top\n" = 12 code points, "René: " with combining accent = 7
    expect(r.turns[1]).toMatchObject({ start: 19, end: 24 });
    expect(cpSlice(r.text, 19, 24)).toBe('e\u0301 ja');
  });

  it('decodes entities and drops inline timestamps', () => {
    const [seg] = splitPayload('<00:00:01.000><c>Zij</c> &lt;3 &#128077; &#x1F600;&nbsp;ok &rlm;', 0, 1);
    expect(seg.words).toBe('Zij <3 👍 😀 ok');
  });

  it('refuses a file without the WEBVTT header, with a bad timing line, or without cues', () => {
    expect(errorOf(() => parseVtt('00:00:01.000 --> 00:00:02.000\nHallo')).code).toBe('invalid_vtt');
    expect(errorOf(() => parseVtt('')).message).toMatch(/eerste regel moet "WEBVTT"/);
    const bad = errorOf(() => parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:xx.000\nHallo'));
    expect(bad.code).toBe('invalid_vtt');
    expect(bad.message).toContain('regel 3');
    expect(errorOf(() => parseVtt('WEBVTT\n\nzomaar tekst')).message).toContain('ontbreekt de tijdsaanduiding');
    expect(errorOf(() => parseVtt('WEBVTT\n\nNOTE alleen een notitie')).code).toBe('empty');
    expect(errorOf(() => parseVtt('WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nterug')).message).toContain('einde vóór het begin');
    expect(errorOf(() => parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i></i>')).code).toBe('empty');
  });
});

describe('SubRip', () => {
  it('reads numbered cues, merges speakers and lays out "Speaker: words" lines', () => {
    const r = srt([
      '1',
      '00:01:02,500 --> 00:01:04,000',
      'I: Hoe oud was je',
      'toen?',
      '',
      '2',
      '00:01:04,000 --> 00:01:06,000',
      'R: <i>Zeven.</i>',
      '',
      '3',
      '00:01:06,000 --> 00:01:08,000',
      '{\\an8}Of acht.',
      '',
      '',
      '4',
      '00:01:08,000 --> 00:01:09,000',
      'R: Ik weet het niet meer.',
      '',
    ].join('\n'));
    expect(r.text).toBe('I: Hoe oud was je toen?\nR: Zeven. Of acht. Ik weet het niet meer.');
    expect(r.turns.map((t) => [t.speaker, t.role, t.startMs, t.endMs])).toEqual([
      ['I', 'interviewer', 62_500, 64_000],
      ['R', 'respondent', 64_000, 69_000],
    ]);
    expect(turnTexts(r)).toEqual(['Hoe oud was je toen?', 'Zeven. Of acht. Ik weet het niet meer.']);
  });

  it('accepts CRLF and a BOM-less file with a blank line inside a cue', () => {
    const r = srt('1\r\n00:00:01,000 --> 00:00:02,000\r\nSanne: eerste deel\r\n\r\ntweede deel\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nPiet: 👍🏽');
    expect(turnTexts(r)).toEqual(['eerste deel tweede deel', '👍🏽']);
    expect(r.turns[1]).toMatchObject({ speaker: 'Piet', start: 37, end: 39, startMs: 3000 }); // 👍🏽 = 2 code points;
  });

  it('refuses text without cues and a bad timing line', () => {
    expect(errorOf(() => parseSrt('Gewoon een tekst.\nZonder tijden.')).code).toBe('invalid_srt');
    const e = errorOf(() => parseSrt('1\n00:00:01,000 --> later\nHallo'));
    expect(e.message).toContain('regel 2');
    expect(e.message).toContain('00:00:01,000 --> 00:00:04,000');
  });
});

describe('sniffCueFormat', () => {
  it('recognises pasted WebVTT and SubRip', () => {
    expect(sniffCueFormat('WEBVTT\n\n00:01.000 --> 00:02.000\nx')).toBe('vtt');
    expect(sniffCueFormat('  1\n00:00:01,000 --> 00:00:02,000\nx')).toBe('srt');
    expect(sniffCueFormat('I: WEBVTT is een formaat')).toBeNull();
    expect(sniffCueFormat('1\nEen lijst')).toBeNull();
  });
});
