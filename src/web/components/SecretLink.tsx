import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** accessible name of the read-only field holding the link, e.g. "Uitnodigingslink" */
  label: string;
  link: string;
  /** explanation: who to send it to, that it is shown only once, until when it is valid */
  children?: ReactNode;
  /** move focus to the link field when it appears */
  autoFocus?: boolean;
}

/** A one-time secret link, shown once, with a copy button. */
export function SecretLink({ label, link, children, autoFocus = true }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  useEffect(() => {
    if (autoFocus) {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [autoFocus, link]);

  async function copy() {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(link);
      } else {
        inputRef.current?.select();
        if (!document.execCommand('copy')) throw new Error('copy failed');
      }
      setCopied('yes');
    } catch {
      inputRef.current?.select();
      setCopied('no');
    }
  }

  return (
    <div className="secret-link">
      <div id={`${id}-explain`} className="secret-link-explain">
        {children}
      </div>
      <div className="secret-link-row">
        <input
          ref={inputRef}
          type="text"
          readOnly
          value={link}
          aria-label={label}
          aria-describedby={`${id}-explain`}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
        />
        <button type="button" className="button-secondary" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <p role="status" className="small">
        {copied === 'yes' ? t('common.copied') : copied === 'no' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}
