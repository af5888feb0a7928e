import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { interviewsApi, keys, participantsApi } from '../../api/endpoints';
import { can, type Participant, type ParticipantInput, type ParticipantPatch, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { TextAreaField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ConsentPanel } from './ConsentPanel';
import { ArchivedPage, canWrite, ConsentBadge, interviewsPath, ModuleGate, participantPath, participantsPath, useModuleCrumbs, usePVocab } from './common';
import { isMonth, needsBirthMonth } from './model';
import { ParticipantForm } from './ParticipantForm';

interface SavedState {
  saved?: string;
}

/** After a change to a participant: the lists, the dashboard and the participant's own queries. */
export function invalidateParticipant(queryClient: ReturnType<typeof useQueryClient>, slug: string, participantId: string) {
  void queryClient.invalidateQueries({ queryKey: keys.participants(slug) });
  void queryClient.invalidateQueries({ queryKey: keys.consentDashboard(slug) });
  void queryClient.invalidateQueries({ queryKey: keys.participant(slug, participantId) });
}

function useVariables(study: Study) {
  return useQuery({ queryKey: keys.variables(study.slug), queryFn: ({ signal }) => participantsApi.variables(study.slug, signal) });
}

// ---- new participant ---------------------------------------------------------------------------------------

export function ParticipantNewPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.write" page={t('participants.newTitle')}>
      {(study) => <ParticipantNew study={study} />}
    </ModuleGate>
  );
}

function ParticipantNew({ study }: { study: Study }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const title = t('participants.newTitle');
  const crumbs = useModuleCrumbs(study, 'participants', { label: title });
  const variables = useVariables(study);
  const create = useMutation({
    mutationFn: (input: ParticipantInput) => participantsApi.create(study.slug, input),
    onSuccess: (p) => {
      queryClient.setQueryData(keys.participant(study.slug, p.id), p);
      void queryClient.invalidateQueries({ queryKey: keys.participants(study.slug) });
      void queryClient.invalidateQueries({ queryKey: keys.consentDashboard(study.slug) });
      navigate(participantPath(study.slug, p.id), { state: { saved: t('participants.created', { code: p.code }) } satisfies SavedState });
    },
  });
  if (study.archived) return <ArchivedPage study={study} title={title} crumbs={crumbs} />;
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('participants.newIntro')}</p>
      {variables.isPending ? <Loading /> : null}
      <ErrorAlert error={variables.error} />
      {variables.data ? (
        <ParticipantForm
          participant={null}
          variables={variables.data}
          confidential={can(study, 'study.confidential')}
          pending={create.isPending}
          error={create.error}
          submitLabel={t('participants.create')}
          onCreate={(input) => create.mutate(input)}
          actions={
            <Link to={participantsPath(study.slug)} className="button-secondary">
              {t('common.cancel')}
            </Link>
          }
        />
      ) : null}
    </>
  );
}

// ---- one participant ---------------------------------------------------------------------------------------

export function ParticipantPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('modules.participants')}>
      {(study) => <ParticipantLoader study={study} />}
    </ModuleGate>
  );
}

function ParticipantLoader({ study }: { study: Study }) {
  const { t } = useTranslation();
  const participantId = useParams<{ participantId: string }>().participantId ?? '';
  const query = useQuery({ queryKey: keys.participant(study.slug, participantId), queryFn: ({ signal }) => participantsApi.get(study.slug, participantId, signal) });
  const crumbs = useModuleCrumbs(study, 'participants', { label: t('participants.fallback') });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading>{isApiError(query.error, 404) ? t('participants.notFound') : t('errors.title')}</PageHeading>
        <ErrorAlert error={query.error} />
        <p>
          <Link to={participantsPath(study.slug)}>{t('participants.backToList')}</Link>
        </p>
      </>
    );
  }
  return <ParticipantDetail key={query.data.id} study={study} participant={query.data} />;
}

function ParticipantDetail({ study, participant: p }: { study: Study; participant: Participant }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const writable = canWrite(study);
  const confidential = can(study, 'study.confidential');
  const [message, setMessage] = useState((location.state as SavedState | null)?.saved ?? '');
  const title = t('participants.title', { code: p.code });
  const crumbs = useModuleCrumbs(study, 'participants', { label: p.code });
  const variables = useVariables(study);

  const save = useMutation({
    mutationFn: (patch: ParticipantPatch) => participantsApi.update(study.slug, p.id, patch),
    onMutate: () => setMessage(''),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.participant(study.slug, p.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.participants(study.slug) });
      setMessage(t('participants.saved', { code: updated.code, time: formatDateTime(updated.updatedAt) }));
    },
  });
  const remove = useMutation({
    mutationFn: () => participantsApi.remove(study.slug, p.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: keys.participants(study.slug) });
      queryClient.removeQueries({ queryKey: keys.participant(study.slug, p.id) });
      void queryClient.invalidateQueries({ queryKey: keys.consentDashboard(study.slug) });
      void queryClient.invalidateQueries({ queryKey: keys.interviews(study.slug) });
      navigate(participantsPath(study.slug), { state: { deleted: p.code } });
    },
  });

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <div className="page-header">
        <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
        <ConsentBadge status={p.consentStatus} />
      </div>
      <p className="muted small">
        {vocab('role', p.role)} · {vocab('ageBand', p.ageBand)} · {t('participants.updatedAt', { time: formatDateTime(p.updatedAt) })}
      </p>
      <StatusMessage>{message}</StatusMessage>

      <nav aria-label={t('participants.onThisPage')} className="tool-links">
        <ul>
          <li>
            <a href="#attributes-heading">{t('participants.attributesHeading')}</a>
          </li>
          {confidential ? (
            <li>
              <a href="#identity-heading">{t('participants.identityHeading')}</a>
            </li>
          ) : null}
          <li>
            <a href="#consent-heading">{t('consent.heading')}</a>
          </li>
          <li>
            <a href="#participant-interviews-heading">{t('modules.interviews')}</a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="attributes-heading" className="section">
        <h2 id="attributes-heading" tabIndex={-1}>
          {t('participants.attributesHeading')}
        </h2>
        {!writable ? <p className="notice">{study.archived ? t('study.archivedReadOnly') : t('participants.readOnly')}</p> : null}
        {variables.isPending ? <Loading /> : null}
        <ErrorAlert error={variables.error} />
        {variables.data ? (
          <ParticipantForm
            participant={p}
            variables={variables.data}
            confidential={confidential}
            readOnly={!writable}
            pending={save.isPending}
            error={save.error}
            submitLabel={t('participants.save')}
            onUpdate={(patch) => save.mutate(patch)}
          />
        ) : null}
        {writable ? (
          <p className="small">
            <Link to={participantsPath(study.slug, 'variabelen')}>{t('variables.manageLink')}</Link>
          </p>
        ) : null}
      </section>

      {confidential && p.identity ? <IdentityPanel study={study} participant={p} /> : null}

      <ConsentPanel study={study} participant={p} />

      <ParticipantInterviews study={study} participant={p} />

      {writable ? (
        <section aria-labelledby="delete-heading" className="section">
          <h2 id="delete-heading">{t('participants.deleteHeading')}</h2>
          <p className="small">{t('participants.deleteExplain')}</p>
          <ErrorAlert error={remove.error} />
          <ConfirmButton
            danger
            question={t('participants.deleteQuestion', { code: p.code })}
            confirmLabel={t('participants.deleteConfirm')}
            onConfirm={() => remove.mutate()}
            pending={remove.isPending}
          >
            {t('participants.delete')}
          </ConfirmButton>
        </section>
      ) : null}
    </>
  );
}

/** Name, contact and birth month: only for the lead (study.confidential), sealed with the study key. */
function IdentityPanel({ study, participant: p }: { study: Study; participant: Participant }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const identity = p.identity ?? { name: '', contact: '', birthMonth: null };
  const [name, setName] = useState(identity.name);
  const [contact, setContact] = useState(identity.contact);
  const [birthMonth, setBirthMonth] = useState(identity.birthMonth ?? '');
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const save = useMutation({
    mutationFn: () => participantsApi.setIdentity(study.slug, p.id, { name: name.trim(), contact: contact.trim(), birthMonth: birthMonth.trim() || null }),
    onMutate: () => setMessage(''),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.participant(study.slug, p.id), updated);
      // the birth month decides which consent rule applies
      void queryClient.invalidateQueries({ queryKey: keys.participantConsent(study.slug, p.id) });
      void queryClient.invalidateQueries({ queryKey: keys.consentDashboard(study.slug) });
      void queryClient.invalidateQueries({ queryKey: keys.participants(study.slug) });
      setMessage(t('participants.identitySaved'));
    },
  });
  const readOnly = study.archived;
  function submit(event: FormEvent) {
    event.preventDefault();
    const bm = birthMonth.trim();
    const problem = bm && !isMonth(bm) ? t('participants.errors.birthMonth') : !bm && needsBirthMonth(p.role) ? t('participants.errors.birthMonthNeeded') : '';
    setError(problem);
    if (problem) {
      document.getElementById('identity-birth-month')?.focus();
      return;
    }
    save.mutate();
  }
  return (
    <section aria-labelledby="identity-heading" className="section confidential">
      <h2 id="identity-heading" tabIndex={-1}>
        {t('participants.identityHeading')}
      </h2>
      <p className="confidential-label">
        {t('participants.leadOnly')}
      </p>
      <p className="small">{t('participants.identityExplain')}</p>
      <form onSubmit={submit} noValidate className="form">
        <fieldset className="fieldset-plain" disabled={readOnly}>
          <TextField id="identity-name" label={t('participants.name')} name="name" autoComplete="off" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          <TextAreaField
            id="identity-contact"
            label={t('participants.contact')}
            hint={t('participants.contactHint')}
            name="contact"
            rows={3}
            maxLength={1000}
            value={contact}
            onChange={(e) => setContact(e.target.value)}
          />
          <TextField
            id="identity-birth-month"
            label={t('participants.birthMonth')}
            hint={needsBirthMonth(p.role) ? t('participants.birthMonthHintRequired') : t('participants.birthMonthHint')}
            name="birthMonth"
            className="field-short-wide"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('participants.birthMonthPlaceholder')}
            maxLength={7}
            value={birthMonth}
            error={error}
            onChange={(e) => setBirthMonth(e.target.value)}
          />
        </fieldset>
        <ErrorAlert error={save.error} />
        {readOnly ? null : (
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={save.isPending}>
              {t('participants.identitySave')}
            </button>
          </div>
        )}
        <StatusMessage>{message}</StatusMessage>
      </form>
    </section>
  );
}

/** The interviews this participant took part in. */
function ParticipantInterviews({ study, participant: p }: { study: Study; participant: Participant }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const list = useQuery({ queryKey: keys.interviews(study.slug), queryFn: ({ signal }) => interviewsApi.list(study.slug, signal) });
  const mine = (list.data?.interviews ?? []).filter((i) => i.participants.some((x) => x.id === p.id));
  return (
    <section aria-labelledby="participant-interviews-heading" className="section">
      <h2 id="participant-interviews-heading">{t('modules.interviews')}</h2>
      {list.isPending ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data && mine.length === 0 ? <p className="empty">{t('participants.noInterviews', { code: p.code })}</p> : null}
      {mine.length ? (
        <ul className="plain-list found-list">
          {mine.map((i) => (
            <li key={i.id}>
              <Link to={interviewsPath(study.slug, encodeURIComponent(i.id))}>{t('interviews.linkLabel', { date: formatDate(i.date), mode: vocab('mode', i.mode).toLowerCase() })}</Link>
              {i.recordingOverdue ? <span className="tag tag-bad tag-after">{t('interviews.overdueTag')}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite(study) ? (
        <p>
          <Link to={`${interviewsPath(study.slug, 'nieuw')}?deelnemer=${encodeURIComponent(p.id)}`}>{t('interviews.newWith', { code: p.code })}</Link>
        </p>
      ) : null}
    </section>
  );
}
