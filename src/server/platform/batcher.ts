/**
 * Write batching for hot paths ("natural" batching, as in group commit): while one batch is at the database, the
 * requests that arrive wait in a queue and go together in the next batch. Under light load every request goes alone,
 * at once, through its single path (no added latency); under heavy load one statement carries many requests, so the
 * round trips to the database, and the server's share of each, shrink with the load.
 *
 * - `single(item)` is the normal path of one request, used for a batch of one and as the fallback: when a batch of
 *   several fails as a whole (a deadlock with another process, a constraint), each of its items runs alone, so one
 *   request's problem never becomes another's.
 * - `many(items)` returns one result per item, an Error for an item that failed on its own (a validation error).
 * - `key(item)`: two items with the same key never share a batch (the second waits for the next one), so a batch
 *   never writes one row twice.
 * - A request is answered only after its batch has finished (committed), as on the single path.
 *
 * DataLoader batches per tick but does not hold requests while a batch is in flight, which is what lets the batch
 * grow with the load; hence this small queue.
 */
export interface BatcherOptions<I, O> {
  single: (item: I) => Promise<O>;
  many: (items: I[]) => Promise<(O | Error)[]>;
  key: (item: I) => string;
  /** at most this many items in one batch */
  max: number;
}

export interface Batcher<I, O> {
  add(item: I): Promise<O>;
  /** batches run so far and the items they carried (for tests and benchmarks) */
  readonly stats: { batches: number; items: number; fallbacks: number };
}

interface Pending<I, O> {
  item: I;
  resolve: (v: O) => void;
  reject: (e: unknown) => void;
}

export function batcher<I, O>(o: BatcherOptions<I, O>): Batcher<I, O> {
  const queue: Pending<I, O>[] = [];
  let running = false;
  let scheduled = false;
  const stats = { batches: 0, items: 0, fallbacks: 0 };

  const take = (): Pending<I, O>[] => {
    const keys = new Set<string>();
    const batch: Pending<I, O>[] = [];
    for (let i = 0; i < queue.length && batch.length < o.max; ) {
      const k = o.key(queue[i].item);
      if (keys.has(k)) {
        i++;
        continue;
      }
      keys.add(k);
      batch.push(queue.splice(i, 1)[0]);
    }
    return batch;
  };

  const alone = (p: Pending<I, O>) => o.single(p.item).then(p.resolve, p.reject);

  async function flush() {
    scheduled = false;
    if (running || queue.length === 0) return;
    running = true;
    try {
      const batch = take();
      stats.batches++;
      stats.items += batch.length;
      if (batch.length === 1) {
        await alone(batch[0]);
      } else {
        let results: (O | Error)[] | null = null;
        try {
          results = await o.many(batch.map((p) => p.item));
        } catch {
          stats.fallbacks++;
        }
        if (results) batch.forEach((p, i) => (results[i] instanceof Error ? p.reject(results[i]) : p.resolve(results[i] as O)));
        else await Promise.all(batch.map(alone));
      }
    } finally {
      running = false;
      if (queue.length) schedule();
    }
  }

  // setImmediate: the requests read from the sockets in the same turn of the event loop join the first batch
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  }

  return {
    stats,
    add(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!running) schedule();
      });
    },
  };
}
