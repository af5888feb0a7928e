/**
 * Consent (toestemming) and assent (instemming) of one participant: the evaluation per scope with the age rule
 * that applies, the records, adding one, revoking or deleting one, and recording a withdrawal — each withdrawal
 * says beforehand what will be removed (transcripts, codings, quotes) unless archiving was consented.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ApiError } from '../../api/client';
import { keys, participantsApi } from '../../api/endpoints';
import type { ConsentEvaluationView, ConsentInput, ConsentRecordView, Participant, ParticipantConsent, Study, WithdrawalInput, WithdrawalResult } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextField } from '../../components/Field';
import { FormErrorSummary } from '../../components/FormErrors';
import { TableWrap } from '../../components/TableWrap';
import { formatDate } from '../../i18n/format';
import { conservativeAge, ruleForAge } from '../../../lib/consent/rules';
import { CONSENT_GIVERS, CONSENT_METHODS, CONSENT_SCOPES, type ConsentScope } from '../../../shared/participant-vocabulary';
import { canWrite, usePVocab } from './common';
import { consentInput, emptyConsentForm, isDate, ruleOf, serverErrors, today, withdrawalConsequence, type ConsentFormState, type FormErrors } from './model';

export function ConsentPanel({ study, participant: p }: { study: Study; participant: Participant }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: keys.participantConsent(study.slug, p.id), queryFn: ({ signal }) => participantsApi.consent(study.slug, p.id, signal) });
  const [message, setMessage] = useState('');
  const [revoking, setRevoking] = useState<ConsentRecordView | null>(null);
  const writable = canWrite(study);
  const { hash } = useLocation();
  const loaded = !!query.data;
  // the dashboard's "Toestemming vastleggen" links here: go to the form once it is there
  useEffect(() => {
    if (!loaded || hash !== '#consent-add') return;
    const heading = document.getElementById('consent-add-heading');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  }, [loaded, hash]);

  /** A new consent state: cache it, and refresh what shows the participant's status. */
  const update = (c: ParticipantConsent) => {
    queryClient.setQueryData(keys.participantConsent(study.slug, p.id), c);
    void queryClient.invalidateQueries({ queryKey: keys.participants(study.slug) });
    void queryClient.invalidateQueries({ queryKey: keys.consentDashboard(study.slug) });
    void queryClient.invalidateQueries({ queryKey: keys.participant(study.slug, p.id), exact: true });
  };
  const withdrawn = (r: WithdrawalResult) => {
    update(r.consent);
    setMessage(withdrawalMessage(r, t));
  };

  return (
    <section aria-labelledby="consent-heading" className="section">
      <h2 id="consent-heading" tabIndex={-1}>
        {t('consent.heading')}
      </h2>
      {query.isPending ? <Loading /> : null}
      <ErrorAlert error={query.error} />
      <StatusMessage>{message}</StatusMessage>
      {query.data ? (
        <>
          <Evaluation evaluation={query.data.evaluation} participant={p} />
          <Records
            study={study}
            consent={query.data}
            writable={writable}
            onRevoke={(r) => {
              setMessage('');
              setRevoking(r);
            }}
            onDeleted={(c, r) => {
              update(c);
              setMessage(t('consent.recordDeleted', { date: formatDate(r.date) }));
            }}
          />
          {writable && revoking ? (
            <RevokeForm
              key={revoking.id}
              study={study}
              participant={p}
              record={revoking}
              evaluation={query.data.evaluation}
              onDone={(r) => {
                setRevoking(null);
                withdrawn(r);
                document.getElementById('consent-heading')?.focus();
              }}
              onCancel={() => {
                const id = revoking.id;
                setRevoking(null);
                // back to the button that opened the form
                requestAnimationFrame(() => document.getElementById(`revoke-${id}`)?.focus());
              }}
            />
          ) : null}
          {writable ? (
            <>
              <AddConsentForm
                study={study}
                participant={p}
                onAdded={(c, input) => {
                  update(c);
                  setMessage(
                    t('consent.added', {
                      kind: t(`pvocab.kind.${input.kind}`).toLowerCase(),
                      by: t(`pvocab.givenBy.${input.givenBy}`).toLowerCase(),
                      date: formatDate(input.date),
                    }),
                  );
                }}
              />
              <WithdrawalForm study={study} participant={p} evaluation={query.data.evaluation} hasRecords={query.data.records.length > 0} onDone={withdrawn} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function withdrawalMessage(r: WithdrawalResult, t: TFunction): string {
  const removed =
    r.removed.documents || r.removed.codings
      ? ` ${t('consent.removedCounts', { documents: r.removed.documents, versions: r.removed.versions, codings: r.removed.codings })}`
      : '';
  return `${t('consent.withdrawalRecorded')} ${r.reason}${removed}`;
}

// ---- evaluation -------------------------------------------------------------------------------------------

/** The rule of thumb in plain words, and which part of it applies to this participant. */
export function AgeRuleExplainer({ rule, age, adult }: { rule: 'under12' | '12to15' | '16plus'; age: number | null; adult: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="rule-box">
      <p>
        <strong>{t('consent.ruleApplies')}</strong>{' '}
        {adult && age === null ? t('consent.ruleAdult') : t(`consent.rule.${rule}`)}
        {age !== null ? ` ${t('consent.ageAtConsent', { count: age })}` : ''}
      </p>
      <details className="method">
        <summary>{t('consent.ruleOfThumbTitle')}</summary>
        <ul className="list">
          <li>{t('consent.rule.under12')}</li>
          <li>{t('consent.rule.12to15')}</li>
          <li>{t('consent.rule.16plus')}</li>
        </ul>
        <p className="small">{t('consent.ruleDisclaimer')}</p>
      </details>
    </div>
  );
}

function Evaluation({ evaluation, participant: p }: { evaluation: ConsentEvaluationView; participant: Participant }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const { rule, age } = ruleOf(evaluation);
  const w = evaluation.withdrawal;
  return (
    <>
      {evaluation.withdrawn && w ? (
        <p className="notice">
          {t('consent.withdrawnNotice', { date: formatDate(w.date), by: vocab('givenBy', w.by).toLowerCase() })}{' '}
          {w.archivingCovered && !w.archivingRevokedLater ? t('consent.withdrawnKept') : t('consent.withdrawnRemoved')}
        </p>
      ) : null}
      <AgeRuleExplainer rule={rule} age={age} adult={p.role !== 'child' && p.role !== 'young_adult'} />
      <h3 id="evaluation-heading">{t('consent.perScope')}</h3>
      <ul className="scope-list" aria-labelledby="evaluation-heading">
        {CONSENT_SCOPES.map((s) => {
          const e = evaluation.scopes[s];
          return (
            <li key={s} className={e?.covered ? 'scope-ok' : 'scope-missing'}>
              <span className="scope-name">{vocab('scope', s)}</span>{' '}
              {e?.covered ? <span className="tag tag-ok">{t('consent.covered')}</span> : <span className="tag tag-warn">{t('consent.missing')}</span>}
              {e && !e.covered && e.missing.length ? (
                <ul className="scope-reasons">
                  {e.missing.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

// ---- records ----------------------------------------------------------------------------------------------

function ScopeValues({ scopes }: { scopes: Partial<Record<ConsentScope, boolean>> }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  return (
    <ul className="plain-list scope-values">
      {CONSENT_SCOPES.filter((s) => typeof scopes[s] === 'boolean').map((s) => (
        <li key={s}>
          {vocab('scope', s)}: {scopes[s] ? <span className="state-on">{t('common.yes').toLowerCase()}</span> : <span className="state-off">{t('common.no').toLowerCase()}</span>}
        </li>
      ))}
    </ul>
  );
}

function Records({
  study,
  consent,
  writable,
  onRevoke,
  onDeleted,
}: {
  study: Study;
  consent: ParticipantConsent;
  writable: boolean;
  onRevoke: (r: ConsentRecordView) => void;
  onDeleted: (c: ParticipantConsent, r: ConsentRecordView) => void;
}) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const remove = useMutation({
    mutationFn: (r: ConsentRecordView) => participantsApi.removeConsent(study.slug, consent.participantId, r.id),
    onSuccess: (c, r) => {
      onDeleted(c, r);
      document.getElementById('records-heading')?.focus();
    },
  });
  return (
    <>
      <h3 id="records-heading" tabIndex={-1}>
        {t('consent.recordsHeading')}
      </h3>
      <ErrorAlert error={remove.error} />
      {consent.records.length === 0 ? (
        <p className="empty">{t('consent.noRecords')}</p>
      ) : (
        <TableWrap label={t('consent.recordsHeading')}>
          <table className="consent-table">
            <caption className="visually-hidden">{t('consent.recordsCaption', { code: consent.code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('consent.date')}</th>
                <th scope="col">{t('consent.givenBy')}</th>
                <th scope="col">{t('consent.kind')}</th>
                <th scope="col">{t('consent.scopes')}</th>
                <th scope="col">{t('consent.methodAndLetter')}</th>
                <th scope="col">{t('consent.state')}</th>
                {writable ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {consent.records.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="nowrap">
                    {formatDate(r.date)}
                  </th>
                  <td>{vocab('givenBy', r.givenBy)}</td>
                  <td>{vocab('kind', r.kind)}</td>
                  <td>
                    <ScopeValues scopes={r.scopes} />
                  </td>
                  <td>
                    {vocab('method', r.method)}
                    <br />
                    <span className="small muted">{t('consent.letterShort', { version: r.letterVersion })}</span>
                  </td>
                  <td>{r.withdrawnAt ? <span className="tag tag-bad">{t('consent.withdrawnOn', { date: formatDate(r.withdrawnAt) })}</span> : t('consent.active')}</td>
                  {writable ? (
                    <td>
                      {r.withdrawnAt ? null : (
                        <div className="cell-actions">
                          <button id={`revoke-${r.id}`} type="button" className="button-link" onClick={() => onRevoke(r)}>
                            {t('consent.revoke')}
                            <span className="visually-hidden"> ({t('consent.recordLabel', { date: formatDate(r.date), by: vocab('givenBy', r.givenBy) })})</span>
                          </button>
                          <ConfirmButton
                            danger
                            className="button-small"
                            question={t('consent.deleteQuestion')}
                            confirmLabel={t('consent.deleteConfirm')}
                            onConfirm={() => remove.mutate(r)}
                            pending={remove.isPending}
                          >
                            {t('consent.delete')}
                            <span className="visually-hidden"> ({t('consent.recordLabel', { date: formatDate(r.date), by: vocab('givenBy', r.givenBy) })})</span>
                          </ConfirmButton>
                        </div>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

/** What a withdrawal would do, in words: kept, removed, or no effect. */
function Consequence({ evaluation, by, code }: { evaluation: ConsentEvaluationView; by: WithdrawalInput['by']; code: string }) {
  const { t } = useTranslation();
  const c = withdrawalConsequence(evaluation, by);
  return (
    <div className={c === 'removed' ? 'alert alert-warning consequence' : 'notice consequence'}>
      <p>{t(`consent.consequence.${c}`, { code })}</p>
    </div>
  );
}

function RevokeForm({
  study,
  participant: p,
  record,
  evaluation,
  onDone,
  onCancel,
}: {
  study: Study;
  participant: Participant;
  record: ConsentRecordView;
  evaluation: ConsentEvaluationView;
  onDone: (r: WithdrawalResult) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const [date, setDate] = useState(today());
  const [error, setError] = useState('');
  useEffect(() => document.getElementById('revoke-date')?.focus(), []);
  const revoke = useMutation({ mutationFn: () => participantsApi.revokeConsent(study.slug, p.id, record.id, date), onSuccess: onDone });
  const label = t('consent.recordLabel', { date: formatDate(record.date), by: vocab('givenBy', record.givenBy) });
  const confirm = () => {
    const problem = !isDate(date) ? t('consent.errors.date') : date > today() ? t('consent.errors.future') : date < record.date ? t('consent.errors.beforeRecord') : '';
    setError(problem);
    if (problem) document.getElementById('revoke-date')?.focus();
    else revoke.mutate();
  };
  return (
    <section aria-labelledby="revoke-heading" className="section panel">
      <h3 id="revoke-heading">{t('consent.revokeHeading', { record: label })}</h3>
      <p className="small">{t('consent.revokeExplain')}</p>
      <TextField id="revoke-date" label={t('consent.revokeDate')} type="date" className="field-short" value={date} error={error} onChange={(e) => setDate(e.target.value)} />
      <Consequence evaluation={evaluation} by={record.givenBy} code={p.code} />
      <ErrorAlert error={revoke.error} />
      <div className="form-actions">
        <ConfirmButton
          danger
          question={`${t('consent.revokeQuestion', { code: p.code })} ${t(`consent.consequenceShort.${withdrawalConsequence(evaluation, record.givenBy)}`, { code: p.code })}`} confirmLabel={t('consent.revokeConfirm')} onConfirm={confirm} pending={revoke.isPending}>
          {t('consent.revoke')}
        </ConfirmButton>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}

// ---- adding a record --------------------------------------------------------------------------------------

const CONSENT_FIELDS = ['letterVersion', 'date', 'givenBy', 'kind', 'method', 'scopes'] as const;

function AddConsentForm({ study, participant: p, onAdded }: { study: Study; participant: Participant; onAdded: (c: ParticipantConsent, input: ConsentInput) => void }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const form = useRef<HTMLFormElement>(null);
  const [state, setState] = useState<ConsentFormState>(() => emptyConsentForm());
  const [errors, setErrors] = useState<FormErrors>({});
  const add = useMutation({
    mutationFn: (input: ConsentInput) => participantsApi.addConsent(study.slug, p.id, input),
    onSuccess: (c, input) => {
      onAdded(c, input);
      // the letter version and method usually stay the same for the next record
      setState((s) => ({ ...emptyConsentForm(), letterVersion: s.letterVersion, method: s.method }));
    },
  });
  const server = useMemo(() => (add.error instanceof ApiError ? serverErrors(add.error.details, CONSENT_FIELDS) : {}), [add.error]);
  const shown = { ...server, ...errors };
  const set = <K extends keyof ConsentFormState>(key: K, value: ConsentFormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const toggle = (scope: ConsentScope, on: boolean) => setState((s) => ({ ...s, yes: on ? [...s.yes.filter((x) => x !== scope), scope] : s.yes.filter((x) => x !== scope) }));

  // the lead knows the birth month: say which rule applies on the chosen date
  const birthMonth = p.identity?.birthMonth ?? null;
  let ageHint = '';
  if (birthMonth && isDate(state.date)) {
    try {
      const age = conservativeAge(birthMonth, state.date);
      ageHint = `${t('consent.ageOnDate', { count: age })} ${t(`consent.rule.${ruleForAge(age)}`)}`;
    } catch {
      ageHint = '';
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const r = consentInput(state, t);
    setErrors(r.errors);
    if (!r.input) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fieldset-invalid input')?.focus());
      return;
    }
    add.mutate(r.input);
  }

  return (
    <section aria-labelledby="consent-add-heading" className="section panel" id="consent-add">
      <h3 id="consent-add-heading" tabIndex={-1}>
        {t('consent.addHeading')}
      </h3>
      <p className="small">{t('consent.addExplain')}</p>
      <form ref={form} onSubmit={submit} noValidate className="form" aria-labelledby="consent-add-heading">
        <FormErrorSummary errors={errors} />
        <div className="field-row">
          <TextField
            label={t('consent.letterVersion')}
            hint={t('consent.letterVersionHint')}
            name="letterVersion"
            required
            maxLength={60}
            value={state.letterVersion}
            error={shown.letterVersion}
            onChange={(e) => set('letterVersion', e.target.value)}
          />
          <TextField label={t('consent.date')} name="date" type="date" required max={today()} value={state.date} error={shown.date} onChange={(e) => set('date', e.target.value)} />
          <SelectField
            label={t('consent.givenBy')}
            name="givenBy"
            value={state.givenBy}
            error={shown.givenBy}
            onChange={(e) => {
              const givenBy = e.target.value as ConsentFormState['givenBy'];
              // only the child itself gives assent
              setState((s) => ({ ...s, givenBy, kind: givenBy === 'participant' ? s.kind : 'consent' }));
            }}
          >
            {CONSENT_GIVERS.map((g) => (
              <option key={g} value={g}>
                {vocab('givenBy', g)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('consent.method')} name="method" value={state.method} error={shown.method} onChange={(e) => set('method', e.target.value as ConsentFormState['method'])}>
            {CONSENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {vocab('method', m)}
              </option>
            ))}
          </SelectField>
        </div>
        {ageHint ? <p className="small rule-hint">{ageHint}</p> : null}
        <fieldset className="fieldset" aria-describedby={shown.kind ? 'consent-kind-error' : undefined}>
          <legend>{t('consent.kind')}</legend>
          <div className="radio-row">
            {(['consent', 'assent'] as const).map((k) => (
              <div className="field-checkbox" key={k}>
                <input
                  id={`consent-kind-${k}`}
                  type="radio"
                  name="kind"
                  value={k}
                  checked={state.kind === k}
                  disabled={k === 'assent' && state.givenBy !== 'participant'}
                  aria-describedby={k === 'assent' ? 'consent-kind-assent-hint' : undefined}
                  onChange={() => set('kind', k)}
                />
                <label htmlFor={`consent-kind-${k}`}>{vocab('kind', k)}</label>
              </div>
            ))}
          </div>
          <p id="consent-kind-assent-hint" className="field-hint">
            {t('consent.assentHint')}
          </p>
          {shown.kind ? (
            <p id="consent-kind-error" className="field-error">
              {shown.kind}
            </p>
          ) : null}
        </fieldset>
        <fieldset className={`fieldset${shown.scopes ? ' fieldset-invalid' : ''}`} aria-describedby={shown.scopes ? 'consent-scopes-error' : 'consent-scopes-hint'}>
          <legend>{t('consent.scopesLegend')}</legend>
          <p id="consent-scopes-hint" className="field-hint">
            {t('consent.scopesHint')}
          </p>
          {shown.scopes ? (
            <p id="consent-scopes-error" className="field-error">
              {shown.scopes}
            </p>
          ) : null}
          <div className="checkbox-grid">
            {CONSENT_SCOPES.map((s) => (
              <div className="field field-checkbox" key={s}>
                <input id={`consent-scope-${s}`} type="checkbox" name="scopes" value={s} checked={state.yes.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
                <label htmlFor={`consent-scope-${s}`}>{t(`consent.scopeLong.${s}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('consent.untickedLegend')}</legend>
          <div className="field-checkbox">
            <input id="consent-unticked-unasked" type="radio" name="unticked" checked={state.unticked === 'unasked'} onChange={() => set('unticked', 'unasked')} />
            <label htmlFor="consent-unticked-unasked">{t('consent.untickedUnasked')}</label>
          </div>
          <div className="field-checkbox">
            <input id="consent-unticked-no" type="radio" name="unticked" checked={state.unticked === 'no'} onChange={() => set('unticked', 'no')} />
            <label htmlFor="consent-unticked-no">{t('consent.untickedNo')}</label>
          </div>
        </fieldset>
        <ErrorAlert error={add.error} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={add.isPending}>
            {t('consent.addSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

// ---- withdrawal -------------------------------------------------------------------------------------------

function WithdrawalForm({
  study,
  participant: p,
  evaluation,
  hasRecords,
  onDone,
}: {
  study: Study;
  participant: Participant;
  evaluation: ConsentEvaluationView;
  hasRecords: boolean;
  onDone: (r: WithdrawalResult) => void;
}) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const [date, setDate] = useState(today());
  const [by, setBy] = useState<WithdrawalInput['by']>('participant');
  const [error, setError] = useState('');
  const withdraw = useMutation({ mutationFn: () => participantsApi.withdraw(study.slug, p.id, { date, by }), onSuccess: onDone });
  const confirm = () => {
    const problem = !isDate(date) ? t('consent.errors.date') : date > today() ? t('consent.errors.future') : '';
    setError(problem);
    if (problem) document.getElementById('withdrawal-date')?.focus();
    else withdraw.mutate();
  };
  return (
    <section aria-labelledby="withdrawal-heading" className="section panel">
      <h3 id="withdrawal-heading">{t('consent.withdrawalHeading')}</h3>
      <p className="small">{t('consent.withdrawalExplain')}</p>
      {!hasRecords ? (
        <p className="muted">{t('consent.withdrawalNothing')}</p>
      ) : (
        <>
          <div className="field-row">
            <TextField id="withdrawal-date" label={t('consent.withdrawalDate')} type="date" max={today()} value={date} error={error} onChange={(e) => setDate(e.target.value)} />
            <SelectField label={t('consent.withdrawalBy')} value={by} onChange={(e) => setBy(e.target.value as WithdrawalInput['by'])}>
              {CONSENT_GIVERS.map((g) => (
                <option key={g} value={g}>
                  {vocab('givenBy', g)}
                </option>
              ))}
            </SelectField>
          </div>
          <Consequence evaluation={evaluation} by={by} code={p.code} />
          <ErrorAlert error={withdraw.error} />
          <div className="form-actions">
            <ConfirmButton
              danger
              question={`${t('consent.withdrawalQuestion', { code: p.code })} ${t(`consent.consequenceShort.${withdrawalConsequence(evaluation, by)}`, { code: p.code })}`}
              confirmLabel={t('consent.withdrawalConfirm')}
              onConfirm={confirm}
              pending={withdraw.isPending}
            >
              {t('consent.withdrawalSubmit')}
            </ConfirmButton>
          </div>
        </>
      )}
    </section>
  );
}
