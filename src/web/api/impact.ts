/** The impact-tracking endpoints, typed from the shared contract in src/shared/impact.ts. */
import type { ImpactRecommendation, ImpactSummary, LinkInput, StatusInput, Trajectory, TrajectoryInput } from '../../shared/impact';
import type { Ok } from './types';
import { del, get, post, requestBlob } from './client';

const base = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/impact`;
const rec = (slug: string, id: string) => `${base(slug)}/recommendations/${encodeURIComponent(id)}`;

export const impactKeys = {
  all: (slug: string) => ['studies', slug, 'impact'] as const,
};

export const impactApi = {
  summary: (slug: string, signal?: AbortSignal) => get<ImpactSummary>(base(slug), undefined, signal),
  seed: (slug: string) => post<{ added: string[]; trajectories: Trajectory[] }>(`${base(slug)}/trajectories/seed`, {}),
  addTrajectory: (slug: string, body: TrajectoryInput) => post<Trajectory>(`${base(slug)}/trajectories`, body),
  removeTrajectory: (slug: string, id: string) => del<Ok>(`${base(slug)}/trajectories/${encodeURIComponent(id)}`),
  link: (slug: string, recommendationId: string, body: LinkInput) => post<ImpactRecommendation>(`${rec(slug, recommendationId)}/trajectories`, body),
  unlink: (slug: string, recommendationId: string, trajectoryId: string) => del<ImpactRecommendation>(`${rec(slug, recommendationId)}/trajectories/${encodeURIComponent(trajectoryId)}`),
  addStatus: (slug: string, recommendationId: string, body: StatusInput) => post<ImpactRecommendation>(`${rec(slug, recommendationId)}/statuses`, body),
  removeStatus: (slug: string, recommendationId: string, statusId: string) => del<ImpactRecommendation>(`${rec(slug, recommendationId)}/statuses/${encodeURIComponent(statusId)}`),
  exportXlsx: (slug: string) => requestBlob('GET', `${base(slug)}/export`),
};
