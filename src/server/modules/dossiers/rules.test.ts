import { describe, expect, it } from 'vitest';
import { caseFlag } from '../../../shared/dossiers';
import type { CaseEvent, CaseInput, EventType } from '../../../shared/dossiers';
import { checkCase, LEGAL_RULES } from './rules';
import type { LegalRule } from './rules';

const e = (date: string, type: EventType, detail = ''): CaseEvent => ({ date, type, detail });
const mk = (events: CaseEvent[], birthMonth = '2010-04'): CaseInput => ({
  code: 'T-1',
  birthMonth,
  sex: 'f',
  region: '',
  institution: '',
  siblings: null,
  placementReasons: [],
  parentFactors: [],
  status: 'in_progress',
  events,
});
/** A clean case: OTS and MUHP extended yearly, placed, returned home, measure ended. */
const CLEAN: CaseEvent[] = [
  e('2018-01-10', 'ots_start'),
  e('2018-02-01', 'muhp_start'),
  e('2018-02-15', 'placement_start', 'foster_kin'),
  e('2018-03-01', 'contact_arrangement', 'weekly'),
  e('2018-06-01', 'placement_move', 'family_home'),
  e('2018-09-01', 'parent_help_start'),
  e('2019-01-05', 'ots_extension'),
  e('2019-01-30', 'muhp_extension'),
  e('2019-05-01', 'parent_help_end'),
  e('2019-06-01', 'perspective_decision', 'home'),
  e('2019-09-01', 'reunification'),
  e('2019-12-20', 'ots_extension'),
  e('2020-06-01', 'ots_end'),
  e('2020-06-01', 'case_end', 'authority_ended'),
  e('2023-12-31', 'observation_end'),
];
const rulesOf = (c: CaseInput) => checkCase(c).map((f) => f.rule);

describe('LEGAL_RULES (configurable data)', () => {
  it('holds the rules with their legal basis, marking unverified article numbers', () => {
    const byId = new Map(LEGAL_RULES.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual(
      ['muhp_extension_gap', 'muhp_lapse', 'muhp_max_duration', 'ots_extension_gap', 'ots_max_duration', 'ots_provisional_max_duration'].sort(),
    );
    expect(byId.get('ots_max_duration')!.legalBasis).toContain('art. 1:258 lid 1 BW (artikelnummer niet geverifieerd)');
    expect(byId.get('ots_max_duration')!.legalBasis).toContain('1:260 lid 1');
    expect(byId.get('ots_provisional_max_duration')!.legalBasis).toBe('art. 1:257 BW');
    expect(byId.get('muhp_max_duration')!.legalBasis).toContain('1:265c');
    expect(byId.get('muhp_lapse')!.legalBasis).toBe('art. 1:265c lid 3 BW');
    expect(byId.get('ots_extension_gap')!.legalBasis).toBe('art. 1:260 lid 1 BW');
    expect(byId.get('muhp_extension_gap')!.legalBasis).toBe('art. 1:265c lid 2 BW');
    expect(byId.get('ots_provisional_max_duration')!.parameters.months).toBe(3);
    expect(byId.get('muhp_lapse')!.parameters.months).toBe(3);
    // the open norm "aanvaardbare termijn" is not a rule
    expect(JSON.stringify(LEGAL_RULES)).not.toMatch(/aanvaardbare termijn/i);
    for (const r of LEGAL_RULES) expect(r.description).toMatch(/[a-z]/);
  });
});

describe('checkCase', () => {
  it('gives no flags for a clean case, and valid flag objects otherwise', () => {
    expect(checkCase(mk(CLEAN))).toEqual([]);
    const flags = checkCase(mk([e('2018-01-01', 'reentry', 'nowhere')]));
    for (const f of flags) expect(caseFlag.parse(f)).toEqual(f);
  });

  describe('legal rules (warnings with legal basis)', () => {
    it('an OTS that runs more than 12 months without extension or end', () => {
      const c = mk([e('2018-01-10', 'ots_start'), e('2018-02-01', 'placement_start', 'crisis'), e('2019-06-01', 'observation_end')]);
      const f = checkCase(c).filter((x) => x.rule === 'ots_max_duration');
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: 'warning', eventIndexes: [0] });
      expect(f[0].legalBasis).toContain('1:258');
      expect(f[0].message).toContain('2018-01-10');
      // ended in time: no flag; ended late: flag on both events
      expect(rulesOf(mk([e('2018-01-10', 'ots_start'), e('2019-01-10', 'ots_end'), e('2019-06-01', 'observation_end')]))).toEqual([]);
      const late = checkCase(mk([e('2018-01-10', 'ots_start'), e('2019-01-11', 'ots_end'), e('2019-06-01', 'observation_end')]));
      expect(late.map((x) => [x.rule, x.eventIndexes])).toEqual([['ots_max_duration', [0, 1]]]);
      // observation ends within the year: nothing known yet
      expect(rulesOf(mk([e('2018-01-10', 'ots_start'), e('2019-01-10', 'observation_end')]))).toEqual([]);
    });

    it('an extension that leaves a gap (the previous order had run out)', () => {
      const onTime = mk([e('2018-01-31', 'ots_start'), e('2019-01-31', 'ots_extension'), e('2019-06-01', 'observation_end')]);
      expect(rulesOf(onTime)).toEqual([]);
      const gap = mk([e('2019-02-01', 'ots_extension'), e('2018-01-31', 'ots_start'), e('2019-06-01', 'observation_end')]);
      const f = checkCase(gap);
      expect(f.map((x) => x.rule)).toEqual(['ots_extension_gap']); // not also ots_max_duration
      expect(f[0].eventIndexes).toEqual([1, 0]); // indexes into c.events as given
      expect(f[0].legalBasis).toBe('art. 1:260 lid 1 BW');
      const muhp = mk([
        e('2018-01-01', 'muhp_start'),
        e('2018-01-02', 'placement_start', 'residential'),
        e('2019-03-01', 'muhp_extension'),
        e('2019-06-01', 'observation_end'),
      ]);
      expect(rulesOf(muhp)).toEqual(['muhp_extension_gap']);
    });

    it('a provisional OTS of more than 3 months', () => {
      const ok = mk([e('2018-01-15', 'ots_provisional'), e('2018-04-15', 'ots_start'), e('2018-06-01', 'observation_end')]);
      expect(rulesOf(ok)).toEqual([]);
      const long = mk([e('2018-01-15', 'ots_provisional'), e('2018-04-16', 'ots_start'), e('2018-06-01', 'observation_end')]);
      const f = checkCase(long);
      expect(f.map((x) => x.rule)).toEqual(['ots_provisional_max_duration']);
      expect(f[0].legalBasis).toBe('art. 1:257 BW');
    });

    it('a MUHP that runs more than 12 months without extension', () => {
      const c = mk([e('2018-01-01', 'muhp_start'), e('2018-01-05', 'placement_start', 'foster_nonkin'), e('2019-03-01', 'reunification'), e('2020-01-01', 'observation_end')]);
      const f = checkCase(c);
      expect(f.map((x) => [x.rule, x.eventIndexes])).toEqual([['muhp_max_duration', [0, 2]]]);
      expect(f[0].legalBasis).toContain('1:265c');
    });

    it('a placement authorisation not carried out within 3 months lapses', () => {
      const late = mk([e('2018-01-31', 'muhp_start'), e('2018-05-01', 'placement_start', 'crisis'), e('2018-12-31', 'observation_end')]);
      const f = checkCase(late);
      expect(f.map((x) => x.rule)).toEqual(['muhp_lapse']);
      expect(f[0]).toMatchObject({ severity: 'warning', legalBasis: 'art. 1:265c lid 3 BW', eventIndexes: [0] });
      expect(f[0].message).toContain('2018-04-30');
      const inTime = mk([e('2018-01-31', 'muhp_start'), e('2018-04-30', 'placement_start', 'crisis'), e('2018-12-31', 'observation_end')]);
      expect(rulesOf(inTime)).toEqual([]);
      const emergencyNever = mk([e('2018-01-31', 'muhp_emergency'), e('2018-12-31', 'observation_end')]);
      expect(rulesOf(emergencyNever)).toEqual(['muhp_lapse']);
      // the regular order after an emergency placement: the child is already placed
      const afterEmergency = mk([
        e('2018-01-31', 'muhp_emergency'),
        e('2018-01-31', 'placement_start', 'crisis'),
        e('2018-02-14', 'muhp_start'),
        e('2019-01-20', 'muhp_extension'),
        e('2019-06-01', 'observation_end'),
      ]);
      expect(rulesOf(afterEmergency)).toEqual([]);
      // a new order after the return home must be carried out again (here by a reentry)
      const reentry = mk([
        e('2018-01-01', 'muhp_start'),
        e('2018-01-01', 'placement_start', 'crisis'),
        e('2018-06-01', 'reunification'),
        e('2018-09-01', 'muhp_start'),
        e('2019-01-01', 'reentry', 'residential'),
        e('2019-06-01', 'observation_end'),
      ]);
      expect(checkCase(reentry).map((x) => [x.rule, x.eventIndexes])).toEqual([['muhp_lapse', [3]]]);
    });

    it('uses the rules it is given (configurable)', () => {
      expect(checkCase(mk([e('2018-01-10', 'ots_start'), e('2020-01-01', 'observation_end')]), [])).toEqual([]);
      const strict: LegalRule[] = LEGAL_RULES.map((r) => (r.id === 'ots_max_duration' ? { ...r, parameters: { ...r.parameters, months: 6 } } : r)) as LegalRule[];
      const c = mk([e('2018-01-10', 'ots_start'), e('2018-09-01', 'ots_end'), e('2020-01-01', 'observation_end')]);
      expect(rulesOf(c)).toEqual([]);
      expect(checkCase(c, strict).map((x) => x.rule)).toEqual(['ots_max_duration']);
    });
  });

  describe('chronology and consistency (errors without legal basis)', () => {
    const OBS = e('2023-12-31', 'observation_end');
    const only = (c: CaseInput, rule: string) => checkCase(c).filter((f) => f.rule === rule);

    it('events before the birth month', () => {
      const f = only(mk([e('2010-03-31', 'ots_start'), e('2010-04-01', 'placement_start', 'crisis'), OBS], '2010-04'), 'before_birth');
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: 'error', legalBasis: null, eventIndexes: [0] });
    });

    it('events after observation_end, and not exactly one observation_end', () => {
      const after = only(mk([e('2018-01-01', 'placement_start', 'crisis'), e('2019-01-01', 'observation_end'), e('2019-01-02', 'reunification')]), 'after_observation_end');
      expect(after.map((f) => f.eventIndexes)).toEqual([[2]]);
      const none = only(mk([e('2018-01-01', 'placement_start', 'crisis')]), 'observation_end_count');
      expect(none).toHaveLength(1);
      expect(none[0].message).toMatch(/geen observation_end/);
      const two = only(mk([e('2019-01-01', 'observation_end'), e('2018-01-01', 'placement_start', 'crisis'), e('2020-01-01', 'observation_end')]), 'observation_end_count');
      expect(two[0]).toMatchObject({ severity: 'error', eventIndexes: [0, 2] });
      expect(rulesOf(mk([e('2018-01-01', 'placement_start', 'crisis'), e('2018-01-01', 'observation_end')]))).toEqual([]);
    });

    it('details outside the vocabulary', () => {
      const f = only(
        mk([e('2018-01-01', 'placement_start', 'pleeggezin'), e('2018-02-01', 'contact_arrangement', ''), e('2018-03-01', 'ots_start', 'vrije tekst mag'), OBS]),
        'detail_vocabulary',
      );
      expect(f.map((x) => x.eventIndexes)).toEqual([[0], [1]]);
      expect(f[0].message).toContain('foster_kin');
    });

    it('placement_move, reunification or reentry before the first placement_start', () => {
      const f = only(
        mk([e('2018-01-01', 'placement_move', 'crisis'), e('2018-02-01', 'placement_start', 'crisis'), e('2018-02-01', 'placement_move', 'residential'), OBS]),
        'before_first_placement',
      );
      expect(f.map((x) => x.eventIndexes)).toEqual([[0, 1]]);
      const noPlacement = only(mk([e('2018-01-01', 'reunification'), OBS]), 'before_first_placement');
      expect(noPlacement).toHaveLength(1);
      expect(noPlacement[0].message).toMatch(/geen placement_start/);
    });

    it('reentry without an earlier reunification (also a second reentry after one return)', () => {
      const f = only(mk([e('2018-01-01', 'placement_start', 'crisis'), e('2018-05-01', 'reentry', 'crisis'), OBS]), 'reentry_without_reunification');
      expect(f.map((x) => x.eventIndexes)).toEqual([[1]]);
      const twice = only(
        mk([
          e('2018-01-01', 'placement_start', 'crisis'),
          e('2018-05-01', 'reunification'),
          e('2018-09-01', 'reentry', 'crisis'),
          e('2019-09-01', 'reentry', 'residential'),
          OBS,
        ]),
        'reentry_without_reunification',
      );
      expect(twice.map((x) => x.eventIndexes)).toEqual([[3]]);
    });

    it('parent_help_end before any parent_help_start', () => {
      const f = only(mk([e('2018-01-01', 'placement_start', 'crisis'), e('2018-03-01', 'parent_help_end'), e('2018-04-01', 'parent_help_start'), OBS]), 'help_end_before_start');
      expect(f.map((x) => x.eventIndexes)).toEqual([[1]]);
    });

    it('events after case_end (only observation_end may follow) are a warning', () => {
      const f = only(mk([e('2018-01-01', 'placement_start', 'crisis'), e('2019-01-01', 'case_end', 'majority'), e('2019-02-01', 'contact_arrangement', 'weekly'), OBS]), 'after_case_end');
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: 'warning', legalBasis: null, eventIndexes: [1, 2] });
      expect(only(mk([e('2018-01-01', 'placement_start', 'crisis'), e('2019-01-01', 'case_end', 'majority'), OBS]), 'after_case_end')).toEqual([]);
    });

    it('invalid dates are reported, not thrown', () => {
      const f = only(mk([e('2018-02-30', 'placement_start', 'crisis'), OBS]), 'invalid_date');
      expect(f).toHaveLength(1);
    });
  });
});
