import { describe, expect, it } from 'vitest';
import { detect } from './detect';
import { emptyMapping, labelFor, normaliseEntity, pseudonymise, type Mapping } from './pseudonymise';

describe('pseudonymise', () => {
  it('replaces accepted spans with consistent labels per kind and entity', () => {
    const text = 'Fatima belde mevrouw Jansen uit Utrecht. Later belde FATIMA weer, vanuit Zeist, op 06-12345678 (ook: 0612345678).';
    // The researcher accepts all proposals and adds one by hand (capitals only are not detected).
    const manual = { start: text.indexOf('FATIMA'), end: text.indexOf('FATIMA') + 6, kind: 'name' as const };
    const { text: out, mapping } = pseudonymise(text, [...detect(text), manual]);
    expect(out).toBe('[Naam 1] belde mevrouw [Naam 2] uit [Plaats 1]. Later belde [Naam 1] weer, vanuit [Plaats 2], op [Telefoon 1] (ook: [Telefoon 1]).');
    expect(mapping.counters).toEqual({ name: 2, place: 2, phone: 1 });
    expect(mapping.entries['[Naam 1]']).toEqual({ kind: 'name', key: 'fatima', originals: ['Fatima', 'FATIMA'] });
    expect(mapping.entries['[Telefoon 1]'].originals).toEqual(['06-12345678', '0612345678']);
  });

  it('uses code-point offsets (emoji, combining characters, CRLF)', () => {
    const text = '😀 Zoe\u0308\r\nen Daan';
    const { text: out } = pseudonymise(text, [
      { start: 2, end: 6, kind: 'name' },
      { start: 11, end: 15, kind: 'name' },
    ]);
    expect(out).toBe('😀 [Naam 1]\r\nen [Naam 2]');
  });

  it('continues an existing mapping across documents, without changing it', () => {
    const first = pseudonymise('Emre woont in Zwolle.', detect('Emre woont in Zwolle.')).mapping;
    const frozen = JSON.parse(JSON.stringify(first)) as Mapping;
    const second = pseudonymise('Zwolle? Nee, Daan en Emre wonen in Kampen.', detect('Zwolle? Nee, Daan en Emre wonen in Kampen.'), frozen);
    expect(second.text).toBe('[Plaats 1]? Nee, [Naam 2] en [Naam 1] wonen in [Plaats 2].');
    expect(frozen).toEqual(first); // the stored mapping is not modified
    expect(second.mapping.counters).toEqual({ name: 2, place: 2 });
    // It survives a JSON round trip (it is stored encrypted as JSON).
    expect(JSON.parse(JSON.stringify(second.mapping))).toEqual(second.mapping);
  });

  it('gives different kinds with the same text different labels', () => {
    const text = 'Groningen en Groningen';
    const { text: out } = pseudonymise(text, [
      { start: 0, end: 9, kind: 'place' },
      { start: 13, end: 22, kind: 'institution' },
    ]);
    expect(out).toBe('[Plaats 1] en [Instelling 1]');
  });

  it('leaves the text alone without spans and rejects invalid spans', () => {
    expect(pseudonymise('Niets te doen.', [])).toEqual({ text: 'Niets te doen.', mapping: emptyMapping() });
    expect(() => pseudonymise('abc', [{ start: 2, end: 9, kind: 'name' }])).toThrow(RangeError);
    expect(() => pseudonymise('abcdef', [{ start: 0, end: 3, kind: 'name' }, { start: 2, end: 4, kind: 'name' }])).toThrow(/Overlappende/);
    expect(() => pseudonymise('abc', [{ start: 0, end: 1, kind: 'geheim' as never }])).toThrow(/Onbekende soort/);
  });

  it('normalises spelling variants of one entity', () => {
    expect(normaliseEntity('phone', '+31 (0)20 123 4567')).toBe('0201234567');
    expect(normaliseEntity('phone', '0031 6 12345678')).toBe(normaliseEntity('phone', '06-12345678'));
    expect(normaliseEntity('bsn', '123.456.782')).toBe('123456782');
    expect(normaliseEntity('postcode', '1234 ab')).toBe('1234AB');
    expect(normaliseEntity('url', 'https://www.voorbeeld.nl/')).toBe('voorbeeld.nl');
    expect(normaliseEntity('name', 'Zoe\u0308  van  Dijk')).toBe('zoë van dijk');
    expect(labelFor('email', 3)).toBe('[E-mail 3]');
  });
});
