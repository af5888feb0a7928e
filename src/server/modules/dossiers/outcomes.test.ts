import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { KM_DAYS, monitorResult } from '../../../shared/dossiers';
import type { CaseEvent, EventType } from '../../../shared/dossiers';
import { generateCohort } from './generate';
import { computeIndicators, dayOf, deriveOutcome, isoOfDay, perspectiveAndContact, subgroupOf } from './outcomes';
import type { CaseOutcome } from './outcomes';

type HandCase = { code: string; birthMonth: string; events: CaseEvent[] };
const e = (date: string, type: EventType, detail = ''): CaseEvent => ({ date, type, detail });
const OBS = e('2023-12-31', 'observation_end');

/**
 * A small cohort written out by hand. Day counts (checked with Python's datetime):
 * A 2018-03-01→2018-09-01 = 184, →reentry 2019-03-20 = 200 after the return; contact on day 19
 * B 2018-02-01→2019-02-01 = 365, reentry 400 days after the return; contact on day 47; perspective day 303
 * C 2018-04-10→2020-10-01 = 905 (guardianship); perspective day 539
 * D 2018-05-15→2019-05-15 = 365 (moved abroad)
 * E 2018-06-01→2019-03-15 = 287 (majority; the reunification of 2019-05-01 comes after follow-up)
 * F 2018-07-01→2023-09-22 = 1909, then 100 days of observation left
 * G 2018-08-01→2019-08-01 = 365
 * I 2018-10-01→2023-12-31 = 1917; contact on day 42; perspective day 548
 */
const HAND: HandCase[] = [
  {
    code: 'A',
    birthMonth: '2012-05',
    events: [
      // deliberately not in date order
      e('2018-09-01', 'reunification'),
      e('2018-03-01', 'placement_start', 'foster_kin'),
      e('2018-01-10', 'ots_start'),
      e('2018-03-01', 'muhp_emergency'),
      e('2018-03-20', 'contact_arrangement', 'weekly'),
      e('2018-04-01', 'parent_help_start'),
      e('2018-06-01', 'placement_move', 'residential'),
      e('2019-03-20', 'reentry', 'foster_nonkin'),
      e('2019-06-01', 'placement_move', 'residential'), // after the return: not counted
      OBS,
    ],
  },
  {
    code: 'B',
    birthMonth: '2008-11',
    events: [
      e('2018-01-15', 'muhp_start'),
      e('2018-02-01', 'placement_start', 'family_home'),
      e('2018-03-20', 'contact_arrangement', 'monthly'), // day 47: not in the first 6 weeks
      e('2018-12-01', 'perspective_decision', 'home'),
      e('2019-02-01', 'reunification'),
      e('2020-03-07', 'reentry', 'residential'), // day 400 after the return
      OBS,
    ],
  },
  {
    code: 'C',
    birthMonth: '2017-06',
    events: [
      e('2018-04-10', 'muhp_emergency'),
      e('2018-04-10', 'ots_provisional'),
      e('2018-04-10', 'placement_start', 'crisis'),
      e('2018-04-24', 'muhp_start'),
      e('2018-04-24', 'ots_start'),
      e('2018-05-01', 'placement_move', 'foster_nonkin'),
      e('2019-01-01', 'placement_move', 'foster_kin'),
      e('2019-02-01', 'parent_help_start'),
      e('2019-10-01', 'perspective_decision', 'elsewhere'),
      e('2020-10-01', 'case_end', 'guardianship'), // competing
      OBS,
    ],
  },
  {
    code: 'D',
    birthMonth: '2010-01',
    events: [
      e('2018-05-01', 'muhp_start'),
      e('2018-05-01', 'perspective_decision', 'home'), // before the origin: ignored
      e('2018-05-15', 'placement_start', 'residential'),
      e('2019-05-15', 'case_end', 'moved_abroad'), // censored here
      OBS,
    ],
  },
  {
    code: 'E',
    birthMonth: '2001-03',
    events: [
      e('2018-06-01', 'muhp_start'),
      e('2018-06-01', 'placement_start', 'secure'),
      e('2019-03-15', 'case_end', 'majority'), // competing, ends follow-up
      e('2019-05-01', 'reunification'), // after follow-up: does not count
      OBS,
    ],
  },
  {
    code: 'F',
    birthMonth: '2015-07',
    events: [
      e('2018-06-20', 'muhp_start'),
      e('2018-07-01', 'placement_start', 'foster_nonkin'),
      e('2019-07-01', 'placement_move', 'foster_kin'),
      e('2023-09-22', 'parent_help_start'), // on the reunification day: inside the window
      e('2023-09-22', 'reunification'), // 100 days before observation_end: re-entry not evaluable
      OBS,
    ],
  },
  {
    code: 'G',
    birthMonth: '2009-09',
    events: [
      e('2018-07-15', 'muhp_start'), // earlier than the emergency order: not an emergency start
      e('2018-08-01', 'muhp_emergency'),
      e('2018-08-01', 'placement_start', 'residential'),
      e('2019-08-01', 'reunification'),
      e('2019-09-01', 'parent_help_start'), // after the window: not exposed
      OBS,
    ],
  },
  {
    code: 'H',
    birthMonth: '2016-02',
    events: [e('2018-03-01', 'ots_start'), OBS], // never placed
  },
  {
    code: 'I',
    birthMonth: '2011-10',
    events: [
      e('2018-09-20', 'muhp_start'),
      e('2018-10-01', 'placement_start', 'foster_kin'),
      e('2018-11-12', 'contact_arrangement', 'biweekly'), // day 42: still inside
      e('2019-01-01', 'placement_move', 'residential'),
      e('2020-01-01', 'placement_move', 'foster_nonkin'),
      e('2020-04-01', 'perspective_decision', 'elsewhere'),
      e('2021-01-01', 'placement_move', 'family_home'),
      OBS,
    ],
  },
];

const base = { reentry12m: null, emergencyStart: false, moves: 0, parentHelp: false, perspectiveDays: null, perspectiveOutcome: null, contactFirst6Weeks: null };
const EXPECTED: Record<string, CaseOutcome> = {
  A: { ...base, placed: true, origin: '2018-03-01', followUpEnd: '2023-12-31', time: 184, status: 1, reunificationDay: 184, reentry12m: true, emergencyStart: true, moves: 1, parentHelp: true, ageAtPlacement: 5, setting: 'foster_kin', contactFirst6Weeks: 'weekly' },
  B: { ...base, placed: true, origin: '2018-02-01', followUpEnd: '2023-12-31', time: 365, status: 1, reunificationDay: 365, reentry12m: false, ageAtPlacement: 9, setting: 'family_home', perspectiveDays: 303, perspectiveOutcome: 'home' },
  C: { ...base, placed: true, origin: '2018-04-10', followUpEnd: '2020-10-01', time: 905, status: 2, reunificationDay: null, emergencyStart: true, moves: 2, parentHelp: true, ageAtPlacement: 0, setting: 'crisis', perspectiveDays: 539, perspectiveOutcome: 'elsewhere' },
  D: { ...base, placed: true, origin: '2018-05-15', followUpEnd: '2019-05-15', time: 365, status: 0, reunificationDay: null, ageAtPlacement: 8, setting: 'residential' },
  E: { ...base, placed: true, origin: '2018-06-01', followUpEnd: '2019-03-15', time: 287, status: 2, reunificationDay: null, ageAtPlacement: 17, setting: 'secure' },
  F: { ...base, placed: true, origin: '2018-07-01', followUpEnd: '2023-12-31', time: 1909, status: 1, reunificationDay: 1909, reentry12m: null, moves: 1, parentHelp: true, ageAtPlacement: 2, setting: 'foster_nonkin' },
  G: { ...base, placed: true, origin: '2018-08-01', followUpEnd: '2023-12-31', time: 365, status: 1, reunificationDay: 365, reentry12m: false, ageAtPlacement: 8, setting: 'residential' },
  H: { placed: false, origin: null, followUpEnd: null, time: null, status: 0, reunificationDay: null, reentry12m: null, emergencyStart: null, moves: null, parentHelp: null, ageAtPlacement: null, setting: null, perspectiveDays: null, perspectiveOutcome: null, contactFirst6Weeks: null },
  I: { ...base, placed: true, origin: '2018-10-01', followUpEnd: '2023-12-31', time: 1917, status: 0, reunificationDay: null, moves: 3, ageAtPlacement: 6, setting: 'foster_kin', perspectiveDays: 548, perspectiveOutcome: 'elsewhere', contactFirst6Weeks: 'biweekly' },
};

describe('deriveOutcome on the hand cohort', () => {
  for (const c of HAND) {
    it(`case ${c.code}`, () => {
      expect(deriveOutcome(c)).toEqual(EXPECTED[c.code]);
    });
  }

  it('does not depend on the order of the events', () => {
    for (const c of HAND) expect(deriveOutcome({ ...c, events: [...c.events].reverse() })).toEqual(EXPECTED[c.code]);
  });
});

describe('deriveOutcome: the documented decisions', () => {
  const placed = (extra: CaseEvent[], birthMonth = '2010-01') => ({
    birthMonth,
    events: [e('2018-01-01', 'placement_start', 'foster_kin'), ...extra],
  });

  it('a case_end before the origin is ignored; only the first case_end on/after the origin competes', () => {
    expect(deriveOutcome(placed([e('2017-06-01', 'case_end', 'guardianship'), OBS])).status).toBe(0);
    const abroadThenGuardian = deriveOutcome(placed([e('2019-01-01', 'case_end', 'moved_abroad'), e('2019-06-01', 'case_end', 'guardianship'), OBS]));
    expect(abroadThenGuardian).toMatchObject({ status: 0, time: 365, followUpEnd: '2019-01-01' });
    // a competing case_end after observation_end: censored at observation_end
    const late = deriveOutcome(placed([e('2018-12-31', 'observation_end'), e('2019-03-01', 'case_end', 'majority')]));
    expect(late).toMatchObject({ status: 0, time: 364, followUpEnd: '2018-12-31' });
  });

  it('a reunification on the last day of follow-up counts; one before the origin does not', () => {
    expect(deriveOutcome(placed([e('2019-01-01', 'case_end', 'majority'), e('2019-01-01', 'reunification'), OBS]))).toMatchObject({ status: 1, time: 365 });
    expect(deriveOutcome(placed([e('2017-01-01', 'reunification'), OBS]))).toMatchObject({ status: 0, reunificationDay: null });
  });

  it('re-entry on day 365 counts, on day 366 not; exactly 365 days of observation is evaluable', () => {
    const r = (reentry: string | null, obs = '2023-12-31') =>
      deriveOutcome(placed([e('2019-01-01', 'reunification'), ...(reentry ? [e(reentry, 'reentry', 'crisis')] : []), e(obs, 'observation_end')])).reentry12m;
    expect(r('2020-01-01')).toBe(true); // 365 days after 2019-01-01
    expect(r('2020-01-02')).toBe(false);
    expect(r(null, '2020-01-01')).toBe(false); // 365 days observed
    expect(r(null, '2019-12-31')).toBeNull(); // 364
  });

  it('emergency: a tie on the earliest day counts as emergency; no MUHP event gives null', () => {
    expect(deriveOutcome(placed([e('2018-01-01', 'muhp_start'), e('2018-01-01', 'muhp_emergency'), OBS])).emergencyStart).toBe(true);
    expect(deriveOutcome(placed([OBS])).emergencyStart).toBeNull();
  });

  it('several observation_end: the earliest; none and no case_end: no follow-up', () => {
    expect(deriveOutcome(placed([e('2020-01-01', 'observation_end'), e('2019-01-01', 'observation_end')])).time).toBe(365);
    expect(deriveOutcome(placed([e('2018-06-01', 'reunification')]))).toMatchObject({ placed: true, time: null, status: 0, moves: null, parentHelp: null, reentry12m: null });
  });

  it('age at placement with the birth date on the 15th; the origin is the first placement_start', () => {
    expect(deriveOutcome(placed([OBS], '2018-01')).ageAtPlacement).toBe(0); // placed on the 1st of the birth month
    expect(deriveOutcome(placed([OBS], '2018-02')).ageAtPlacement).toBeNull(); // placed before birth: impossible
    expect(deriveOutcome({ birthMonth: '2008-03', events: [e('2018-03-14', 'placement_start', 'crisis'), OBS] }).ageAtPlacement).toBe(9);
    expect(deriveOutcome({ birthMonth: '2008-03', events: [e('2018-03-15', 'placement_start', 'crisis'), OBS] }).ageAtPlacement).toBe(10);
    const two = deriveOutcome({ birthMonth: '2008-03', events: [e('2019-01-01', 'placement_start', 'residential'), e('2018-06-01', 'placement_start', 'secure'), OBS] });
    expect(two).toMatchObject({ origin: '2018-06-01', setting: 'secure' });
  });
});

// ---- the cohort ---------------------------------------------------------------------------------------------------
const Z = 1.959963984540054;
describe('computeIndicators on the hand cohort', () => {
  const outcomes = HAND.map(deriveOutcome);
  const result = computeIndicators(outcomes);

  it('is valid contract JSON', () => {
    expect(monitorResult.parse(result)).toEqual(result);
  });

  it('gives the numbers computed by hand', () => {
    expect(result.cases).toBe(9);
    expect(result.placed).toBe(8);
    // KM (competing censored): day 184 n=8 d=1 → 7/8; day 365 n=6 d=2 → 7/12; day 1909 after 1826.
    const gw = 1 / (8 * 7) + 2 / (6 * 4);
    const s = 7 / 12;
    const upperS = Math.min(1, s * Math.exp(Z * Math.sqrt(gw))); // = 1
    const lowerS = s * Math.exp(-Z * Math.sqrt(gw)); // ≈ 0.31272
    expect(upperS).toBe(1);
    expect(lowerS).toBeCloseTo(0.3127128649, 8); // R: 7/12 * exp(-qnorm(.975) * sqrt(1/56 + 1/12))
    expect(result.reunification.km[0]).toEqual({ day: 182, cum: 0, lo: 0, hi: 0 });
    for (const row of result.reunification.km.slice(1)) {
      expect(row.cum).toBeCloseTo(5 / 12, 12);
      expect(row.lo).toBeCloseTo(1 - upperS, 12);
      expect(row.hi).toBeCloseTo(1 - lowerS, 12);
    }
    // AJ: 1/8 at 184; competing at 287 (S 7/8 → 3/4); at 365 + 3/4 · 2/6 = 0.375
    expect(result.reunification.aj).toEqual(KM_DAYS.map((day) => ({ day, cum: day < 365 ? 0 : expect.closeTo(0.375, 12) })));
    // counted reunifications A (re-entry day 200), B (day 400), F (100 days left: not evaluable), G (none)
    expect(result.reentry_12m).toEqual({ n: 3, events: 1, share: 1 / 3 });
    // earliest MUHP event is an emergency order in A and C, of 8
    expect(result.emergency_share).toEqual({ n: 8, events: 2, share: 0.25 });
    // moves A1 B0 C2 D0 E0 F1 G0 I3
    expect(result.moves).toEqual({ mean: 7 / 8, share_any: 0.5, max: 3 });
    // exposed A(r) C F(r) → 2/3; unexposed B(r) D E G(r) I → 2/5
    const rr = (2 / 3) / (2 / 5);
    const se = Math.sqrt(1 / 2 - 1 / 3 + 1 / 2 - 1 / 5);
    expect(result.parent_help_rr.rr).toBeCloseTo(5 / 3, 12);
    expect(result.parent_help_rr.lo).toBeCloseTo(rr * Math.exp(-Z * se), 12);
    expect(result.parent_help_rr.hi).toBeCloseTo(rr * Math.exp(Z * se), 12);
    // R: 5/3 * exp(c(-1, 1) * qnorm(.975) * sqrt(1/2 - 1/3 + 1/2 - 1/5))
    expect(result.parent_help_rr.lo).toBeCloseTo(0.4368852636, 8);
    expect(result.parent_help_rr.hi).toBeCloseTo(6.3581402471, 8);
  });

  it('gives nulls for an empty cohort and for unplaced cases only', () => {
    for (const r of [computeIndicators([]), computeIndicators([outcomes[7]])]) {
      expect(r.reunification.km.every((k) => k.cum === null && k.lo === null && k.hi === null)).toBe(true);
      expect(r.reunification.aj.every((k) => k.cum === null)).toBe(true);
      expect(r.reentry_12m).toEqual({ n: 0, events: 0, share: null });
      expect(r.emergency_share.share).toBeNull();
      expect(r.moves).toEqual({ mean: null, share_any: null, max: null });
      expect(r.parent_help_rr).toEqual({ rr: null, lo: null, hi: null });
    }
  });

  it('subgroups', () => {
    const by = (code: string) => outcomes[HAND.findIndex((c) => c.code === code)];
    expect(subgroupOf(by('C'), 'age')).toBe('0-3');
    expect(subgroupOf(by('A'), 'age')).toBe('4-11');
    expect(subgroupOf(by('E'), 'age')).toBe('12-17');
    expect(subgroupOf(by('E'), 'setting')).toBe('secure');
    expect(subgroupOf(by('A'), 'emergency')).toBe('yes');
    expect(subgroupOf(by('G'), 'emergency')).toBe('no');
    expect(subgroupOf(by('F'), 'help')).toBe('yes');
    expect(subgroupOf(by('G'), 'help')).toBe('no');
    for (const k of ['age', 'setting', 'emergency', 'help'] as const) expect(subgroupOf(by('H'), k)).toBeNull();
    expect(subgroupOf({ ...by('A'), ageAtPlacement: 18 }, 'age')).toBeNull();
  });

  it('perspective and contact for the UI', () => {
    expect(perspectiveAndContact(outcomes)).toEqual({
      perspective: { n: 3, medianDays: 539, home: 1, elsewhere: 2 },
      contact: { weekly: 1, biweekly: 1, monthly: 0, less: 0, none: 0, none_recorded: 6 },
    });
    expect(perspectiveAndContact([]).perspective).toEqual({ n: 0, medianDays: null, home: 0, elsewhere: 0 });
  });
});

describe('calendar helpers', () => {
  it('count calendar days in UTC and refuse non-dates', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('2020-03-01') - dayOf('2020-02-28')).toBe(2);
    expect(dayOf('2019-03-01') - dayOf('2019-02-28')).toBe(1);
    expect(dayOf('2018-02-29')).toBeNaN();
    expect(dayOf('2018-1-01')).toBeNaN();
    expect(dayOf('2018-13-01')).toBeNaN();
    for (const d of [-1000, 0, 17532, 20000, 30000]) expect(dayOf(isoOfDay(d))).toBe(d);
    expect(dayOf('2023-12-31')).toBe(Date.UTC(2023, 11, 31) / 86_400_000);
  });
});

// ---- the same indicators, computed independently in R ------------------------------------------------------------

const HAS_R = spawnSync('Rscript', ['-e', 'suppressMessages(library(survival))'], { encoding: 'utf8' }).status === 0;
if (!HAS_R) console.warn('Rscript met het pakket survival niet gevonden: de vergelijking met R wordt overgeslagen.');

/** The definitions of the issue, written once more in R from the raw events. */
const R_SCRIPT = (inFile: string, outFile: string) => `
suppressMessages(library(survival))
ev <- read.csv(${JSON.stringify(inFile)}, stringsAsFactors = FALSE, colClasses = "character", na.strings = character(0))
ev$d <- as.numeric(as.Date(ev$date))
one <- function(x) {
  ps <- x$d[x$type == "placement_start"]
  if (length(ps) == 0) return(NULL)
  o <- min(ps)
  obs <- min(x$d[x$type == "observation_end"])
  ce <- x[x$type == "case_end" & x$d >= o, ]
  ce <- ce[order(ce$d), ]
  fu <- obs
  if (nrow(ce) > 0 && ce$d[1] < fu) fu <- ce$d[1]
  ru <- x$d[x$type == "reunification" & x$d >= o]
  ru <- if (length(ru) > 0) min(ru) else Inf
  if (ru <= fu) { status <- 1; time <- ru - o } else {
    time <- fu - o
    status <- if (nrow(ce) > 0 && ce$d[1] <= obs && ce$detail[1] %in% c("majority", "guardianship", "authority_ended")) 2 else 0
  }
  wend <- if (status == 1) ru else fu
  re <- NA
  if (status == 1) {
    if (any(x$type == "reentry" & x$d >= ru & x$d <= ru + 365)) re <- TRUE else if (obs - ru >= 365) re <- FALSE
  }
  m <- x[x$type %in% c("muhp_emergency", "muhp_start"), ]
  em <- if (nrow(m) == 0) NA else any(m$type == "muhp_emergency" & m$d == min(m$d))
  data.frame(time = time, status = status, reentry = re, emergency = em,
    moves = sum(x$type == "placement_move" & x$d >= o & x$d <= wend),
    help = any(x$type == "parent_help_start" & x$d >= o & x$d <= wend))
}
p <- do.call(rbind, lapply(split(ev, ev$case_id), one))
days <- c(${KM_DAYS.join(',')})
km <- summary(survfit(Surv(time, status == 1) ~ 1, data = p, conf.type = "log"), times = days, extend = TRUE)
ajf <- survfit(Surv(time, factor(status, 0:2)) ~ 1, data = p)
aj <- summary(ajf, times = days, extend = TRUE)$pstate[, which(ajf$states == "1")]
a <- sum(p$help & p$status == 1); n1 <- sum(p$help); cc <- sum(!p$help & p$status == 1); n0 <- sum(!p$help)
rr <- (a / n1) / (cc / n0); se <- sqrt(1 / a - 1 / n1 + 1 / cc - 1 / n0)
out <- data.frame(
  name = c(paste0("km_cum_", days), paste0("km_lo_", days), paste0("km_hi_", days), paste0("aj_", days),
    "reentry_n", "reentry_share", "emergency_n", "emergency_share", "moves_mean", "moves_any", "moves_max", "rr", "rr_lo", "rr_hi"),
  value = c(1 - km$surv, 1 - ifelse(is.na(km$upper), 0, km$upper), 1 - ifelse(is.na(km$lower), 0, km$lower), aj,
    sum(!is.na(p$reentry)), mean(p$reentry, na.rm = TRUE), sum(!is.na(p$emergency)), mean(p$emergency, na.rm = TRUE),
    mean(p$moves), mean(p$moves > 0), max(p$moves), rr, exp(log(rr) - qnorm(0.975) * se), exp(log(rr) + qnorm(0.975) * se)))
write.csv(out, ${JSON.stringify(outFile)}, row.names = FALSE)
`;

function compareWithR(cases: HandCase[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'tnh-outcomes-'));
  try {
    const rows = cases.flatMap((c) => c.events.map((x) => [c.code, x.date, x.type, x.detail]));
    writeFileSync(join(dir, 'events.csv'), Papa.unparse({ fields: ['case_id', 'date', 'type', 'detail'], data: rows }));
    writeFileSync(join(dir, 'ind.R'), R_SCRIPT(join(dir, 'events.csv'), join(dir, 'out.csv')));
    const run = spawnSync('Rscript', [join(dir, 'ind.R')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const r = new Map(
      Papa.parse<{ name: string; value: string }>(readFileSync(join(dir, 'out.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data.map(
        (x) => [x.name, Number(x.value)],
      ),
    );
    const mine = computeIndicators(cases.map(deriveOutcome));
    const pairs: [string, number | null][] = [
      ...mine.reunification.km.flatMap((k) => [[`km_cum_${k.day}`, k.cum], [`km_lo_${k.day}`, k.lo], [`km_hi_${k.day}`, k.hi]] as [string, number | null][]),
      ...mine.reunification.aj.map((a) => [`aj_${a.day}`, a.cum] as [string, number | null]),
      ['reentry_n', mine.reentry_12m.n],
      ['reentry_share', mine.reentry_12m.share],
      ['emergency_n', mine.emergency_share.n],
      ['emergency_share', mine.emergency_share.share],
      ['moves_mean', mine.moves.mean],
      ['moves_any', mine.moves.share_any],
      ['moves_max', mine.moves.max],
      ['rr', mine.parent_help_rr.rr],
      ['rr_lo', mine.parent_help_rr.lo],
      ['rr_hi', mine.parent_help_rr.hi],
    ];
    let maxDiff = 0;
    for (const [name, value] of pairs) {
      expect(r.has(name), name).toBe(true);
      expect(value, name).not.toBeNull();
      const diff = Math.abs(value! - r.get(name)!);
      maxDiff = Math.max(maxDiff, diff);
      expect(diff, `${name}: ${value} vs R ${r.get(name)}`).toBeLessThan(1e-6);
    }
    return maxDiff;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!HAS_R)('agreement with the definitions written in R (survfit)', () => {
  it('on the hand cohort', () => {
    const d = compareWithR(HAND);
    console.log(`hand cohort versus R: max |difference| ${d.toExponential(2)}`);
  });

  it('on a generated cohort of 3,000 cases', () => {
    const d = compareWithR(generateCohort({ cases: 3000, seed: 11 }));
    console.log(`generated cohort (3,000) versus R: max |difference| ${d.toExponential(2)}`);
  });
});

describe('performance', () => {
  it('derives and computes 100,000 cases quickly', () => {
    const cohort = generateCohort({ cases: 100_000, seed: 3 });
    const events = cohort.reduce((n, c) => n + c.events.length, 0);
    const t0 = performance.now();
    const result = computeIndicators(cohort.map((c) => deriveOutcome(c)));
    const ms = performance.now() - t0;
    console.log(`derive + compute: ${cohort.length} cases, ${events} events in ${ms.toFixed(0)} ms`);
    expect(result.placed).toBe(100_000);
    expect(ms).toBeLessThan(10_000);
  });
});
