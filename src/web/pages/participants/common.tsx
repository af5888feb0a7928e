/** Shared pieces of the interview study's pages: paths, breadcrumbs, the vocabulary labels, the consent badge. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentScope, Participant, Study } from '../../api/types';
import type { Crumb } from '../../components/Breadcrumbs';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { PageHeading } from '../../components/PageHeading';
import { studyPath } from '../studies/useStudy';

export { ModuleGate, canWrite } from '../dossiers/common';

export const participantsPath = (slug: string, sub?: string) => studyPath(slug, sub ? `deelnemers/${sub}` : 'deelnemers');
export const participantPath = (slug: string, participantId: string) => participantsPath(slug, encodeURIComponent(participantId));
export const consentPath = (slug: string) => studyPath(slug, 'toestemming');
export const interviewsPath = (slug: string, sub?: string) => studyPath(slug, sub ? `interviews/${sub}` : 'interviews');
export const guidesPath = (slug: string, sub?: string) => interviewsPath(slug, sub ? `leidraden/${sub}` : 'leidraden');

/** Onderzoeken › study › <module> › … */
export function useModuleCrumbs(study: Study, module: 'participants' | 'interviews', ...rest: Crumb[]): Crumb[] {
  const { t } = useTranslation();
  const to = module === 'participants' ? participantsPath(study.slug) : interviewsPath(study.slug);
  return [{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t(`modules.${module}`), to }, ...rest];
}

type Group = 'role' | 'ageBand' | 'gender' | 'situation' | 'placementType' | 'variableType' | 'scope' | 'givenBy' | 'kind' | 'method' | 'mode';

/** The label of a value of the interview study's vocabulary ("Kind", "Geluidsopname" …); unknown values as they are. */
export function usePVocab() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (group: Group, value: string): string => {
      const key = `pvocab.${group}.${value}`;
      return value && i18n.exists(key) ? t(key as 'pvocab.role.child') : value;
    },
    [t, i18n],
  );
}

/** Complete, withdrawn, or which scopes are missing (when the dashboard row is known). */
export function ConsentBadge({ status, missing }: { status: Participant['consentStatus']; missing?: ConsentScope[] }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  if (status === 'complete') return <span className="tag tag-ok">{t('consent.badgeComplete')}</span>;
  if (status === 'withdrawn') return <span className="tag tag-bad">{t('consent.badgeWithdrawn')}</span>;
  return (
    <span className="tag tag-warn">
      {missing && missing.length ? t('consent.badgeMissing', { scopes: missing.map((s) => vocab('scope', s).toLowerCase()).join(', ') }) : t('consent.badgeIncomplete')}
    </span>
  );
}

/** A page that changes data, in an archived study. */
export function ArchivedPage({ study, title, crumbs }: { study: Study; title: string; crumbs: Crumb[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="notice">{t('study.archivedReadOnly')}</p>
    </>
  );
}
