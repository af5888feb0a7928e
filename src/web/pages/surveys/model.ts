/**
 * The question-list editor's model: a SurveyJS definition as pages of simple questions, and back. Properties the
 * editor does not know are kept (each question keeps its JSON and only the edited fields are replaced).
 */
export const UI_TYPES = ['radiogroup', 'checkbox', 'dropdown', 'rating', 'matrix', 'boolean', 'number', 'text', 'comment', 'ranking'] as const;
export type UiType = (typeof UI_TYPES)[number];
export const OPERATORS = ['=', '<>', '>', '<', 'notempty', 'empty'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Choice {
  value: string;
  nl: string;
  en: string;
}
export interface Condition {
  question: string;
  op: Operator;
  value: string;
}
export interface EditorQuestion {
  uid: string;
  type: UiType;
  name: string;
  nl: string;
  en: string;
  required: boolean;
  choices: Choice[];
  rows: Choice[];
  rateMin: number;
  rateMax: number;
  /** a condition picked in the editor, or the raw expression when it is something else */
  condition: Condition | null;
  rawVisibleIf: string;
  raw: Record<string, unknown>;
}
export interface EditorPage {
  uid: string;
  name: string;
  nl: string;
  en: string;
  questions: EditorQuestion[];
  raw: Record<string, unknown>;
}

let counter = 0;
export const newUid = () => `e${++counter}`;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function texts(v: unknown): { nl: string; en: string } {
  if (typeof v === 'string' || typeof v === 'number') return { nl: String(v), en: '' };
  if (isObj(v)) return { nl: String(v.default ?? v.nl ?? ''), en: String(v.en ?? '') };
  return { nl: '', en: '' };
}
function local(nl: string, en: string): unknown {
  return en.trim() ? { default: nl, en } : nl;
}
function choicesOf(v: unknown): Choice[] {
  if (!Array.isArray(v)) return [];
  return v.map((c) => {
    if (isObj(c)) {
      const t = texts(c.text ?? c.value);
      return { value: String(c.value), ...t };
    }
    return { value: String(c), nl: String(c), en: '' };
  });
}
const toChoices = (cs: Choice[]) => cs.map((c) => (c.en.trim() || c.nl !== c.value ? { value: c.value, text: local(c.nl, c.en) } : c.value));

const COND_RE = /^\s*\{([A-Za-z][A-Za-z0-9_]*)\}\s*(=|<>|>|<|notempty|empty)\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?|true|false))?\s*$/;
export function parseCondition(expr: string): Condition | null {
  const m = COND_RE.exec(expr);
  if (!m) return null;
  const op = m[2] as Operator;
  const value = m[3] ?? m[4] ?? m[5] ?? '';
  if ((op === 'notempty' || op === 'empty') !== (value === '' && m[3] === undefined && m[4] === undefined)) return null;
  return { question: m[1], op, value };
}
export function conditionExpression(c: Condition): string {
  if (c.op === 'notempty' || c.op === 'empty') return `{${c.question}} ${c.op}`;
  const v = /^(-?\d+(\.\d+)?|true|false)$/.test(c.value) ? c.value : `'${c.value.replace(/'/g, '')}'`;
  return `{${c.question}} ${c.op} ${v}`;
}

export function fromDefinition(def: Record<string, unknown>): EditorPage[] {
  const pages = Array.isArray(def.pages) ? def.pages : [{ name: 'page1', elements: def.elements ?? [] }];
  return pages.filter(isObj).map((p, i) => ({
    uid: newUid(),
    name: typeof p.name === 'string' ? p.name : `page${i + 1}`,
    ...texts(p.title),
    raw: p,
    questions: (Array.isArray(p.elements) ? p.elements : []).filter(isObj).map((e) => fromElement(e)),
  }));
}

function fromElement(e: Record<string, unknown>): EditorQuestion {
  const t = texts(e.title ?? e.name);
  const type: UiType = e.type === 'text' && e.inputType === 'number' ? 'number' : (UI_TYPES as readonly string[]).includes(String(e.type)) ? (e.type as UiType) : 'text';
  const visibleIf = typeof e.visibleIf === 'string' ? e.visibleIf : '';
  return {
    uid: newUid(),
    type,
    name: String(e.name ?? ''),
    ...t,
    required: e.isRequired === true,
    choices: choicesOf(type === 'matrix' ? e.columns : e.choices),
    rows: choicesOf(e.rows),
    rateMin: typeof e.rateMin === 'number' ? e.rateMin : 1,
    rateMax: typeof e.rateMax === 'number' ? e.rateMax : 5,
    condition: visibleIf ? parseCondition(visibleIf) : null,
    rawVisibleIf: visibleIf,
    raw: e,
  };
}

const CHOICE_TYPES = new Set<UiType>(['radiogroup', 'checkbox', 'dropdown', 'ranking', 'matrix']);
export const hasChoices = (t: UiType) => CHOICE_TYPES.has(t);

function toElement(q: EditorQuestion): Record<string, unknown> {
  const out: Record<string, unknown> = { ...q.raw };
  for (const k of ['choices', 'columns', 'rows', 'rateMin', 'rateMax', 'inputType', 'visibleIf', 'isRequired']) delete out[k];
  out.type = q.type === 'number' ? 'text' : q.type;
  if (q.type === 'number') out.inputType = 'number';
  else if (q.type === 'text' && q.raw.inputType && q.raw.inputType !== 'number') out.inputType = q.raw.inputType;
  out.name = q.name;
  out.title = local(q.nl, q.en);
  if (q.required) out.isRequired = true;
  if (q.type === 'matrix') {
    out.columns = toChoices(q.choices);
    out.rows = toChoices(q.rows);
  } else if (hasChoices(q.type)) out.choices = toChoices(q.choices);
  if (q.type === 'rating') {
    out.rateMin = q.rateMin;
    out.rateMax = q.rateMax;
  }
  const visibleIf = q.condition ? conditionExpression(q.condition) : q.rawVisibleIf;
  if (visibleIf) out.visibleIf = visibleIf;
  return out;
}

export function toDefinition(base: Record<string, unknown>, pages: EditorPage[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  delete out.elements;
  out.pages = pages.map((p) => {
    const page: Record<string, unknown> = { ...p.raw, name: p.name, elements: p.questions.map(toElement) };
    if (p.nl || p.en) page.title = local(p.nl, p.en);
    else delete page.title;
    return page;
  });
  return out;
}

/** A free question name: `prefix`, `prefix2`, … */
export function freeName(pages: EditorPage[], prefix = 'vraag'): string {
  const used = new Set(pages.flatMap((p) => p.questions.map((q) => q.name)));
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

export function newQuestion(type: UiType, name: string): EditorQuestion {
  const likert = ['Helemaal mee oneens', 'Mee oneens', 'Neutraal', 'Mee eens', 'Helemaal mee eens'];
  const choices: Choice[] =
    type === 'matrix' ? likert.map((l, i) => ({ value: String(i + 1), nl: l, en: '' })) : hasChoices(type) ? [{ value: 'optie1', nl: 'Optie 1', en: '' }, { value: 'optie2', nl: 'Optie 2', en: '' }] : [];
  return {
    uid: newUid(),
    type,
    name,
    nl: '',
    en: '',
    required: false,
    choices,
    rows: type === 'matrix' ? [{ value: 'stelling1', nl: 'Stelling 1', en: '' }] : [],
    rateMin: 1,
    rateMax: 5,
    condition: null,
    rawVisibleIf: '',
    raw: {},
  };
}

const slugOf = (text: string, i: number) => text.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || `optie${i + 1}`;

/** Options as lines "Nederlands | English"; values are kept by position, new ones made from the text. */
export function choicesToText(cs: Choice[]): string {
  return cs.map((c) => (c.en ? `${c.nl} | ${c.en}` : c.nl)).join('\n');
}
export function textToChoices(text: string, old: Choice[]): Choice[] {
  const used = new Set<string>();
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const [nl, en = ''] = line.split('|').map((s) => s.trim());
      // values made from the text follow the text; values given by hand (or in the JSON) stay
      const prev = old[i];
      const keep = prev && (prev.nl === nl || (prev.value !== slugOf(prev.nl, i) && !/^optie\d+$/.test(prev.value)));
      let value = keep ? prev.value : slugOf(nl, i);
      while (used.has(value)) value = `${value}_${i + 1}`;
      used.add(value);
      return { value, nl, en };
    });
}

/** Moves a question one place up or down; at the edge of a page it moves to the neighbouring page. */
export function moveQuestion(pages: EditorPage[], uid: string, dir: -1 | 1): EditorPage[] {
  const next = pages.map((p) => ({ ...p, questions: [...p.questions] }));
  const pi = next.findIndex((p) => p.questions.some((q) => q.uid === uid));
  if (pi < 0) return pages;
  const qs = next[pi].questions;
  const qi = qs.findIndex((q) => q.uid === uid);
  const target = qi + dir;
  if (target >= 0 && target < qs.length) {
    [qs[qi], qs[target]] = [qs[target], qs[qi]];
  } else if (next[pi + dir]) {
    const [q] = qs.splice(qi, 1);
    if (dir < 0) next[pi - 1].questions.push(q);
    else next[pi + 1].questions.unshift(q);
  } else return pages;
  return next;
}
