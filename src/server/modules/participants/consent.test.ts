import { describe, expect, it } from 'vitest';
import { evaluateConsent } from '../../../lib/consent';
import { AppError } from '../../platform/errors';
import { cleanScopes, dashboardRow, dashboardTotals, evaluate, ruleParticipant, statusOf, toRuleRecord, type StoredConsent } from './consent';

const row = (over: Partial<StoredConsent>): StoredConsent => ({
  id: 'r1',
  participant_id: 'p1',
  letter_version: 'v1',
  date: '2026-01-10',
  given_by: 'participant',
  kind: 'consent',
  method: 'written',
  scopes: { participation: true, audio_recording: true, quotes: true, archiving: true },
  withdrawn_at: null,
  created_at: '2026-01-10T10:00:00Z',
  ...over,
});

describe('consent glue', () => {
  it('keeps only the known scopes as booleans', () => {
    expect(cleanScopes({ participation: true, quotes: 'yes', selfies: true })).toEqual({ participation: true });
    expect(cleanScopes('{"archiving":false}')).toEqual({ archiving: false });
    expect(cleanScopes(null)).toEqual({});
  });

  it('treats children and young adults by age, everyone else as an adult', () => {
    expect(ruleParticipant('child', '2016-03')).toEqual({ birthMonth: '2016-03', adult: false });
    expect(ruleParticipant('young_adult', null)).toEqual({ birthMonth: null, adult: false });
    expect(ruleParticipant('professional', null)).toEqual({ birthMonth: null, adult: true });
  });

  it('maps a stored row to the rules and gives the status', () => {
    const e = evaluate(ruleParticipant('parent', null), [toRuleRecord(row({}))], '2026-06-01');
    expect(statusOf(e)).toBe('complete');
    const partial = evaluate(ruleParticipant('parent', null), [toRuleRecord(row({ scopes: { participation: true } }))], '2026-06-01');
    expect(statusOf(partial)).toBe('incomplete');
    const withdrawn = evaluate(ruleParticipant('parent', null), [toRuleRecord(row({ withdrawn_at: '2026-02-01' }))], '2026-06-01');
    expect(statusOf(withdrawn)).toBe('withdrawn');
  });

  it('turns a rule input error into a 400 or 409 AppError with the Dutch message', () => {
    const before = [toRuleRecord(row({ date: '2015-01-01' }))];
    expect(() => evaluate(ruleParticipant('child', '2016-03'), before, '2026-06-01', 400)).toThrow(AppError);
    try {
      evaluate(ruleParticipant('child', '2016-03'), before, '2026-06-01');
    } catch (e) {
      expect(e).toMatchObject({ status: 409, code: 'consent_invalid', message: expect.stringMatching(/vóór de geboorte/) });
    }
  });

  it('builds dashboard rows and counts', () => {
    const p = { id: 'p1', code: 'K-01', role: 'child' as const };
    const full = dashboardRow(p, evaluateConsent({ birthMonth: null, adult: true }, [toRuleRecord(row({}))], '2026-06-01'));
    const none = dashboardRow({ ...p, id: 'p2', code: 'K-02' }, evaluateConsent({ birthMonth: '2016-03' }, [], '2026-06-01'));
    const broken = dashboardRow({ ...p, id: 'p3', code: 'K-03' }, { error: 'Kapot.' });
    expect(full.status).toBe('complete');
    expect(none.scopes.participation.missing).toEqual(['instemming (assent) van het kind ontbreekt', 'toestemming van een ouder of voogd ontbreekt']);
    expect(broken.scopes.quotes).toEqual({ covered: false, missing: ['Kapot.'] });
    expect(dashboardTotals([full, none, broken])).toEqual({
      missing: { participation: 2, audio_recording: 2, quotes: 2, archiving: 2 },
      totals: { participants: 3, complete: 1, incomplete: 2, withdrawn: 0 },
    });
  });
});
