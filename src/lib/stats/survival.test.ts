import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { KM_DAYS } from '../../shared/dossiers';
import { aalenJohansen, ajAt, kaplanMeier, kmAt, riskRatio, Z95 } from './survival';

describe('kaplanMeier (hand-checked)', () => {
  // times 1 2 2+ 3 4+ : at t=2 the one censored at 2 is still at risk
  const km = kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]);

  it('has one entry per distinct event time with n at risk, events, S and the Greenwood sum', () => {
    expect(km.time).toEqual([1, 2, 3]);
    expect(km.nRisk).toEqual([5, 4, 2]);
    expect(km.nEvent).toEqual([1, 1, 1]);
    expect(km.surv[0]).toBeCloseTo(0.8, 12);
    expect(km.surv[1]).toBeCloseTo(0.6, 12); // 0.8 · 3/4
    expect(km.surv[2]).toBeCloseTo(0.3, 12); // 0.6 · 1/2
    expect(km.greenwood[0]).toBeCloseTo(1 / 20, 12);
    expect(km.greenwood[1]).toBeCloseTo(1 / 20 + 1 / 12, 12);
    expect(km.greenwood[2]).toBeCloseTo(1 / 20 + 1 / 12 + 1 / 2, 12);
  });

  it('reads the step function with a log-scale interval, upper capped at 1, last value carried forward', () => {
    expect(kmAt(km, 0.5)).toEqual({ surv: 1, lower: 1, upper: 1 });
    const at2 = kmAt(km, 2.5)!;
    const se = Math.sqrt(1 / 20 + 1 / 12);
    expect(at2.surv).toBeCloseTo(0.6, 12);
    expect(at2.lower).toBeCloseTo(0.6 * Math.exp(-1.959963984540054 * se), 12);
    expect(at2.upper).toBeCloseTo(Math.min(1, 0.6 * Math.exp(1.959963984540054 * se)), 12);
    expect(kmAt(km, 1)!.upper).toBe(1); // 0.8·exp(1.96·0.2236) > 1
    expect(kmAt(km, 100)).toEqual(kmAt(km, 3));
    expect(Z95).toBeCloseTo(1.959964, 6);
  });

  it('gives [0, 0] when S reaches 0 and null without observations', () => {
    const zero = kaplanMeier([1, 2], [1, 1]);
    expect(zero.surv).toEqual([0.5, 0]);
    expect(zero.greenwood[1]).toBe(Infinity);
    expect(kmAt(zero, 5)).toEqual({ surv: 0, lower: 0, upper: 0 });
    expect(kmAt(kaplanMeier([], []), 5)).toBeNull();
    // observations but no events: S = 1
    expect(kmAt(kaplanMeier([3, 4], [0, 0]), 10)).toEqual({ surv: 1, lower: 1, upper: 1 });
  });

  it('counts events at time 0 and refuses bad input', () => {
    const km0 = kaplanMeier([0, 0, 5], [1, 0, 1]);
    expect(km0.time).toEqual([0, 5]);
    expect(kmAt(km0, 0)!.surv).toBeCloseTo(2 / 3, 12);
    expect(() => kaplanMeier([1], [])).toThrow(RangeError);
    expect(() => kaplanMeier([NaN], [1])).toThrow(RangeError);
  });
});

describe('aalenJohansen (hand-checked)', () => {
  // 1:cause1  2:cause2  3:cause1  4:censored  5:cause2
  const times = [1, 2, 3, 4, 5];
  const status: (0 | 1 | 2)[] = [1, 2, 1, 0, 2];

  it('sums S(t−)·d/n over the event times', () => {
    const aj1 = aalenJohansen(times, status, 1);
    expect(aj1.time).toEqual([1, 2, 3, 5]);
    expect(aj1.cif[0]).toBeCloseTo(0.2, 12); // 1 · 1/5
    expect(aj1.cif[2]).toBeCloseTo(0.4, 12); // + 0.6 · 1/3
    const aj2 = aalenJohansen(times, status, 2);
    expect(ajAt(aj2, 2)).toBeCloseTo(0.2, 12); // 0.8 · 1/4
    expect(ajAt(aj2, 10)).toBeCloseTo(0.6, 12); // + 0.4 · 1/1
    expect(ajAt(aj1, 10)! + ajAt(aj2, 10)!).toBeCloseTo(1, 12); // everyone left the initial state
    expect(ajAt(aj1, 0.5)).toBe(0);
    expect(ajAt(aalenJohansen([], []), 1)).toBeNull();
  });

  it('equals 1 − KM when there is no competing event', () => {
    const t = [3, 1, 4, 1, 5, 9, 2, 6];
    const e: (0 | 1)[] = [1, 0, 1, 1, 0, 1, 1, 0];
    const km = kaplanMeier(t, e);
    const aj = aalenJohansen(t, e, 1);
    for (const d of [0, 1, 2, 3, 4, 5, 6, 9, 20]) expect(ajAt(aj, d)).toBeCloseTo(1 - kmAt(km, d)!.surv, 12);
  });
});

describe('riskRatio', () => {
  it('gives the Wald interval on the log scale', () => {
    const r = riskRatio(20, 50, 10, 50);
    const se = Math.sqrt(1 / 20 - 1 / 50 + 1 / 10 - 1 / 50);
    expect(r.rr).toBeCloseTo(2, 12);
    expect(r.lo).toBeCloseTo(2 * Math.exp(-1.959963984540054 * se), 12);
    expect(r.hi).toBeCloseTo(2 * Math.exp(1.959963984540054 * se), 12);
    // R: exp(log(2) + c(-1, 1) * qnorm(.975) * sqrt(0.11))
    expect(r.lo).toBeCloseTo(1.04404299, 8);
    expect(r.hi).toBeCloseTo(3.831259861, 8);
  });

  it('is null when undefined', () => {
    const none = { rr: null, lo: null, hi: null };
    expect(riskRatio(0, 10, 3, 10)).toEqual(none);
    expect(riskRatio(3, 10, 0, 10)).toEqual(none);
    expect(riskRatio(0, 0, 3, 10)).toEqual(none);
    expect(riskRatio(3, 10, 0, 0)).toEqual(none);
  });
});

// ---- comparison with R survival::survfit ----------------------------------------------------------------------------

function rAvailable(): boolean {
  const r = spawnSync('Rscript', ['-e', 'suppressMessages(library(survival))'], { encoding: 'utf8' });
  return r.status === 0;
}
const HAS_R = rAvailable();
if (!HAS_R) console.warn('Rscript met het pakket survival niet gevonden: de vergelijking met R wordt overgeslagen.');

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Obs = { time: number; status: 0 | 1 | 2 };
function fixtures(): Record<string, Obs[]> {
  const obs = (pairs: [number, 0 | 1 | 2][]) => pairs.map(([time, status]) => ({ time, status }));
  const r = prng(42);
  const random: Obs[] = [];
  for (let i = 0; i < 300; i++) {
    const u = r();
    // integer days with many ties, some at 0, censoring on event days
    random.push({ time: Math.floor(r() * 2200 * r()), status: u < 0.45 ? 1 : u < 0.6 ? 2 : 0 });
  }
  return {
    // ties, censoring at event times, events at time 0, competing events
    ties: obs([
      [0, 1], [0, 0], [0, 2], [30, 1], [182, 1], [182, 1], [182, 0], [182, 2], [365, 1], [365, 0], [400, 2],
      [730, 1], [730, 1], [730, 0], [800, 0], [1095, 1], [1200, 2], [1826, 1], [1826, 0], [2000, 0],
    ]),
    // S reaches 0 before the last KM day
    zero: obs([[10, 1], [50, 0], [200, 1], [200, 2], [400, 1], [700, 1]]),
    // many ties and competing events
    random,
    // no reunification at all: S stays 1, the competing cause only
    none: obs([[100, 0], [200, 2], [300, 2], [2000, 0]]),
  };
}

describe.skipIf(!HAS_R)('agreement with R survfit (KM conf.type="log", multi-state AJ)', () => {
  it('agrees to 1e-6 on surv, lower, upper and both cumulative incidences', () => {
    const days = [0, 1, 30, ...KM_DAYS, 2500];
    const fx = fixtures();
    const dir = mkdtempSync(join(tmpdir(), 'tnh-km-'));
    try {
      const rows = Object.entries(fx).flatMap(([name, o]) => o.map((x) => [name, x.time, x.status]));
      writeFileSync(join(dir, 'in.csv'), Papa.unparse({ fields: ['fixture', 'time', 'status'], data: rows }));
      const script = `
        suppressMessages(library(survival))
        d <- read.csv(${JSON.stringify(join(dir, 'in.csv'))}, stringsAsFactors = FALSE)
        days <- c(${days.join(',')})
        out <- NULL
        for (f in unique(d$fixture)) {
          x <- d[d$fixture == f, ]
          km <- survfit(Surv(time, status == 1) ~ 1, data = x, conf.type = "log")
          s <- summary(km, times = days, extend = TRUE)
          aj <- survfit(Surv(time, factor(status, 0:2)) ~ 1, data = x)
          a <- summary(aj, times = days, extend = TRUE)
          out <- rbind(out, data.frame(fixture = f, day = s$time, surv = s$surv, lower = s$lower, upper = s$upper,
            cif1 = a$pstate[, which(aj$states == "1")], cif2 = a$pstate[, which(aj$states == "2")]))
        }
        write.csv(out, ${JSON.stringify(join(dir, 'out.csv'))}, row.names = FALSE)
      `;
      writeFileSync(join(dir, 'km.R'), script);
      const run = spawnSync('Rscript', [join(dir, 'km.R')], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const out = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'out.csv'), 'utf8'), {
        header: true,
        skipEmptyLines: true,
      }).data;
      expect(out.length).toBe(Object.keys(fx).length * days.length);
      let maxDiff = 0;
      let naChecked = 0;
      for (const row of out) {
        const o = fx[row.fixture];
        const day = Number(row.day);
        const km = kmAt(kaplanMeier(o.map((x) => x.time), o.map((x) => (x.status === 1 ? 1 : 0))), day)!;
        const aj1 = ajAt(aalenJohansen(o.map((x) => x.time), o.map((x) => x.status), 1), day)!;
        const aj2 = ajAt(aalenJohansen(o.map((x) => x.time), o.map((x) => x.status), 2), day)!;
        const pairs: [number, string][] = [
          [km.surv, row.surv],
          [km.lower, row.lower],
          [km.upper, row.upper],
          [aj1, row.cif1],
          [aj2, row.cif2],
        ];
        for (const [mine, theirs] of pairs) {
          if (theirs === 'NA') {
            // R: no interval once S = 0; we report [0, 0]
            expect(Number(row.surv)).toBe(0);
            expect(mine).toBe(0);
            naChecked++;
            continue;
          }
          const diff = Math.abs(mine - Number(theirs));
          maxDiff = Math.max(maxDiff, diff);
          expect(diff, `${row.fixture} day ${day}: ${mine} vs R ${theirs}`).toBeLessThan(1e-6);
        }
      }
      expect(naChecked).toBeGreaterThan(0); // the 'zero' fixture reached S = 0
      console.log(`KM/AJ versus R survfit: ${out.length} rows, max |difference| ${maxDiff.toExponential(2)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
