/**
 * Pure glue between stored consent rows and the rules in src/lib/consent: the mapping, the status of a participant
 * and the dashboard counts. No database, no keys.
 */
import {
  CONSENT_SCOPES,
  ConsentError,
  evaluateConsent,
  type ConsentEvaluation,
  type ConsentGivenBy,
  type ConsentKind,
  type ConsentMethod,
  type ConsentParticipant,
  type ConsentRecord,
  type ConsentScope,
} from '../../../lib/consent';
import { ROLES_NEEDING_BIRTH_MONTH, type ParticipantRole } from '../../../shared/participant-vocabulary';
import type { ConsentDashboard, ConsentRecordView } from '../../../shared/participants';
import { AppError } from '../../platform/errors';

export interface StoredConsent {
  id: string;
  participant_id: string;
  letter_version: string;
  date: string;
  given_by: string;
  kind: string;
  method: string;
  scopes: unknown;
  withdrawn_at: string | null;
  created_at: Date | string;
}

/** Only the four known scopes, as booleans (a stored row is trusted, but never blindly). */
export function cleanScopes(raw: unknown): Partial<Record<ConsentScope, boolean>> {
  const out: Partial<Record<ConsentScope, boolean>> = {};
  const obj = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (obj && typeof obj === 'object') for (const s of CONSENT_SCOPES) if (typeof (obj as Record<string, unknown>)[s] === 'boolean') out[s] = (obj as Record<string, boolean>)[s];
  return out;
}

export function toRuleRecord(r: StoredConsent): ConsentRecord {
  return {
    id: r.id,
    date: r.date,
    givenBy: r.given_by as ConsentGivenBy,
    kind: r.kind as ConsentKind,
    method: r.method as ConsentMethod,
    letterVersion: r.letter_version,
    scopes: cleanScopes(r.scopes),
    withdrawnAt: r.withdrawn_at,
  };
}

export function toRecordView(r: StoredConsent): ConsentRecordView {
  return {
    id: r.id,
    participantId: r.participant_id,
    letterVersion: r.letter_version,
    date: r.date,
    givenBy: r.given_by as ConsentGivenBy,
    kind: r.kind as ConsentKind,
    method: r.method as ConsentMethod,
    scopes: cleanScopes(r.scopes),
    withdrawnAt: r.withdrawn_at,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** What the rules need to know of a participant: the birth month, or that they are an adult without one. */
export function ruleParticipant(role: ParticipantRole, birthMonth: string | null): ConsentParticipant {
  return { birthMonth, adult: !ROLES_NEEDING_BIRTH_MONTH.includes(role) };
}

/**
 * evaluateConsent with its input errors as a platform error: `status` 400 while the user is entering something,
 * 409 when stored data no longer fits (a birth month after a consent date).
 */
export function evaluate(p: ConsentParticipant, records: ConsentRecord[], asOf: string, status: 400 | 409 = 409): ConsentEvaluation {
  try {
    return evaluateConsent(p, records, asOf);
  } catch (e) {
    if (e instanceof ConsentError) throw new AppError(status === 400 ? 'bad_request' : 'consent_invalid', e.message, status);
    throw e;
  }
}

export type ConsentStatus = 'complete' | 'incomplete' | 'withdrawn';
export function statusOf(e: ConsentEvaluation): ConsentStatus {
  if (e.withdrawn) return 'withdrawn';
  return CONSENT_SCOPES.every((s) => e.scopes[s].covered) ? 'complete' : 'incomplete';
}

type DashboardRow = ConsentDashboard['participants'][number];

/** One dashboard row; a participant whose data cannot be evaluated shows the reason on every scope. */
export function dashboardRow(p: { id: string; code: string; role: ParticipantRole }, evaluation: ConsentEvaluation | { error: string }): DashboardRow {
  const scopes = {} as DashboardRow['scopes'];
  if ('error' in evaluation) {
    for (const s of CONSENT_SCOPES) scopes[s] = { covered: false, missing: [evaluation.error] };
    return { participantId: p.id, code: p.code, role: p.role, status: 'incomplete', scopes };
  }
  for (const s of CONSENT_SCOPES) scopes[s] = { covered: evaluation.scopes[s].covered, missing: evaluation.scopes[s].missing };
  return { participantId: p.id, code: p.code, role: p.role, status: statusOf(evaluation), scopes };
}

export function dashboardTotals(rows: DashboardRow[]): Pick<ConsentDashboard, 'missing' | 'totals'> {
  const missing = Object.fromEntries(CONSENT_SCOPES.map((s) => [s, rows.filter((r) => !r.scopes[s].covered).length])) as ConsentDashboard['missing'];
  const count = (st: ConsentStatus) => rows.filter((r) => r.status === st).length;
  return { missing, totals: { participants: rows.length, complete: count('complete'), incomplete: count('incomplete'), withdrawn: count('withdrawn') } };
}
