/**
 * The law-versus-practice matrix: norms × phases, each cell counting the findings that cite the norm as evidence, in
 * the finding's phase, split by MATRIX_SIDE (meets / falls short / other; see src/shared/findings.ts).
 * A finding without a phase counts in the column NO_PHASE. Pure.
 */
import { LEGAL_PHASES, type LegalPhase } from '../../../shared/legal';
import { MATRIX_SIDE, NO_PHASE, type FindingType } from '../../../shared/findings';

export type MatrixPhase = LegalPhase | typeof NO_PHASE;
export const MATRIX_PHASES: MatrixPhase[] = [...LEGAL_PHASES, NO_PHASE];

export interface MatrixFinding {
  id: string;
  type: FindingType;
  phase: LegalPhase | null;
}
export interface MatrixCellOut {
  phase: MatrixPhase;
  meets: number;
  fallsShort: number;
  other: number;
  findingIds: string[];
}

/**
 * `links`: (norm id, finding id) pairs (a finding linking the same norm twice counts once). Returns per norm id the
 * cells in MATRIX_PHASES order and the number of distinct findings.
 */
export function buildMatrix(normIds: string[], findings: MatrixFinding[], links: { normId: string; findingId: string }[]): Map<string, { cells: MatrixCellOut[]; total: number }> {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const out = new Map<string, { cells: MatrixCellOut[]; total: number }>();
  for (const n of normIds) out.set(n, { cells: MATRIX_PHASES.map((phase) => ({ phase, meets: 0, fallsShort: 0, other: 0, findingIds: [] })), total: 0 });
  const seen = new Set<string>();
  for (const l of links) {
    const row = out.get(l.normId);
    const f = byId.get(l.findingId);
    const key = `${l.normId}:${l.findingId}`;
    if (!row || !f || seen.has(key)) continue;
    seen.add(key);
    const cell = row.cells[MATRIX_PHASES.indexOf(f.phase ?? NO_PHASE)];
    cell[MATRIX_SIDE[f.type]]++;
    cell.findingIds.push(f.id);
    row.total++;
  }
  return out;
}
