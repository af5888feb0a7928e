/**
 * Pure logic of the reflection session: the per-dimension aggregate of 1–5 ratings with small-n suppression, rating
 * validation with Dutch messages, and the respondent token format. No database, no I/O.
 */
import { hashToken, newToken } from '../../platform/crypto';
import type { Aggregate } from '../../../shared/reflection';

/**
 * Distribution (counts of 1..5), mean and n of the ratings given (NULLs are "not rated" and are left out).
 * Below the disclosure threshold nothing but the fact is shown: no n, no distribution, no mean. No ratings at all is
 * not a disclosure: n = 0.
 */
export function aggregateRatings(values: readonly (number | null | undefined)[], threshold: number): Aggregate {
  const given = values.filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5);
  const n = given.length;
  if (n === 0) return { suppressed: false, n: 0, distribution: [0, 0, 0, 0, 0], mean: null };
  if (n < threshold) return { suppressed: true, n: null, distribution: null, mean: null };
  const distribution = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const v of given) {
    distribution[v - 1]++;
    sum += v;
  }
  return { suppressed: false, n, distribution, mean: Math.round((sum / n) * 100) / 100 };
}

const DIMENSION_NL = { importance: 'het belang', feasibility: 'de haalbaarheid' } as const;

/** null when valid (an integer 1–5, or null/absent = not rated), else the Dutch message for a 400. */
export function ratingProblem(dimension: keyof typeof DIMENSION_NL, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5) return null;
  return `Beoordeel ${DIMENSION_NL[dimension]} met een heel getal van 1 tot en met 5 (u gaf ${JSON.stringify(value).slice(0, 20)}).`;
}

/** A personal link's token: "RS." and 256 random bits (base64url). Only the hash is stored. */
const TOKEN_RE = /^RS\.[A-Za-z0-9_-]{43}$/;

export function makeReflectionToken(): { token: string; hash: string } {
  const token = `RS.${newToken()}`;
  return { token, hash: hashToken(token) };
}

/** The hash of a well-formed token, or null (the caller answers 404, like an unknown token). */
export function tokenHashOf(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 100) return null;
  const t = raw.trim();
  return TOKEN_RE.test(t) ? hashToken(t) : null;
}

export const reflectionUrl = (publicUrl: string, token: string) => `${publicUrl}/r#${token}`;

/** Keeps the requested order of ids, drops duplicates. */
export function orderedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
