import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog (native <dialog> with showModal: focus stays inside, Escape closes, the rest of the page is
 * inert). Focus goes back to where it was when the dialog opened, or to `fallbackFocus()` when that element is
 * gone (e.g. the margin label of a coding that was just removed).
 */
export function Modal({
  open,
  onClose,
  title,
  titleId,
  children,
  fallbackFocus,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  titleId: string;
  children: ReactNode;
  fallbackFocus?: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const fallback = useRef(fallbackFocus);
  fallback.current = fallbackFocus;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const restore = () => {
    const el = returnTo.current;
    returnTo.current = null;
    // after the browser's own focus fix-up
    requestAnimationFrame(() => {
      if (el && el.isConnected) el.focus();
      else fallback.current?.();
    });
  };

  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      onClose={() => {
        restore();
        onClose();
      }}
    >
      <div className="modal-header">
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        <button type="button" className="button-secondary button-small" onClick={() => ref.current?.close()}>
          {t('workspace.close')}
        </button>
      </div>
      {open ? children : null}
    </dialog>
  );
}
