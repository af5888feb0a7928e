/**
 * The common layout of every export: one row per response, one variable (column) per answer where needed.
 *
 * Variables, in order: meta (response_id, version, complete, started_at, completed_at, duration_sec), then per question:
 * - radiogroup / dropdown / rating: one numeric variable with codes (see `codesFor`), plus `<name>_other_text` when the
 *   question has an "other" item;
 * - checkbox: one 0/1 variable per option `<name>_<option>` (also for other/none/…), plus `<name>_other_text`;
 * - matrix: one variable per row `<name>_<row>` with the column codes;
 * - ranking: one variable per item `<name>_<item>` with its rank (1 = top);
 * - boolean: 1 = true, 0 = false; number: the number; text, comment, email, date: a string.
 *
 * Missing data: a question hidden by its condition for that response ("not applicable") gets the variable's `naCode`
 * (declared user-missing; −1 unless −1 is a valid value); a question shown but not answered (skipped), or on a page
 * after the `lastPage` of an incomplete response (not reached), is empty. Text variables and number questions without a minimum have no naCode: both cases are empty.
 */
import { compiled, type CompiledSurvey } from '../answers';
import { derivedColumnNames, localText } from '../definition';
import type { Answers, QuestionInfo, QuestionType, ResponseRecord, SurveyDefinition } from '../types';

export type ExportValue = string | number | null;

export interface ValueCode {
  code: number;
  /** The answer value this code stands for (null for the not-applicable code). */
  value: string | number | boolean | null;
  label: string;
}

export type VariableKind = 'meta' | 'choice' | 'multiple' | 'rating' | 'matrix' | 'boolean' | 'number' | 'text' | 'date' | 'ranking' | 'other_text';

export interface ExportVariable {
  name: string;
  /** Question name; null for meta variables. */
  question: string | null;
  questionType: QuestionType | null;
  kind: VariableKind;
  /** Variable label: question title (– row / option / item). */
  label: string;
  storage: 'numeric' | 'string';
  level: 'nominal' | 'ordinal' | 'scale';
  /** Value labels (codes), including the not-applicable code when there is one. */
  values: ValueCode[];
  /** Code for "not applicable" (hidden by a condition), null when the variable has none. */
  naCode: number | null;
  /** Numeric: decimals in the data (0–6). */
  decimals: number;
  /** String: the largest value in UTF-8 bytes + 1 (room for the formula-protection apostrophe), at least 1. */
  width: number;
}

export interface ExportTable {
  variables: ExportVariable[];
  rows: ExportValue[][];
  /** Texts used for labels: 'default' (the instrument's language) or a locale such as 'en'. */
  locale: string;
}

export interface ExportOptions {
  /** Labels in this locale (default: the instrument's own language). */
  locale?: string;
}

const NA_LABEL: Record<string, string> = { default: 'Niet van toepassing', en: 'Not applicable' };
const YES_NO: Record<string, [string, string]> = { default: ['Nee', 'Ja'], en: ['No', 'Yes'] };
const SELECTED: Record<string, [string, string]> = { default: ['Niet gekozen', 'Gekozen'], en: ['Not selected', 'Selected'] };
const OTHER_TEXT: Record<string, string> = { default: 'toelichting bij anders', en: 'other, specified' };
const META_LABELS: Record<string, Record<string, string>> = {
  default: {
    response_id: 'Respons-ID',
    version: 'Versie van de vragenlijst',
    complete: 'Volledig ingevuld',
    started_at: 'Begonnen op (UTC)',
    completed_at: 'Afgerond op (UTC)',
    duration_sec: 'Invulduur in seconden',
  },
  en: {
    response_id: 'Response ID',
    version: 'Questionnaire version',
    complete: 'Completed',
    started_at: 'Started at (UTC)',
    completed_at: 'Completed at (UTC)',
    duration_sec: 'Duration in seconds',
  },
};

const pick = <T>(m: Record<string, T>, locale: string): T => m[locale] ?? m.default;

/**
 * Numeric codes for answer options: the values themselves when all regular options are integers (rating scales,
 * numeric codes), otherwise 1..n in the order of the definition; special items (other, none, …) follow.
 */
export function codesFor(q: QuestionInfo, locale: string): ValueCode[] {
  const regular = q.choices.filter((c) => !c.special);
  const integers = regular.every((c) => typeof c.value === 'number' && Number.isInteger(c.value));
  const numeric = q.type === 'rating' || integers;
  let next = numeric ? Math.max(0, ...regular.map((c) => c.value as number)) + 1 : 1;
  return q.choices.map((c) => {
    const code = numeric && !c.special ? (c.value as number) : next++;
    return { code, value: c.value, label: localText(c.text, locale) };
  });
}

function naFor(codes: number[]): number {
  const min = Math.min(0, ...codes);
  return min > -1 ? -1 : Math.floor(min) - 1;
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function decimalsOf(x: number): number {
  if (Number.isInteger(x)) return 0;
  const s = String(x);
  const m = /\.(\d+)/.exec(s);
  return Math.min(6, m ? m[1].length : 6);
}

function isoTime(v: string | Date | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

interface Column {
  variable: ExportVariable;
  /** Value for a response; `shown` is false when the question is hidden by its condition. */
  value: (answers: Answers, shown: boolean, resp: ResponseRecord) => ExportValue;
}

function questionColumns(q: QuestionInfo, locale: string): Column[] {
  const title = localText(q.title, locale);
  const names = derivedColumnNames(q);
  const base = { question: q.name, questionType: q.type, decimals: 0, width: 1 } as const;
  const cols: Column[] = [];
  const otherText = (): Column => ({
    variable: { ...base, name: `${q.name}_other_text`, kind: 'other_text', label: `${title} – ${pick(OTHER_TEXT, locale)}`, storage: 'string', level: 'nominal', values: [], naCode: null },
    value: (a, shown) => (shown && typeof a[`${q.name}-Comment`] === 'string' ? (a[`${q.name}-Comment`] as string) : null),
  });
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
    case 'rating':
    case 'boolean': {
      const values =
        q.type === 'boolean'
          ? [
              { code: 1, value: true, label: localText(q.choices[0].text, locale) },
              { code: 0, value: false, label: localText(q.choices[1].text, locale) },
            ]
          : codesFor(q, locale);
      const na = naFor(values.map((v) => v.code));
      cols.push({
        variable: {
          ...base,
          name: q.name,
          kind: q.type === 'rating' ? 'rating' : q.type === 'boolean' ? 'boolean' : 'choice',
          label: title,
          storage: 'numeric',
          level: q.type === 'rating' ? 'ordinal' : 'nominal',
          values: [...values, { code: na, value: null, label: pick(NA_LABEL, locale) }],
          naCode: na,
          decimals: Math.max(0, ...values.map((v) => decimalsOf(v.code))),
        },
        value: (a, shown) => {
          if (!shown) return na;
          const v = a[q.name];
          return values.find((x) => x.value === v)?.code ?? null;
        },
      });
      if (q.hasOther) cols.push(otherText());
      return cols;
    }
    case 'checkbox': {
      const [no, yes] = pick(SELECTED, locale);
      q.choices.forEach((c, i) => {
        cols.push({
          variable: {
            ...base,
            name: names[i],
            kind: 'multiple',
            label: `${title} – ${localText(c.text, locale)}`,
            storage: 'numeric',
            level: 'nominal',
            values: [
              { code: 0, value: false, label: no },
              { code: 1, value: true, label: yes },
              { code: -1, value: null, label: pick(NA_LABEL, locale) },
            ],
            naCode: -1,
          },
          value: (a, shown) => {
            if (!shown) return -1;
            const v = a[q.name];
            return Array.isArray(v) ? (v.includes(c.value) ? 1 : 0) : null;
          },
        });
      });
      if (q.hasOther) cols.push(otherText());
      return cols;
    }
    case 'matrix': {
      const values = codesFor(q, locale);
      const na = naFor(values.map((v) => v.code));
      q.rows.forEach((r, i) => {
        cols.push({
          variable: {
            ...base,
            name: names[i],
            kind: 'matrix',
            label: `${title} – ${localText(r.text, locale)}`,
            storage: 'numeric',
            level: 'ordinal',
            values: [...values, { code: na, value: null, label: pick(NA_LABEL, locale) }],
            naCode: na,
            decimals: Math.max(0, ...values.map((v) => decimalsOf(v.code))),
          },
          value: (a, shown) => {
            if (!shown) return na;
            const m = a[q.name];
            const v = typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>)[String(r.value)] : undefined;
            return values.find((x) => x.value === v)?.code ?? null;
          },
        });
      });
      return cols;
    }
    case 'ranking': {
      q.choices.forEach((c, i) => {
        cols.push({
          variable: {
            ...base,
            name: names[i],
            kind: 'ranking',
            label: `${title} – ${localText(c.text, locale)}`,
            storage: 'numeric',
            level: 'ordinal',
            values: [{ code: -1, value: null, label: pick(NA_LABEL, locale) }],
            naCode: -1,
          },
          value: (a, shown) => {
            if (!shown) return -1;
            const v = a[q.name];
            if (!Array.isArray(v)) return null;
            const at = v.indexOf(c.value);
            return at < 0 ? null : at + 1;
          },
        });
      });
      return cols;
    }
    case 'text':
      if (q.inputType === 'number') {
        const na = typeof q.min === 'number' ? naFor([q.min]) : null;
        return [
          {
            variable: {
              ...base,
              name: q.name,
              kind: 'number',
              label: title,
              storage: 'numeric',
              level: 'scale',
              values: na === null ? [] : [{ code: na, value: null, label: pick(NA_LABEL, locale) }],
              naCode: na,
            },
            value: (a, shown) => (!shown ? na : typeof a[q.name] === 'number' ? (a[q.name] as number) : null),
          },
        ];
      }
    // fall through: text, email, date
    case 'comment':
      return [
        {
          variable: { ...base, name: q.name, kind: q.inputType === 'date' ? 'date' : 'text', label: title, storage: 'string', level: 'nominal', values: [], naCode: null },
          value: (a, shown) => (shown && typeof a[q.name] === 'string' ? (a[q.name] as string) : null),
        },
      ];
  }
}

function metaColumns(locale: string): Column[] {
  const l = pick(META_LABELS, locale);
  const [no, yes] = pick(YES_NO, locale);
  const meta = { question: null, questionType: null, kind: 'meta' as const, values: [], naCode: null, decimals: 0, width: 1 };
  const str = (name: string, get: (r: ResponseRecord) => string | null): Column => ({
    variable: { ...meta, name, label: l[name], storage: 'string', level: 'nominal' },
    value: (_a, _s, r) => get(r),
  });
  return [
    str('response_id', (r) => String(r.id)),
    str('version', (r) => (r.version === null || r.version === undefined ? null : String(r.version))),
    {
      variable: { ...meta, name: 'complete', label: l.complete, storage: 'numeric', level: 'nominal', values: [{ code: 0, value: false, label: no }, { code: 1, value: true, label: yes }] },
      value: (_a, _s, r) => (isoTime(r.completedAt) ? 1 : 0),
    },
    str('started_at', (r) => isoTime(r.startedAt)),
    str('completed_at', (r) => isoTime(r.completedAt)),
    {
      variable: { ...meta, name: 'duration_sec', label: l.duration_sec, storage: 'numeric', level: 'scale' },
      value: (_a, _s, r) => {
        const s = isoTime(r.startedAt);
        const e = isoTime(r.completedAt);
        if (!s || !e) return null;
        const d = (Date.parse(e) - Date.parse(s)) / 1000;
        return d >= 0 ? Math.round(d) : null;
      },
    },
  ];
}

/**
 * Builds the export table for responses given with this definition. Answer keys the definition does not know
 * (e.g. from another version) are ignored; pass responses of one version, or of versions with the same questions.
 */
export function buildExportTable(definition: SurveyDefinition | CompiledSurvey, responses: ResponseRecord[], opts: ExportOptions = {}): ExportTable {
  const c = compiled(definition);
  const locale = opts.locale && opts.locale !== 'default' ? opts.locale : 'default';
  const columns: Column[] = [...metaColumns(locale)];
  const questionOf: (QuestionInfo | null)[] = columns.map(() => null);
  for (const q of c.info.questions) {
    for (const col of questionColumns(q, locale)) {
      columns.push(col);
      questionOf.push(q);
    }
  }
  const rows = responses.map((r) => {
    const answers = typeof r.answers === 'object' && r.answers !== null ? r.answers : {};
    const known: Answers = {};
    for (const q of c.info.questions) {
      if (Object.prototype.hasOwnProperty.call(answers, q.name)) known[q.name] = answers[q.name];
      const ck = `${q.name}-Comment`;
      if (Object.prototype.hasOwnProperty.call(answers, ck)) known[ck] = answers[ck];
    }
    const vis = c.visibility(known);
    // An incomplete response did not reach the pages after its last page: empty (not reached), not "not applicable".
    const last = isoTime(r.completedAt) === null && Number.isInteger(r.lastPage) ? (r.lastPage as number) : Infinity;
    return columns.map((col, i) => {
      const q = questionOf[i];
      return col.value(known, q ? vis.questions[q.name] || q.page > last : true, r);
    });
  });
  const variables = columns.map((col, i) => {
    const v = { ...col.variable, values: [...col.variable.values] };
    if (v.storage === 'string') {
      v.width = Math.min(32767, 1 + Math.max(0, ...rows.map((row) => (typeof row[i] === 'string' ? utf8Bytes(row[i] as string) : 0))));
    } else {
      v.decimals = Math.max(v.decimals, ...rows.map((row) => (typeof row[i] === 'number' ? decimalsOf(row[i] as number) : 0)));
    }
    return v;
  });
  return { variables, rows, locale };
}

/** The label of a code of a variable, or undefined. */
export function labelOf(v: ExportVariable, code: ExportValue): string | undefined {
  return typeof code === 'number' ? v.values.find((x) => x.code === code)?.label : undefined;
}
