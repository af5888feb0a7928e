/** Impact dashboard, pure: filtering the recommendations, the series of the filtered set, the chart spec and its table. */
import type { TopLevelSpec } from 'vega-lite';
import { IMPACT_STATUSES, type ImpactRecommendation, type ImpactStatus } from '../../../shared/impact';
import { statusSeries, type Granularity, type Point } from '../../../lib/impact/timeline';

export interface Filter {
  /** addressee key, '' = all */
  addressee: string;
  /** trajectory id, '' = all */
  trajectory: string;
}

export function filterRecommendations(recs: readonly ImpactRecommendation[], f: Filter): ImpactRecommendation[] {
  return recs.filter((r) => (!f.addressee || r.addressees.some((a) => a.key === f.addressee)) && (!f.trajectory || r.trajectoryIds.includes(f.trajectory)));
}

/** The addressees that occur on the recommendations (for the filter), in first-seen order. */
export function addresseesOf(recs: readonly ImpactRecommendation[]): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const r of recs) for (const a of r.addressees) if (!seen.has(a.key)) seen.set(a.key, a.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}

export function seriesOf(recs: readonly ImpactRecommendation[], g: Granularity, asOf: string): Point<ImpactStatus>[] {
  return statusSeries(
    recs.map((r) => r.history),
    IMPACT_STATUSES,
    g,
    asOf,
  );
}

/** Rows of the table alternative: one per period, the counts in IMPACT_STATUSES order, and the total. */
export function seriesTable(points: readonly Point<ImpactStatus>[]): { period: string; counts: number[]; total: number }[] {
  const periods = [...new Set(points.map((p) => p.period))];
  return periods.map((period) => {
    const counts = IMPACT_STATUSES.map((s) => points.find((p) => p.period === period && p.status === s)?.count ?? 0);
    return { period, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
}

/** Colours per status (colour-blind-safe Okabe–Ito), in IMPACT_STATUSES order. */
export const STATUS_COLOURS = ['#999999', '#E69F00', '#56B4E9', '#009E73', '#D55E00'];

export function seriesSpec(points: readonly Point<ImpactStatus>[], labels: { x: string; y: string; status: string; description: string; statusLabel: (s: ImpactStatus) => string }): TopLevelSpec {
  const periods = [...new Set(points.map((p) => p.period))];
  const domain = IMPACT_STATUSES.map(labels.statusLabel);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: labels.description,
    width: 'container',
    height: 260,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values: points.filter((p) => p.count > 0).map((p) => ({ period: p.period, status: labels.statusLabel(p.status), order: IMPACT_STATUSES.indexOf(p.status), count: p.count })) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: labels.x, sort: periods, scale: { domain: periods } },
      y: { field: 'count', type: 'quantitative', stack: 'zero', title: labels.y, axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'status', type: 'nominal', title: labels.status, scale: { domain, range: STATUS_COLOURS }, legend: { orient: 'bottom', direction: 'vertical' } },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}
