/** Test helpers for the transcript tests (not used by production code). */
import { strToU8, zipSync } from 'fflate';
import { expect } from 'vitest';
import { cpLength, cpSlice } from '../text/codepoints';
import type { ParsedTranscript } from './types';

export const utf8 = (s: string) => new TextEncoder().encode(s);

/** The text each turn covers. */
export const turnTexts = (r: ParsedTranscript) => r.turns.map((t) => cpSlice(r.text, t.start, t.end));

/** Turns are ordered, do not overlap, lie within the text and do not start or end with white space. */
export function expectWellFormed(r: ParsedTranscript): void {
  const n = cpLength(r.text);
  expect(r.text.includes('\r')).toBe(false);
  let prevEnd = 0;
  for (const t of r.turns) {
    expect(t.start).toBeGreaterThanOrEqual(prevEnd);
    expect(t.end).toBeGreaterThanOrEqual(t.start);
    expect(t.end).toBeLessThanOrEqual(n);
    const s = cpSlice(r.text, t.start, t.end);
    expect(s).toBe(s.trim());
    prevEnd = t.end;
  }
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A minimal .docx: one Word paragraph per array item; "\n" inside an item becomes a manual line break
 * (<w:br/>), "\t" a tab.
 */
export function buildDocx(paragraphs: string[]): Uint8Array {
  const run = (t: string) =>
    t.split('\t').map((part, i) => (i ? '<w:r><w:tab/></w:r>' : '') + (part ? `<w:r><w:t xml:space="preserve">${escapeXml(part)}</w:t></w:r>` : '')).join('');
  const para = (p: string) => `<w:p>${p.split('\n').map((line, i) => (i ? '<w:r><w:br/></w:r>' : '') + run(line)).join('')}</w:p>`;
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    paragraphs.map(para).join('') +
    '</w:body></w:document>';
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ),
    'word/document.xml': strToU8(document),
  });
}
