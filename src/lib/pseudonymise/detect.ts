/** The detector: runs all rules, resolves overlaps, and reports spans in code points. */
import { CodePointIndex } from '../text/codepoints';
import { makeContext } from './rules/context';
import { findAddresses } from './rules/addresses';
import { findAges } from './rules/ages';
import { findEmails, findPhones, findUrls } from './rules/contact';
import { findDates } from './rules/dates';
import { findInstitutions } from './rules/institutions';
import { extendNames, findNames } from './rules/names';
import { findBsns, findPostcodes } from './rules/numbers';
import { findPlaces } from './rules/places';
import type { Candidate, Kind, Proposal } from './types';

/** On equal length, the more specific kind wins (an e-mail address contains a domain, …). */
const SPECIFICITY: Kind[] = ['email', 'url', 'phone', 'bsn', 'postcode', 'date', 'address', 'institution', 'age', 'name', 'place'];

/** All candidates of all rules, in UTF-16 offsets, possibly overlapping. */
export function candidates(text: string): Candidate[] {
  const ctx = makeContext(text);
  return [
    ...findEmails(text),
    ...findUrls(text),
    ...findPhones(text),
    ...findBsns(text),
    ...findPostcodes(text),
    ...findDates(text),
    ...findAges(text),
    ...findAddresses(ctx),
    ...findInstitutions(ctx),
    ...extendNames(ctx, findNames(ctx)),
    ...findPlaces(ctx),
  ];
}

/** Keeps the longest (then most specific, then first) of overlapping candidates; returns them sorted by start. */
export function resolveOverlaps(found: Candidate[]): Candidate[] {
  const ranked = [...found].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || SPECIFICITY.indexOf(a.kind) - SPECIFICITY.indexOf(b.kind) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  const taken = new Uint8Array(ranked.reduce((m, c) => Math.max(m, c.end), 0));
  for (const c of ranked) {
    if (c.end <= c.start || taken.subarray(c.start, c.end).includes(1)) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Proposes spans of identifying information in `text` (names, places, institutions, dates, ages,
 * telephone numbers, e-mail addresses, URLs, BSNs, postcodes, addresses). Offsets are Unicode code
 * points, `end` exclusive; the spans are sorted and do not overlap.
 */
export function detect(text: string): Proposal[] {
  const idx = new CodePointIndex(text);
  return resolveOverlaps(candidates(text)).map((c) => ({
    start: idx.toCp(c.start),
    end: idx.toCp(c.end),
    kind: c.kind,
    text: text.slice(c.start, c.end),
  }));
}
