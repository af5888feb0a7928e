/** The team-coding endpoints (assignments, reliability rounds, agreement, disagreements, adjudication), typed from src/shared/teamwork.ts. */
import type { AgreementResponse, Assignment, DisagreementsResponse, Round, UnitKind } from '../../shared/teamwork';
import { del, get, post } from './client';

const base = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/teamwork`;
const roundUrl = (slug: string, id: string) => `${base(slug)}/rounds/${encodeURIComponent(id)}`;

export interface Decision {
  codeId: string;
  start: number;
  end: number;
  take: string[];
}
export interface AdjudicateResult {
  decided: number;
  changedCodes: number;
  consensusCodings: number;
}

export const teamworkApi = {
  coders: (slug: string, signal?: AbortSignal) => get<{ coders: { userId: string; name: string; role: string }[] }>(`${base(slug)}/coders`, undefined, signal),
  assignments: (slug: string, signal?: AbortSignal) => get<{ assignments: Assignment[] }>(`${base(slug)}/assignments`, undefined, signal),
  assign: (slug: string, body: { documentIds: string[]; coderIds: string[] }) => post<{ created: number; existing: number }>(`${base(slug)}/assignments`, body),
  unassign: (slug: string, documentId: string, coderId: string) => del<{ ok: true }>(`${base(slug)}/assignments/${encodeURIComponent(documentId)}/${encodeURIComponent(coderId)}`),
  rounds: (slug: string, signal?: AbortSignal) => get<{ rounds: Round[] }>(`${base(slug)}/rounds`, undefined, signal),
  createRound: (slug: string, body: { name: string; unitKind: UnitKind; documentIds: string[]; coderIds: string[] }) => post<Round>(`${base(slug)}/rounds`, body),
  closeRound: (slug: string, id: string) => post<Round>(`${roundUrl(slug, id)}/close`, {}),
  deleteRound: (slug: string, id: string) => del<{ ok: true }>(roundUrl(slug, id)),
  agreement: (slug: string, id: string, unit: UnitKind, signal?: AbortSignal) => get<AgreementResponse>(`${roundUrl(slug, id)}/agreement`, { unit }, signal),
  disagreements: (slug: string, id: string, documentId: string, unit: UnitKind, signal?: AbortSignal) =>
    get<DisagreementsResponse>(`${roundUrl(slug, id)}/disagreements`, { documentId, unit }, signal),
  adjudicate: (slug: string, id: string, body: { documentId: string; unit: UnitKind; decisions: Decision[] }) => post<AdjudicateResult>(`${roundUrl(slug, id)}/adjudicate`, body),
  acceptAgreements: (slug: string, id: string, body: { documentId: string; unit: UnitKind }) => post<AdjudicateResult>(`${roundUrl(slug, id)}/accept-agreements`, body),
};

export const teamworkKeys = {
  all: (slug: string) => ['teamwork', slug] as const,
  coders: (slug: string) => ['teamwork', slug, 'coders'] as const,
  assignments: (slug: string) => ['teamwork', slug, 'assignments'] as const,
  rounds: (slug: string) => ['teamwork', slug, 'rounds'] as const,
  agreement: (slug: string, id: string, unit: UnitKind) => ['teamwork', slug, 'agreement', id, unit] as const,
  disagreements: (slug: string, id: string, documentId: string, unit: UnitKind) => ['teamwork', slug, 'disagreements', id, documentId, unit] as const,
};
