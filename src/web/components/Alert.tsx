import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';

interface AlertProps {
  children: ReactNode;
  kind?: 'error' | 'warning';
  title?: ReactNode;
  id?: string;
}

/** An important message, announced immediately by screen readers (role="alert"). */
export function Alert({ children, kind = 'error', title, id }: AlertProps) {
  return (
    <div role="alert" id={id} className={`alert alert-${kind}`}>
      {title ? <p className="alert-title">{title}</p> : null}
      <div className="alert-body">{children}</div>
    </div>
  );
}

/** An API (or other) error as an alert, with the server's human message and request id. */
export function ErrorAlert({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const requestId = typeof error === 'object' && error !== null && 'requestId' in error ? (error as { requestId?: string }).requestId : undefined;
  return (
    <Alert id={id}>
      <p>{errorMessage(error)}</p>
      {requestId ? <p className="muted small">{t('errors.requestId', { id: requestId })}</p> : null}
    </Alert>
  );
}

/**
 * A polite live region for success messages. It is always rendered (empty when there is no
 * message), so screen readers notice when text appears in it.
 */
export function StatusMessage({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <div role="status" className={children ? `status-message ${className ?? ''}`.trim() : 'status-empty'}>
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {label ?? t('common.loading')}
    </p>
  );
}
