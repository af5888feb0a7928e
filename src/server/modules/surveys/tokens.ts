/**
 * The respondent's tokens. Each is a letter, a dot and 256 random bits (base64url); only hashes are stored.
 *   P.… the public link of an anonymous survey (one per survey)
 *   I.… a personal invitation (single use: it stops working for answering once the response is completed)
 *   R.… the resume code of a response that has no personal link to resume by (public link; anonymised invitation)
 * An anonymised invitation resumes with both: `I.…~R.…` (the invitation for the completion count, the resume code
 * for the answers), because the server keeps no link between the two.
 */
import { hashToken, newToken } from '../../platform/crypto';

export type TokenKind = 'P' | 'I' | 'R';
export interface ParsedToken {
  kind: TokenKind;
  /** the hash of the first part (what the database holds) */
  hash: string;
  /** the hash of the resume code after `~`, when present */
  resumeHash: string | null;
  /** the first part as sent (to build a combined resume token) */
  entry: string;
}

const PART = '[A-Za-z0-9_-]{43}';
const TOKEN_RE = new RegExp(`^([PIR])\\.(${PART})(?:~R\\.(${PART}))?$`);

/** Null for anything that is not a well-formed token (the caller answers 404, the same as an unknown token). */
export function parseToken(raw: unknown): ParsedToken | null {
  if (typeof raw !== 'string' || raw.length > 100) return null;
  const m = TOKEN_RE.exec(raw.trim());
  if (!m) return null;
  const kind = m[1] as TokenKind;
  if (m[3] && kind !== 'I') return null;
  const entry = `${kind}.${m[2]}`;
  return { kind, hash: hashToken(entry), resumeHash: m[3] ? hashToken(`R.${m[3]}`) : null, entry };
}

export function makeToken(kind: TokenKind): { token: string; hash: string } {
  const token = `${kind}.${newToken()}`;
  return { token, hash: hashToken(token) };
}

/** The address of the respondent page for a token (the token in the fragment: never sent to a server). */
export const respondentUrl = (publicUrl: string, token: string) => `${publicUrl}/s#${token}`;
