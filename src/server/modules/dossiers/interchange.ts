/**
 * The CSV interchange format of the case-file study: two files.
 *
 *   cases.csv   case_id,birth_month,sex,region,placement_reasons,parent_factors
 *   events.csv  case_id,date,type,detail
 *
 * - case_id: the pseudonymous case code (CaseInput.code): letters, digits, . _ -, at most 40 characters, unique.
 * - birth_month: YYYY-MM. sex: m | f | x | unknown. region: free text (≤ 100).
 * - placement_reasons / parent_factors: `;`-separated codes from PLACEMENT_REASONS / PARENT_FACTORS, possibly empty.
 * - date: YYYY-MM-DD, a real calendar date. type: one of EVENT_TYPES. detail: one of DETAIL_VOCABULARY[type] for the
 *   types that have a vocabulary (empty is then not allowed), otherwise free text (≤ 500).
 * - every case has exactly one observation_end event; at most 500 events per case.
 *
 * Parsing validates everything and reports every bad row with its line (1 = header; for a row with a quoted line
 * break, the line where the row starts), at most 1000 problems plus a final "… en N meer". A UTF-8 BOM, CRLF,
 * whitespace around cells, blank lines and trailing empty lines are tolerated. The columns must carry exactly these
 * names, each once (their order is free).
 * Extension (optional, by name): cases.csv may also carry `institution` (pseudonymous code, ≤ 40), `siblings` (0–30
 * or empty) and `status` (in_progress | complete | verified); the extended export writes them so that nothing is
 * lost in a round trip. Without them, imported cases get institution '', siblings null and status 'in_progress'.
 *
 * Formula injection: when writing, a cell starting with = + - or @ (after any leading apostrophes) gets an extra
 * leading ' so that a spreadsheet shows it as text; when reading, one leading ' is removed from a cell of that shape.
 * This is a bijection, so parse(serialize(x)) gives x back (for trimmed values, and with each case's events in date
 * order — serialize writes them sorted by date, stable, which is the order parse then returns).
 */
import Papa from 'papaparse';
import { CASE_STATUSES, DETAIL_VOCABULARY, EVENT_TYPES, PARENT_FACTORS, PLACEMENT_REASONS, SEXES } from '../../../shared/dossiers';
import type { CaseInput, CaseStatus, EventType, ImportProblem, ParentFactor, PlacementReason, Sex } from '../../../shared/dossiers';
import { dayOf } from './outcomes';
import { protectCell, unprotectCell } from '../../../lib/csv';

export { protectCell, unprotectCell };

export const CASES_COLUMNS = ['case_id', 'birth_month', 'sex', 'region', 'placement_reasons', 'parent_factors'] as const;
export const EVENTS_COLUMNS = ['case_id', 'date', 'type', 'detail'] as const;
/** Optional columns of cases.csv (the extended export writes them). */
export const CASES_EXTRA_COLUMNS = ['institution', 'siblings', 'status'] as const;
const STATUS_SET = new Set<string>(CASE_STATUSES);
export const MAX_PROBLEMS = 1000;
const MAX_EVENTS_PER_CASE = 500;

const CODE_RE = /^[A-Za-z0-9_.-]+$/;
const BIRTH_MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const SEX_SET = new Set<string>(SEXES);
const TYPE_SET = new Set<string>(EVENT_TYPES);
const REASON_SET = new Set<string>(PLACEMENT_REASONS);
const FACTOR_SET = new Set<string>(PARENT_FACTORS);

interface Row {
  line: number;
  cells: string[];
  parseErrors: string[];
}

function csvErrorMessage(e: Papa.ParseError): string {
  if (e.code === 'MissingQuotes') return 'CSV-fout: een aanhalingsteken (") wordt niet afgesloten, zodat de rest van het bestand als één cel wordt gelezen.';
  if (e.code === 'InvalidQuotes') return 'CSV-fout: ongeldig aanhalingsteken (") in een cel.';
  return `CSV-fout: ${e.message}.`;
}

/**
 * Calls `onRow` for every row with the line where it starts (blank rows skipped), streaming: rows are not kept.
 * Returns false when the text holds no row at all.
 */
function eachRow(text: string, onRow: (row: Row, isHeader: boolean) => void): boolean {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let prevEnd = -1; // cursor after the previous row
  let scanned = 0;
  let newlines = 0;
  let seenHeader = false;
  Papa.parse<string[]>(src, {
    delimiter: ',',
    skipEmptyLines: false,
    step: (r) => {
      let start = 0;
      if (prevEnd >= 0) {
        start = prevEnd;
        if (src.charCodeAt(start) === 13) start++;
        if (src.charCodeAt(start) === 10) start++;
      }
      for (; scanned < start; scanned++) if (src.charCodeAt(scanned) === 10) newlines++;
      prevEnd = r.meta.cursor;
      const cells = r.data;
      let blank = true;
      for (const c of cells) {
        if (c.trim() !== '') {
          blank = false;
          break;
        }
      }
      if (blank) return;
      onRow({ line: newlines + 1, cells, parseErrors: r.errors.length ? r.errors.map(csvErrorMessage) : NO_ERRORS }, !seenHeader);
      seenHeader = true;
    },
  });
  return seenHeader;
}
const NO_ERRORS: string[] = [];

/** The line of every data row of a CSV text (1 = header; blank rows skipped; a quoted line break stays in its row). */
export function dataRowLines(csv: string): number[] {
  const lines: number[] = [];
  eachRow(csv, (row, isHeader) => {
    if (!isHeader) lines.push(row.line);
  });
  return lines;
}

class Problems {
  readonly list: ImportProblem[] = [];
  more = 0;
  moreFile: ImportProblem['file'] = 'cases';
  add(file: ImportProblem['file'], line: number, message: string) {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ file, line, message });
    else {
      if (this.more === 0) this.moreFile = file;
      this.more++;
    }
  }
}

/** Column index per expected name, or a problem message. */
function mapHeader(cells: string[] | undefined, expected: readonly string[], optional: readonly string[] = []): Map<string, number> | string {
  if (!cells) return `Het bestand is leeg; verwacht een kopregel met de kolommen ${expected.join(',')}.`;
  const names = cells.map((c) => c.trim());
  const map = new Map<string, number>();
  const dup: string[] = [];
  names.forEach((n, i) => {
    if (map.has(n)) dup.push(n);
    else map.set(n, i);
  });
  const missing = expected.filter((n) => !map.has(n));
  const unknown = names.filter((n) => !expected.includes(n) && !optional.includes(n));
  if (missing.length === 0 && unknown.length === 0 && dup.length === 0) return map;
  const also = optional.length ? `, en mag daarnaast ${optional.join(',')} bevatten` : '';
  const parts = [`De kopregel moet precies de kolommen ${expected.join(',')} bevatten${also} (gevonden: ${names.join(',')}).`];
  if (missing.length) parts.push(`Ontbrekend: ${missing.join(', ')}.`);
  if (unknown.length) parts.push(`Onbekend: ${unknown.join(', ')}.`);
  if (dup.length) parts.push(`Dubbel: ${dup.join(', ')}.`);
  return parts.join(' ');
}

function parseList<T extends string>(raw: string, allowed: Set<string>, what: string, errors: string[]): T[] {
  const items = raw
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = items.filter((s) => !allowed.has(s));
  if (bad.length) errors.push(`${what}: onbekende waarde(n) ${bad.map((b) => `"${b}"`).join(', ')}; toegestaan: ${[...allowed].join(', ')}.`);
  const dup = items.filter((s, i) => items.indexOf(s) !== i);
  if (dup.length) errors.push(`${what}: ${[...new Set(dup)].join(', ')} staat er meer dan eens in.`);
  return items as T[];
}

export function parseInterchange(
  casesCsv: string,
  eventsCsv: string,
): { ok: true; cases: CaseInput[] } | { ok: false; problems: ImportProblem[] } {
  const problems = new Problems();

  // ---- cases.csv
  const cases: CaseInput[] = [];
  const byCode = new Map<string, { c: CaseInput; line: number; observationEnds: number }>();
  const knownCodes = new Map<string, number>(); // every case_id seen in cases.csv (→ its first line), also on bad rows
  let caseHeader: Map<string, number> | string = '';
  let caseWidth = 0;
  const casesFound = eachRow(casesCsv, (row, isHeader) => {
    if (isHeader) {
      caseHeader = mapHeader(row.cells, CASES_COLUMNS, CASES_EXTRA_COLUMNS);
      if (typeof caseHeader === 'string') problems.add('cases', row.line, caseHeader);
      caseWidth = row.cells.length;
      return;
    }
    if (typeof caseHeader === 'string') return;
    const header = caseHeader;
    const errs: string[] = [...row.parseErrors];
    if (row.cells.length !== caseWidth) {
      for (const m of row.parseErrors) problems.add('cases', row.line, m);
      problems.add('cases', row.line, `Verwacht ${caseWidth} velden, gevonden ${row.cells.length}.`);
      const code = unprotectCell(row.cells[header.get('case_id')!] ?? '');
      if (code && !knownCodes.has(code)) knownCodes.set(code, row.line);
      return;
    }
    const cell = (name: (typeof CASES_COLUMNS)[number] | (typeof CASES_EXTRA_COLUMNS)[number]) => {
      const i = header.get(name);
      return i === undefined ? '' : unprotectCell(row.cells[i]);
    };
    const code = cell('case_id');
    if (code === '') errs.push('case_id is leeg.');
    else if (code.length > 40) errs.push(`case_id "${code.slice(0, 40)}…" is langer dan 40 tekens.`);
    else if (!CODE_RE.test(code)) errs.push(`case_id "${code}" mag alleen letters, cijfers, punt, streep en liggend streepje bevatten.`);
    const firstLine = code ? knownCodes.get(code) : undefined;
    if (firstLine !== undefined) errs.push(`case_id "${code}" komt al voor op regel ${firstLine}; elke case_id moet uniek zijn.`);
    else if (code) knownCodes.set(code, row.line);
    const bm = cell('birth_month');
    if (!BIRTH_MONTH_RE.test(bm)) errs.push(`birth_month "${bm}" is geen geboortemaand als JJJJ-MM.`);
    const sex = cell('sex');
    if (!SEX_SET.has(sex)) errs.push(`sex "${sex}" is onbekend; toegestaan: ${SEXES.join(', ')}.`);
    const region = cell('region');
    if (region.length > 100) errs.push('region is langer dan 100 tekens.');
    const reasons = parseList<PlacementReason>(cell('placement_reasons'), REASON_SET, 'placement_reasons', errs);
    const factors = parseList<ParentFactor>(cell('parent_factors'), FACTOR_SET, 'parent_factors', errs);
    const institution = cell('institution');
    if (institution.length > 40) errs.push('institution is langer dan 40 tekens.');
    const sib = cell('siblings');
    if (sib !== '' && !(/^\d{1,2}$/.test(sib) && Number(sib) <= 30)) errs.push(`siblings "${sib}" is geen aantal van 0 tot en met 30 (of leeg).`);
    const status = cell('status') || 'in_progress';
    if (!STATUS_SET.has(status)) errs.push(`status "${status}" is onbekend; toegestaan: ${CASE_STATUSES.join(', ')}.`);
    if (errs.length) {
      for (const m of errs) problems.add('cases', row.line, m);
      return;
    }
    const c: CaseInput = {
      code,
      birthMonth: bm,
      sex: sex as Sex,
      region,
      institution,
      siblings: sib === '' ? null : Number(sib),
      placementReasons: reasons,
      parentFactors: factors,
      status: status as CaseStatus,
      events: [],
    };
    cases.push(c);
    byCode.set(code, { c, line: row.line, observationEnds: 0 });
  });
  if (!casesFound) problems.add('cases', 1, mapHeader(undefined, CASES_COLUMNS) as string);
  const casesUsable = casesFound && typeof caseHeader !== 'string';

  // ---- events.csv
  let eventHeader: Map<string, number> | string = '';
  let cId = 0;
  let cDate = 0;
  let cType = 0;
  let cDetail = 0;
  const eventsFound = eachRow(eventsCsv, (row, isHeader) => {
    if (isHeader) {
      eventHeader = mapHeader(row.cells, EVENTS_COLUMNS);
      if (typeof eventHeader === 'string') problems.add('events', row.line, eventHeader);
      else [cId, cDate, cType, cDetail] = EVENTS_COLUMNS.map((n) => (eventHeader as Map<string, number>).get(n)!);
      return;
    }
    if (typeof eventHeader === 'string') return;
    const errs: string[] = row.parseErrors.length ? [...row.parseErrors] : [];
    if (row.cells.length !== EVENTS_COLUMNS.length) {
      for (const m of row.parseErrors) problems.add('events', row.line, m);
      problems.add('events', row.line, `Verwacht ${EVENTS_COLUMNS.length} velden, gevonden ${row.cells.length}.`);
      return;
    }
    const code = unprotectCell(row.cells[cId]);
    const target = byCode.get(code);
    if (code === '') errs.push('case_id is leeg.');
    else if (casesUsable && !knownCodes.has(code)) errs.push(`case_id "${code}" staat niet in cases.csv.`);
    const date = unprotectCell(row.cells[cDate]);
    if (!DATE_RE.test(date)) errs.push(`date "${date}" is geen datum als JJJJ-MM-DD.`);
    else if (Number.isNaN(dayOf(date))) errs.push(`date "${date}" bestaat niet in de kalender.`);
    const type = unprotectCell(row.cells[cType]);
    const detail = unprotectCell(row.cells[cDetail]);
    if (!TYPE_SET.has(type)) errs.push(`type "${type}" is onbekend; toegestaan: ${EVENT_TYPES.join(', ')}.`);
    else {
      const vocab = DETAIL_VOCABULARY[type as EventType];
      if (vocab && !vocab.includes(detail))
        errs.push(`detail "${detail}" past niet bij ${type}; toegestaan: ${vocab.join(', ')}.`);
    }
    if (detail.length > 500) errs.push('detail is langer dan 500 tekens.');
    if (type === 'observation_end' && target) {
      target.observationEnds++;
      if (target.observationEnds > 1) errs.push(`Dossier "${code}" heeft meer dan één observation_end; er hoort er precies één te zijn.`);
    }
    if (errs.length) {
      for (const m of errs) problems.add('events', row.line, m);
      return;
    }
    target?.c.events.push({ date, type: type as EventType, detail });
  });
  if (!eventsFound) problems.add('events', 1, mapHeader(undefined, EVENTS_COLUMNS) as string);
  const eventsUsable = eventsFound && typeof eventHeader !== 'string';

  // ---- per case (reported on the cases.csv line)
  if (eventsUsable) {
    for (const { c, line, observationEnds } of byCode.values()) {
      if (observationEnds === 0)
        problems.add('cases', line, `Dossier "${c.code}" heeft geen observation_end in events.csv; er hoort er precies één te zijn.`);
      if (c.events.length > MAX_EVENTS_PER_CASE)
        problems.add('cases', line, `Dossier "${c.code}" heeft ${c.events.length} gebeurtenissen; het maximum is ${MAX_EVENTS_PER_CASE}.`);
    }
  }

  if (problems.list.length === 0) return { ok: true, cases };
  const list = [...problems.list].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === 'cases' ? -1 : 1));
  if (problems.more > 0) list.push({ file: problems.moreFile, line: 0, message: `… en ${problems.more} meer` });
  return { ok: false, problems: list };
}

/** The two files; `extended` adds the optional columns institution, siblings and status to cases.csv. */
export function serializeInterchange(cases: CaseInput[], opts: { extended?: boolean } = {}): { cases: string; events: string } {
  const caseRows = cases.map((c) => {
    const row = [protectCell(c.code), c.birthMonth, c.sex, protectCell(c.region), c.placementReasons.join(';'), c.parentFactors.join(';')];
    if (opts.extended) row.push(protectCell(c.institution), c.siblings === null ? '' : String(c.siblings), c.status);
    return row;
  });
  const eventRows: string[][] = [];
  for (const c of cases) {
    const code = protectCell(c.code);
    const order = c.events.map((_, i) => i);
    // ISO dates sort as strings; ties keep their given order
    order.sort((a, b) => (c.events[a].date < c.events[b].date ? -1 : c.events[a].date > c.events[b].date ? 1 : a - b));
    for (const i of order) {
      const e = c.events[i];
      eventRows.push([code, e.date, e.type, protectCell(e.detail)]);
    }
  }
  return {
    cases: Papa.unparse({ fields: opts.extended ? [...CASES_COLUMNS, ...CASES_EXTRA_COLUMNS] : [...CASES_COLUMNS], data: caseRows }, { newline: '\r\n' }) + '\r\n',
    events: Papa.unparse({ fields: [...EVENTS_COLUMNS], data: eventRows }, { newline: '\r\n' }) + '\r\n',
  };
}
