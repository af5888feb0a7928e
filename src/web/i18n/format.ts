import i18n from './i18n';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'nl-NL';
}

// Making an Intl formatter costs far more than using one (the first of a kind loads locale data: milliseconds), so
// each kind is made once per locale and kept.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d${locale()}${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale(), options)));
  return f;
}
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n${locale()}${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale(), options)));
  return f;
}

/** A share (0–1) as a percentage in the interface language, with at most `digits` decimals (`fixed`: exactly). */
export function formatPercent(x: number, digits = 0, fixed = false): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: digits, ...(fixed ? { minimumFractionDigits: digits } : {}) }).format(x);
}

/** A number with exactly `digits` decimals in the interface language. */
export function formatDecimal(x: number, digits = 2): string {
  return numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** A calendar date (YYYY-MM-DD) or a timestamp, shown as a date in the interface language. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const dateOnly = DATE_ONLY.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat({ day: 'numeric', month: 'long', year: 'numeric', ...(dateOnly ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** A timestamp with date and time, in the interface language and the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The YYYY-MM-DD part of a date or timestamp, for <input type="date">. */
export function toDateInput(value: string | null | undefined): string {
  if (!value) return '';
  if (DATE_ONLY.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
