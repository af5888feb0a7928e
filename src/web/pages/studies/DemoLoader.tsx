import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { demoApi, keys } from '../../api/endpoints';
import { Alert, ErrorAlert } from '../../components/Alert';
import { ProgressBar } from '../../components/ProgressBar';
import { studyPath } from './useStudy';
import { useJob } from '../../components/JobProgress';

/**
 * On the empty start page: loads the FICTIONAL demo study as a job (it takes several seconds), shows its
 * progress, and opens the study when it is ready.
 */
export function DemoLoader() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const start = useMutation({
    mutationFn: () => demoApi.load(),
    onSuccess: (job) => {
      queryClient.setQueryData(keys.job(job.id), job);
      setJobId(job.id);
    },
  });
  const { query: job, current, running: jobRunning } = useJob(jobId, { interval: 500 });
  const running = start.isPending || jobRunning;
  const slug = current?.status === 'done' && typeof current.result?.slug === 'string' ? current.result.slug : null;

  useEffect(() => {
    if (!slug) return;
    void queryClient.invalidateQueries({ queryKey: keys.studies() });
    void navigate(studyPath(slug));
  }, [slug, navigate, queryClient]);
  useEffect(() => {
    if (current?.status === 'failed') heading.current?.focus();
  }, [current?.status]);

  return (
    <section aria-labelledby="demo-heading" className="section panel">
      <h2 id="demo-heading" ref={heading} tabIndex={-1}>
        {t('demo.heading')}
      </h2>
      <p>{t('demo.intro')}</p>
      <p className="small">{t('demo.fictional')}</p>
      <ErrorAlert error={start.error ?? job.error} />
      <div className="form-actions">
        <button type="button" className="button-primary" disabled={running} onClick={() => start.mutate()}>
          {t('demo.load')}
        </button>
      </div>
      {running || current ? (
        <ProgressBar
          label={t('demo.progress')}
          value={current?.status === 'done' ? 1 : (current?.progress ?? 0)}
          max={current?.status === 'done' ? 1 : (current?.total ?? 0)}
          announcement={slug ? t('demo.done') : current?.status === 'failed' ? t('demo.failed') : ''}
        />
      ) : null}
      {current?.status === 'failed' ? (
        <Alert>
          <p>{current.error ?? t('demo.failed')}</p>
        </Alert>
      ) : null}
    </section>
  );
}
