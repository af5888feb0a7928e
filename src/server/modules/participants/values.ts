/** Pure rules of participants: pseudonym codes and the values of study variables by type. */
import { CODE_PREFIXES, type ParticipantRole, type VariableType } from '../../../shared/participant-vocabulary';

/** K-01 … K-99, then K-100 …: two digits, three (or more) when needed. */
export function formatCode(role: ParticipantRole, n: number): string {
  return `${CODE_PREFIXES[role]}-${String(n).padStart(2, '0')}`;
}

export interface VariableDef {
  id: string;
  name: string;
  type: VariableType;
  choices: string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function realDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * Checks a value against its variable and returns it as stored (text), or a Dutch message. Text: up to 2000
 * characters without NUL; number: a finite number (a numeric string is accepted); date: an existing YYYY-MM-DD;
 * choice: exactly one of the choices.
 */
export function normaliseValue(v: VariableDef, value: string | number): { ok: true; value: string } | { ok: false; message: string } {
  const bad = (why: string) => ({ ok: false as const, message: `Variabele "${v.name}": ${why}` });
  switch (v.type) {
    case 'text': {
      if (typeof value !== 'string') return bad('verwacht tekst.');
      const t = value.trim();
      if (t.includes('\u0000')) return bad('de tekst bevat een NUL-teken.');
      if (t.length > 2000) return bad('hoogstens 2000 tekens.');
      return { ok: true, value: t };
    }
    case 'number': {
      const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value.trim().replace(',', '.'));
      if (!Number.isFinite(n)) return bad('verwacht een getal.');
      return { ok: true, value: String(n) };
    }
    case 'date': {
      if (typeof value !== 'string' || !realDate(value.trim())) return bad('verwacht een bestaande datum als JJJJ-MM-DD.');
      return { ok: true, value: value.trim() };
    }
    case 'choice': {
      if (typeof value !== 'string' || !v.choices.includes(value)) return bad(`kies een van: ${v.choices.join(', ')}.`);
      return { ok: true, value };
    }
  }
}

/** The stored text back as the API gives it: a number for number variables, else the text. */
export function readValue(type: VariableType, stored: string): string | number {
  if (type === 'number') {
    const n = Number(stored);
    return Number.isFinite(n) ? n : stored;
  }
  return stored;
}

/** The conservative age band rule: a child participant is younger than 18. */
export const CHILD_AGE_BANDS = ['0-3', '4-7', '8-11', '12-15', '16-17'] as const;
