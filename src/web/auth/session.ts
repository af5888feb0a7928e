/**
 * The session: who is signed in, kept in the TanStack Query cache under ['session'].
 * GET /api/auth/me answers 401 when nobody is signed in; that is `null` here, not an error.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { isApiError, setCsrfToken } from '../api/client';
import { authApi, keys } from '../api/endpoints';
import type { SessionInfo, User } from '../api/types';

/**
 * A GET /api/auth/me started before the app's first render (by a route loader, while the page's code loads; see
 * pages/coding/prefetch.ts): the first fetchSession uses it instead of asking again. Never after that first one.
 */
let early: Promise<SessionInfo> | null = null;
let asked = false;

export function prefetchSession(): void {
  if (asked || early) return;
  early = authApi.me();
  early.catch(() => undefined);
}

async function fetchSession({ signal }: { signal: AbortSignal }): Promise<SessionInfo | null> {
  const pending = early;
  early = null;
  asked = true;
  try {
    const info = await (pending ?? authApi.me(signal));
    setCsrfToken(info.csrfToken);
    return info;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSessionQuery() {
  return useQuery({
    queryKey: keys.session,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2) || (error.status === 0 && count < 2),
  });
}

/** The signed-in session, or null (also while loading). */
export function useSession(): SessionInfo | null {
  return useSessionQuery().data ?? null;
}

/** The signed-in user; only call below <RequireAuth>. */
export function useUser(): User {
  const session = useSession();
  if (!session) throw new Error('useUser() outside <RequireAuth>');
  return session.user;
}

const isSessionKey = (key: readonly unknown[]) => key[0] === 'session';

/** Install a fresh session (after login, TOTP or accepting a link): forget everything cached for the previous one. */
export function applySession(queryClient: QueryClient, info: SessionInfo) {
  setCsrfToken(info.csrfToken);
  queryClient.removeQueries({ predicate: (q) => !isSessionKey(q.queryKey) });
  queryClient.setQueryData(keys.session, info);
}

export function clearSession(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => !isSessionKey(q.queryKey) });
  queryClient.setQueryData(keys.session, null);
}

export function useSessionActions() {
  const queryClient = useQueryClient();
  return {
    applySession: useCallback((info: SessionInfo) => applySession(queryClient, info), [queryClient]),
    clearSession: useCallback(() => clearSession(queryClient), [queryClient]),
    updateUser: useCallback(
      (patch: Partial<User>) =>
        queryClient.setQueryData<SessionInfo | null>(keys.session, (old) => (old ? { ...old, user: { ...old.user, ...patch } } : old)),
      [queryClient],
    ),
    patchSession: useCallback(
      (patch: Partial<Omit<SessionInfo, 'user'>>) =>
        queryClient.setQueryData<SessionInfo | null>(keys.session, (old) => (old ? { ...old, ...patch } : old)),
      [queryClient],
    ),
    refreshSession: useCallback(() => queryClient.invalidateQueries({ queryKey: keys.session }), [queryClient]),
  };
}
