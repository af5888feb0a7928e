import { describe, expect, it } from 'vitest';
import { compilePattern, matchAll, PatternError, wildcardToRegex } from './pattern';

const find = (pattern: string, text: string, mode: 'wildcard' | 'regex' = 'wildcard', cs = false) => matchAll(compilePattern(pattern, mode, cs), text, 100).map(([a, b]) => text.slice(a, b));

describe('patterns', () => {
  it('wildcards match whole words, * any letters and ? one letter, case-insensitive', () => {
    expect(find('pleeg*', 'Het Pleeggezin en de pleegouders; opleeg')).toEqual(['Pleeggezin', 'pleegouders']);
    expect(find('gezin?', 'gezin gezins gezinnen')).toEqual(['gezins']);
    expect(find('geen plek', 'Er was geen  plek, geen-plek en geenplek')).toEqual(['geen  plek', 'geen-plek']);
    expect(find('zoë', 'Zoë ging mee')).toEqual(['Zoë']);
  });
  it('regular expressions run with the Unicode flag', () => {
    expect(find('wacht(lijst|tijd)', 'de wachtlijst en de wachttijd', 'regex')).toEqual(['wachtlijst', 'wachttijd']);
    expect(find('Jeugd', 'jeugd Jeugd', 'regex', true)).toEqual(['Jeugd']);
  });
  it('refuses dangerous or useless patterns with a Dutch message', () => {
    expect(() => compilePattern('(a+)+$', 'regex', false)).toThrow(PatternError);
    expect(() => compilePattern('(\\w*)*', 'regex', false)).toThrow(/herhaling/);
    expect(() => compilePattern('(a)\\1', 'regex', false)).toThrow(/terug/);
    expect(() => compilePattern('a*', 'regex', false)).toThrow(/lege tekst/);
    expect(() => compilePattern('(', 'regex', false)).toThrow(/geen geldige/);
    expect(() => compilePattern('* ?', 'wildcard', false)).toThrow(PatternError);
    expect(() => wildcardToRegex('   ')).toThrow(PatternError);
  });
});
