/** Dates: "12 maart 2019", "3 mei", "maart 2019", "12-03-2019", "12/3/2019", "2019-03-12". */
import { MONTH_ABBREVIATIONS, MONTHS } from '../data/words';
import type { Candidate } from '../types';
import { matches } from './context';

const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
const MONTH = `(?:${MONTHS.flatMap((m) => [m, cap(m)]).join('|')})`;
const MONTH_OR_ABBR = `(?:${MONTH}|(?:${MONTH_ABBREVIATIONS.join('|')})\\.?)`;
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:e|ste|de)?';
const YEAR = "(?:1[89]\\d\\d|20\\d\\d|['’]\\d\\d)";
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const DAY_MONTH = new RegExp(`${B}${DAY}[ \\u00a0]${MONTH_OR_ABBR}(?:[ \\u00a0]${YEAR})?(?![\\p{L}\\p{N}]|\\.\\p{L})`, 'gu');
const MONTH_YEAR = new RegExp(`${B}${MONTH}[ \\u00a0]${YEAR}${E}`, 'gu');
const NUMERIC = /(?<![\p{L}\p{N}]|\p{N}[-/.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\p{N}]|[-/.]\p{N})/gu;
const ISO = /(?<![\p{L}\p{N}]|\p{N}-)(\d{4})-(\d{2})-(\d{2})(?![\p{L}\p{N}]|-\p{N})/gu;

const validDay = (d: number, m: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31;

/** Finds dates (not years or months on their own). */
export function findDates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const re of [DAY_MONTH, MONTH_YEAR]) for (const [start, end] of matches(re, text)) out.push({ start, end, kind: 'date' });
  for (const [start, end, m] of matches(NUMERIC, text)) {
    if (validDay(Number(m[1]), Number(m[3])) && (m[2] !== '.' || m[4].length === 4)) out.push({ start, end, kind: 'date' });
  }
  for (const [start, end, m] of matches(ISO, text)) {
    const y = Number(m[1]);
    if (y >= 1900 && y <= 2099 && validDay(Number(m[3]), Number(m[2]))) out.push({ start, end, kind: 'date' });
  }
  return out;
}
