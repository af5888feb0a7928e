/**
 * Personal invitations of a survey: the list with status (paged, filtered by status), adding addresses from a CSV
 * file with the server's report (bad rows, duplicates), sending invitations or reminders by e-mail as a job with a
 * progress bar (a clear message when there is no mail server), the mail-merge file with personal links (a CSV
 * download; the lead only), and deleting one address on request.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INVITATION_STATUSES, type InvitationImportResult, type InvitationStatus, type LinkScope, type SurveyDetail } from '../../../shared/surveys';
import { isApiError, saveBlob } from '../../api/client';
import { surveyKeys, surveysApi } from '../../api/surveys';
import { can, type Study } from '../../api/types';
import { Alert, ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { ConfirmButton } from '../../components/ConfirmButton';
import { TableWrap } from '../../components/TableWrap';
import { Pagination } from '../../components/Pagination';
import { JobProgress, useJob } from '../../components/JobProgress';

const PAGE_SIZE = 50;
const MAX_CSV_BYTES = 5_000_000;

interface Props {
  study: Study;
  survey: SurveyDetail;
  canEdit: boolean;
}

const when = (iso: string | null, dateOnly = false) => (iso ? (dateOnly ? new Date(iso).toLocaleDateString() : new Date(iso).toLocaleString()) : '—');

export function SurveyInvitations({ study, survey, canEdit }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<InvitationStatus | ''>('');
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState('');
  const confidential = can(study, 'study.confidential');
  const query = { status: status || undefined, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
  const list = useQuery({
    queryKey: [...surveyKeys.invitations(study.slug, survey.id), query],
    queryFn: ({ signal }) => surveysApi.invitations(study.slug, survey.id, query, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: surveyKeys.invitations(study.slug, survey.id) });
    void qc.invalidateQueries({ queryKey: surveyKeys.one(study.slug, survey.id) });
  };
  const remove = useMutation({
    mutationFn: (invitationId: string) => surveysApi.deleteEmail(study.slug, survey.id, invitationId),
    onSuccess: () => {
      setMessage(t('surveys.emailDeletedDone'));
      refresh();
    },
  });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const closed = survey.status === 'closed';
  const dateOnly = survey.anonymised;

  return (
    <section aria-labelledby="survey-invitations" className="section">
      <h2 id="survey-invitations">{t('surveys.invitations')}</h2>
      {survey.anonymised ? <p className="small">{t('surveys.anonymisedExplain')}</p> : null}
      {closed && survey.emailsDeleted ? <p className="notice small">{t('surveys.emailsGone')}</p> : null}
      {canEdit && !closed ? <ImportAddresses study={study} survey={survey} onDone={refresh} /> : null}
      {canEdit && !closed ? <Sending study={study} survey={survey} onDone={refresh} /> : null}
      {confidential && !closed ? <Links study={study} survey={survey} onDone={refresh} /> : null}

      <h3 id="survey-invitation-list">{t('surveys.invitationList')}</h3>
      {list.data ? (
        <dl className="facts">
          {INVITATION_STATUSES.map((s) => (
            <Fragment key={s}>
              <dt>{t(`surveys.invitationStatus.${s}`)}</dt>
              <dd>{list.data.counts[s] ?? 0}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      <div className="field">
        <label htmlFor="survey-inv-status">{t('surveys.statusFilter')}</label>
        <select
          id="survey-inv-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as InvitationStatus | '');
            setPage(1);
          }}
        >
          <option value="">{t('surveys.allStatuses')}</option>
          {INVITATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`surveys.invitationStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={list.error ?? remove.error} />
      <StatusMessage>{message}</StatusMessage>
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.invitations.length === 0 ? <p className="muted">{status ? t('surveys.noInvitationsFiltered') : t('surveys.noInvitations')}</p> : null}
      {list.data && list.data.invitations.length ? (
        <TableWrap label={t('surveys.invitationList')}>
          <table>
            <caption className="visually-hidden">{t('surveys.invitationList')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.email')}</th>
                <th scope="col">{t('surveys.statusColumn')}</th>
                <th scope="col">{t('surveys.lastSent')}</th>
                <th scope="col" className="num">
                  {t('surveys.reminders')}
                </th>
                <th scope="col">{t('surveys.startedAt')}</th>
                <th scope="col">{t('surveys.completedAt')}</th>
                {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.invitations.map((inv, i) => {
                const label = inv.email ?? t('surveys.invitationN', { n: (page - 1) * PAGE_SIZE + i + 1 });
                return (
                  <tr key={inv.id}>
                    <th scope="row">{inv.emailDeleted ? <span className="muted">{t('surveys.emailDeleted')}</span> : (inv.email ?? <span className="muted">{t('surveys.emailHidden')}</span>)}</th>
                    <td>{t(`surveys.invitationStatus.${inv.status}`)}</td>
                    <td>{when(inv.sentAt ?? inv.linkIssuedAt)}</td>
                    <td className="num">{inv.reminders}</td>
                    <td>{when(inv.startedAt, dateOnly)}</td>
                    <td>{when(inv.completedAt, dateOnly)}</td>
                    {canEdit ? (
                      <td>
                        {!inv.emailDeleted ? (
                          <ConfirmButton
                            question={t('surveys.deleteEmailQuestion')}
                            confirmLabel={t('surveys.deleteEmailConfirm', { label })}
                            onConfirm={() => remove.mutate(inv.id)}
                            pending={remove.isPending}
                            danger
                          >
                            {t('surveys.deleteEmail')}
                            <span className="visually-hidden">: {label}</span>
                          </ConfirmButton>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {list.data ? <Pagination label={t('surveys.invitationPages')} page={page} pages={pages} onPage={setPage} /> : null}
    </section>
  );
}

function ImportAddresses({ study, survey, onDone }: { study: Study; survey: SurveyDetail; onDone(): void }) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [fileError, setFileError] = useState('');
  const imp = useMutation({
    mutationFn: () => surveysApi.importInvitations(study.slug, survey.id, csv),
    onSuccess: () => {
      setCsv('');
      onDone();
    },
  });
  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    setFileError('');
    if (!f) return;
    if (f.size > MAX_CSV_BYTES) {
      setFileError(t('surveys.csvTooLarge'));
      return;
    }
    setCsv(await f.text());
  }
  return (
    <>
      <h3>{t('surveys.addAddresses')}</h3>
      <div className="field">
        <label htmlFor="survey-csv-file">{t('surveys.csvFile')}</label>
        <input id="survey-csv-file" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void onFile(e)} aria-describedby={fileError ? 'survey-csv-file-error' : undefined} />
        {fileError ? (
          <p id="survey-csv-file-error" className="field-error">
            {fileError}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="survey-csv">{t('surveys.csvLabel')}</label>
        <textarea id="survey-csv" rows={5} value={csv} onChange={(e) => setCsv(e.target.value)} aria-describedby="survey-csv-hint" spellCheck={false} />
        <p id="survey-csv-hint" className="field-hint">
          {t('surveys.csvHint')}
        </p>
      </div>
      <ErrorAlert error={imp.error} />
      <button type="button" className="button-secondary" onClick={() => imp.mutate()} disabled={imp.isPending || !csv.trim()}>
        {t('surveys.importInvitations')}
      </button>
      <StatusMessage>{imp.data ? t('surveys.imported', { added: imp.data.added, duplicates: imp.data.duplicates, problems: imp.data.problems.length }) : ''}</StatusMessage>
      {imp.data ? <ImportReport result={imp.data} /> : null}
    </>
  );
}

function ImportReport({ result }: { result: InvitationImportResult }) {
  const { t } = useTranslation();
  if (!result.problems.length) return null;
  return (
    <TableWrap label={t('surveys.badRows')}>
      <table>
        <caption>{t('surveys.badRowsCaption', { count: result.problems.length })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('surveys.line')}
            </th>
            <th scope="col">{t('surveys.value')}</th>
            <th scope="col">{t('surveys.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {result.problems.slice(0, 200).map((p, i) => (
            <tr key={`${p.line}-${i}`}>
              <td className="num">{p.line}</td>
              <td>
                <code>{p.value}</code>
              </td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Sending({ study, survey, onDone }: { study: Study; survey: SurveyDetail; onDone(): void }) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (kind: 'invitation' | 'reminder') => surveysApi.send(study.slug, survey.id, kind),
    onSuccess: (job) => setJobId(job.id),
  });
  const { query: job, current, running, done } = useJob(jobId, { interval: 700, onEnd: onDone });
  const noSmtp = isApiError(start.error, 409) && start.error.code === 'smtp_not_configured';
  const result = (current?.result ?? {}) as { sent?: number; failed?: number; message?: string };
  return (
    <>
      <h3>{t('surveys.sendHeading')}</h3>
      {!survey.smtpConfigured ? <p className="small">{t('surveys.noSmtp')}</p> : null}
      {noSmtp ? (
        <Alert title={t('surveys.noSmtpTitle')}>
          <p>{start.error?.message}</p>
        </Alert>
      ) : (
        <ErrorAlert error={start.error ?? job.error} />
      )}
      <p className="actions">
        <button type="button" className="button-secondary" onClick={() => start.mutate('invitation')} disabled={start.isPending || running}>
          {t('surveys.sendInvitations')}
        </button>{' '}
        <button type="button" className="button-secondary" onClick={() => start.mutate('reminder')} disabled={start.isPending || running}>
          {t('surveys.sendReminders')}
        </button>
      </p>
      {current ? (
        <JobProgress job={current} label={t('surveys.sendProgress')} doneText={t('surveys.sendDone', { sent: result.sent ?? 0, failed: result.failed ?? 0 })} failedText={t('surveys.sendFailed')}>
          {done && result.message ? <p className="notice small">{result.message}</p> : null}
        </JobProgress>
      ) : null}
    </>
  );
}

function Links({ study, survey, onDone }: { study: Study; survey: SurveyDetail; onDone(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [scope, setScope] = useState<LinkScope>('new');
  const [done, setDone] = useState('');
  const download = useMutation({
    mutationFn: () => surveysApi.links(study.slug, survey.id, scope),
    onSuccess: ({ blob, filename }) => {
      saveBlob(blob, filename ?? 'uitnodigingen.csv');
      setDone(t('surveys.linksDownloaded'));
      onDone();
    },
  });
  return (
    <>
      <h3>{t('surveys.mailMerge')}</h3>
      <p className="small">{t('surveys.mailMergeExplain')}</p>
      <div className="field">
        <label htmlFor={`${id}-scope`}>{t('surveys.linkScope')}</label>
        <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as LinkScope)} aria-describedby={`${id}-scope-hint`}>
          <option value="new">{t('surveys.linkScopeNew')}</option>
          <option value="pending">{t('surveys.linkScopePending')}</option>
        </select>
        <p id={`${id}-scope-hint`} className="field-hint">
          {scope === 'pending' ? t('surveys.linkScopePendingHint') : t('surveys.linkScopeNewHint')}
        </p>
      </div>
      <ErrorAlert error={download.error} />
      <button type="button" className="button-secondary" onClick={() => download.mutate()} disabled={download.isPending}>
        {t('surveys.downloadLinks')}
      </button>
      <StatusMessage>{done}</StatusMessage>
    </>
  );
}
