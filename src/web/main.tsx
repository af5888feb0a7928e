import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api/client';
import { keys } from './api/endpoints';
import { App } from './App';
import { clearSession } from './auth/session';
import { ready } from './i18n/i18n';
import './styles.css';

/**
 * A 401 on a data query means the session ended (expired, signed out elsewhere): forget it, and
 * <RequireAuth> sends the user to the login page, remembering where they were.
 * (Mutations just show the server's message; a wrong password at login is not an ended session.)
 */
function onUnauthenticated(error: unknown, key: readonly unknown[]) {
  if (isApiError(error, 401) && key[0] !== 'session' && key[0] !== 'link') {
    if (queryClient.getQueryData(keys.session)) clearSession(queryClient);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onUnauthenticated(error, query.queryKey) }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => (!isApiError(error) || error.status >= 500 || error.status === 0) && count < 2,
    },
    mutations: { retry: false },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
// an English user's texts first (a separate chunk); for Dutch this is at once
void ready.then(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
