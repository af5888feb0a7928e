/**
 * The detector against the labelled synthetic test set (test/fixtures/pseudonymise), plus unit tests for
 * offsets, things that must not be flagged, and speed. Prints recall and precision per kind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpLength, cpSlice } from '../text/codepoints';
import { isValidBsn } from './bsn';
import { detect } from './detect';
import { PSEUDONYM_KINDS, type Kind, type Proposal } from './types';

interface Fixture {
  id: string;
  split: 'dev' | 'heldout';
  batch?: string;
  text: string;
  spans: { start: number; end: number; kind: Kind; text: string }[];
}

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/pseudonymise');
const FIXTURES: Fixture[] = ['dev.json', 'heldout.json'].flatMap((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Fixture[]);

interface Counts {
  gold: number;
  proposed: number;
  exact: number;
  /** Gold spans overlapped by a proposal of the same kind (exact ones included). */
  overlap: number;
}

function evaluate(fixtures: Fixture[]): Record<Kind | 'totaal', Counts> {
  const zero = (): Counts => ({ gold: 0, proposed: 0, exact: 0, overlap: 0 });
  const r = Object.fromEntries([...PSEUDONYM_KINDS, 'totaal'].map((k) => [k, zero()])) as Record<Kind | 'totaal', Counts>;
  for (const f of fixtures) {
    const got = detect(f.text);
    for (const p of got) {
      r[p.kind].proposed++;
      r.totaal.proposed++;
    }
    for (const g of f.spans) {
      const exact = got.some((p) => p.kind === g.kind && p.start === g.start && p.end === g.end);
      const overlap = got.some((p) => p.kind === g.kind && p.start < g.end && g.start < p.end);
      for (const c of [r[g.kind], r.totaal]) {
        c.gold++;
        if (exact) c.exact++;
        if (overlap) c.overlap++;
      }
    }
  }
  return r;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const fmt = (x: number) => x.toFixed(2);

function table(title: string, r: Record<string, Counts>): string {
  const rows = Object.entries(r).map(([k, c]) =>
    [k, c.gold, c.proposed, c.exact, fmt(ratio(c.exact, c.gold)), fmt(ratio(c.exact, c.proposed)), fmt(ratio(c.overlap, c.gold))].map(String),
  );
  const head = ['soort', 'gold', 'voorgesteld', 'exact', 'recall', 'precisie', 'recall(overlap)'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [title, line(head), ...rows.map(line)].join('\n');
}

describe('the labelled test set', () => {
  it('is well formed: code-point spans that match their text, sorted, not overlapping, synthetic BSNs', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(30);
    expect(FIXTURES.filter((f) => f.split === 'heldout').length * 3).toBeGreaterThanOrEqual(FIXTURES.length);
    expect(new Set(FIXTURES.map((f) => f.id)).size).toBe(FIXTURES.length);
    for (const f of FIXTURES) {
      let prev = 0;
      for (const s of f.spans) {
        expect(PSEUDONYM_KINDS).toContain(s.kind);
        expect(s.start).toBeGreaterThanOrEqual(prev);
        expect(s.end).toBeLessThanOrEqual(cpLength(f.text));
        expect(cpSlice(f.text, s.start, s.end), f.id).toBe(s.text);
        if (s.kind === 'bsn') expect(isValidBsn(s.text)).toBe(true);
        prev = s.end;
      }
    }
    const all = FIXTURES.map((f) => f.text).join('');
    expect(all).toMatch(/\r\n/);
    expect(all).toMatch(/\p{Extended_Pictographic}/u);
    expect(all).toMatch(/\u0308/);
  });

  it('is found with recall ≥ 0.95 and precision ≥ 0.8 overall, and recall ≥ 0.8 per kind', () => {
    const all = evaluate(FIXTURES);
    const dev = evaluate(FIXTURES.filter((f) => f.split === 'dev')).totaal;
    const held = evaluate(FIXTURES.filter((f) => f.split === 'heldout')).totaal;
    const lastBatch = evaluate(FIXTURES.filter((f) => f.batch === 'C')).totaal;
    console.log(
      [
        table(`Pseudonimisering: ${FIXTURES.length} fragmenten (exact = zelfde soort en zelfde span)`, all),
        table('Per deel', { ontwikkel: dev, 'achtergehouden (A+B+C)': held, 'achtergehouden C': lastBatch }),
      ].join('\n\n'),
    );
    expect(ratio(all.totaal.exact, all.totaal.gold)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(all.totaal.exact, all.totaal.proposed)).toBeGreaterThanOrEqual(0.8);
    for (const k of PSEUDONYM_KINDS) {
      expect(all[k].gold, k).toBeGreaterThan(0);
      expect(ratio(all[k].exact, all[k].gold), k).toBeGreaterThanOrEqual(0.8);
    }
  });
});

describe('detect', () => {
  const kinds = (text: string) => detect(text).map((p) => `${p.kind}:${p.text}`);

  it('reports code-point offsets after emoji, combining characters and CRLF', () => {
    const text = '😀👍 Fatima\r\nZoe\u0308 en Daan 🏠 in Zwolle';
    const got = detect(text);
    expect(got.map((p) => [p.start, p.end, p.kind, p.text])).toEqual([
      [3, 9, 'name', 'Fatima'],
      [11, 15, 'name', 'Zoe\u0308'],
      [19, 23, 'name', 'Daan'],
      [29, 35, 'place', 'Zwolle'],
    ]);
    for (const p of got) expect(cpSlice(text, p.start, p.end)).toBe(p.text);
  });

  it('returns sorted, non-overlapping proposals whose text matches their span', () => {
    for (const f of FIXTURES) {
      const got: Proposal[] = detect(f.text);
      got.forEach((p, i) => {
        expect(p.end).toBeGreaterThan(p.start);
        if (i > 0) expect(p.start).toBeGreaterThanOrEqual(got[i - 1].end);
        expect(cpSlice(f.text, p.start, p.end)).toBe(p.text);
      });
    }
  });

  it('keeps the longest of overlapping candidates', () => {
    expect(kinds('Bel Veilig Thuis Utrecht of mail naar info@utrecht-voorbeeld.nl.')).toEqual(['institution:Veilig Thuis Utrecht', 'email:info@utrecht-voorbeeld.nl']);
    expect(kinds('Ze woonde op de Utrechtseweg 12 in Amersfoort.')).toEqual(['address:Utrechtseweg 12', 'place:Amersfoort']);
  });

  it('does not flag ordinary sentence-initial words or first names that are ordinary words there', () => {
    expect(detect('De politie kwam. Toen ging alles snel. Mijn moeder huilde. Best moeilijk. Echt waar. Ben je er nog? Roos is een bloem.')).toEqual([]);
  });

  it('does not flag generic national bodies, but does flag them with a region', () => {
    expect(detect('De Raad voor de Kinderbescherming deed onderzoek en de kinderrechter besliste. Veilig Thuis belde. Jeugdzorg deed niks.')).toEqual([]);
    expect(kinds('Daarna belde Veilig Thuis Utrecht.')).toEqual(['institution:Veilig Thuis Utrecht']);
  });

  it('does not flag numbers that are no phone number, BSN or postcode', () => {
    expect(detect('Klantnummer 1234567890, referentie 0012345678 en zaaknummer 123456789.')).toEqual([]);
    expect(kinds('Zaaknummer 123456789, BSN 123456782.')).toEqual(['bsn:123456782']);
    expect(detect('Code 1234 SS en 1234 SA, en 0123 AB.')).toEqual([]);
    expect(detect('Om 10.00 uur, op 32-13-2019.')).toEqual([]);
  });

  it('tells an age from a duration', () => {
    expect(detect('Ik heb twee jaar in een pleeggezin gewoond. Het is drie jaar geleden. Een tweejarige opleiding.')).toEqual([]);
    expect(kinds('Toen ik 12 jaar was, woonde ik daar. Mijn zoon van 9 ook. Ze is 7.')).toEqual(['age:12 jaar', 'age:9', 'age:7']);
  });

  it('finds each kind in its usual forms', () => {
    expect(kinds('Bel 06-12345678, 06 1234 5678, 0612345678, 020-1234567, 010 123 4567, +31 6 12345678, +31 (0)20 123 4567 of 0031 6 12345678.')).toEqual(
      ['06-12345678', '06 1234 5678', '0612345678', '020-1234567', '010 123 4567', '+31 6 12345678', '+31 (0)20 123 4567', '0031 6 12345678'].map((p) => `phone:${p}`),
    );
    expect(kinds('Op 12 maart 2019, 12-03-2019, 12/3/2019, 2019-03-12, in maart 2019 en op 3 mei.')).toEqual(
      ['12 maart 2019', '12-03-2019', '12/3/2019', '2019-03-12', 'maart 2019', '3 mei'].map((d) => `date:${d}`),
    );
    expect(kinds('Kerkstraat 12, Van Goghlaan 3a en Oudegracht 45-bis, 1234 AB of 1234AB.')).toEqual([
      'address:Kerkstraat 12',
      'address:Van Goghlaan 3a',
      'address:Oudegracht 45-bis',
      'postcode:1234 AB',
      'postcode:1234AB',
    ]);
    expect(kinds("Naar Den Haag, 's-Hertogenbosch, Bergen op Zoom en Alphen aan den Rijn.")).toEqual(
      ['Den Haag', "'s-Hertogenbosch", 'Bergen op Zoom', 'Alphen aan den Rijn'].map((p) => `place:${p}`),
    );
    expect(kinds('Mohammed Ben Ali, Ayşe Demir, mevr. van der Linden en juf Petra.')).toEqual(
      ['Mohammed Ben Ali', 'Ayşe Demir', 'van der Linden', 'Petra'].map((n) => `name:${n}`),
    );
  });

  it('is fast on a 20,000-word transcript', () => {
    const parts: string[] = [];
    let words = 0;
    for (let i = 0; words < 20_000; i++) {
      const t = FIXTURES[i % FIXTURES.length].text;
      parts.push(t);
      words += t.split(/\s+/).filter(Boolean).length;
    }
    const text = parts.join('\n\n');
    detect(text.slice(0, 2000)); // warm up the regular expressions
    const t0 = performance.now();
    const got = detect(text);
    const ms = performance.now() - t0;
    console.log(`detect: ${words} woorden (${text.length} tekens), ${got.length} voorstellen in ${ms.toFixed(0)} ms`);
    expect(got.length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(5000);
  });
});
