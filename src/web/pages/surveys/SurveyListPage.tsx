import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { surveyKeys, surveysApi } from '../../api/surveys';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { PageHeading } from '../../components/PageHeading';
import { StudyGate, studyPath } from '../studies/useStudy';

export function SurveyListPage() {
  return <StudyGate>{(study) => <SurveyList study={study} />}</StudyGate>;
}

function SurveyList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const list = useQuery({ queryKey: surveyKeys.list(study.slug), queryFn: ({ signal }) => surveysApi.list(study.slug, signal) });
  const canEdit = can(study, 'data.write') && !study.archived;
  const canRead = can(study, 'data.read');
  const opened = (id: string) => {
    void qc.invalidateQueries({ queryKey: surveyKeys.list(study.slug) });
    void navigate(studyPath(study.slug, `enquetes/${id}`));
  };
  const create = useMutation({ mutationFn: () => surveysApi.create(study.slug, { title }), onSuccess: (s) => opened(s.id) });
  const template = useMutation({ mutationFn: () => surveysApi.fromTemplate(study.slug), onSuccess: (s) => opened(s.id) });

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.surveys') }]} />
      <PageHeading>{t('modules.surveys')}</PageHeading>
      <p>{t('moduleDescriptions.surveys')}</p>
      <ErrorAlert error={list.error ?? create.error ?? template.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && !list.data.surveys.length ? <p className="muted">{t('surveys.none')}</p> : null}
      {list.data?.surveys.length ? (
        <ul className="list">
          {list.data.surveys.map((s) => (
            <li key={s.id}>
              {canRead ? <Link to={studyPath(study.slug, `enquetes/${s.id}`)}>{s.title}</Link> : <strong>{s.title}</strong>}{' '}
              <span className="muted small">
                {t(`surveys.status.${s.status}`)}
                {s.currentVersion ? ` · ${t('surveys.version', { n: s.currentVersion })}` : ''}
              </span>{' '}
              {s.currentVersion ? (
                <Link to={studyPath(study.slug, `enquetes/${s.id}/resultaten`)} aria-label={t('surveys.resultsOf', { title: s.title })}>
                  {t('surveys.results')}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? (
        <section aria-labelledby="survey-new" className="section">
          <h2 id="survey-new">{t('surveys.new')}</h2>
          <form onSubmit={submit} className="form">
            <div className="field">
              <label htmlFor="survey-title">{t('surveys.title')}</label>
              <input id="survey-title" value={title} onChange={(e) => setTitle(e.target.value)} required minLength={3} maxLength={200} />
            </div>
            <button type="submit" className="button-primary" disabled={create.isPending}>
              {t('surveys.create')}
            </button>
          </form>
          <p>
            <button type="button" className="button-secondary" onClick={() => template.mutate()} disabled={template.isPending}>
              {t('surveys.useTemplate')}
            </button>{' '}
            <span className="muted small">{t('surveys.templateExplain')}</span>
          </p>
        </section>
      ) : null}
    </>
  );
}
