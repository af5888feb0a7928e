/**
 * The coding workspace starts loading its document, its study and (on the app's first load) the session while the
 * router is still loading the page's code: the route's loader (App.tsx) calls prefetchWorkspace, and the page hands
 * the requests that are under way to TanStack Query (seedWorkspace), which then does not ask again. Without it the
 * document is only asked for after the page's code, the session and the study have arrived one after the other.
 *
 * Part of the main bundle: keep it small.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { codingApi, keys, studiesApi } from '../../api/endpoints';
import type { DocumentView, Study } from '../../api/types';
import { prefetchSession } from '../../auth/session';

interface Prefetched {
  at: number;
  study: Promise<Study>;
  document: Promise<DocumentView>;
  /** the answers, once there (handed over as data at once: no extra render waiting for a settled promise) */
  studyValue?: Study;
  documentValue?: DocumentView;
}

/** Requests older than this are not used (the page asks again). */
const FRESH_MS = 5_000;
const pending = new Map<string, Prefetched>();
const keyOf = (slug: string, documentId: string) => `${slug}\u0000${documentId}`;

/** A route loader: starts the two requests and returns at once (the page does not wait for the loader). */
export function prefetchWorkspace({ params }: LoaderFunctionArgs): null {
  const { slug, documentId } = params;
  if (!slug || !documentId || typeof fetch !== 'function') return null;
  // on the app's first load: who is signed in (only then; afterwards the session is known)
  prefetchSession();
  const study = studiesApi.get(slug);
  const document = codingApi.document(slug, documentId);
  // not signed in, gone …: the page's own requests report it; these must not be unhandled rejections
  const p: Prefetched = { at: Date.now(), study, document };
  study.then((v) => (p.studyValue = v)).catch(() => undefined);
  document.then((v) => (p.documentValue = v)).catch(() => undefined);
  pending.set(keyOf(slug, documentId), p);
  return null;
}

/**
 * Hands the prefetched requests (if fresh) to the query cache, once: the queries of the study and the document then
 * use them instead of asking again (also over older cached data: these answers are newer).
 */
export function seedWorkspace(queryClient: QueryClient, slug: string, documentId: string): void {
  const key = keyOf(slug, documentId);
  const p = pending.get(key);
  if (!p) return;
  pending.delete(key);
  if (Date.now() - p.at > FRESH_MS) return;
  if (p.studyValue) queryClient.setQueryData(keys.study(slug), p.studyValue);
  else void queryClient.fetchQuery({ queryKey: keys.study(slug), queryFn: () => p.study, staleTime: 0 }).catch(() => undefined);
  if (p.documentValue) {
    queryClient.setQueryData(keys.codes(slug), { codes: p.documentValue.codes });
    queryClient.setQueryData(keys.document(slug, documentId), p.documentValue);
    return;
  }
  void queryClient
    .fetchQuery({
      queryKey: keys.document(slug, documentId),
      queryFn: async () => {
        const view = await p.document;
        queryClient.setQueryData(keys.codes(slug), { codes: view.codes });
        return view;
      },
      staleTime: 0,
    })
    .catch(() => undefined);
}
