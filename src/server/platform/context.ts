/** What services need from the platform, passed as plain arguments (no Fastify types below the routes). */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/schema';
import type { DatabaseKind } from '../db/connect';
import type { KeyRing } from './crypto';
import type { Config } from '../config';

export interface Deps {
  db: Kysely<DB>;
  kind: DatabaseKind;
  keys: KeyRing;
  config: Config;
  log: Logger;
}

export const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());
