import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { codingApi, keys, participantsApi } from '../../api/endpoints';
import type { DocumentDetail, ImportTranscriptBody, Study } from '../../api/types';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormErrorSummary, useFocusFirstInvalid } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { MAX_UPLOAD_BYTES, TRANSCRIPT_EXTENSIONS } from '../../../shared/coding-vocabulary';
import { ArchivedPage, usePVocab } from '../participants/common';
import { canWrite, documentPath, ModuleGate, participantLink, pseudonymisePath, useCodingCrumbs } from './common';
import { excerpt } from './segments';
import { SparseCodePoints } from './sparseIndex';

export function ImportPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.write" page={t('docs.importTitle')}>
      {(study) => <Import study={study} />}
    </ModuleGate>
  );
}

type Source = 'file' | 'paste';
type Errors = Record<string, string | undefined>;

/** A file as base64 (without the data: prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot).toLowerCase() : '';
};

function Import({ study }: { study: Study }) {
  const { t } = useTranslation();
  const title = t('docs.importTitle');
  const crumbs = useCodingCrumbs(study, { label: title });
  const [done, setDone] = useState<DocumentDetail | null>(null);
  if (!canWrite(study)) return <ArchivedPage study={study} title={title} crumbs={crumbs} />;
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      {done ? <Imported study={study} doc={done} onAnother={() => setDone(null)} /> : <ImportForm study={study} onDone={setDone} />}
    </>
  );
}

function ImportForm({ study, onDone }: { study: Study; onDone: (d: DocumentDetail) => void }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [docTitle, setDocTitle] = useState('');
  const [participantId, setParticipantId] = useState('');
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const participants = useQuery({ queryKey: keys.participants(study.slug, {}), queryFn: ({ signal }) => participantsApi.list(study.slug, {}, signal) });
  const mutation = useMutation({
    mutationFn: (body: ImportTranscriptBody) => codingApi.importTranscript(study.slug, body),
    onSuccess: (doc) => {
      void queryClient.invalidateQueries({ queryKey: keys.documents(study.slug) });
      onDone(doc);
    },
  });
  const consentRefused = mutation.error instanceof ApiError && mutation.error.code === 'consent_missing';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (!docTitle.trim()) next.title = t('docs.errTitle');
    if (source === 'file') {
      if (!file) next.file = t('docs.errFile');
      else if (!(TRANSCRIPT_EXTENSIONS as readonly string[]).includes(extensionOf(file.name))) next.file = t('docs.errExtension', { extensions: TRANSCRIPT_EXTENSIONS.join(', ') });
      else if (file.size > MAX_UPLOAD_BYTES) next.file = t('docs.errSize');
      else if (file.size === 0) next.file = t('docs.errEmptyFile');
    } else if (!pasted.trim()) next.pasted = t('docs.errPasted');
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      focusInvalid();
      return;
    }
    const base = { title: docTitle.trim(), participantId: participantId || null };
    if (source === 'file' && file) {
      let contentBase64: string;
      try {
        contentBase64 = await readBase64(file);
      } catch {
        setErrors({ file: t('docs.errRead') });
        focusInvalid();
        return;
      }
      mutation.mutate({ ...base, file: { name: file.name, contentBase64 } });
    } else mutation.mutate({ ...base, pasted });
  }

  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="form narrow-wide" aria-labelledby="import-form-heading">
      <h2 id="import-form-heading" className="visually-hidden">
        {t('docs.importTitle')}
      </h2>
      <p className="lead">{t('docs.importIntro')}</p>
      <FormErrorSummary errors={errors} />
      <TextField label={t('docs.title')} name="title" required maxLength={200} value={docTitle} error={errors.title} onChange={(e) => setDocTitle(e.target.value)} />
      <SelectField label={t('docs.participant')} hint={t('docs.participantHint')} name="participantId" value={participantId} onChange={(e) => setParticipantId(e.target.value)}>
        <option value="">{t('docs.noParticipant')}</option>
        {(participants.data?.participants ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.code} ({vocab('role', p.role)})
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={participants.error} />
      <fieldset className="fieldset">
        <legend>{t('docs.source')}</legend>
        <div className="radio-row">
          {(['file', 'paste'] as const).map((s) => (
            <div className="field-checkbox" key={s}>
              <input id={`import-source-${s}`} type="radio" name="source" value={s} checked={source === s} onChange={() => setSource(s)} />
              <label htmlFor={`import-source-${s}`}>{s === 'file' ? t('docs.sourceFile') : t('docs.sourcePaste')}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {source === 'file' ? (
        <TextField
          label={t('docs.file')}
          hint={t('docs.fileHint', { extensions: TRANSCRIPT_EXTENSIONS.join(', ') })}
          name="file"
          type="file"
          accept={TRANSCRIPT_EXTENSIONS.join(',')}
          error={errors.file}
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            if (f && !docTitle.trim()) setDocTitle(f.name.replace(/\.[^.]+$/, '').slice(0, 200));
          }}
        />
      ) : (
        <TextAreaField label={t('docs.pasted')} hint={t('docs.pastedHint')} name="pasted" rows={12} className="field-wide" value={pasted} error={errors.pasted} onChange={(e) => setPasted(e.target.value)} />
      )}
      {consentRefused ? (
        <Alert title={t('docs.consentRefusedTitle')}>
          <p>{(mutation.error as ApiError).message}</p>
          <p>
            {participantId ? <Link to={participantLink(study.slug, participantId)}>{t('docs.consentRefusedLink')}</Link> : null}
          </p>
        </Alert>
      ) : (
        <ErrorAlert error={mutation.error} />
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('docs.importing') : t('docs.importSubmit')}
        </button>
      </div>
    </form>
  );
}

/** After an import: the recognised speaker turns, and where to go next. */
function Imported({ study, doc, onAnother }: { study: Study; doc: DocumentDetail; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const view = useQuery({ queryKey: keys.document(study.slug, doc.id), queryFn: ({ signal }) => codingApi.document(study.slug, doc.id, undefined, signal) });
  useEffect(() => heading.current?.focus(), []);
  const units = view.data?.version.units ?? [];
  const idx = view.data ? new SparseCodePoints(view.data.version.text) : null;
  const speakers = [...new Set(units.map((u) => u.speaker).filter((s): s is string => !!s))];

  return (
    <section aria-labelledby="import-done-heading" className="result-panel">
      <h2 id="import-done-heading" ref={heading} tabIndex={-1}>
        {t('docs.importedTitle', { title: doc.title })}
      </h2>
      <p role="status">{view.data ? t('docs.importedTurns', { count: units.length, speakers: speakers.join(', ') || '–' }) : ''}</p>
      {view.isPending ? <Loading /> : null}
      <ErrorAlert error={view.error} />
      {view.data && units.length === 0 ? <p>{t('docs.noTurns')}</p> : null}
      <div className="form-actions">
        <Link to={pseudonymisePath(study.slug, doc.id)} className="button-primary">
          {t('docs.toPseudonymise')}
        </Link>
        <Link to={documentPath(study.slug, doc.id)} className="button-secondary">
          {t('docs.toWorkspace')}
        </Link>
        <button type="button" className="button-secondary" onClick={onAnother}>
          {t('docs.importAnother')}
        </button>
      </div>
      {idx && units.length ? (
        <TableWrap label={t('docs.turnsLabel')}>
          <table className="turns-table">
            <caption>{t('docs.turnsLabel')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('docs.turnNumber')}
                </th>
                <th scope="col">{t('docs.speaker')}</th>
                <th scope="col">{t('docs.turnStart')}</th>
              </tr>
            </thead>
            <tbody>
              {units.slice(0, 200).map((u, i) => (
                <tr key={u.start}>
                  <td className="num">{i + 1}</td>
                  <td>{u.speaker ?? '–'}</td>
                  <td>{excerpt(idx.text.slice(idx.toUtf16(u.start), idx.toUtf16(u.end)), 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {units.length > 200 ? <p className="small muted">{t('docs.moreTurns', { count: units.length - 200 })}</p> : null}
    </section>
  );
}
