import { CodePointIndex } from '../text/codepoints';
import type { Turn } from './types';

/** A sentence within a turn: code-point offsets into the transcript text, end exclusive. */
export interface SentenceUnit {
  start: number;
  end: number;
  /** Index of the turn in the `turns` array. */
  turn: number;
}

/**
 * Dutch abbreviations after which a full stop does not end a sentence (compared in lower case).
 * Day names ("zo.", "do.") are left out on purpose: "zo." usually is the word "zo" at a sentence end.
 */
export const DUTCH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'bijv.', 'bv.', 'b.v.', 'o.a.', 'dhr.', 'mevr.', 'mw.', 'enz.', 'etc.', 'e.d.', 'e.a.', 'd.w.z.', 'm.a.w.',
  'm.b.t.', 'i.p.v.', 'i.v.m.', 'n.a.v.', 't.a.v.', 't.z.t.', 'z.s.m.', 'o.b.v.', 'a.d.h.v.', 'i.o.m.', 'i.s.m.',
  'o.i.d.', 'c.q.', 'e.v.', 'evt.', 'ca.', 'circa.', 'nl.', 'resp.', 'incl.', 'excl.', 'vs.', 'jl.', 'a.s.',
  'mr.', 'dr.', 'drs.', 'ir.', 'ing.', 'prof.', 'jr.', 'sr.', 'st.', 'nr.', 'blz.', 'pag.', 'p.', 'tel.', 'm.i.',
  'ong.', 'vnl.', 'vgl.', 'zgn.', 'zg.', 'z.g.', 'max.', 'gem.', 'afd.', 'art.', 'jan.', 'feb.', 'mrt.',
  'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'okt.', 'nov.', 'dec.',
]);

const TERMINAL = /[.!?…]/;
const CLOSERS = /["'”’»)\]]/;
const OPENERS = /["'“‘«(\[]/;
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
const isLower = (ch: string | undefined) => ch !== undefined && /\p{Ll}/u.test(ch);
const isUpperOrDigit = (ch: string | undefined) => ch !== undefined && /[\p{Lu}\p{Lt}\p{N}]/u.test(ch);

/**
 * Splits every turn into sentences, the units for reliability (agreement) checks. Units never cross a
 * turn. A sentence ends:
 * - after "!" or "?" (also "?!", with closing quotes or brackets) followed by a space;
 * - after "." or an ellipsis followed by a space and a capital, a digit or an opening quote, unless the
 *   word before the full stop is a Dutch abbreviation ("bijv.", "o.a.", "dhr.", "mevr.", "enz.", …; see
 *   DUTCH_ABBREVIATIONS) or an initial ("J. de Vries");
 * - at a blank line, and at a line break, except when the line does not end in punctuation and the next
 *   line starts with a lower-case letter (a hard-wrapped sentence).
 * Units are trimmed; pieces without a letter or digit (a lone "…") are left out.
 */
export function sentenceUnits(text: string, turns: Turn[]): SentenceUnit[] {
  const index = new CodePointIndex(text);
  const units: SentenceUnit[] = [];

  turns.forEach((turn, turnIndex) => {
    const s = index.toUtf16(turn.start);
    const e = index.toUtf16(turn.end);
    let unitStart = s;

    const push = (end: number) => {
      let a = unitStart;
      let b = end;
      while (a < b && isSpace(text[a])) a++;
      while (b > a && isSpace(text[b - 1])) b--;
      if (a < b && /[\p{L}\p{N}]/u.test(text.slice(a, b))) {
        units.push({ start: index.toCp(a), end: index.toCp(b), turn: turnIndex });
      }
      unitStart = end;
    };

    /** First non-space position from `k`, and whether a blank line was crossed on the way. */
    const nextVisible = (k: number): { at: number; blankLine: boolean } => {
      let newlines = 0;
      while (k < e && isSpace(text[k])) {
        if (text[k] === '\n') newlines++;
        k++;
      }
      return { at: k, blankLine: newlines >= 2 };
    };

    let i = s;
    while (i < e) {
      const ch = text[i];
      if (TERMINAL.test(ch)) {
        let j = i;
        let strong = false;
        while (j < e && TERMINAL.test(text[j])) {
          if (text[j] === '!' || text[j] === '?') strong = true;
          j++;
        }
        const single = j - i === 1 && text[i] === '.';
        while (j < e && CLOSERS.test(text[j])) j++;
        if (j < e && !isSpace(text[j])) {
          i = j;
          continue;
        }
        const next = nextVisible(j);
        const after = text[next.at];
        let split: boolean;
        if (next.at >= e || strong || next.blankLine) split = true;
        else if (isSpace(text[j]) && text.slice(j, next.at).includes('\n') && !isLower(after)) split = true;
        else {
          const startsSentence = isUpperOrDigit(after) || OPENERS.test(after ?? '');
          split = startsSentence && !(single && isAbbreviation(text, unitStart, i));
        }
        if (split) push(j);
        i = j;
        continue;
      }
      if (ch === '\n') {
        const next = nextVisible(i);
        let p = i;
        while (p > unitStart && isSpace(text[p - 1])) p--;
        const hardWrap = !next.blankLine && isLower(text[next.at]) && !TERMINAL.test(text[p - 1] ?? '');
        if (!hardWrap) push(i);
        i = next.at;
        continue;
      }
      i++;
    }
    push(e);
  });
  return units;
}

/** Whether the word ending with the full stop at `dot` is an abbreviation or an initial. */
function isAbbreviation(text: string, from: number, dot: number): boolean {
  let a = dot;
  while (a > from && !isSpace(text[a - 1])) a--;
  while (a < dot && OPENERS.test(text[a])) a++;
  const word = text.slice(a, dot + 1);
  if (DUTCH_ABBREVIATIONS.has(word.toLowerCase())) return true;
  return /^\p{Lu}\.$/u.test(word);
}
