/**
 * The results of a survey: the response overview; filters by closed answers (chips, in the URL as
 * `?filter=vraag:waarde`) with the filtered n; a crosstab of two closed questions with a chi-square test; per question
 * Vega-Lite charts (bars, 100% stacked Likert bars, means with a 95% CI; Vega is loaded lazily) with the same figures
 * in a table; open answers; exports as a job with a progress bar. Cells withheld by disclosure control (the
 * committee) read "< 10"; filtered figures below the threshold are not shown at all.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { EXPORT_FORMATS, type SurveyExportFormat } from '../../../shared/survey-vocabulary';
import type { QuestionResult } from '../../../shared/surveys';
import { surveyKeys, surveysApi } from '../../api/surveys';
import { can, type Study } from '../../api/types';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChartFigure } from '../../components/charts/ChartFigure';
import { SelectField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { StudyGate, studyPath } from '../studies/useStudy';
import { SurveyCrosstab } from './SurveyCrosstab';
import { barSpec, chartsFor, chipLabel, closedRefs, filterParam, likertSpec, meanSpec, parseFilterParams, type ChartText, type ClosedRef, type FilterChip } from './results-model';
import { JobProgress, useJob } from '../../components/JobProgress';

export function SurveyResultsPage() {
  return <StudyGate>{(study) => <Results study={study} />}</StudyGate>;
}

/** Filters and the crosstab axes live in the URL (?filter=rol:pleegzorg&filter=…&rij=rol&kolom=wachtlijst). */
function useResultParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilterParams(params.getAll('filter')), [params]);
  const row = params.get('rij') ?? '';
  const col = params.get('kolom') ?? '';
  const write = (next: { filters?: FilterChip[]; row?: string; col?: string }) => {
    const p = new URLSearchParams();
    for (const f of next.filters ?? filters) p.append('filter', filterParam(f));
    const r = next.row ?? row;
    const c = next.col ?? col;
    if (r) p.set('rij', r);
    if (c) p.set('kolom', c);
    setParams(p, { replace: true });
  };
  return { filters, row, col, write };
}

function Results({ study }: { study: Study }) {
  const { t, i18n } = useTranslation();
  const { surveyId = '' } = useParams();
  const { filters, row, col, write } = useResultParams();
  const filterValues = useMemo(() => filters.map(filterParam), [filters]);
  const results = useQuery({
    queryKey: surveyKeys.results(study.slug, surveyId, filterValues),
    queryFn: ({ signal }) => surveysApi.results(study.slug, surveyId, filterValues, signal),
    placeholderData: keepPreviousData,
  });
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  const r = results.data;
  const below = r ? t('surveyResults.below', { threshold: r.threshold }) : '';
  const c = (n: number | null) => (n === null ? below : nf.format(n));
  const refs = useMemo(() => (r ? closedRefs(r.questions) : []), [r]);
  const crossRefs = useMemo(() => (r ? closedRefs(r.questions, { single: true }) : []), [r]);
  // default axes: the first two closed questions (e.g. the role against the next closed question)
  const rowRef = row || crossRefs[0]?.ref || '';
  const colRef = col || crossRefs[1]?.ref || '';
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
      {results.error && filters.length ? (
        <p>
          <button type="button" className="button-secondary" onClick={() => write({ filters: [] })}>
            {t('surveyResults.clearFilters')}
          </button>
        </p>
      ) : null}
      {r ? (
        <>
          {r.controlled ? <p className="notice">{t('surveyResults.controlled', { threshold: r.threshold })}</p> : null}
          <section aria-labelledby="results-overview" className="section">
            <h2 id="results-overview">{t('surveys.overview')}</h2>
            <dl className="facts">
              <dt>{t('surveys.invited')}</dt>
              <dd>{r.overview.invited === null && !r.controlled ? '—' : c(r.overview.invited)}</dd>
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
          <section aria-labelledby="results-filters" className="section">
            <h2 id="results-filters">{t('surveyResults.filters')}</h2>
            <Filters refs={refs} chips={filters} onChange={(next) => write({ filters: next })} />
            <p role="status" className="filtered-n" aria-busy={results.isFetching || undefined}>
              {r.withheld
                ? t('surveyResults.nWithheld')
                : filters.length
                  ? t('surveyResults.nFiltered', { n: c(r.n), total: c(r.overview.completed) })
                  : t('surveyResults.nAll', { n: c(r.n) })}
            </p>
            {r.withheld ? <Alert kind="warning">{t(`surveyResults.withheld.${r.withheld}`, { threshold: r.threshold })}</Alert> : null}
          </section>
          {r.withheld ? null : (
            <>
              <section aria-labelledby="results-crosstab" className="section">
                <h2 id="results-crosstab">{t('surveyResults.crosstab')}</h2>
                <SurveyCrosstab slug={study.slug} surveyId={surveyId} refs={crossRefs} filters={filterValues} row={rowRef} col={colRef} onChange={(nr, nc) => write({ row: nr, col: nc })} />
              </section>
              <section aria-labelledby="results-questions" className="section">
                <h2 id="results-questions">{t('surveys.perQuestion')}</h2>
                {r.suppressed && r.controlled ? <p className="small">{t('surveyResults.belowExplain', { threshold: r.threshold })}</p> : null}
                {r.questions.map((q) => (
                  <QuestionBlock key={q.name} q={q} c={c} nf={nf} below={below} />
                ))}
              </section>
            </>
          )}
        </>
      ) : null}
      {can(study, 'data.read') ? <Export slug={study.slug} surveyId={surveyId} /> : null}
    </>
  );
}

/** Add a filter (question, then answer) and remove filters (chips). */
function Filters({ refs, chips, onChange }: { refs: ClosedRef[]; chips: FilterChip[]; onChange: (next: FilterChip[]) => void }) {
  const { t } = useTranslation();
  const [ref, setRef] = useState('');
  const [value, setValue] = useState('');
  const current = refs.find((x) => x.ref === ref);
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!ref || !value) return;
    if (!chips.some((c) => c.ref === ref && c.value === value)) onChange([...chips, { ref, value }]);
    setValue('');
  };
  return (
    <>
      <p>{t('surveyResults.filtersIntro')}</p>
      {refs.length ? (
        <form className="inline-form filter-inline filter-add" onSubmit={add}>
          <SelectField
            label={t('surveyResults.filterQuestion')}
            value={ref}
            onChange={(e) => {
              setRef(e.target.value);
              setValue('');
            }}
          >
            <option value="">{t('surveyResults.chooseQuestion')}</option>
            {refs.map((r) => (
              <option key={r.ref} value={r.ref}>
                {r.label}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('surveyResults.filterAnswer')} value={value} onChange={(e) => setValue(e.target.value)} disabled={!current}>
            <option value="">{t('surveyResults.chooseAnswer')}</option>
            {current?.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button-secondary" disabled={!ref || !value}>
            {t('surveyResults.addFilter')}
          </button>
        </form>
      ) : null}
      {chips.length ? (
        <div className="filter-chips">
          <p className="visually-hidden" id="active-filters">
            {t('surveyResults.activeFilters')}
          </p>
          <ul className="chips" aria-labelledby="active-filters">
            {chips.map((chip) => {
              const l = chipLabel(chip, refs);
              return (
                <li key={filterParam(chip)} className="chip">
                  <span>
                    {l.question}: <strong>{l.answer}</strong>
                  </span>
                  <button type="button" className="chip-remove" aria-label={t('surveyResults.removeFilter', l)} onClick={() => onChange(chips.filter((c) => c !== chip))}>
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {chips.length > 1 ? (
            <button type="button" className="button-link" onClick={() => onChange([])}>
              {t('surveyResults.clearFilters')}
            </button>
          ) : null}
        </div>
      ) : (
        <p className="muted small">{t('surveyResults.noFilters')}</p>
      )}
    </>
  );
}

function QuestionBlock({ q, c, nf, below }: { q: QuestionResult; c: (n: number | null) => string; nf: Intl.NumberFormat; below: string }) {
  const { t } = useTranslation();
  const pct = (p: number | null) => (p === null ? '—' : `${nf.format(p)}%`);
  const text = useMemo<ChartText>(() => ({ percent: t('surveyResults.percentAxis'), withheld: below, mean: t('surveyResults.meanAxis'), num: (n) => nf.format(n) }), [t, below, nf]);
  const kinds = chartsFor(q);
  const bars = useMemo(() => (kinds.bars ? barSpec(q, text) : null), [q, text, kinds.bars]);
  const likert = useMemo(() => (kinds.likert ? likertSpec(q, text) : null), [q, text, kinds.likert]);
  const mean = useMemo(() => (kinds.mean ? meanSpec(q, text) : null), [q, text, kinds.mean]);
  const gap = [...(q.options ?? []), ...(q.rows ?? []).flatMap((r) => r.options)].some((o) => o.count === null);
  const gapNote = gap ? ` ${t('surveyResults.chartGap')}` : '';
  return (
    <div className="survey-result">
      <h3>{q.title}</h3>
      <p className="small muted">{t('surveys.answeredBy', { n: c(q.n) })}</p>
      {bars ? (
        <ChartFigure
          spec={bars}
          label={t('surveyResults.chartBars', { title: q.title })}
          caption={(q.type === 'checkbox' ? t('surveyResults.captionMultiple') : t('surveyResults.captionBars')) + gapNote}
        />
      ) : null}
      {likert ? <ChartFigure spec={likert} label={t('surveyResults.chartLikert', { title: q.title })} caption={t('surveyResults.captionLikert') + gapNote} /> : null}
      {mean && q.mean ? (
        <ChartFigure
          spec={mean}
          className="chart-figure-small"
          label={t('surveyResults.chartMean', { title: q.title, mean: nf.format(q.mean.mean), lo: nf.format(q.mean.lo), hi: nf.format(q.mean.hi) })}
          caption={t('surveyResults.captionMean')}
        />
      ) : null}
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
      {q.ranks?.length ? (
        <TableWrap label={q.title}>
          <table>
            <caption className="visually-hidden">{q.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.answer')}</th>
                <th scope="col">{t('surveyResults.meanRank')}</th>
              </tr>
            </thead>
            <tbody>
              {q.ranks.map((o) => (
                <tr key={o.value}>
                  <th scope="row">{o.label}</th>
                  <td>{o.meanRank === null ? '—' : nf.format(o.meanRank)}</td>
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
  const { query: job, current, running } = useJob(jobId, { interval: 500 });
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
        <JobProgress job={current} label={t('surveys.exportProgress')} doneText={t('surveys.exportDone')} failedText={t('surveys.exportFailed')} download={t('surveys.download')} />
      ) : null}
    </section>
  );
}
