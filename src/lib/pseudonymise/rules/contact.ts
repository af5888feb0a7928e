/** E-mail addresses, web addresses and Dutch telephone numbers. */
import type { Candidate } from '../types';
import { matches } from './context';

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/gu;
const URL = /(?<![\p{L}\p{N}@.\/-])(?:https?:\/\/|www\.)[\p{L}\p{N}][^\s<>"'’“”()\[\]`]*/giu;
// Bare domains such as "jeugdteam-noord.nl/contact" (common top-level domains only).
const DOMAIN = /(?<![\p{L}\p{N}@.\/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:nl|com|org|net|eu|be|info|nu)(?:\/[^\s<>"'’“”()\[\]`]*)?(?![\p{L}\p{N}-])/giu;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

/** Finds e-mail addresses. */
export function findEmails(text: string): Candidate[] {
  return [...matches(EMAIL, text)].map(([start, end]) => ({ start, end, kind: 'email' }));
}

/** Finds URLs: http(s)://…, www.… and bare domains under common top-level domains. */
export function findUrls(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const re of [URL, DOMAIN]) {
    for (const [start, end, m] of matches(re, text)) {
      const trimmed = m[0].replace(TRAILING_PUNCTUATION, '');
      if (trimmed.length >= 4) out.push({ start, end: start + trimmed.length, kind: 'url' });
    }
  }
  return out;
}

// 0 + 9 digits, or +31 / 0031 (optionally with "(0)") + 9 digits, with a space, a hyphen or " - " between
// digits; or an area code in brackets: "(020) 123 4567".
const SEP = '(?:[ ]?-[ ]?|[ ])?';
const PHONE = new RegExp(`(?<![\\p{L}\\p{N}+])(?:(?:\\+31|0031)${SEP}(?:\\(0\\)${SEP})?[1-9]|0[1-9])(?:${SEP}\\d){8}(?!\\d|${SEP}\\d)`, 'gu');
const PHONE_AREA = /(?<![\p{L}\p{N}])\(0[1-9]\d{0,2}\)[ -]?\d(?:[ -]?\d){4,7}(?!\d|[ -]\d)/gu;

/** Finds Dutch telephone numbers (ten digits with the trunk 0, or the international form). */
export function findPhones(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const [start, end] of matches(PHONE, text)) out.push({ start, end, kind: 'phone' });
  for (const [start, end, m] of matches(PHONE_AREA, text)) {
    if (m[0].replace(/\D/g, '').length === 10) out.push({ start, end, kind: 'phone' });
  }
  return out;
}
