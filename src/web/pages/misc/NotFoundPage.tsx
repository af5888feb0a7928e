import { useTranslation } from 'react-i18next';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { useSession } from '../../auth/session';
import { PageHeading } from '../../components/PageHeading';

export function NotFoundPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <div className="narrow">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>{session ? <Link to="/onderzoeken">{t('nav.backToStudies')}</Link> : <Link to="/login">{t('link.toLogin')}</Link>}</p>
    </div>
  );
}

/** Shown when rendering a page throws: a plain message instead of a white screen. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" tabIndex={-1} className="site-main">
      <div className="narrow">
        <h1 className="page-title">{notFound ? t('notFound.title') : t('errors.crashTitle')}</h1>
        <div role="alert" className="alert alert-error">
          <p>{notFound ? t('notFound.text') : t('errors.crashText')}</p>
        </div>
        <p>
          <a href="/onderzoeken">{t('nav.backToStudies')}</a>
        </p>
      </div>
    </main>
  );
}
