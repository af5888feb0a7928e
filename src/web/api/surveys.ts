/** The researchers' survey endpoints (enquêtes), typed from the shared contract in src/shared/surveys.ts. */
import type { Job } from '../../shared/api';
import type { InvitationImportResult, SurveyDetail, SurveyExportFormat, SurveyPatch, SurveyResults, SurveySummary, Crosstab } from '../../shared/surveys';
import type { Invitation, InvitationStatus, LinkScope, OpenQuestion, SurveyImportFormat, ToCodingResult } from '../../shared/surveys';
import { del, get, patch, post, put, requestBlob } from './client';

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
  /** filters: `vraag:waarde` (repeated `filter` parameters) */
  results: (slug: string, id: string, filters: string[], signal?: AbortSignal) => get<SurveyResults>(`${one(slug, id)}/results${filterQuery(filters)}`, undefined, signal),
  crosstab: (slug: string, id: string, row: string, col: string, filters: string[] = [], signal?: AbortSignal) =>
    get<Crosstab>(`${one(slug, id)}/results/crosstab${filterQuery(filters, { row, col })}`, undefined, signal),
  startExport: (slug: string, id: string, format: SurveyExportFormat) => post<Job>(`${one(slug, id)}/export`, { format }),
  importSurvey: (slug: string, body: { format: SurveyImportFormat; content: string }) => post<{ survey: SurveyDetail; report: string[] }>(`${base(slug)}/import`, body),
  invitations: (slug: string, id: string, q: { status?: InvitationStatus; offset: number; limit: number }, signal?: AbortSignal) =>
    get<{ total: number; counts: Record<InvitationStatus, number>; invitations: Invitation[] }>(`${one(slug, id)}/invitations`, q, signal),
  /** the mail-merge CSV (new personal links; shown only now) */
  links: (slug: string, id: string, scope: LinkScope = 'new') => requestBlob('POST', `${one(slug, id)}/invitations/links`, { scope }),
  deleteEmail: (slug: string, id: string, invitationId: string) => del<{ ok: true }>(`${one(slug, id)}/invitations/${encodeURIComponent(invitationId)}/email`),
  openQuestions: (slug: string, id: string, signal?: AbortSignal) => get<{ questions: OpenQuestion[] }>(`${one(slug, id)}/open-answers`, undefined, signal),
  toCoding: (slug: string, id: string, question: string) => post<ToCodingResult>(`${one(slug, id)}/open-answers/to-coding`, { question }),
};

/** `?row=…&filter=a:b&filter=c:d` (URLSearchParams: repeated keys) */
function filterQuery(filters: string[], extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const f of filters) params.append('filter', f);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export const surveyKeys = {
  list: (slug: string) => ['study', slug, 'surveys'] as const,
  one: (slug: string, id: string) => ['study', slug, 'survey', id] as const,
  invitations: (slug: string, id: string) => ['study', slug, 'survey', id, 'invitations'] as const,
  openQuestions: (slug: string, id: string) => ['study', slug, 'survey', id, 'open-answers'] as const,
  results: (slug: string, id: string, filters: string[]) => ['study', slug, 'survey', id, 'results', filters] as const,
  crosstab: (slug: string, id: string, row: string, col: string, filters: string[]) => ['study', slug, 'survey', id, 'crosstab', row, col, filters] as const,
};
