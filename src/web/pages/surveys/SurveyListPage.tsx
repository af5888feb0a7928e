import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { SurveyImportFormat } from '../../../shared/surveys';
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
      {canEdit ? <ImportSurvey study={study} onOpen={opened} onImported={() => void qc.invalidateQueries({ queryKey: surveyKeys.list(study.slug) })} /> : null}
    </>
  );
}

const MAX_IMPORT_BYTES = 10_000_000;

/** The format of an import file: by its extension, else by its first character. */
export function importFormatOf(name: string, text: string): SurveyImportFormat {
  if (/\.lss$/i.test(name)) return 'limesurvey';
  if (/\.json$/i.test(name)) return 'surveyjs';
  return text.replace(/^\ufeff/, '').trimStart().startsWith('<') ? 'limesurvey' : 'surveyjs';
}

/** Import a SurveyJS JSON file or a LimeSurvey .lss; the report of what could not be mapped; then the editor. */
function ImportSurvey({ study, onOpen, onImported }: { study: Study; onOpen(id: string): void; onImported(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [fileError, setFileError] = useState('');
  const imp = useMutation({
    mutationFn: () => surveysApi.importSurvey(study.slug, { format: importFormatOf(file!.name, file!.content), content: file!.content }),
    onSuccess: (r) => {
      if (r.report.length === 0) onOpen(r.survey.id);
      else onImported();
    },
  });
  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    setFileError('');
    imp.reset();
    setFile(null);
    if (!f) return;
    if (f.size > MAX_IMPORT_BYTES) {
      setFileError(t('surveys.importTooLarge'));
      return;
    }
    setFile({ name: f.name, content: await f.text() });
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setFileError(t('surveys.importChooseFile'));
      document.getElementById('survey-import-file')?.focus();
      return;
    }
    imp.mutate();
  }
  const done = imp.data;
  return (
    <section aria-labelledby="survey-import" className="section">
      <h2 id="survey-import">{t('surveys.importHeading')}</h2>
      <p className="small">{t('surveys.importExplain')}</p>
      <form onSubmit={submit} className="form" noValidate>
        <div className="field">
          <label htmlFor="survey-import-file">{t('surveys.importFile')}</label>
          <input
            id="survey-import-file"
            type="file"
            accept=".json,.lss,application/json,text/xml,application/xml"
            onChange={(e) => void onFile(e)}
            aria-describedby={fileError ? 'survey-import-file-error' : undefined}
          />
          {fileError ? (
            <p id="survey-import-file-error" className="field-error">
              {fileError}
            </p>
          ) : null}
        </div>
        <ErrorAlert error={imp.error} />
        <button type="submit" className="button-secondary" disabled={imp.isPending}>
          {t('surveys.importButton')}
        </button>
      </form>
      {done && done.report.length ? (
        <div className="import-report">
          <h3 id="survey-import-report">{t('surveys.importReport', { title: done.survey.title })}</h3>
          <p>{t('surveys.importReportExplain', { count: done.report.length })}</p>
          <ul aria-labelledby="survey-import-report">
            {done.report.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <p>
            <Link to={studyPath(study.slug, `enquetes/${done.survey.id}`)} className="button-primary">
              {t('surveys.openImported')}
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
