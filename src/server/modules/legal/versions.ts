/**
 * Validity of norm versions (pure). A version is valid from `validFrom` to `validTo`, both inclusive; NULL is open
 * (since always / until further notice). The current version on a day is the valid one with the latest start
 * (an open start counts as earliest), then the highest number. Versions of one norm may not overlap.
 */
export interface Validity {
  version: number;
  validFrom: string | null;
  validTo: string | null;
}

export const isValidOn = (v: Pick<Validity, 'validFrom' | 'validTo'>, day: string) => (!v.validFrom || v.validFrom <= day) && (!v.validTo || v.validTo >= day);

export function currentVersion<T extends Validity>(versions: T[], day: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (!isValidOn(v, day)) continue;
    if (!best) best = v;
    else {
      const a = v.validFrom ?? '';
      const b = best.validFrom ?? '';
      if (a > b || (a === b && v.version > best.version)) best = v;
    }
  }
  return best;
}

const lo = (v: Validity) => v.validFrom ?? '0000-01-01';
const hi = (v: Validity) => v.validTo ?? '9999-12-31';

/** The first pair of versions whose periods overlap, or null. */
export function findOverlap<T extends Validity>(versions: T[]): [T, T] | null {
  const sorted = [...versions].sort((a, b) => lo(a).localeCompare(lo(b)) || a.version - b.version);
  for (let i = 1; i < sorted.length; i++) if (lo(sorted[i]) <= hi(sorted[i - 1])) return [sorted[i - 1], sorted[i]];
  return null;
}

/** The day before an ISO date. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Adding a version that starts on `validFrom`: the open-ended version that started before it (or has no start) is
 * closed on the day before. Returns the version to close with its new end, or null.
 */
export function versionToClose<T extends Validity>(versions: T[], validFrom: string | null | undefined): { version: T; validTo: string } | null {
  if (!validFrom) return null;
  const open = versions.filter((v) => v.validTo === null && (v.validFrom === null || v.validFrom < validFrom));
  if (open.length !== 1) return null;
  return { version: open[0], validTo: dayBefore(validFrom) };
}

export const today = () => new Date().toISOString().slice(0, 10);
