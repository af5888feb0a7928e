/**
 * A background job started from a page (an export, a build, an import, sending e-mail): `useJob` asks for its state
 * until it has ended, `JobProgress` shows its progress bar, its failure and (when it made a file) the download link.
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { jobsApi, keys } from '../api/endpoints';
import type { Job } from '../api/types';
import { Alert } from './Alert';
import { ProgressBar } from './ProgressBar';

const ended = (j: Job | undefined) => j?.status === 'done' || j?.status === 'failed';

interface UseJobOptions {
  /** how often to ask while the job runs (ms) */
  interval?: number;
  /** the job as the start request returned it (shown at once) */
  initial?: Job;
  /** called with the job each time it is fetched once it has ended */
  onEnd?(job: Job): void;
}

export function useJob(jobId: string | null, { interval = 1000, initial, onEnd }: UseJobOptions = {}) {
  const query = useQuery<Job>({
    queryKey: keys.job(jobId ?? ''),
    queryFn: async ({ signal }) => {
      const j = await jobsApi.get(jobId!, signal);
      if (ended(j)) onEnd?.(j);
      return j;
    },
    enabled: !!jobId,
    initialData: initial && initial.id === jobId ? initial : undefined,
    refetchInterval: (q) => (ended(q.state.data) ? false : interval),
  });
  const current = query.data;
  return { query, current, running: !!current && (current.status === 'queued' || current.status === 'running'), done: current?.status === 'done' };
}

interface JobProgressProps {
  job: Job;
  /** the progress bar's label */
  label: string;
  /** announced when the job is done */
  doneText: string;
  /** announced, and shown when the job gives no reason, when it failed */
  failedText: string;
  /** the download link's text: shown when the job is done and made a file */
  download?: string;
  children?: ReactNode;
}

export function JobProgress({ job, label, doneText, failedText, download, children }: JobProgressProps) {
  const done = job.status === 'done';
  const total = Math.max(job.total, 1);
  return (
    <div className="job">
      <ProgressBar label={label} value={done ? total : job.progress} max={done ? total : job.total} announcement={done ? doneText : job.status === 'failed' ? failedText : ''} />
      {job.status === 'failed' ? (
        <Alert>
          <p>{job.error ?? failedText}</p>
        </Alert>
      ) : null}
      {done && download && job.hasOutput ? (
        <p>
          <a href={jobsApi.downloadUrl(job.id)} download className="button-secondary">
            {download}
          </a>
        </p>
      ) : null}
      {children}
    </div>
  );
}
