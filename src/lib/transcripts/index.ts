/**
 * Transcript import: .txt, .docx, .vtt and .srt (or pasted text) → normalised text + speaker turns.
 *
 * Offsets: every offset (turns, sentence units, and whatever is stored against a transcript later) counts
 * Unicode code points in `ParsedTranscript.text`, end exclusive. That text is normalised once, here, on
 * import (BOM removed, CRLF/CR → LF; see normaliseText) and is the reference from then on; the uploaded
 * bytes are not. For .vtt/.srt the text is laid out anew as one "Speaker: words" line per turn, and for
 * .docx it is one line per paragraph, so offsets never refer to the original file.
 */
import { parseSrt, parseVtt, sniffCueFormat } from './cues';
import { docxToText } from './docx';
import { TranscriptError } from './errors';
import { decodeTextBytes, normaliseText } from './normalise';
import { parsePlainText } from './plain';
import type { ParsedTranscript } from './types';

export { TranscriptError, type TranscriptErrorCode } from './errors';
export type { ParsedTranscript, SpeakerRole, Turn } from './types';
export { sentenceUnits, DUTCH_ABBREVIATIONS, type SentenceUnit } from './sentences';
export { normaliseText } from './normalise';
export { matchSpeakerLine, isSpeakerLabel, roleOf, MAX_SPEAKER_LABEL } from './speakers';

export type TranscriptInput = { filename: string; data: Uint8Array } | { pasted: string };

export const TRANSCRIPT_EXTENSIONS = ['.txt', '.docx', '.vtt', '.srt'] as const;

function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/**
 * Reads a transcript. Throws TranscriptError (Dutch message, status 400) for an unknown extension, an
 * empty file, binary content, a text file that is not UTF-8 (UTF-16 with BOM is accepted), a corrupt
 * .docx, or an invalid WebVTT/SubRip file. Pasted text is read as plain text, unless it starts like a
 * WebVTT or SubRip file.
 */
export async function parseTranscript(input: TranscriptInput): Promise<ParsedTranscript> {
  if ('pasted' in input) {
    const text = normaliseText(input.pasted);
    if (text.trim() === '') throw new TranscriptError('empty', 'De geplakte tekst is leeg.');
    const cue = sniffCueFormat(text);
    if (cue === 'vtt') return parseVtt(text);
    if (cue === 'srt') return parseSrt(text);
    return parsePlainText(text);
  }

  const ext = extensionOf(input.filename);
  switch (ext) {
    case '.txt':
      return parsePlainText(decodeTextBytes(input.data, 'tekstbestand'));
    case '.vtt':
      return parseVtt(decodeTextBytes(input.data, 'WebVTT-bestand'));
    case '.srt':
      return parseSrt(decodeTextBytes(input.data, 'SRT-bestand'));
    case '.docx':
      if (input.data.length === 0) throw new TranscriptError('empty', 'Het Word-bestand is leeg.');
      return parsePlainText(await docxToText(input.data), { unlabelled: 'line' });
    case '.doc':
      throw new TranscriptError('unsupported_format', 'Oude Word-bestanden (.doc) worden niet ondersteund. Open het bestand in Word en sla het op als .docx.');
    default:
      throw new TranscriptError(
        'unsupported_format',
        ext
          ? `Bestanden met de extensie ${ext} worden niet ondersteund. Gebruik .txt (UTF-8), .docx, .vtt of .srt.`
          : 'De bestandsnaam heeft geen extensie. Gebruik een .txt- (UTF-8), .docx-, .vtt- of .srt-bestand.',
        { extension: ext },
      );
  }
}
