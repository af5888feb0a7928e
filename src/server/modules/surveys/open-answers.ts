/**
 * Pure parts of sending open survey answers to the coding module: which questions are open, the text of an answer,
 * and the respondent's closed answers as document attributes (question name → the answer's Dutch label, as text).
 * Free texts (open questions, "other" texts, e-mail questions) never become attributes: they could identify someone.
 */
import { localText } from '../../../lib/survey/definition';
import type { Answers, ChoiceInfo, InstrumentInfo, QuestionInfo } from '../../../lib/survey/types';

const MAX_VALUE = 200;

/** Long text, or a short text that is not a number, date or e-mail. */
export const isOpenQuestion = (q: Pick<QuestionInfo, 'type' | 'inputType'>) => q.type === 'comment' || (q.type === 'text' && (!q.inputType || q.inputType === 'text'));

/** The answer as text to code, or null when empty. */
export function openAnswerText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.replace(/\u0000/g, '').trim();
  return t === '' ? null : t;
}

const labelOf = (choices: ChoiceInfo[], v: unknown): string => {
  const c = choices.find((x) => x.value === v || String(x.value) === String(v));
  return (c ? localText(c.text) || String(c.value) : String(v)).slice(0, MAX_VALUE);
};

/** The closed answers of one response as attributes; unanswered questions are left out. */
export function closedAttributes(info: InstrumentInfo, answers: Answers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of info.questions) {
    const v = answers[q.name];
    if (v === undefined || v === null || v === '') continue;
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown':
      case 'boolean':
      case 'rating':
        out[q.name] = labelOf(q.choices, v);
        break;
      case 'checkbox':
      case 'ranking':
        if (Array.isArray(v) && v.length) out[q.name] = v.map((x) => labelOf(q.choices, x)).join(q.type === 'ranking' ? ' > ' : '; ').slice(0, MAX_VALUE);
        break;
      case 'matrix':
        if (typeof v === 'object' && !Array.isArray(v))
          for (const r of q.rows) {
            const cell = (v as Record<string, unknown>)[String(r.value)];
            if (cell !== undefined && cell !== null && cell !== '') out[`${q.name}.${String(r.value)}`] = labelOf(q.choices, cell);
          }
        break;
      case 'text':
        if (q.inputType === 'number' || q.inputType === 'date') out[q.name] = String(v).slice(0, MAX_VALUE);
        break;
      default:
        break;
    }
  }
  return out;
}
