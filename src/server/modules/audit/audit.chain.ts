/** Pure hash-chain logic of the audit trail. */
import crypto from 'node:crypto';
import stringify from 'safe-stable-stringify';

export const GENESIS = '0'.repeat(64);

export interface ChainFields {
  id: number;
  studyId: string | null;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  details: Record<string, unknown>;
  createdAt: string; // ISO, millisecond precision
  prevHash: string;
}

export function chainHash(f: ChainFields): string {
  const canonical = stringify([f.id, f.prevHash, f.studyId, f.actorId, f.action, f.objectType, f.objectId, f.details, f.createdAt]);
  return crypto.createHash('sha256').update(canonical ?? '').digest('hex');
}

/**
 * The canonical text of `chainHash` after its first two elements (id, prevHash), including the closing bracket:
 * `'[' + id + ',"' + prevHash + '",' + canonicalTail(f)` is the whole text (id is an integer, prevHash hex), so the
 * database can complete the hash once it has taken the id and read the previous hash (audit.repository.ts).
 */
export function canonicalTail(f: Omit<ChainFields, 'id' | 'prevHash'>): string {
  return (stringify([f.studyId, f.actorId, f.action, f.objectType, f.objectId, f.details, f.createdAt]) ?? '[]').slice(1);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headHash: string;
  /** the first row whose link is broken, and why */
  firstBroken: { id: number; reason: string } | null;
}

/** Folds over rows in id order; `state` carries the previous hash between pages. */
export function verifyRows(rows: (ChainFields & { hash: string })[], state: { prev: string; checked: number }): { id: number; reason: string } | null {
  for (const r of rows) {
    if (r.prevHash !== state.prev) {
      return { id: r.id, reason: 'de vorige schakel ontbreekt of is gewijzigd (prev_hash klopt niet)' };
    }
    if (chainHash(r) !== r.hash) return { id: r.id, reason: 'de inhoud van deze regel is gewijzigd (hash klopt niet)' };
    state.prev = r.hash;
    state.checked++;
  }
  return null;
}
