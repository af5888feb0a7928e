import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyRing, decodeKey, hashToken, loadMasterKey, newToken, open, seal } from './crypto';
import { loadConfig } from '../config';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tnh-crypto-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const key = () => crypto.randomBytes(32);

/** Changes one character of the base64url part `index` (1 iv, 2 tag, 3 ciphertext) of a sealed value. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const p = parts[index];
  parts[index] = (p[0] === 'A' ? 'B' : 'A') + p.slice(1);
  return parts.join('.');
}

describe('seal / open (AES-256-GCM)', () => {
  it('round-trips text and bytes', () => {
    const k = key();
    expect(open(k, seal(k, 'Vertrouwelijk: familie Jansen', 'field:x'), 'field:x').toString('utf8')).toBe('Vertrouwelijk: familie Jansen');
    const bytes = crypto.randomBytes(100);
    expect(open(k, seal(k, bytes, 'a'), 'a').equals(bytes)).toBe(true);
    expect(open(k, seal(k, '', 'a'), 'a').toString()).toBe('');
  });

  it('uses a fresh IV every time and does not show the plaintext', () => {
    const k = key();
    const a = seal(k, 'zelfde tekst', 'aad');
    const b = seal(k, 'zelfde tekst', 'aad');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('zelfde');
    expect(Buffer.from(a.split('.')[3], 'base64url').toString()).not.toContain('zelfde');
  });

  it('fails on a changed ciphertext, tag or IV, a wrong AAD or a wrong key', () => {
    const k = key();
    const s = seal(k, 'geheim', 'field:study-1:notes');
    expect(() => open(k, tamper(s, 3), 'field:study-1:notes')).toThrow();
    expect(() => open(k, tamper(s, 2), 'field:study-1:notes')).toThrow();
    expect(() => open(k, tamper(s, 1), 'field:study-1:notes')).toThrow();
    expect(() => open(k, s, 'field:study-2:notes')).toThrow();
    expect(() => open(key(), s, 'field:study-1:notes')).toThrow();
    expect(() => open(k, s.replace(/^v1/, 'v2'), 'field:study-1:notes')).toThrow(/Onbekend versleutelingsformaat/);
    expect(() => open(k, 'geen-versleutelde-waarde', 'x')).toThrow(/Onbekend versleutelingsformaat/);
  });
});

describe('KeyRing', () => {
  const studyA = '11111111-1111-4111-8111-111111111111';
  const studyB = '22222222-2222-4222-8222-222222222222';

  it('wraps and unwraps study keys, bound to the study', () => {
    const ring = new KeyRing(key(), async () => null);
    const { wrapped, key: k } = ring.newWrappedStudyKey(studyA);
    expect(k).toHaveLength(32);
    expect(wrapped).not.toContain(k.toString('base64'));
    expect(ring.unwrap(studyA, wrapped).equals(k)).toBe(true);
    // a wrapped key copied to another study does not open
    expect(() => ring.unwrap(studyB, wrapped)).toThrow();
    // nor under another master key
    expect(() => new KeyRing(key(), async () => null).unwrap(studyA, wrapped)).toThrow();
    expect(ring.unwrap(studyA, ring.wrap(studyA, k)).equals(k)).toBe(true);
  });

  it('loads a wrapped key once, then encrypts and decrypts fields bound to study and field', async () => {
    const master = key();
    const setup = new KeyRing(master, async () => null);
    const wrappedA = setup.newWrappedStudyKey(studyA).wrapped;
    const store = new Map([[studyA, wrappedA]]);
    let loads = 0;
    const ring = new KeyRing(master, async (id) => {
      loads++;
      return store.get(id) ?? null;
    });
    const sealed = await ring.encrypt(studyA, 'studies.confidential_notes', 'Adres: Dorpsstraat 1');
    expect(await ring.decrypt(studyA, 'studies.confidential_notes', sealed)).toBe('Adres: Dorpsstraat 1');
    expect(await ring.decrypt(studyA, 'studies.confidential_notes', sealed)).toBe('Adres: Dorpsstraat 1');
    expect(loads).toBe(1);
    await expect(ring.decrypt(studyA, 'studies.other_field', sealed)).rejects.toThrow();
    await expect(ring.studyKey(studyB)).rejects.toThrow(/Geen sleutel voor onderzoek/);
    // another installation with the same wrapped key but its own master key cannot read it
    await expect(new KeyRing(key(), async (id) => store.get(id) ?? null).decrypt(studyA, 'studies.confidential_notes', sealed)).rejects.toThrow();
  });

  it('seals second-factor secrets under the master key, bound to the user', () => {
    const ring = new KeyRing(key(), async () => null);
    const sealed = ring.sealUserSecret('user-1', 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(ring.openUserSecret('user-1', sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => ring.openUserSecret('user-2', sealed)).toThrow();
  });
});

describe('master key', () => {
  it('is created on first use as a 0600 file and read back on the next', () => {
    const dataDir = path.join(tempDir(), 'nieuw');
    const first = loadMasterKey({ masterKey: null, dataDir });
    expect(first).toMatchObject({ source: 'file', created: true, file: path.join(dataDir, 'master.key') });
    expect(first.key).toHaveLength(32);
    expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    const second = loadMasterKey({ masterKey: null, dataDir });
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('tightens a key file that others can read', () => {
    const dataDir = tempDir();
    const { key: k, file } = loadMasterKey({ masterKey: null, dataDir });
    fs.chmodSync(file!, 0o644);
    expect(loadMasterKey({ masterKey: null, dataDir }).key.equals(k)).toBe(true);
    expect(fs.statSync(file!).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file with the wrong length', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'master.key'), crypto.randomBytes(16).toString('base64'), { mode: 0o600 });
    expect(() => loadMasterKey({ masterKey: null, dataDir })).toThrow(/32 bytes/);
  });

  it('accepts TNH_MASTER_KEY as hex or base64 and then writes no file', () => {
    const k = key();
    for (const text of [k.toString('hex'), k.toString('hex').toUpperCase(), k.toString('base64'), `  ${k.toString('base64')}\n`]) {
      const dataDir = tempDir();
      const config = loadConfig({ TNH_MASTER_KEY: text, TNH_DATA_DIR: dataDir });
      const r = loadMasterKey(config);
      expect(r).toMatchObject({ source: 'env', created: false });
      expect(r.key.equals(k)).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);
    }
  });

  it('rejects a TNH_MASTER_KEY of the wrong length with a clear message', () => {
    for (const text of [crypto.randomBytes(16).toString('hex'), crypto.randomBytes(31).toString('base64'), crypto.randomBytes(33).toString('base64'), 'geen sleutel']) {
      expect(() => loadMasterKey({ masterKey: text, dataDir: tempDir() })).toThrow(/TNH_MASTER_KEY moet een sleutel van 32 bytes bevatten/);
    }
    expect(() => decodeKey('abc', 'X')).toThrow(/^X moet/);
  });
});

describe('tokens', () => {
  it('newToken has 256 random bits, URL-safe (43 base64url characters)', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
    for (const tk of [...tokens].slice(0, 50)) {
      expect(tk).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(tk, 'base64url')).toHaveLength(32);
    }
  });

  it('hashToken is the sha256 hex digest', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const tk = newToken();
    expect(hashToken(tk)).toBe(crypto.createHash('sha256').update(tk).digest('hex'));
    expect(hashToken(tk)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(tk)).not.toBe(hashToken(newToken()));
  });
});
