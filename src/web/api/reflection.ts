/** The reflection session endpoints (lead and researchers), typed from the shared contract in src/shared/reflection.ts. */
import type { DecisionInput, Invitee, IssuedLinks, ReflectionResults, ReflectionSession, SessionInput, SessionPatch } from '../../shared/reflection';
import type { Job, Ok } from './types';
import { del, get, patch, post, put } from './client';

const base = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/reflection-sessions`;
const one = (slug: string, id: string) => `${base(slug)}/${encodeURIComponent(id)}`;

export const reflectionKeys = {
  all: (slug: string) => ['studies', slug, 'reflection'] as const,
  session: (slug: string, id: string) => ['studies', slug, 'reflection', id] as const,
  invitees: (slug: string, id: string) => ['studies', slug, 'reflection', id, 'invitees'] as const,
  results: (slug: string, id: string) => ['studies', slug, 'reflection', id, 'results'] as const,
};

export const reflectionApi = {
  list: (slug: string, signal?: AbortSignal) => get<{ sessions: ReflectionSession[] }>(base(slug), undefined, signal),
  create: (slug: string, body: SessionInput) => post<ReflectionSession>(base(slug), body),
  get: (slug: string, id: string, signal?: AbortSignal) => get<ReflectionSession>(one(slug, id), undefined, signal),
  update: (slug: string, id: string, body: SessionPatch) => patch<ReflectionSession>(one(slug, id), body),
  remove: (slug: string, id: string) => del<Ok>(one(slug, id)),
  invitees: (slug: string, id: string, signal?: AbortSignal) => get<{ invitees: Invitee[]; smtpConfigured: boolean }>(`${one(slug, id)}/invitees`, undefined, signal),
  addInvitees: (slug: string, id: string, invitees: { label: string; email?: string }[]) => post<IssuedLinks>(`${one(slug, id)}/invitees`, { invitees }),
  removeInvitee: (slug: string, id: string, inviteeId: string) => del<Ok>(`${one(slug, id)}/invitees/${encodeURIComponent(inviteeId)}`),
  links: (slug: string, id: string, scope: 'all' | 'unissued') => post<{ csv: string; count: number; filename: string }>(`${one(slug, id)}/invitees/links`, { scope }),
  send: (slug: string, id: string) => post<Job>(`${one(slug, id)}/invitees/send`, {}),
  results: (slug: string, id: string, signal?: AbortSignal) => get<ReflectionResults>(`${one(slug, id)}/results`, undefined, signal),
  decide: (slug: string, id: string, body: DecisionInput) => put<ReflectionResults>(`${one(slug, id)}/decisions`, body),
};
