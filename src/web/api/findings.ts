/** Findings, evidence, the law-versus-practice matrix and recommendations, typed from src/shared/findings.ts. */
import type { z } from 'zod';
import type {
  Addressee,
  EvidenceKind,
  Finding,
  FindingDetail,
  FindingStatus,
  FindingType,
  LawPractice,
  Priority,
  Recommendation,
  Strength,
  TriangulationRule,
  evidenceInput,
} from '../../shared/findings';
import type { LegalPhase } from '../../shared/legal';
import { del, get, patch, post, put } from './client';

const s = (slug: string) => `/api/studies/${encodeURIComponent(slug)}`;
const one = (slug: string, id: string) => `${s(slug)}/findings/${encodeURIComponent(id)}`;

export interface FindingFilters {
  type?: FindingType;
  phase?: LegalPhase | 'none';
  status?: FindingStatus;
  strength?: Strength;
  theme?: string;
}
export interface FindingBody {
  statement: string;
  type: FindingType;
  phase: LegalPhase | null;
  themes: string[];
}
export interface RecommendationBody {
  text: string;
  priority: Priority;
  addressees: string[];
  findingIds: string[];
  normIds: string[];
}
export type EvidenceBody = z.input<typeof evidenceInput>;
export type { EvidenceKind };

const clean = (q: object) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

export const findingsApi = {
  list: (slug: string, f: FindingFilters, signal?: AbortSignal) => get<{ rule: TriangulationRule; findings: Finding[] }>(`${s(slug)}/findings`, clean(f), signal),
  get: (slug: string, id: string, signal?: AbortSignal) => get<FindingDetail>(one(slug, id), undefined, signal),
  create: (slug: string, body: FindingBody) => post<FindingDetail>(`${s(slug)}/findings`, body),
  update: (slug: string, id: string, body: Partial<FindingBody>) => patch<FindingDetail>(one(slug, id), body),
  remove: (slug: string, id: string) => del<{ ok: true }>(one(slug, id)),
  setStatus: (slug: string, id: string, status: FindingStatus) => post<FindingDetail>(`${one(slug, id)}/status`, { status }),
  addEvidence: (slug: string, id: string, body: EvidenceBody) => post<FindingDetail>(`${one(slug, id)}/evidence`, body),
  removeEvidence: (slug: string, id: string, evidenceId: string) => del<FindingDetail>(`${one(slug, id)}/evidence/${encodeURIComponent(evidenceId)}`),
  rule: (slug: string, signal?: AbortSignal) => get<TriangulationRule>(`${s(slug)}/triangulation`, undefined, signal),
  putRule: (slug: string, body: TriangulationRule) => put<TriangulationRule>(`${s(slug)}/triangulation`, body),
  matrix: (slug: string, status: FindingStatus | undefined, signal?: AbortSignal) => get<LawPractice>(`${s(slug)}/law-practice`, clean({ status }), signal),
  recommendations: (slug: string, signal?: AbortSignal) => get<{ recommendations: Recommendation[] }>(`${s(slug)}/recommendations`, undefined, signal),
  createRecommendation: (slug: string, body: RecommendationBody) => post<Recommendation>(`${s(slug)}/recommendations`, body),
  updateRecommendation: (slug: string, id: string, body: Partial<RecommendationBody>) => patch<Recommendation>(`${s(slug)}/recommendations/${encodeURIComponent(id)}`, body),
  removeRecommendation: (slug: string, id: string) => del<{ ok: true }>(`${s(slug)}/recommendations/${encodeURIComponent(id)}`),
  reorder: (slug: string, ids: string[]) => put<{ recommendations: Recommendation[] }>(`${s(slug)}/recommendations/order`, { ids }),
  addressees: (slug: string, signal?: AbortSignal) => get<{ addressees: Addressee[] }>(`${s(slug)}/addressees`, undefined, signal),
  addAddressee: (slug: string, label: string) => post<Addressee>(`${s(slug)}/addressees`, { label }),
  removeAddressee: (slug: string, id: string) => del<{ ok: true }>(`${s(slug)}/addressees/${encodeURIComponent(id)}`),
};

export const findingKeys = {
  all: (slug: string) => ['study', slug, 'findings'] as const,
  list: (slug: string, f: FindingFilters) => ['study', slug, 'findings', 'list', f] as const,
  one: (slug: string, id: string) => ['study', slug, 'findings', 'one', id] as const,
  matrix: (slug: string, status?: string) => ['study', slug, 'findings', 'matrix', status ?? ''] as const,
  recommendations: (slug: string) => ['study', slug, 'findings', 'recommendations'] as const,
  addressees: (slug: string) => ['study', slug, 'findings', 'addressees'] as const,
};
