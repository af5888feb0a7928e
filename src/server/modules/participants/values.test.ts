import { describe, expect, it } from 'vitest';
import { formatCode, normaliseValue, readValue, type VariableDef } from './values';

const v = (type: VariableDef['type'], choices: string[] = []): VariableDef => ({ id: 'x', name: 'Var', type, choices });

describe('formatCode', () => {
  it('uses the role letter and two digits, then three when needed', () => {
    expect(formatCode('child', 1)).toBe('K-01');
    expect(formatCode('parent', 9)).toBe('O-09');
    expect(formatCode('foster_parent', 42)).toBe('P-42');
    expect(formatCode('young_adult', 99)).toBe('J-99');
    expect(formatCode('professional', 100)).toBe('B-100');
  });
});

describe('normaliseValue', () => {
  it('accepts values of the right type and stores them as text', () => {
    expect(normaliseValue(v('text'), '  rustig ')).toEqual({ ok: true, value: 'rustig' });
    expect(normaliseValue(v('number'), 3)).toEqual({ ok: true, value: '3' });
    expect(normaliseValue(v('number'), ' 2,5 ')).toEqual({ ok: true, value: '2.5' });
    expect(normaliseValue(v('date'), '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(normaliseValue(v('choice', ['a', 'b']), 'b')).toEqual({ ok: true, value: 'b' });
  });

  it.each([
    ['text', 5],
    ['text', 'a\u0000b'],
    ['text', 'x'.repeat(2001)],
    ['number', 'twee'],
    ['number', ''],
    ['number', Number.POSITIVE_INFINITY],
    ['date', '2023-02-29'],
    ['date', '29-02-2024'],
    ['date', '1850-01-01'],
    ['date', 20240101],
    ['choice', 'c'],
    ['choice', 1],
  ] as const)('refuses %s %j with a Dutch message', (type, value) => {
    const r = normaliseValue(v(type, ['a', 'b']), value as string | number);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Variabele "Var": /);
  });

  it('reads numbers back as numbers', () => {
    expect(readValue('number', '2.5')).toBe(2.5);
    expect(readValue('text', '2.5')).toBe('2.5');
  });
});
