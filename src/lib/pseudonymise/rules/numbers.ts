/** Citizen service numbers (BSN) and postcodes. */
import { isValidBsn } from '../bsn';
import type { Candidate } from '../types';
import { matches } from './context';

// Nine digits, or grouped 3-3-3 with dots or spaces, or 4-2-3 with dots; not part of a longer number.
const BSN = /(?<![\p{L}\p{N}]|[\p{N}][.,-])(?:\d{9}|\d{3}([. ])\d{3}\1\d{3}|\d{4}\.\d{2}\.\d{3})(?![\p{L}\p{N}]|[.,-]\p{N}|[ ]\d)/gu;

/** Finds nine-digit numbers that pass the 11-proef. */
export function findBsns(text: string): Candidate[] {
  return [...matches(BSN, text)].filter(([, , m]) => isValidBsn(m[0])).map(([start, end]) => ({ start, end, kind: 'bsn' }));
}

// 1234 AB / 1234AB: first digit 1–9, two capitals, not SA, SD or SS.
const POSTCODE = /(?<![\p{L}\p{N}])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu;

/** Finds Dutch postcodes. */
export function findPostcodes(text: string): Candidate[] {
  return [...matches(POSTCODE, text)].map(([start, end]) => ({ start, end, kind: 'postcode' }));
}
