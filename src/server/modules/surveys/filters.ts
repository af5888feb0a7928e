/**
 * Filters of survey results by closed answers. Pure.
 *
 * Two spellings in the query string, combined:
 * - repeated `filter=vraag:waarde` (a matrix row: `filter=matrix.rij:waarde`); the value is everything after the
 *   first colon;
 * - `filters={"vraag":["waarde", …]}` (JSON, the older spelling).
 * Several values of one question: a response passes when it gave one of them (or); several questions: all must match
 * (and). Unknown questions, open questions and values that are no answer option give a Dutch 400.
 */
import { badRequest } from '../../platform/errors';
import type { CompiledSurvey } from '../../../lib/survey/answers';

export type FilterValue = string | number | boolean;
/** question name (or `matrix.row`) → the answer values to keep, as they appear in the definition */
export type Filters = Record<string, FilterValue[]>;

/** Question types a filter may use (a matrix by row). */
export const FILTERABLE = new Set(['radiogroup', 'dropdown', 'checkbox', 'boolean', 'rating', 'matrix']);
const MAX_FILTERS = 50;

type Info = CompiledSurvey['info'];

/** The question of a reference (`name` or `matrix.row`) and how to read its answer, or null when not filterable. */
function target(info: Info | undefined, ref: string) {
  const dot = ref.indexOf('.');
  const name = dot >= 0 ? ref.slice(0, dot) : ref;
  const row = dot >= 0 ? ref.slice(dot + 1) : undefined;
  const q = info?.questions.find((x) => x.name === name);
  if (!q || !FILTERABLE.has(q.type)) return null;
  if (q.type === 'matrix' ? row === undefined || !q.rows.some((r) => String(r.value) === row) : row !== undefined) return null;
  return q;
}

const short = (s: string) => s.slice(0, 80);

function add(out: Filters, info: Info | undefined, ref: string, value: unknown) {
  const q = target(info, ref);
  if (!q) {
    throw badRequest(
      ref.includes('.')
        ? `Filteren kan alleen op een gesloten vraag of een rij van een tabelvraag; "${short(ref)}" bestaat niet (in deze versie).`
        : `Filteren kan alleen op een gesloten vraag; "${short(ref)}" is dat niet (in deze versie).`,
    );
  }
  if (!['string', 'number', 'boolean'].includes(typeof value)) throw badRequest(`Het filter op "${short(ref)}" heeft geen geldige waarde.`);
  const choice = q.choices.find((c) => String(c.value) === String(value));
  if (!choice) throw badRequest(`"${short(String(value))}" is geen antwoord op de vraag "${short(ref)}".`);
  const list = (out[ref] ??= []);
  if (!list.some((v) => String(v) === String(choice.value))) list.push(choice.value as FilterValue);
}

/**
 * Parses and checks the filters of a request against the (frozen) definition. `compiled` null (nothing published):
 * every filter is unknown.
 */
export function parseFilters(q: { filters?: string; filter?: string | string[] }, compiled: CompiledSurvey | null): Filters {
  const info = compiled?.info;
  const out: Filters = {};
  let count = 0;
  if (q.filters) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(q.filters);
    } catch {
      throw badRequest('Het filter is geen geldige JSON (verwacht: {"vraag":["antwoord", …]}).');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('Het filter moet een object zijn: {"vraag":["antwoord", …]}.');
    for (const [name, values] of Object.entries(parsed as Record<string, unknown>)) {
      if (!Array.isArray(values) || values.length === 0 || values.length > 100) throw badRequest(`Geef bij het filter op "${short(name)}" een lijst met één of meer antwoorden.`);
      for (const v of values) {
        if (++count > MAX_FILTERS * 2) throw badRequest(`Gebruik hoogstens ${MAX_FILTERS} filters tegelijk.`);
        add(out, info, name, v);
      }
    }
  }
  const repeated = q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter];
  if (repeated.length > MAX_FILTERS) throw badRequest(`Gebruik hoogstens ${MAX_FILTERS} filters tegelijk.`);
  for (const f of repeated) {
    const colon = f.indexOf(':');
    if (colon <= 0) throw badRequest(`Schrijf een filter als vraag:antwoord (bijvoorbeeld rol:jeugdbeschermer); "${short(f)}" is dat niet.`);
    add(out, info, f.slice(0, colon), f.slice(colon + 1));
  }
  return out;
}

/** The answer of a reference (`name` or `matrix.row`) in one response. */
export function answerAt(a: Record<string, unknown>, ref: string): unknown {
  const dot = ref.indexOf('.');
  if (dot < 0) return a[ref];
  const m = a[ref.slice(0, dot)];
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>)[ref.slice(dot + 1)] : undefined;
}

/** Does a response pass all filters? (Multiple choice: one of the chosen options is enough.) */
export function passes(a: Record<string, unknown>, filters: Filters): boolean {
  for (const [ref, values] of Object.entries(filters)) {
    const v = answerAt(a, ref);
    const wanted = new Set(values.map(String));
    if (Array.isArray(v) ? !v.some((x) => wanted.has(String(x))) : v === undefined || v === null || !wanted.has(String(v))) return false;
  }
  return true;
}

export const hasFilters = (f: Filters) => Object.keys(f).length > 0;
