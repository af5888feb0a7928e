/** The study's own participant variables: name, type (text, number, date, choice) and the choices. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { keys, participantsApi } from '../../api/endpoints';
import type { Study, StudyVariable } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { VARIABLE_TYPES, type VariableType } from '../../../shared/participant-vocabulary';
import { canWrite, ModuleGate, useModuleCrumbs, usePVocab } from './common';
import { parseChoices } from './model';

export function VariablesPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('variables.title')}>
      {(study) => <Variables study={study} />}
    </ModuleGate>
  );
}

function Variables({ study }: { study: Study }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const title = t('variables.title');
  const crumbs = useModuleCrumbs(study, 'participants', { label: title });
  const list = useQuery({ queryKey: keys.variables(study.slug), queryFn: ({ signal }) => participantsApi.variables(study.slug, signal) });
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const writable = canWrite(study);
  const changed = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: keys.variables(study.slug) });
    void queryClient.invalidateQueries({ queryKey: keys.participants(study.slug) });
  };
  const remove = useMutation({
    mutationFn: (v: StudyVariable) => participantsApi.removeVariable(study.slug, v.id),
    onMutate: () => setMessage(''),
    onSuccess: (_r, v) => {
      changed(t('variables.deleted', { name: v.name }));
      document.getElementById('variables-heading')?.focus();
    },
  });

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('variables.intro')}</p>
      <StatusMessage>{message}</StatusMessage>
      <section aria-labelledby="variables-heading" className="section">
        <h2 id="variables-heading" tabIndex={-1}>
          {t('variables.listHeading')}
        </h2>
        {list.isPending ? <Loading /> : null}
        <ErrorAlert error={list.error ?? remove.error} />
        {list.data && list.data.length === 0 ? <p className="empty">{t('variables.empty')}</p> : null}
        {list.data && list.data.length ? (
          <ul className="plain-list variable-list">
            {list.data.map((v) => (
              <li key={v.id} className="variable-item">
                {editing === v.id ? (
                  <EditVariable
                    study={study}
                    variable={v}
                    onDone={(updated) => {
                      setEditing(null);
                      changed(t('variables.saved', { name: updated.name }));
                      requestAnimationFrame(() => document.getElementById(`edit-${v.id}`)?.focus());
                    }}
                    onCancel={() => {
                      setEditing(null);
                      requestAnimationFrame(() => document.getElementById(`edit-${v.id}`)?.focus());
                    }}
                  />
                ) : (
                  <VariableSummary
                    variable={v}
                    writable={writable}
                    onEdit={() => {
                      setMessage('');
                      setEditing(v.id);
                    }}
                    onDelete={() => remove.mutate(v)}
                    deleting={remove.isPending}
                  />
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {writable ? <NewVariable study={study} onCreated={(v) => changed(t('variables.created', { name: v.name }))} /> : null}
    </>
  );
}

function VariableSummary({ variable: v, writable, onEdit, onDelete, deleting }: { variable: StudyVariable; writable: boolean; onEdit: () => void; onDelete: () => void; deleting: boolean }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  return (
    <>
      <h3 className="variable-name">{v.name}</h3>
      <p className="small">
        {vocab('variableType', v.type)} · {t('variables.used', { count: v.used })}
      </p>
      {v.type === 'choice' ? <p className="small">{t('variables.choicesList', { choices: v.choices.join(', ') })}</p> : null}
      {writable ? (
        <div className="form-actions">
          <button id={`edit-${v.id}`} type="button" className="button-secondary button-small" onClick={onEdit}>
            {t('variables.edit')}
            <span className="visually-hidden"> ({v.name})</span>
          </button>
          <ConfirmButton
            danger
            className="button-small"
            question={t('variables.deleteQuestion', { name: v.name, count: v.used })}
            confirmLabel={t('variables.deleteConfirm')}
            onConfirm={onDelete}
            pending={deleting}
          >
            {t('variables.delete')}
            <span className="visually-hidden"> ({v.name})</span>
          </ConfirmButton>
        </div>
      ) : null}
    </>
  );
}

function EditVariable({ study, variable: v, onDone, onCancel }: { study: Study; variable: StudyVariable; onDone: (v: StudyVariable) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(v.name);
  const [choices, setChoices] = useState(v.choices.join('\n'));
  const [error, setError] = useState('');
  const nameRef = useRef<HTMLDivElement>(null);
  useEffect(() => nameRef.current?.querySelector('input')?.focus(), []);
  const save = useMutation({
    mutationFn: () => participantsApi.updateVariable(study.slug, v.id, { name: name.trim(), ...(v.type === 'choice' ? { choices: parseChoices(choices) } : {}) }),
    onSuccess: onDone,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = !name.trim() ? t('variables.errors.name') : v.type === 'choice' && parseChoices(choices).length === 0 ? t('variables.errors.choices') : '';
    setError(problem);
    if (!problem) save.mutate();
  }
  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t('variables.editLabel', { name: v.name })}>
      <div ref={nameRef}>
        <TextField label={t('variables.name')} name="name" required maxLength={100} value={name} error={error && !name.trim() ? error : undefined} onChange={(e) => setName(e.target.value)} />
      </div>
      {v.type === 'choice' ? (
        <TextAreaField
          label={t('variables.choices')}
          hint={t('variables.choicesHint')}
          name="choices"
          rows={4}
          value={choices}
          error={error && name.trim() ? error : undefined}
          onChange={(e) => setChoices(e.target.value)}
        />
      ) : null}
      <ErrorAlert error={save.error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {t('variables.save')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function NewVariable({ study, onCreated }: { study: Study; onCreated: (v: StudyVariable) => void }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const [name, setName] = useState('');
  const [type, setType] = useState<VariableType>('text');
  const [choices, setChoices] = useState('');
  const [errors, setErrors] = useState<{ name?: string; choices?: string }>({});
  const create = useMutation({
    mutationFn: () => participantsApi.createVariable(study.slug, { name: name.trim(), type, choices: type === 'choice' ? parseChoices(choices) : [] }),
    onSuccess: (v) => {
      setName('');
      setChoices('');
      onCreated(v);
      document.getElementById('new-variable-name')?.focus();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      name: name.trim() ? undefined : t('variables.errors.name'),
      choices: type === 'choice' && parseChoices(choices).length === 0 ? t('variables.errors.choices') : undefined,
    };
    setErrors(next);
    if (next.name) document.getElementById('new-variable-name')?.focus();
    else if (next.choices) document.getElementById('new-variable-choices')?.focus();
    else create.mutate();
  }
  return (
    <section aria-labelledby="new-variable-heading" className="section panel">
      <h2 id="new-variable-heading">{t('variables.newHeading')}</h2>
      <form onSubmit={submit} noValidate className="form" aria-labelledby="new-variable-heading">
        <div className="field-row">
          <TextField id="new-variable-name" label={t('variables.name')} name="name" required maxLength={100} value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
          <SelectField label={t('variables.type')} name="type" value={type} onChange={(e) => setType(e.target.value as VariableType)}>
            {VARIABLE_TYPES.map((v) => (
              <option key={v} value={v}>
                {vocab('variableType', v)}
              </option>
            ))}
          </SelectField>
        </div>
        {type === 'choice' ? (
          <TextAreaField
            id="new-variable-choices"
            label={t('variables.choices')}
            hint={t('variables.choicesHint')}
            name="choices"
            rows={4}
            required
            value={choices}
            error={errors.choices}
            onChange={(e) => setChoices(e.target.value)}
          />
        ) : null}
        <ErrorAlert error={create.error} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {t('variables.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
