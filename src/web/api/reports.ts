/** The report builder endpoints, typed from the shared contract in src/shared/reports.ts. */
import type { BlockSources, ReportBuild, ReportDetail, ReportFormat, ReportSummary, ReportVersion, VersionCompare, VersionDetail } from '../../shared/reports';
import type { Job } from './types';
import { del, get, patch, post, put } from './client';

const base = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/reports`;
const one = (slug: string, id: string) => `${base(slug)}/${encodeURIComponent(id)}`;

export const reportKeys = {
  list: (slug: string) => ['reports', slug] as const,
  one: (slug: string, id: string) => ['reports', slug, id] as const,
  sources: (slug: string) => ['reports', slug, 'block-types'] as const,
  preview: (slug: string, id: string) => ['reports', slug, id, 'preview'] as const,
  versions: (slug: string, id: string) => ['reports', slug, id, 'versions'] as const,
  version: (slug: string, id: string, versionId: string) => ['reports', slug, id, 'versions', versionId] as const,
};

export const reportsApi = {
  list: (slug: string, signal?: AbortSignal) => get<{ reports: ReportSummary[]; canWrite: boolean; canReadDrafts: boolean }>(base(slug), undefined, signal),
  create: (slug: string, body: { title: string; subtitle?: string; template: boolean }) => post<ReportDetail>(base(slug), body),
  get: (slug: string, id: string, signal?: AbortSignal) => get<ReportDetail>(one(slug, id), undefined, signal),
  update: (slug: string, id: string, body: { title?: string; subtitle?: string }) => patch<ReportDetail>(one(slug, id), body),
  remove: (slug: string, id: string) => del<{ ok: true }>(one(slug, id)),
  sources: (slug: string, signal?: AbortSignal) => get<BlockSources>(`${base(slug)}/block-types`, undefined, signal),
  addChapter: (slug: string, id: string, body: { title: string; body?: string; after?: string | null }) => post<ReportDetail>(`${one(slug, id)}/chapters`, body),
  updateChapter: (slug: string, id: string, chapterId: string, body: { title?: string; body?: string }) => patch<ReportDetail>(`${one(slug, id)}/chapters/${encodeURIComponent(chapterId)}`, body),
  deleteChapter: (slug: string, id: string, chapterId: string) => del<ReportDetail>(`${one(slug, id)}/chapters/${encodeURIComponent(chapterId)}`),
  reorder: (slug: string, id: string, ids: string[]) => put<ReportDetail>(`${one(slug, id)}/chapters/order`, { ids }),
  preview: (slug: string, id: string, signal?: AbortSignal) => get<ReportBuild>(`${one(slug, id)}/preview`, undefined, signal),
  build: (slug: string, id: string, body: { format: ReportFormat; versionId?: string }) =>
    post<Job>(body.versionId ? `${one(slug, id)}/versions/${encodeURIComponent(body.versionId)}/builds` : `${one(slug, id)}/builds`, { format: body.format }),
  versions: (slug: string, id: string, signal?: AbortSignal) => get<{ versions: ReportVersion[] }>(`${one(slug, id)}/versions`, undefined, signal),
  freeze: (slug: string, id: string, label: string) => post<ReportVersion>(`${one(slug, id)}/versions`, { label }),
  version: (slug: string, id: string, versionId: string, signal?: AbortSignal) => get<VersionDetail>(`${one(slug, id)}/versions/${encodeURIComponent(versionId)}`, undefined, signal),
  compare: (slug: string, id: string, from: string, to: string, signal?: AbortSignal) => get<VersionCompare>(`${one(slug, id)}/compare`, { from, to }, signal),
};
