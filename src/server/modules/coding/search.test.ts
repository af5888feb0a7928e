import { describe, expect, it } from 'vitest';
import { CodePointIndex, cpSlice } from '../../../lib/text/codepoints';
import { describeTerms, findMatches, parseQuery, snippet, tokenize, wordsToStem } from './search';
import { checkUnits, contextOf, extentOf, prepareText } from './coding.service';

describe('tokenize', () => {
  it('gives lower-case NFC words with code-point offsets (emoji, combining marks)', () => {
    const text = '👍🏽 Zoe\u0308 en Café-bezoek, 12 keer!';
    const toks = tokenize(text);
    expect(toks.map((t) => t.word)).toEqual(['zoë', 'en', 'café', 'bezoek', '12', 'keer']);
    for (const t of toks) expect(cpSlice(text, t.start, t.end).normalize('NFC').toLowerCase()).toBe(t.word);
    expect(toks[0].start).toBe(3); // two code points of emoji, one space
  });
});

describe('parseQuery', () => {
  it('reads words, "phrases" and prefix*', () => {
    expect(parseQuery('Gesprekken "met de  Voogd" pleeg* "enkel"')).toEqual([
      { kind: 'word', word: 'gesprekken' },
      { kind: 'phrase', words: ['met', 'de', 'voogd'] },
      { kind: 'prefix', prefix: 'pleeg' },
      { kind: 'word', word: 'enkel' },
    ]);
    expect(parseQuery('"niet gesloten')).toEqual([{ kind: 'phrase', words: ['niet', 'gesloten'] }]);
    expect(parseQuery('!!! ...')).toEqual([]);
    expect(parseQuery('kind kind')).toHaveLength(1);
  });
});

describe('findMatches', () => {
  const stems = new Map<string, string | null>([
    ['gesprek', 'gesprek'],
    ['gesprekken', 'gesprek'],
    ['de', null],
    ['voogd', 'voogd'],
  ]);
  it('matches by stem, stop words exactly, phrases in order, one hit per place', () => {
    const text = 'Het gesprek met de voogd. Gesprekken met De Voogd!';
    const toks = tokenize(text);
    const hits = (q: string) => findMatches(toks, parseQuery(q), stems).map((m) => cpSlice(text, m.start, m.end));
    expect(hits('gesprekken')).toEqual(['gesprek', 'Gesprekken']);
    expect(hits('de')).toEqual(['de', 'De']);
    expect(hits('"de voogd"')).toEqual(['de voogd', 'De Voogd']);
    expect(hits('voogd "de voogd"')).toEqual(['de voogd', 'De Voogd']);
    expect(hits('ges*')).toEqual(['gesprek', 'Gesprekken']);
    expect(describeTerms(parseQuery('gesprekken "de voogd" ges*'), stems)).toEqual(['gesprek', '"de voogd"', 'ges*']);
    expect(wordsToStem(parseQuery('gesprekken "x y"'), toks)).toContain('gesprekken');
  });
});

describe('snippet', () => {
  it('cuts at spaces and keeps the hit offsets right (line breaks become spaces one for one)', () => {
    const text = `${'woord '.repeat(30)}👍🏽 het\r\ngesprek 😀 ging goed ${'verder '.repeat(30)}`;
    const idx = new CodePointIndex(text);
    const toks = tokenize(text, idx);
    const t = toks.find((x) => x.word === 'gesprek')!;
    const sn = snippet(idx, t.start, t.end);
    expect(cpSlice(sn.text, sn.hitStart, sn.hitEnd)).toBe('gesprek');
    expect(sn.text).not.toMatch(/[\r\n]/);
    expect(sn.text.startsWith('woord') || sn.text.startsWith('👍')).toBe(true);
  });
});

describe('texts, units, extents and context', () => {
  it('prepareText normalises line ends and broken surrogates, and refuses empty or too long texts', () => {
    expect(prepareText('\ufeffa\r\nb\rc')).toEqual({ text: 'a\nb\nc', length: 5 });
    expect(prepareText('x\ud800y').text).toBe('x\ufffdy');
    expect(() => prepareText(' \n ')).toThrow(/leeg/);
    expect(() => prepareText('a'.repeat(1_000_001))).toThrow(/te lang/);
  });

  it('checkUnits sorts units and refuses ones outside the text or overlapping', () => {
    const u = (start: number, end: number) => ({ start, end, speaker: null, role: null, startMs: null, endMs: null });
    expect(checkUnits([u(5, 8), u(0, 4)], 10).map((x) => x.start)).toEqual([0, 5]);
    expect(() => checkUnits([u(0, 11)], 10)).toThrow(/binnen de tekst/);
    expect(() => checkUnits([u(0, 5), u(4, 8)], 10)).toThrow(/overlapt/);
  });

  it('extends a hit to its sentence or turn; context is the turn or ±200 code points', () => {
    const text = 'I: Hoe ging het?\nR: Het ging goed. Daarna minder goed.\nI: Waarom?';
    const units = [
      { start: 3, end: 16, speaker: 'I', role: 'interviewer' as const, startMs: null, endMs: null },
      { start: 20, end: 54, speaker: 'R', role: 'respondent' as const, startMs: null, endMs: null },
      { start: 58, end: 65, speaker: 'I', role: 'interviewer' as const, startMs: null, endMs: null },
    ];
    const idx = new CodePointIndex(text);
    const hit = { start: text.indexOf('minder'), end: text.indexOf('minder') + 6 };
    const cut = (s: { start: number; end: number }) => cpSlice(text, s.start, s.end);
    expect(cut(extentOf(text, units, hit, 'hit', {}))).toBe('minder');
    expect(cut(extentOf(text, units, hit, 'sentence', {}))).toBe('Daarna minder goed.');
    expect(cut(extentOf(text, units, hit, 'turn', {}))).toBe('Het ging goed. Daarna minder goed.');
    expect(cut(extentOf(text, [], hit, 'turn', {}))).toBe('R: Het ging goed. Daarna minder goed.');
    const ctx = contextOf(idx, units, hit, 'turn');
    expect([cut(ctx), ctx.speaker]).toEqual(['Het ging goed. Daarna minder goed.', 'R']);
    expect(cut(contextOf(idx, units, hit, 'chars'))).toBe(text);
  });
});
