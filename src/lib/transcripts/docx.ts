import mammoth from 'mammoth';
import { TranscriptError } from './errors';
import { normaliseText } from './normalise';

const CORRUPT = 'Het Word-bestand (.docx) kan niet worden gelezen: het is beschadigd of geen echt .docx-bestand. Open het in Word en sla het opnieuw op als .docx.';

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeHtml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return HTML_ENTITIES[name.toLowerCase()] ?? whole;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th']);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Mammoth's HTML (a small, well-formed subset) → lines: every paragraph or heading is one line, an empty
 * paragraph an empty line, a manual line break (Shift+Enter) a new line, a list item or table cell a line.
 */
export function mammothHtmlToLines(html: string): string {
  const lines: string[] = [];
  let line = '';
  const token = /<(\/?)([a-zA-Z0-9]+)[^>]*>|[^<]+/g;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    if (m[2] === undefined) {
      line += decodeHtml(m[0]);
      continue;
    }
    const name = m[2].toLowerCase();
    const closing = m[1] === '/';
    if (name === 'br') {
      lines.push(line);
      line = '';
    } else if (BLOCK.has(name)) {
      if (line !== '' || (closing && PARAGRAPH.has(name))) {
        lines.push(line);
        line = '';
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/**
 * The text of a .docx, one line per paragraph. This uses mammoth's HTML conversion rather than
 * `extractRawText`, because the raw text drops manual line breaks (Shift+Enter) and glues the lines
 * together ("R: jaI: en toen?"), which would hide speaker turns.
 */
export async function docxToText(data: Uint8Array): Promise<string> {
  if (!(data[0] === 0x50 && data[1] === 0x4b)) {
    if (data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
      throw new TranscriptError('corrupt_docx', 'Dit is een ouder Word-bestand (.doc), geen .docx. Open het in Word en sla het op als .docx.');
    }
    throw new TranscriptError('corrupt_docx', CORRUPT);
  }
  let html: string;
  try {
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const result = await mammoth.convertToHtml(
      { buffer },
      { ignoreEmptyParagraphs: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    throw new TranscriptError('corrupt_docx', CORRUPT, { cause: err instanceof Error ? err.message : String(err) });
  }
  const text = normaliseText(mammothHtmlToLines(html));
  if (text.trim() === '') throw new TranscriptError('empty', 'Het Word-bestand bevat geen tekst.');
  return text;
}
