/**
 * The results of a survey: the response overview, per question counts and percentages (means with a 95% CI,
 * Likert rows, open answers), and exports as a job with a progress bar. Cells withheld by disclosure control
 * (the committee) read "< drempel".
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Job } from '../../../shared/api';
import { EXPORT_FORMATS, type SurveyExportFormat } from '../../../shared/survey-vocabulary';
import type { QuestionResult } from '../../../shared/surveys';
import { jobsApi } from '../../api/endpoints';
import { surveyKeys, surveysApi } from '../../api/surveys';
import { can, type Study } from '../../api/types';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { PageHeading } from '../../components/PageHeading';
import { ProgressBar } from '../../components/ProgressBar';
import { TableWrap } from '../../components/TableWrap';
import { StudyGate, studyPath } from '../studies/useStudy';

export function SurveyResultsPage() {
  return <StudyGate>{(study) => <Results study={study} />}</StudyGate>;
}

function Results({ study }: { study: Study }) {
  const { t, i18n } = useTranslation();
  const { surveyId = '' } = useParams();
  const [filters] = useState<Record<string, string[]>>({});
  const results = useQuery({ queryKey: surveyKeys.results(study.slug, surveyId, filters), queryFn: ({ signal }) => surveysApi.results(study.slug, surveyId, filters, signal) });
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  const c = (n: number | null) => (n === null ? t('surveys.belowThreshold') : nf.format(n));
  const r = results.data;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.studies'), to: '/onderzoeken' },
          { label: study.title, to: studyPath(study.slug) },
          { label: t('modules.surveys'), to: studyPath(study.slug, 'enquetes') },
          { label: t('surveys.results') },
        ]}
      />
      <PageHeading>{t('surveys.resultsTitle')}</PageHeading>
      <ErrorAlert error={results.error} />
      {results.isPending ? <Loading /> : null}
      {r ? (
        <>
          {r.controlled ? <p className="notice">{t('surveys.controlled', { threshold: r.threshold })}</p> : null}
          <section aria-labelledby="results-overview" className="section">
            <h2 id="results-overview">{t('surveys.overview')}</h2>
            <dl className="facts">
              <dt>{t('surveys.invited')}</dt>
              <dd>{c(r.overview.invited)}</dd>
              <dt>{t('surveys.started')}</dt>
              <dd>{c(r.overview.started)}</dd>
              <dt>{t('surveys.completed')}</dt>
              <dd>{c(r.overview.completed)}</dd>
              <dt>{t('surveys.completionRate')}</dt>
              <dd>{r.overview.completionRate === null ? '—' : `${nf.format(r.overview.completionRate * 100)}%`}</dd>
              <dt>{t('surveys.medianDuration')}</dt>
              <dd>{r.overview.medianDurationSeconds === null ? '—' : t('surveys.minutes', { n: nf.format(r.overview.medianDurationSeconds / 60) })}</dd>
            </dl>
            {r.overview.dropOff.length ? (
              <TableWrap label={t('surveys.dropOff')}>
                <table>
                  <caption>{t('surveys.dropOff')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('surveys.page')}</th>
                      <th scope="col">{t('surveys.stopped')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.overview.dropOff.map((d) => (
                      <tr key={d.page}>
                        <th scope="row">{d.title || d.page}</th>
                        <td>{c(d.stopped)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            ) : null}
          </section>
          <section aria-labelledby="results-questions" className="section">
            <h2 id="results-questions">{t('surveys.perQuestion')}</h2>
            {r.questions.map((q) => (
              <QuestionBlock key={q.name} q={q} c={c} nf={nf} />
            ))}
          </section>
        </>
      ) : null}
      {can(study, 'data.read') ? <Export slug={study.slug} surveyId={surveyId} /> : null}
    </>
  );
}

function QuestionBlock({ q, c, nf }: { q: QuestionResult; c: (n: number | null) => string; nf: Intl.NumberFormat }) {
  const { t } = useTranslation();
  const pct = (p: number | null) => (p === null ? '—' : `${nf.format(p)}%`);
  return (
    <div className="survey-result">
      <h3>{q.title}</h3>
      <p className="small muted">{t('surveys.answeredBy', { n: c(q.n) })}</p>
      {q.mean ? <p>{t('surveys.mean', { mean: nf.format(q.mean.mean), lo: nf.format(q.mean.lo), hi: nf.format(q.mean.hi), n: q.mean.n })}</p> : null}
      {q.options ? (
        <TableWrap label={q.title}>
          <table>
            <caption className="visually-hidden">{q.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.answer')}</th>
                <th scope="col">{t('surveys.count')}</th>
                <th scope="col">{t('surveys.percent')}</th>
              </tr>
            </thead>
            <tbody>
              {q.options.map((o) => (
                <tr key={String(o.value)}>
                  <th scope="row">{o.label}</th>
                  <td>{c(o.count)}</td>
                  <td>{pct(o.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {q.rows ? (
        <TableWrap label={q.title}>
          <table>
            <caption className="visually-hidden">{q.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.statement')}</th>
                {q.rows[0]?.options.map((o) => (
                  <th scope="col" key={String(o.value)}>
                    {o.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {q.rows.map((row) => (
                <tr key={row.value}>
                  <th scope="row">{row.label}</th>
                  {row.options.map((o) => (
                    <td key={String(o.value)}>
                      {c(o.count)} ({pct(o.percent)})
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {q.texts?.length ? (
        <details>
          <summary>{t('surveys.openAnswers', { n: q.texts.length })}</summary>
          <ul className="list">
            {q.texts.map((x, i) => (
              <li key={i} className="prewrap">
                {x}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function Export({ slug, surveyId }: { slug: string; surveyId: string }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<SurveyExportFormat>('xlsx');
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({ mutationFn: () => surveysApi.startExport(slug, surveyId, format), onSuccess: (job) => setJobId(job.id) });
  const job = useQuery<Job>({
    queryKey: ['job', jobId ?? ''],
    queryFn: ({ signal }) => jobsApi.get(jobId!, signal),
    enabled: !!jobId,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : 500;
    },
  });
  const current = job.data;
  const running = !!current && (current.status === 'queued' || current.status === 'running');
  const done = current?.status === 'done';
  return (
    <section aria-labelledby="results-export" className="section">
      <h2 id="results-export">{t('surveys.export')}</h2>
      <ErrorAlert error={start.error ?? job.error} />
      <div className="field">
        <label htmlFor="export-format">{t('surveys.format')}</label>
        <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as SurveyExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`surveys.formats.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button-primary" onClick={() => start.mutate()} disabled={start.isPending || running}>
        {t('surveys.startExport')}
      </button>
      {current ? (
        <div className="job">
          <ProgressBar
            label={t('surveys.exportProgress')}
            value={done ? Math.max(current.total, 1) : current.progress}
            max={done ? Math.max(current.total, 1) : current.total}
            announcement={done ? t('surveys.exportDone') : current.status === 'failed' ? t('surveys.exportFailed') : ''}
          />
          {current.status === 'failed' ? <Alert>{current.error ?? t('surveys.exportFailed')}</Alert> : null}
          {done && current.hasOutput ? (
            <p>
              <a href={jobsApi.downloadUrl(current.id)} download className="button-secondary">
                {t('surveys.download')}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
