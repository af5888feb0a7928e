/** The interface's number and date formats: in the interface language, also after switching it (formatters are kept per locale). */
import { describe, expect, it, vi } from 'vitest';

const lang = vi.hoisted(() => ({ language: 'nl' }));
vi.mock('./i18n', () => ({ default: lang }));
const { formatDate, formatDateTime, formatDecimal, formatPercent } = await import('./format');

describe('formats in the interface language', () => {
  it('writes percentages with the decimals asked for', () => {
    lang.language = 'nl';
    expect(formatPercent(0.5).replace(/\s/g, ' ')).toBe('50%');
    expect(formatPercent(0.1234, 1).replace(/\s/g, ' ')).toBe('12,3%');
    expect(formatPercent(0.1234)).toBe('12%');
  });

  it('switches with the language, back and forth', () => {
    lang.language = 'nl';
    expect(formatDate('2025-03-07')).toBe('7 maart 2025');
    expect(formatPercent(0.1234, 1)).toContain('12,3');
    lang.language = 'en';
    expect(formatDate('2025-03-07')).toBe('7 March 2025');
    expect(formatPercent(0.1234, 1)).toBe('12.3%');
    lang.language = 'nl';
    expect(formatDate('2025-03-07')).toBe('7 maart 2025');
  });

  it('keeps a calendar date on its day and leaves what is not a date as it is', () => {
    lang.language = 'nl';
    expect(formatDate('2025-01-01')).toBe('1 januari 2025');
    expect(formatDate('geen datum')).toBe('geen datum');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime('2025-03-07T10:15:00Z')).toMatch(/2025/);
  });
});

describe('decimals', () => {
  it('shows exactly the decimals asked for', () => {
    lang.language = 'nl';
    expect(formatDecimal(0.5, 2)).toBe('0,50');
    expect(formatPercent(0.5, 1, true)).toContain('50,0');
    lang.language = 'en';
    expect(formatDecimal(0.5, 3)).toBe('0.500');
  });
});
