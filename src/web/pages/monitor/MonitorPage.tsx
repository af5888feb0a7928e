import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { dossiersApi, keys, monitorApi } from '../../api/endpoints';
import { can, type MonitorExtra, type MonitorGroup, type MonitorResult, type Study, type Subgroup } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChartBoundary } from '../../components/charts/ChartFigure';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { formatDecimal, formatPercent } from '../../i18n/format';
import { dossiersPath, FictionalBanner, ModuleGate } from '../dossiers/common';
import { CONTACT_FREQUENCIES, SUBGROUPS, useVocab } from '../dossiers/vocab';
import { studyPath } from '../studies/useStudy';
import type { ChartLabels } from './ReunificationChart';

const ReunificationChart = lazy(() => import('./ReunificationChart'));

/** Dutch URL values of the breakdowns (?uitsplitsing=leeftijd). */
const SUBGROUP_PARAM: Record<Subgroup, string> = {
  all: '',
  age: 'leeftijd',
  setting: 'plaatsingsvorm',
  emergency: 'spoedmachtiging',
  help: 'hulp-aan-ouders',
};

export const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '–' : formatPercent(x, digits, true));
export const dec = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '–' : formatDecimal(x, digits));

export function MonitorPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="results.read" page={t('modules.monitor')}>
      {(study) => <Monitor study={study} />}
    </ModuleGate>
  );
}

/**
 * The chosen breakdown lives in the URL (?uitsplitsing=leeftijd) so it can be shared and survives a reload.
 * It is mirrored in local state so the radio button turns on at once: a router navigation may be deferred
 * as a transition, and a controlled radio would otherwise snap back until it commits.
 */
function useSubgroup(): [Subgroup, (s: Subgroup) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('uitsplitsing') ?? '';
  const fromUrl = (Object.entries(SUBGROUP_PARAM).find(([, v]) => v === value)?.[0] as Subgroup | undefined) ?? 'all';
  const [subgroup, setSubgroup] = useState<Subgroup>(fromUrl);
  useEffect(() => setSubgroup(fromUrl), [fromUrl]);
  return [
    subgroup,
    (s) => {
      setSubgroup(s);
      setParams(s === 'all' ? {} : { uitsplitsing: SUBGROUP_PARAM[s] }, { replace: true });
    },
  ];
}

/** True when the study holds demonstration cases (codes FICT-…); only known to those who may see the case list. */
function useFictional(study: Study): boolean {
  const query = { q: 'FICT-', limit: 1 };
  const fict = useQuery({ queryKey: keys.dossiers(study.slug, query), queryFn: ({ signal }) => dossiersApi.list(study.slug, query, signal), enabled: can(study, 'data.read') });
  return !!fict.data?.cases.some((c) => /^FICT-/i.test(c.code));
}

function Monitor({ study }: { study: Study }) {
  const { t } = useTranslation();
  const title = t('modules.monitor');
  const [subgroup, setSubgroup] = useSubgroup();
  const monitor = useQuery({ queryKey: keys.monitor(study.slug, subgroup), queryFn: ({ signal }) => monitorApi.get(study.slug, subgroup, signal) });
  const fictional = useFictional(study);
  const data = monitor.data;

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: title }]} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('monitor.intro')}</p>
      {fictional ? <FictionalBanner /> : null}
      {can(study, 'data.read') ? (
        <p>
          <Link to={dossiersPath(study.slug)}>{t('monitor.toDossiers')}</Link>
        </p>
      ) : null}

      <fieldset className="fieldset subgroup-picker">
        <legend>{t('monitor.subgroup')}</legend>
        <div className="radio-row">
          {SUBGROUPS.map((s) => (
            <div className="field-checkbox" key={s}>
              <input id={`subgroup-${s}`} type="radio" name="subgroup" value={s} checked={subgroup === s} onChange={() => setSubgroup(s)} />
              <label htmlFor={`subgroup-${s}`}>{t(`monitor.subgroups.${s}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>

      {monitor.isPending ? <Loading /> : null}
      <ErrorAlert error={monitor.error} />
      {data ? (
        <>
          <p className="visually-hidden" role="status">
            {monitor.isFetching ? t('common.loading') : t('monitor.shown', { subgroup: t(`monitor.subgroups.${subgroup}`) })}
          </p>
          {data.suppressed ? (
            <p className="notice">
              <strong>{t('monitor.suppressedTitle')}</strong> {t('monitor.suppressedText', { threshold: data.threshold })}
            </p>
          ) : null}
          {data.groups.map((group) => (
            <GroupSection key={`${subgroup}-${group.key}`} subgroup={subgroup} group={group} threshold={data.threshold} />
          ))}
          {data.extra ? <ExtraSection extra={data.extra} threshold={data.threshold} /> : <p className="empty">{t('monitor.noPlaced')}</p>}
        </>
      ) : null}
    </>
  );
}

function useGroupLabel() {
  const { t } = useTranslation();
  const vocab = useVocab();
  return (subgroup: Subgroup, key: string): string => {
    if (subgroup === 'all') return t('monitor.groups.all');
    if (subgroup === 'age') return t('monitor.groups.age', { range: key.replace('-', '–') });
    if (subgroup === 'setting') return vocab('setting', key);
    const yes = key === 'yes';
    if (subgroup === 'emergency') return yes ? t('monitor.groups.emergencyYes') : t('monitor.groups.emergencyNo');
    return yes ? t('monitor.groups.helpYes') : t('monitor.groups.helpNo');
  };
}

function GroupSection({ subgroup, group, threshold }: { subgroup: Subgroup; group: MonitorGroup; threshold: number }) {
  const { t } = useTranslation();
  const label = useGroupLabel()(subgroup, group.key);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="section monitor-group">
      <h2 id={headingId}>{label}</h2>
      {group.suppressed || !group.result ? (
        <p className="notice">{t('monitor.suppressedGroup', { threshold })}</p>
      ) : group.result.placed === 0 ? (
        <p className="empty">{t('monitor.emptyGroup')}</p>
      ) : (
        <GroupResult result={group.result} groupLabel={label} />
      )}
    </section>
  );
}

function Method({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="method">
      <summary>
        {t('monitor.how')}
        <span className="visually-hidden"> ({title})</span>
      </summary>
      {children}
    </details>
  );
}

function Card({ title, children, method }: { title: string; children: ReactNode; method: ReactNode }) {
  const id = useId();
  return (
    <li className="card indicator-card">
      <h3 id={id} className="card-title">
        {title}
      </h3>
      {children}
      <Method title={title}>{method}</Method>
    </li>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split('\n\n').map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}

function interval(lo: number | null, hi: number | null, format: (x: number | null) => string) {
  return lo === null || hi === null ? null : `${format(lo)} – ${format(hi)}`;
}

function GroupResult({ result, groupLabel }: { result: MonitorResult; groupLabel: string }) {
  const { t } = useTranslation();
  const km1 = result.reunification.km.find((k) => k.day === 365);
  const aj1 = result.reunification.aj.find((k) => k.day === 365);
  const km5 = result.reunification.km.find((k) => k.day === 1826);
  const rr = result.parent_help_rr;
  const re = result.reentry_12m;
  const em = result.emergency_share;
  return (
    <>
      <p>{t('monitor.groupCounts', { placed: result.placed, cases: result.cases })}</p>
      <ul className="card-list indicator-list">
        <Card title={t('monitor.cards.reunification')} method={<Paragraphs text={t('monitor.method.reunification')} />}>
          <p className="indicator-value">{pct(km1?.cum ?? null)}</p>
          <p className="small">
            {t('monitor.withinYear')}
            {km1 && interval(km1.lo, km1.hi, (x) => pct(x)) ? ` · ${t('monitor.ci', { interval: interval(km1.lo, km1.hi, (x) => pct(x)) })}` : ''}
          </p>
          <dl className="meta">
            <div>
              <dt>{t('monitor.ajShort')}</dt>
              <dd>{pct(aj1?.cum ?? null)}</dd>
            </div>
            <div>
              <dt>{t('monitor.withinFiveYears')}</dt>
              <dd>{pct(km5?.cum ?? null)}</dd>
            </div>
          </dl>
        </Card>
        <Card title={t('monitor.cards.reentry')} method={<Paragraphs text={t('monitor.method.reentry')} />}>
          <p className="indicator-value">{pct(re.share)}</p>
          <p className="small">{re.events === null ? t('monitor.countWithheld') : t('monitor.ofN', { events: re.events, n: re.n })}</p>
        </Card>
        <Card title={t('monitor.cards.emergency')} method={<Paragraphs text={t('monitor.method.emergency')} />}>
          <p className="indicator-value">{pct(em.share)}</p>
          <p className="small">{em.events === null ? t('monitor.countWithheld') : t('monitor.ofN', { events: em.events, n: em.n })}</p>
        </Card>
        <Card title={t('monitor.cards.moves')} method={<Paragraphs text={t('monitor.method.moves')} />}>
          <p className="indicator-value">{dec(result.moves.mean, 1)}</p>
          <p className="small">{t('monitor.movesMean')}</p>
          <dl className="meta">
            <div>
              <dt>{t('monitor.movesAny')}</dt>
              <dd>{pct(result.moves.share_any)}</dd>
            </div>
            <div>
              <dt>{t('monitor.movesMax')}</dt>
              <dd>{result.moves.max ?? '–'}</dd>
            </div>
          </dl>
        </Card>
        <Card title={t('monitor.cards.help')} method={<Paragraphs text={t('monitor.method.help')} />}>
          <p className="indicator-value">{dec(rr.rr, 2)}</p>
          <p className="small">
            {t('monitor.rr')}
            {interval(rr.lo, rr.hi, (x) => dec(x, 2)) ? ` · ${t('monitor.ci', { interval: interval(rr.lo, rr.hi, (x) => dec(x, 2)) })}` : ''}
          </p>
          {rr.rr === null ? <p className="small muted">{t('monitor.rrUnavailable')}</p> : null}
        </Card>
      </ul>
      <Curves result={result} groupLabel={groupLabel} />
    </>
  );
}

/** "6 maanden", "1 jaar", … for the days of the indicator (KM_DAYS). */
function useTimeLabel() {
  const { t } = useTranslation();
  return (day: number): string => (day === 182 ? t('monitor.time.halfYear') : t('monitor.time.years', { count: Math.round(day / 365.25) }));
}

function Curves({ result, groupLabel }: { result: MonitorResult; groupLabel: string }) {
  const { t, i18n: i } = useTranslation();
  const timeLabel = useTimeLabel();
  const headingId = useId();
  const captionId = useId();
  const last = [...result.reunification.km].reverse().find((k) => k.cum !== null);
  const labels = useMemo<ChartLabels>(
    () => ({
      x: t('monitor.chart.x'),
      y: t('monitor.chart.y'),
      km: t('monitor.chart.km'),
      band: t('monitor.chart.band'),
      aj: t('monitor.chart.aj'),
      description: t('monitor.chart.description', { group: groupLabel }),
    }),
    [t, groupLabel, i.language],
  );
  return (
    <section aria-labelledby={headingId} className="curves">
      <h3 id={headingId}>
        {t('monitor.chart.heading')}
        <span className="visually-hidden">, {groupLabel}</span>
      </h3>
      <figure className="chart-figure" aria-labelledby={captionId}>
        <div className="chart" aria-hidden="true">
          <ChartBoundary fallback={<p className="muted">{t('monitor.chart.failed')}</p>}>
            <Suspense fallback={<p className="loading">{t('monitor.chart.loading')}</p>}>
              <ReunificationChart result={result} labels={labels} />
            </Suspense>
          </ChartBoundary>
        </div>
        <figcaption id={captionId} className="small">
          {t('monitor.chart.caption', { group: groupLabel })}{' '}
          {last ? t('monitor.chart.summary', { time: timeLabel(last.day), value: pct(last.cum) }) : t('monitor.chart.noEstimate')}
        </figcaption>
      </figure>
      <TableWrap label={t('monitor.table.region', { group: groupLabel })}>
        <table className="curve-table">
          <caption className="visually-hidden">{t('monitor.table.caption', { group: groupLabel })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('monitor.table.time')}</th>
              <th scope="col" className="num">
                {t('monitor.table.km')}
              </th>
              <th scope="col" className="num">
                {t('monitor.table.ci')}
              </th>
              <th scope="col" className="num">
                {t('monitor.table.aj')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.reunification.km.map((k, idx) => {
              const aj = result.reunification.aj[idx];
              return (
                <tr key={k.day}>
                  <th scope="row">{timeLabel(k.day)}</th>
                  <td className="num">{pct(k.cum, 1)}</td>
                  <td className="num">{interval(k.lo, k.hi, (x) => pct(x, 1)) ?? '–'}</td>
                  <td className="num">{pct(aj?.cum ?? null, 1)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p className="small muted">{t('monitor.table.note')}</p>
    </section>
  );
}

function ExtraSection({ extra, threshold }: { extra: MonitorExtra; threshold: number }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const p = extra.perspective;
  const hidden = t('monitor.hiddenCount', { threshold });
  const count = (n: number | null) => (n === null ? <abbr title={hidden}>{t('monitor.hidden')}</abbr> : n);
  const contactKeys = [...CONTACT_FREQUENCIES, 'none_recorded'] as const;
  const known = contactKeys.map((k) => extra.contact[k]).filter((n): n is number => n !== null);
  const total = known.length === contactKeys.length ? known.reduce((a, b) => a + b, 0) : null;
  return (
    <section aria-labelledby="monitor-extra" className="section">
      <h2 id="monitor-extra">{t('monitor.extraHeading')}</h2>
      <p className="small">{t('monitor.extraIntro')}</p>
      <ul className="card-list extra-list">
        <Card title={t('monitor.cards.perspective')} method={<Paragraphs text={t('monitor.method.perspective')} />}>
          <p className="indicator-value">{p.medianDays === null ? '–' : t('monitor.days', { count: Math.round(p.medianDays) })}</p>
          <p className="small">{t('monitor.perspectiveMedian')}</p>
          <dl className="meta">
            <div>
              <dt>{t('monitor.perspectiveN')}</dt>
              <dd>{count(p.n)}</dd>
            </div>
            <div>
              <dt>{vocab('perspective', 'home')}</dt>
              <dd>{count(p.home)}</dd>
            </div>
            <div>
              <dt>{vocab('perspective', 'elsewhere')}</dt>
              <dd>{count(p.elsewhere)}</dd>
            </div>
          </dl>
        </Card>
        <Card title={t('monitor.cards.contact')} method={<Paragraphs text={t('monitor.method.contact')} />}>
          <TableWrap label={t('monitor.contactCaption')}>
            <table className="contact-table">
              <caption className="visually-hidden">{t('monitor.contactCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitor.frequency')}</th>
                  <th scope="col" className="num">
                    {t('monitor.children')}
                  </th>
                  <th scope="col" className="num">
                    {t('monitor.share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {contactKeys.map((k) => {
                  const n = extra.contact[k];
                  return (
                    <tr key={k}>
                      <th scope="row">{k === 'none_recorded' ? t('monitor.noneRecorded') : vocab('contact', k)}</th>
                      <td className="num">{count(n)}</td>
                      <td className="num">{n !== null && total ? pct(n / total) : '–'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </Card>
      </ul>
    </section>
  );
}
