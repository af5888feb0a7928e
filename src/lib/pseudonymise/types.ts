/** The kinds of identifying information the pseudonymisation assistant proposes to replace. */
export const PSEUDONYM_KINDS = ['name', 'place', 'institution', 'date', 'age', 'phone', 'email', 'url', 'bsn', 'postcode', 'address'] as const;

export type Kind = (typeof PSEUDONYM_KINDS)[number];

/** A proposed span: offsets in Unicode code points, `end` exclusive; `text` is the span's text. */
export interface Proposal {
  start: number;
  end: number;
  kind: Kind;
  text: string;
}

/** A span found by one rule, in UTF-16 offsets (internal to the detector). */
export interface Candidate {
  start: number;
  end: number;
  kind: Kind;
}
