import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { ConsentEvaluationView, Interview, StudyVariable } from '../../api/types';
import {
  ageBandsFor,
  ageRange,
  consentInput,
  emptyConsentForm,
  emptyGuideForm,
  emptyInterviewForm,
  guideInput,
  guideState,
  interviewInput,
  interviewState,
  isDate,
  missingScopes,
  needsBirthMonth,
  parseChoices,
  serverErrors,
  sortInterviews,
  today,
  variableChanges,
  variableValue,
  withdrawalConsequence,
} from './model';

/** The key and its options, so the tests see which message was chosen. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key)) as unknown as TFunction;

const variable = (over: Partial<StudyVariable>): StudyVariable => ({ id: 'v1', name: 'Schooltype', type: 'text', choices: [], used: 0, ...over });

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('1899-12-31')).toBe(false);
    expect(isDate('24-01-01')).toBe(false);
  });
  it('gives today in local time as YYYY-MM-DD', () => {
    expect(today(new Date(2025, 0, 9, 23, 59))).toBe('2025-01-09');
  });
});

describe('participants', () => {
  it('offers the age bands that fit the role', () => {
    expect(ageBandsFor('child')).toEqual(['0-3', '4-7', '8-11', '12-15', '16-17']);
    expect(ageBandsFor('young_adult')).toEqual(['16-17', '18-23']);
    expect(ageBandsFor('professional')).toEqual(['18-23', 'adult']);
    expect(ageBandsFor('')).toHaveLength(7);
  });
  it('asks a birth month for children and young adults', () => {
    expect(needsBirthMonth('child')).toBe(true);
    expect(needsBirthMonth('young_adult')).toBe(true);
    expect(needsBirthMonth('parent')).toBe(false);
    expect(needsBirthMonth('')).toBe(false);
  });
  it('reads variable values by type', () => {
    expect(variableValue(variable({ type: 'number' }), ' 3,5 ')).toEqual({ value: 3.5 });
    expect(variableValue(variable({ type: 'number' }), 'drie')).toEqual({ error: 'number' });
    expect(variableValue(variable({ type: 'date' }), '2024-02-30')).toEqual({ error: 'date' });
    expect(variableValue(variable({ type: 'choice', choices: ['ja', 'nee'] }), 'ja')).toEqual({ value: 'ja' });
    expect(variableValue(variable({ type: 'choice', choices: ['ja', 'nee'] }), 'misschien')).toEqual({ error: 'choice' });
    expect(variableValue(variable({ type: 'text' }), '  ')).toEqual({ value: null });
  });
  it('sends only changed variable values, null to remove one, and names the variable in an error', () => {
    const vars = [variable({ id: 'a', type: 'text' }), variable({ id: 'b', type: 'number', name: 'Aantal' }), variable({ id: 'c', type: 'text' })];
    const r = variableChanges(vars, { a: 'havo', c: 'weg' }, { a: 'havo', b: '12', c: '' }, t);
    expect(r.values).toEqual({ b: 12, c: null });
    expect(r.errors).toEqual({});
    const bad = variableChanges(vars, {}, { b: 'twaalf' }, t);
    expect(bad.errors['var-b']).toContain('participants.variableError.number');
    expect(bad.errors['var-b']).toContain('Aantal');
    // an empty field that was empty is no change
    expect(variableChanges(vars, {}, { a: '' }, t).values).toEqual({});
  });
  it('parses choices one per line or separated by semicolons', () => {
    expect(parseChoices('havo\n vwo ;vmbo\n\n')).toEqual(['havo', 'vwo', 'vmbo']);
  });
  it('lists the scopes that are not covered, in the fixed order', () => {
    expect(missingScopes({ archiving: { covered: false }, participation: { covered: true }, quotes: { covered: false }, audio_recording: { covered: true } })).toEqual([
      'quotes',
      'archiving',
    ]);
    expect(missingScopes(undefined)).toEqual([]);
  });
});

describe('consent form', () => {
  it('builds the input: ticked scopes are yes, the others are left out unless they mean no', () => {
    const state = { ...emptyConsentForm('2024-05-01'), letterVersion: ' v2 ', yes: ['participation' as const] };
    expect(consentInput(state, t).input).toEqual({
      letterVersion: 'v2',
      date: '2024-05-01',
      givenBy: 'participant',
      kind: 'consent',
      method: 'written',
      scopes: { participation: true },
    });
    expect(consentInput({ ...state, unticked: 'no' }, t).input?.scopes).toEqual({ participation: true, audio_recording: false, quotes: false, archiving: false });
  });
  it('needs a letter version, a date not in the future, a scope, and assent only from the participant', () => {
    const r = consentInput({ ...emptyConsentForm('2099-01-01'), givenBy: 'parent', kind: 'assent' }, t);
    expect(r.input).toBeUndefined();
    expect(Object.keys(r.errors).sort()).toEqual(['date', 'kind', 'letterVersion', 'scopes']);
    expect(r.errors.date).toBe('consent.errors.future');
    // "no" to everything is a statement too
    expect(consentInput({ ...emptyConsentForm('2024-01-01'), letterVersion: 'v1', unticked: 'no' }, t).errors).toEqual({});
  });
});

const evaluation = (rule: 'under12' | '12to15' | '16plus', archiving: boolean, age: number | null = 10): ConsentEvaluationView => {
  const scope = (covered: boolean) => ({ covered, ageAtConsent: age, rule, missing: covered ? [] : ['x'] });
  return {
    asOf: '2025-01-01',
    scopes: { participation: scope(true), audio_recording: scope(true), quotes: scope(false), archiving: scope(archiving) },
    withdrawn: false,
    withdrawal: null,
  };
};

describe('withdrawal', () => {
  it('keeps the material when archiving is covered, else removes it', () => {
    expect(withdrawalConsequence(evaluation('under12', true), 'parent')).toBe('kept');
    expect(withdrawalConsequence(evaluation('under12', false), 'participant')).toBe('removed');
  });
  it('has no effect for a parent once the participant is 16 or older', () => {
    expect(withdrawalConsequence(evaluation('16plus', false, 17), 'parent')).toBe('noEffect');
    expect(withdrawalConsequence(evaluation('16plus', false, 17), 'participant')).toBe('removed');
    // an adult without a birth month (a professional): the rule is 16plus but the age is unknown
    expect(withdrawalConsequence(evaluation('16plus', true, null), 'guardian')).toBe('kept');
  });
});

const interview = (over: Partial<Interview>): Interview => ({
  id: 'i',
  participants: [{ id: 'p1', code: 'K-01', role: 'child' }],
  interviewerId: 'u1',
  interviewerName: 'Lotte',
  date: '2024-03-01',
  mode: 'video',
  guideId: null,
  guideTitle: null,
  durationMinutes: 45,
  notes: 'n',
  recordingDeleteBy: '2024-06-01',
  recordingDeletedAt: null,
  recordingOverdue: false,
  createdAt: '',
  updatedAt: '',
  ...over,
});

describe('interview form', () => {
  it('round-trips an interview', () => {
    const i = interview({});
    const r = interviewInput(interviewState(i), t);
    expect(r.input).toEqual({
      participantIds: ['p1'],
      interviewerId: 'u1',
      date: '2024-03-01',
      mode: 'video',
      guideId: null,
      durationMinutes: 45,
      notes: 'n',
      recordingDeleteBy: '2024-06-01',
    });
  });
  it('needs participants, a whole duration, and a deletion deadline not before the interview', () => {
    const r = interviewInput({ ...emptyInterviewForm(), date: '2024-03-01', duration: '4.5', recordingDeleteBy: '2024-02-01' }, t);
    expect(r.input).toBeUndefined();
    expect(r.errors).toEqual({
      participantIds: 'interviews.errors.participants',
      durationMinutes: 'interviews.errors.duration',
      recordingDeleteBy: 'interviews.errors.deleteBeforeInterview',
    });
  });
  it('puts overdue recordings first and keeps the order otherwise', () => {
    const list = [interview({ id: 'a' }), interview({ id: 'b', recordingOverdue: true }), interview({ id: 'c' })];
    expect(sortInterviews(list).map((i) => i.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('guide form', () => {
  it('builds the input and checks the age range', () => {
    const ok = guideInput({ ...emptyGuideForm(), audience: 'child', title: ' Kind ', ageFrom: '8', ageTo: '11', childFriendly: true }, t);
    expect(ok.input).toEqual({ audience: 'child', title: 'Kind', ageFrom: 8, ageTo: 11, childFriendly: true, body: '' });
    const bad = guideInput({ ...emptyGuideForm(), ageFrom: '12', ageTo: '8' }, t);
    expect(bad.errors).toEqual({ audience: 'guides.errors.audience', title: 'guides.errors.title', ageTo: 'guides.errors.ageOrder' });
    expect(guideInput({ ...emptyGuideForm(), audience: 'parent', title: 'x', ageFrom: 'acht' }, t).errors.ageFrom).toBe('guides.errors.age');
  });
  it('round-trips a guide and describes its ages', () => {
    const g = { audience: 'child' as const, title: 'K', ageFrom: null, ageTo: 11, childFriendly: true, body: 'b' };
    expect(guideInput(guideState(g), t).input).toEqual(g);
    expect(ageRange(8, 11, t)).toBe('guides.ageRange {"from":8,"to":11}');
    expect(ageRange(null, 11, t)).toBe('guides.ageTo {"to":11}');
    expect(ageRange(null, null, t)).toBe('');
  });
});

describe('server errors', () => {
  it('maps validation issues to the form fields', () => {
    expect(serverErrors([{ path: 'scopes', message: 'Kies' }, { path: 'date', message: 'Datum' }, { path: 'other', message: 'x' }], ['scopes', 'date'])).toEqual({
      scopes: 'Kies',
      date: 'Datum',
    });
    expect(serverErrors(undefined, ['date'])).toEqual({});
  });
});
