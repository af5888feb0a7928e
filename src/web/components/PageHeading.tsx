import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * After client-side navigation, focus moves to the new page's <h1> so screen reader and keyboard
 * users start at the top of the new content. The layout requests it; the heading takes it when it
 * is rendered (pages that load data render their heading a little later).
 */
let focusRequested = false;

export function requestHeadingFocus() {
  focusRequested = true;
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading) {
    focusRequested = false;
    heading.focus({ preventScroll: false });
  }
}

interface Props {
  children: ReactNode;
  /** the document title (defaults to the heading text when that is a string) */
  title?: string;
}

export function PageHeading({ children, title }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const docTitle = title ?? (typeof children === 'string' ? children : undefined);
  const appName = t('app.name');

  useEffect(() => {
    document.title = docTitle ? `${docTitle} – ${appName}` : appName;
  }, [docTitle, appName]);

  useEffect(() => {
    if (focusRequested && ref.current) {
      focusRequested = false;
      ref.current.focus();
    }
  });

  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
