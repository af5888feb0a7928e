import { describe, expect, it } from 'vitest';
import {
  CONSENT_REASONS as R,
  CONSENT_SCOPES,
  ConsentError,
  conservativeAge,
  evaluateConsent,
  gate,
  type ConsentAction,
  type ConsentGivenBy,
  type ConsentKind,
  type ConsentParticipant,
  type ConsentRecord,
  type ConsentScope,
} from './rules';

const AS_OF = '2026-06-15';
/** Conservative ages on 2026-06-15. */
const AGE: Record<string, ConsentParticipant> = {
  11: { birthMonth: '2014-07' }, // would be 12 on 31 July 2026 at the latest
  12: { birthMonth: '2014-05' },
  15: { birthMonth: '2010-12' },
  16: { birthMonth: '2010-05' },
  adult: { birthMonth: null, adult: true },
};

const ALL = { participation: true, audio_recording: true, quotes: true, archiving: true };
let seq = 0;
function rec(givenBy: ConsentGivenBy, kind: ConsentKind, scopes: Partial<Record<ConsentScope, boolean>> = ALL, date = '2026-06-01', extra: Partial<ConsentRecord> = {}): ConsentRecord {
  return { id: `r${++seq}`, date, givenBy, kind, method: 'written', letterVersion: 'v1.2', scopes, ...extra };
}
const child = (kind: ConsentKind, scopes?: Partial<Record<ConsentScope, boolean>>, date?: string, extra?: Partial<ConsentRecord>) => rec('participant', kind, scopes, date, extra);
const parent = (scopes?: Partial<Record<ConsentScope, boolean>>, date?: string, extra?: Partial<ConsentRecord>) => rec('parent', 'consent', scopes, date, extra);
const guardian = (scopes?: Partial<Record<ConsentScope, boolean>>, date?: string, extra?: Partial<ConsentRecord>) => rec('guardian', 'consent', scopes, date, extra);

const refusal = (action: ConsentAction, scope: string, ...missing: string[]) => {
  const label = { store_transcript: 'Het transcript opslaan', code: 'Coderen', quote: 'Citeren', keep_after_withdrawal: 'Gegevens bewaren na intrekking' }[action];
  return { allowed: false, reason: `${label} is niet toegestaan: er is geen geldige toestemming voor ${scope} (${missing.join('; ')}).` };
};

describe('evaluateConsent + gate per age group', () => {
  type Case = [label: string, who: keyof typeof AGE, records: () => ConsentRecord[], rule: string, missing: string[]];
  const cases: Case[] = [
    ['11: parent consent + child assent', '11', () => [parent(), child('assent')], 'under12', []],
    ['11: parent consent + child consent (counts as assent)', '11', () => [parent(), child('consent')], 'under12', []],
    ['11: guardian instead of parent', '11', () => [guardian(), child('assent')], 'under12', []],
    ['11: missing assent', '11', () => [parent()], 'under12', [R.assent]],
    ['11: missing parent', '11', () => [child('assent')], 'under12', [R.parent]],
    ['11: nothing', '11', () => [], 'under12', [R.assent, R.parent]],
    ['11: parent said no', '11', () => [parent({ participation: false }), child('assent')], 'under12', [R.parentRefused]],
    ['11: parent "assent" does not count', '11', () => [rec('parent', 'assent'), child('assent')], 'under12', [R.parent]],
    ['12: child consent + parent consent', '12', () => [parent(), child('consent')], '12to15', []],
    ['12: child assent only is not enough', '12', () => [parent(), child('assent')], '12to15', [R.childAssentOnly]],
    ['12: missing parent', '12', () => [child('consent')], '12to15', [R.parent]],
    ['12: missing child', '12', () => [parent()], '12to15', [R.childConsent]],
    ['15: child + guardian', '15', () => [guardian(), child('consent')], '12to15', []],
    ['15: missing parent', '15', () => [child('consent')], '12to15', [R.parent]],
    ['15: child said no, parent yes', '15', () => [parent(), child('consent', { participation: false })], '12to15', [R.childRefused]],
    ['16: participant alone', '16', () => [child('consent')], '16plus', []],
    ['16: parent alone is not enough', '16', () => [parent()], '16plus', [R.participant]],
    ['16: assent only', '16', () => [child('assent')], '16plus', [R.participantAssentOnly]],
    ['adult: own consent', 'adult', () => [child('consent')], '16plus', []],
    ['adult: nothing', 'adult', () => [], '16plus', [R.participant]],
    ['adult: said no', 'adult', () => [child('consent', { participation: false })], '16plus', [R.participantRefused]],
    ['adult: a parent has no say', 'adult', () => [parent()], '16plus', [R.participant]],
  ];

  it.each(cases)('%s', (_label, who, records, rule, missing) => {
    const e = evaluateConsent(AGE[who], records(), AS_OF);
    expect(e.scopes.participation).toMatchObject({ covered: missing.length === 0, rule, missing });
    expect(e.withdrawn).toBe(false);
    const expectedAge = who === 'adult' ? null : Number(who);
    expect(e.scopes.participation.ageAtConsent).toBe(expectedAge);
    for (const action of ['store_transcript', 'code'] as const) {
      expect(gate(action, e)).toEqual(missing.length === 0 ? { allowed: true } : refusal(action, 'deelname', ...missing));
    }
  });

  it('refuses a child of unknown age (no birth month, not marked adult)', () => {
    const e = evaluateConsent({ birthMonth: null }, [child('consent'), parent()], AS_OF);
    expect(e.scopes.participation).toEqual({ covered: false, ageAtConsent: null, rule: 'under12', missing: [R.birthMonth] });
    expect(gate('code', e)).toEqual(refusal('code', 'deelname', R.birthMonth));
  });
});

describe('scopes and quotes', () => {
  it('evaluates each scope separately; quote needs participation and quotes', () => {
    const e = evaluateConsent(AGE[12], [parent({ participation: true, quotes: true, archiving: false }), child('consent', { participation: true, quotes: false })], AS_OF);
    expect(Object.keys(e.scopes)).toEqual([...CONSENT_SCOPES]);
    expect(e.scopes.participation.covered).toBe(true);
    expect(e.scopes.quotes).toMatchObject({ covered: false, missing: [R.childRefused] });
    expect(e.scopes.audio_recording).toMatchObject({ covered: false, missing: [R.childConsent, R.parent] });
    expect(e.scopes.archiving).toMatchObject({ covered: false, missing: [R.childConsent, R.parentRefused] });
    expect(gate('code', e)).toEqual({ allowed: true });
    expect(gate('quote', e)).toEqual(refusal('quote', 'citaten', R.childRefused));

    const noParticipation = evaluateConsent(AGE.adult, [child('consent', { quotes: true })], AS_OF);
    expect(gate('quote', noParticipation)).toEqual(refusal('quote', 'deelname', R.participant));
    expect(gate('quote', evaluateConsent(AGE.adult, [child('consent')], AS_OF))).toEqual({ allowed: true });
  });

  it('a later record with scope=false revokes an earlier true; a later true restores it', () => {
    const first = child('consent', ALL, '2026-01-10');
    const no = child('consent', { quotes: false }, '2026-03-01');
    const e = evaluateConsent(AGE.adult, [first, no], AS_OF);
    expect(e.scopes.quotes).toMatchObject({ covered: false, missing: [R.participantRefused] });
    expect(e.scopes.participation.covered).toBe(true); // not addressed by the later record
    expect(gate('quote', e).allowed).toBe(false);
    const yes = child('consent', { quotes: true }, '2026-04-01');
    expect(gate('quote', evaluateConsent(AGE.adult, [first, yes, no], AS_OF))).toEqual({ allowed: true }); // order by date, not array
    // the same date: the later one in the array wins
    const sameDayNo = child('consent', { quotes: false }, '2026-04-01');
    expect(evaluateConsent(AGE.adult, [first, yes, sameDayNo], AS_OF).scopes.quotes.covered).toBe(false);
  });

  it('a parent revoking a scope ends it for a 12–15-year-old', () => {
    const e = evaluateConsent(AGE[15], [parent(ALL, '2026-01-01'), child('consent', ALL, '2026-01-01'), parent({ audio_recording: false }, '2026-05-01')], AS_OF);
    expect(e.scopes.audio_recording).toMatchObject({ covered: false, missing: [R.parentRefused] });
    expect(e.scopes.participation.covered).toBe(true);
  });

  it('ignores records dated after asOf', () => {
    const e = evaluateConsent(AGE.adult, [child('consent', ALL, '2026-07-01')], AS_OF);
    expect(e.scopes.participation.covered).toBe(false);
  });
});

describe('withdrawal', () => {
  it('a child of 12–15 withdrawing ends all coverage; data may be kept only with prior archiving consent', () => {
    const records = [parent(ALL, '2026-01-01'), child('consent', ALL, '2026-01-01', { withdrawnAt: '2026-05-01' })];
    const e = evaluateConsent(AGE[15], records, AS_OF);
    expect(e.withdrawn).toBe(true);
    expect(e.withdrawal).toMatchObject({ date: '2026-05-01', by: 'participant', archivingCovered: true, archivingRevokedLater: false });
    const reason = 'de toestemming is op 2026-05-01 ingetrokken door het kind';
    for (const scope of CONSENT_SCOPES) expect(e.scopes[scope]).toMatchObject({ covered: false, missing: [reason] });
    expect(gate('code', e)).toEqual(refusal('code', 'deelname', reason));
    expect(gate('quote', e)).toEqual(refusal('quote', 'deelname', reason));
    expect(gate('keep_after_withdrawal', e)).toEqual({ allowed: true });
    // before the withdrawal date it was still covered
    expect(evaluateConsent(AGE[15], records, '2026-04-30').withdrawn).toBe(false);
    expect(gate('code', evaluateConsent(AGE[15], records, '2026-04-30'))).toEqual({ allowed: true });
  });

  it('refuses keeping data when archiving was not consented before the withdrawal', () => {
    const records = [child('consent', { participation: true, archiving: false }, '2026-01-01', { withdrawnAt: '2026-05-01' })];
    const e = evaluateConsent(AGE.adult, records, AS_OF);
    expect(e.withdrawn).toBe(true);
    expect(e.scopes.participation.missing).toEqual(['de toestemming is op 2026-05-01 ingetrokken door de deelnemer']);
    expect(gate('keep_after_withdrawal', e)).toEqual({
      allowed: false,
      reason: 'Gegevens bewaren na intrekking is niet toegestaan: vóór de intrekking op 2026-05-01 was er geen geldige toestemming voor archivering.',
    });
  });

  it('refuses keeping data when archiving was revoked after the withdrawal', () => {
    const records = [child('consent', ALL, '2026-01-01', { withdrawnAt: '2026-05-01' }), child('consent', { archiving: false }, '2026-05-10')];
    const e = evaluateConsent(AGE.adult, records, AS_OF);
    expect(e.withdrawal).toMatchObject({ archivingCovered: true, archivingRevokedLater: true });
    expect(gate('keep_after_withdrawal', e)).toEqual({
      allowed: false,
      reason: 'Gegevens bewaren na intrekking is niet toegestaan: na de intrekking op 2026-05-01 is ook de toestemming voor archivering ingetrokken.',
    });
  });

  it('archiving granted by the child but not by the parent (under 16) does not allow keeping', () => {
    const records = [parent({ participation: true }, '2026-01-01', { withdrawnAt: '2026-05-01T09:30:00Z' }), child('consent', ALL, '2026-01-01')];
    const e = evaluateConsent(AGE[12], records, AS_OF);
    expect(e.withdrawn).toBe(true);
    expect(e.withdrawal).toMatchObject({ by: 'parent', date: '2026-05-01', archivingCovered: false });
    expect(e.scopes.participation.missing[0]).toBe('de toestemming is op 2026-05-01 ingetrokken door een ouder');
    expect(gate('keep_after_withdrawal', e).allowed).toBe(false);
  });

  it('a guardian withdrawing for an 11-year-old ends coverage', () => {
    const e = evaluateConsent(AGE[11], [guardian(ALL, '2026-01-01', { withdrawnAt: '2026-02-01' }), child('assent', ALL, '2026-01-01')], AS_OF);
    expect(e.withdrawn).toBe(true);
    expect(e.scopes.participation.missing).toEqual(['de toestemming is op 2026-02-01 ingetrokken door de voogd']);
  });

  it("an 11-year-old's withdrawn assent (verzet) ends coverage too", () => {
    const e = evaluateConsent(AGE[11], [parent(ALL, '2026-01-01'), child('assent', ALL, '2026-01-01', { withdrawnAt: '2026-02-01' })], AS_OF);
    expect(e.withdrawn).toBe(true);
    expect(gate('store_transcript', e).allowed).toBe(false);
  });

  it("a parent's withdrawal after the 16th birthday has no effect", () => {
    // born 2008-03; 14 at consent, the parent withdraws at 18
    const p = { birthMonth: '2008-03' };
    const e = evaluateConsent(p, [parent(ALL, '2022-06-01', { withdrawnAt: '2026-05-01' }), child('consent', ALL, '2022-06-01')], AS_OF);
    expect(e.withdrawn).toBe(false);
    expect(e.withdrawal).toBeNull();
    expect(e.scopes.participation).toMatchObject({ covered: true, rule: '12to15', ageAtConsent: 14 });
    // a parent's new "no" at 18 has no effect either
    const e2 = evaluateConsent(p, [parent(ALL, '2022-06-01'), child('consent', ALL, '2022-06-01'), parent({ participation: false }, '2026-05-01')], AS_OF);
    expect(e2.scopes.participation.covered).toBe(true);
  });

  it('renewed records after a withdrawal restore coverage; older ones do not', () => {
    const withdrawnChild = child('consent', ALL, '2026-01-01', { withdrawnAt: '2026-03-01' });
    const oldParent = parent(ALL, '2026-01-01');
    const e1 = evaluateConsent(AGE[15], [oldParent, withdrawnChild, child('consent', ALL, '2026-04-01')], AS_OF);
    expect(e1.withdrawn).toBe(true);
    expect(e1.scopes.participation.missing).toEqual(['de toestemming is op 2026-03-01 ingetrokken door het kind', R.parent]);
    const e2 = evaluateConsent(AGE[15], [oldParent, withdrawnChild, child('consent', ALL, '2026-04-01'), parent(ALL, '2026-04-02')], AS_OF);
    expect(e2.withdrawn).toBe(false);
    expect(e2.withdrawal).toMatchObject({ date: '2026-03-01' });
    expect(gate('code', e2)).toEqual({ allowed: true });
    expect(gate('keep_after_withdrawal', e2)).toEqual({ allowed: true });
  });
});

describe('turning 16', () => {
  const p = { birthMonth: '2010-03' }; // 16 on 31 March 2026 at the latest

  it('consent given at 15 with a parent stays valid after the 16th birthday', () => {
    const e = evaluateConsent(p, [parent(ALL, '2025-09-01'), child('consent', ALL, '2025-09-01')], AS_OF);
    expect(e.scopes.participation).toMatchObject({ covered: true, rule: '12to15', ageAtConsent: 15 });
  });

  it('consent given at 15 without a parent: missing parent, or a new consent of the participant alone', () => {
    const e = evaluateConsent(p, [child('consent', ALL, '2025-09-01')], AS_OF);
    expect(e.scopes.participation).toMatchObject({ covered: false, rule: '12to15', ageAtConsent: 15, missing: [R.parent, R.now16] });
    expect(gate('code', e)).toEqual(refusal('code', 'deelname', R.parent, R.now16));
    const renewed = evaluateConsent(p, [child('consent', ALL, '2025-09-01'), child('consent', ALL, '2026-04-01')], AS_OF);
    expect(renewed.scopes.participation).toMatchObject({ covered: true, rule: '16plus', ageAtConsent: 16, missing: [] });
  });

  it('uses the last day of the birth month: on the 30th still 15, on the 31st 16', () => {
    expect(evaluateConsent(p, [child('consent', ALL, '2026-03-30')], AS_OF).scopes.participation).toMatchObject({
      covered: false, rule: '12to15', ageAtConsent: 15, missing: [R.parent, R.now16],
    });
    expect(evaluateConsent(p, [child('consent', ALL, '2026-03-31')], AS_OF).scopes.participation).toMatchObject({
      covered: true, rule: '16plus', ageAtConsent: 16,
    });
  });

  it('a parent withdrawing in the month of the 16th birthday still counts (younger age when unsure)', () => {
    const e = evaluateConsent(p, [parent(ALL, '2025-09-01', { withdrawnAt: '2026-03-15' }), child('consent', ALL, '2025-09-01')], AS_OF);
    expect(e.withdrawn).toBe(true);
    const later = evaluateConsent(p, [parent(ALL, '2025-09-01', { withdrawnAt: '2026-04-01' }), child('consent', ALL, '2025-09-01')], AS_OF);
    expect(later.withdrawn).toBe(false);
  });

  it('the 12th birthday month works the same way', () => {
    const p12 = { birthMonth: '2014-06' }; // 12 on 30 June 2026
    expect(evaluateConsent(p12, [parent(), child('assent', ALL, '2026-06-01')], '2026-06-29').scopes.participation).toMatchObject({ covered: true, rule: 'under12', ageAtConsent: 11 });
    expect(evaluateConsent(p12, [parent(), child('assent', ALL, '2026-06-30')], '2026-06-30').scopes.participation).toMatchObject({
      covered: false, rule: '12to15', ageAtConsent: 12, missing: [R.childAssentOnly],
    });
  });
});

describe('conservativeAge', () => {
  it.each([
    ['2010-03', '2026-03-30', 15],
    ['2010-03', '2026-03-31', 16],
    ['2010-04', '2026-04-29', 15],
    ['2010-04', '2026-04-30', 16],
    ['2010-12', '2026-12-31', 16],
    ['2010-01', '2026-02-01', 16],
    ['2008-02', '2024-02-28', 15], // leap birth year: born by 29 Feb 2008 at the latest
    ['2008-02', '2024-02-29', 16],
    ['2008-02', '2025-02-28', 16], // 29 Feb → 1 March in a common year
    ['2008-02', '2025-03-01', 17],
    ['2009-02', '2025-02-28', 16],
    ['2026-06', '2026-06-15', 0],
  ])('born %s, on %s: %i', (birth, date, age) => {
    expect(conservativeAge(birth, date)).toBe(age);
  });

  it('refuses invalid input with a Dutch message', () => {
    expect(() => conservativeAge('2010-13', '2026-01-01')).toThrow(ConsentError);
    expect(() => conservativeAge('2010-01', '2026-02-30')).toThrow(/geen geldige datum/);
    expect(() => conservativeAge('2027-01', '2026-01-01')).toThrow(/vóór de geboorte/);
    expect(() => evaluateConsent({ birthMonth: '2010-01' }, [child('consent', ALL, '1-1-2026')], AS_OF)).toThrow(/De datum van toestemming r\d+ is geen geldige datum/);
    expect(() => evaluateConsent(AGE.adult, [], '15-06-2026')).toThrow(/peildatum/);
  });
});
