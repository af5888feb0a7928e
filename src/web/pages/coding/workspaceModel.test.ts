import { describe, expect, it } from 'vitest';
import { SparseCodePoints } from './sparseIndex';
import { codingReducer, countByCode, countWords, createdBy, displayTurns, forgetInUndo, isTemp, pushUndo, tempCodings, trimToContent, UNDO_LIMIT, type CodingState, type WsCoding } from './workspaceModel';

const c = (id: string, codeId: string, start: number, end: number, memo = ''): WsCoding => ({ id, codeId, start, end, memo });

describe('optimistic codings', () => {
  const base: CodingState = { codings: [c('s1', 'k1', 0, 5)] };

  it('shows an apply at once and replaces it by the saved coding', () => {
    const temps = tempCodings(base.codings, { start: 10, end: 20 }, ['k1', 'k2']);
    expect(temps).toHaveLength(2);
    expect(temps.every((t) => isTemp(t.id))).toBe(true);
    const shown = codingReducer(base, { type: 'add', codings: temps });
    expect(shown.codings).toHaveLength(3);
    const saved = [c('s2', 'k1', 10, 20), c('s3', 'k2', 10, 20)];
    const done = codingReducer(shown, { type: 'added', tempIds: temps.map((t) => t.id), saved });
    expect(done.codings.map((x) => x.id)).toEqual(['s1', 's2', 's3']);
    expect(createdBy(base.codings, saved).map((x) => x.id)).toEqual(['s2', 's3']);
  });

  it('leaves out codes already on exactly that passage, and does not double a coding the server returns again', () => {
    expect(tempCodings(base.codings, { start: 0, end: 5 }, ['k1', 'k2']).map((t) => t.codeId)).toEqual(['k2']);
    const temps = tempCodings(base.codings, { start: 0, end: 5 }, ['k1', 'k2']);
    const shown = codingReducer(base, { type: 'add', codings: temps });
    const done = codingReducer(shown, { type: 'added', tempIds: temps.map((t) => t.id), saved: [c('s1', 'k1', 0, 5), c('s9', 'k2', 0, 5)] });
    expect(done.codings.map((x) => x.id)).toEqual(['s1', 's9']);
  });

  it('rolls back a failed apply and a failed removal', () => {
    const temps = tempCodings(base.codings, { start: 1, end: 2 }, ['k3']);
    const shown = codingReducer(base, { type: 'add', codings: temps });
    expect(codingReducer(shown, { type: 'addFailed', tempIds: temps.map((t) => t.id) })).toEqual(base);
    const removed = codingReducer(base, { type: 'remove', ids: ['s1'] });
    expect(removed.codings).toEqual([]);
    expect(codingReducer(removed, { type: 'restore', codings: base.codings })).toEqual(base);
    // restoring what is there changes nothing
    expect(codingReducer(base, { type: 'restore', codings: base.codings })).toBe(base);
  });

  it('keeps optimistic codings on their way through a reload, and updates memos', () => {
    const temps = tempCodings(base.codings, { start: 30, end: 40 }, ['k1']);
    const shown = codingReducer(base, { type: 'add', codings: temps });
    const synced = codingReducer(shown, { type: 'sync', codings: [c('s1', 'k1', 0, 5), c('s5', 'k2', 3, 4)] });
    expect(synced.codings.map((x) => x.id)).toEqual(['s1', 's5', temps[0].id]);
    expect(codingReducer(synced, { type: 'memo', id: 's5', memo: 'let op' }).codings[1].memo).toBe('let op');
  });
});

describe('undo history', () => {
  it('keeps at most the last steps, skips empty ones, and forgets codings removed elsewhere', () => {
    let stack = pushUndo([], { kind: 'apply', codings: [] });
    expect(stack).toEqual([]);
    for (let i = 0; i < UNDO_LIMIT + 5; i++) stack = pushUndo(stack, { kind: 'apply', codings: [c(`s${i}`, 'k', i, i + 1)] });
    expect(stack).toHaveLength(UNDO_LIMIT);
    expect(stack.at(-1)!.codings[0].id).toBe(`s${UNDO_LIMIT + 4}`);
    const small = [
      { kind: 'apply' as const, codings: [c('a', 'k', 0, 1), c('b', 'k2', 0, 1)] },
      { kind: 'remove' as const, codings: [c('x', 'k', 0, 1)] },
      { kind: 'apply' as const, codings: [c('d', 'k', 0, 1)] },
    ];
    expect(forgetInUndo(small, new Set(['a', 'd', 'x'])).map((s) => [s.kind, s.codings.map((x) => x.id)])).toEqual([
      ['apply', ['b']],
      ['remove', ['x']],
    ]);
  });
});

describe('counts', () => {
  it('counts words with emoji, accents, apostrophes and hyphens', () => {
    expect(countWords("Zo'n ouder-kind relatie 👍🏽 in café Zoë, 12 keer!")).toBe(8);
    expect(countWords('  ')).toBe(0);
  });
  it('counts codings per code', () => {
    expect(Object.fromEntries(countByCode([c('1', 'a', 0, 1), c('2', 'b', 0, 1), c('3', 'a', 2, 3)]))).toEqual({ a: 2, b: 1 });
  });
});

describe('turns as shown', () => {
  const text = 'I: Hoe gaat het? 👍🏽\r\nR: Goed.\nDit is geen beurt.\nSanne de Vries: Dag.';
  const idx = new SparseCodePoints(text);
  const cp = (s: string) => idx.toCp(text.indexOf(s));
  const units = [
    { start: cp('Hoe'), end: cp('\r\nR'), speaker: 'I' },
    { start: cp('Goed'), end: cp('\nDit'), speaker: 'R' },
    { start: cp('Dag'), end: idx.length, speaker: 'Sanne de Vries' },
  ];
  it('widens each turn back over its speaker label, not over other text', () => {
    const turns = displayTurns(idx, units);
    expect(turns.map((t) => [t.start, t.content])).toEqual([
      [0, cp('Hoe')],
      [cp('R:'), cp('Goed')],
      [cp('Sanne'), cp('Dag')],
    ]);
    // a unit without a label before it stays as it is
    expect(displayTurns(idx, [{ start: cp('geen'), end: cp('beurt'), speaker: null }])[0].start).toBe(cp('geen'));
  });
  it('keeps the label out of a selection that starts in it', () => {
    const turns = displayTurns(idx, units);
    expect(trimToContent({ start: 0, end: cp('\r\nR') }, turns)).toEqual({ start: cp('Hoe'), end: cp('\r\nR') });
    expect(trimToContent({ start: cp('gaat'), end: cp('het') }, turns)).toEqual({ start: cp('gaat'), end: cp('het') });
    // only the label: left alone (nothing of the turn's text is in it)
    expect(trimToContent({ start: 0, end: 1 }, turns)).toEqual({ start: 0, end: 1 });
  });
});
