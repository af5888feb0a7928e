/**
 * A small job runner: jobs are rows; an in-process worker claims them with FOR UPDATE SKIP LOCKED, reports
 * progress (shown as a progress bar in the UI) and stores a result and optionally a file.
 */
import crypto from 'node:crypto';
import type { Deps } from './context';
import * as repo from '../modules/jobs/jobs.repository';

export interface JobContext {
  id: string;
  studyId: string | null;
  createdBy: string | null;
  payload: Record<string, unknown>;
  deps: Deps;
  progress(done: number, total: number): Promise<void>;
  output(filename: string, mime: string, content: Buffer): Promise<void>;
}
export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown>>;

const handlers = new Map<string, JobHandler>();

/** Modules register their job kinds at import time. */
export function registerJobKind(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  readonly worker = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

  constructor(private readonly deps: Deps, private readonly pollMs = 300) {}

  start() {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drain().then(() => undefined, (e) => this.deps.log.error({ err: e }, "job runner error"));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
    };
    void repo.requeueStale(this.deps.db, 300).catch(() => {});
    this.timer = setTimeout(tick, 10);
  }

  /** Runs queued jobs until none is left. Also used directly by tests and the CLI. */
  async drain(): Promise<number> {
    let n = 0;
    while (!this.stopped) {
      const job = await repo.claimNextJob(this.deps.db, this.worker);
      if (!job) break;
      n++;
      const handler = handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`Onbekend soort taak: ${job.kind}`);
        const result = await handler({
          id: job.id,
          studyId: job.study_id,
          createdBy: job.created_by,
          payload: job.payload,
          deps: this.deps,
          // PGlite settles queries as microtasks: yield to the event loop at each progress report so that a long
          // job does not keep HTTP requests waiting until it ends.
          progress: async (done, total) => {
            await repo.setProgress(this.deps.db, job.id, done, total);
            await new Promise((r) => setImmediate(r));
          },
          output: (filename, mime, content) => repo.saveOutput(this.deps.db, { jobId: job.id, filename, mime, content }).then(() => undefined),
        });
        await repo.finishJob(this.deps.db, job.id, result);
      } catch (e) {
        this.deps.log.error({ err: e, jobId: job.id, kind: job.kind }, 'job failed');
        await repo.failJob(this.deps.db, job.id, 'De taak is mislukt. De fout is gelogd; probeer het opnieuw of neem contact op met de beheerder.');
      }
    }
    return n;
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
