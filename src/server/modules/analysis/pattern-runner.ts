/**
 * Runs a validated pattern over decrypted texts in a worker thread with a time limit: a regular expression that
 * backtracks catastrophically despite the checks in lib/autocode/pattern.ts is stopped (the worker is terminated)
 * instead of blocking the server. The worker is plain JavaScript (no module loading), and gets the texts by message;
 * nothing is written anywhere.
 */
import { Worker } from 'node:worker_threads';
import type { CompiledPattern } from '../../../lib/autocode/pattern';

const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ source, flags, texts, limit }) => {
  const out = [];
  let total = 0;
  for (const text of texts) {
    const re = new RegExp(source, flags);
    const found = [];
    let m;
    while ((m = re.exec(text))) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      total++;
      if (total <= limit) found.push(m.index, m.index + m[0].length);
    }
    out.push(found);
  }
  parentPort.postMessage({ matches: out, total });
});
`;

export class PatternTimeout extends Error {}

/** Matches (UTF-16 index pairs) per text, and the total number of matches (also beyond `limit`). */
export function runPattern(p: CompiledPattern, texts: string[], limit: number, maxMs = 3_000): Promise<{ matches: number[][]; total: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new PatternTimeout(`Het patroon kostte meer dan ${maxMs / 1000} seconden rekentijd en is gestopt.`));
    }, maxMs);
    w.once('message', (r: { matches: number[][]; total: number }) => {
      clearTimeout(timer);
      void w.terminate();
      resolve(r);
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    w.postMessage({ source: p.source, flags: p.flags, texts, limit });
  });
}
