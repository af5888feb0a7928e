import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpLength, cpSlice } from '../text/codepoints';
import { parseTranscript, sentenceUnits, TranscriptError, type TranscriptInput } from './index';
import { buildDocx, expectWellFormed, turnTexts, utf8 } from './testkit';

async function errorOf(input: TranscriptInput): Promise<TranscriptError> {
  try {
    await parseTranscript(input);
  } catch (err) {
    expect(err).toBeInstanceOf(TranscriptError);
    return err as TranscriptError;
  }
  throw new Error('expected a TranscriptError');
}

describe('parseTranscript', () => {
  it('reads .txt by extension (case-insensitive), with BOM and CRLF', async () => {
    const r = await parseTranscript({ filename: 'map/Interview 1.TXT', data: utf8('\ufeffI: Vraag?\r\nR: Antwoord 👍🏽.\r\n') });
    expect(r.text).toBe('I: Vraag?\nR: Antwoord 👍🏽.\n');
    expect(turnTexts(r)).toEqual(['Vraag?', 'Antwoord 👍🏽.']);
  });

  it('reads .vtt and .srt by extension', async () => {
    const v = await parseTranscript({ filename: 'a.vtt', data: utf8('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sanne>Hoi</v>') });
    expect(v.text).toBe('Sanne: Hoi');
    const s = await parseTranscript({ filename: 'a.srt', data: utf8('1\n00:00:01,000 --> 00:00:02,000\nR: Hoi') });
    expect(s.turns[0]).toMatchObject({ speaker: 'R', role: 'respondent', startMs: 1000, endMs: 2000 });
  });

  it('reads pasted text, and pasted WebVTT/SubRip as cues', async () => {
    const p = await parseTranscript({ pasted: 'I: Hallo\r\nR: Dag' });
    expect(p.text).toBe('I: Hallo\nR: Dag');
    const v = await parseTranscript({ pasted: 'WEBVTT\n\n00:01.000 --> 00:02.000\nR: Ja' });
    expect(v.turns[0]).toMatchObject({ speaker: 'R', startMs: 1000, endMs: 2000 });
    const s = await parseTranscript({ pasted: '1\n00:00:01,000 --> 00:00:02,000\nI: Ja' });
    expect(s.turns[0]).toMatchObject({ speaker: 'I', startMs: 1000 });
  });

  it('refuses unknown extensions, .doc, a missing extension, empty input and binary .txt in Dutch', async () => {
    const pdf = await errorOf({ filename: 'verslag.pdf', data: utf8('%PDF') });
    expect(pdf).toMatchObject({ code: 'unsupported_format', status: 400 });
    expect(pdf.message).toBe('Bestanden met de extensie .pdf worden niet ondersteund. Gebruik .txt (UTF-8), .docx, .vtt of .srt.');
    expect((await errorOf({ filename: 'oud.doc', data: utf8('x') })).message).toContain('sla het op als .docx');
    expect((await errorOf({ filename: 'README', data: utf8('x') })).message).toContain('geen extensie');
    expect((await errorOf({ filename: '.txt', data: utf8('x') })).code).toBe('unsupported_format');
    expect((await errorOf({ filename: 'leeg.txt', data: new Uint8Array() })).message).toBe('Het tekstbestand is leeg.');
    expect((await errorOf({ filename: 'leeg.vtt', data: new Uint8Array() })).message).toBe('Het WebVTT-bestand is leeg.');
    expect((await errorOf({ pasted: ' \n ' })).message).toBe('De geplakte tekst is leeg.');
    const bin = await errorOf({ filename: 'foto.txt', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]) });
    expect(bin.code).toBe('binary');
    const latin = await errorOf({ filename: 'x.srt', data: new Uint8Array([0x31, 0x0a, 0xe9]) });
    expect(latin.code).toBe('invalid_encoding');
    expect(latin.message).toContain('SRT-bestand');
  });
});

describe('robustness', () => {
  const pieces = ['I: ', 'R: ', 'Sanne: ', '[00:01:02] ', 'Let op: ', 'ja', ' ', '.', '?', '\n', '\r\n', '\r', '\n\n', '👍🏽', 'e\u0301', 'bijv. ', 'Dit', '"', '\ufeff', '\t', '…', 'WEBVTT', ' --> '];
  const transcript = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''));

  it('pasted text gives well-formed turns and sentence units inside them, or a TranscriptError', async () => {
    await fc.assert(
      fc.asyncProperty(transcript, async (s) => {
        let r;
        try {
          r = await parseTranscript({ pasted: s });
        } catch (err) {
          expect(err).toBeInstanceOf(TranscriptError);
          return;
        }
        expectWellFormed(r);
        const n = cpLength(r.text);
        for (const u of sentenceUnits(r.text, r.turns)) {
          const t = r.turns[u.turn];
          expect(u.start).toBeGreaterThanOrEqual(t.start);
          expect(u.end).toBeLessThanOrEqual(Math.min(t.end, n));
          expect(u.end).toBeGreaterThan(u.start);
          const text = cpSlice(r.text, u.start, u.end);
          expect(text).toBe(text.trim());
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** A fictional interview of about `words` words, with emoji, accents and CRLF line endings. */
function bigTranscript(words: number): { txt: string; vtt: string; paragraphs: string[] } {
  const vocab = ['de', 'pleegouders', 'wilden', 'dat', 'ze', 'terugging', 'naar', 'huis', 'maar', 'het', 'duurde', 'lang', 'café', 'e\u0301en', '👍🏽', 'bijv.', 'rechter', 'zitting', 'omgang', 'school'];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines: string[] = [];
  const cues: string[] = ['WEBVTT', ''];
  let n = 0;
  let turn = 0;
  while (n < words) {
    const len = 10 + Math.floor(rand() * 60);
    const ws: string[] = [];
    for (let i = 0; i < len; i++) ws.push(vocab[Math.floor(rand() * vocab.length)]);
    const sentence = ws.join(' ').replace(/(\S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+) /g, '$1. Ook ') + '.';
    n += len;
    const speaker = turn % 2 === 0 ? 'I' : turn % 4 === 1 ? 'R' : 'Mohammed El Amrani';
    const s = turn * 5;
    const clock = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    lines.push(`[${clock}] ${speaker}: ${sentence}`);
    cues.push(`${clock}.000 --> ${clock}.900`, `<v ${speaker}>${sentence}</v>`, '');
    turn++;
  }
  return { txt: lines.join('\r\n'), vtt: cues.join('\n'), paragraphs: lines };
}

describe('performance', () => {
  const big = bigTranscript(20_000);

  it.each([
    ['txt', () => ({ filename: 'groot.txt', data: utf8(big.txt) })],
    ['vtt', () => ({ filename: 'groot.vtt', data: utf8(big.vtt) })],
    ['docx', () => ({ filename: 'groot.docx', data: buildDocx(big.paragraphs) })],
  ] as const)('parses a 20,000-word .%s transcript well under a second', async (format, make) => {
    const input = make();
    await parseTranscript(input); // warm-up (module loading, JIT)
    const t0 = performance.now();
    const r = await parseTranscript(input);
    const parseMs = performance.now() - t0;
    const t1 = performance.now();
    const units = sentenceUnits(r.text, r.turns);
    const unitMs = performance.now() - t1;
    console.log(`[perf] .${format}: 20,000 words, ${r.turns.length} turns parsed in ${parseMs.toFixed(1)} ms; ${units.length} sentence units in ${unitMs.toFixed(1)} ms`);
    expect(r.turns.length).toBeGreaterThan(300);
    expectWellFormed(r);
    expect(r.turns.every((t) => t.speaker !== null)).toBe(true);
    for (const u of units.slice(0, 50)) expect(cpSlice(r.text, u.start, u.end).trim()).not.toBe('');
    // mammoth's .docx reading dominates there (~0.3 s here); leave room for a busy CI machine
    expect(parseMs).toBeLessThan(format === 'docx' ? 1500 : 1000);
    expect(unitMs).toBeLessThan(1000);
  });
});
