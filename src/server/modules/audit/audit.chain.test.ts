import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import stringify from 'safe-stable-stringify';
import { GENESIS, canonicalTail, chainHash, verifyRows, type ChainFields } from './audit.chain';

type Row = ChainFields & { hash: string };

function chain(n: number, start = { id: 1, prev: GENESIS }): Row[] {
  const rows: Row[] = [];
  let prev = start.prev;
  for (let i = 0; i < n; i++) {
    const f: ChainFields = {
      id: start.id + i,
      studyId: i % 2 ? '6f1c2d3e-0000-4000-8000-000000000001' : null,
      actorId: '6f1c2d3e-0000-4000-8000-0000000000aa',
      action: i % 2 ? 'study.updated' : 'auth.login',
      objectType: 'study',
      objectId: String(i),
      details: { fields: ['title'], n: i },
      createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString(),
      prevHash: prev,
    };
    const hash = chainHash(f);
    rows.push({ ...f, hash });
    prev = hash;
  }
  return rows;
}

const base: ChainFields = {
  id: 7,
  studyId: null,
  actorId: null,
  action: 'user.created',
  objectType: 'user',
  objectId: 'abc',
  details: { a: 1, b: 'twee' },
  createdAt: '2026-01-01T10:00:00.000Z',
  prevHash: GENESIS,
};

describe('chainHash', () => {
  it('is a sha256 hex digest, stable for the same fields', () => {
    expect(chainHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash({ ...base })).toBe(chainHash(base));
    expect(GENESIS).toBe('0'.repeat(64));
  });

  it('does not depend on the key order of details (jsonb does not keep it)', () => {
    expect(chainHash({ ...base, details: { b: 'twee', a: 1 } })).toBe(chainHash(base));
  });

  it.each([
    ['id', { id: 8 }],
    ['studyId', { studyId: '6f1c2d3e-0000-4000-8000-000000000001' }],
    ['actorId', { actorId: '6f1c2d3e-0000-4000-8000-0000000000aa' }],
    ['action', { action: 'user.deleted' }],
    ['objectType', { objectType: 'study' }],
    ['objectId', { objectId: 'abd' }],
    ['objectId null', { objectId: null }],
    ['details', { details: { a: 2, b: 'twee' } }],
    ['details nested', { details: { a: 1, b: 'twee', c: { d: [] } } }],
    ['createdAt', { createdAt: '2026-01-01T10:00:00.001Z' }],
    ['prevHash', { prevHash: 'f'.repeat(64) }],
  ] as [string, Partial<ChainFields>][])('changes when %s changes', (_name, change) => {
    expect(chainHash({ ...base, ...change })).not.toBe(chainHash(base));
  });

  it('keeps fields apart (no ambiguity from concatenation)', () => {
    expect(chainHash({ ...base, action: 'a.b', objectType: 'c' })).not.toBe(chainHash({ ...base, action: 'a', objectType: 'b.c' }));
  });
});

describe('canonicalTail', () => {
  it('completes the canonical text of chainHash after the id and the previous hash (the database adds those two)', () => {
    const tricky: ChainFields[] = [
      base,
      { ...base, id: 9_007_199_254_740_991, studyId: '6f1c2d3e-0000-4000-8000-000000000001', prevHash: 'ab'.repeat(32) },
      { ...base, objectId: null, details: {} },
      { ...base, action: 'a"b\\c', details: { 'z"': ['é', '😀', '\n\t', null, 1.5, -0, true], a: { '': 'leeg', b: [{ y: 1, x: 2 }] }, '</script>': '<b>' } },
    ];
    for (const f of tricky) {
      const { id, prevHash, ...rest } = f;
      const text = '[' + String(id) + ',"' + prevHash + '",' + canonicalTail(rest);
      expect(text).toBe(stringify([id, prevHash, f.studyId, f.actorId, f.action, f.objectType, f.objectId, f.details, f.createdAt]));
      expect(crypto.createHash('sha256').update(text).digest('hex')).toBe(chainHash(f));
    }
  });
});

describe('verifyRows', () => {
  it('accepts an intact chain and carries the head hash', () => {
    const rows = chain(5);
    const state = { prev: GENESIS, checked: 0 };
    expect(verifyRows(rows, state)).toBeNull();
    expect(state).toEqual({ prev: rows[4].hash, checked: 5 });
  });

  it('accepts an empty page without changing the state', () => {
    const state = { prev: GENESIS, checked: 0 };
    expect(verifyRows([], state)).toBeNull();
    expect(state).toEqual({ prev: GENESIS, checked: 0 });
  });

  it('works across pages', () => {
    const rows = chain(6);
    const state = { prev: GENESIS, checked: 0 };
    expect(verifyRows(rows.slice(0, 2), state)).toBeNull();
    expect(verifyRows(rows.slice(2, 5), state)).toBeNull();
    expect(verifyRows(rows.slice(5), state)).toBeNull();
    expect(state.checked).toBe(6);
    // a page that does not follow on from the previous one is a break
    const again = { prev: GENESIS, checked: 0 };
    verifyRows(rows.slice(0, 2), again);
    expect(verifyRows(rows.slice(3), again)).toEqual({ id: 4, reason: expect.stringMatching(/prev_hash/) });
  });

  it('reports a changed row at that row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], details: { fields: ['title'], n: 99 } };
    const state = { prev: GENESIS, checked: 0 };
    expect(verifyRows(rows, state)).toEqual({ id: 3, reason: expect.stringMatching(/hash klopt niet/) });
    expect(state.checked).toBe(2);
  });

  it('reports a changed row whose hash was recomputed at the next row', () => {
    const rows = chain(5);
    const forged = { ...rows[2], action: 'study.archived' };
    rows[2] = { ...forged, hash: chainHash(forged) };
    expect(verifyRows(rows, { prev: GENESIS, checked: 0 })).toEqual({ id: 4, reason: expect.stringMatching(/prev_hash/) });
  });

  it('reports a removed row at the row after it', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyRows(rows, { prev: GENESIS, checked: 0 })).toEqual({ id: 3, reason: expect.stringMatching(/vorige schakel ontbreekt/) });
  });

  it('reports a removed first row, and swapped rows', () => {
    expect(verifyRows(chain(3).slice(1), { prev: GENESIS, checked: 0 })?.id).toBe(2);
    const rows = chain(4);
    [rows[1], rows[2]] = [rows[2], rows[1]];
    expect(verifyRows(rows, { prev: GENESIS, checked: 0 })?.id).toBe(3);
  });

  it('refuses a rebuilt chain with a different genesis', () => {
    const rows = chain(3, { id: 1, prev: crypto.randomBytes(32).toString('hex') });
    expect(verifyRows(rows, { prev: GENESIS, checked: 0 })).toEqual({ id: 1, reason: expect.any(String) });
  });
});
