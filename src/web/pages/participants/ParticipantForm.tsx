/**
 * The attributes of a participant and the values of the study's own variables; for a new participant also the role
 * and, for the lead only, the identity (name, contact, birth month: a child or young adult cannot be registered
 * without the birth month, on which the consent rules depend).
 */
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Participant, ParticipantInput, ParticipantPatch, StudyVariable } from '../../api/types';
import { ErrorAlert } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormErrorSummary, useFocusFirstInvalid } from '../../components/FormErrors';
import {
  GENDERS,
  PARTICIPANT_ROLES,
  PLACEMENT_TYPES,
  SITUATIONS,
  type AgeBand,
  type Gender,
  type ParticipantRole,
  type PlacementType,
  type Situation,
} from '../../../shared/participant-vocabulary';
import { usePVocab } from './common';
import { ageBandsFor, isMonth, needsBirthMonth, serverErrors, variableChanges, variableText, type FormErrors } from './model';

interface State {
  role: ParticipantRole | '';
  ageBand: AgeBand | '';
  gender: Gender;
  region: string;
  situation: Situation;
  placementType: PlacementType;
  vars: Record<string, string>;
  name: string;
  contact: string;
  birthMonth: string;
}

const fromParticipant = (p: Participant | null): State => ({
  role: p?.role ?? '',
  ageBand: p?.ageBand ?? '',
  gender: p?.gender ?? 'unknown',
  region: p?.region ?? '',
  situation: p?.situation ?? 'other',
  placementType: p?.placementType ?? 'none',
  vars: Object.fromEntries(Object.entries(p?.variables ?? {}).map(([k, v]) => [k, variableText(v)])),
  name: '',
  contact: '',
  birthMonth: '',
});

const FIELDS = ['role', 'ageBand', 'gender', 'region', 'situation', 'placementType', 'identity'] as const;

type Props = {
  variables: StudyVariable[];
  /** may enter the identity (the lead) */
  confidential: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  actions?: ReactNode;
  readOnly?: boolean;
} & ({ participant: null; onCreate: (input: ParticipantInput) => void } | { participant: Participant; onUpdate: (patch: ParticipantPatch) => void });

export function ParticipantForm(props: Props) {
  const { variables, confidential, pending, error, submitLabel, actions, readOnly, participant } = props;
  const { t } = useTranslation();
  const vocab = usePVocab();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [state, setState] = useState<State>(() => fromParticipant(participant));
  const [errors, setErrors] = useState<FormErrors>({});
  const isNew = participant === null;
  const role = participant?.role ?? state.role;
  const bands = ageBandsFor(role);
  const server = useMemo(() => (error instanceof ApiError ? serverErrors(error.details, FIELDS) : {}), [error]);
  const shown = { ...server, ...errors };
  const set = <K extends keyof State>(key: K, value: State[K]) => setState((s) => ({ ...s, [key]: value }));
  const blockedRole = isNew && !confidential && needsBirthMonth(state.role);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: FormErrors = {};
    if (isNew && !state.role) next.role = t('participants.errors.role');
    if (blockedRole) next.role = t('participants.errors.needsLead');
    if (!state.ageBand) next.ageBand = t('participants.errors.ageBand');
    else if (!bands.includes(state.ageBand)) next.ageBand = t('participants.errors.ageBandRole');
    if (isNew && confidential) {
      if (state.birthMonth.trim() && !isMonth(state.birthMonth.trim())) next.birthMonth = t('participants.errors.birthMonth');
      else if (needsBirthMonth(state.role) && !state.birthMonth.trim()) next.birthMonth = t('participants.errors.birthMonthNeeded');
    }
    const changes = variableChanges(variables, participant?.variables ?? {}, state.vars, t);
    Object.assign(next, changes.errors);
    setErrors(next);
    if (Object.values(next).some(Boolean) || !state.ageBand) {
      focusInvalid();
      return;
    }
    const attrs = { ageBand: state.ageBand, gender: state.gender, region: state.region.trim(), situation: state.situation, placementType: state.placementType };
    if (props.participant === null) {
      const identity =
        confidential && (state.name.trim() || state.contact.trim() || state.birthMonth.trim())
          ? { name: state.name.trim(), contact: state.contact.trim(), birthMonth: state.birthMonth.trim() || null }
          : undefined;
      props.onCreate({ ...attrs, role: state.role as ParticipantRole, identity, variables: changes.values });
    } else {
      props.onUpdate({ ...attrs, variables: changes.values });
    }
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="form">
      <FormErrorSummary errors={errors} />
      <fieldset className="fieldset-plain" disabled={readOnly}>
        {isNew ? (
          <SelectField
            label={t('participants.role')}
            hint={t('participants.roleHint')}
            name="role"
            required
            value={state.role}
            error={shown.role}
            onChange={(e) => {
              const next = e.target.value as ParticipantRole | '';
              // an age band that does not fit the new role is cleared, so that it is chosen again
              setState((s) => ({ ...s, role: next, ageBand: s.ageBand && ageBandsFor(next).includes(s.ageBand) ? s.ageBand : '' }));
            }}
          >
            <option value="">{t('participants.chooseRole')}</option>
            {PARTICIPANT_ROLES.map((r) => (
              <option key={r} value={r}>
                {vocab('role', r)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {blockedRole ? <p className="notice">{t('participants.needsLeadNotice')}</p> : null}
        <div className="field-row">
          <SelectField label={t('participants.ageBand')} name="ageBand" required value={state.ageBand} error={shown.ageBand} onChange={(e) => set('ageBand', e.target.value as AgeBand | '')}>
            <option value="">{t('participants.chooseAgeBand')}</option>
            {bands.map((b) => (
              <option key={b} value={b}>
                {vocab('ageBand', b)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('participants.gender')} name="gender" value={state.gender} error={shown.gender} onChange={(e) => set('gender', e.target.value as Gender)}>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {vocab('gender', g)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('participants.situation')} name="situation" value={state.situation} error={shown.situation} onChange={(e) => set('situation', e.target.value as Situation)}>
            {SITUATIONS.map((s) => (
              <option key={s} value={s}>
                {vocab('situation', s)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('participants.placementType')}
            name="placementType"
            value={state.placementType}
            error={shown.placementType}
            onChange={(e) => set('placementType', e.target.value as PlacementType)}
          >
            {PLACEMENT_TYPES.map((p) => (
              <option key={p} value={p}>
                {vocab('placementType', p)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('participants.region')}
            hint={t('participants.regionHint')}
            name="region"
            maxLength={100}
            value={state.region}
            error={shown.region}
            onChange={(e) => set('region', e.target.value)}
          />
        </div>

        {variables.length ? (
          <fieldset className="fieldset fieldset-wide">
            <legend>{t('participants.variablesLegend')}</legend>
            <div className="field-row">
              {variables.map((v) => (
                <VariableField key={v.id} variable={v} value={state.vars[v.id] ?? ''} error={shown[`var-${v.id}`]} onChange={(value) => set('vars', { ...state.vars, [v.id]: value })} />
              ))}
            </div>
          </fieldset>
        ) : null}

        {isNew && confidential ? (
          <section aria-labelledby="new-identity-heading" className="confidential section">
            <h2 id="new-identity-heading">{t('participants.identityHeading')}</h2>
            <p className="confidential-label">
              {t('participants.leadOnly')}
            </p>
            <p className="small">{t('participants.identityExplain')}</p>
            <TextField label={t('participants.name')} name="name" autoComplete="off" maxLength={200} value={state.name} onChange={(e) => set('name', e.target.value)} />
            <TextAreaField label={t('participants.contact')} hint={t('participants.contactHint')} name="contact" rows={3} maxLength={1000} value={state.contact} onChange={(e) => set('contact', e.target.value)} />
            <TextField
              label={t('participants.birthMonth')}
              hint={needsBirthMonth(state.role) ? t('participants.birthMonthHintRequired') : t('participants.birthMonthHint')}
              name="birthMonth"
              className="field-short-wide"
              inputMode="numeric"
              autoComplete="off"
              placeholder={t('participants.birthMonthPlaceholder')}
              maxLength={7}
              required={needsBirthMonth(state.role)}
              value={state.birthMonth}
              error={shown.birthMonth}
              onChange={(e) => set('birthMonth', e.target.value)}
            />
          </section>
        ) : null}
      </fieldset>
      <ErrorAlert error={error} />
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={pending}>
            {submitLabel}
          </button>
          {actions}
        </div>
      )}
    </form>
  );
}

function VariableField({ variable: v, value, error, onChange }: { variable: StudyVariable; value: string; error?: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const id = `var-${v.id}`;
  if (v.type === 'choice') {
    return (
      <SelectField id={id} label={v.name} name={id} value={value} error={error} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('participants.noValue')}</option>
        {/* a stored value that is no longer a choice stays visible */}
        {value && !v.choices.includes(value) ? <option value={value}>{value}</option> : null}
        {v.choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
    );
  }
  return (
    <TextField
      id={id}
      label={v.name}
      hint={v.type === 'text' ? undefined : vocab('variableType', v.type)}
      name={id}
      type={v.type === 'date' ? 'date' : 'text'}
      inputMode={v.type === 'number' ? 'decimal' : undefined}
      maxLength={v.type === 'text' ? 2000 : undefined}
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
