import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TranscriptError } from './errors';
import { decodeTextBytes, firstInvalidUtf8, normaliseText } from './normalise';
import { utf8 } from './testkit';

function errorOf(fn: () => unknown): TranscriptError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TranscriptError);
    return err as TranscriptError;
  }
  throw new Error('expected a TranscriptError');
}

describe('normaliseText', () => {
  it('removes a BOM and turns CRLF, CR, U+2028 and U+2029 into LF, and nothing else', () => {
    expect(normaliseText('\ufeffa\r\nb\rc\u2028d\u2029e\n')).toBe('a\nb\nc\nd\ne\n');
    expect(normaliseText('e\u0301 👍🏽\t')).toBe('e\u0301 👍🏽\t'); // no NFC
    expect(normaliseText('a\ufeffb')).toBe('a\ufeffb'); // only a leading BOM
  });
});

describe('decodeTextBytes', () => {
  it('decodes UTF-8 with and without BOM', () => {
    expect(decodeTextBytes(utf8('\ufeffR: één 👍🏽\r\n'))).toBe('R: één 👍🏽\n');
    expect(decodeTextBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
  });

  it('decodes UTF-16 with a BOM (Windows "Unicode")', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x52, 0x00, 0x3a, 0x00, 0x20, 0x00, 0xe9, 0x00]);
    expect(decodeTextBytes(le)).toBe('R: é');
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x52, 0x00, 0x3a]);
    expect(decodeTextBytes(be)).toBe('R:');
  });

  it('refuses an empty or blank file', () => {
    const e = errorOf(() => decodeTextBytes(new Uint8Array()));
    expect(e.code).toBe('empty');
    expect(e.status).toBe(400);
    expect(e.message).toBe('Het tekstbestand is leeg.');
    expect(errorOf(() => decodeTextBytes(utf8(' \r\n\t'))).message).toBe('Het tekstbestand bevat geen tekst.');
  });

  it('refuses binary content', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const e = errorOf(() => decodeTextBytes(png));
    expect(e.code).toBe('binary');
    expect(e.message).toContain('binaire gegevens');
    const controls = new Uint8Array(200).map((_, i) => (i % 10 === 0 ? 0x01 : 0x61));
    expect(errorOf(() => decodeTextBytes(controls)).code).toBe('binary');
    expect(errorOf(() => decodeTextBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).message).toContain('.docx');
    expect(errorOf(() => decodeTextBytes(utf8('%PDF-1.7\n...'))).message).toContain('PDF');
  });

  it('refuses Windows-1252 / Latin-1 text with the line of the first bad byte', () => {
    const latin1 = new Uint8Array([...utf8('I: Hallo\nR: Caf'), 0xe9, ...utf8(' ok\n')]);
    const e = errorOf(() => decodeTextBytes(latin1));
    expect(e.code).toBe('invalid_encoding');
    expect(e.message).toContain('UTF-8');
    expect(e.message).toContain('regel 2');
    expect(e.details).toEqual({ byteOffset: 15, line: 2 });
  });
});

describe('firstInvalidUtf8', () => {
  it('finds overlong, surrogate, truncated and out-of-range sequences', () => {
    expect(firstInvalidUtf8(utf8('ok 👍🏽 é'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // > U+10FFFF
    expect(firstInvalidUtf8(new Uint8Array([0xe0, 0x9f, 0xbf]))).toBe(0); // overlong 3-byte
    expect(firstInvalidUtf8(new Uint8Array([0x80]))).toBe(0); // lone continuation
  });

  it('agrees with the WHATWG decoder on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
