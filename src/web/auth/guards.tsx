import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert, Loading } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { loginPath } from './returnTo';
import { useSessionQuery } from './session';

export const SETTINGS_2FA_PATH = '/instellingen#tweestapsverificatie';

/**
 * Pages for signed-in users. Not signed in (or the TOTP code still missing) → /login, remembering
 * where to return. An administrator who must enrol 2FA first can only reach /instellingen.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: session, isPending, error, refetch, isFetching } = useSessionQuery();

  if (isPending) return <Loading />;
  if (error) {
    return (
      <>
        <PageHeading>{t('errors.sessionTitle')}</PageHeading>
        <ErrorAlert error={error} />
        <button type="button" className="button-primary" onClick={() => void refetch()} disabled={isFetching}>
          {t('common.retry')}
        </button>
      </>
    );
  }
  if (!session || session.mfaPending) {
    return <Navigate to={loginPath(location.pathname + location.search + location.hash)} replace />;
  }
  if (session.mfaSetupRequired && location.pathname !== '/instellingen') {
    return <Navigate to={SETTINGS_2FA_PATH} replace />;
  }
  return <Outlet />;
}

/** Installation administrators only (the server checks too). */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSessionQuery().data;
  if (!session?.user.isAdmin) {
    return (
      <>
        <PageHeading>{t('errors.forbiddenTitle')}</PageHeading>
        <p>{t('errors.adminOnly')}</p>
        <p>
          <Link to="/onderzoeken">{t('nav.backToStudies')}</Link>
        </p>
      </>
    );
  }
  return <>{children}</>;
}
