import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import type { Study, StudyInput } from '../../api/types';
import { ErrorAlert } from '../../components/Alert';
import { TextAreaField, TextField } from '../../components/Field';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid, type Errors } from '../../components/FormErrors';

interface Props {
  initial?: Study;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: Required<StudyInput>) => void;
  cancel?: ReactNode;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Create and edit a study. Research questions and partners: one per line. */
export function StudyForm({ initial, submitLabel, pending, error, onSubmit, cancel }: Props) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [questions, setQuestions] = useState((initial?.researchQuestions ?? []).join('\n'));
  const [periodStart, setPeriodStart] = useState(initial?.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState(initial?.periodEnd ?? '');
  const [funder, setFunder] = useState(initial?.funder ?? '');
  const [partners, setPartners] = useState((initial?.partners ?? []).join('\n'));
  const [threshold, setThreshold] = useState(String(initial?.disclosureThreshold ?? 10));
  const [errors, setErrors] = useState<Errors>({});

  const serverErrors = fieldErrors(error);
  const shown: Errors = { ...serverErrors, ...errors };

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (title.trim().length < 3) next.title = t('studyForm.errors.titleShort');
    if (title.trim().length > 200) next.title = t('studyForm.errors.titleLong');
    if (periodStart && periodEnd && periodEnd < periodStart) next.periodEnd = t('studyForm.errors.periodOrder');
    const qs = lines(questions);
    if (qs.length > 50) next.researchQuestions = t('studyForm.errors.tooMany', { max: 50 });
    const ps = lines(partners);
    if (ps.length > 50) next.partners = t('studyForm.errors.tooMany', { max: 50 });
    const n = Number(threshold);
    if (!Number.isInteger(n) || n < 1 || n > 100) next.disclosureThreshold = t('studyForm.errors.threshold');
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    onSubmit({
      title: title.trim(),
      description: description.trim(),
      researchQuestions: qs,
      periodStart: periodStart || null,
      periodEnd: periodEnd || null,
      funder: funder.trim(),
      partners: ps,
      disclosureThreshold: n,
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="form">
      <FormErrorSummary errors={errors} />
      <ErrorAlert error={error} />
      <TextField label={t('studyForm.title')} name="title" required maxLength={200} value={title} error={shown.title} onChange={(e) => setTitle(e.target.value)} />
      <TextAreaField
        label={t('studyForm.description')}
        hint={t('studyForm.optional')}
        name="description"
        rows={5}
        value={description}
        error={shown.description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextAreaField
        label={t('studyForm.researchQuestions')}
        hint={t('studyForm.onePerLine')}
        name="researchQuestions"
        rows={4}
        value={questions}
        error={shown.researchQuestions}
        onChange={(e) => setQuestions(e.target.value)}
      />
      <fieldset className="fieldset">
        <legend>{t('studyForm.period')}</legend>
        <div className="field-row">
          <TextField
            label={t('studyForm.periodStart')}
            name="periodStart"
            type="date"
            value={periodStart}
            error={shown.periodStart}
            onChange={(e) => setPeriodStart(e.target.value)}
          />
          <TextField
            label={t('studyForm.periodEnd')}
            name="periodEnd"
            type="date"
            value={periodEnd}
            error={shown.periodEnd}
            onChange={(e) => setPeriodEnd(e.target.value)}
          />
        </div>
      </fieldset>
      <TextField label={t('studyForm.funder')} hint={t('studyForm.optional')} name="funder" maxLength={200} value={funder} error={shown.funder} onChange={(e) => setFunder(e.target.value)} />
      <TextAreaField
        label={t('studyForm.partners')}
        hint={t('studyForm.onePerLine')}
        name="partners"
        rows={3}
        value={partners}
        error={shown.partners}
        onChange={(e) => setPartners(e.target.value)}
      />
      <TextField
        label={t('studyForm.disclosureThreshold')}
        hint={t('studyForm.disclosureThresholdHint')}
        name="disclosureThreshold"
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        step={1}
        className="field-short"
        value={threshold}
        error={shown.disclosureThreshold}
        onChange={(e) => setThreshold(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={pending}>
          {submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
