import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { dossiersApi, keys } from '../../api/endpoints';
import { can, type CaseDetail, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeading } from '../../components/PageHeading';
import { formatDateTime } from '../../i18n/format';
import { CaseForm } from './CaseForm';
import { emptyState, rowFlags, toState } from './caseFormState';
import { canWrite, dossiersPath, FictionalBanner, ModuleGate, useDossierCrumbs } from './common';
import { isFictional } from './vocab';

/** What a page that navigates here after saving passes along, for the status message. */
interface SavedState {
  saved?: string;
}

export function useCaseId(): string {
  return useParams<{ caseId: string }>().caseId ?? '';
}

// ---- new case ---------------------------------------------------------------------------------------------

export function CaseNewPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.write" page={t('caseForm.newTitle')}>
      {(study) => <CaseNew study={study} />}
    </ModuleGate>
  );
}

function CaseNew({ study }: { study: Study }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const title = t('caseForm.newTitle');
  const crumbs = useDossierCrumbs(study, { label: title });
  const initial = useMemo(() => emptyState(), []);
  const create = useMutation({
    mutationFn: (input: Parameters<typeof dossiersApi.create>[1]) => dossiersApi.create(study.slug, input),
    onSuccess: (detail) => {
      queryClient.setQueryData(keys.dossier(study.slug, detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: keys.dossiers(study.slug) });
      navigate(dossiersPath(study.slug, encodeURIComponent(detail.id)), { state: { saved: t('caseForm.created', { code: detail.code }) } satisfies SavedState });
    },
  });
  if (study.archived) return <ArchivedNotice study={study} title={title} />;
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('caseForm.intro')}</p>
      <CaseForm
        slug={study.slug}
        initial={initial}
        submitLabel={t('caseForm.create')}
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
        actions={
          <Link to={dossiersPath(study.slug)} className="button-secondary">
            {t('common.cancel')}
          </Link>
        }
      />
    </>
  );
}

function ArchivedNotice({ study, title }: { study: Study; title: string }) {
  const { t } = useTranslation();
  const crumbs = useDossierCrumbs(study, { label: title });
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="notice">{t('study.archivedReadOnly')}</p>
    </>
  );
}

// ---- one case -----------------------------------------------------------------------------------------------

export function CasePage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('modules.dossiers')}>
      {(study) => <CaseLoader study={study} />}
    </ModuleGate>
  );
}

function useCase(study: Study, caseId: string) {
  return useQuery({ queryKey: keys.dossier(study.slug, caseId), queryFn: ({ signal }) => dossiersApi.get(study.slug, caseId, signal) });
}

function CaseLoader({ study }: { study: Study }) {
  const { t } = useTranslation();
  const caseId = useCaseId();
  const query = useCase(study, caseId);
  const crumbs = useDossierCrumbs(study, { label: t('caseForm.caseFallback') });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading>{isApiError(query.error, 404) ? t('caseForm.notFound') : t('errors.title')}</PageHeading>
        <ErrorAlert error={query.error} />
        {isApiError(query.error) && query.error.code === 'blind_second_coding' ? (
          <p>
            <Link to={dossiersPath(study.slug, `${encodeURIComponent(caseId)}/tweede-codering`)}>{t('secondCoding.toForm')}</Link>
          </p>
        ) : null}
        <p>
          <Link to={dossiersPath(study.slug)}>{t('caseForm.backToList')}</Link>
        </p>
      </>
    );
  }
  return <CaseEdit key={query.data.id} study={study} detail={query.data} />;
}

function CaseEdit({ study, detail }: { study: Study; detail: CaseDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const writable = canWrite(study);
  const [message, setMessage] = useState((location.state as SavedState | null)?.saved ?? '');
  const title = t('caseForm.caseTitle', { code: detail.code });
  const crumbs = useDossierCrumbs(study, { label: detail.code });
  // the form starts from the case as loaded; after saving it keeps its own state (focus stays where it was)
  const [{ initial, savedFlags }] = useState(() => {
    const { state, eventKeys } = toState(detail);
    return { initial: state, savedFlags: rowFlags(detail.flags, eventKeys) };
  });

  const save = useMutation({
    mutationFn: (input: Parameters<typeof dossiersApi.update>[2]) => dossiersApi.update(study.slug, detail.id, input),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.dossier(study.slug, updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.dossiers(study.slug) });
      setMessage(t('caseForm.saved', { code: updated.code, time: formatDateTime(updated.updatedAt) }));
    },
    onMutate: () => setMessage(''),
  });
  const remove = useMutation({
    mutationFn: () => dossiersApi.remove(study.slug, detail.id),
    onSuccess: () => {
      // Drop the cached lists too, so that the list never shows the deleted case while it reloads.
      queryClient.removeQueries({ queryKey: keys.dossiers(study.slug) });
      queryClient.removeQueries({ queryKey: keys.dossier(study.slug, detail.id) });
      navigate(dossiersPath(study.slug), { state: { deleted: detail.code } });
    },
  });

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      {isFictional(detail.code) ? <FictionalBanner /> : null}
      <p className="muted small">{t('caseForm.updatedAt', { time: formatDateTime(detail.updatedAt) })}</p>
      {writable && can(study, 'coding.supervise') ? (
        <ul className="tool-links-inline">
          <li>
            <Link to={dossiersPath(study.slug, `${encodeURIComponent(detail.id)}/vaststellen`)}>{t('reconcile.link')}</Link>
          </li>
        </ul>
      ) : null}
      {!writable ? <p className="notice">{study.archived ? t('study.archivedReadOnly') : t('caseForm.readOnly')}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      <CaseForm
        slug={study.slug}
        initial={initial}
        savedFlags={savedFlags}
        readOnly={!writable}
        submitLabel={t('caseForm.save')}
        pending={save.isPending}
        error={save.error}
        onSubmit={(input) => save.mutate(input)}
        actions={
          <ConfirmButton
            danger
            question={t('caseForm.deleteQuestion', { code: detail.code })}
            confirmLabel={t('caseForm.deleteConfirm')}
            onConfirm={() => remove.mutate()}
            pending={remove.isPending}
          >
            {t('caseForm.delete')}
          </ConfirmButton>
        }
      />
      <ErrorAlert error={remove.error} />
    </>
  );
}

// ---- blind second coding -------------------------------------------------------------------------------------

export function SecondCodingPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.write" page={t('secondCoding.title')}>
      {(study) => <SecondCodingLoader study={study} />}
    </ModuleGate>
  );
}

function SecondCodingLoader({ study }: { study: Study }) {
  const { t } = useTranslation();
  const caseId = useCaseId();
  // blind: the coder learns only the case code, from their assignments; the first coding is never loaded
  const assignments = useQuery({ queryKey: keys.myAssignments(study.slug), queryFn: ({ signal }) => dossiersApi.myAssignments(study.slug, signal) });
  const mine = useQuery({
    queryKey: keys.secondCoding(study.slug, caseId),
    queryFn: async ({ signal }) => {
      try {
        return await dossiersApi.secondCoding(study.slug, caseId, signal);
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
  });
  const crumbs = useDossierCrumbs(study, { label: t('secondCoding.title') });
  if (assignments.isPending || mine.isPending) return <Loading />;
  const assignment = assignments.data?.find((a) => a.caseId === caseId);
  if (assignments.isError || mine.isError || !assignment || assignment.closedAt) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading>{t('secondCoding.title')}</PageHeading>
        <ErrorAlert error={assignments.error ?? mine.error} />
        {assignments.data && !assignment ? <p className="notice">{t('secondCoding.notAssigned')}</p> : null}
        {assignment?.closedAt ? (
          <p className="notice">
            {t('secondCoding.settled', { code: assignment.code })} <Link to={dossiersPath(study.slug, encodeURIComponent(caseId))}>{t('secondCoding.openCase')}</Link>
          </p>
        ) : null}
        <p>
          <Link to={dossiersPath(study.slug)}>{t('caseForm.backToList')}</Link>
        </p>
      </>
    );
  }
  return <SecondCoding study={study} caseId={caseId} code={assignment.code} mine={mine.data} />;
}

function SecondCoding({ study, caseId, code, mine }: { study: Study; caseId: string; code: string; mine: CaseDetail | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const title = t('secondCoding.pageTitle', { code });
  const crumbs = useDossierCrumbs(study, { label: title });
  const [{ initial, savedFlags }] = useState(() => {
    if (!mine) return { initial: emptyState(code), savedFlags: undefined };
    const { state, eventKeys } = toState(mine);
    return { initial: state, savedFlags: rowFlags(mine.flags, eventKeys) };
  });
  const save = useMutation({
    mutationFn: (input: Parameters<typeof dossiersApi.saveSecondCoding>[2]) => dossiersApi.saveSecondCoding(study.slug, caseId, { ...input, code }),
    onMutate: () => setMessage(''),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.secondCoding(study.slug, caseId), saved);
      void queryClient.invalidateQueries({ queryKey: keys.myAssignments(study.slug) });
      setMessage(t('secondCoding.saved', { time: formatDateTime(saved.updatedAt) }));
    },
  });
  if (study.archived) return <ArchivedNotice study={study} title={title} />;
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      {isFictional(code) ? <FictionalBanner /> : null}
      <p className="lead">{t('secondCoding.intro')}</p>
      {mine ? <p className="muted small">{t('secondCoding.savedBefore', { time: formatDateTime(mine.updatedAt) })}</p> : null}
      <StatusMessage>{message}</StatusMessage>
      <CaseForm
        slug={study.slug}
        idPrefix="second"
        initial={initial}
        savedFlags={savedFlags}
        codeLocked
        submitLabel={t('secondCoding.save')}
        pending={save.isPending}
        error={save.error}
        onSubmit={(input) => save.mutate(input)}
      />
    </>
  );
}
