import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { slugify } from './slug';
import { toCsv } from './csv';

describe('slugify', () => {
  it('makes readable study codes from Dutch titles', () => {
    expect(slugify('Terug naar huis — proefonderzoek')).toBe('terug-naar-huis-proefonderzoek');
    expect(slugify('Één kind, twéé ouders!')).toBe('een-kind-twee-ouders');
    expect(slugify('   ')).toBe('onderzoek');
    expect(slugify('a'.repeat(100)).length).toBe(48);
  });
});

describe('toCsv', () => {
  it('quotes and neutralises spreadsheet formulas', () => {
    const csv = toCsv(['a', 'b'], [['=HYPERLINK("x")', 'gewoon, met komma'], ['+31 6', '-5'], [3, null]]);
    const parsed = Papa.parse<string[]>(csv).data;
    expect(parsed[0]).toEqual(['a', 'b']);
    expect(parsed[1]).toEqual(['\'=HYPERLINK("x")', 'gewoon, met komma']);
    expect(parsed[2]).toEqual(["'+31 6", "'-5"]);
    expect(parsed[3]).toEqual(['3', '']);
  });
});
