/**
 * FICTIONAL case files for demonstrations, tests and benchmarks. Every case is made up by a seeded pseudo-random
 * generator (mulberry32); codes are FICT-000001, FICT-000002, …; no case describes a real child. Never mix these with
 * research data.
 *
 * The cohort's margins are chosen to resemble the published WODC/Leiden 2025 findings (domain brief §3.3; these come
 * from press releases, the report itself was not retrieved): all children placed by the court in `startYear`
 * (default 2018) and followed until 31 December five years later (2023-12-31); about 39% reunified within the
 * follow-up; about 1 in 4 of them re-enter care (mostly within a year); about 43% of placements start with an
 * emergency order; about 42% are moved at least once (among movers about 2.2 moves on average, never more than 13);
 * help for parents during the placement roughly doubles the chance of a return (risk ratio ≈ 2.1); foster care is the
 * largest placement group and over a quarter start in residential or crisis care. Parental trauma and intellectual
 * disability lower the chance of a return, as reported. Everything else (age mix, timing of events, the order/extension
 * pattern, contact and perspective decisions, regions, reasons) is invented to look plausible, not estimated.
 *
 * Legal orders: an OTS (with a provisional OTS before an emergency placement) and a machtiging uithuisplaatsing, each
 * extended yearly for as long as it runs; about 1 case in 100 gets one extension a few weeks late, so that the
 * legal-rule warnings have something to show. Every case passes checkCase without 'error' flags.
 * Fields that the CSV interchange format does not carry are fixed (institution '', siblings null, status
 * 'in_progress'), so a generated cohort survives an export/import round trip unchanged.
 */
import { EVENT_TYPES, PARENT_FACTORS, PLACEMENT_REASONS } from '../../../shared/dossiers';
import type { CaseInput, EventType, ParentFactor, PlacementReason, Setting, Sex } from '../../../shared/dossiers';
import { addMonths, civilOfDay, dayOf, isoOfDay } from './outcomes';

/** mulberry32: a small, fast 32-bit seeded PRNG, uniform on [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- calibration (see generate.test.ts for the margins these produce) -------------------------------------------
const P_EMERGENCY = 0.43;
const P_HELP = 0.45;
const HELP_EFFECT = 2.1;
const P_REUNIFY_BASE = 0.31;
const P_REENTRY = 0.29;
const P_MOVER = 0.42;
const P_LATE_EXTENSION = 0.01;

const SETTING_WEIGHTS: [Setting, number][] = [
  ['foster_nonkin', 0.3],
  ['foster_kin', 0.2],
  ['family_home', 0.12],
  ['residential', 0.22],
  ['crisis', 0.12],
  ['secure', 0.04],
];
const CONTACT_WEIGHTS: [string, number][] = [
  ['weekly', 0.28],
  ['biweekly', 0.27],
  ['monthly', 0.2],
  ['less', 0.12],
  ['none', 0.13],
];
const REASON_WEIGHTS: [PlacementReason, number][] = [
  ['neglect', 0.22],
  ['maltreatment', 0.16],
  ['parental_conflict', 0.12],
  ['parenting_overload', 0.14],
  ['domestic_violence', 0.1],
  ['parental_mental_health', 0.1],
  ['parental_addiction', 0.06],
  ['child_behaviour', 0.07],
  ['other', 0.03],
];
const FACTOR_P: Record<ParentFactor, number> = {
  trauma: 0.35,
  intellectual_disability: 0.15,
  mental_health: 0.35,
  addiction: 0.2,
  debts_housing: 0.3,
  domestic_violence: 0.2,
};
const REGIONS = [
  'Groningen',
  'Friesland',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
];
const TYPE_RANK = new Map<EventType, number>(EVENT_TYPES.map((t, i) => [t, i]));

function pick<T>(r: () => number, weights: [T, number][]): T {
  let total = 0;
  for (const [, w] of weights) total += w;
  let u = r() * total;
  for (const [v, w] of weights) {
    u -= w;
    if (u < 0) return v;
  }
  return weights[weights.length - 1][0];
}
const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1)); // integers lo..hi
function poisson(r: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = r();
  while (p > l) {
    k++;
    p *= r();
  }
  return k;
}

interface GenEvent {
  day: number;
  type: EventType;
  detail: string;
}

export function generateCohort(opts: { cases: number; seed: number; startYear?: number }): CaseInput[] {
  const startYear = opts.startYear ?? 2018;
  const r = mulberry32(opts.seed);
  const yearStart = dayOf(`${startYear}-01-01`);
  const yearLen = dayOf(`${startYear + 1}-01-01`) - yearStart;
  const obsEnd = dayOf(`${startYear + 5}-12-31`);
  const isoCache = new Map<number, string>();
  const iso = (d: number) => {
    let s = isoCache.get(d);
    if (s === undefined) {
      s = isoOfDay(d);
      isoCache.set(d, s);
    }
    return s;
  };
  const out: CaseInput[] = new Array(opts.cases);

  for (let n = 0; n < opts.cases; n++) {
    const ev: GenEvent[] = [];
    const push = (day: number, type: EventType, detail = '') => ev.push({ day, type, detail });

    // ---- the child
    const origin = yearStart + Math.floor(r() * yearLen);
    const ab = r();
    const age = ab < 0.13 ? 0 : ab < 0.27 ? between(r, 1, 3) : ab < 0.68 ? between(r, 4, 11) : between(r, 12, 17);
    // the 18th birthday (taken as the 15th of the birth month) falls at least ~1 month after the origin
    const birthDay = Math.round(origin - age * 365.25 - (age === 17 ? 45 + r() * 275 : r() * 364));
    const [by, bm] = civilOfDay(birthDay);
    const birthStart = dayOf(`${by}-${bm < 10 ? '0' : ''}${bm}-01`);
    const majority = dayOf(`${by + 18}-${bm < 10 ? '0' : ''}${bm}-15`);
    const sexU = r();
    const sex: Sex = sexU < 0.5 ? 'm' : sexU < 0.99 ? 'f' : sexU < 0.995 ? 'x' : 'unknown';
    const region = REGIONS[Math.floor(r() * REGIONS.length)];
    const reasons = new Set<PlacementReason>();
    const nReasons = 1 + (r() < 0.45 ? 1 : 0) + (r() < 0.15 ? 1 : 0);
    while (reasons.size < nReasons) reasons.add(pick(r, REASON_WEIGHTS));
    const factors = PARENT_FACTORS.filter((f) => r() < FACTOR_P[f]);

    // ---- the course of the case
    const emergency = r() < P_EMERGENCY;
    const help = r() < P_HELP;
    const setting = pick(r, SETTING_WEIGHTS);
    let pReunify = P_REUNIFY_BASE * (help ? HELP_EFFECT : 1);
    if (factors.includes('trauma')) pReunify *= 0.8;
    if (factors.includes('intellectual_disability')) pReunify *= 0.75;
    if (age >= 12) pReunify *= 0.85;
    const limit = Math.min(obsEnd, majority - 1);
    let reun = Infinity;
    if (r() < pReunify && limit - origin >= 30) {
      let t = 30 + Math.floor(-Math.log(1 - r()) * 520);
      if (origin + t > limit) t = between(r, 30, limit - origin);
      reun = origin + t;
    }
    const reunified = reun !== Infinity;

    let reentry = Infinity;
    if (reunified && r() < P_REENTRY) {
      const d = reun + 7 + Math.floor(-Math.log(1 - r()) * 150);
      if (d < limit) reentry = d;
    }

    // the end of the case file (one case_end at most) and of the OTS
    let caseEnd = Infinity;
    let caseEndDetail = '';
    let otsEnd = Infinity;
    if (!reunified) {
      const u = r();
      const young = age < 4;
      let d = Infinity;
      let why = '';
      if (u < (young ? 0.16 : 0.07)) {
        why = 'guardianship';
        d = origin + between(r, 365, 1600);
      } else if (u < (young ? 0.22 : 0.13)) {
        why = 'authority_ended';
        d = origin + between(r, 180, 1800);
      } else if (u < (young ? 0.24 : 0.15)) {
        why = 'moved_abroad';
        d = origin + between(r, 60, 1800);
      } else if (u < (young ? 0.26 : 0.17)) {
        why = 'other';
        d = origin + between(r, 60, 1800);
      }
      if (majority <= obsEnd && majority < d) {
        why = 'majority';
        d = majority;
      }
      if (d <= obsEnd) {
        caseEnd = d;
        caseEndDetail = why;
        if (why !== 'moved_abroad' && why !== 'other') otsEnd = d;
      }
    } else if (reentry === Infinity) {
      const d = reun + between(r, 90, 540);
      if (d < Math.min(obsEnd, majority)) {
        otsEnd = d;
        if (r() < 0.7) {
          caseEnd = d;
          caseEndDetail = 'authority_ended';
        }
      } else if (majority <= obsEnd) {
        otsEnd = caseEnd = majority;
        caseEndDetail = 'majority';
      }
    } else if (majority <= obsEnd) {
      otsEnd = caseEnd = majority;
      caseEndDetail = 'majority';
    }
    const last = Math.min(obsEnd, caseEnd); // nothing but observation_end after this day
    const windowEnd = reunified ? reun : last;

    // ---- orders
    let lateLeft = r() < P_LATE_EXTENSION ? 1 : 0;
    const extend = (from: number, until: number, type: EventType) => {
      let d = from;
      for (;;) {
        let next = addMonths(d, 12) - between(r, 0, 20);
        if (next >= until) return;
        if (lateLeft > 0 && r() < 0.5) {
          const late = addMonths(d, 12) + between(r, 10, 40); // a gap: the previous order had run out
          if (late < until) {
            lateLeft--;
            next = late;
          }
        }
        push(next, type);
        d = next;
      }
    };
    const otsUntil = Math.min(otsEnd, obsEnd);
    let muhpStart: number;
    if (emergency) {
      push(origin, 'muhp_emergency');
      muhpStart = origin + between(r, 14, 28);
      if (r() < 0.3) {
        const ots = Math.max(birthStart, origin - between(r, 30, 600));
        push(ots, 'ots_start');
        extend(ots, otsUntil, 'ots_extension');
      } else {
        push(origin, 'ots_provisional');
        push(muhpStart, 'ots_start');
        extend(muhpStart, otsUntil, 'ots_extension');
      }
    } else {
      muhpStart = Math.max(birthStart, origin - between(r, 0, 45));
      const ots = r() < 0.5 ? Math.max(birthStart, muhpStart - between(r, 30, 600)) : muhpStart;
      push(ots, 'ots_start');
      extend(ots, otsUntil, 'ots_extension');
    }
    push(muhpStart, 'muhp_start');
    extend(muhpStart, Math.min(reun, last), 'muhp_extension');
    if (otsEnd <= obsEnd) push(otsEnd, 'ots_end');
    if (caseEnd <= obsEnd) push(caseEnd, 'case_end', caseEndDetail);

    // ---- placement, moves, return
    push(origin, 'placement_start', setting);
    if (r() < P_MOVER && windowEnd - origin >= 2) {
      const k = 1 + Math.min(12, poisson(r, 1.2));
      const days: number[] = [];
      for (let i = 0; i < k; i++) days.push(origin + 1 + Math.floor(r() * (windowEnd - origin)));
      days.sort((a, b) => a - b);
      let current: Setting = setting;
      for (const d of days) {
        let s = pick(r, SETTING_WEIGHTS);
        if (s === current) s = pick(r, SETTING_WEIGHTS);
        if (s === current) s = current === 'residential' ? 'foster_nonkin' : 'residential';
        push(d, 'placement_move', s);
        current = s;
      }
    }
    if (reunified) push(reun, 'reunification');
    if (reentry !== Infinity) {
      if (r() < 0.5) {
        push(reentry, 'muhp_emergency');
        const m = reentry + between(r, 14, 28);
        if (m < last) {
          push(m, 'muhp_start');
          extend(m, last, 'muhp_extension');
        }
      } else {
        const m = Math.max(reun + 1, reentry - between(r, 0, 30));
        push(m, 'muhp_start');
        extend(m, last, 'muhp_extension');
      }
      push(reentry, 'reentry', pick(r, SETTING_WEIGHTS));
      if (r() < 0.3) {
        const d = reentry + between(r, 30, 700);
        if (d < last) push(d, 'placement_move', pick(r, SETTING_WEIGHTS));
      }
    }

    // ---- help for parents
    if (help) {
      const span = Math.max(0, Math.floor((windowEnd - origin) * 0.8));
      const start = origin + Math.floor(r() * (span + 1));
      push(start, 'parent_help_start');
      if (r() < 0.6) {
        const end = start + between(r, 60, 540);
        if (end <= last) push(end, 'parent_help_end');
      }
    } else if (reunified && r() < 0.25) {
      const start = reun + between(r, 1, 200); // help only after the return: outside the window
      if (start <= last) push(start, 'parent_help_start');
    }

    // ---- contact and perspective
    if (r() < 0.8) {
      const d = origin + Math.floor(r() * Math.min(60, windowEnd - origin + 1));
      push(d, 'contact_arrangement', pick(r, CONTACT_WEIGHTS));
      if (r() < 0.3) {
        const d2 = d + between(r, 60, 700);
        if (d2 <= windowEnd) push(d2, 'contact_arrangement', pick(r, CONTACT_WEIGHTS));
      }
    }
    if (reunified) {
      if (reun - origin >= 120 && r() < 0.5) push(origin + Math.floor((reun - origin) * (0.5 + 0.4 * r())), 'perspective_decision', 'home');
    } else if (windowEnd - origin >= 400 && r() < 0.75) {
      push(origin + 270 + Math.floor(r() * Math.min(630, windowEnd - origin - 270)), 'perspective_decision', 'elsewhere');
    }

    push(obsEnd, 'observation_end');

    // ---- to a case: nothing after the case_end (but the observation_end), sorted by date then by type order
    const kept = ev.filter((e) => e.type === 'observation_end' || e.day <= last);
    kept.sort((a, b) => a.day - b.day || TYPE_RANK.get(a.type)! - TYPE_RANK.get(b.type)!);
    const seq = String(n + 1).padStart(6, '0');
    out[n] = {
      code: `FICT-${seq}`,
      birthMonth: `${by}-${bm < 10 ? '0' : ''}${bm}`,
      sex,
      region,
      institution: '',
      siblings: null,
      placementReasons: PLACEMENT_REASONS.filter((p) => reasons.has(p)),
      parentFactors: factors,
      status: 'in_progress',
      events: kept.map((e) => ({ date: iso(e.day), type: e.type, detail: e.detail })),
    };
  }
  return out;
}
