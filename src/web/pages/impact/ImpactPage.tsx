/**
 * Impact of the recommendations ("Impact"): the policy trajectories (standard ones seeded on request, the study's
 * own), the current status of every recommendation (table, filter by addressee and trajectory), the statuses over
 * time as a stacked chart with a table alternative (month or quarter), the XLSX export, and for impact.write: linking
 * trajectories and recording dated statuses with their source.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPACT_STATUSES, type ImpactRecommendation, type ImpactStatus, type ImpactSummary, type Trajectory } from '../../../shared/impact';
import { impactApi, impactKeys } from '../../api/impact';
import { saveBlob } from '../../api/client';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChartFigure } from '../../components/charts/ChartFigure';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { formatDate } from '../../i18n/format';
import { StudyGate, studyPath } from '../studies/useStudy';
import type { Granularity } from '../../../lib/impact/timeline';
import { addresseesOf, filterRecommendations, seriesOf, seriesSpec, seriesTable, type Filter } from './impactModel';

export function ImpactPage() {
  return <StudyGate>{(study) => <Impact study={study} />}</StudyGate>;
}

function Impact({ study }: { study: Study }) {
  const { t } = useTranslation();
  const write = can(study, 'impact.write') && !study.archived;
  const q = useQuery({ queryKey: impactKeys.all(study.slug), queryFn: ({ signal }) => impactApi.summary(study.slug, signal) });
  const [filter, setFilter] = useState<Filter>({ addressee: '', trajectory: '' });
  const data = q.data;
  const shown = useMemo(() => (data ? filterRecommendations(data.recommendations, filter) : []), [data, filter]);
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.impact') }]} />
      <PageHeading>{t('modules.impact')}</PageHeading>
      <p>{t('moduleDescriptions.impact')}</p>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : null}
      {data ? (
        <>
          <ExportButton study={study} />
          <CurrentSection data={data} shown={shown} filter={filter} setFilter={setFilter} />
          <SeriesSection data={data} shown={shown} filtered={!!(filter.addressee || filter.trajectory)} />
          {write && data.recommendations.length > 0 ? <UpdateSection study={study} data={data} /> : null}
          <TrajectorySection study={study} data={data} write={write} />
        </>
      ) : null}
    </>
  );
}

const useStatusLabel = () => {
  const { t } = useTranslation();
  return (s: ImpactStatus) => t(`impact.statuses.${s}`);
};

function ExportButton({ study }: { study: Study }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const m = useMutation({
    mutationFn: () => impactApi.exportXlsx(study.slug),
    onSuccess: ({ blob, filename }) => {
      saveBlob(blob, filename ?? `impact-${study.slug}.xlsx`);
      setStatus(t('impact.exported'));
    },
  });
  return (
    <p>
      <button type="button" className="button-secondary" onClick={() => m.mutate()} disabled={m.isPending}>
        {t('impact.export')}
      </button>{' '}
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={m.error} />
    </p>
  );
}

// ---- current status ----

function CurrentSection({ data, shown, filter, setFilter }: { data: ImpactSummary; shown: ImpactRecommendation[]; filter: Filter; setFilter: (f: Filter) => void }) {
  const { t } = useTranslation();
  const label = useStatusLabel();
  const titles = new Map(data.trajectories.map((x) => [x.id, x.title]));
  const addressees = addresseesOf(data.recommendations);
  return (
    <section aria-labelledby="impact-current" className="section">
      <h2 id="impact-current">{t('impact.currentTitle')}</h2>
      {data.recommendations.length === 0 ? (
        <p className="muted">{t('impact.noRecommendations')}</p>
      ) : (
        <>
          <div className="filter-grid">
            <SelectField label={t('impact.filterAddressee')} value={filter.addressee} onChange={(e) => setFilter({ ...filter, addressee: e.target.value })}>
              <option value="">{t('impact.all')}</option>
              {addressees.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.label}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('impact.filterTrajectory')} value={filter.trajectory} onChange={(e) => setFilter({ ...filter, trajectory: e.target.value })}>
              <option value="">{t('impact.all')}</option>
              {data.trajectories.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </SelectField>
          </div>
          <p className="small muted" aria-live="polite">
            {t('impact.shown', { n: shown.length, total: data.recommendations.length })}
          </p>
          <TableWrap label={t('impact.currentTable')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('impact.currentTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('impact.nr')}</th>
                  <th scope="col">{t('impact.recommendation')}</th>
                  <th scope="col">{t('impact.addressees')}</th>
                  <th scope="col">{t('impact.trajectories')}</th>
                  <th scope="col">{t('impact.status')}</th>
                  <th scope="col">{t('impact.date')}</th>
                  <th scope="col">{t('impact.source')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.id}>
                    <td className="num">{r.position}</td>
                    <td>{r.text}</td>
                    <td>{r.addressees.map((a) => a.label).join(', ')}</td>
                    <td>{r.trajectoryIds.map((id) => titles.get(id) ?? '').join(', ')}</td>
                    <td>{r.current ? label(r.current.status) : <span className="muted">{t('impact.nothingYet')}</span>}</td>
                    <td>{r.current ? formatDate(r.current.date) : ''}</td>
                    <td>{r.current?.sourceRef ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

// ---- over time ----

function SeriesSection({ data, shown, filtered }: { data: ImpactSummary; shown: ImpactRecommendation[]; filtered: boolean }) {
  const { t } = useTranslation();
  const label = useStatusLabel();
  const [g, setG] = useState<Granularity>('quarter');
  const points = useMemo(() => seriesOf(shown, g, data.asOf), [shown, g, data.asOf]);
  const rows = useMemo(() => seriesTable(points), [points]);
  const spec = useMemo(
    () => (points.length ? seriesSpec(points, { x: t(g === 'month' ? 'impact.month' : 'impact.quarter'), y: t('impact.count'), status: t('impact.status'), description: t('impact.chartDescription'), statusLabel: label }) : null),
    [points, g, t],
  );
  return (
    <section aria-labelledby="impact-series" className="section">
      <h2 id="impact-series">{t('impact.seriesTitle')}</h2>
      <fieldset className="fieldset">
        <legend>{t('impact.granularity')}</legend>
        {(['month', 'quarter'] as const).map((x) => (
          <div key={x} className="field-checkbox">
            <input id={`impact-g-${x}`} type="radio" name="impact-granularity" value={x} checked={g === x} onChange={() => setG(x)} />
            <label htmlFor={`impact-g-${x}`}>{t(x === 'month' ? 'impact.perMonth' : 'impact.perQuarter')}</label>
          </div>
        ))}
      </fieldset>
      {filtered ? <p className="small muted">{t('impact.seriesFiltered')}</p> : null}
      {!spec ? (
        <p className="muted">{t('impact.noStatuses')}</p>
      ) : (
        <>
          <ChartFigure spec={spec} label={t('impact.chartLabel')} caption={t('impact.chartCaption')} />
          <TableWrap label={t('impact.seriesTable')}>
            <table className="data-table">
              <caption>{t('impact.seriesTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(g === 'month' ? 'impact.month' : 'impact.quarter')}</th>
                  {IMPACT_STATUSES.map((s) => (
                    <th key={s} scope="col">
                      {label(s)}
                    </th>
                  ))}
                  <th scope="col">{t('impact.total')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.period}>
                    <th scope="row">{r.period}</th>
                    {r.counts.map((n, i) => (
                      <td key={IMPACT_STATUSES[i]} className="num">
                        {n}
                      </td>
                    ))}
                    <td className="num">{r.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

// ---- update one recommendation ----

function UpdateSection({ study, data }: { study: Study; data: ImpactSummary }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const label = useStatusLabel();
  const [recId, setRecId] = useState(data.recommendations[0]?.id ?? '');
  const rec = data.recommendations.find((r) => r.id === recId) ?? data.recommendations[0];
  const [form, setForm] = useState({ status: 'in_overweging' as ImpactStatus, date: data.asOf, sourceRef: '', note: '' });
  const [msg, setMsg] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: impactKeys.all(study.slug) });
  const link = useMutation({
    mutationFn: ({ trajectoryId, on }: { trajectoryId: string; on: boolean }) => (on ? impactApi.link(study.slug, rec.id, { trajectoryId }) : impactApi.unlink(study.slug, rec.id, trajectoryId)),
    onSuccess: (_r, v) => {
      setMsg(t(v.on ? 'impact.linked' : 'impact.unlinked'));
      return refresh();
    },
  });
  const add = useMutation({
    mutationFn: () => impactApi.addStatus(study.slug, rec.id, form),
    onSuccess: () => {
      setMsg(t('impact.statusAdded'));
      setForm({ ...form, sourceRef: '', note: '' });
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (statusId: string) => impactApi.removeStatus(study.slug, rec.id, statusId),
    onSuccess: () => {
      setMsg(t('impact.statusRemoved'));
      return refresh();
    },
  });
  if (!rec) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <section aria-labelledby="impact-update" className="section">
      <h2 id="impact-update">{t('impact.updateTitle')}</h2>
      <SelectField label={t('impact.chooseRecommendation')} value={rec.id} onChange={(e) => setRecId(e.target.value)}>
        {data.recommendations.map((r) => (
          <option key={r.id} value={r.id}>
            {`${r.position}. ${r.text.length > 90 ? `${r.text.slice(0, 90)}…` : r.text}`}
          </option>
        ))}
      </SelectField>
      <StatusMessage>{msg}</StatusMessage>
      <fieldset className="fieldset">
        <legend>{t('impact.touches')}</legend>
        {data.trajectories.length === 0 ? <p className="muted small">{t('impact.noTrajectories')}</p> : null}
        {data.trajectories.map((x) => {
          const on = rec.trajectoryIds.includes(x.id);
          return (
            <div key={x.id} className="field-checkbox">
              <input id={`impact-link-${x.id}`} type="checkbox" checked={on} disabled={link.isPending} onChange={() => link.mutate({ trajectoryId: x.id, on: !on })} />
              <label htmlFor={`impact-link-${x.id}`}>{x.title}</label>
            </div>
          );
        })}
        <ErrorAlert error={link.error} />
      </fieldset>
      <h3>{t('impact.history')}</h3>
      {rec.history.length === 0 ? (
        <p className="muted">{t('impact.noHistory')}</p>
      ) : (
        <TableWrap label={t('impact.history')}>
          <table className="data-table">
            <caption className="visually-hidden">{t('impact.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('impact.date')}</th>
                <th scope="col">{t('impact.status')}</th>
                <th scope="col">{t('impact.source')}</th>
                <th scope="col">{t('impact.note')}</th>
                <th scope="col">{t('impact.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rec.history.map((h) => (
                <tr key={h.id}>
                  <td>{formatDate(h.date)}</td>
                  <td>{label(h.status)}</td>
                  <td>{h.sourceRef}</td>
                  <td>{h.note}</td>
                  <td>
                    <ConfirmButton danger question={t('impact.removeStatusQuestion')} confirmLabel={t('impact.removeStatus')} pending={remove.isPending} onConfirm={() => remove.mutate(h.id)}>
                      {t('impact.removeStatus')}
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <ErrorAlert error={remove.error} />
      <form onSubmit={submit} className="form">
        <h3>{t('impact.addStatus')}</h3>
        <SelectField label={t('impact.status')} value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value as ImpactStatus })}>
          {IMPACT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('impact.date')} type="date" required max={data.asOf} value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} hint={t('impact.dateHint')} />
        <TextField label={t('impact.source')} value={form.sourceRef} maxLength={1000} onChange={(e) => setForm({ ...form, sourceRef: e.target.value })} hint={t('impact.sourceHint')} />
        <TextAreaField label={t('impact.note')} value={form.note} maxLength={4000} rows={3} onChange={(e) => setForm({ ...form, note: e.target.value })} />
        <ErrorAlert error={add.error} />
        <p>
          <button type="submit" className="button-primary" disabled={add.isPending}>
            {t('impact.addStatus')}
          </button>
        </p>
      </form>
    </section>
  );
}

// ---- trajectories ----

function TrajectorySection({ study, data, write }: { study: Study; data: ImpactSummary; write: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [msg, setMsg] = useState('');
  const [v, setV] = useState({ title: '', description: '', sourceRef: '' });
  const refresh = () => qc.invalidateQueries({ queryKey: impactKeys.all(study.slug) });
  const seed = useMutation({
    mutationFn: () => impactApi.seed(study.slug),
    onSuccess: (r) => {
      setMsg(t('impact.seeded', { count: r.added.length }));
      return refresh();
    },
  });
  const add = useMutation({
    mutationFn: () => impactApi.addTrajectory(study.slug, v),
    onSuccess: () => {
      setMsg(t('impact.trajectoryAdded'));
      setV({ title: '', description: '', sourceRef: '' });
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (x: Trajectory) => impactApi.removeTrajectory(study.slug, x.id),
    onSuccess: () => {
      setMsg(t('impact.trajectoryRemoved'));
      return refresh();
    },
  });
  const missingSeeds = data.trajectories.filter((x) => x.seeded).length < 4;
  return (
    <section aria-labelledby="impact-trajectories" className="section">
      <h2 id="impact-trajectories">{t('impact.trajectoriesTitle')}</h2>
      <StatusMessage>{msg}</StatusMessage>
      {write && missingSeeds ? (
        <p>
          <button type="button" className="button-secondary" onClick={() => seed.mutate()} disabled={seed.isPending}>
            {t('impact.seed')}
          </button>
        </p>
      ) : null}
      <ErrorAlert error={seed.error ?? remove.error} />
      {data.trajectories.length === 0 ? (
        <p className="muted">{t('impact.noTrajectories')}</p>
      ) : (
        <TableWrap label={t('impact.trajectoriesTable')}>
          <table className="data-table">
            <caption className="visually-hidden">{t('impact.trajectoriesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('impact.trajectory')}</th>
                <th scope="col">{t('impact.description')}</th>
                <th scope="col">{t('impact.source')}</th>
                <th scope="col">{t('impact.recommendationsCount')}</th>
                {write ? <th scope="col">{t('impact.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.trajectories.map((x) => (
                <tr key={x.id}>
                  <th scope="row">
                    {x.title}
                    {x.seeded ? <span className="muted small"> ({t('impact.standard')})</span> : null}
                  </th>
                  <td>
                    {x.description}
                    {x.verify ? <p className="small notice">{x.verify}</p> : null}
                  </td>
                  <td>{x.sourceRef}</td>
                  <td className="num">{x.recommendations}</td>
                  {write ? (
                    <td>
                      {x.recommendations === 0 ? (
                        <ConfirmButton danger question={t('impact.removeTrajectoryQuestion')} confirmLabel={t('impact.removeTrajectory')} pending={remove.isPending} onConfirm={() => remove.mutate(x)}>
                          {t('impact.removeTrajectory')}
                        </ConfirmButton>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {write ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <h3>{t('impact.addTrajectory')}</h3>
          <TextField label={t('impact.trajectoryTitle')} required minLength={2} maxLength={300} value={v.title} onChange={(e) => setV({ ...v, title: e.target.value })} />
          <TextAreaField label={t('impact.description')} rows={2} maxLength={4000} value={v.description} onChange={(e) => setV({ ...v, description: e.target.value })} />
          <TextField label={t('impact.source')} maxLength={1000} value={v.sourceRef} onChange={(e) => setV({ ...v, sourceRef: e.target.value })} hint={t('impact.sourceHint')} />
          <ErrorAlert error={add.error} />
          <p>
            <button type="submit" className="button-primary" disabled={add.isPending}>
              {t('impact.addTrajectory')}
            </button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
