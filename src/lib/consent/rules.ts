/**
 * Consent (toestemming) and assent (instemming) for research with minors.
 *
 * VUISTREGEL — a rule of thumb after the age limits of the WMO, not a legal certainty. The wording the
 * platform follows:
 *
 *   "Is de deelnemer op de datum van toestemming jonger dan 12 jaar, dan geeft een ouder of voogd
 *    toestemming en stemt het kind zelf in (assent). Van 12 tot en met 15 jaar geven zowel het kind als een
 *    ouder of voogd toestemming. Vanaf 16 jaar beslist de deelnemer alleen."
 *
 * Legal advice, the ethics committee (METC/FETC) and the approved consent letter prevail; in particular the
 * WMO speaks of the parents who have authority (gezag), often both, which this model does not record:
 * 'parent' and 'guardian' together count as one party, "ouder of voogd".
 *
 * How records are read (per scope: participation, audio_recording, quotes, archiving):
 * - Only records dated on or before `asOf` count. The relevant record of a party is its latest record
 *   (by date, then by position in the array) that addresses the scope; a later record with the scope set to
 *   false revokes an earlier true. Parties: the participant (consent or assent) and "ouder of voogd"
 *   (consent only).
 * - The rule follows the participant's age on the date of the participant's own record: assent before 12
 *   (consent also counts), consent from 12. When the child turns 16 later, a new record by the participant
 *   alone is enough from then on; consent given at 12–15 together with a parent stays valid.
 * - A parent's or guardian's record dated when the participant is 16 or older has no effect.
 * - Age is computed conservatively from the birth month ('YYYY-MM'): the birthday is taken to be the last
 *   day of that month, so when unsure the younger age is used. Someone born in February of a leap year is
 *   taken to have their birthday on 1 March in other years.
 * - Withdrawal (`withdrawnAt` on a record): a withdrawal by the participant (at any age; below 12 this is
 *   the child's refusal, "verzet", which is respected too), or by a parent or guardian while the
 *   participant is under 16, ends all coverage. Only records dated after the withdrawal count again, so
 *   renewed participation needs new records. A parent's withdrawal from the participant's 16th birthday on
 *   has no effect.
 * - Adult professionals have `birthMonth: null` and `adult: true`: their own consent is enough.
 */

export const CONSENT_SCOPES = ['participation', 'audio_recording', 'quotes', 'archiving'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export type ConsentGivenBy = 'participant' | 'parent' | 'guardian';
export type ConsentKind = 'consent' | 'assent';
export type ConsentMethod = 'written' | 'oral_recorded' | 'digital';

export interface ConsentRecord {
  id: string;
  /** 'YYYY-MM-DD': when the consent or assent was given. */
  date: string;
  givenBy: ConsentGivenBy;
  kind: ConsentKind;
  method: ConsentMethod;
  letterVersion: string;
  scopes: Partial<Record<ConsentScope, boolean>>;
  /** 'YYYY-MM-DD' (or an ISO date-time; its date counts) when this party withdrew. */
  withdrawnAt?: string | null;
}

export interface ConsentParticipant {
  /** 'YYYY-MM'; null only for adults whose birth month is not recorded (professionals). */
  birthMonth: string | null;
  adult?: boolean;
}

export type AgeRule = 'under12' | '12to15' | '16plus';

export interface ScopeEvaluation {
  covered: boolean;
  /**
   * Conservative age on which `rule` is based: on the date of the participant's own record that grants the
   * scope, or on `asOf` when there is none. Null for adults without a birth month, or when it is unknown.
   */
  ageAtConsent: number | null;
  rule: AgeRule;
  /** Dutch reasons why the scope is not covered; empty when covered. */
  missing: string[];
}

export interface ConsentWithdrawal {
  date: string;
  by: ConsentGivenBy;
  recordId: string;
  /** Whether `archiving` was covered just before the withdrawal (records up to and including its date). */
  archivingCovered: boolean;
  /** Whether, after the withdrawal, the participant (or a parent or guardian while under 16) said no to archiving. */
  archivingRevokedLater: boolean;
}

export interface ConsentEvaluation {
  asOf: string;
  scopes: Record<ConsentScope, ScopeEvaluation>;
  /** True when consent was withdrawn and participation has not been renewed since. */
  withdrawn: boolean;
  /** The latest effective withdrawal, if any (also when participation was renewed afterwards). */
  withdrawal: ConsentWithdrawal | null;
}

/** Invalid input (a date or birth month that cannot be read); the message is Dutch. */
export class ConsentError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'ConsentError';
  }
}

/** Reasons, in Dutch, as they appear in `missing`. */
export const CONSENT_REASONS = {
  parent: 'toestemming van een ouder of voogd ontbreekt',
  parentRefused: 'een ouder of voogd heeft voor dit onderdeel geen toestemming gegeven',
  assent: 'instemming (assent) van het kind ontbreekt',
  childRefused: 'het kind heeft voor dit onderdeel niet ingestemd',
  childConsent: 'toestemming van het kind zelf ontbreekt',
  childAssentOnly: 'het kind heeft alleen ingestemd (assent); vanaf 12 jaar is toestemming van het kind zelf nodig',
  participant: 'toestemming van de deelnemer ontbreekt',
  participantRefused: 'de deelnemer heeft voor dit onderdeel geen toestemming gegeven',
  participantAssentOnly: 'de deelnemer heeft alleen ingestemd (assent); vanaf 16 jaar is eigen toestemming nodig',
  birthMonth: 'de geboortemaand ontbreekt, dus de leeftijd en de geldende regel zijn onbekend',
  now16: 'nu de deelnemer 16 jaar of ouder is, volstaat ook een nieuwe toestemming van de deelnemer alleen',
} as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkDate(value: string, what: string): string {
  const m = DATE.exec(value);
  const ok = m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
  if (!ok) throw new ConsentError(`${what} is geen geldige datum (verwacht JJJJ-MM-DD): "${value}".`);
  return value;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * Age in whole years on `date` ('YYYY-MM-DD') of someone born in `birthMonth` ('YYYY-MM'), taking the
 * latest possible birthday in that month, so the result is never older than the real age.
 */
export function conservativeAge(birthMonth: string, date: string): number {
  const b = /^(\d{4})-(\d{2})$/.exec(birthMonth);
  if (!b || Number(b[2]) < 1 || Number(b[2]) > 12) throw new ConsentError(`De geboortemaand "${birthMonth}" is ongeldig (verwacht JJJJ-MM).`);
  checkDate(date, 'De datum');
  const by = Number(b[1]);
  const bm = Number(b[2]);
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = daysInMonth(by, bm);
  // Anniversary of the latest possible birthday in year y (29 February → 1 March in a common year).
  let am = bm;
  let ad = lastDay;
  if (ad > daysInMonth(y, am)) {
    am = 3;
    ad = 1;
  }
  if (y < by || (y === by && m < bm)) throw new ConsentError(`De datum ${date} ligt vóór de geboorte (${birthMonth}).`);
  return Math.max(0, y - by - (m < am || (m === am && d < ad) ? 1 : 0));
}

export function ruleForAge(age: number | null): AgeRule {
  if (age === null || age >= 16) return '16plus';
  return age >= 12 ? '12to15' : 'under12';
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

interface Indexed { r: ConsentRecord; i: number; withdrawnOn: string | null }

const later = (a: Indexed, b: Indexed) => (a.r.date !== b.r.date ? a.r.date > b.r.date : a.i > b.i);

function latest(list: Indexed[]): Indexed | null {
  let best: Indexed | null = null;
  for (const x of list) if (best === null || later(x, best)) best = x;
  return best;
}

/**
 * Evaluates the consent records of one participant as of `asOf` (default: today, UTC). See the module
 * comment for the rules.
 */
export function evaluateConsent(participant: ConsentParticipant, records: ConsentRecord[], asOf: string = todayIso()): ConsentEvaluation {
  checkDate(asOf, 'De peildatum');
  const all: Indexed[] = records.map((r, i) => {
    checkDate(r.date, `De datum van toestemming ${r.id}`);
    const withdrawnOn = r.withdrawnAt ? checkDate(r.withdrawnAt.slice(0, 10), `De intrekkingsdatum van toestemming ${r.id}`) : null;
    return { r, i, withdrawnOn };
  });
  const { birthMonth } = participant;
  const adultUnknownAge = birthMonth === null && participant.adult === true;
  const ageOn = (date: string): number | null => (birthMonth === null ? null : conservativeAge(birthMonth, date));
  if (birthMonth !== null) conservativeAge(birthMonth, asOf); // validates; throws on a date before birth

  /** Whether a parent's or guardian's say still counts on `date` (the participant is under 16 then). */
  const representativeCounts = (date: string) => {
    if (adultUnknownAge) return false;
    const age = ageOn(date);
    return age === null || age < 16;
  };
  const withdrawalEffective = (x: Indexed) =>
    x.withdrawnOn !== null && (x.r.givenBy === 'participant' || representativeCounts(x.withdrawnOn));

  /** Coverage of every scope using records up to `until`, applying withdrawals dated before `cutoff`. */
  const evaluateAt = (until: string, cutoff: string) => {
    const applied = all.filter((x) => withdrawalEffective(x) && x.withdrawnOn! <= until && x.withdrawnOn! < cutoff);
    const lastWithdrawal = applied.reduce<Indexed | null>(
      (best, x) => (best === null || x.withdrawnOn! > best.withdrawnOn! || (x.withdrawnOn === best.withdrawnOn && x.i > best.i) ? x : best),
      null,
    );
    const after = lastWithdrawal?.withdrawnOn ?? null;
    const usable = all.filter(
      (x) =>
        x.r.date <= until &&
        (after === null || x.r.date > after) &&
        !(x.withdrawnOn !== null && x.withdrawnOn <= until && x.withdrawnOn < cutoff && withdrawalEffective(x)),
    );
    const scopes = {} as Record<ConsentScope, ScopeEvaluation>;
    for (const scope of CONSENT_SCOPES) {
      const addressing = usable.filter((x) => x.r.scopes[scope] !== undefined);
      const participantRecord = latest(addressing.filter((x) => x.r.givenBy === 'participant'));
      const representative = latest(addressing.filter((x) => x.r.givenBy !== 'participant' && x.r.kind === 'consent' && representativeCounts(x.r.date)));
      const evaluation = evaluateScope(scope, participantRecord?.r ?? null, representative?.r ?? null, until);
      if (!evaluation.covered && lastWithdrawal) {
        const reason = withdrawalReason(lastWithdrawal.r.givenBy, lastWithdrawal.withdrawnOn!, ageOn(lastWithdrawal.withdrawnOn!));
        evaluation.missing = addressing.length === 0 ? [reason] : [reason, ...evaluation.missing];
      }
      scopes[scope] = evaluation;
    }
    return { scopes, lastWithdrawal };
  };

  const evaluateScope = (scope: ConsentScope, p: ConsentRecord | null, rep: ConsentRecord | null, until: string): ScopeEvaluation => {
    if (birthMonth === null && !adultUnknownAge) {
      return { covered: false, ageAtConsent: null, rule: 'under12', missing: [CONSENT_REASONS.birthMonth] };
    }
    const grants = p !== null && p.scopes[scope] === true;
    const ageAtConsent = grants ? ageOn(p.date) : ageOn(until);
    const rule = ruleForAge(ageAtConsent);
    const missing: string[] = [];
    const repMissing = () => {
      if (rep === null) missing.push(CONSENT_REASONS.parent);
      else if (rep.scopes[scope] !== true) missing.push(CONSENT_REASONS.parentRefused);
    };
    if (rule === '16plus') {
      if (p === null) missing.push(CONSENT_REASONS.participant);
      else if (!grants) missing.push(CONSENT_REASONS.participantRefused);
      else if (p.kind !== 'consent') missing.push(CONSENT_REASONS.participantAssentOnly);
    } else if (rule === '12to15') {
      if (p === null) missing.push(CONSENT_REASONS.childConsent);
      else if (!grants) missing.push(CONSENT_REASONS.childRefused);
      else if (p.kind !== 'consent') missing.push(CONSENT_REASONS.childAssentOnly);
      repMissing();
    } else {
      if (p === null) missing.push(CONSENT_REASONS.assent);
      else if (!grants) missing.push(CONSENT_REASONS.childRefused);
      repMissing();
    }
    if (missing.length > 0 && rule !== '16plus') {
      const now = ageOn(until);
      if (now !== null && now >= 16) missing.push(CONSENT_REASONS.now16);
    }
    return { covered: missing.length === 0, ageAtConsent, rule, missing };
  };

  const current = evaluateAt(asOf, '9999-12-31');
  let withdrawal: ConsentWithdrawal | null = null;
  if (current.lastWithdrawal) {
    const w = current.lastWithdrawal;
    const date = w.withdrawnOn!;
    const before = evaluateAt(date, date);
    const archivingRevokedLater = all.some(
      (x) =>
        x.r.date > date &&
        x.r.date <= asOf &&
        x.r.scopes.archiving === false &&
        (x.r.givenBy === 'participant' || representativeCounts(x.r.date)),
    );
    withdrawal = { date, by: w.r.givenBy, recordId: w.r.id, archivingCovered: before.scopes.archiving.covered, archivingRevokedLater };
  }
  return {
    asOf,
    scopes: current.scopes,
    withdrawn: withdrawal !== null && !current.scopes.participation.covered,
    withdrawal,
  };
}

function withdrawalReason(by: ConsentGivenBy, date: string, age: number | null): string {
  const who = by === 'parent' ? 'een ouder' : by === 'guardian' ? 'de voogd' : age !== null && age < 16 ? 'het kind' : 'de deelnemer';
  return `de toestemming is op ${date} ingetrokken door ${who}`;
}

export type ConsentAction = 'store_transcript' | 'code' | 'quote' | 'keep_after_withdrawal';

export interface GateResult {
  allowed: boolean;
  /** Dutch; set when refused. */
  reason?: string;
}

const SCOPE_LABEL: Record<ConsentScope, string> = {
  participation: 'deelname',
  audio_recording: 'geluidsopname',
  quotes: 'citaten',
  archiving: 'archivering',
};

const ACTION_LABEL: Record<ConsentAction, string> = {
  store_transcript: 'Het transcript opslaan',
  code: 'Coderen',
  quote: 'Citeren',
  keep_after_withdrawal: 'Gegevens bewaren na intrekking',
};

function needs(action: ConsentAction, evaluation: ConsentEvaluation, scope: ConsentScope): GateResult | null {
  const s = evaluation.scopes[scope];
  if (s.covered) return null;
  return {
    allowed: false,
    reason: `${ACTION_LABEL[action]} is niet toegestaan: er is geen geldige toestemming voor ${SCOPE_LABEL[scope]} (${s.missing.join('; ')}).`,
  };
}

/**
 * May this be done with a participant's data?
 * - store_transcript and code: `participation` must be covered (a transcript made from an audio recording
 *   needs nothing more);
 * - quote: `participation` and `quotes`;
 * - keep_after_withdrawal: after a withdrawal, `archiving` must have been covered before the withdrawal and
 *   not been revoked since; without a withdrawal, the data may be kept as long as participation is covered.
 */
export function gate(action: ConsentAction, evaluation: ConsentEvaluation): GateResult {
  switch (action) {
    case 'store_transcript':
    case 'code':
      return needs(action, evaluation, 'participation') ?? { allowed: true };
    case 'quote':
      return needs(action, evaluation, 'participation') ?? needs(action, evaluation, 'quotes') ?? { allowed: true };
    case 'keep_after_withdrawal': {
      const w = evaluation.withdrawal;
      if (!evaluation.withdrawn || w === null) return needs(action, evaluation, 'participation') ?? { allowed: true };
      if (!w.archivingCovered) {
        return { allowed: false, reason: `${ACTION_LABEL[action]} is niet toegestaan: vóór de intrekking op ${w.date} was er geen geldige toestemming voor archivering.` };
      }
      if (w.archivingRevokedLater) {
        return { allowed: false, reason: `${ACTION_LABEL[action]} is niet toegestaan: na de intrekking op ${w.date} is ook de toestemming voor archivering ingetrokken.` };
      }
      return { allowed: true };
    }
  }
}
