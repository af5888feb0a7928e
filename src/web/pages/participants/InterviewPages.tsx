/** Interviews: the list with the reminder of recordings to delete, and the form to record or edit one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, isApiError } from '../../api/client';
import { interviewsApi, keys, membersApi, participantsApi } from '../../api/endpoints';
import { can, type Interview, type InterviewInput, type Study } from '../../api/types';
import { useSessionQuery } from '../../auth/session';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormErrorSummary, useFocusFirstInvalid } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { formatDate, formatDateTime } from '../../i18n/format';
import { INTERVIEW_MODES } from '../../../shared/participant-vocabulary';
import { ArchivedPage, canWrite, guidesPath, interviewsPath, ModuleGate, participantPath, participantsPath, useModuleCrumbs, usePVocab } from './common';
import { emptyInterviewForm, interviewInput, interviewState, serverErrors, sortInterviews, type FormErrors, type InterviewFormState } from './model';
import { OverdueRecordingsNotice } from './OverdueNotice';

const interviewPath = (slug: string, id: string) => interviewsPath(slug, encodeURIComponent(id));

/** After a change to an interview: the list, the reminder, and the interview itself. */
function invalidateInterviews(queryClient: ReturnType<typeof useQueryClient>, slug: string) {
  void queryClient.invalidateQueries({ queryKey: keys.interviews(slug) });
  void queryClient.invalidateQueries({ queryKey: keys.overdueRecordings(slug) });
}

/** The recording: deleted, overdue, to delete by a date, or no deadline. */
function RecordingState({ interview: i }: { interview: Interview }) {
  const { t } = useTranslation();
  if (i.recordingDeletedAt) return <span className="tag tag-ok">{t('interviews.recordingDeletedOn', { date: formatDate(i.recordingDeletedAt) })}</span>;
  if (i.recordingOverdue) return <span className="tag tag-bad">{t('interviews.recordingOverdue', { date: formatDate(i.recordingDeleteBy) })}</span>;
  if (i.recordingDeleteBy) return <span>{t('interviews.recordingDeleteBy', { date: formatDate(i.recordingDeleteBy) })}</span>;
  return <span className="muted">{t('interviews.recordingNoDeadline')}</span>;
}

/** "Opname verwijderd": records that the recording was deleted, after a confirmation. */
function RecordingDeletedButton({ study, interview: i, onDone }: { study: Study; interview: Interview; onDone: (updated: Interview) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: () => interviewsApi.recordingDeleted(study.slug, i.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.interview(study.slug, i.id), updated);
      invalidateInterviews(queryClient, study.slug);
      onDone(updated);
    },
  });
  if (i.recordingDeletedAt || !i.recordingDeleteBy) return null;
  const label = t('interviews.ofDate', { date: formatDate(i.date) });
  return (
    <>
      <ConfirmButton
        className="button-small"
        question={t('interviews.recordingDeletedQuestion', { label })}
        confirmLabel={t('interviews.recordingDeletedConfirm')}
        onConfirm={() => mark.mutate()}
        pending={mark.isPending}
      >
        {t('interviews.recordingDeleted')}
        <span className="visually-hidden"> ({label})</span>
      </ConfirmButton>
      <ErrorAlert error={mark.error} />
    </>
  );
}

// ---- list ---------------------------------------------------------------------------------------------------

export function InterviewListPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('modules.interviews')}>
      {(study) => <InterviewList study={study} />}
    </ModuleGate>
  );
}

function InterviewList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const [message, setMessage] = useState(deleted ?? '');
  const page = t('modules.interviews');
  const crumbs = useModuleCrumbs(study, 'interviews');
  const list = useQuery({ queryKey: keys.interviews(study.slug), queryFn: ({ signal }) => interviewsApi.list(study.slug, signal) });
  const writable = canWrite(study);
  const interviews = useMemo(() => sortInterviews(list.data?.interviews ?? []), [list.data]);

  return (
    <>
      <Breadcrumbs items={crumbs.slice(0, 2).concat({ label: page })} />
      <div className="page-header">
        <PageHeading title={`${page} – ${study.title}`}>{page}</PageHeading>
        {writable ? (
          <Link to={interviewsPath(study.slug, 'nieuw')} className="button-primary">
            {t('interviews.new')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('interviews.intro')}</p>
      <StatusMessage>{message}</StatusMessage>
      <nav aria-label={t('interviews.toolsLabel')} className="tool-links">
        <ul>
          <li>
            <Link to={guidesPath(study.slug)}>{t('guides.title')}</Link>
          </li>
          <li>
            <Link to={participantsPath(study.slug)}>{t('modules.participants')}</Link>
          </li>
        </ul>
      </nav>
      <OverdueRecordingsNotice study={study} detailed />

      <section aria-labelledby="interviews-heading" className="section">
        <h2 id="interviews-heading" tabIndex={-1}>
          {t('interviews.listHeading')}
        </h2>
        {list.isPending ? <Loading /> : null}
        <ErrorAlert error={list.error} />
        {list.data && interviews.length === 0 ? <p className="empty">{t('interviews.empty')}</p> : null}
        {interviews.length ? (
          <TableWrap label={t('interviews.tableCaption')}>
            <table className="interviews-table">
              <caption className="visually-hidden">{t('interviews.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('interviews.date')}</th>
                  <th scope="col">{t('interviews.participants')}</th>
                  <th scope="col">{t('interviews.interviewer')}</th>
                  <th scope="col">{t('interviews.mode')}</th>
                  <th scope="col">{t('interviews.guide')}</th>
                  <th scope="col" className="num">
                    {t('interviews.durationShort')}
                  </th>
                  <th scope="col">{t('interviews.recording')}</th>
                </tr>
              </thead>
              <tbody>
                {interviews.map((i) => (
                  <tr key={i.id}>
                    <th scope="row" className="nowrap">
                      <Link to={interviewPath(study.slug, i.id)}>{formatDate(i.date)}</Link>
                    </th>
                    <td>{i.participants.map((p) => p.code).join(', ')}</td>
                    <td>{i.interviewerName ?? <span className="muted">–</span>}</td>
                    <td>{vocab('mode', i.mode)}</td>
                    <td>{i.guideTitle ?? <span className="muted">–</span>}</td>
                    <td className="num">{i.durationMinutes ?? <span className="muted">–</span>}</td>
                    <td>
                      <RecordingState interview={i} />
                      {writable ? (
                        <div className="cell-actions">
                          <RecordingDeletedButton
                            study={study}
                            interview={i}
                            onDone={(u) => {
                              setMessage(t('interviews.recordingDeletedDone', { label: t('interviews.ofDate', { date: formatDate(u.date) }) }));
                              document.getElementById('interviews-heading')?.focus();
                            }}
                          />
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </section>
    </>
  );
}

// ---- the form -----------------------------------------------------------------------------------------------

const FIELDS = ['participantIds', 'interviewerId', 'date', 'mode', 'guideId', 'durationMinutes', 'notes', 'recordingDeleteBy'] as const;

function InterviewForm({
  study,
  initial,
  submitLabel,
  pending,
  error,
  readOnly,
  onSubmit,
  actions,
  knownInterviewer,
}: {
  study: Study;
  initial: InterviewFormState;
  /** the interviewer as the interview names them (who may not be in the members list the user can see) */
  knownInterviewer?: { id: string; name: string } | null;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  readOnly?: boolean;
  onSubmit: (input: InterviewInput) => void;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const me = useSessionQuery().data?.user;
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const participants = useQuery({ queryKey: keys.participants(study.slug, {}), queryFn: ({ signal }) => participantsApi.list(study.slug, {}, signal) });
  const guides = useQuery({ queryKey: keys.guides(study.slug), queryFn: ({ signal }) => interviewsApi.guides(study.slug, signal) });
  // the members list needs members.read; without it the interviewer is oneself (or stays who it was)
  const members = useQuery({ queryKey: keys.members(study.slug), queryFn: ({ signal }) => membersApi.list(study.slug, signal), enabled: can(study, 'members.read') });
  const interviewers = useMemo(() => {
    const list = (members.data?.members ?? []).filter((m) => m.role !== 'committee').map((m) => ({ id: m.userId, name: m.name }));
    if (me && !list.some((m) => m.id === me.id)) list.unshift({ id: me.id, name: me.name });
    return list;
  }, [members.data, me]);
  const server = useMemo(() => (error instanceof ApiError ? serverErrors(error.details, FIELDS) : {}), [error]);
  const shown = { ...server, ...errors };
  const set = <K extends keyof InterviewFormState>(key: K, value: InterviewFormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const toggle = (id: string, on: boolean) => setState((s) => ({ ...s, participantIds: on ? [...s.participantIds.filter((x) => x !== id), id] : s.participantIds.filter((x) => x !== id) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const r = interviewInput(state, t);
    setErrors(r.errors);
    if (!r.input) {
      focusInvalid();
      // the participant checkboxes carry no aria-invalid of their own: focus the first one
      if (r.errors.participantIds && !Object.keys(r.errors).some((k) => k !== 'participantIds')) document.querySelector<HTMLInputElement>('#interview-participants input')?.focus();
      return;
    }
    onSubmit(r.input);
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="form">
      <FormErrorSummary errors={errors} />
      <fieldset className="fieldset-plain" disabled={readOnly}>
        <fieldset id="interview-participants" className="fieldset fieldset-wide" aria-describedby={shown.participantIds ? 'interview-participants-error' : 'interview-participants-hint'}>
          <legend>{t('interviews.participants')}</legend>
          <p id="interview-participants-hint" className="field-hint">
            {t('interviews.participantsHint')}
          </p>
          {shown.participantIds ? (
            <p id="interview-participants-error" className="field-error">
              {shown.participantIds}
            </p>
          ) : null}
          {participants.isPending ? <Loading /> : null}
          <ErrorAlert error={participants.error} />
          {participants.data && participants.data.participants.length === 0 ? (
            <p className="empty">
              {t('interviews.noParticipants')} <Link to={participantsPath(study.slug, 'nieuw')}>{t('participants.new')}</Link>
            </p>
          ) : null}
          <div className="checkbox-grid">
            {(participants.data?.participants ?? []).map((p) => (
              <div className="field field-checkbox" key={p.id}>
                <input id={`interview-p-${p.id}`} type="checkbox" checked={state.participantIds.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                <label htmlFor={`interview-p-${p.id}`}>
                  {p.code} <span className="muted">({vocab('role', p.role)})</span>
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field-row">
          <TextField label={t('interviews.date')} name="date" type="date" required value={state.date} error={shown.date} onChange={(e) => set('date', e.target.value)} />
          <SelectField label={t('interviews.mode')} name="mode" required value={state.mode} error={shown.mode} onChange={(e) => set('mode', e.target.value as InterviewFormState['mode'])}>
            {INTERVIEW_MODES.map((m) => (
              <option key={m} value={m}>
                {vocab('mode', m)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('interviews.interviewer')} name="interviewerId" value={state.interviewerId} error={shown.interviewerId} onChange={(e) => set('interviewerId', e.target.value)}>
            <option value="">{t('interviews.noInterviewer')}</option>
            {state.interviewerId && !interviewers.some((m) => m.id === state.interviewerId) ? <option value={state.interviewerId}>{knownInterviewer?.id === state.interviewerId ? knownInterviewer.name : '–'}</option> : null}
            {interviewers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('interviews.guide')} name="guideId" value={state.guideId} error={shown.guideId} onChange={(e) => set('guideId', e.target.value)}>
            <option value="">{t('interviews.noGuide')}</option>
            {(guides.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.title} ({vocab('role', g.audience)})
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('interviews.duration')}
            name="durationMinutes"
            inputMode="numeric"
            className="field-short"
            value={state.duration}
            error={shown.durationMinutes}
            onChange={(e) => set('duration', e.target.value)}
          />
          <TextField
            label={t('interviews.recordingDeleteByLabel')}
            hint={t('interviews.recordingDeleteByHint')}
            name="recordingDeleteBy"
            type="date"
            value={state.recordingDeleteBy}
            error={shown.recordingDeleteBy}
            onChange={(e) => set('recordingDeleteBy', e.target.value)}
          />
        </div>
        <TextAreaField label={t('interviews.notes')} hint={t('interviews.notesHint')} name="notes" rows={6} className="field-wide" value={state.notes} error={shown.notes} onChange={(e) => set('notes', e.target.value)} />
      </fieldset>
      <ErrorAlert error={error} />
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={pending}>
            {submitLabel}
          </button>
          {actions}
        </div>
      )}
    </form>
  );
}

// ---- new ----------------------------------------------------------------------------------------------------

export function InterviewNewPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.write" page={t('interviews.newTitle')}>
      {(study) => <InterviewNew study={study} />}
    </ModuleGate>
  );
}

function InterviewNew({ study }: { study: Study }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const me = useSessionQuery().data?.user;
  const title = t('interviews.newTitle');
  const crumbs = useModuleCrumbs(study, 'interviews', { label: title });
  const [initial] = useState(() => {
    const s = emptyInterviewForm(me?.id ?? '');
    const p = params.get('deelnemer');
    return p ? { ...s, participantIds: [p] } : s;
  });
  const create = useMutation({
    mutationFn: (input: InterviewInput) => interviewsApi.create(study.slug, input),
    onSuccess: (i) => {
      queryClient.setQueryData(keys.interview(study.slug, i.id), i);
      invalidateInterviews(queryClient, study.slug);
      navigate(interviewPath(study.slug, i.id), { state: { saved: t('interviews.created', { label: t('interviews.ofDate', { date: formatDate(i.date) }) }) } });
    },
  });
  if (study.archived) return <ArchivedPage study={study} title={title} crumbs={crumbs} />;
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('interviews.newIntro')}</p>
      <InterviewForm
        study={study}
        initial={initial}
        submitLabel={t('interviews.create')}
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
        actions={
          <Link to={interviewsPath(study.slug)} className="button-secondary">
            {t('common.cancel')}
          </Link>
        }
      />
    </>
  );
}

// ---- one interview ------------------------------------------------------------------------------------------

export function InterviewPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('modules.interviews')}>
      {(study) => <InterviewLoader study={study} />}
    </ModuleGate>
  );
}

function InterviewLoader({ study }: { study: Study }) {
  const { t } = useTranslation();
  const interviewId = useParams<{ interviewId: string }>().interviewId ?? '';
  const query = useQuery({ queryKey: keys.interview(study.slug, interviewId), queryFn: ({ signal }) => interviewsApi.get(study.slug, interviewId, signal) });
  const crumbs = useModuleCrumbs(study, 'interviews', { label: t('interviews.fallback') });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading>{isApiError(query.error, 404) ? t('interviews.notFound') : t('errors.title')}</PageHeading>
        <ErrorAlert error={query.error} />
        <p>
          <Link to={interviewsPath(study.slug)}>{t('interviews.backToList')}</Link>
        </p>
      </>
    );
  }
  return <InterviewDetail key={query.data.id} study={study} interview={query.data} />;
}

function InterviewDetail({ study, interview: i }: { study: Study; interview: Interview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const writable = canWrite(study);
  const [message, setMessage] = useState((location.state as { saved?: string } | null)?.saved ?? '');
  const label = t('interviews.ofDate', { date: formatDate(i.date) });
  const title = t('interviews.title', { label });
  const crumbs = useModuleCrumbs(study, 'interviews', { label: formatDate(i.date) });
  const [initial] = useState(() => interviewState(i));
  const save = useMutation({
    mutationFn: (input: InterviewInput) => interviewsApi.update(study.slug, i.id, input),
    onMutate: () => setMessage(''),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.interview(study.slug, i.id), updated);
      invalidateInterviews(queryClient, study.slug);
      setMessage(t('interviews.saved', { time: formatDateTime(updated.updatedAt) }));
    },
  });
  const remove = useMutation({
    mutationFn: () => interviewsApi.remove(study.slug, i.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: keys.interview(study.slug, i.id) });
      invalidateInterviews(queryClient, study.slug);
      navigate(interviewsPath(study.slug), { state: { deleted: t('interviews.deleted', { label }) } });
    },
  });

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="muted small">{t('interviews.updatedAt', { time: formatDateTime(i.updatedAt) })}</p>
      <StatusMessage>{message}</StatusMessage>
      <ul className="tool-links-inline">
        {i.participants.map((p) => (
          <li key={p.id}>
            <Link to={participantPath(study.slug, p.id)}>{t('interviews.toParticipant', { code: p.code })}</Link>
          </li>
        ))}
      </ul>

      <section aria-labelledby="recording-heading" className="section panel">
        <h2 id="recording-heading" tabIndex={-1}>
          {t('interviews.recording')}
        </h2>
        <p>
          <RecordingState interview={i} />
        </p>
        {writable ? (
          <RecordingDeletedButton
            study={study}
            interview={i}
            onDone={(u) => {
              setMessage(t('interviews.recordingDeletedDone', { label: t('interviews.ofDate', { date: formatDate(u.date) }) }));
              document.getElementById('recording-heading')?.focus();
            }}
          />
        ) : null}
      </section>

      <section aria-labelledby="interview-details-heading" className="section">
        <h2 id="interview-details-heading">{t('interviews.detailsHeading')}</h2>
        {!writable ? <p className="notice">{study.archived ? t('study.archivedReadOnly') : t('interviews.readOnly')}</p> : null}
        <InterviewForm
          study={study}
          initial={initial}
          knownInterviewer={i.interviewerId && i.interviewerName ? { id: i.interviewerId, name: i.interviewerName } : null}
          readOnly={!writable}
          submitLabel={t('interviews.save')}
          pending={save.isPending}
          error={save.error}
          onSubmit={(input) => save.mutate(input)}
          actions={
            <ConfirmButton
              danger
              question={t('interviews.deleteQuestion', { label })}
              confirmLabel={t('interviews.deleteConfirm')}
              onConfirm={() => remove.mutate()}
              pending={remove.isPending}
            >
              {t('interviews.delete')}
            </ConfirmButton>
          }
        />
        <ErrorAlert error={remove.error} />
      </section>
    </>
  );
}
