import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { authApi } from '../api/endpoints';
import { useSessionQuery } from '../auth/session';
import { currentLanguage, setLanguage } from '../i18n/i18n';
import { requestHeadingFocus } from './PageHeading';

/** Keeps the interface language in line with the signed-in user's preference. */
function useUserLanguage() {
  const language = useSessionQuery().data?.user.language;
  useEffect(() => {
    if (language) void setLanguage(language);
  }, [language]);
}

/** Moves focus to the new page's <h1> after every client-side navigation (not on first load). */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    requestHeadingFocus();
  }, [pathname]);
}

function LogoutButton() {
  const { t } = useTranslation();
  const logout = useMutation({
    mutationFn: authApi.logout,
    // a full page load: nothing of the previous session stays in memory (cached study data, tokens)
    onSettled: () => window.location.replace('/login'),
  });
  return (
    <button type="button" className="button-header" onClick={() => logout.mutate()} disabled={logout.isPending}>
      {t('nav.logout')}
    </button>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const other = currentLanguage() === 'nl' ? 'en' : 'nl';
  return (
    <button type="button" className="button-link" lang={other} onClick={() => void setLanguage(other)}>
      {t(`language.switchTo.${other}`)}
    </button>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSessionQuery().data ?? null;
  const signedIn = !!session && !session.mfaPending;
  const blocked = !!session?.mfaSetupRequired;
  useUserLanguage();
  useFocusOnNavigation();

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={signedIn ? '/onderzoeken' : '/login'} className="brand">
            {t('app.name')}
          </Link>
          {signedIn ? (
            <nav aria-label={t('nav.mainLabel')} className="main-nav">
              <ul>
                {!blocked ? (
                  <li>
                    <NavLink to="/onderzoeken">{t('nav.studies')}</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/instellingen">{t('nav.settings')}</NavLink>
                </li>
                {session.user.isAdmin && !blocked ? (
                  <li>
                    <NavLink to="/beheer/gebruikers">{t('nav.admin')}</NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
          {signedIn ? (
            <div className="user-menu">
              <span className="user-name">{t('nav.signedInAs', { name: session.user.name })}</span>
              <LogoutButton />
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="site-footer-inner">
          <p>{t('app.footer')}</p>
          {!signedIn ? <LanguageSwitch /> : null}
        </div>
      </footer>
      <ScrollRestoration />
    </>
  );
}
