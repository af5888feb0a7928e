/**
 * Encryption at rest. A 32-byte master key (TNH_MASTER_KEY, or a 0600 key file in the data dir) wraps one
 * random data key per study; identifying fields are sealed with AES-256-GCM under that study key, bound to
 * their place (study, table, column) as additional authenticated data so a value cannot be moved elsewhere.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

const VERSION = 'v1';

export function loadMasterKey(opts: { masterKey: string | null; dataDir: string }): { key: Buffer; source: 'env' | 'file'; created: boolean; file?: string } {
  if (opts.masterKey) return { key: decodeKey(opts.masterKey, 'TNH_MASTER_KEY'), source: 'env', created: false };
  const file = path.join(opts.dataDir, 'master.key');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    const key = crypto.randomBytes(32);
    try {
      fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      return { key, source: 'file', created: true, file };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) fs.chmodSync(file, 0o600);
  return { key: decodeKey(fs.readFileSync(file, 'utf8').trim(), file), source: 'file', created: false, file };
}

export function decodeKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error(`${where} moet een sleutel van 32 bytes bevatten (base64 of 64 hextekens).`);
  return key;
}

export function seal(key: Buffer, plaintext: Buffer | string, aad: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== VERSION || !iv || !tag || ct === undefined) throw new Error('Onbekend versleutelingsformaat.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
}

export const studyKeyAad = (studyId: string) => `study-key:${studyId}`;
export const fieldAad = (studyId: string, field: string) => `field:${studyId}:${field}`;
export const userSecretAad = (userId: string) => `user-totp:${userId}`;

/**
 * Holds the master key and unwrapped study keys (cached). Later modules call
 * `encrypt(studyId, field, text, trx)` / `decrypt(...)` for every identifying field. Inside a transaction, pass
 * the transaction as `via`: on the embedded database there is one connection, so loading a key that is not yet
 * cached through the pool would wait forever for the connection the transaction holds.
 */
export class KeyRing {
  private cache = new Map<string, Buffer>();
  constructor(
    private readonly master: Buffer,
    private readonly loadWrapped: (studyId: string, via?: Kysely<DB>) => Promise<string | null>,
  ) {}

  newWrappedStudyKey(studyId: string): { wrapped: string; key: Buffer } {
    const key = crypto.randomBytes(32);
    return { wrapped: this.wrap(studyId, key), key };
  }
  wrap(studyId: string, key: Buffer): string {
    return seal(this.master, key, studyKeyAad(studyId));
  }
  unwrap(studyId: string, wrapped: string): Buffer {
    return open(this.master, wrapped, studyKeyAad(studyId));
  }
  remember(studyId: string, key: Buffer) {
    this.cache.set(studyId, key);
  }
  async studyKey(studyId: string, via?: Kysely<DB>): Promise<Buffer> {
    const hit = this.cache.get(studyId);
    if (hit) return hit;
    const wrapped = await this.loadWrapped(studyId, via);
    if (!wrapped) throw new Error(`Geen sleutel voor onderzoek ${studyId}.`);
    const key = this.unwrap(studyId, wrapped);
    this.cache.set(studyId, key);
    return key;
  }
  async encrypt(studyId: string, field: string, text: string, via?: Kysely<DB>): Promise<string> {
    return seal(await this.studyKey(studyId, via), text, fieldAad(studyId, field));
  }
  async decrypt(studyId: string, field: string, sealed: string, via?: Kysely<DB>): Promise<string> {
    return open(await this.studyKey(studyId, via), sealed, fieldAad(studyId, field)).toString('utf8');
  }
  sealUserSecret(userId: string, secret: string): string {
    return seal(this.master, secret, userSecretAad(userId));
  }
  openUserSecret(userId: string, sealed: string): string {
    return open(this.master, sealed, userSecretAad(userId)).toString('utf8');
  }
}

/** A secret for a link or a session: 256 bits of randomness, URL-safe. Only its hash is stored. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
