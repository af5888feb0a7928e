import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keys, studiesApi } from '../../api/endpoints';
import { can, type Study, type StudyAction } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { TextAreaField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import i18n from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { OverdueRecordingsNotice } from '../participants/OverdueNotice';
import { useRoleLabel } from './roles';
import { formatPeriod } from './StudyListPage';
import { StudyGate, studyPath } from './useStudy';

export function StudyHomePage() {
  return <StudyGate>{(study) => <StudyHome study={study} />}</StudyGate>;
}

/** The permission a known module needs; unknown modules are shown (the server decides). */
const MODULE_PERMISSION: Record<string, StudyAction> = {
  members: 'members.read',
  audit: 'audit.read',
  dossiers: 'data.read',
  monitor: 'results.read',
  participants: 'data.read',
  interviews: 'data.read',
  coding: 'data.read',
  surveys: 'results.read',
  legal: 'legal.read',
  signals: 'results.read',
  findings: 'findings.read',
  recommendations: 'findings.read',
  reflection: 'results.read',
  impact: 'impact.read',
};

function moduleHref(study: Study, path: string): string {
  if (path.startsWith('/')) return path;
  return studyPath(study.slug, path.replace(/^\.?\//, ''));
}

function StudyHome({ study }: { study: Study }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const modules = study.modules.filter((m) => !MODULE_PERMISSION[m.key] || can(study, MODULE_PERMISSION[m.key]));

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title }]} />
      <div className="page-header">
        <PageHeading>{study.title}</PageHeading>
        {can(study, 'study.update') && !study.archived ? (
          <Link to={studyPath(study.slug, 'bewerken')} className="button-secondary">
            {t('study.edit')}
          </Link>
        ) : null}
      </div>
      {study.archived ? (
        <p className="notice">
          <strong>{t('study.archivedBadge')}.</strong> {t('study.archivedNotice')}
        </p>
      ) : null}
      <OverdueRecordingsNotice study={study} />

      <div className="study-layout">
        <div className="study-main">
          <section aria-labelledby="study-about" className="section">
            <h2 id="study-about">{t('study.about')}</h2>
            {study.description ? <p className="prewrap">{study.description}</p> : <p className="muted">{t('study.noDescription')}</p>}
            <h3>{t('study.researchQuestions')}</h3>
            {study.researchQuestions.length ? (
              <ol className="list">
                {study.researchQuestions.map((q, i) => (
                  <li key={i}>{q}</li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t('study.noResearchQuestions')}</p>
            )}
          </section>

          <section aria-labelledby="study-modules" className="section">
            <h2 id="study-modules">{t('study.modules')}</h2>
            {modules.length ? (
              <ul className="module-list">
                {modules.map((m) => (
                  <li key={m.key}>
                    <Link to={moduleHref(study, m.path)} className="module-link">
                      {i18n.exists(`modules.${m.key}`) ? t(`modules.${m.key}` as 'modules.members') : m.key}
                    </Link>
                    {i18n.exists(`moduleDescriptions.${m.key}`) ? (
                      <span className="module-description">{t(`moduleDescriptions.${m.key}` as 'moduleDescriptions.members')}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('study.noModules')}</p>
            )}
          </section>

          {can(study, 'study.confidential') ? <ConfidentialNotes slug={study.slug} readOnly={study.archived} /> : null}
        </div>

        <section className="study-aside" aria-labelledby="study-facts">
          <h2 id="study-facts">{t('study.facts')}</h2>
          <dl className="facts">
            <dt>{t('study.myRole')}</dt>
            <dd>{roleLabel(study.myRole)}</dd>
            <dt>{t('study.period')}</dt>
            <dd>{formatPeriod(study.periodStart, study.periodEnd, t('study.periodUnknown'))}</dd>
            <dt>{t('study.funder')}</dt>
            <dd>{study.funder || t('study.notProvided')}</dd>
            <dt>{t('study.partners')}</dt>
            <dd>
              {study.partners.length ? (
                <ul className="plain-list">
                  {study.partners.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              ) : (
                t('study.notProvided')
              )}
            </dd>
            <dt>{t('study.disclosureThreshold')}</dt>
            <dd>{t('study.disclosureThresholdValue', { count: study.disclosureThreshold })}</dd>
            <dt>{t('study.updatedAt')}</dt>
            <dd>{formatDate(study.updatedAt)}</dd>
          </dl>
          {can(study, 'study.archive') ? <ArchiveControl study={study} /> : null}
        </section>
      </div>
    </>
  );
}

function ArchiveControl({ study }: { study: Study }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const mutation = useMutation({
    mutationFn: () => (study.archived ? studiesApi.unarchive(study.slug) : studiesApi.archive(study.slug)),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.study(updated.slug), updated);
      void queryClient.invalidateQueries({ queryKey: keys.studies() });
      setMessage(updated.archived ? t('study.archivedDone') : t('study.unarchivedDone'));
    },
  });
  return (
    <div className="archive-control">
      <h3>{t('study.archiveHeading')}</h3>
      <p className="small">{study.archived ? t('study.unarchiveExplain') : t('study.archiveExplain')}</p>
      <ErrorAlert error={mutation.error} />
      <ConfirmButton
        question={study.archived ? t('study.unarchiveQuestion') : t('study.archiveQuestion')}
        confirmLabel={study.archived ? t('study.unarchiveConfirm') : t('study.archiveConfirm')}
        onConfirm={() => mutation.mutate()}
        pending={mutation.isPending}
        danger={!study.archived}
      >
        {study.archived ? t('study.unarchive') : t('study.archive')}
      </ConfirmButton>
      <StatusMessage>{message}</StatusMessage>
    </div>
  );
}

/** Archived studies are read-only (the server refuses changes), so the notes are shown as text. */
function ConfidentialNotes({ slug, readOnly }: { slug: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notes = useQuery({ queryKey: keys.confidential(slug), queryFn: ({ signal }) => studiesApi.confidential(slug, signal) });
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const save = useMutation({
    mutationFn: (value: string) => studiesApi.saveConfidential(slug, value),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.confidential(slug), data);
      setText(null);
      setSaved(t('confidential.saved'));
    },
  });
  useEffect(() => {
    if (text !== null) setSaved('');
  }, [text]);

  const value = text ?? notes.data?.notes ?? '';
  const tooLong = value.length > 20000;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!tooLong) save.mutate(value);
  }

  return (
    <section aria-labelledby="study-confidential" className="section confidential">
      <h2 id="study-confidential">{t('confidential.title')}</h2>
      <p className="small">{t('confidential.explain')}</p>
      {notes.isPending ? <Loading /> : null}
      <ErrorAlert error={notes.error} />
      {notes.data && readOnly ? (
        <>
          <h3>{t('confidential.label')}</h3>
          {notes.data.notes ? <p className="prewrap">{notes.data.notes}</p> : <p className="muted">{t('confidential.empty')}</p>}
          <p className="small muted">{t('confidential.archivedReadOnly')}</p>
        </>
      ) : null}
      {notes.data && !readOnly ? (
        <form onSubmit={submit} noValidate className="form">
          <ErrorAlert error={save.error} />
          <TextAreaField
            label={t('confidential.label')}
            name="notes"
            rows={6}
            value={value}
            error={tooLong ? t('confidential.tooLong', { max: 20000 }) : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={save.isPending || tooLong}>
              {t('confidential.save')}
            </button>
          </div>
          <StatusMessage>{saved}</StatusMessage>
        </form>
      ) : null}
    </section>
  );
}
