/**
 * The interview study's pure web logic: form state to API input and back, the client-side checks (Dutch or English
 * through `t`), and how consent and withdrawal are summarised. No React, no fetch: unit-tested in model.test.ts.
 */
import type { TFunction } from 'i18next';
import type {
  ConsentDashboard,
  ConsentEvaluationView,
  ConsentInput,
  ConsentScope,
  GuideInput,
  Interview,
  InterviewInput,
  Participant,
  StudyVariable,
  WithdrawalInput,
} from '../../api/types';
import {
  AGE_BANDS,
  CONSENT_SCOPES,
  ROLES_NEEDING_BIRTH_MONTH,
  type AgeBand,
  type ParticipantRole,
} from '../../../shared/participant-vocabulary';

export type FormErrors = Record<string, string | undefined>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A real calendar date as YYYY-MM-DD (not 2021-02-30) between 1900 and 2100. */
export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const y = Number(value.slice(0, 4));
  if (y < 1900 || y > 2100) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A birth month YYYY-MM from 1900 on. */
export const isMonth = (value: string) => MONTH.test(value) && Number(value.slice(0, 4)) >= 1900;

/** Today as YYYY-MM-DD in the browser's time zone (the default of date fields). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---- participants -----------------------------------------------------------------------------------------

/** The age bands that fit a role (the server refuses others): children under 18, young adults 16–23. */
export function ageBandsFor(role: ParticipantRole | ''): readonly AgeBand[] {
  if (role === 'child') return AGE_BANDS.filter((b) => b !== '18-23' && b !== 'adult');
  if (role === 'young_adult') return ['16-17', '18-23'];
  if (role === 'parent' || role === 'foster_parent' || role === 'professional') return ['18-23', 'adult'];
  return AGE_BANDS;
}

export const needsBirthMonth = (role: ParticipantRole | '') => role !== '' && ROLES_NEEDING_BIRTH_MONTH.includes(role);

/**
 * A variable's value as typed in the form, for the API: '' removes the value (null), numbers become numbers
 * (a decimal comma is accepted). Returns an error message key when the text does not fit the type.
 */
export function variableValue(v: Pick<StudyVariable, 'type' | 'choices'>, raw: string): { value: string | number | null } | { error: 'number' | 'date' | 'choice' } {
  const text = raw.trim();
  if (text === '') return { value: null };
  switch (v.type) {
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return Number.isFinite(n) ? { value: n } : { error: 'number' };
    }
    case 'date':
      return isDate(text) ? { value: text } : { error: 'date' };
    case 'choice':
      return v.choices.includes(text) ? { value: text } : { error: 'choice' };
    default:
      return { value: text };
  }
}

/** The form text of a stored value ('' when none). */
export const variableText = (value: string | number | undefined) => (value === undefined ? '' : String(value));

/**
 * The variable values that changed between what was loaded and what the form holds, checked per type. Errors
 * are keyed `var-<id>` (the field ids of the form).
 */
export function variableChanges(
  variables: StudyVariable[],
  saved: Participant['variables'],
  form: Record<string, string>,
  t: TFunction,
): { values: Record<string, string | number | null>; errors: FormErrors } {
  const values: Record<string, string | number | null> = {};
  const errors: FormErrors = {};
  for (const v of variables) {
    const raw = form[v.id] ?? '';
    if (raw.trim() === variableText(saved[v.id]).trim()) continue;
    const r = variableValue(v, raw);
    if ('error' in r) errors[`var-${v.id}`] = t(`participants.variableError.${r.error}`, { name: v.name });
    else if (!(r.value === null && saved[v.id] === undefined)) values[v.id] = r.value;
  }
  return { values, errors };
}

/** Choices typed one per line (or separated by semicolons): trimmed, empty lines dropped. */
export function parseChoices(text: string): string[] {
  return text
    .split(/[\n;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The scopes a dashboard row (or a participant's evaluation) does not cover, in the fixed order. */
export function missingScopes(scopes: Partial<Record<ConsentScope, { covered: boolean }>> | undefined): ConsentScope[] {
  if (!scopes) return [];
  return CONSENT_SCOPES.filter((s) => scopes[s] && !scopes[s]!.covered);
}

/** The dashboard rows by participant id (the list's consent badges name the missing scopes). */
export function dashboardByParticipant(d: ConsentDashboard | undefined): Map<string, ConsentDashboard['participants'][number]> {
  return new Map((d?.participants ?? []).map((r) => [r.participantId, r]));
}

// ---- consent ----------------------------------------------------------------------------------------------

export type GivenBy = ConsentInput['givenBy'];
export type ConsentKind = ConsentInput['kind'];
export type ConsentMethod = ConsentInput['method'];

export interface ConsentFormState {
  letterVersion: string;
  date: string;
  givenBy: GivenBy;
  kind: ConsentKind;
  method: ConsentMethod;
  /** the scopes ticked: said yes */
  yes: ConsentScope[];
  /** what the scopes not ticked mean: not on this form, or said no (which revokes an earlier yes) */
  unticked: 'unasked' | 'no';
}

export const emptyConsentForm = (date = today()): ConsentFormState => ({
  letterVersion: '',
  date,
  givenBy: 'participant',
  kind: 'consent',
  method: 'written',
  yes: [],
  unticked: 'unasked',
});

/** Checks the consent form and builds the API input (assent is given only by the participant). */
export function consentInput(state: ConsentFormState, t: TFunction): { input?: ConsentInput; errors: FormErrors } {
  const errors: FormErrors = {};
  if (!state.letterVersion.trim()) errors.letterVersion = t('consent.errors.letterVersion');
  if (!isDate(state.date)) errors.date = t('consent.errors.date');
  else if (state.date > today()) errors.date = t('consent.errors.future');
  if (state.kind === 'assent' && state.givenBy !== 'participant') errors.kind = t('consent.errors.assentByParent');
  const scopes: Partial<Record<ConsentScope, boolean>> = {};
  for (const s of CONSENT_SCOPES) {
    if (state.yes.includes(s)) scopes[s] = true;
    else if (state.unticked === 'no') scopes[s] = false;
  }
  if (Object.keys(scopes).length === 0) errors.scopes = t('consent.errors.scopes');
  if (Object.values(errors).some(Boolean)) return { errors };
  return {
    errors,
    input: { letterVersion: state.letterVersion.trim(), date: state.date, givenBy: state.givenBy, kind: state.kind, method: state.method, scopes },
  };
}

/** The age rule that applies to a participant now: the rule of the participation scope (they share the age). */
export function ruleOf(evaluation: ConsentEvaluationView): { rule: 'under12' | '12to15' | '16plus'; age: number | null } {
  const p = evaluation.scopes.participation;
  return { rule: p?.rule ?? '16plus', age: p?.ageAtConsent ?? null };
}

/**
 * What a withdrawal by `by` would do now:
 * - 'noEffect': a parent or guardian once the participant is 16 or older (the participant decides alone);
 * - 'kept': archiving is covered, so the material is kept (but not used further);
 * - 'removed': transcripts with their versions, codings and quotes are removed.
 */
export function withdrawalConsequence(evaluation: ConsentEvaluationView, by: WithdrawalInput['by']): 'noEffect' | 'kept' | 'removed' {
  if (by !== 'participant' && ruleOf(evaluation).rule === '16plus' && evaluation.scopes.participation?.ageAtConsent !== null) return 'noEffect';
  return evaluation.scopes.archiving?.covered ? 'kept' : 'removed';
}

// ---- interviews -------------------------------------------------------------------------------------------

export interface InterviewFormState {
  participantIds: string[];
  interviewerId: string;
  date: string;
  mode: InterviewInput['mode'] | '';
  guideId: string;
  duration: string;
  notes: string;
  recordingDeleteBy: string;
}

export const emptyInterviewForm = (interviewerId = ''): InterviewFormState => ({
  participantIds: [],
  interviewerId,
  date: today(),
  mode: 'in_person',
  guideId: '',
  duration: '',
  notes: '',
  recordingDeleteBy: '',
});

export const interviewState = (i: Interview): InterviewFormState => ({
  participantIds: i.participants.map((p) => p.id),
  interviewerId: i.interviewerId ?? '',
  date: i.date,
  mode: i.mode,
  guideId: i.guideId ?? '',
  duration: i.durationMinutes === null ? '' : String(i.durationMinutes),
  notes: i.notes,
  recordingDeleteBy: i.recordingDeleteBy ?? '',
});

/** Checks the interview form and builds the API input. Error keys are the form's field names. */
export function interviewInput(state: InterviewFormState, t: TFunction): { input?: InterviewInput; errors: FormErrors } {
  const errors: FormErrors = {};
  if (state.participantIds.length === 0) errors.participantIds = t('interviews.errors.participants');
  else if (state.participantIds.length > 20) errors.participantIds = t('interviews.errors.tooManyParticipants');
  if (!isDate(state.date)) errors.date = t('interviews.errors.date');
  if (!state.mode) errors.mode = t('interviews.errors.mode');
  const duration = state.duration.trim();
  let minutes: number | null = null;
  if (duration) {
    minutes = Number(duration);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) errors.durationMinutes = t('interviews.errors.duration');
  }
  if (state.recordingDeleteBy) {
    if (!isDate(state.recordingDeleteBy)) errors.recordingDeleteBy = t('interviews.errors.date');
    else if (isDate(state.date) && state.recordingDeleteBy < state.date) errors.recordingDeleteBy = t('interviews.errors.deleteBeforeInterview');
  }
  if (state.notes.length > 20000) errors.notes = t('interviews.errors.notes');
  if (Object.values(errors).some(Boolean) || !state.mode) return { errors };
  return {
    errors,
    input: {
      participantIds: state.participantIds,
      interviewerId: state.interviewerId || null,
      date: state.date,
      mode: state.mode,
      guideId: state.guideId || null,
      durationMinutes: minutes,
      notes: state.notes,
      recordingDeleteBy: state.recordingDeleteBy || null,
    },
  };
}

/** Overdue first, then newest first (as the server sends them). */
export function sortInterviews(list: Interview[]): Interview[] {
  return list
    .map((i, n) => ({ i, n }))
    .sort((a, b) => Number(b.i.recordingOverdue) - Number(a.i.recordingOverdue) || a.n - b.n)
    .map(({ i }) => i);
}

// ---- guides -----------------------------------------------------------------------------------------------

export interface GuideFormState {
  audience: GuideInput['audience'] | '';
  title: string;
  ageFrom: string;
  ageTo: string;
  childFriendly: boolean;
  body: string;
}

export const emptyGuideForm = (): GuideFormState => ({ audience: '', title: '', ageFrom: '', ageTo: '', childFriendly: false, body: '' });

export const guideState = (g: { audience: GuideInput['audience']; title: string; ageFrom: number | null; ageTo: number | null; childFriendly: boolean; body: string }): GuideFormState => ({
  audience: g.audience,
  title: g.title,
  ageFrom: g.ageFrom === null ? '' : String(g.ageFrom),
  ageTo: g.ageTo === null ? '' : String(g.ageTo),
  childFriendly: g.childFriendly,
  body: g.body,
});

function age(text: string): number | null | 'bad' {
  const v = text.trim();
  if (!v) return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 120 ? n : 'bad';
}

export function guideInput(state: GuideFormState, t: TFunction): { input?: GuideInput; errors: FormErrors } {
  const errors: FormErrors = {};
  if (!state.audience) errors.audience = t('guides.errors.audience');
  if (!state.title.trim()) errors.title = t('guides.errors.title');
  const from = age(state.ageFrom);
  const to = age(state.ageTo);
  if (from === 'bad') errors.ageFrom = t('guides.errors.age');
  if (to === 'bad') errors.ageTo = t('guides.errors.age');
  if (typeof from === 'number' && typeof to === 'number' && to < from) errors.ageTo = t('guides.errors.ageOrder');
  if (state.body.length > 50000) errors.body = t('guides.errors.body');
  if (Object.values(errors).some(Boolean) || !state.audience || from === 'bad' || to === 'bad') return { errors };
  return { errors, input: { audience: state.audience, title: state.title.trim(), ageFrom: from, ageTo: to, childFriendly: state.childFriendly, body: state.body } };
}

/** "8–11 jaar", "vanaf 12 jaar", "tot en met 7 jaar", or '' (through `t`). */
export function ageRange(from: number | null, to: number | null, t: TFunction): string {
  if (from !== null && to !== null) return t('guides.ageRange', { from, to });
  if (from !== null) return t('guides.ageFrom', { from });
  if (to !== null) return t('guides.ageTo', { to });
  return '';
}

/** Server validation issues ({ path: 'scopes.participation' …}) to the form's field names. */
export function serverErrors(details: unknown, fields: readonly string[]): FormErrors {
  const out: FormErrors = {};
  if (!Array.isArray(details)) return out;
  for (const issue of details) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    const key = path.split('.')[0];
    if (fields.includes(key) && !out[key]) out[key] = message;
  }
  return out;
}
