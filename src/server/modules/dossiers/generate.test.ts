import { describe, expect, it } from 'vitest';
import { caseInput } from '../../../shared/dossiers';
import { generateCohort, mulberry32 } from './generate';
import { computeIndicators, deriveOutcome } from './outcomes';
import { checkCase } from './rules';

describe('mulberry32', () => {
  it('is deterministic and uniform-looking', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('generateCohort', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateCohort({ cases: 300, seed: 42 });
    expect(generateCohort({ cases: 300, seed: 42 })).toEqual(a);
    expect(generateCohort({ cases: 300, seed: 43 })).not.toEqual(a);
    expect(a[0].code).toBe('FICT-000001');
    expect(a[299].code).toBe('FICT-000300');
  });

  it('places everyone in the start year and follows them to 31 December five years later', () => {
    for (const [opts, year, end] of [
      [{ cases: 500, seed: 1 }, '2018', '2023-12-31'],
      [{ cases: 500, seed: 1, startYear: 2020 }, '2020', '2025-12-31'],
    ] as const) {
      for (const c of generateCohort(opts)) {
        const starts = c.events.filter((e) => e.type === 'placement_start');
        expect(starts).toHaveLength(1);
        expect(starts[0].date.slice(0, 4)).toBe(year);
        expect(c.events.filter((e) => e.type === 'observation_end').map((e) => e.date)).toEqual([end]);
      }
    }
  });

  it('makes valid cases without error flags (2,000 cases)', () => {
    const cohort = generateCohort({ cases: 2000, seed: 9 });
    const warnings: Record<string, number> = {};
    for (const c of cohort) {
      expect(caseInput.parse(c)).toEqual(c);
      const flags = checkCase(c);
      const errors = flags.filter((f) => f.severity === 'error');
      expect(errors, `${c.code}: ${errors.map((f) => f.message).join(' | ')}`).toEqual([]);
      for (const f of flags) warnings[f.rule] = (warnings[f.rule] ?? 0) + 1;
    }
    console.log('warnings on 2,000 generated cases:', warnings);
    // only the deliberate late extensions (about 1 case in 100)
    expect(Object.keys(warnings).every((k) => k.endsWith('_extension_gap'))).toBe(true);
  });

  it('resembles the WODC margins on 20,000 cases', () => {
    const cohort = generateCohort({ cases: 20_000, seed: 2025 });
    const outcomes = cohort.map(deriveOutcome);
    const ind = computeIndicators(outcomes);
    const placed = outcomes.filter((o) => o.placed);
    const reunified = placed.filter((o) => o.status === 1).length / placed.length;
    const movers = placed.filter((o) => (o.moves ?? 0) > 0);
    const meanAmongMovers = movers.reduce((s, o) => s + o.moves!, 0) / movers.length;
    const settings = new Map<string, number>();
    for (const o of placed) settings.set(o.setting!, (settings.get(o.setting!) ?? 0) + 1 / placed.length);
    const foster = (settings.get('foster_kin') ?? 0) + (settings.get('foster_nonkin') ?? 0);
    const residentialCrisis = (settings.get('residential') ?? 0) + (settings.get('crisis') ?? 0);
    const anyReentry =
      cohort.filter((c, i) => outcomes[i].status === 1 && c.events.some((e) => e.type === 'reentry')).length / placed.filter((o) => o.status === 1).length;
    const margins = {
      reunified,
      reentry12m: ind.reentry_12m.share,
      reentryAny: anyReentry,
      emergency: ind.emergency_share.share,
      movedAny: ind.moves.share_any,
      meanAmongMovers,
      maxMoves: ind.moves.max,
      helpRR: ind.parent_help_rr.rr,
      foster,
      residentialCrisis,
    };
    console.log('margins on 20,000 generated cases:', margins);
    expect(Math.abs(reunified - 0.39)).toBeLessThan(0.05);
    expect(Math.abs(ind.emergency_share.share! - 0.43)).toBeLessThan(0.05);
    expect(Math.abs(ind.moves.share_any! - 0.42)).toBeLessThan(0.05);
    expect(Math.abs(ind.reentry_12m.share! - 0.25)).toBeLessThan(0.06);
    expect(Math.abs(anyReentry - 0.25)).toBeLessThan(0.06);
    expect(ind.parent_help_rr.rr!).toBeGreaterThan(1.7);
    expect(ind.parent_help_rr.rr!).toBeLessThan(2.6);
    expect(Math.abs(meanAmongMovers - 2.2)).toBeLessThan(0.3);
    expect(ind.moves.max!).toBeLessThanOrEqual(13);
    // foster care the largest group, over a quarter residential or crisis
    expect(foster).toBeGreaterThan(Math.max(...[...settings.entries()].filter(([k]) => !k.startsWith('foster')).map(([, v]) => v)));
    expect(residentialCrisis).toBeGreaterThan(0.25);
    // case_end majority is the most common ending among children placed at 12 or older
    const ends = new Map<string, number>();
    cohort.forEach((c, i) => {
      if ((outcomes[i].ageAtPlacement ?? 0) < 12) return;
      for (const e of c.events) if (e.type === 'case_end') ends.set(e.detail, (ends.get(e.detail) ?? 0) + 1);
    });
    const top = [...ends.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(top).toBe('majority');
  });

  it('generates 100,000 cases quickly', () => {
    const t0 = performance.now();
    const cohort = generateCohort({ cases: 100_000, seed: 1 });
    const ms = performance.now() - t0;
    const events = cohort.reduce((n, c) => n + c.events.length, 0);
    console.log(`generateCohort: 100,000 cases, ${events} events in ${ms.toFixed(0)} ms`);
    expect(cohort).toHaveLength(100_000);
    expect(ms).toBeLessThan(10_000);
  });
});
