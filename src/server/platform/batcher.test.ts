import { describe, expect, it } from 'vitest';
import { batcher } from './batcher';

const tick = () => new Promise((r) => setImmediate(r));

/** A fake store: records every call; `gate` holds a call until released, so requests pile up behind it. */
function store() {
  const calls: string[][] = [];
  let release: () => void = () => {};
  let held = false;
  const wait = () => (held ? new Promise<void>((r) => (release = r)) : Promise.resolve());
  return {
    calls,
    hold: () => (held = true),
    release: () => {
      held = false;
      release();
    },
    single: async (x: string) => {
      calls.push([x]);
      await wait();
      if (x === 'kapot') throw new Error('kapot alleen');
      return x.toUpperCase();
    },
    many: async (xs: string[]) => {
      calls.push(xs);
      await wait();
      if (xs.includes('kapot')) throw new Error('batch kapot');
      return xs.map((x) => (x === 'fout' ? new Error(`fout in ${x}`) : x.toUpperCase()));
    },
  };
}

describe('batcher', () => {
  it('sends a lone request through its single path, at once', async () => {
    const s = store();
    const b = batcher({ single: s.single, many: s.many, key: (x) => x, max: 10 });
    expect(await b.add('a')).toBe('A');
    expect(s.calls).toEqual([['a']]);
    expect(b.stats).toEqual({ batches: 1, items: 1, fallbacks: 0 });
  });

  it('gathers the requests that arrive while a batch is at the database into the next one', async () => {
    const s = store();
    const b = batcher({ single: s.single, many: s.many, key: (x) => x, max: 10 });
    s.hold();
    const first = b.add('a');
    await tick();
    const rest = ['b', 'c', 'd'].map((x) => b.add(x));
    await tick();
    expect(s.calls).toEqual([['a']]);
    s.release();
    expect(await Promise.all([first, ...rest])).toEqual(['A', 'B', 'C', 'D']);
    expect(s.calls).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('keeps two requests for the same row out of one batch, and respects the maximum', async () => {
    const s = store();
    const b = batcher({ single: s.single, many: s.many, key: (x) => x[0], max: 2 });
    s.hold();
    const first = b.add('z');
    await tick();
    const rest = ['a1', 'a2', 'b1', 'c1'].map((x) => b.add(x));
    await tick();
    s.release();
    await Promise.all([first, ...rest]);
    expect(s.calls).toEqual([['z'], ['a1', 'b1'], ['a2', 'c1']]);
  });

  it('rejects only the item that failed on its own', async () => {
    const s = store();
    const b = batcher({ single: s.single, many: s.many, key: (x) => x, max: 10 });
    const all = await Promise.allSettled(['a', 'fout', 'b'].map((x) => b.add(x)));
    expect(all.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((all[1] as PromiseRejectedResult).reason.message).toBe('fout in fout');
  });

  it('runs each item of a batch that failed as a whole on its own, so one bad request fails alone', async () => {
    const s = store();
    const b = batcher({ single: s.single, many: s.many, key: (x) => x, max: 10 });
    s.hold();
    const first = b.add('a');
    await tick();
    const rest = ['b', 'kapot', 'c'].map((x) => b.add(x));
    await tick();
    s.release();
    const all = await Promise.allSettled([first, ...rest]);
    expect(all.map((r) => (r.status === 'fulfilled' ? r.value : r.reason.message))).toEqual(['A', 'B', 'kapot alleen', 'C']);
    expect(s.calls.slice(1)).toEqual([['b', 'kapot', 'c'], ['b'], ['kapot'], ['c']]);
    expect(b.stats.fallbacks).toBe(1);
  });
});
