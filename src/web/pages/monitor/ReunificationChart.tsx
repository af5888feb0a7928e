/**
 * The reunification curves of one group, drawn with Vega-Lite. Loaded on demand (React.lazy): Vega is large and only
 * the monitor needs it. Rendering (CSP-safe: vega-interpreter, SVG, no vega-embed) is the shared VegaView.
 */
import { useMemo } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import type { MonitorResult } from '../../api/types';
import VegaView from '../../components/charts/VegaView';

export interface ChartLabels {
  x: string;
  y: string;
  km: string;
  band: string;
  aj: string;
  description: string;
}

function spec(result: MonitorResult, labels: ChartLabels): TopLevelSpec {
  const years = (day: number) => day / 365.25;
  const values = [
    { t: 0, series: labels.km, value: 0, lo: 0, hi: 0 },
    { t: 0, series: labels.aj, value: 0 },
    ...result.reunification.km.filter((k) => k.cum !== null).map((k) => ({ t: years(k.day), series: labels.km, value: k.cum, lo: k.lo, hi: k.hi })),
    ...result.reunification.aj.filter((a) => a.cum !== null).map((a) => ({ t: years(a.day), series: labels.aj, value: a.cum })),
  ];
  const x = { field: 't', type: 'quantitative' as const, title: labels.x, scale: { domain: [0, 5] }, axis: { values: [0, 0.5, 1, 2, 3, 4, 5], format: '~r' } };
  const legend = { orient: 'bottom' as const, title: null, direction: 'vertical' as const, symbolSize: 120 };
  const y = { type: 'quantitative' as const, scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5, title: labels.y } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: labels.description,
    width: 'container',
    height: 260,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    layer: [
      {
        transform: [{ filter: { field: 'series', equal: labels.km } }],
        mark: { type: 'area', opacity: 0.22, color: '#1d4f91' },
        encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' } },
      },
      {
        mark: { type: 'line', point: { filled: true, size: 60 }, strokeWidth: 2.5 },
        encoding: {
          x,
          y: { ...y, field: 'value' },
          // one legend: colour, dash and point shape all tell the two curves apart
          color: { field: 'series', type: 'nominal', scale: { domain: [labels.km, labels.aj], range: ['#1d4f91', '#a4161a'] }, legend },
          strokeDash: { field: 'series', type: 'nominal', scale: { domain: [labels.km, labels.aj], range: [[1, 0], [6, 4]] }, legend },
          shape: { field: 'series', type: 'nominal', scale: { domain: [labels.km, labels.aj], range: ['circle', 'square'] }, legend },
        },
      },
    ],
    config: {
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', gridColor: '#d0d4da' },
      legend: { labelFontSize: 12, labelColor: '#1b1b1b', symbolStrokeWidth: 2.5, labelLimit: 400 },
      view: { stroke: null },
      aria: false,
    },
  } as TopLevelSpec;
}

export default function ReunificationChart({ result, labels }: { result: MonitorResult; labels: ChartLabels }) {
  const chart = useMemo(() => spec(result, labels), [result, labels]);
  return <VegaView spec={chart} />;
}
