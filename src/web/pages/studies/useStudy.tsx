import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { keys, studiesApi } from '../../api/endpoints';
import type { Study } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { PageHeading } from '../../components/PageHeading';

export function useSlug(): string {
  return useParams<{ slug: string }>().slug ?? '';
}

export function useStudy(slug: string) {
  return useQuery({ queryKey: keys.study(slug), queryFn: ({ signal }) => studiesApi.get(slug, signal) });
}

export const studyPath = (slug: string, sub?: string) => `/onderzoeken/${encodeURIComponent(slug)}${sub ? `/${sub}` : ''}`;

/** Loads the study of the current URL; shows loading and error states (with an <h1>). */
export function StudyGate({ children }: { children: (study: Study) => ReactNode }) {
  const { t } = useTranslation();
  const slug = useSlug();
  const query = useStudy(slug);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const notFound = isApiError(query.error, 404) || isApiError(query.error, 403);
    return (
      <>
        <PageHeading>{notFound ? t('study.notFoundTitle') : t('errors.title')}</PageHeading>
        <ErrorAlert error={query.error} />
        <p>
          <Link to="/onderzoeken">{t('nav.backToStudies')}</Link>
        </p>
      </>
    );
  }
  return <>{children(query.data)}</>;
}

/** A study sub page the user's role does not allow. */
export function NoAccess({ study, page }: { study: Study; page: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: page }]} />
      <PageHeading title={`${page} – ${study.title}`}>{t('errors.forbiddenTitle')}</PageHeading>
      <p>{t('errors.roleForbidden')}</p>
      <p>
        <Link to={studyPath(study.slug)}>{t('study.backToStudy')}</Link>
      </p>
    </>
  );
}
