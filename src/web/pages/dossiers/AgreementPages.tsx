import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { dossiersApi, keys } from '../../api/endpoints';
import { can, type AgreementRow, type CaseDetail, type CaseEvent, type CaseInput, type CaseListQuery, type SecondCodingOfCase, type Study } from '../../api/types';
import { Alert, ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import i18n from '../../i18n/i18n';
import { formatDate, formatDateTime, formatDecimal, formatPercent } from '../../i18n/format';
import { useCaseId } from './CasePages';
import { AssignSecondCodings } from './AssignmentPanels';
import { canWrite, dossiersPath, FictionalBanner, formatMonth, ModuleGate, useDossierCrumbs } from './common';
import { isFictional, useDetailLabel, useVocab } from './vocab';

const percent = (x: number | null) => (x === null ? '–' : formatPercent(x, 1));
const decimal = (x: number | null, digits = 2) => (x === null ? '–' : formatDecimal(x, digits));

// ---- agreement ----------------------------------------------------------------------------------------------

export function AgreementPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="audit.read" page={t('agreement.title')}>
      {(study) => <Agreement study={study} />}
    </ModuleGate>
  );
}

/** "Geslacht", "Reden van uithuisplaatsing: Verwaarlozing", … for the agreement variables. */
function useVariableLabel() {
  const { t } = useTranslation();
  const vocab = useVocab();
  return (variable: string): string => {
    const [head, value] = variable.split('.');
    if (head === 'placementReason' && value) return `${t('caseForm.placementReasons')}: ${vocab('placementReason', value)}`;
    if (head === 'parentFactor' && value) return `${t('caseForm.parentFactors')}: ${vocab('parentFactor', value)}`;
    const key = `agreement.variables.${variable}`;
    return i18n.exists(key) ? t(key as 'agreement.variables.sex') : variable;
  };
}

function Agreement({ study }: { study: Study }) {
  const { t } = useTranslation();
  const title = t('agreement.title');
  const crumbs = useDossierCrumbs(study, { label: title });
  const label = useVariableLabel();
  const agreement = useQuery({ queryKey: keys.agreement(study.slug), queryFn: ({ signal }) => dossiersApi.agreement(study.slug, signal) });

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('agreement.intro')}</p>
      <details className="method">
        <summary>{t('agreement.howTitle')}</summary>
        <p>{t('agreement.how')}</p>
      </details>
      <section aria-labelledby="agreement-table-heading" className="section">
        <h2 id="agreement-table-heading">{t('agreement.tableHeading')}</h2>
        {agreement.isPending ? <Loading /> : null}
        <ErrorAlert error={agreement.error} />
        {agreement.data ? (
          <>
            <p>{t('agreement.counts', { cases: agreement.data.cases, pairs: agreement.data.pairs })}</p>
            {agreement.data.pairs === 0 ? <p className="empty">{t('agreement.none')}</p> : null}
            <AgreementTable rows={agreement.data.variables} label={label} />
          </>
        ) : null}
      </section>
      {can(study, 'coding.supervise') ? <AssignSecondCodings study={study} /> : null}
      {canWrite(study) ? <FindCase study={study} /> : null}
    </>
  );
}

function AgreementTable({ rows, label }: { rows: AgreementRow[]; label: (v: string) => string }) {
  const { t } = useTranslation();
  return (
    <TableWrap label={t('agreement.tableCaption')}>
      <table>
        <caption className="visually-hidden">{t('agreement.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreement.variable')}</th>
            <th scope="col" className="num">
              {t('agreement.n')}
            </th>
            <th scope="col" className="num">
              {t('agreement.percent')}
            </th>
            <th scope="col" className="num">
              {t('agreement.kappa')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.variable}>
              <th scope="row">{label(r.variable)}</th>
              <td className="num">{r.n}</td>
              <td className="num">{percent(r.percent)}</td>
              <td className="num">{decimal(r.kappa)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Find a case by its code, to compare its codings and settle it. */
function FindCase({ study }: { study: Study }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const query: CaseListQuery = { q, limit: 20 };
  const found = useQuery({ queryKey: keys.dossiers(study.slug, query), queryFn: ({ signal }) => dossiersApi.list(study.slug, query, signal), enabled: !!q });
  function submit(event: FormEvent) {
    event.preventDefault();
    setQ(text.trim().slice(0, 40));
  }
  return (
    <section aria-labelledby="agreement-find-heading" className="section panel">
      <h2 id="agreement-find-heading">{t('agreement.findHeading')}</h2>
      <p className="small">{t('agreement.findExplain')}</p>
      <form onSubmit={submit} className="inline-form" role="search" aria-labelledby="agreement-find-heading">
        <TextField label={t('dossiers.search')} name="q" type="search" maxLength={40} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button-primary">
          {t('dossiers.apply')}
        </button>
      </form>
      <ErrorAlert error={found.error} />
      <StatusMessage>{found.data ? t('agreement.found', { count: found.data.total }) : ''}</StatusMessage>
      {found.data?.cases.length ? (
        <ul className="plain-list found-list">
          {found.data.cases.map((c) => (
            <li key={c.id}>
              <strong>{c.code}</strong>{' '}
              <Link to={dossiersPath(study.slug, `${encodeURIComponent(c.id)}/vaststellen`)}>
                {t('reconcile.link')}
                <span className="visually-hidden"> ({c.code})</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

// ---- compare and settle ---------------------------------------------------------------------------------------

export function ReconcilePage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="coding.supervise" page={t('reconcile.title')}>
      {(study) => <ReconcileLoader study={study} />}
    </ModuleGate>
  );
}

function ReconcileLoader({ study }: { study: Study }) {
  const { t } = useTranslation();
  const caseId = useCaseId();
  const first = useQuery({ queryKey: keys.dossier(study.slug, caseId), queryFn: ({ signal }) => dossiersApi.get(study.slug, caseId, signal) });
  const seconds = useQuery({ queryKey: keys.secondCodings(study.slug, caseId), queryFn: ({ signal }) => dossiersApi.secondCodings(study.slug, caseId, signal), retry: false });
  const title = t('reconcile.title');
  const crumbs = useDossierCrumbs(study, ...(first.data ? [{ label: first.data.code, to: dossiersPath(study.slug, encodeURIComponent(caseId)) }] : []), { label: title });
  if (first.isPending || seconds.isPending) return <Loading />;
  if (first.isError || seconds.isError || !seconds.data.length) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
        <ErrorAlert error={first.error} />
        {seconds.isError ? (
          <Alert title={t('reconcile.unavailableTitle')}>
            <p>{isApiError(seconds.error, 404) ? t('reconcile.unavailable') : (seconds.error as Error).message}</p>
          </Alert>
        ) : null}
        {seconds.data && !seconds.data.length ? <p className="empty">{t('reconcile.noSecond')}</p> : null}
        <p>
          <Link to={dossiersPath(study.slug, 'overeenstemming')}>{t('reconcile.backToAgreement')}</Link>
        </p>
      </>
    );
  }
  return <Reconcile study={study} first={first.data!} seconds={seconds.data} />;
}

type FieldKey = 'birthMonth' | 'sex' | 'region' | 'institution' | 'siblings' | 'placementReasons' | 'parentFactors' | 'events';
const FIELDS: FieldKey[] = ['birthMonth', 'sex', 'region', 'institution', 'siblings', 'placementReasons', 'parentFactors', 'events'];

function same(key: FieldKey, a: CaseInput, b: CaseInput): boolean {
  const norm = (v: unknown) => (Array.isArray(v) && key !== 'events' ? JSON.stringify([...(v as string[])].sort()) : JSON.stringify(v ?? null));
  if (key === 'events') {
    const ev = (list: CaseEvent[]) => JSON.stringify([...list].map((e) => [e.date, e.type, e.detail ?? '']).sort());
    return ev(a.events) === ev(b.events);
  }
  return norm(a[key]) === norm(b[key]);
}

function Reconcile({ study, first, seconds }: { study: Study; first: CaseDetail; seconds: SecondCodingOfCase[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const title = t('reconcile.pageTitle', { code: first.code });
  const crumbs = useDossierCrumbs(study, { label: first.code, to: dossiersPath(study.slug, encodeURIComponent(first.id)) }, { label: t('reconcile.title') });
  const [secondIndex, setSecondIndex] = useState(0);
  const second = seconds[secondIndex] ?? seconds[0];
  const [choice, setChoice] = useState<Record<FieldKey, 'first' | 'second'>>(() => Object.fromEntries(FIELDS.map((f) => [f, 'first'])) as Record<FieldKey, 'first' | 'second'>);
  const differing = useMemo(() => FIELDS.filter((f) => !same(f, first, second)), [first, second]);

  const settle = useMutation({
    mutationFn: (input: CaseInput) => dossiersApi.reconcile(study.slug, first.id, input),
    onSuccess: (detail) => {
      queryClient.setQueryData(keys.dossier(study.slug, detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: keys.dossiers(study.slug) });
      void queryClient.invalidateQueries({ queryKey: keys.agreement(study.slug) });
      navigate(dossiersPath(study.slug, encodeURIComponent(detail.id)), { state: { saved: t('reconcile.saved', { code: detail.code }) } });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const pick = <K extends FieldKey>(key: K): CaseInput[K] => (choice[key] === 'second' ? second[key] : first[key]);
    settle.mutate({
      code: first.code,
      birthMonth: pick('birthMonth'),
      sex: pick('sex'),
      region: pick('region'),
      institution: pick('institution'),
      siblings: pick('siblings'),
      placementReasons: pick('placementReasons'),
      parentFactors: pick('parentFactors'),
      status: 'verified',
      events: pick('events'),
    });
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      {isFictional(first.code) ? <FictionalBanner /> : null}
      <p className="lead">{t('reconcile.intro')}</p>
      {seconds.length > 1 ? (
        <fieldset className="fieldset">
          <legend>{t('reconcile.whichSecond')}</legend>
          {seconds.map((s, i) => (
            <div className="field field-checkbox" key={s.coderId}>
              <input id={`second-${i}`} type="radio" name="second" checked={i === secondIndex} onChange={() => setSecondIndex(i)} />
              <label htmlFor={`second-${i}`}>
                {s.coderName ?? t('reconcile.coderN', { n: i + 1 })} <span className="muted small">({formatDateTime(s.updatedAt)})</span>
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <p>{differing.length ? t('reconcile.differences', { count: differing.length }) : t('reconcile.noDifferences')}</p>
      <form onSubmit={submit} className="form">
        <ErrorAlert error={settle.error} />
        {FIELDS.map((key) => (
          <ChoiceField
            key={key}
            field={key}
            differs={differing.includes(key)}
            value={choice[key]}
            onChange={(v) => setChoice((c) => ({ ...c, [key]: v }))}
            first={<FieldValue field={key} input={first} />}
            second={<FieldValue field={key} input={second} />}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={settle.isPending}>
            {t('reconcile.submit')}
          </button>
          <Link to={dossiersPath(study.slug, encodeURIComponent(first.id))} className="button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

function ChoiceField({
  field,
  differs,
  value,
  onChange,
  first,
  second,
}: {
  field: FieldKey;
  differs: boolean;
  value: 'first' | 'second';
  onChange: (v: 'first' | 'second') => void;
  first: ReactNode;
  second: ReactNode;
}) {
  const { t } = useTranslation();
  const label = field === 'events' ? t('timeline.heading') : t(`caseForm.${field}`);
  const id = `choice-${field}`;
  return (
    <fieldset className={`fieldset reconcile-field${differs ? ' reconcile-differs' : ''}`}>
      <legend>
        {label}{' '}
        <span className={`tag ${differs ? 'tag-warn' : 'tag-ok'}`}>{differs ? t('reconcile.differs') : t('reconcile.same')}</span>
      </legend>
      <div className="reconcile-options">
        {(['first', 'second'] as const).map((which) => (
          <div key={which} className={`reconcile-option${value === which ? ' reconcile-option-chosen' : ''}`}>
            <div className="field-checkbox">
              <input id={`${id}-${which}`} type="radio" name={id} checked={value === which} onChange={() => onChange(which)} aria-describedby={`${id}-${which}-value`} />
              <label htmlFor={`${id}-${which}`}>{which === 'first' ? t('reconcile.first') : t('reconcile.second')}</label>
            </div>
            <div id={`${id}-${which}-value`} className="reconcile-value">
              {which === 'first' ? first : second}
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function FieldValue({ field, input }: { field: FieldKey; input: CaseInput }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const detailLabel = useDetailLabel();
  const empty = <span className="muted">{t('reconcile.empty')}</span>;
  switch (field) {
    case 'birthMonth':
      return <>{formatMonth(input.birthMonth)}</>;
    case 'sex':
      return <>{vocab('sex', input.sex)}</>;
    case 'region':
    case 'institution':
      return input[field] ? <>{input[field]}</> : empty;
    case 'siblings':
      return input.siblings === null || input.siblings === undefined ? empty : <>{input.siblings}</>;
    case 'placementReasons':
      return input.placementReasons.length ? <>{input.placementReasons.map((r) => vocab('placementReason', r)).join(', ')}</> : empty;
    case 'parentFactors':
      return input.parentFactors.length ? <>{input.parentFactors.map((f) => vocab('parentFactor', f)).join(', ')}</> : empty;
    case 'events':
      return input.events.length ? (
        <ol className="reconcile-events">
          {[...input.events]
            .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
            .map((e, i) => (
              <li key={i}>
                {formatDate(e.date)}: {vocab('eventType', e.type)}
                {e.detail ? ` – ${detailLabel(e.type, e.detail)}` : ''}
              </li>
            ))}
        </ol>
      ) : (
        empty
      );
  }
}
