import { describe, expect, it } from 'vitest';
import { aggregateRatings, makeReflectionToken, orderedUnique, ratingProblem, tokenHashOf } from './aggregate';

describe('aggregateRatings', () => {
  it('counts 1..5, mean and n, leaving out NULL (not rated)', () => {
    expect(aggregateRatings([5, 4, 4, null, 2, 5], 3)).toEqual({ suppressed: false, n: 5, distribution: [0, 1, 0, 2, 2], mean: 4 });
    expect(aggregateRatings([1, 2], 1)).toEqual({ suppressed: false, n: 2, distribution: [1, 1, 0, 0, 0], mean: 1.5 });
  });
  it('rounds the mean to two decimals', () => {
    expect(aggregateRatings([1, 1, 2], 1).mean).toBe(1.33);
  });
  it('suppresses below the threshold: no n, distribution or mean', () => {
    expect(aggregateRatings([5, 4], 3)).toEqual({ suppressed: true, n: null, distribution: null, mean: null });
    expect(aggregateRatings([5, 4, null, null], 3).suppressed).toBe(true);
  });
  it('shows exactly at the threshold', () => {
    const a = aggregateRatings([3, 3, 3], 3);
    expect(a.suppressed).toBe(false);
    expect(a.n).toBe(3);
  });
  it('no ratings at all is n = 0, not suppressed', () => {
    expect(aggregateRatings([null, undefined], 10)).toEqual({ suppressed: false, n: 0, distribution: [0, 0, 0, 0, 0], mean: null });
  });
  it('ignores values outside 1–5 (the database refuses them anyway)', () => {
    expect(aggregateRatings([0, 6, 2.5, 3], 1)).toMatchObject({ n: 1, mean: 3 });
  });
});

describe('ratingProblem', () => {
  it('accepts 1–5 and null', () => {
    for (const v of [1, 2, 3, 4, 5, null, undefined]) expect(ratingProblem('importance', v)).toBeNull();
  });
  it('refuses 0, 6, fractions and strings with a Dutch message', () => {
    expect(ratingProblem('importance', 0)).toMatch(/belang.*1 tot en met 5/);
    expect(ratingProblem('feasibility', 6)).toMatch(/haalbaarheid/);
    expect(ratingProblem('feasibility', 2.5)).not.toBeNull();
    expect(ratingProblem('feasibility', '3')).not.toBeNull();
  });
});

describe('tokens', () => {
  it('makes 256-bit tokens whose hash is what tokenHashOf returns', () => {
    const { token, hash } = makeReflectionToken();
    expect(token).toMatch(/^RS\.[A-Za-z0-9_-]{43}$/);
    expect(tokenHashOf(token)).toBe(hash);
    expect(tokenHashOf(` ${token} `)).toBe(hash);
    expect(makeReflectionToken().token).not.toBe(token);
  });
  it('refuses anything malformed', () => {
    for (const t of [undefined, '', 'RS.kort', `I.${'a'.repeat(43)}`, `RS.${'a'.repeat(44)}`, 'x'.repeat(200)]) expect(tokenHashOf(t)).toBeNull();
  });
});

describe('orderedUnique', () => {
  it('keeps the first occurrence in order', () => {
    expect(orderedUnique(['b', 'a', 'b', 'c'])).toEqual(['b', 'a', 'c']);
  });
});
