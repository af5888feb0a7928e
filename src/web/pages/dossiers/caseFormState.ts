/** The coding form's state, its conversion to and from the API's CaseInput, and the client-side checks. */
import type { TFunction } from 'i18next';
import type { CaseFlag, CaseInput, CaseStatus, EventType, ParentFactor, PlacementReason, Sex } from '../../api/types';
import { DETAIL_VOCABULARY } from './vocab';

export interface EventRow {
  /** stable identity of the row while editing (React key, focus, flags) */
  key: string;
  date: string;
  type: EventType | '';
  detail: string;
}

export interface CaseFormState {
  code: string;
  birthMonth: string;
  sex: Sex | '';
  region: string;
  institution: string;
  siblings: string;
  placementReasons: PlacementReason[];
  parentFactors: ParentFactor[];
  status: CaseStatus;
  events: EventRow[];
}

let rowCounter = 0;
export const newRowKey = () => `r${++rowCounter}`;
export const emptyRow = (): EventRow => ({ key: newRowKey(), date: '', type: '', detail: '' });

export const CODE = /^[A-Za-z0-9_.-]+$/;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The years the server accepts (older or later dates are typing slips). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
const plausibleYear = (value: string) => {
  const y = Number(value.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};

/** A real calendar date as YYYY-MM-DD (not 2021-02-30) in a plausible year. */
export function isDate(value: string): boolean {
  if (!DATE.test(value) || !plausibleYear(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A birth month YYYY-MM in a plausible year. */
export const isMonth = (value: string) => MONTH.test(value) && plausibleYear(value);

/** Stable sort by date; rows without a valid date keep their place after the dated ones. */
export function sortRows(rows: EventRow[]): EventRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const da = isDate(a.row.date) ? a.row.date : '9999-99-99';
      const db = isDate(b.row.date) ? b.row.date : '9999-99-99';
      return da < db ? -1 : da > db ? 1 : a.index - b.index;
    })
    .map(({ row }) => row);
}

export function isSorted(rows: EventRow[]): boolean {
  const sorted = sortRows(rows);
  return sorted.every((row, i) => row === rows[i]);
}

export function emptyState(code = ''): CaseFormState {
  return {
    code,
    birthMonth: '',
    sex: '',
    region: '',
    institution: '',
    siblings: '',
    placementReasons: [],
    parentFactors: [],
    status: 'in_progress',
    events: [],
  };
}

/** The form state of a saved case, and the row key of each of its events (in the order the server gave them). */
export function toState(input: CaseInput): { state: CaseFormState; eventKeys: string[] } {
  const rows = (input.events ?? []).map((e) => ({ key: newRowKey(), date: e.date, type: e.type, detail: e.detail ?? '' }));
  const state: CaseFormState = {
    code: input.code,
    birthMonth: input.birthMonth,
    sex: input.sex,
    region: input.region ?? '',
    institution: input.institution ?? '',
    siblings: input.siblings === null || input.siblings === undefined ? '' : String(input.siblings),
    placementReasons: [...(input.placementReasons ?? [])],
    parentFactors: [...(input.parentFactors ?? [])],
    status: input.status ?? 'in_progress',
    events: sortRows(rows),
  };
  return { state, eventKeys: rows.map((row) => row.key) };
}

function siblingsValue(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

/** The case to save (rows in date order). Only call after validate() found nothing. */
export function toInput(state: CaseFormState): CaseInput {
  return {
    code: state.code.trim(),
    birthMonth: state.birthMonth,
    sex: state.sex as Sex,
    region: state.region.trim(),
    institution: state.institution.trim(),
    siblings: siblingsValue(state.siblings),
    placementReasons: state.placementReasons,
    parentFactors: state.parentFactors,
    status: state.status,
    events: sortRows(state.events).map((row) => ({ date: row.date, type: row.type as EventType, detail: row.detail.trim() })),
  };
}

export type FormErrors = Record<string, string | undefined>;

/** Field errors keyed by field name, and `events.<row key>.<field>` for the timeline. */
export function validate(state: CaseFormState, t: TFunction): FormErrors {
  const errors: FormErrors = {};
  const code = state.code.trim();
  if (!code) errors.code = t('caseForm.errors.codeRequired');
  else if (code.length > 40 || !CODE.test(code)) errors.code = t('caseForm.errors.codeFormat');
  if (!isMonth(state.birthMonth)) errors.birthMonth = t('caseForm.errors.birthMonth', { min: MIN_YEAR, max: MAX_YEAR });
  if (!state.sex) errors.sex = t('caseForm.errors.sex');
  if (state.region.trim().length > 100) errors.region = t('caseForm.errors.tooLong', { max: 100 });
  if (state.institution.trim().length > 40) errors.institution = t('caseForm.errors.tooLong', { max: 40 });
  const siblings = siblingsValue(state.siblings);
  if (siblings !== null && (!Number.isInteger(siblings) || siblings < 0 || siblings > 30)) errors.siblings = t('caseForm.errors.siblings');
  if (state.events.length > 500) errors.events = t('caseForm.errors.tooManyEvents', { max: 500 });
  state.events.forEach((row, index) => {
    const n = index + 1;
    if (!isDate(row.date)) errors[`events.${row.key}.date`] = t('caseForm.errors.eventDate', { n, min: MIN_YEAR, max: MAX_YEAR });
    if (!row.type) errors[`events.${row.key}.type`] = t('caseForm.errors.eventType', { n });
    const vocabulary = row.type ? DETAIL_VOCABULARY[row.type] : undefined;
    if (vocabulary && row.detail && !vocabulary.values.includes(row.detail)) errors[`events.${row.key}.detail`] = t('caseForm.errors.eventDetail', { n });
    if (row.detail.trim().length > 500) errors[`events.${row.key}.detail`] = t('caseForm.errors.eventDetailLong', { n, max: 500 });
  });
  return errors;
}

/** A flag with the rows it concerns (by row key, so it survives re-ordering while the next check runs). */
export interface RowFlag {
  flag: CaseFlag;
  rows: string[];
}

/**
 * The case as far as it can be checked now: the chronology checks need the birth month and the rows with a
 * valid date and type. Returns null when there is nothing to check yet.
 */
export function checkPayload(state: CaseFormState): { body: CaseInput; rowKeys: string[] } | null {
  if (!isMonth(state.birthMonth)) return null;
  const rows = sortRows(state.events).filter((row) => isDate(row.date) && row.type);
  const code = state.code.trim();
  const siblings = siblingsValue(state.siblings);
  return {
    body: {
      code: code && CODE.test(code) && code.length <= 40 ? code : 'CONTROLE',
      birthMonth: state.birthMonth,
      sex: state.sex || 'unknown',
      region: state.region.trim().slice(0, 100),
      institution: state.institution.trim().slice(0, 40),
      siblings: siblings !== null && Number.isInteger(siblings) && siblings >= 0 && siblings <= 30 ? siblings : null,
      placementReasons: state.placementReasons,
      parentFactors: state.parentFactors,
      status: state.status,
      events: rows.slice(0, 500).map((row) => ({ date: row.date, type: row.type as EventType, detail: row.detail.trim().slice(0, 500) })),
    },
    rowKeys: rows.map((row) => row.key),
  };
}

/** Flags of a saved case: its event indexes become the row keys toState() gave those events. */
export function rowFlags(flags: CaseFlag[], rowKeys: string[]): RowFlag[] {
  return flags.map((flag) => ({ flag, rows: flag.eventIndexes.map((i) => rowKeys[i]).filter((k): k is string => !!k) }));
}

/** Server validation errors (zod issues with a path such as ["events", 3, "date"]) as form errors. */
export function serverFieldErrors(details: unknown, state: CaseFormState, t: TFunction): FormErrors {
  const result: FormErrors = {};
  const issues: unknown[] = Array.isArray(details)
    ? details
    : typeof details === 'object' && details !== null && Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  const sorted = sortRows(state.events);
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const parts = Array.isArray(path) ? path.map(String) : typeof path === 'string' ? path.replace(/^[/.]/, '').split(/[/.]/) : [];
    if (parts[0] === 'events' && parts.length >= 3) {
      const row = sorted[Number(parts[1])];
      if (row) {
        const index = state.events.indexOf(row);
        result[`events.${row.key}.${parts[2]}`] ??= t('caseForm.errors.eventServer', { n: index + 1, message });
        continue;
      }
    }
    if (parts[0] && !(parts[0] in result)) result[parts[0]] = message;
  }
  return result;
}
