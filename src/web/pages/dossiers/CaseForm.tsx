import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import { dossiersApi, keys } from '../../api/endpoints';
import type { CaseInput, CaseStatus, ParentFactor, PlacementReason, Sex } from '../../api/types';
import { ErrorAlert } from '../../components/Alert';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid } from '../../components/FormErrors';
import { checkPayload, isDate, serverFieldErrors, sortRows, toInput, validate, type CaseFormState, type FormErrors, type RowFlag } from './caseFormState';
import { FlagsPanel } from './FlagsPanel';
import { focusRow, TimelineEditor } from './TimelineEditor';
import { TimelinePicture } from './TimelinePicture';
import type { TimelineEvent } from './timelineModel';
import { useDebounced } from './useDebounced';
import { CASE_STATUSES, PARENT_FACTORS, PLACEMENT_REASONS, SEXES, useVocab } from './vocab';

interface Props {
  slug: string;
  initial: CaseFormState;
  /** the flags of the saved case (shown until the first live check, and for read-only users) */
  savedFlags?: RowFlag[];
  readOnly?: boolean;
  /** the case code cannot be changed (second coding, reconciliation) */
  codeLocked?: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: CaseInput) => void;
  /** extra controls next to the save button */
  actions?: ReactNode;
  /** prefix of the ids of the form's fields and headings */
  idPrefix?: string;
}

/**
 * The coding form of one case: the child's characteristics, the timeline editor with live flags from the
 * chronology and legal-rule checks (debounced, never blocking), and the timeline picture.
 */
export function CaseForm({ slug, initial, savedFlags, readOnly, codeLocked, submitLabel, pending, error, onSubmit, actions, idPrefix = 'case' }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [state, setState] = useState<CaseFormState>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [edited, setEdited] = useState(false);

  const set = <K extends keyof CaseFormState>(key: K, value: CaseFormState[K]) => {
    setEdited(true);
    setState((s) => ({ ...s, [key]: value }));
  };
  const toggle = <V extends string>(key: 'placementReasons' | 'parentFactors', value: V, on: boolean) => {
    setEdited(true);
    setState((s) => {
      const list = s[key] as string[];
      const next = on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
      return { ...s, [key]: next };
    });
  };

  const server = useMemo(() => (error instanceof ApiError ? serverFieldErrors(error.details, state, t) : {}), [error, state, t]);
  const shown: FormErrors = { ...server, ...errors };

  // live checks: 400 ms after the last edit, on what can be checked so far
  const payload = useMemo(() => checkPayload(state), [state]);
  const debounced = useDebounced(payload, 400);
  const debouncedJson = debounced ? JSON.stringify(debounced.body) : '';
  const check = useQuery({
    queryKey: keys.dossierCheck(slug, debouncedJson),
    queryFn: async ({ signal }) => {
      const result = await dossiersApi.check(slug, debounced!.body, signal);
      const rowKeys = debounced!.rowKeys;
      return result.flags.map((flag): RowFlag => ({ flag, rows: flag.eventIndexes.map((i) => rowKeys[i]).filter((k): k is string => !!k) }));
    },
    enabled: !readOnly && !!debounced && (edited || !savedFlags),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
  const liveFlags = !readOnly && (edited || !savedFlags) ? (check.data ?? []) : (savedFlags ?? []);
  const checking = !readOnly && (check.isFetching || (payload !== null && debounced !== payload));
  const note = !payload ? t('flags.needBirthMonth') : null;

  const pictureEvents = useMemo<TimelineEvent[]>(
    () => state.events.flatMap((row, i) => (isDate(row.date) && row.type ? [{ date: row.date, type: row.type, detail: row.detail, n: i + 1 }] : [])),
    [state.events],
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = validate(state, t);
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    // the case is saved in date order: show it so (focus stays on the button)
    setState((s) => ({ ...s, events: sortRows(s.events) }));
    onSubmit(toInput(state));
  }

  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <form ref={form} onSubmit={submit} noValidate className="form case-form">
      <FormErrorSummary errors={errors} />
      <ErrorAlert error={error} />
      <fieldset className="fieldset-plain" disabled={readOnly}>
        <section aria-labelledby={id('facts')} className="section">
          <h2 id={id('facts')}>{t('caseForm.factsHeading')}</h2>
          <div className="field-row">
            <TextField
              id={id('code')}
              label={t('caseForm.code')}
              hint={t('caseForm.codeHint')}
              name="code"
              required
              maxLength={40}
              autoComplete="off"
              spellCheck={false}
              readOnly={codeLocked}
              value={state.code}
              error={shown.code}
              onChange={(e) => set('code', e.target.value)}
            />
            <TextField
              id={id('birthMonth')}
              label={t('caseForm.birthMonth')}
              hint={t('caseForm.birthMonthHint')}
              name="birthMonth"
              type="month"
              required
              placeholder="JJJJ-MM"
              pattern="\d{4}-\d{2}"
              value={state.birthMonth}
              error={shown.birthMonth}
              onChange={(e) => set('birthMonth', e.target.value)}
            />
            <SelectField id={id('sex')} label={t('caseForm.sex')} name="sex" required value={state.sex} error={shown.sex} onChange={(e) => set('sex', e.target.value as Sex | '')}>
              <option value="">{t('caseForm.choose')}</option>
              {SEXES.map((s) => (
                <option key={s} value={s}>
                  {vocab('sex', s)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="field-row">
            <TextField id={id('region')} label={t('caseForm.region')} hint={t('caseForm.regionHint')} name="region" maxLength={100} value={state.region} error={shown.region} onChange={(e) => set('region', e.target.value)} />
            <TextField
              id={id('institution')}
              label={t('caseForm.institution')}
              hint={t('caseForm.institutionHint')}
              name="institution"
              maxLength={40}
              autoComplete="off"
              value={state.institution}
              error={shown.institution}
              onChange={(e) => set('institution', e.target.value)}
            />
            <TextField
              id={id('siblings')}
              label={t('caseForm.siblings')}
              hint={t('caseForm.siblingsHint')}
              name="siblings"
              type="number"
              inputMode="numeric"
              min={0}
              max={30}
              value={state.siblings}
              error={shown.siblings}
              onChange={(e) => set('siblings', e.target.value)}
            />
          </div>
          <fieldset className="fieldset fieldset-wide">
            <legend>{t('caseForm.placementReasons')}</legend>
            <p className="field-hint">{t('caseForm.multipleHint')}</p>
            <div className="checkbox-grid">
              {PLACEMENT_REASONS.map((r) => (
                <CheckboxField
                  key={r}
                  id={id(`reason-${r}`)}
                  label={vocab('placementReason', r)}
                  checked={state.placementReasons.includes(r)}
                  onChange={(e) => toggle<PlacementReason>('placementReasons', r, e.target.checked)}
                />
              ))}
            </div>
          </fieldset>
          <fieldset className="fieldset fieldset-wide">
            <legend>{t('caseForm.parentFactors')}</legend>
            <p className="field-hint">{t('caseForm.multipleHint')}</p>
            <div className="checkbox-grid">
              {PARENT_FACTORS.map((f) => (
                <CheckboxField
                  key={f}
                  id={id(`factor-${f}`)}
                  label={vocab('parentFactor', f)}
                  checked={state.parentFactors.includes(f)}
                  onChange={(e) => toggle<ParentFactor>('parentFactors', f, e.target.checked)}
                />
              ))}
            </div>
          </fieldset>
          <SelectField
            id={id('status')}
            label={t('caseForm.status')}
            hint={t('caseForm.statusHint')}
            name="status"
            className="field-short-wide"
            value={state.status}
            onChange={(e) => set('status', e.target.value as CaseStatus)}
          >
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {vocab('status', s)}
              </option>
            ))}
          </SelectField>
        </section>

        <section aria-labelledby={id('timeline')} className="section">
          <h2 id={id('timeline')}>{t('timeline.heading')}</h2>
          <p className="small">{t('timeline.explain')}</p>
          <div className="timeline-layout">
            <TimelineEditor rows={state.events} onChange={(rows) => set('events', rows)} errors={shown} flags={liveFlags} readOnly={readOnly} />
            <FlagsPanel
              flags={liveFlags}
              rows={state.events}
              checking={checking}
              note={note}
              error={check.error ? errorMessage(check.error) : null}
              onGoToRow={readOnly ? undefined : focusRow}
            />
          </div>
        </section>
      </fieldset>

      <section aria-labelledby={id('picture')} className="section">
        <h2 id={id('picture')}>{t('picture.heading')}</h2>
        <TimelinePicture events={pictureEvents} birthMonth={state.birthMonth} />
      </section>

      {!readOnly ? (
        <div className="form-actions case-actions">
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? t('caseForm.saving') : submitLabel}
          </button>
          {actions}
        </div>
      ) : null}
    </form>
  );
}
