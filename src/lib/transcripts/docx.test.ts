import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { mammothHtmlToLines } from './docx';
import { TranscriptError } from './errors';
import { parseTranscript } from './index';
import { buildDocx, expectWellFormed, turnTexts } from './testkit';

async function errorOf(p: Promise<unknown>): Promise<TranscriptError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TranscriptError);
    return err as TranscriptError;
  }
  throw new Error('expected a TranscriptError');
}

describe('.docx import', () => {
  it('reads paragraphs as lines and finds the speakers', async () => {
    const data = buildDocx([
      'Interview gezinshuis, 3 april',
      '',
      '[00:00:10] I: Hoe was het om terug te gaan?',
      'R: Spannend & fijn. <Echt>.',
      'Ik sliep de eerste nacht slecht.',
      'Mohammed El Amrani: Dat klopt.',
    ]);
    const r = await parseTranscript({ filename: 'Interview 3.DOCX', data });
    expectWellFormed(r);
    expect(r.text).toBe(
      'Interview gezinshuis, 3 april\n\n[00:00:10] I: Hoe was het om terug te gaan?\nR: Spannend & fijn. <Echt>.\nIk sliep de eerste nacht slecht.\nMohammed El Amrani: Dat klopt.',
    );
    expect(r.turns.map((t) => [t.speaker, t.role, t.startMs])).toEqual([
      [null, null, null],
      ['I', 'interviewer', 10_000],
      ['R', 'respondent', null],
      ['Mohammed El Amrani', null, null],
    ]);
    expect(turnTexts(r)[2]).toBe('Spannend & fijn. <Echt>.\nIk sliep de eerste nacht slecht.');
  });

  it('keeps a manual line break (Shift+Enter) as a new line, so speakers are not glued together', async () => {
    const r = await parseTranscript({ filename: 'x.docx', data: buildDocx(['R: ja\nI: en toen?', 'tab\tstop']) });
    expect(r.text).toBe('R: ja\nI: en toen?\ntab\tstop');
    expect(turnTexts(r)).toEqual(['ja', 'en toen?\ntab\tstop']);
  });

  it('counts code points with emoji and combining characters', async () => {
    const r = await parseTranscript({ filename: 'x.docx', data: buildDocx(['I: 👍🏽 goed', 'Rene\u0301: e\u0301en']) });
    expect(r.turns.map((t) => [t.start, t.end])).toEqual([[3, 10], [18, 22]]); // "I: 👍🏽 goed\n" = 11 code points, "René: " with a combining accent = 7
    expect(turnTexts(r)).toEqual(['👍🏽 goed', 'e\u0301en']);
  });

  it('refuses a corrupt, truncated, old-format or empty .docx with a clear message', async () => {
    const good = buildDocx(['I: hallo']);
    const truncated = await errorOf(parseTranscript({ filename: 'a.docx', data: good.slice(0, good.length - 30) }));
    expect(truncated.code).toBe('corrupt_docx');
    expect(truncated.message).toContain('kan niet worden gelezen');

    const notWord = zipSync({ 'readme.txt': strToU8('geen Word') });
    expect((await errorOf(parseTranscript({ filename: 'a.docx', data: notWord }))).code).toBe('corrupt_docx');

    const text = await errorOf(parseTranscript({ filename: 'a.docx', data: new TextEncoder().encode('I: gewoon tekst') }));
    expect(text.code).toBe('corrupt_docx');

    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await errorOf(parseTranscript({ filename: 'a.docx', data: ole }))).message).toContain('(.doc)');

    expect((await errorOf(parseTranscript({ filename: 'a.docx', data: new Uint8Array() }))).message).toBe('Het Word-bestand is leeg.');
    const blank = await errorOf(parseTranscript({ filename: 'a.docx', data: buildDocx(['', '  ']) }));
    expect(blank.code).toBe('empty');
    expect(blank.message).toBe('Het Word-bestand bevat geen tekst.');
  });
});

describe('mammothHtmlToLines', () => {
  it('maps paragraphs, headings, breaks, list items and cells to lines', () => {
    expect(
      mammothHtmlToLines('<h1>Titel</h1><p></p><p>a<br />b &amp; &lt;c&gt; &#233;</p><ul><li>een</li><li>twee<ul><li>diep</li></ul></li></ul><table><tr><td><p>cel</p></td><td>kaal</td></tr></table><p><strong>vet</strong> <em>schuin</em><img src="" /></p>'),
    ).toBe('Titel\n\na\nb & <c> é\neen\ntwee\ndiep\ncel\nkaal\nvet schuin');
  });
});
