import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dossiersApi, keys } from '../../api/endpoints';
import type { ImportProblem, ImportResult, Job, Study } from '../../api/types';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid, type Errors } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { ProgressBar } from '../../components/ProgressBar';
import { TableWrap } from '../../components/TableWrap';
import { dossiersPath, ModuleGate, useDossierCrumbs } from './common';
import { useJob } from '../../components/JobProgress';

export function ImportPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.write" page={t('import.title')}>
      {(study) => <Import study={study} />}
    </ModuleGate>
  );
}

const CASES_COLUMNS = ['case_id', 'birth_month', 'sex', 'region', 'placement_reasons', 'parent_factors'];
const EVENTS_COLUMNS = ['case_id', 'date', 'type', 'detail'];

function importResult(job: Job | undefined): ImportResult | null {
  const r = job?.result as ImportResult | null | undefined;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return null;
  return r;
}

function Import({ study }: { study: Study }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const title = t('import.title');
  const crumbs = useDossierCrumbs(study, { label: title });
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [casesFile, setCasesFile] = useState<File | null>(null);
  const [eventsFile, setEventsFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const start = useMutation({
    mutationFn: async () => {
      const [cases, events] = await Promise.all([casesFile!.text(), eventsFile!.text()]);
      return dossiersApi.startImport(study.slug, { cases, events });
    },
    onMutate: () => setJobId(null),
    onSuccess: (job) => {
      queryClient.setQueryData(keys.job(job.id), job);
      setJobId(job.id);
    },
  });
  const { query: job, current, running: jobRunning, done } = useJob(jobId, { interval: 700 });
  const running = start.isPending || jobRunning;
  const result = done ? importResult(current) : null;

  useEffect(() => {
    if (result?.ok) void queryClient.invalidateQueries({ queryKey: keys.dossiers(study.slug) });
    if (result || current?.status === 'failed') resultHeading.current?.focus();
  }, [result, current?.status, queryClient, study.slug]);

  if (study.archived) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
        <p className="notice">{t('study.archivedReadOnly')}</p>
      </>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (!casesFile) next.cases = t('import.errors.casesMissing');
    if (!eventsFile) next.events = t('import.errors.eventsMissing');
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    start.mutate();
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('import.intro')}</p>

      <section aria-labelledby="import-format" className="section">
        <h2 id="import-format">{t('import.formatHeading')}</h2>
        <p>{t('import.formatIntro')}</p>
        <dl className="format-list">
          <dt>
            <code>cases.csv</code>
          </dt>
          <dd>
            <p>
              {t('import.columns')} <code className="break">{CASES_COLUMNS.join(',')}</code>
            </p>
            <p className="small">{t('import.casesExplain')}</p>
          </dd>
          <dt>
            <code>events.csv</code>
          </dt>
          <dd>
            <p>
              {t('import.columns')} <code className="break">{EVENTS_COLUMNS.join(',')}</code>
            </p>
            <p className="small">{t('import.eventsExplain')}</p>
          </dd>
        </dl>
        <p className="small">{t('import.allOrNothing')}</p>
        <p>
          {t('import.example')}{' '}
          <a href={dossiersApi.exportUrl(study.slug, 'cases')} download>
            {t('import.exampleCases')}
          </a>
          {', '}
          <a href={dossiersApi.exportUrl(study.slug, 'events')} download>
            {t('import.exampleEvents')}
          </a>
        </p>
      </section>

      <section aria-labelledby="import-files" className="section panel">
        <h2 id="import-files">{t('import.filesHeading')}</h2>
        <form ref={form} onSubmit={submit} noValidate className="form">
          <FormErrorSummary errors={errors} />
          <ErrorAlert error={start.error ?? job.error} />
          <FileField id="import-cases" label={t('import.casesFile')} error={errors.cases} onChange={setCasesFile} />
          <FileField id="import-events" label={t('import.eventsFile')} error={errors.events} onChange={setEventsFile} />
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={running}>
              {t('import.submit')}
            </button>
          </div>
        </form>
      </section>

      {current || start.isPending ? (
        <section aria-labelledby="import-result" className="section">
          <h2 id="import-result" ref={resultHeading} tabIndex={-1}>
            {t('import.resultHeading')}
          </h2>
          <ProgressBar
            label={t('import.progress')}
            value={done ? Math.max(current!.total, 1) : (current?.progress ?? 0)}
            max={done ? Math.max(current!.total, 1) : (current?.total ?? 0)}
            announcement={result ? (result.ok ? t('import.doneOk', { cases: result.cases, events: result.events }) : t('import.doneProblems')) : current?.status === 'failed' ? t('import.failed') : ''}
          />
          {current?.status === 'failed' ? (
            <Alert>
              <p>{current.error ?? t('import.failed')}</p>
            </Alert>
          ) : null}
          {result?.ok ? (
            <div className="result-panel">
              <p>
                <strong>{t('import.doneOk', { cases: result.cases, events: result.events })}</strong>
              </p>
              <p>
                <Link to={dossiersPath(study.slug)}>{t('import.toList')}</Link>
              </p>
            </div>
          ) : null}
          {result && !result.ok ? <Problems problems={result.problems} count={result.problemCount ?? result.problems.length} /> : null}
        </section>
      ) : null}
    </>
  );
}

function FileField({ id, label, error, onChange }: { id: string; label: string; error?: string; onChange: (file: File | null) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field-hint">
        {t('import.fileHint')}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
    </div>
  );
}

function Problems({ problems, count }: { problems: ImportProblem[]; count: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert title={t('import.problemsTitle')}>
        <p>{t('import.problemsText', { count })}</p>
        {count > problems.length ? <p>{t('import.problemsTruncated', { shown: problems.length, count })}</p> : null}
      </Alert>
      <TableWrap label={t('import.problemsCaption')}>
        <table className="problems-table">
          <caption className="visually-hidden">{t('import.problemsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.file')}</th>
              <th scope="col" className="num">
                {t('import.line')}
              </th>
              <th scope="col">{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td>
                  <code>{p.file}.csv</code>
                </td>
                <td className="num">{p.line}</td>
                <td className="break">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
