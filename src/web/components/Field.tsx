import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface Common {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** extra class on the wrapper */
  className?: string;
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

function useFieldIds(id?: string) {
  const generated = useId();
  const base = id ?? `f${generated.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return { id: base, hintId: `${base}-hint`, errorId: `${base}-error` };
}

function Extra({ hint, hintId, error, errorId }: { hint?: ReactNode; hintId: string; error?: string | null; errorId: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({ label, hint, error, className, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id);
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={ids.id}>{label}</label>
      <Extra hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
      <input
        id={ids.id}
        type="text"
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? ids.hintId : undefined, error ? ids.errorId : undefined, input['aria-describedby'])}
      />
    </div>
  );
}

export function TextAreaField({ label, hint, error, className, id, ...textarea }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id);
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={ids.id}>{label}</label>
      <Extra hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
      <textarea
        id={ids.id}
        rows={4}
        {...textarea}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? ids.hintId : undefined, error ? ids.errorId : undefined)}
      />
    </div>
  );
}

export function SelectField({ label, hint, error, className, id, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(id);
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={ids.id}>{label}</label>
      <Extra hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
      <select
        id={ids.id}
        {...select}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? ids.hintId : undefined, error ? ids.errorId : undefined)}
      >
        {children}
      </select>
    </div>
  );
}

export function CheckboxField({ label, hint, error, className, id, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const ids = useFieldIds(id);
  return (
    <div className={`field field-checkbox ${className ?? ''}`.trim()}>
      <input
        id={ids.id}
        type="checkbox"
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? ids.hintId : undefined, error ? ids.errorId : undefined)}
      />
      <label htmlFor={ids.id}>{label}</label>
      <Extra hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
    </div>
  );
}

/** The 6-digit code from an authenticator app (sign-in and 2FA enrolment). */
export function TotpCodeField({ value, error, onChange, autoFocus }: { value: string; error?: string; onChange: (v: string) => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('fields.totpCode')}
      hint={t('fields.totpCodeHint')}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={7}
      required
      autoFocus={autoFocus}
      className="field-short"
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
