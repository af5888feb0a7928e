/**
 * Outcomes of the case-file study (dossieronderzoek): per case (deriveOutcome) and for a cohort (computeIndicators).
 * Pure: no I/O, no imports from server/db/web.
 *
 * THE DEFINITIONS (from the issue, implemented literally)
 *   For each case with a placement_start, the origin is its first placement_start. Follow-up ends at its
 *   observation_end, or at its first case_end on or after the origin if that is earlier. The reunification is the first
 *   reunification event on or after the origin; it counts if it falls on or before the end of follow-up, and then the
 *   time is the days from origin to it. Otherwise, a first case_end with detail majority, guardianship or
 *   authority_ended (on or before observation_end) is a competing event at its date; anything else is censored at the
 *   end of follow-up.
 *   - Reunification over time at KM_DAYS: Kaplan–Meier with competing events censored, reported as 1 − S(t) with the
 *     Greenwood/log interval turned round (lo = 1 − S_upper, hi = 1 − S_lower); and the Aalen–Johansen cumulative
 *     incidence with the competing event.
 *   - Re-entry within 12 months: among counted reunifications that have a reentry within 365 days after the return or
 *     at least 365 days of observation after it, the share with a reentry within 365 days.
 *   - Emergency start: among placed cases with a muhp_emergency or muhp_start, the share whose earliest such event is
 *     muhp_emergency.
 *   - Moves: per placed case the number of placement_move events from the origin up to the reunification (if counted)
 *     or else the end of follow-up; mean, share with at least one, maximum.
 *   - Help for parents: exposed if a parent_help_start falls in that same window; the risk ratio of a counted
 *     reunification, exposed versus not, with a 95% Wald interval on the log scale.
 *
 * DECISIONS WHERE THE DEFINITION IS AMBIGUOUS
 *   1. Days are calendar days between two ISO dates (YYYY-MM-DD), counted in UTC (no time zones, no DST): the
 *      difference of their day numbers. Day 0 is the origin itself.
 *   2. Windows are inclusive at both ends. "On or after the origin" includes the origin date; "within 365 days after
 *      the return" is 0 ≤ reentry − reunification ≤ 365; "within 42 days after the origin" is 0 ≤ d − origin ≤ 42;
 *      the moves/help window is origin ≤ d ≤ end (a move or a help start on the reunification day is counted).
 *   3. The competing case_end is THE first case_end on or after the origin — the same one that can end follow-up.
 *      It competes only when its detail is majority, guardianship or authority_ended AND it falls on or before the
 *      observation_end (then it is also the end of follow-up). A case_end before the origin is ignored throughout.
 *      If that first case_end has another detail (moved_abroad, other, empty) the case is censored at the end of
 *      follow-up, even when a later case_end would have been a competing one.
 *   4. Ties on one date: the origin is the first placement_start in date order, ties broken by the order in which the
 *      events are given; likewise for the first contact_arrangement and perspective_decision. When a muhp_emergency
 *      and a muhp_start share the earliest date, the start counts as an emergency start.
 *   5. Re-entry evaluability uses the observation_end (not a case_end): observation continues after a case file is
 *      closed. A reentry event is counted wherever it lies, also after a case_end (checkCase warns about that).
 *      reentry12m is null when the reunification does not count, or when there is no reentry within 365 days and fewer
 *      than 365 days lie between the reunification and the observation_end (or there is no observation_end).
 *   6. Help for parents counts only when a parent_help_start falls inside the window; help that started before the
 *      origin and is still running does not make a case exposed (literal reading).
 *   7. Several observation_end events (a data error that checkCase reports): the earliest is used. A placed case with
 *      neither an observation_end nor a case_end on or after the origin has no follow-up: time, reunificationDay,
 *      moves, parentHelp and reentry12m are null and the case is left out of KM/AJ, moves and the risk ratio.
 *   8. Age at placement: whole years at the origin, taking the birth date as the 15th of the birth month (only the
 *      month is recorded). A child placed in its birth month before the 15th is 0, not −1; an origin before the birth
 *      month gives null.
 *   9. For an unplaced case every derived field is null (status 0); such cases count in `cases` only.
 *  10. `setting` is the detail of the origin placement_start when it is a valid setting, else null;
 *      `perspectiveOutcome` is null when the detail is not home/elsewhere; `contactFirst6Weeks` is the raw detail.
 */
import { CONTACT_FREQUENCIES, KM_DAYS, SETTINGS } from '../../../shared/dossiers';
import type { CaseEvent, MonitorResult, Setting } from '../../../shared/dossiers';
import { aalenJohansen, ajAt, kaplanMeier, kmAt, riskRatio } from '../../../lib/stats/survival';

// ---- calendar days (UTC) -------------------------------------------------------------------------------------------

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month (1–12), day] of a day number (days since 1970-01-01). */
export function civilOfDay(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const CUM_DAYS = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]; // days before month m (1-based)
const notDigit = (c: number) => c < 0 || c > 9;

/** Day number (days since 1970-01-01, UTC) of an ISO date YYYY-MM-DD; NaN when it is not a real date. Hot path. */
export function dayOf(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  const c0 = iso.charCodeAt(0) - 48;
  const c1 = iso.charCodeAt(1) - 48;
  const c2 = iso.charCodeAt(2) - 48;
  const c3 = iso.charCodeAt(3) - 48;
  const c5 = iso.charCodeAt(5) - 48;
  const c6 = iso.charCodeAt(6) - 48;
  const c8 = iso.charCodeAt(8) - 48;
  const c9 = iso.charCodeAt(9) - 48;
  if (notDigit(c0) || notDigit(c1) || notDigit(c2) || notDigit(c3) || notDigit(c5) || notDigit(c6) || notDigit(c8) || notDigit(c9))
    return NaN;
  const y = c0 * 1000 + c1 * 100 + c2 * 10 + c3;
  const m = c5 * 10 + c6;
  const d = c8 * 10 + c9;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  const yy = m <= 2 ? y - 1 : y; // leap days up to the previous February
  return 365 * y + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + CUM_DAYS[m] + d - 719528;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** ISO date (YYYY-MM-DD) of a day number; years 0–9999. */
export function isoOfDay(day: number): string {
  const [y, m, d] = civilOfDay(day);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** The same calendar day `months` later (the last day of the month when it does not exist: 31 Jan + 1 = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const [y, m, d] = civilOfDay(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Day number of the first day of a birth month YYYY-MM, NaN when malformed. */
export function birthMonthDay(birthMonth: string): number {
  return dayOf(`${birthMonth}-01`);
}

// ---- per case ------------------------------------------------------------------------------------------------------

export interface CaseOutcome {
  placed: boolean;
  origin: string | null;
  followUpEnd: string | null;
  time: number | null;
  status: 0 | 1 | 2;
  reunificationDay: number | null;
  reentry12m: boolean | null;
  emergencyStart: boolean | null;
  moves: number | null;
  parentHelp: boolean | null;
  ageAtPlacement: number | null;
  setting: Setting | null;
  perspectiveDays: number | null;
  perspectiveOutcome: 'home' | 'elsewhere' | null;
  contactFirst6Weeks: string | null;
}

/** case_end details that are a competing event for reunification (leaving the study population for good). */
export const COMPETING_CASE_END: readonly string[] = ['majority', 'guardianship', 'authority_ended'];
const SETTING_SET = new Set<string>(SETTINGS);

const UNPLACED: CaseOutcome = Object.freeze({
  placed: false,
  origin: null,
  followUpEnd: null,
  time: null,
  status: 0,
  reunificationDay: null,
  reentry12m: null,
  emergencyStart: null,
  moves: null,
  parentHelp: null,
  ageAtPlacement: null,
  setting: null,
  perspectiveDays: null,
  perspectiveOutcome: null,
  contactFirst6Weeks: null,
}) as CaseOutcome;

function ageAt(birthMonth: string, originDay: number): number | null {
  const start = birthMonthDay(birthMonth);
  if (Number.isNaN(start)) return null;
  const by = Number(birthMonth.slice(0, 4));
  const bm = Number(birthMonth.slice(5, 7));
  const [oy, om, od] = civilOfDay(originDay);
  if (oy * 12 + om < by * 12 + bm) return null; // placed before the birth month: impossible data
  const age = oy - by - (om < bm || (om === bm && od < 15) ? 1 : 0);
  return Math.max(0, age);
}

let dayBuffer = new Float64Array(64); // reused across calls (synchronous, so never shared)

export function deriveOutcome(c: { birthMonth: string; events: CaseEvent[] }): CaseOutcome {
  const ev = c.events;
  const m = ev.length;
  if (dayBuffer.length < m) dayBuffer = new Float64Array(Math.max(m, dayBuffer.length * 2));
  const days = dayBuffer;
  // pass 1: day numbers, origin, observation end
  let origin = Infinity;
  let originIdx = -1;
  let obsEnd = Infinity;
  for (let i = 0; i < m; i++) {
    const e = ev[i];
    const d = dayOf(e.date);
    days[i] = d;
    if (e.type === 'placement_start') {
      if (d < origin) {
        origin = d;
        originIdx = i;
      }
    } else if (e.type === 'observation_end') {
      if (d < obsEnd) obsEnd = d;
    }
  }
  if (originIdx < 0) return { ...UNPLACED };

  // pass 2: everything that only needs the origin
  let caseEnd = Infinity;
  let caseEndIdx = -1;
  let reun = Infinity;
  let muhp = Infinity;
  let emergency = false;
  let contact = Infinity;
  let contactIdx = -1;
  let persp = Infinity;
  let perspIdx = -1;
  for (let i = 0; i < m; i++) {
    const d = days[i];
    switch (ev[i].type) {
      case 'case_end':
        if (d >= origin && d < caseEnd) {
          caseEnd = d;
          caseEndIdx = i;
        }
        break;
      case 'reunification':
        if (d >= origin && d < reun) reun = d;
        break;
      case 'muhp_emergency':
        if (d < muhp) {
          muhp = d;
          emergency = true;
        } else if (d === muhp) emergency = true;
        break;
      case 'muhp_start':
        if (d < muhp) {
          muhp = d;
          emergency = false;
        }
        break;
      case 'contact_arrangement':
        if (d >= origin && d <= origin + 42 && d < contact) {
          contact = d;
          contactIdx = i;
        }
        break;
      case 'perspective_decision':
        if (d >= origin && d < persp) {
          persp = d;
          perspIdx = i;
        }
        break;
      default:
        break;
    }
  }

  const followEnd = Math.min(obsEnd, caseEnd);
  const hasFollowUp = followEnd !== Infinity;
  const counted = hasFollowUp && reun <= followEnd;
  let status: 0 | 1 | 2 = 0;
  let time: number | null = null;
  if (hasFollowUp) {
    if (counted) {
      status = 1;
      time = reun - origin;
    } else {
      time = followEnd - origin;
      if (caseEndIdx >= 0 && caseEnd <= obsEnd && COMPETING_CASE_END.includes(ev[caseEndIdx].detail)) status = 2;
    }
  }

  // pass 3: the window origin..(reunification | end of follow-up), and re-entry after a counted reunification
  let moves: number | null = null;
  let help: boolean | null = null;
  let reentryWithinYear = false;
  if (hasFollowUp) {
    const windowEnd = counted ? reun : followEnd;
    let mv = 0;
    let hp = false;
    for (let i = 0; i < m; i++) {
      const t = ev[i].type;
      const d = days[i];
      if (t === 'placement_move') {
        if (d >= origin && d <= windowEnd) mv++;
      } else if (t === 'parent_help_start') {
        if (d >= origin && d <= windowEnd) hp = true;
      } else if (t === 'reentry') {
        if (counted && d >= reun && d <= reun + 365) reentryWithinYear = true;
      }
    }
    moves = mv;
    help = hp;
  }
  let reentry12m: boolean | null = null;
  if (counted) {
    if (reentryWithinYear) reentry12m = true;
    else if (obsEnd !== Infinity && obsEnd - reun >= 365) reentry12m = false;
  }

  const settingDetail = ev[originIdx].detail;
  const perspDetail = perspIdx >= 0 ? ev[perspIdx].detail : null;
  return {
    placed: true,
    origin: ev[originIdx].date,
    followUpEnd: hasFollowUp ? isoOfDay(followEnd) : null,
    time,
    status,
    reunificationDay: counted ? reun - origin : null,
    reentry12m,
    emergencyStart: muhp === Infinity ? null : emergency,
    moves,
    parentHelp: help,
    ageAtPlacement: ageAt(c.birthMonth, origin),
    setting: SETTING_SET.has(settingDetail) ? (settingDetail as Setting) : null,
    perspectiveDays: perspIdx >= 0 ? persp - origin : null,
    perspectiveOutcome: perspDetail === 'home' || perspDetail === 'elsewhere' ? perspDetail : null,
    contactFirst6Weeks: contactIdx >= 0 ? ev[contactIdx].detail : null,
  };
}

// ---- cohort --------------------------------------------------------------------------------------------------------

const shareOf = (n: number, events: number) => ({ n, events, share: n > 0 ? events / n : null });

export function computeIndicators(outcomes: CaseOutcome[]): MonitorResult {
  let placed = 0;
  const times: number[] = [];
  const kmEvents: (0 | 1)[] = [];
  const ajStatus: (0 | 1 | 2)[] = [];
  let reN = 0;
  let reE = 0;
  let emN = 0;
  let emE = 0;
  let mvN = 0;
  let mvSum = 0;
  let mvAny = 0;
  let mvMax = -Infinity;
  let a = 0;
  let n1 = 0;
  let c = 0;
  let n0 = 0;
  for (const o of outcomes) {
    if (!o.placed) continue;
    placed++;
    if (o.time !== null) {
      times.push(o.time);
      kmEvents.push(o.status === 1 ? 1 : 0);
      ajStatus.push(o.status);
    }
    if (o.reentry12m !== null) {
      reN++;
      if (o.reentry12m) reE++;
    }
    if (o.emergencyStart !== null) {
      emN++;
      if (o.emergencyStart) emE++;
    }
    if (o.moves !== null) {
      mvN++;
      mvSum += o.moves;
      if (o.moves > 0) mvAny++;
      if (o.moves > mvMax) mvMax = o.moves;
    }
    if (o.parentHelp !== null && o.time !== null) {
      const reunified = o.status === 1 ? 1 : 0;
      if (o.parentHelp) {
        n1++;
        a += reunified;
      } else {
        n0++;
        c += reunified;
      }
    }
  }
  const km = kaplanMeier(times, kmEvents);
  const aj = aalenJohansen(times, ajStatus, 1);
  return {
    cases: outcomes.length,
    placed,
    reunification: {
      km: KM_DAYS.map((day) => {
        const v = kmAt(km, day);
        return v ? { day, cum: 1 - v.surv, lo: 1 - v.upper, hi: 1 - v.lower } : { day, cum: null, lo: null, hi: null };
      }),
      aj: KM_DAYS.map((day) => ({ day, cum: ajAt(aj, day) })),
    },
    reentry_12m: shareOf(reN, reE),
    emergency_share: shareOf(emN, emE),
    moves: {
      mean: mvN > 0 ? mvSum / mvN : null,
      share_any: mvN > 0 ? mvAny / mvN : null,
      max: mvN > 0 ? mvMax : null,
    },
    parent_help_rr: riskRatio(a, n1, c, n0),
  };
}

export type SubgroupBy = 'age' | 'setting' | 'emergency' | 'help';

/** The subgroup of a case for one breakdown; null leaves the case out of that breakdown. */
export function subgroupOf(o: CaseOutcome, by: SubgroupBy): string | null {
  switch (by) {
    case 'age': {
      const a = o.ageAtPlacement;
      if (a === null || a < 0) return null;
      if (a <= 3) return '0-3';
      if (a <= 11) return '4-11';
      if (a <= 17) return '12-17';
      return null;
    }
    case 'setting':
      return o.setting;
    case 'emergency':
      return o.emergencyStart === null ? null : o.emergencyStart ? 'yes' : 'no';
    case 'help':
      return o.parentHelp === null ? null : o.parentHelp ? 'yes' : 'no';
    default:
      return null;
  }
}

export type ContactCount = Record<(typeof CONTACT_FREQUENCIES)[number] | 'none_recorded', number>;

/**
 * For the UI, over placed cases: the first perspective decision on or after the origin (how many, median days after
 * the origin, how many home / elsewhere) and the contact arrangement of the first 6 weeks by frequency
 * ('none_recorded' when there is none within 42 days, or its detail is not a known frequency).
 */
export function perspectiveAndContact(outcomes: CaseOutcome[]): {
  perspective: { n: number; medianDays: number | null; home: number; elsewhere: number };
  contact: ContactCount;
} {
  const days: number[] = [];
  let home = 0;
  let elsewhere = 0;
  const contact = Object.fromEntries([...CONTACT_FREQUENCIES, 'none_recorded'].map((k) => [k, 0])) as ContactCount;
  for (const o of outcomes) {
    if (!o.placed) continue;
    if (o.perspectiveDays !== null) {
      days.push(o.perspectiveDays);
      if (o.perspectiveOutcome === 'home') home++;
      else if (o.perspectiveOutcome === 'elsewhere') elsewhere++;
    }
    const f = o.contactFirst6Weeks;
    if (f !== null && (CONTACT_FREQUENCIES as readonly string[]).includes(f)) contact[f as keyof ContactCount]++;
    else contact.none_recorded++;
  }
  days.sort((x, y) => x - y);
  const n = days.length;
  const medianDays = n === 0 ? null : n % 2 === 1 ? days[(n - 1) / 2] : (days[n / 2 - 1] + days[n / 2]) / 2;
  return { perspective: { n, medianDays, home, elsewhere }, contact };
}
