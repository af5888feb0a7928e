import { TranscriptError } from './errors';

/**
 * The one text normalisation of an import, applied before any offset is computed:
 * - a leading byte order mark (U+FEFF) is removed;
 * - CRLF and lone CR become LF, and so do the Unicode line/paragraph separators (U+2028, U+2029).
 *
 * Nothing else changes: no Unicode normalisation (NFC), so "e" + U+0301 stays two code points and
 * quotes match the source character for character. Offsets of turns and annotations always refer to
 * this normalised text, never to the uploaded bytes; a CRLF file therefore has the same offsets as the
 * same file saved with LF.
 */
export function normaliseText(text: string): string {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/[\r\u2028\u2029]/.test(s)) s = s.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  return s;
}

const SUPPORTED = 'Gebruik een .txt-bestand (UTF-8), .docx, .vtt of .srt.';

/**
 * Position of the first byte that is not valid UTF-8 (overlong forms, surrogates and values above
 * U+10FFFF count as invalid, as in the WHATWG decoder), or -1 when all bytes are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = i + k < n ? bytes[i + k] : -1;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Decodes the bytes of a plain-text upload (.txt, .vtt, .srt). UTF-8 is expected; a UTF-8 BOM is
 * dropped, and a file with a UTF-16 BOM (what Windows calls "Unicode") is decoded as UTF-16.
 * Binary content, other encodings (e.g. Windows-1252) and empty files are refused with a Dutch message.
 */
export function decodeTextBytes(data: Uint8Array, kind = 'tekstbestand'): string {
  if (data.length === 0) throw new TranscriptError('empty', `Het ${kind} is leeg.`);

  let text: string;
  if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff])) {
    const label = data[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      text = new TextDecoder(label, { fatal: true }).decode(data);
    } catch {
      throw new TranscriptError('invalid_encoding', `Het ${kind} kan niet worden gelezen als UTF-16-tekst. Sla het op als UTF-8 en probeer het opnieuw.`);
    }
  } else {
    if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
      throw new TranscriptError('binary', `Dit ${kind} is eigenlijk een ingepakt bestand (bijvoorbeeld een Word-document). Geef het de juiste extensie (.docx) of sla het op als platte tekst. ${SUPPORTED}`);
    }
    if (startsWith(data, [0x25, 0x50, 0x44, 0x46])) {
      throw new TranscriptError('binary', `Dit ${kind} is eigenlijk een PDF-bestand. PDF wordt niet ondersteund. ${SUPPORTED}`);
    }
    if (looksBinary(data)) {
      throw new TranscriptError('binary', `Dit ${kind} bevat binaire gegevens en is geen leesbare tekst. ${SUPPORTED}`);
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
    } catch {
      const at = firstInvalidUtf8(data);
      let line = 1;
      for (let i = 0; i < at; i++) if (data[i] === 0x0a) line++;
      throw new TranscriptError(
        'invalid_encoding',
        `Het ${kind} is niet in UTF-8 opgeslagen (ongeldige tekens vanaf regel ${line}). Sla het bestand op met de codering "UTF-8" en probeer het opnieuw.`,
        { byteOffset: at, line },
      );
    }
  }
  text = normaliseText(text);
  if (text.trim() === '') throw new TranscriptError('empty', `Het ${kind} bevat geen tekst.`);
  return text;
}

/**
 * Binary, not text: a NUL byte, or more than 1% control characters (other than tab, line feed,
 * carriage return, form feed and vertical tab) in the first 64 KiB.
 */
function looksBinary(data: Uint8Array): boolean {
  const n = Math.min(data.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i];
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b) || b === 0x7f) control++;
  }
  return control > n / 100;
}
