/**
 * "Signalen" (Kinderrechtenhelpdesk): counts per theme per month as a chart with a table alternative (everyone with
 * results.read; the committee gets disclosure control and nothing else), the list of signals with their
 * pseudonymised summaries, a register form and the CSV import with its report (signals.read / signals.write).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TopLevelSpec } from 'vega-lite';
import { AGE_BANDS, FOLLOW_UP_STATUSES, IMPORT_COLUMNS, LEGAL_PHASES, SIGNAL_CHANNELS, SIGNAL_CONTACTS, type ImportProblem, type LegalPhase, type Signal, type SignalCounts } from '../../../shared/legal';
import { codingApi, keys } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import { legalKeys, signalsApi, type SignalBody } from '../../api/legal';
import { can, type Study } from '../../api/types';
import { Alert, ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChartFigure } from '../../components/charts/ChartFigure';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { formatDate } from '../../i18n/format';
import { StudyGate, studyPath } from '../studies/useStudy';

export function SignalsPage() {
  return <StudyGate>{(study) => <Signals study={study} />}</StudyGate>;
}

function Signals({ study }: { study: Study }) {
  const { t } = useTranslation();
  const canRead = can(study, 'signals.read');
  const canWrite = can(study, 'signals.write') && !study.archived;
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.signals') }]} />
      <PageHeading>{t('modules.signals')}</PageHeading>
      <p>{t('moduleDescriptions.signals')}</p>
      <CountsSection study={study} />
      {canWrite ? <RegisterForm study={study} /> : null}
      {canWrite ? <ImportForm study={study} /> : null}
      {canRead ? <SignalList study={study} /> : null}
    </>
  );
}

// ---- counts: chart + table ----

function countsSpec(c: SignalCounts, labels: { x: string; y: string; theme: string; description: string }): TopLevelSpec {
  const names = new Map(c.themes.map((th) => [th.id, th.name]));
  const values = c.cells.filter((x) => x.n !== null && x.n > 0).map((x) => ({ month: x.month, theme: names.get(x.themeId) ?? x.themeId, n: x.n }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: labels.description,
    width: 'container',
    height: 260,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: labels.x, sort: c.months, scale: { domain: c.months } },
      y: { field: 'n', type: 'quantitative', title: labels.y, axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'theme', type: 'nominal', title: labels.theme, scale: { scheme: 'tableau10' }, legend: { orient: 'bottom', direction: 'vertical' } },
    },
  };
}

function CountsSection({ study }: { study: Study }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...legalKeys.signals(study.slug), 'counts'], queryFn: ({ signal }) => signalsApi.counts(study.slug, {}, signal) });
  const c = q.data;
  const spec = useMemo(() => (c ? countsSpec(c, { x: t('signals.month'), y: t('signals.number'), theme: t('signals.theme'), description: t('signals.chartDescription') }) : null), [c, t]);
  const cell = (m: string, th: string) => c?.cells.find((x) => x.month === m && x.themeId === th)?.n;
  const show = (n: number | null | undefined) => (n === null ? <abbr title={t('signals.withheldLong', { n: c?.threshold })}>{t('signals.withheld', { n: c?.threshold })}</abbr> : (n ?? 0));
  return (
    <section aria-labelledby="signal-counts" className="section">
      <h2 id="signal-counts">{t('signals.countsTitle')}</h2>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : null}
      {c && c.months.length === 0 ? <p className="muted">{t('signals.noneYet')}</p> : null}
      {c && c.months.length > 0 && spec ? (
        <>
          {c.controlled ? <p className="notice small">{t('signals.controlled', { n: c.threshold })}</p> : null}
          <ChartFigure spec={spec} label={t('signals.chartLabel')} caption={t('signals.chartCaption')} />
          <TableWrap label={t('signals.tableLabel')}>
            <table className="data-table">
              <caption>{t('signals.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('signals.month')}</th>
                  {c.themes.map((th) => (
                    <th key={th.id} scope="col">
                      {th.name}
                    </th>
                  ))}
                  <th scope="col">{t('signals.total')}</th>
                </tr>
              </thead>
              <tbody>
                {c.months.map((m) => (
                  <tr key={m}>
                    <th scope="row">{m}</th>
                    {c.themes.map((th) => (
                      <td key={th.id} className="num">
                        {show(cell(m, th.id))}
                      </td>
                    ))}
                    <td className="num">{show(c.totals.find((x) => x.month === m)?.n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="small muted">{t('signals.multiTheme')}</p>
        </>
      ) : null}
    </section>
  );
}

// ---- register ----

const emptySignal = (): SignalBody => ({
  receivedOn: new Date().toISOString().slice(0, 10),
  channel: 'telefoon',
  contact: 'ouder',
  ageBand: 'onbekend',
  themeIds: [],
  phase: null,
  region: '',
  summary: '',
  followUp: '',
  followUpStatus: 'open',
});

function RegisterForm({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const codes = useQuery({ queryKey: keys.codes(study.slug), queryFn: ({ signal }) => codingApi.codes(study.slug, signal) });
  const [v, setV] = useState<SignalBody>(emptySignal);
  const [status, setStatus] = useState('');
  const create = useMutation({
    mutationFn: () => signalsApi.create(study.slug, v),
    onSuccess: () => {
      setStatus(t('signals.registered'));
      setV(emptySignal());
      void qc.invalidateQueries({ queryKey: legalKeys.signals(study.slug) });
    },
  });
  const set = <K extends keyof SignalBody>(k: K, val: SignalBody[K]) => setV((x) => ({ ...x, [k]: val }));
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <section aria-labelledby="signal-new" className="section">
      <h2 id="signal-new">{t('signals.register')}</h2>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={create.error ?? codes.error} />
      <form onSubmit={submit} className="form">
        <TextField label={t('signals.date')} type="date" value={v.receivedOn} onChange={(e) => set('receivedOn', e.target.value)} required />
        <SelectField label={t('signals.channel')} value={v.channel} onChange={(e) => set('channel', e.target.value as SignalBody['channel'])}>
          {SIGNAL_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`signals.channels.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('signals.contact')} value={v.contact} onChange={(e) => set('contact', e.target.value as SignalBody['contact'])}>
          {SIGNAL_CONTACTS.map((c) => (
            <option key={c} value={c}>
              {t(`signals.contacts.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('signals.ageBand')} value={v.ageBand} onChange={(e) => set('ageBand', e.target.value as SignalBody['ageBand'])}>
          {AGE_BANDS.map((a) => (
            <option key={a} value={a}>
              {a === 'onbekend' ? t('signals.unknownAge') : t('signals.years', { band: a })}
            </option>
          ))}
        </SelectField>
        <fieldset className="fieldset">
          <legend>{t('signals.themes')}</legend>
          {codes.data && codes.data.codes.length === 0 ? <p className="muted small">{t('signals.noCodes')}</p> : null}
          {codes.data?.codes.map((c) => (
            <div key={c.id} className="checkbox">
              <input
                type="checkbox"
                id={`sig-theme-${c.id}`}
                checked={v.themeIds.includes(c.id)}
                onChange={(e) => set('themeIds', e.target.checked ? [...v.themeIds, c.id] : v.themeIds.filter((x) => x !== c.id))}
              />{' '}
              <label htmlFor={`sig-theme-${c.id}`}>{c.name}</label>
            </div>
          ))}
        </fieldset>
        <SelectField label={t('signals.phase')} value={v.phase ?? ''} onChange={(e) => set('phase', (e.target.value || null) as LegalPhase | null)}>
          <option value="">{t('signals.noPhase')}</option>
          {LEGAL_PHASES.map((p) => (
            <option key={p} value={p}>
              {t(`legal.phase.${p}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('signals.region')} value={v.region} onChange={(e) => set('region', e.target.value)} maxLength={100} />
        <TextAreaField label={t('signals.summary')} hint={t('signals.summaryHint')} value={v.summary} onChange={(e) => set('summary', e.target.value)} required rows={4} maxLength={20000} />
        <TextAreaField label={t('signals.followUp')} value={v.followUp} onChange={(e) => set('followUp', e.target.value)} rows={2} maxLength={5000} />
        <SelectField label={t('signals.followUpStatus')} value={v.followUpStatus} onChange={(e) => set('followUpStatus', e.target.value as SignalBody['followUpStatus'])}>
          {FOLLOW_UP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`signals.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('signals.save')}
        </button>
      </form>
    </section>
  );
}

// ---- import ----

function ImportForm({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [csv, setCsv] = useState('');
  const [status, setStatus] = useState('');
  const run = useMutation({
    mutationFn: () => signalsApi.importCsv(study.slug, csv),
    onSuccess: (r) => {
      setStatus(t('signals.imported', { count: r.imported }));
      setCsv('');
      void qc.invalidateQueries({ queryKey: legalKeys.signals(study.slug) });
    },
  });
  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    if (f) setCsv(await f.text());
  }
  const err = run.error;
  const problems = isApiError(err) ? ((err.details as { problems?: ImportProblem[]; totalProblems?: number } | undefined)?.problems ?? null) : null;
  return (
    <section aria-labelledby="signal-import" className="section">
      <h2 id="signal-import">{t('signals.importTitle')}</h2>
      <p className="small">{t('signals.importExplain', { columns: IMPORT_COLUMNS.join(', ') })}</p>
      <StatusMessage>{status}</StatusMessage>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="signal-file">{t('signals.file')}</label>
          <input id="signal-file" type="file" accept=".csv,text/csv" onChange={(e) => void pick(e)} />
        </div>
        <TextAreaField label={t('signals.csvText')} value={csv} onChange={(e) => setCsv(e.target.value)} rows={5} />
        <button type="submit" className="button-primary" disabled={run.isPending || !csv.trim()}>
          {t('signals.importButton')}
        </button>
      </form>
      {err && problems ? (
        <Alert title={(err as Error).message}>
          <TableWrap label={t('signals.reportLabel')}>
            <table className="data-table">
              <caption>{t('signals.reportCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('signals.row')}</th>
                  <th scope="col">{t('signals.column')}</th>
                  <th scope="col">{t('signals.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={i}>
                    <td className="num">{p.row}</td>
                    <td>{p.column ?? '–'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </Alert>
      ) : (
        <ErrorAlert error={err} />
      )}
    </section>
  );
}

// ---- list ----

function SignalList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [offset, setOffset] = useState(0);
  const limit = 50;
  const canWrite = can(study, 'signals.write') && !study.archived;
  const q = useQuery({ queryKey: [...legalKeys.signals(study.slug), 'list', offset], queryFn: ({ signal }) => signalsApi.list(study.slug, { offset, limit }, signal) });
  const toggle = useMutation({
    mutationFn: (s: Signal) => signalsApi.update(study.slug, s.id, { followUpStatus: s.followUpStatus === 'open' ? 'afgehandeld' : 'open' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: legalKeys.signals(study.slug) }),
  });
  return (
    <section aria-labelledby="signal-list" className="section">
      <h2 id="signal-list">{t('signals.listTitle')}</h2>
      <ErrorAlert error={q.error ?? toggle.error} />
      {q.isPending ? <Loading /> : null}
      {q.data && q.data.total === 0 ? <p className="muted">{t('signals.noneYet')}</p> : null}
      {q.data && q.data.total > 0 ? (
        <>
          <p className="muted small">{t('signals.listCount', { count: q.data.total })}</p>
          <TableWrap label={t('signals.listTable')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('signals.date')}</th>
                  <th scope="col">{t('signals.channel')}</th>
                  <th scope="col">{t('signals.contact')}</th>
                  <th scope="col">{t('signals.ageBand')}</th>
                  <th scope="col">{t('signals.themes')}</th>
                  <th scope="col">{t('signals.summary')}</th>
                  <th scope="col">{t('signals.followUpStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.signals.map((s) => (
                  <tr key={s.id}>
                    <td>{formatDate(s.receivedOn)}</td>
                    <td>{t(`signals.channels.${s.channel}`)}</td>
                    <td>{t(`signals.contacts.${s.contact}`)}</td>
                    <td>{s.ageBand === 'onbekend' ? t('signals.unknownAge') : s.ageBand}</td>
                    <td>{s.themes.map((x) => x.name).join(', ') || '–'}</td>
                    <td>
                      {s.summary ? <span className="prewrap">{s.summary.length > 300 ? `${s.summary.slice(0, 300)}…` : s.summary}</span> : <span className="muted">{t('signals.noSummary')}</span>}{' '}
                      {s.pseudonymised ? <span className="tag">{t('signals.pseudonymised')}</span> : null}{' '}
                      {s.documentId ? (
                        <Link to={studyPath(study.slug, `documenten/${s.documentId}/pseudonimiseren`)} className="small">
                          {t('signals.toPseudonymise')}
                        </Link>
                      ) : null}
                    </td>
                    <td>
                      {t(`signals.status.${s.followUpStatus}`)}
                      {canWrite ? (
                        <>
                          {' '}
                          <button type="button" className="button-link small" onClick={() => toggle.mutate(s)} disabled={toggle.isPending}>
                            {s.followUpStatus === 'open' ? t('signals.markDone') : t('signals.reopen')}
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {q.data.total > limit ? (
            <p>
              <button type="button" className="button-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>
                {t('signals.previous')}
              </button>{' '}
              <button type="button" className="button-secondary" disabled={offset + limit >= q.data.total} onClick={() => setOffset(offset + limit)}>
                {t('signals.next')}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
