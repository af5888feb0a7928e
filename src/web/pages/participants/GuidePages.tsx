/** Interview guides per audience, with child-friendly versions by age; "Sjabloon toevoegen" copies the ready template. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, isApiError } from '../../api/client';
import { interviewsApi, keys } from '../../api/endpoints';
import type { Guide, GuideInput, ParticipantRole, Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormErrorSummary, useFocusFirstInvalid } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { formatDateTime } from '../../i18n/format';
import { GUIDE_AUDIENCES } from '../../../shared/participant-vocabulary';
import { ArchivedPage, canWrite, guidesPath, ModuleGate, useModuleCrumbs, usePVocab } from './common';
import { ageRange, emptyGuideForm, guideInput, guideState, serverErrors, type FormErrors, type GuideFormState } from './model';

const guidePath = (slug: string, id: string) => guidesPath(slug, encodeURIComponent(id));

function useGuideCrumbs(study: Study, ...rest: { label: string; to?: string }[]) {
  const { t } = useTranslation();
  return useModuleCrumbs(study, 'interviews', { label: t('guides.title'), to: guidesPath(study.slug) }, ...rest);
}

// ---- list ---------------------------------------------------------------------------------------------------

export function GuideListPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('guides.title')}>
      {(study) => <GuideList study={study} />}
    </ModuleGate>
  );
}

function GuideList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const queryClient = useQueryClient();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const [message, setMessage] = useState(deleted ? t('guides.deleted', { title: deleted }) : '');
  const [audience, setAudience] = useState<ParticipantRole | ''>('');
  const title = t('guides.title');
  const crumbs = useGuideCrumbs(study);
  const list = useQuery({ queryKey: keys.guides(study.slug), queryFn: ({ signal }) => interviewsApi.guides(study.slug, signal) });
  const writable = canWrite(study);
  const copy = useMutation({
    mutationFn: () => interviewsApi.copyTemplate(study.slug, audience ? [audience] : undefined),
    onMutate: () => setMessage(''),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: keys.guides(study.slug) });
      setMessage(
        [r.created.length ? t('guides.templateCreated', { count: r.created.length }) : t('guides.templateNone'), r.skipped.length ? t('guides.templateSkipped', { count: r.skipped.length }) : '']
          .filter(Boolean)
          .join(' '),
      );
    },
  });
  const byAudience = useMemo(() => {
    const m = new Map<ParticipantRole, Guide[]>();
    for (const g of list.data ?? []) m.set(g.audience, [...(m.get(g.audience) ?? []), g]);
    return m;
  }, [list.data]);

  return (
    <>
      <Breadcrumbs items={crumbs.slice(0, 3).concat({ label: title })} />
      <div className="page-header">
        <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
        {writable ? (
          <Link to={guidesPath(study.slug, 'nieuw')} className="button-primary">
            {t('guides.new')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('guides.intro')}</p>
      <StatusMessage>{message}</StatusMessage>

      {writable ? (
        <section aria-labelledby="template-heading" className="section panel">
          <h2 id="template-heading">{t('guides.templateHeading')}</h2>
          <p className="small">{t('guides.templateExplain')}</p>
          <form
            className="inline-form"
            aria-labelledby="template-heading"
            onSubmit={(e) => {
              e.preventDefault();
              copy.mutate();
            }}
          >
            <SelectField label={t('guides.templateFor')} name="audience" value={audience} onChange={(e) => setAudience(e.target.value as ParticipantRole | '')}>
              <option value="">{t('guides.allAudiences')}</option>
              {GUIDE_AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {t(`pvocab.rolePlural.${a}`)}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button-secondary" disabled={copy.isPending}>
              {t('guides.templateAdd')}
            </button>
          </form>
          <ErrorAlert error={copy.error} />
        </section>
      ) : null}

      <section aria-labelledby="guides-heading" className="section">
        <h2 id="guides-heading">{t('guides.listHeading')}</h2>
        {list.isPending ? <Loading /> : null}
        <ErrorAlert error={list.error} />
        {list.data && list.data.length === 0 ? <p className="empty">{t('guides.empty')}</p> : null}
        {GUIDE_AUDIENCES.filter((a) => byAudience.has(a)).map((a) => (
          <section key={a} aria-labelledby={`guides-${a}`} className="guide-group">
            <h3 id={`guides-${a}`}>{t(`pvocab.rolePlural.${a}`)}</h3>
            <ul className="plain-list found-list">
              {byAudience.get(a)!.map((g) => (
                <li key={g.id}>
                  <Link to={guidePath(study.slug, g.id)}>{g.title}</Link>
                  {ageRange(g.ageFrom, g.ageTo, t) ? <span className="small muted"> · {ageRange(g.ageFrom, g.ageTo, t)}</span> : null}
                  {g.childFriendly ? <span className="tag tag-ok tag-after">{t('guides.childFriendly')}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}

// ---- the form -----------------------------------------------------------------------------------------------

const FIELDS = ['audience', 'title', 'ageFrom', 'ageTo', 'childFriendly', 'body'] as const;

function GuideForm({
  initial,
  submitLabel,
  pending,
  error,
  readOnly,
  onSubmit,
  actions,
}: {
  initial: GuideFormState;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  readOnly?: boolean;
  onSubmit: (input: GuideInput) => void;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const server = useMemo(() => (error instanceof ApiError ? serverErrors(error.details, FIELDS) : {}), [error]);
  const shown = { ...server, ...errors };
  const set = <K extends keyof GuideFormState>(key: K, value: GuideFormState[K]) => setState((s) => ({ ...s, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    const r = guideInput(state, t);
    setErrors(r.errors);
    if (!r.input) {
      focusInvalid();
      return;
    }
    onSubmit(r.input);
  }
  return (
    <form ref={form} onSubmit={submit} noValidate className="form">
      <FormErrorSummary errors={errors} />
      <fieldset className="fieldset-plain" disabled={readOnly}>
        <div className="field-row">
          <SelectField label={t('guides.audience')} name="audience" required value={state.audience} error={shown.audience} onChange={(e) => set('audience', e.target.value as GuideFormState['audience'])}>
            <option value="">{t('guides.chooseAudience')}</option>
            {GUIDE_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {vocab('role', a)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('guides.titleLabel')} name="title" required maxLength={200} value={state.title} error={shown.title} onChange={(e) => set('title', e.target.value)} />
        </div>
        <fieldset className="fieldset">
          <legend>{t('guides.agesLegend')}</legend>
          <p className="field-hint">{t('guides.agesHint')}</p>
          <div className="field-row">
            <TextField label={t('guides.ageFromLabel')} name="ageFrom" inputMode="numeric" className="field-short" value={state.ageFrom} error={shown.ageFrom} onChange={(e) => set('ageFrom', e.target.value)} />
            <TextField label={t('guides.ageToLabel')} name="ageTo" inputMode="numeric" className="field-short" value={state.ageTo} error={shown.ageTo} onChange={(e) => set('ageTo', e.target.value)} />
          </div>
          <CheckboxField label={t('guides.childFriendlyLabel')} hint={t('guides.childFriendlyHint')} name="childFriendly" checked={state.childFriendly} onChange={(e) => set('childFriendly', e.target.checked)} />
        </fieldset>
        <TextAreaField label={t('guides.body')} hint={t('guides.bodyHint')} name="body" rows={18} className="field-wide" value={state.body} error={shown.body} onChange={(e) => set('body', e.target.value)} />
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

export function GuideNewPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.write" page={t('guides.newTitle')}>
      {(study) => <GuideNew study={study} />}
    </ModuleGate>
  );
}

function GuideNew({ study }: { study: Study }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const title = t('guides.newTitle');
  const crumbs = useGuideCrumbs(study, { label: title });
  const [initial] = useState(emptyGuideForm);
  const create = useMutation({
    mutationFn: (input: GuideInput) => interviewsApi.createGuide(study.slug, input),
    onSuccess: (g) => {
      queryClient.setQueryData(keys.guide(study.slug, g.id), g);
      void queryClient.invalidateQueries({ queryKey: keys.guides(study.slug) });
      navigate(guidePath(study.slug, g.id), { state: { saved: t('guides.created', { title: g.title }) } });
    },
  });
  if (study.archived) return <ArchivedPage study={study} title={title} crumbs={crumbs} />;
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <GuideForm
        initial={initial}
        submitLabel={t('guides.create')}
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
        actions={
          <Link to={guidesPath(study.slug)} className="button-secondary">
            {t('common.cancel')}
          </Link>
        }
      />
    </>
  );
}

// ---- one guide ----------------------------------------------------------------------------------------------

export function GuidePage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('guides.title')}>
      {(study) => <GuideLoader study={study} />}
    </ModuleGate>
  );
}

function GuideLoader({ study }: { study: Study }) {
  const { t } = useTranslation();
  const guideId = useParams<{ guideId: string }>().guideId ?? '';
  const query = useQuery({ queryKey: keys.guide(study.slug, guideId), queryFn: ({ signal }) => interviewsApi.guide(study.slug, guideId, signal) });
  const crumbs = useGuideCrumbs(study, { label: t('guides.fallback') });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading>{isApiError(query.error, 404) ? t('guides.notFound') : t('errors.title')}</PageHeading>
        <ErrorAlert error={query.error} />
        <p>
          <Link to={guidesPath(study.slug)}>{t('guides.backToList')}</Link>
        </p>
      </>
    );
  }
  return <GuideDetail key={query.data.id} study={study} guide={query.data} />;
}

function GuideDetail({ study, guide: g }: { study: Study; guide: Guide }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const writable = canWrite(study);
  const [message, setMessage] = useState((location.state as { saved?: string } | null)?.saved ?? '');
  const crumbs = useGuideCrumbs(study, { label: g.title });
  const [initial] = useState(() => guideState(g));
  const save = useMutation({
    mutationFn: (input: GuideInput) => interviewsApi.updateGuide(study.slug, g.id, input),
    onMutate: () => setMessage(''),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.guide(study.slug, g.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.guides(study.slug), exact: true });
      setMessage(t('guides.saved', { title: updated.title, time: formatDateTime(updated.updatedAt) }));
    },
  });
  const remove = useMutation({
    mutationFn: () => interviewsApi.removeGuide(study.slug, g.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: keys.guide(study.slug, g.id) });
      void queryClient.invalidateQueries({ queryKey: keys.guides(study.slug) });
      void queryClient.invalidateQueries({ queryKey: keys.interviews(study.slug) });
      navigate(guidesPath(study.slug), { state: { deleted: g.title } });
    },
  });
  const range = ageRange(g.ageFrom, g.ageTo, t);
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${g.title} – ${study.title}`}>{g.title}</PageHeading>
      <p className="muted small">
        {vocab('role', g.audience)}
        {range ? ` · ${range}` : ''}
        {g.childFriendly ? ` · ${t('guides.childFriendly')}` : ''} · {t('guides.updatedAt', { time: formatDateTime(g.updatedAt) })}
      </p>
      <StatusMessage>{message}</StatusMessage>
      {!writable ? (
        <>
          <p className="notice">{study.archived ? t('study.archivedReadOnly') : t('guides.readOnly')}</p>
          <div className="guide-body prewrap">{g.body}</div>
        </>
      ) : (
        <GuideForm
          initial={initial}
          submitLabel={t('guides.save')}
          pending={save.isPending}
          error={save.error}
          onSubmit={(input) => save.mutate(input)}
          actions={
            <ConfirmButton danger question={t('guides.deleteQuestion', { title: g.title })} confirmLabel={t('guides.deleteConfirm')} onConfirm={() => remove.mutate()} pending={remove.isPending}>
              {t('guides.delete')}
            </ConfirmButton>
          }
        />
      )}
      <ErrorAlert error={remove.error} />
    </>
  );
}
