/** Replacing accepted spans with consistent labels ("[Naam 1]"), with a mapping that carries across documents. */
import { CodePointIndex } from '../text/codepoints';
import { PSEUDONYM_KINDS, type Kind, type Proposal } from './types';

/** The Dutch word in each kind's label. */
export const KIND_LABELS: Record<Kind, string> = {
  name: 'Naam',
  place: 'Plaats',
  institution: 'Instelling',
  date: 'Datum',
  age: 'Leeftijd',
  phone: 'Telefoon',
  email: 'E-mail',
  url: 'URL',
  bsn: 'BSN',
  postcode: 'Postcode',
  address: 'Adres',
};

/** One replaced entity: its kind, the normalised text that identifies it, and the texts it replaced. */
export interface MappingEntry {
  kind: Kind;
  key: string;
  originals: string[];
}

/**
 * Plain JSON: label → entry, and per kind the last number used. Store it (encrypted) with a study and
 * pass it back to keep labels consistent across that study's documents.
 */
export interface Mapping {
  version: 1;
  counters: Partial<Record<Kind, number>>;
  entries: Record<string, MappingEntry>;
}

/** An empty mapping. */
export function emptyMapping(): Mapping {
  return { version: 1, counters: {}, entries: {} };
}

/** The label for the n-th entity of a kind: "[Naam 3]". */
export function labelFor(kind: Kind, n: number): string {
  return `[${KIND_LABELS[kind]} ${n}]`;
}

/**
 * The text that identifies an entity, so that spelling variants get one label: phone numbers as ten
 * digits, BSNs and postcodes without separators, URLs without scheme, names and places in lower case
 * with single spaces.
 */
export function normaliseEntity(kind: Kind, text: string): string {
  const t = text.normalize('NFC').trim();
  switch (kind) {
    case 'phone': {
      const digits = t.replace(/\(0\)/g, '').replace(/\D/g, '');
      if (t.startsWith('+31')) return `0${digits.slice(2)}`;
      if (digits.startsWith('0031')) return `0${digits.slice(4)}`;
      return digits;
    }
    case 'bsn':
      return t.replace(/\D/g, '');
    case 'postcode':
      return t.replace(/\s/g, '').toUpperCase();
    case 'url':
      return t.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
    default:
      return t.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  }
}

type Span = Pick<Proposal, 'start' | 'end' | 'kind'>;

function checkSpans(spans: Span[], length: number): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  sorted.forEach((s, i) => {
    if (!PSEUDONYM_KINDS.includes(s.kind)) throw new RangeError(`Onbekende soort: ${String(s.kind)}`);
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > length || s.start >= s.end) {
      throw new RangeError(`Ongeldige posities ${s.start}–${s.end} (tekst van ${length} tekens)`);
    }
    if (i > 0 && s.start < sorted[i - 1].end) throw new RangeError(`Overlappende fragmenten bij positie ${s.start}`);
  });
  return sorted;
}

/**
 * Replaces the accepted spans (code-point offsets) with labels. The same kind and normalised text get
 * the same label, also when `existing` (the study's mapping so far) already has it; new entities continue
 * its numbering. Returns the new text and the extended mapping; `existing` is not changed.
 * Throws a RangeError for spans outside the text, overlapping spans or an unknown kind.
 */
export function pseudonymise(text: string, accepted: Span[], existing?: Mapping): { text: string; mapping: Mapping } {
  const mapping: Mapping = existing ? structuredClone(existing) : emptyMapping();
  const byKey = new Map<string, string>();
  for (const [label, e] of Object.entries(mapping.entries)) byKey.set(`${e.kind}\u0000${e.key}`, label);

  const idx = new CodePointIndex(text);
  const spans = checkSpans(accepted, idx.length);
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    const from = idx.toUtf16(s.start);
    const to = idx.toUtf16(s.end);
    const original = text.slice(from, to);
    const key = normaliseEntity(s.kind, original);
    let label = byKey.get(`${s.kind}\u0000${key}`);
    if (!label) {
      let n = (mapping.counters[s.kind] ?? 0) + 1;
      while (mapping.entries[labelFor(s.kind, n)]) n++; // tolerate a mapping whose counter lags behind
      mapping.counters[s.kind] = n;
      label = labelFor(s.kind, n);
      mapping.entries[label] = { kind: s.kind, key, originals: [] };
      byKey.set(`${s.kind}\u0000${key}`, label);
    }
    const entry = mapping.entries[label];
    if (!entry.originals.includes(original)) entry.originals.push(original);
    parts.push(text.slice(at, from), label);
    at = to;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), mapping };
}
