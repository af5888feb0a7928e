/**
 * The settings of a survey: title, open and close dates, the way it is handed out (open link or personal
 * invitations, anonymised or not), the disclosure threshold; the public link (make or renew) and closing now, which
 * asks first in a dialog because it deletes the e-mail addresses. The server's errors appear next to their field.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyDetail, SurveyPatch } from '../../../shared/surveys';
import { fieldErrors, isApiError } from '../../api/client';
import { surveyKeys, surveysApi } from '../../api/surveys';
import type { Study } from '../../api/types';
import { ErrorAlert, StatusMessage } from '../../components/Alert';
import { CheckboxField, TextField } from '../../components/Field';

/** An ISO instant as the value of a datetime-local input (local time, minutes). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
const fromLocalInput = (v: string): string | null => (v ? new Date(v).toISOString() : null);

interface Props {
  study: Study;
  survey: SurveyDetail;
  canEdit: boolean;
  onChange(s: SurveyDetail): void;
}

export function SurveySettings({ study, survey, canEdit, onChange }: Props) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(survey.title);
  const [opensAt, setOpensAt] = useState(toLocalInput(survey.opensAt));
  const [closesAt, setClosesAt] = useState(toLocalInput(survey.closesAt));
  const [mode, setMode] = useState(survey.mode);
  const [anonymised, setAnonymised] = useState(survey.anonymised);
  const [threshold, setThreshold] = useState(String(survey.disclosureThreshold));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const locked = survey.counts.started > 0 || survey.counts.invited > 0;

  const save = useMutation({
    mutationFn: (body: SurveyPatch) => surveysApi.update(study.slug, survey.id, body),
    onSuccess: (s) => {
      onChange(s);
      setStatus(t('surveys.settingsSaved'));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    const errors: Record<string, string> = {};
    if (title.trim().length < 3) errors.title = t('surveys.errors.titleShort');
    if (opensAt && closesAt && new Date(closesAt) <= new Date(opensAt)) errors.closesAt = t('surveys.errors.closesBeforeOpens');
    const n = Number(threshold);
    if (!Number.isInteger(n) || n < 1 || n > 100) errors.disclosureThreshold = t('surveys.errors.threshold');
    setLocal(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`survey-set-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    const body: SurveyPatch = {};
    if (title.trim() !== survey.title) body.title = title.trim();
    if (fromLocalInput(opensAt) !== (survey.opensAt ? new Date(survey.opensAt).toISOString() : null)) body.opensAt = fromLocalInput(opensAt);
    if (fromLocalInput(closesAt) !== (survey.closesAt ? new Date(survey.closesAt).toISOString() : null)) body.closesAt = fromLocalInput(closesAt);
    if (mode !== survey.mode) body.mode = mode;
    if ((mode === 'personal' && anonymised) !== survey.anonymised) body.anonymised = mode === 'personal' && anonymised;
    if (n !== survey.disclosureThreshold) body.disclosureThreshold = n;
    if (Object.keys(body).length === 0) {
      setStatus(t('surveys.settingsUnchanged'));
      return;
    }
    save.mutate(body);
  }

  const server = fieldErrors(save.error);
  // a refused change of the way of handing out (409) belongs next to that choice
  const modeError = isApiError(save.error, 409) && (mode !== survey.mode || anonymised !== survey.anonymised) ? save.error.message : undefined;
  const err = (k: string) => local[k] ?? server[k];
  const generalError = save.error && !modeError && !Object.keys(server).length ? save.error : null;

  return (
    <section aria-labelledby="survey-settings" className="section">
      <h2 id="survey-settings">{t('surveys.settings')}</h2>
      {canEdit ? (
        <form onSubmit={submit} noValidate className="form">
          <ErrorAlert error={generalError} />
          <TextField id="survey-set-title" label={t('surveys.settingsTitle')} value={title} maxLength={200} required error={err('title')} onChange={(e) => setTitle(e.target.value)} />
          <div className="survey-question-grid">
            <TextField
              id="survey-set-opensAt"
              type="datetime-local"
              label={t('surveys.opensAt')}
              hint={t('surveys.opensHint')}
              value={opensAt}
              error={err('opensAt')}
              onChange={(e) => setOpensAt(e.target.value)}
            />
            <TextField
              id="survey-set-closesAt"
              type="datetime-local"
              label={t('surveys.closesAt')}
              hint={t('surveys.closesHint')}
              value={closesAt}
              error={err('closesAt')}
              onChange={(e) => setClosesAt(e.target.value)}
            />
          </div>
          <fieldset className="fieldset" aria-describedby={modeError ? 'survey-set-mode-error' : locked ? 'survey-set-mode-hint' : undefined}>
            <legend>{t('surveys.modeLegend')}</legend>
            <div className="field-checkbox">
              <input id="survey-set-mode-anonymous" type="radio" name="survey-mode" value="anonymous" checked={mode === 'anonymous'} onChange={() => setMode('anonymous')} />
              <label htmlFor="survey-set-mode-anonymous">{t('surveys.modeAnonymous')}</label>
            </div>
            <div className="field-checkbox">
              <input id="survey-set-mode-personal" type="radio" name="survey-mode" value="personal" checked={mode === 'personal'} onChange={() => setMode('personal')} />
              <label htmlFor="survey-set-mode-personal">{t('surveys.modePersonal')}</label>
            </div>
            {mode === 'personal' ? (
              <CheckboxField id="survey-set-anonymised" label={t('surveys.anonymisedLabel')} hint={t('surveys.anonymisedHint')} checked={anonymised} onChange={(e) => setAnonymised(e.target.checked)} />
            ) : null}
            {locked ? (
              <p id="survey-set-mode-hint" className="field-hint">
                {t('surveys.modeLocked')}
              </p>
            ) : null}
            {modeError ? (
              <p id="survey-set-mode-error" className="field-error">
                {modeError}
              </p>
            ) : null}
          </fieldset>
          <TextField
            id="survey-set-disclosureThreshold"
            type="number"
            min={1}
            max={100}
            label={t('surveys.thresholdLabel')}
            hint={t('surveys.thresholdHint')}
            value={threshold}
            error={err('disclosureThreshold')}
            onChange={(e) => setThreshold(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={save.isPending}>
              {t('surveys.saveSettings')}
            </button>
          </div>
          <StatusMessage>{status}</StatusMessage>
        </form>
      ) : (
        <dl className="facts">
          <dt>{t('surveys.opensAt')}</dt>
          <dd>{survey.opensAt ? new Date(survey.opensAt).toLocaleString() : '—'}</dd>
          <dt>{t('surveys.closesAt')}</dt>
          <dd>{survey.closesAt ? new Date(survey.closesAt).toLocaleString() : '—'}</dd>
          <dt>{t('surveys.modeLegend')}</dt>
          <dd>{survey.mode === 'anonymous' ? t('surveys.modeAnonymous') : survey.anonymised ? `${t('surveys.modePersonal')} (${t('surveys.anonymised')})` : t('surveys.modePersonal')}</dd>
        </dl>
      )}
      {survey.mode === 'anonymous' ? <PublicLink study={study} survey={survey} canEdit={canEdit} /> : null}
      {canEdit && survey.status !== 'closed' && survey.status !== 'draft' ? <CloseNow study={study} survey={survey} onChange={onChange} /> : null}
    </section>
  );
}

function PublicLink({ study, survey, canEdit }: { study: Study; survey: SurveyDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const link = useMutation({
    mutationFn: () => surveysApi.publicLink(study.slug, survey.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: surveyKeys.one(study.slug, survey.id) }),
  });
  const url = link.data?.url ?? survey.publicUrl;
  return (
    <>
      <h3>{t('surveys.publicLink')}</h3>
      <ErrorAlert error={link.error} />
      {url ? (
        <div className="field">
          <label htmlFor="survey-public-url">{t('surveys.publicLink')}</label>
          <input id="survey-public-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : (
        <p className="muted">{survey.currentVersion ? t('surveys.noLinkYet') : t('surveys.publishFirst')}</p>
      )}
      {canEdit && survey.currentVersion ? (
        <p>
          <button type="button" className="button-secondary" onClick={() => link.mutate()} disabled={link.isPending} aria-describedby={url ? 'survey-renew-hint' : undefined}>
            {url ? t('surveys.newLink') : t('surveys.makeLink')}
          </button>
          {url ? (
            <span id="survey-renew-hint" className="field-hint">
              {' '}
              {t('surveys.newLinkHint')}
            </span>
          ) : null}
        </p>
      ) : null}
      <StatusMessage>{link.data ? t('surveys.linkRenewed') : ''}</StatusMessage>
    </>
  );
}

/** "Close now" with a modal confirmation (native <dialog>: focus stays inside, Escape cancels). */
function CloseNow({ study, survey, onChange }: { study: Study; survey: SurveyDetail; onChange(s: SurveyDetail): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const addresses = survey.mode === 'personal' ? Math.max(0, survey.counts.invited - survey.emailsDeleted) : 0;
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useMutation({
    mutationFn: () => surveysApi.close(study.slug, survey.id),
    onSuccess: (s) => {
      setOpen(false);
      onChange(s);
      // the invitations lost their addresses
      void qc.invalidateQueries({ queryKey: surveyKeys.invitations(study.slug, survey.id) });
    },
  });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <>
      <h3>{t('surveys.closeHeading')}</h3>
      <p className="small">{t('surveys.closeExplain')}</p>
      <ErrorAlert error={close.error} />
      <button ref={trigger} type="button" className="button-danger-outline" onClick={() => setOpen(true)}>
        {t('surveys.closeNow')}
      </button>
      <dialog
        ref={ref}
        className="modal"
        aria-labelledby="survey-close-title"
        aria-describedby="survey-close-text"
        onClose={() => {
          setOpen(false);
          requestAnimationFrame(() => trigger.current?.focus());
        }}
      >
        <h2 id="survey-close-title" className="modal-title">
          {t('surveys.closeConfirmTitle')}
        </h2>
        <p id="survey-close-text">{addresses > 0 ? t('surveys.closeConfirmText', { count: addresses }) : t('surveys.closeConfirmTextNone')}</p>
        <p className="actions">
          <button type="button" className="button-danger" onClick={() => close.mutate()} disabled={close.isPending}>
            {t('surveys.closeConfirm')}
          </button>{' '}
          <button type="button" className="button-secondary" onClick={() => setOpen(false)} autoFocus>
            {t('common.cancel')}
          </button>
        </p>
      </dialog>
    </>
  );
}
