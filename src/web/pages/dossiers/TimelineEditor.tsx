import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventType } from '../../api/types';
import { emptyRow, isSorted, sortRows, type EventRow, type FormErrors, type RowFlag } from './caseFormState';
import { DETAIL_VOCABULARY, EVENT_TYPES, useVocab } from './vocab';

interface Props {
  rows: EventRow[];
  onChange: (rows: EventRow[]) => void;
  errors: FormErrors;
  flags: RowFlag[];
  readOnly?: boolean;
}

/**
 * The case's events, one row each: date, type and a detail control that fits the type (a select from the
 * vocabulary, or free text). Every control is labelled with its row number ("Datum gebeurtenis 3"); adding a
 * row focuses its date, removing one focuses the next row (or the add button).
 */
export function TimelineEditor({ rows, onChange, errors, flags, readOnly }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const baseId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const focusNext = useRef<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const sorted = isSorted(rows);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (target === 'add') addRef.current?.focus();
    else document.getElementById(`${baseId}-${target}-date`)?.focus();
  });

  const update = (key: string, patch: Partial<EventRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  function changeType(row: EventRow, type: EventType | '') {
    const before = row.type ? DETAIL_VOCABULARY[row.type] : undefined;
    const after = type ? DETAIL_VOCABULARY[type] : undefined;
    // a vocabulary value means nothing for another type: start the detail afresh
    const keep = after ? after.values.includes(row.detail) : !before;
    update(row.key, { type, detail: keep ? row.detail : '' });
  }

  function add() {
    const row = emptyRow();
    focusNext.current = row.key;
    onChange([...rows, row]);
  }

  function remove(index: number) {
    const next = rows.filter((_, i) => i !== index);
    focusNext.current = next[index]?.key ?? next[index - 1]?.key ?? 'add';
    onChange(next);
  }

  const flagNumbers = (key: string) =>
    flags
      .map((f, i) => ({ n: i + 1, severity: f.flag.severity, rows: f.rows }))
      .filter((f) => f.rows.includes(key));

  return (
    <div className="timeline-editor">
      {!rows.length ? <p className="empty">{t('timeline.noEvents')}</p> : null}
      {rows.length ? (
        <ol className="tl-rows">
          {rows.map((row, index) => {
            const n = index + 1;
            const rowFlags = flagNumbers(row.key);
            const worst = rowFlags.some((f) => f.severity === 'error') ? 'error' : rowFlags.length ? 'warning' : null;
            const vocabulary = row.type ? DETAIL_VOCABULARY[row.type] : undefined;
            const id = (field: string) => `${baseId}-${row.key}-${field}`;
            const err = (field: string) => errors[`events.${row.key}.${field}`];
            const detailLabel = vocabulary ? t(`timeline.detailLabel.${vocabulary.group}`) : t('timeline.detailLabel.text');
            return (
              <li key={row.key} className={`tl-row${worst ? ` tl-row-flag-${worst}` : ''}`}>
                <span className="tl-row-number" aria-hidden="true">
                  {n}
                </span>
                <div className="tl-row-fields">
                  <RowField id={id('date')} label={t('timeline.date')} n={n} error={err('date')} className="tl-field-date">
                    <input
                      id={id('date')}
                      data-row-date={row.key}
                      type="date"
                      value={row.date}
                      disabled={readOnly}
                      required
                      aria-invalid={err('date') ? true : undefined}
                      aria-describedby={err('date') ? `${id('date')}-error` : undefined}
                      onChange={(e) => update(row.key, { date: e.target.value })}
                    />
                  </RowField>
                  <RowField id={id('type')} label={t('timeline.type')} n={n} error={err('type')} className="tl-field-type">
                    <select
                      id={id('type')}
                      value={row.type}
                      disabled={readOnly}
                      required
                      aria-invalid={err('type') ? true : undefined}
                      aria-describedby={err('type') ? `${id('type')}-error` : undefined}
                      onChange={(e) => changeType(row, e.target.value as EventType | '')}
                    >
                      <option value="">{t('timeline.chooseType')}</option>
                      {EVENT_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {vocab('eventType', type)}
                        </option>
                      ))}
                    </select>
                  </RowField>
                  <RowField id={id('detail')} label={detailLabel} n={n} error={err('detail')} className="tl-field-detail">
                    {vocabulary ? (
                      <select
                        id={id('detail')}
                        value={row.detail}
                        disabled={readOnly}
                        aria-invalid={err('detail') ? true : undefined}
                        aria-describedby={err('detail') ? `${id('detail')}-error` : undefined}
                        onChange={(e) => update(row.key, { detail: e.target.value })}
                      >
                        <option value="">{t('timeline.detailUnknown')}</option>
                        {vocabulary.values.includes(row.detail) || !row.detail ? null : <option value={row.detail}>{row.detail}</option>}
                        {vocabulary.values.map((value) => (
                          <option key={value} value={value}>
                            {vocab(vocabulary.group, value)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        id={id('detail')}
                        type="text"
                        value={row.detail}
                        disabled={readOnly}
                        maxLength={500}
                        aria-invalid={err('detail') ? true : undefined}
                        aria-describedby={err('detail') ? `${id('detail')}-error` : undefined}
                        onChange={(e) => update(row.key, { detail: e.target.value })}
                      />
                    )}
                  </RowField>
                  {!readOnly ? (
                    <div className="tl-row-actions">
                      <button type="button" className="button-danger-outline button-small" onClick={() => remove(index)}>
                        {t('timeline.remove')}
                        <span className="visually-hidden"> {t('timeline.eventN', { n })}</span>
                      </button>
                    </div>
                  ) : null}
                </div>
                {rowFlags.length ? (
                  <p className={`tl-row-flags tl-row-flags-${worst}`}>
                    <span aria-hidden="true">{worst === 'error' ? '✖ ' : '⚠ '}</span>
                    {t('timeline.rowFlags', { count: rowFlags.length, numbers: rowFlags.map((f) => f.n).join(', ') })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {!readOnly && !sorted ? (
        <div className="notice tl-unsorted">
          <p>{t('timeline.unsorted')}</p>
          <button type="button" className="button-secondary button-small" onClick={() => onChange(sortRows(rows))}>
            {t('timeline.sort')}
          </button>
        </div>
      ) : null}
      {!readOnly ? (
        <button ref={addRef} type="button" className="button-secondary" onClick={add}>
          {t('timeline.add')}
        </button>
      ) : null}
      {errors.events ? <p className="field-error">{errors.events}</p> : null}
    </div>
  );
}

function RowField({ id, label, n, error, className, children }: { id: string; label: string; n: number; error?: string; className: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`tl-field ${className}`}>
      <label htmlFor={id}>
        {label}
        <span className="visually-hidden"> {t('timeline.eventN', { n })}</span>
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Moves focus to the date of a timeline row (from the flags panel). */
export function focusRow(key: string) {
  const input = document.querySelector<HTMLInputElement>(`[data-row-date="${CSS.escape(key)}"]`);
  input?.focus();
}
