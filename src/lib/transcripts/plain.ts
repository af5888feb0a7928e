import { CodePointIndex } from '../text/codepoints';
import { matchSpeakerLine } from './speakers';
import type { ParsedTranscript, RawTurn, Turn } from './types';

export interface PlainTextOptions {
  /**
   * Where a turn without a speaker ends. 'paragraph' (plain text, where lines are often hard-wrapped):
   * at a blank line. 'line' (.docx, where every paragraph is a line): at the end of every line.
   * A turn with a speaker always runs on until the next speaker line.
   */
  unlabelled?: 'paragraph' | 'line';
}

/** White space as String.prototype.trim sees it (line feeds do not occur inside a line). */
const isBlank = (c: number) => (c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : /\s/.test(String.fromCharCode(c)));

/** Converts UTF-16 turns to code-point turns on `text`. */
export function toCodePointTurns(text: string, raw: RawTurn[]): Turn[] {
  const index = new CodePointIndex(text);
  return raw.map((t) => ({ ...t, start: index.toCp(t.start), end: index.toCp(t.end) }));
}

/**
 * Splits a normalised plain text (see normaliseText) into speaker turns.
 *
 * - A line that starts with a speaker label (see matchSpeakerLine) starts a new turn; the turn covers the
 *   words after the label, up to the last non-blank character before the next speaker line.
 * - A line without a label continues the current turn, also across blank lines.
 * - Text before the first speaker line becomes turns with `speaker: null`, one per paragraph (or per line,
 *   with `unlabelled: 'line'`).
 * - A timestamp in front of the label ("[00:01:23] I:") becomes `startMs`; `endMs` stays null (plain text
 *   has no end times).
 * The text itself is returned unchanged.
 */
export function parsePlainText(text: string, options: PlainTextOptions = {}): ParsedTranscript {
  const perLine = options.unlabelled === 'line';
  const raw: RawTurn[] = [];
  let current: RawTurn | null = null;
  let hasContent = false;

  const close = () => {
    if (current && (hasContent || current.speaker !== null)) raw.push(current);
    current = null;
    hasContent = false;
  };

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    // First and last non-blank positions of the line.
    let a = lineStart;
    while (a < lineEnd && isBlank(text.charCodeAt(a))) a++;
    let b = lineEnd;
    while (b > a && isBlank(text.charCodeAt(b - 1))) b--;

    if (a < b) {
      const match = matchSpeakerLine(text.slice(lineStart, lineEnd));
      if (match) {
        close();
        let s = lineStart + match.contentStart;
        while (s < b && isBlank(text.charCodeAt(s))) s++;
        current = { start: Math.min(s, b), end: Math.min(s, b), speaker: match.speaker, role: match.role, startMs: match.startMs, endMs: null };
        hasContent = s < b;
        if (hasContent) current.end = b;
      } else {
        if (current === null) {
          current = { start: a, end: b, speaker: null, role: null, startMs: null, endMs: null };
        } else if (!hasContent) {
          current.start = a;
        }
        current.end = b;
        hasContent = true;
        if (perLine && current.speaker === null) close();
      }
    } else if (current !== null && (current as RawTurn).speaker === null) {
      close(); // a blank line ends a paragraph without speaker
    }
    lineStart = lineEnd + 1;
  }
  close();
  return { text, turns: toCodePointTurns(text, raw) };
}
