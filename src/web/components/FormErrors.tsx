import { useCallback, useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';

export type Errors = Record<string, string | undefined>;

export function hasErrors(errors: Errors): boolean {
  return Object.values(errors).some(Boolean);
}

/** A summary of the form's field errors, announced when it appears. */
export function FormErrorSummary({ errors }: { errors: Errors }) {
  const { t } = useTranslation();
  const messages = [...new Set(Object.values(errors).filter((m): m is string => !!m))];
  if (!messages.length) return null;
  return (
    <Alert title={t('forms.fixErrors')}>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </Alert>
  );
}

/** Returns a function that, after the next render, focuses the first invalid field of the form. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>) {
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, form]);
  return useCallback(() => setAttempt((n) => n + 1), []);
}
