/**
 * REFI-QDA exchange on the document list: export the study as .qdpx (a job with progress, then a download), import a
 * .qdpx into this study (a job with progress, then the report: counts and what was skipped, with reasons), and the codebook as .qdc both ways.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import type { Job, Study } from '../../api/types';
import { Alert, ErrorAlert, StatusMessage } from '../../components/Alert';
import { TableWrap } from '../../components/TableWrap';
import type { CodebookImportReport, QdpxImportReport } from '../../../shared/qdpx';
import { canWrite } from './common';
import { JobProgress, useJob } from '../../components/JobProgress';

const base = (study: Study) => `/api/studies/${encodeURIComponent(study.slug)}/qdpx`;

export function QdpxPanel({ study }: { study: Study }) {
  const { t } = useTranslation();
  const writable = canWrite(study);
  return (
    <section aria-labelledby="qdpx-heading" className="section">
      <h2 id="qdpx-heading">{t('qdpx.heading')}</h2>
      <p className="small">{t('qdpx.intro')}</p>
      <ExportProject study={study} />
      <p>
        <a href={`${base(study)}/codebook`} download className="button-secondary">
          {t('qdpx.exportCodebook')}
        </a>
      </p>
      {writable ? <ImportProject study={study} /> : null}
      {writable ? <ImportCodebook study={study} /> : null}
    </section>
  );
}

function ExportProject({ study }: { study: Study }) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({ mutationFn: () => post<Job>(`${base(study)}/export`), onSuccess: (job) => setJobId(job.id) });
  const { query: job, current, running } = useJob(jobId, { initial: start.data });
  return (
    <div>
      <ErrorAlert error={start.error ?? job.error} />
      <button type="button" className="button-primary" onClick={() => start.mutate()} disabled={start.isPending || running}>
        {t('qdpx.export')}
      </button>
      {current ? (
        <JobProgress job={current} label={t('qdpx.exportProgress')} doneText={t('qdpx.exportDone')} failedText={t('qdpx.exportFailed')} download={t('qdpx.download')} />
      ) : null}
    </div>
  );
}

function Skipped({ items }: { items: { kind: string; name: string; reason: string }[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t('qdpx.nothingSkipped')}</p>;
  return (
    <TableWrap label={t('qdpx.skippedCaption')}>
      <table>
        <caption>{t('qdpx.skippedCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('qdpx.skippedKind')}</th>
            <th scope="col">{t('qdpx.skippedName')}</th>
            <th scope="col">{t('qdpx.skippedReason')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s, i) => (
            <tr key={i}>
              <td>{s.kind}</td>
              <td>{s.name}</td>
              <td>{s.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The result of the import job: the report, or why nothing was imported. */
type ImportResult = ({ ok: true } & QdpxImportReport) | { ok: false; code?: string; message: string };

/**
 * The import runs as a job (the file is sent as it is, then the job is polled): a progress bar while the archive is
 * read and the sources are sealed, and at the end the report (counts and what was skipped, with reasons).
 */
function ImportProject({ study }: { study: Study }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({ mutationFn: (f: File) => post<Job>(`${base(study)}/import-job`, f), onSuccess: (job) => setJobId(job.id) });
  const { query: job, current, running: jobRunning, done } = useJob(jobId, { initial: start.data });
  const running = start.isPending || jobRunning;
  const result = done ? (current?.result as ImportResult | null) : null;
  const r = result && result.ok ? result : null;
  // the study's documents, codes and participants changed: refresh what is cached, once per job
  const refreshed = useRef<string | null>(null);
  useEffect(() => {
    if (r && current && refreshed.current !== current.id) {
      refreshed.current = current.id;
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'job' });
    }
  }, [r, current, qc]);
  return (
    <div className="qdpx-import">
      <h3>{t('qdpx.importHeading')}</h3>
      <p className="small">{t('qdpx.importExplain')}</p>
      <label htmlFor={`${id}-file`}>{t('qdpx.importFile')}</label>
      <input id={`${id}-file`} type="file" accept=".qdpx,application/zip" onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)} />
      <p>
        <button type="button" className="button-secondary" disabled={!file || running} onClick={() => file && start.mutate(file)}>
          {running ? t('qdpx.importing') : t('qdpx.import')}
        </button>
      </p>
      <ErrorAlert error={start.error ?? job.error} />
      {current ? (
        <JobProgress
          job={current}
          label={t('qdpx.importProgress')}
          doneText={r ? t('qdpx.importDone', { sources: r.counts.sources, codings: r.counts.codings }) : t('qdpx.importFailed')}
          failedText={t('qdpx.importFailed')}
        >
          {result && !result.ok ? (
            <Alert>
              <p>{t('qdpx.importRefused')}</p>
              <p>{result.message}</p>
            </Alert>
          ) : null}
        </JobProgress>
      ) : null}
      {r ? (
        <div>
          <TableWrap label={t('qdpx.countsCaption')}>
            <table>
              <caption>{t('qdpx.countsCaption')}</caption>
              <tbody>
                {(['codes', 'codesCreated', 'sources', 'selections', 'codings', 'cases', 'casesMatched', 'casesCreated', 'notes', 'variables', 'assignments'] as const).map((k) => (
                  <tr key={k}>
                    <th scope="row">{t(`qdpx.count.${k}`)}</th>
                    <td>{r.counts[k]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {r.warnings.length ? (
            <ul>
              {r.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          ) : null}
          <Skipped items={r.skipped} />
        </div>
      ) : null}
    </div>
  );
}

function ImportCodebook({ study }: { study: Study }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: async (f: File) => post<CodebookImportReport>(`${base(study)}/codebook`, { xml: await f.text() }),
    onSuccess: () => void qc.invalidateQueries(),
  });
  const r = run.data;
  return (
    <div className="qdpx-import">
      <h3>{t('qdpx.codebookHeading')}</h3>
      <label htmlFor={`${id}-qdc`}>{t('qdpx.codebookFile')}</label>
      <input id={`${id}-qdc`} type="file" accept=".qdc,application/xml,text/xml" onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)} />
      <p>
        <button type="button" className="button-secondary" disabled={!file || run.isPending} onClick={() => file && run.mutate(file)}>
          {t('qdpx.importCodebook')}
        </button>
      </p>
      <ErrorAlert error={run.error} />
      <StatusMessage>{r ? t('qdpx.codebookDone', { created: r.counts.created, existing: r.counts.existing }) : ''}</StatusMessage>
      {r ? <Skipped items={r.skipped} /> : null}
    </div>
  );
}
