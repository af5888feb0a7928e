/**
 * "Juridisch kader": the norm catalogue by instrument with filters (phase, obligation, verification status), the seed
 * button on an empty catalogue, a form to add a norm (and an instrument), and the norm detail with its versions.
 * Norms that are 'te verifiëren' carry a warning badge and a dashed border: never styled like settled law.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { INSTRUMENT_KINDS, LEGAL_PHASES, OBLIGATION_TYPES, VERIFICATION_STATUSES, type Instrument, type LegalPhase, type Norm, type NormDetail, type ObligationType, type VerificationStatus } from '../../../shared/legal';
import { legalApi, legalKeys, type NormFilters } from '../../api/legal';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../i18n/format';
import { StudyGate, studyPath } from '../studies/useStudy';
import { normClass, VerificationBadge } from './common';

export function LegalCataloguePage() {
  return <StudyGate>{(study) => <Catalogue study={study} />}</StudyGate>;
}

export function NormPage() {
  return <StudyGate>{(study) => <NormDetailView study={study} />}</StudyGate>;
}

function useLabels() {
  const { t } = useTranslation();
  return {
    phase: (p: LegalPhase) => t(`legal.phase.${p}`),
    obligation: (o: ObligationType) => t(`legal.obligation.${o}`),
    kind: (k: Instrument['kind']) => t(`legal.kind.${k}`),
  };
}

function Catalogue({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const labels = useLabels();
  const [filters, setFilters] = useState<NormFilters>({});
  const [status, setStatus] = useState('');
  const canEdit = can(study, 'legal.write') && !study.archived;
  const instruments = useQuery({ queryKey: legalKeys.instruments(study.slug), queryFn: ({ signal }) => legalApi.instruments(study.slug, signal) });
  const norms = useQuery({ queryKey: legalKeys.norms(study.slug, filters), queryFn: ({ signal }) => legalApi.norms(study.slug, filters, signal) });
  const seed = useMutation({
    mutationFn: () => legalApi.seed(study.slug),
    onSuccess: (r) => {
      setStatus(t('legal.seeded', { norms: r.normsCreated, instruments: r.instrumentsCreated }));
      void qc.invalidateQueries({ queryKey: legalKeys.all(study.slug) });
    },
  });
  const empty = instruments.data && instruments.data.instruments.length === 0;
  const byInstrument = useMemo(() => {
    const m = new Map<string, Norm[]>();
    for (const n of norms.data?.norms ?? []) {
      let l = m.get(n.instrumentId);
      if (!l) m.set(n.instrumentId, (l = []));
      l.push(n);
    }
    return m;
  }, [norms.data]);
  const set = (k: keyof NormFilters, v: string) => setFilters((f) => ({ ...f, [k]: v || undefined }));

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.legal') }]} />
      <PageHeading>{t('modules.legal')}</PageHeading>
      <p>{t('moduleDescriptions.legal')}</p>
      <p className="notice small">{t('legal.disclaimer')}</p>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={instruments.error ?? norms.error ?? seed.error} />
      {instruments.isPending ? <Loading /> : null}
      {empty ? (
        <section aria-labelledby="legal-empty" className="section">
          <h2 id="legal-empty">{t('legal.emptyTitle')}</h2>
          <p>{t('legal.emptyText')}</p>
          {canEdit ? (
            <button type="button" className="button-primary" onClick={() => seed.mutate()} disabled={seed.isPending}>
              {t('legal.seed')}
            </button>
          ) : null}
        </section>
      ) : null}

      {instruments.data && !empty ? (
        <>
          <form className="filters" aria-labelledby="legal-filters" onSubmit={(e) => e.preventDefault()}>
            <h2 id="legal-filters">{t('legal.filters')}</h2>
            <div className="field-row">
              <SelectField label={t('legal.instrument')} value={filters.instrumentId ?? ''} onChange={(e) => set('instrumentId', e.target.value)}>
                <option value="">{t('legal.all')}</option>
                {instruments.data.instruments.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.shortName}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('legal.phaseLabel')} value={filters.phase ?? ''} onChange={(e) => set('phase', e.target.value)}>
                <option value="">{t('legal.all')}</option>
                {LEGAL_PHASES.map((p) => (
                  <option key={p} value={p}>
                    {labels.phase(p)}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('legal.obligationLabel')} value={filters.obligation ?? ''} onChange={(e) => set('obligation', e.target.value)}>
                <option value="">{t('legal.all')}</option>
                {OBLIGATION_TYPES.map((o) => (
                  <option key={o} value={o}>
                    {labels.obligation(o)}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('legal.verificationLabel')} value={filters.verification ?? ''} onChange={(e) => set('verification', e.target.value)}>
                <option value="">{t('legal.all')}</option>
                {VERIFICATION_STATUSES.map((v) => (
                  <option key={v} value={v}>
                    {t(`legal.verification.${v}`)}
                  </option>
                ))}
              </SelectField>
              <TextField label={t('legal.search')} type="search" value={filters.q ?? ''} onChange={(e) => set('q', e.target.value)} maxLength={200} />
            </div>
          </form>
          <p className="muted small" aria-live="polite">
            {norms.data ? t('legal.count', { count: norms.data.norms.length, date: formatDate(norms.data.asOf) }) : ''}
          </p>
          {canEdit ? (
            <p>
              <button type="button" className="button-secondary" onClick={() => seed.mutate()} disabled={seed.isPending}>
                {t('legal.seedAgain')}
              </button>{' '}
              <span className="muted small">{t('legal.seedAgainExplain')}</span>
            </p>
          ) : null}
          {instruments.data.instruments
            .filter((i) => (byInstrument.get(i.id)?.length ?? 0) > 0)
            .map((i) => (
              <section key={i.id} className="section" aria-labelledby={`instr-${i.id}`}>
                <h2 id={`instr-${i.id}`}>
                  {i.name} <span className="muted small">({labels.kind(i.kind)})</span>
                </h2>
                {i.sourceUrl ? (
                  <p className="small">
                    <a href={i.sourceUrl} rel="noreferrer noopener" target="_blank">
                      {t('legal.source')}
                    </a>
                  </p>
                ) : null}
                <ul className="plain-list norm-list">
                  {byInstrument.get(i.id)!.map((n) => (
                    <li key={n.id} className={normClass(n)}>
                      <p className="norm-head">
                        <Link to={studyPath(study.slug, `juridisch-kader/${n.id}`)}>
                          <span className="norm-ref">{n.reference}</span> – {n.title}
                        </Link>{' '}
                        <VerificationBadge norm={n} />
                      </p>
                      {n.current ? <p className="norm-text">{n.current.paraphrase}</p> : <p className="muted">{t('legal.noCurrent')}</p>}
                      <p className="small muted">
                        {t('legal.phaseLabel')}: {n.phases.map(labels.phase).join(', ')}
                        {n.obligations.length ? ` · ${t('legal.obligationLabel')}: ${n.obligations.map(labels.obligation).join(', ')}` : ''}
                      </p>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          {norms.data && norms.data.norms.length === 0 ? <p className="muted">{t('legal.noneMatch')}</p> : null}
        </>
      ) : null}

      {canEdit && instruments.data ? <NewNorm study={study} instruments={instruments.data.instruments} /> : null}
    </>
  );
}

function CheckGroup<T extends string>({ legend, values, chosen, label, onChange, required }: { legend: string; values: readonly T[]; chosen: T[]; label: (v: T) => string; onChange: (v: T[]) => void; required?: boolean }) {
  const id = useId();
  return (
    <fieldset className="fieldset">
      <legend>
        {legend}
        {required ? ' *' : ''}
      </legend>
      {values.map((v) => (
        <div key={v} className="checkbox">
          <input
            type="checkbox"
            id={`${id}-${v}`}
            checked={chosen.includes(v)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, v] : chosen.filter((x) => x !== v))}
          />{' '}
          <label htmlFor={`${id}-${v}`}>{label(v)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function NewNorm({ study, instruments }: { study: Study; instruments: Instrument[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const labels = useLabels();
  const [instrumentId, setInstrumentId] = useState('');
  const [newInstrument, setNewInstrument] = useState({ kind: 'other' as Instrument['kind'], name: '', shortName: '' });
  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const [paraphrase, setParaphrase] = useState('');
  const [phases, setPhases] = useState<LegalPhase[]>([]);
  const [obligations, setObligations] = useState<ObligationType[]>([]);
  const [themes, setThemes] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [verification, setVerification] = useState<VerificationStatus>('te_verifieren');
  const [verifiedOn, setVerifiedOn] = useState('');
  const [note, setNote] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [status, setStatus] = useState('');
  const [localError, setLocalError] = useState('');

  const create = useMutation({
    mutationFn: async () => {
      let iid = instrumentId;
      if (iid === 'new') iid = (await legalApi.createInstrument(study.slug, { ...newInstrument })).id;
      return legalApi.createNorm(study.slug, {
        instrumentId: iid,
        reference,
        title,
        obligations,
        phases,
        themes: themes.split(/[,;]/).map((x) => x.trim()).filter(Boolean),
        sourceUrl: sourceUrl || null,
        verification,
        verifiedOn: verifiedOn || null,
        verificationNote: note,
        version: { paraphrase, validFrom: validFrom || null },
      });
    },
    onSuccess: (n) => {
      setStatus(t('legal.normAdded', { title: n.title }));
      setReference('');
      setTitle('');
      setParaphrase('');
      setPhases([]);
      setObligations([]);
      setThemes('');
      setSourceUrl('');
      setNote('');
      setValidFrom('');
      setVerifiedOn('');
      void qc.invalidateQueries({ queryKey: legalKeys.all(study.slug) });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!phases.length) {
      setLocalError(t('legal.needPhase'));
      return;
    }
    setLocalError('');
    create.mutate();
  }

  return (
    <section aria-labelledby="norm-new" className="section">
      <h2 id="norm-new">{t('legal.newNorm')}</h2>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={create.error ?? (localError ? new Error(localError) : null)} />
      <form onSubmit={submit} className="form">
        <SelectField label={t('legal.instrument')} value={instrumentId} onChange={(e) => setInstrumentId(e.target.value)} required>
          <option value="">{t('legal.choose')}</option>
          {instruments.map((i) => (
            <option key={i.id} value={i.id}>
              {i.shortName}
            </option>
          ))}
          <option value="new">{t('legal.newInstrument')}</option>
        </SelectField>
        {instrumentId === 'new' ? (
          <fieldset className="fieldset">
            <legend>{t('legal.newInstrument')}</legend>
            <SelectField label={t('legal.kindLabel')} value={newInstrument.kind} onChange={(e) => setNewInstrument((x) => ({ ...x, kind: e.target.value as Instrument['kind'] }))}>
              {INSTRUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {labels.kind(k)}
                </option>
              ))}
            </SelectField>
            <TextField label={t('legal.instrumentName')} value={newInstrument.name} onChange={(e) => setNewInstrument((x) => ({ ...x, name: e.target.value }))} required maxLength={300} />
            <TextField label={t('legal.instrumentShortName')} value={newInstrument.shortName} onChange={(e) => setNewInstrument((x) => ({ ...x, shortName: e.target.value }))} required maxLength={80} />
          </fieldset>
        ) : null}
        <TextField label={t('legal.reference')} hint={t('legal.referenceHint')} value={reference} onChange={(e) => setReference(e.target.value)} required maxLength={200} />
        <TextField label={t('legal.title')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        <TextAreaField label={t('legal.paraphrase')} hint={t('legal.paraphraseHint')} value={paraphrase} onChange={(e) => setParaphrase(e.target.value)} required maxLength={10000} rows={4} />
        <CheckGroup legend={t('legal.phaseLabel')} values={LEGAL_PHASES} chosen={phases} label={labels.phase} onChange={setPhases} required />
        <CheckGroup legend={t('legal.obligationLabel')} values={OBLIGATION_TYPES} chosen={obligations} label={labels.obligation} onChange={setObligations} />
        <TextField label={t('legal.themes')} hint={t('legal.themesHint')} value={themes} onChange={(e) => setThemes(e.target.value)} maxLength={2000} />
        <TextField label={t('legal.sourceUrl')} type="url" value={sourceUrl} onChange={(e) => setSourceUrl(e.target.value)} maxLength={1000} />
        <TextField label={t('legal.validFrom')} hint={t('legal.validFromHint')} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        <SelectField label={t('legal.verificationLabel')} value={verification} onChange={(e) => setVerification(e.target.value as VerificationStatus)}>
          {VERIFICATION_STATUSES.map((v) => (
            <option key={v} value={v}>
              {t(`legal.verification.${v}`)}
            </option>
          ))}
        </SelectField>
        {verification === 'verified' ? <TextField label={t('legal.verifiedOn')} type="date" value={verifiedOn} onChange={(e) => setVerifiedOn(e.target.value)} /> : null}
        <TextAreaField label={t('legal.verificationNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('legal.addNorm')}
        </button>
      </form>
    </section>
  );
}

function NormDetailView({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const labels = useLabels();
  const { normId = '' } = useParams();
  const [date, setDate] = useState('');
  const [editing, setEditing] = useState(false);
  const canEdit = can(study, 'legal.write') && !study.archived;
  const q = useQuery({ queryKey: legalKeys.norm(study.slug, normId, date || undefined), queryFn: ({ signal }) => legalApi.norm(study.slug, normId, date || undefined, signal) });
  const [v, setV] = useState({ validFrom: '', validTo: '', label: '', paraphrase: '' });
  const [status, setStatus] = useState('');
  const add = useMutation({
    mutationFn: () => legalApi.addVersion(study.slug, normId, { validFrom: v.validFrom || null, validTo: v.validTo || null, label: v.label, paraphrase: v.paraphrase }),
    onSuccess: (n) => {
      setStatus(t('legal.versionAdded', { n: n.versionCount }));
      setV({ validFrom: '', validTo: '', label: '', paraphrase: '' });
      void qc.invalidateQueries({ queryKey: legalKeys.all(study.slug) });
    },
  });
  const verify = useMutation({
    mutationFn: (body: { verification: VerificationStatus; verifiedOn: string | null }) => legalApi.updateNorm(study.slug, normId, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: legalKeys.all(study.slug) }),
  });
  const n = q.data;

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.studies'), to: '/onderzoeken' },
          { label: study.title, to: studyPath(study.slug) },
          { label: t('modules.legal'), to: studyPath(study.slug, 'juridisch-kader') },
          { label: n ? n.reference : '…' },
        ]}
      />
      <ErrorAlert error={q.error ?? add.error ?? verify.error} />
      {q.isPending ? <Loading /> : null}
      {n ? (
        <>
          <PageHeading>
            {n.instrumentShortName} {n.reference}: {n.title}
          </PageHeading>
          <div className={normClass(n)}>
            <p>
              <VerificationBadge norm={n} />
            </p>
            {n.verification === 'te_verifieren' ? <p className="notice">{t('legal.unverifiedNotice')}</p> : null}
            {n.verificationNote ? (
              <p className="small">
                <strong>{t('legal.verificationNote')}:</strong> {n.verificationNote}
              </p>
            ) : null}
            <dl className="facts">
              <dt>{t('legal.instrument')}</dt>
              <dd>{n.instrumentName}</dd>
              <dt>{t('legal.phaseLabel')}</dt>
              <dd>{n.phases.map(labels.phase).join(', ')}</dd>
              <dt>{t('legal.obligationLabel')}</dt>
              <dd>{n.obligations.length ? n.obligations.map(labels.obligation).join(', ') : '–'}</dd>
              <dt>{t('legal.themes')}</dt>
              <dd>{n.themes.length ? n.themes.join(', ') : '–'}</dd>
              <dt>{t('legal.source')}</dt>
              <dd>
                {n.sourceUrl ? (
                  <a href={n.sourceUrl} rel="noreferrer noopener" target="_blank">
                    {n.sourceUrl}
                  </a>
                ) : (
                  '–'
                )}
              </dd>
              {n.key ? (
                <>
                  <dt>{t('legal.key')}</dt>
                  <dd>
                    <code>{n.key}</code>
                  </dd>
                </>
              ) : null}
            </dl>
          </div>
          {canEdit && editing ? <EditNorm key={n.updatedAt} study={study} norm={n} onDone={() => setEditing(false)} /> : null}
          {canEdit && !editing ? (
            <p>
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                {t('legal.edit')}
              </button>{' '}
              {n.verification === 'te_verifieren' ? (
                <button type="button" className="button-secondary" onClick={() => verify.mutate({ verification: 'verified', verifiedOn: new Date().toISOString().slice(0, 10) })} disabled={verify.isPending}>
                  {t('legal.markVerified')}
                </button>
              ) : (
                <button type="button" className="button-secondary" onClick={() => verify.mutate({ verification: 'te_verifieren', verifiedOn: null })} disabled={verify.isPending}>
                  {t('legal.markUnverified')}
                </button>
              )}
            </p>
          ) : null}

          <section aria-labelledby="norm-versions" className="section">
            <h2 id="norm-versions">{t('legal.versions')}</h2>
            <div className="field-row">
              <TextField label={t('legal.asOf')} type="date" value={date} onChange={(e) => setDate(e.target.value)} hint={t('legal.asOfHint', { date: formatDate(n.asOf) })} />
            </div>
            <ol className="plain-list">
              {n.versions.map((x) => {
                const isCurrent = n.current?.id === x.id;
                return (
                  <li key={x.id} className={`version ${isCurrent ? 'version-current' : ''}`}>
                    <h3>
                      {t('legal.versionN', { n: x.version })}
                      {x.label ? ` – ${x.label}` : ''} {isCurrent ? <span className="tag tag-ok">{t('legal.current')}</span> : null}
                    </h3>
                    <p className="small muted">
                      {t('legal.validity', { from: x.validFrom ? formatDate(x.validFrom) : t('legal.openStart'), to: x.validTo ? formatDate(x.validTo) : t('legal.openEnd') })}
                    </p>
                    <p>{x.paraphrase}</p>
                  </li>
                );
              })}
            </ol>
            {!n.current ? <p className="muted">{t('legal.noCurrent')}</p> : null}
          </section>

          {canEdit ? (
            <section aria-labelledby="version-new" className="section">
              <h2 id="version-new">{t('legal.newVersion')}</h2>
              <StatusMessage>{status}</StatusMessage>
              <form
                className="form"
                onSubmit={(e) => {
                  e.preventDefault();
                  add.mutate();
                }}
              >
                <TextField label={t('legal.validFrom')} type="date" value={v.validFrom} onChange={(e) => setV((x) => ({ ...x, validFrom: e.target.value }))} hint={t('legal.closesPrevious')} />
                <TextField label={t('legal.validTo')} type="date" value={v.validTo} onChange={(e) => setV((x) => ({ ...x, validTo: e.target.value }))} />
                <TextField label={t('legal.versionLabel')} value={v.label} onChange={(e) => setV((x) => ({ ...x, label: e.target.value }))} maxLength={200} />
                <TextAreaField label={t('legal.paraphrase')} value={v.paraphrase} onChange={(e) => setV((x) => ({ ...x, paraphrase: e.target.value }))} required rows={4} maxLength={10000} />
                <button type="submit" className="button-primary" disabled={add.isPending}>
                  {t('legal.addVersion')}
                </button>
              </form>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function EditNorm({ study, norm, onDone }: { study: Study; norm: NormDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const labels = useLabels();
  const [reference, setReference] = useState(norm.reference);
  const [title, setTitle] = useState(norm.title);
  const [phases, setPhases] = useState<LegalPhase[]>(norm.phases);
  const [obligations, setObligations] = useState<ObligationType[]>(norm.obligations);
  const [themes, setThemes] = useState(norm.themes.join(', '));
  const [sourceUrl, setSourceUrl] = useState(norm.sourceUrl ?? '');
  const [verification, setVerification] = useState<VerificationStatus>(norm.verification);
  const [verifiedOn, setVerifiedOn] = useState(norm.verifiedOn ?? '');
  const [note, setNote] = useState(norm.verificationNote);
  const [localError, setLocalError] = useState('');
  const save = useMutation({
    mutationFn: () =>
      legalApi.updateNorm(study.slug, norm.id, {
        reference,
        title,
        phases,
        obligations,
        themes: themes.split(/[,;]/).map((x) => x.trim()).filter(Boolean),
        sourceUrl: sourceUrl || null,
        verification,
        verifiedOn: verification === 'verified' ? verifiedOn || null : null,
        verificationNote: note,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: legalKeys.all(study.slug) });
      onDone();
    },
  });
  return (
    <section aria-labelledby="norm-edit" className="section">
      <h2 id="norm-edit">{t('legal.editNorm')}</h2>
      <ErrorAlert error={save.error ?? (localError ? new Error(localError) : null)} />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!phases.length) return setLocalError(t('legal.needPhase'));
          setLocalError('');
          save.mutate();
        }}
      >
        <TextField label={t('legal.reference')} value={reference} onChange={(e) => setReference(e.target.value)} required maxLength={200} />
        <TextField label={t('legal.title')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        <CheckGroup legend={t('legal.phaseLabel')} values={LEGAL_PHASES} chosen={phases} label={labels.phase} onChange={setPhases} required />
        <CheckGroup legend={t('legal.obligationLabel')} values={OBLIGATION_TYPES} chosen={obligations} label={labels.obligation} onChange={setObligations} />
        <TextField label={t('legal.themes')} hint={t('legal.themesHint')} value={themes} onChange={(e) => setThemes(e.target.value)} maxLength={2000} />
        <TextField label={t('legal.sourceUrl')} type="url" value={sourceUrl} onChange={(e) => setSourceUrl(e.target.value)} maxLength={1000} />
        <SelectField label={t('legal.verificationLabel')} value={verification} onChange={(e) => setVerification(e.target.value as VerificationStatus)}>
          {VERIFICATION_STATUSES.map((v) => (
            <option key={v} value={v}>
              {t(`legal.verification.${v}`)}
            </option>
          ))}
        </SelectField>
        {verification === 'verified' ? <TextField label={t('legal.verifiedOn')} type="date" value={verifiedOn} onChange={(e) => setVerifiedOn(e.target.value)} /> : null}
        <TextAreaField label={t('legal.verificationNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={save.isPending}>
            {t('legal.saveNorm')}
          </button>
          <button type="button" className="button-secondary" onClick={onDone}>
            {t('legal.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
