/** Shared pieces of the qualitative pages (documents, pseudonymisation, workspace, retrieval, search). */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Study } from '../../api/types';
import type { Crumb } from '../../components/Breadcrumbs';
import { studyPath } from '../studies/useStudy';

export { ModuleGate, canWrite } from '../dossiers/common';

export const documentsPath = (slug: string, sub?: string) => studyPath(slug, sub ? `documenten/${sub}` : 'documenten');
export const documentPath = (slug: string, documentId: string, at?: { pos?: number; zoek?: string; laag?: CodingLayer }) => {
  const q = new URLSearchParams();
  if (at?.pos !== undefined) q.set('pos', String(at.pos));
  if (at?.zoek) q.set('zoek', at.zoek);
  if (at?.laag === 'consensus') q.set('laag', 'consensus');
  const qs = q.toString();
  return `${documentsPath(slug, encodeURIComponent(documentId))}${qs ? `?${qs}` : ''}`;
};
/** The workspace shows the coders' layer (default) or the consensus layer (team coding), kept in the URL as ?laag=consensus. */
export type CodingLayer = 'coder' | 'consensus';
export const layerOf = (params: URLSearchParams): CodingLayer => (params.get('laag') === 'consensus' ? 'consensus' : 'coder');
export const pseudonymisePath = (slug: string, documentId: string) => documentsPath(slug, `${encodeURIComponent(documentId)}/pseudonimiseren`);
export const codesPath = (slug: string, codeId?: string) => studyPath(slug, codeId ? `codes/${encodeURIComponent(codeId)}` : 'codes');
export const participantLink = (slug: string, participantId: string) => studyPath(slug, `deelnemers/${encodeURIComponent(participantId)}`);

/** Onderzoeken › study › Documenten › … */
export function useCodingCrumbs(study: Study, ...rest: Crumb[]): Crumb[] {
  const { t } = useTranslation();
  return [{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.coding'), to: documentsPath(study.slug) }, ...rest];
}

type Group = 'kind' | 'pkind' | 'pkindPlural' | 'extent' | 'context';

/** The label of a value of the coding vocabulary ("Transcript", "Naam" …); unknown values as they are. */
export function useCVocab() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (group: Group, value: string): string => {
      const key = `cvocab.${group}.${value}`;
      return value && i18n.exists(key) ? t(key as 'cvocab.kind.transcript') : value;
    },
    [t, i18n],
  );
}

/** Colours of the pseudonymisation kinds in the assistant's text (light tints: dark text stays readable). */
export const PSEUDONYM_COLORS: Record<string, string> = {
  name: '#e8868c',
  place: '#6fbf7e',
  institution: '#a58fe0',
  date: '#e9b04f',
  age: '#e9b04f',
  phone: '#6cb4d9',
  email: '#6cb4d9',
  url: '#6cb4d9',
  bsn: '#d97cc0',
  postcode: '#9aa5b1',
  address: '#9aa5b1',
};
