/** The researchers' survey endpoints (enquêtes), typed from the shared contract in src/shared/surveys.ts. */
import type { Job } from '../../shared/api';
import type { InvitationImportResult, SurveyDetail, SurveyExportFormat, SurveyPatch, SurveyResults, SurveySummary, Crosstab } from '../../shared/surveys';
import { get, patch, post, put } from './client';

const base = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/surveys`;
const one = (slug: string, id: string) => `${base(slug)}/${encodeURIComponent(id)}`;

export const surveysApi = {
  list: (slug: string, signal?: AbortSignal) => get<{ surveys: SurveySummary[] }>(base(slug), undefined, signal),
  create: (slug: string, body: { title: string; definition?: Record<string, unknown> }) => post<SurveyDetail>(base(slug), body),
  fromTemplate: (slug: string) => post<SurveyDetail>(`${base(slug)}/template`, {}),
  get: (slug: string, id: string, signal?: AbortSignal) => get<SurveyDetail>(one(slug, id), undefined, signal),
  update: (slug: string, id: string, body: SurveyPatch) => patch<SurveyDetail>(one(slug, id), body),
  saveDraft: (slug: string, id: string, definition: Record<string, unknown>) => put<SurveyDetail>(`${one(slug, id)}/draft`, { definition }),
  publish: (slug: string, id: string) => post<SurveyDetail>(`${one(slug, id)}/publish`, {}),
  publicLink: (slug: string, id: string) => post<{ url: string }>(`${one(slug, id)}/public-link`, {}),
  close: (slug: string, id: string) => post<SurveyDetail>(`${one(slug, id)}/close`, {}),
  importInvitations: (slug: string, id: string, csv: string) => post<InvitationImportResult>(`${one(slug, id)}/invitations/import`, { csv }),
  linksUrl: (slug: string, id: string) => `${one(slug, id)}/invitations/links`,
  send: (slug: string, id: string, kind: 'invitation' | 'reminder') => post<Job>(`${one(slug, id)}/invitations/send`, { kind }),
  results: (slug: string, id: string, filters: Record<string, string[]>, signal?: AbortSignal) =>
    get<SurveyResults>(`${one(slug, id)}/results`, Object.keys(filters).length ? { filters: JSON.stringify(filters) } : undefined, signal),
  crosstab: (slug: string, id: string, row: string, col: string, signal?: AbortSignal) => get<Crosstab>(`${one(slug, id)}/results/crosstab`, { row, col }, signal),
  startExport: (slug: string, id: string, format: SurveyExportFormat) => post<Job>(`${one(slug, id)}/export`, { format }),
};

export const surveyKeys = {
  list: (slug: string) => ['study', slug, 'surveys'] as const,
  one: (slug: string, id: string) => ['study', slug, 'survey', id] as const,
  results: (slug: string, id: string, filters: object) => ['study', slug, 'survey', id, 'results', filters] as const,
};
