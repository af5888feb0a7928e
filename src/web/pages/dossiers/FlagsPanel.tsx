import { useTranslation } from 'react-i18next';
import type { EventRow, RowFlag } from './caseFormState';
import { EVENT_TYPES, useVocab } from './vocab';

const TYPE_CODE = new RegExp(`\\b(${EVENT_TYPES.join('|')})\\b`, 'g');

interface Props {
  flags: RowFlag[];
  rows: EventRow[];
  /** the flags are being recomputed after an edit */
  checking?: boolean;
  /** why no check ran (e.g. the birth month is missing) */
  note?: string | null;
  error?: string | null;
  /** moves focus to a row of the timeline */
  onGoToRow?: (key: string) => void;
}

/**
 * The signals of the chronology and legal-rule checks, updated while the user edits (a polite live region).
 * They are shown, never enforced: saving is always possible. 'error' means impossible data, 'warning' a
 * conflict with a legal rule, with its legal basis.
 */
export function FlagsPanel({ flags, rows, checking, note, error, onGoToRow }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  /** the checks name event types by their codes ("placement_start"): show the interface's names */
  const readable = (message: string) => message.replace(TYPE_CODE, (code) => `‘${vocab('eventType', code)}’`);
  const errors = flags.filter((f) => f.flag.severity === 'error').length;
  const warnings = flags.length - errors;
  return (
    <section className="flags-panel" aria-labelledby="flags-heading">
      <h3 id="flags-heading">{t('flags.heading')}</h3>
      <p className="small muted">{t('flags.explain')}</p>
      <div role="status" aria-live="polite" className="flags-live">
        {error ? <p className="field-error">{error}</p> : null}
        {note && !flags.length ? <p className="muted">{note}</p> : null}
        {!note && !error && !flags.length && !checking ? <p className="flags-none">{t('flags.none')}</p> : null}
        {flags.length ? (
          <>
            <p className="flags-summary">{t('flags.summary', { errors, warnings, count: flags.length })}</p>
            <ol className="flags-list">
              {flags.map(({ flag, rows: keys }, i) => {
                const targets = keys.map((key) => ({ key, n: rows.findIndex((r) => r.key === key) + 1 })).filter((x) => x.n > 0);
                return (
                  <li key={`${flag.rule}-${i}`} className={`flag flag-${flag.severity}`}>
                    <p className="flag-title">
                      <span className={`tag ${flag.severity === 'error' ? 'tag-bad' : 'tag-warn'}`}>
                        <span aria-hidden="true">{flag.severity === 'error' ? '✖ ' : '⚠ '}</span>
                        {flag.severity === 'error' ? t('flags.error') : t('flags.warning')}
                      </span>{' '}
                      <span className="flag-number">{t('flags.number', { n: i + 1 })}</span>
                    </p>
                    <p className="flag-message">{readable(flag.message)}</p>
                    {flag.legalBasis ? (
                      <p className="flag-basis small">
                        {t('flags.legalBasis')} {flag.legalBasis}
                      </p>
                    ) : null}
                    {targets.length ? (
                      <p className="small flag-rows">
                        {t('flags.rows', { count: targets.length })}{' '}
                        {targets.map(({ key, n }, j) => (
                          <span key={key}>
                            {j ? ', ' : ''}
                            {onGoToRow ? (
                              <button type="button" className="button-link" onClick={() => onGoToRow(key)}>
                                {t('flags.goToRow', { n })}
                              </button>
                            ) : (
                              n
                            )}
                          </span>
                        ))}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </>
        ) : null}
      </div>
    </section>
  );
}
