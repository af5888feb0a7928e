import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Study, type StudyAction } from '../../api/types';
import type { Crumb } from '../../components/Breadcrumbs';
import i18n from '../../i18n/i18n';
import { NoAccess, StudyGate, studyPath } from '../studies/useStudy';

export const dossiersPath = (slug: string, sub?: string) => studyPath(slug, sub ? `dossiers/${sub}` : 'dossiers');

/** The study of the URL, if the user's role allows `action` in it (else the "no access" page). */
export function ModuleGate({ action, page, children }: { action: StudyAction; page: string; children: (study: Study) => ReactNode }) {
  return <StudyGate>{(study) => (can(study, action) ? children(study) : <NoAccess study={study} page={page} />)}</StudyGate>;
}

/** Onderzoeken › study › Dossieronderzoek › … */
export function useDossierCrumbs(study: Study, ...rest: Crumb[]): Crumb[] {
  const { t } = useTranslation();
  return [
    { label: t('nav.studies'), to: '/onderzoeken' },
    { label: study.title, to: studyPath(study.slug) },
    { label: t('modules.dossiers'), to: dossiersPath(study.slug) },
    ...rest,
  ];
}

/** Study data may be changed only with data.write and while the study is not archived. */
export const canWrite = (study: Study) => can(study, 'data.write') && !study.archived;

/** Shown wherever demonstration data (case codes FICT-…) appear. */
export function FictionalBanner() {
  const { t } = useTranslation();
  return (
    <p className="notice fictional-banner">
      <strong>{t('dossiers.fictionalTitle')}</strong> {t('dossiers.fictionalText')}
    </p>
  );
}

/** "maart 2012" from 2012-03. */
export function formatMonth(value: string): string {
  if (!/^\d{4}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-01T00:00:00Z`));
}
