import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { keys, studiesApi } from '../../api/endpoints';
import type { StudySummary } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Alert';
import { CheckboxField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../i18n/format';
import { DemoLoader } from './DemoLoader';
import { useRoleLabel } from './roles';
import { studyPath } from './useStudy';

export function StudyListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const archived = params.get('gearchiveerd') === 'ja';
  const studies = useQuery({ queryKey: keys.studies(archived), queryFn: ({ signal }) => studiesApi.list(archived, signal) });

  return (
    <>
      <div className="page-header">
        <PageHeading>{t('studies.title')}</PageHeading>
        <Link to="/onderzoeken/nieuw" className="button-primary">
          {t('studies.new')}
        </Link>
      </div>
      <CheckboxField
        label={t('studies.showArchived')}
        checked={archived}
        onChange={(e) => setParams(e.target.checked ? { gearchiveerd: 'ja' } : {}, { replace: true })}
      />
      {studies.isPending ? <Loading /> : null}
      <ErrorAlert error={studies.error} />
      {studies.data ? <StudyList studies={studies.data} archived={archived} /> : null}
    </>
  );
}

function StudyList({ studies, archived }: { studies: StudySummary[]; archived: boolean }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  if (!studies.length) {
    if (archived) return <p className="empty">{t('studies.emptyArchived')}</p>;
    return (
      <>
        <p className="empty">{t('studies.empty')}</p>
        <DemoLoader />
      </>
    );
  }
  return (
    <>
      <p className="visually-hidden" role="status">
        {t('studies.count', { count: studies.length })}
      </p>
      <ul className="card-list">
        {studies.map((study) => (
          <li key={study.id} className="card">
            <h2 className="card-title">
              <Link to={studyPath(study.slug)}>{study.title}</Link>
            </h2>
            <dl className="meta">
              <div>
                <dt>{t('study.myRole')}</dt>
                <dd>{roleLabel(study.myRole)}</dd>
              </div>
              <div>
                <dt>{t('study.period')}</dt>
                <dd>{formatPeriod(study.periodStart, study.periodEnd, t('study.periodUnknown'))}</dd>
              </div>
              <div>
                <dt>{t('study.updatedAt')}</dt>
                <dd>{formatDate(study.updatedAt)}</dd>
              </div>
            </dl>
            {study.archived ? <p className="badge">{t('study.archivedBadge')}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function formatPeriod(start: string | null, end: string | null, unknown: string): string {
  if (!start && !end) return unknown;
  return `${start ? formatDate(start) : '…'} – ${end ? formatDate(end) : '…'}`;
}
