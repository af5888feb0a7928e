/**
 * TOTP codes for tests without depending on where the clock is within its 30-second step: the server accepts
 * the previous, current and next step, and refuses a step that is not newer than the last one used.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema';
import { totpCodeFor } from '../../src/server/platform/totp';

const STEP = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const codeForStep = (secret: string, step: number) => totpCodeFor(secret, step * STEP + STEP / 2);

/** A code the server will accept now: newer than the account's last used step, inside the ±1 step window. */
export async function nextCode(db: Kysely<DB>, userId: string, secret: string): Promise<string> {
  const row = await db.selectFrom('users').select('totp_last_step').where('id', '=', userId).executeTakeFirstOrThrow();
  const last = row.totp_last_step === null ? Number.NEGATIVE_INFINITY : Number(row.totp_last_step);
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / STEP);
    const msLeft = STEP - (now % STEP);
    const step = Math.max(current - 1, last + 1);
    // keep clear of the step boundary so the server checks the code in the same step
    if (step <= current + 1 && msLeft > 2_000) return codeForStep(secret, step);
    await sleep(msLeft + 50);
  }
}

/** The code of the account's last used step (for "a code cannot be used twice"). */
export async function lastUsedCode(db: Kysely<DB>, userId: string, secret: string): Promise<string> {
  const row = await db.selectFrom('users').select('totp_last_step').where('id', '=', userId).executeTakeFirstOrThrow();
  if (row.totp_last_step === null) throw new Error('no code used yet');
  return codeForStep(secret, Number(row.totp_last_step));
}

/** Six digits that are not valid anywhere near now. */
export function wrongCode(secret: string): string {
  const current = Math.floor(Date.now() / STEP);
  const valid = new Set([-2, -1, 0, 1, 2].map((k) => codeForStep(secret, current + k)));
  return ['000000', '123456', '999999', '314159'].find((c) => !valid.has(c))!;
}
