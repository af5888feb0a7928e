import { describe, expect, it } from 'vitest';
import { distinctKinds, strengthOf } from './triangulation';

describe('triangulation', () => {
  it('counts distinct kinds in a fixed order', () => {
    expect(distinctKinds(['norm', 'quote', 'quote', 'survey'])).toEqual(['quote', 'survey', 'norm']);
    expect(distinctKinds([])).toEqual([]);
    expect(distinctKinds(['unknown'])).toEqual([]);
  });
  it('labels with the default rule (strong ≥ 3, moderate 2, weak 1, none 0)', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => strengthOf(n))).toEqual(['none', 'weak', 'moderate', 'strong', 'strong', 'strong']);
  });
  it('follows the study rule', () => {
    expect([1, 2, 3, 4].map((n) => strengthOf(n, { strong: 4, moderate: 3 }))).toEqual(['weak', 'weak', 'moderate', 'strong']);
    expect([1, 2].map((n) => strengthOf(n, { strong: 2, moderate: 2 }))).toEqual(['weak', 'strong']);
    expect(strengthOf(1, { strong: 1, moderate: 1 })).toBe('strong');
    expect(strengthOf(0, { strong: 1, moderate: 1 })).toBe('none');
  });
});
