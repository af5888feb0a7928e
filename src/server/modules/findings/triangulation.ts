/**
 * Triangulation: how many distinct kinds of source carry a finding, and the strength label the study's rule gives
 * that number (default: strong from 3 kinds, moderate from 2, weak with 1, none without evidence). Pure.
 */
import { DEFAULT_RULE, EVIDENCE_KINDS, type EvidenceKind, type Strength, type TriangulationRule } from '../../../shared/findings';

/** The distinct evidence kinds, in the fixed order of EVIDENCE_KINDS. */
export function distinctKinds(kinds: readonly string[]): EvidenceKind[] {
  const seen = new Set(kinds);
  return EVIDENCE_KINDS.filter((k) => seen.has(k));
}

export function strengthOf(kindCount: number, rule: TriangulationRule = DEFAULT_RULE): Strength {
  if (kindCount <= 0) return 'none';
  if (kindCount >= rule.strong) return 'strong';
  if (kindCount >= rule.moderate) return 'moderate';
  return 'weak';
}
