import { describe, expect, it } from 'vitest';
import { betaI, chiSquareCdf, chiSquareSf, gammaP, logGamma, tCdf, tQuantile } from './distributions';

describe('distributions', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 10);
  });

  it('t quantiles match table values (R qt) to 1e-3 and better', () => {
    const cases: [number, number, number][] = [
      [0.975, 10, 2.228138852],
      [0.975, 1, 12.706204736],
      [0.975, 5, 2.570581836],
      [0.995, 20, 2.84533971],
      [0.95, 30, 1.697260887],
      [0.975, 100, 1.983971519],
    ];
    for (const [p, df, q] of cases) {
      expect(Math.abs(tQuantile(p, df) - q)).toBeLessThan(1e-6);
      expect(Math.abs(tQuantile(1 - p, df) + q)).toBeLessThan(1e-6);
      expect(tCdf(q, df)).toBeCloseTo(p, 8);
    }
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5); // normal limit
  });

  it('chi-square upper tail matches critical values', () => {
    const cases: [number, number, number][] = [
      [3.841458821, 1, 0.05],
      [6.634896601, 1, 0.01],
      [5.991464547, 2, 0.05],
      [11.07049769, 5, 0.05],
      [23.20925116, 10, 0.01],
      [124.3421134, 100, 0.05],
    ];
    for (const [x, df, p] of cases) expect(Math.abs(chiSquareSf(x, df) - p)).toBeLessThan(1e-8);
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareCdf(2, 2)).toBeCloseTo(1 - Math.exp(-1), 12); // df 2 is exponential(1/2)
    expect(chiSquareSf(1e4, 1)).toBeLessThan(1e-300);
  });

  it('incomplete gamma and beta at closed forms', () => {
    expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(betaI(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(betaI(0.3, 2, 1)).toBeCloseTo(0.09, 12);
    expect(betaI(0.5, 3, 3)).toBeCloseTo(0.5, 12);
  });

  it('rejects invalid arguments', () => {
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => chiSquareSf(1, 0)).toThrow(RangeError);
  });
});
