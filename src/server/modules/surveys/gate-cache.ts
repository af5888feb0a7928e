/**
 * What the respondent routes need to know of a survey (dates, current version, mode), cached for GATE_TTL_MS and
 * dropped at once when the survey changes in this process (forgetSurvey, called after every committed change of its
 * settings, versions or public link). Another process on the same PostgreSQL database sees a change within
 * GATE_TTL_MS. Writes still check the response's own state in their statements.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import * as repo from './surveys.repository';

const GATE_TTL_MS = 2000;
const gates = new Map<string, { gate: repo.Gate; until: number }>();
const publicLinks = new Map<string, { surveyId: string; until: number }>();

/** Drops what this process remembers of a survey (called by every change of its settings, versions or link). */
export function forgetSurvey(surveyId: string) {
  gates.delete(surveyId);
  for (const [hash, v] of publicLinks) if (v.surveyId === surveyId) publicLinks.delete(hash);
}

export async function gateOf(db: Kysely<DB>, surveyId: string): Promise<repo.Gate | undefined> {
  const now = Date.now();
  const hit = gates.get(surveyId);
  if (hit && hit.until > now) return hit.gate;
  const gate = await repo.gateById(db, surveyId);
  if (gate) {
    gates.set(surveyId, { gate, until: now + GATE_TTL_MS });
    if (gates.size > 1000) gates.delete(gates.keys().next().value as string);
  }
  return gate;
}

export async function surveyOfPublicLink(db: Kysely<DB>, hash: string): Promise<string | undefined> {
  const now = Date.now();
  const hit = publicLinks.get(hash);
  if (hit && hit.until > now) return hit.surveyId;
  const id = await repo.surveyIdByPublicHash(db, hash);
  if (id) {
    publicLinks.set(hash, { surveyId: id, until: now + GATE_TTL_MS });
    if (publicLinks.size > 1000) publicLinks.delete(publicLinks.keys().next().value as string);
  }
  return id;
}

