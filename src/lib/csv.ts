/** CSV for spreadsheets: papaparse does the quoting; cells that a spreadsheet would run as a formula are neutralised. */
import Papa from 'papaparse';

export function neutraliseFormula(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return Papa.unparse({ fields: header, data: rows.map((r) => r.map(neutraliseFormula)) }, { newline: '\r\n' });
}

const FORMULA_WRITE_RE = /^'*[=+\-@]/;
const FORMULA_READ_RE = /^'+[=+\-@]/;

/**
 * A cell as written: neutralised against spreadsheet formulas (a leading = + - @, possibly after apostrophes, gets
 * one more apostrophe), so that `unprotectCell(protectCell(v)) === v` for every v.
 */
export function protectCell(v: string): string {
  return FORMULA_WRITE_RE.test(v) ? `'${v}` : v;
}
/** A cell as read: trimmed, and the protecting apostrophe removed. */
export function unprotectCell(v: string): string {
  const t = v.trim();
  return FORMULA_READ_RE.test(t) ? t.slice(1) : t;
}
