import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** the button text */
  children: ReactNode;
  /** the question shown after the first click */
  question: ReactNode;
  /** the text of the button that carries out the action */
  confirmLabel: ReactNode;
  onConfirm: () => void;
  pending?: boolean;
  danger?: boolean;
  disabled?: boolean;
  className?: string;
}

/**
 * A button that asks for confirmation in place (no browser dialog): the first click shows the
 * question with "confirm" and "cancel"; focus moves along so keyboard users keep their place.
 */
export function ConfirmButton({ children, question, confirmLabel, onConfirm, pending, danger, disabled, className }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className={`${danger ? 'button-danger-outline' : 'button-secondary'} ${className ?? ''}`.trim()}
        disabled={disabled || pending}
        onClick={() => setAsking(true)}
      >
        {children}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span className="confirm-question">{question}</span>{' '}
      <button
        ref={confirmRef}
        type="button"
        className={danger ? 'button-danger' : 'button-primary'}
        disabled={pending}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          returnFocus.current = true;
          setAsking(false);
        }}
      >
        {t('common.cancel')}
      </button>
    </span>
  );
}
