/**
 * Stable GUIDs: a name-based UUID (version 5, SHA-1) of "<kind>:<our id>" in the platform's own namespace, so that
 * exporting the same study twice gives the same GUIDs, and different kinds of object never share one.
 */
import { createHash } from 'node:crypto';

/** The namespace of this platform's REFI-QDA GUIDs (a fixed random UUID). */
export const GUID_NAMESPACE = '6f0c3b7e-5d1a-4c2b-9e8f-3a4b5c6d7e8f';

const nsBytes = Buffer.from(GUID_NAMESPACE.replace(/-/g, ''), 'hex');

export function stableGuid(kind: string, id: string): string {
  const h = createHash('sha1').update(nsBytes).update(`${kind}:${id}`, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
