/**
 * `tnh backup` / `tnh restore`: one encrypted file holding every table. Keys that are wrapped by this
 * installation's master key are unwrapped into the (encrypted) backup and re-wrapped under the target's
 * master key on restore, so a backup can move between machines, and from PGlite to PostgreSQL.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { gzipSync, gunzipSync } from 'node:zlib';
import type { Deps } from './context';
import { AppError } from './errors';
import { BACKUP_TABLES, countRows, dumpTable, loadRows, resetSequences, type BackupTable } from '../db/backup.repository';
import { latestSchemaVersion } from '../db/migrate';

const MAGIC = 'TNHBACKUP1';
const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const KDF = { N: 1 << 15, r: 8, p: 1 };

interface Header {
  format: typeof MAGIC;
  createdAt: string;
  schemaVersion: string;
  source: string;
  kdf: 'master' | 'scrypt';
  salt?: string;
  iv: string;
  counts: Record<string, number>;
}

async function keyFor(header: Header, deps: Deps, passphrase: string | null, masterKey: Buffer): Promise<Buffer> {
  if (header.kdf === 'master') return masterKey;
  if (!passphrase) throw new AppError('passphrase_required', 'Deze back-up is met een wachtwoordzin versleuteld: geef die via --passphrase-stdin.', 400);
  return scrypt(passphrase.normalize('NFC'), Buffer.from(header.salt!, 'base64'), 32, { ...KDF, maxmem: 256 * KDF.N * KDF.r });
}

export async function createBackup(deps: Deps, masterKey: Buffer, passphrase: string | null): Promise<{ file: Buffer; counts: Record<string, number> }> {
  const data: Record<string, Record<string, unknown>[]> = {};
  await deps.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    for (const t of BACKUP_TABLES) data[t] = await dumpTable(trx, t);
  });
  // Unwrap what the master key protects, so the target can wrap it under its own key.
  for (const row of data.study_keys) row.wrapped_key = 'raw:' + deps.keys.unwrap(String(row.study_id), String(row.wrapped_key)).toString('base64');
  for (const row of data.users) if (row.totp_secret_enc) row.totp_secret_enc = 'raw:' + deps.keys.openUserSecret(String(row.id), String(row.totp_secret_enc));
  const counts = Object.fromEntries(BACKUP_TABLES.map((t) => [t, data[t].length]));
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const header: Header = {
    format: MAGIC,
    createdAt: new Date().toISOString(),
    schemaVersion: latestSchemaVersion,
    source: deps.kind,
    kdf: passphrase ? 'scrypt' : 'master',
    ...(passphrase ? { salt: salt.toString('base64') } : {}),
    iv: iv.toString('base64'),
    counts,
  };
  const headerLine = Buffer.from(JSON.stringify(header) + '\n');
  const key = await keyFor(header, deps, passphrase, masterKey);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(headerLine);
  const body = Buffer.concat([cipher.update(gzipSync(Buffer.from(JSON.stringify(data)))), cipher.final()]);
  return { file: Buffer.concat([Buffer.from(MAGIC + '\n'), headerLine, body, cipher.getAuthTag()]), counts };
}

export function readBackupHeader(file: Buffer): { header: Header; headerLine: Buffer; body: Buffer } {
  const first = file.indexOf(0x0a);
  if (first < 0 || file.subarray(0, first).toString() !== MAGIC) throw new AppError('not_a_backup', 'Dit bestand is geen back-up van Terug naar huis.', 400);
  const second = file.indexOf(0x0a, first + 1);
  const headerLine = file.subarray(first + 1, second + 1);
  let header: Header;
  try {
    header = JSON.parse(headerLine.toString()) as Header;
  } catch {
    throw new AppError('backup_damaged', 'Dit back-upbestand is beschadigd: de kop kan niet worden gelezen.', 400);
  }
  if (second < 0 || !header.iv || !header.kdf) throw new AppError('backup_damaged', 'Dit back-upbestand is beschadigd of onvolledig.', 400);
  return { header, headerLine, body: file.subarray(second + 1) };
}

export async function restoreBackup(deps: Deps, masterKey: Buffer, file: Buffer, passphrase: string | null): Promise<Record<string, number>> {
  const { header, headerLine, body } = readBackupHeader(file);
  if (header.schemaVersion > latestSchemaVersion)
    throw new AppError('backup_too_new', `Deze back-up komt van een nieuwere versie (schema ${header.schemaVersion}). Werk het platform eerst bij.`, 400);
  const key = await keyFor(header, deps, passphrase, masterKey);
  let data: Record<string, Record<string, unknown>[]>;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
    decipher.setAAD(headerLine);
    decipher.setAuthTag(body.subarray(body.length - 16));
    data = JSON.parse(gunzipSync(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()])).toString());
  } catch {
    throw new AppError(
      'backup_key',
      header.kdf === 'master'
        ? 'De back-up kan niet worden geopend met deze hoofdsleutel. Gebruik de hoofdsleutel van de bron (TNH_MASTER_KEY), of maak de back-up met --passphrase-stdin.'
        : 'De wachtwoordzin klopt niet, of het bestand is beschadigd.',
      400,
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    for (const t of BACKUP_TABLES)
      if ((await countRows(trx, t)) > 0) throw new AppError('target_not_empty', `De doeldatabase is niet leeg (tabel ${t} bevat gegevens). Herstel alleen in een lege database.`, 409);
    for (const row of data.study_keys ?? []) {
      const raw = String(row.wrapped_key);
      if (raw.startsWith('raw:')) row.wrapped_key = deps.keys.wrap(String(row.study_id), Buffer.from(raw.slice(4), 'base64'));
    }
    for (const row of data.users ?? []) {
      const t = row.totp_secret_enc;
      if (typeof t === 'string' && t.startsWith('raw:')) row.totp_secret_enc = deps.keys.sealUserSecret(String(row.id), t.slice(4));
    }
    for (const t of BACKUP_TABLES) await loadRows(trx, t as BackupTable, data[t] ?? []);
    await resetSequences(trx);
  });
  return Object.fromEntries(BACKUP_TABLES.map((t) => [t, (data[t] ?? []).length]));
}
