/**
 * Charts of report blocks: Vega-Lite specs (pure; the browser shows them with components/charts/VegaView.tsx) and,
 * for the exports, server-side rendering: SVG with vega's headless View (`toSVG`, no DOM) and PNG from that SVG
 * with @resvg/resvg-js (a prebuilt binary shipped inside its npm package; system fonts).
 */
import { parse, View, formatLocale } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';

const BLUE = '#1d4f91';
const CONFIG = {
  font: 'DejaVu Sans, Arial, Helvetica, sans-serif',
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', gridColor: '#d0d4da', labelLimit: 260 },
  legend: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', labelLimit: 300 },
  view: { stroke: null },
  background: '#ffffff',
};

/** Horizontal bars: one per answer option, percent of respondents (withheld options are left out). */
export function barSpec(rows: { label: string; percent: number }[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: title,
    width: 420,
    data: { values: rows.map((r) => ({ label: r.label, percent: Math.round(r.percent * 10) / 10 })) },
    mark: { type: 'bar', color: BLUE },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null },
      x: { field: 'percent', type: 'quantitative', title: 'Percentage', scale: { domain: [0, 100] } },
    },
  } as TopLevelSpec;
}

/** Grouped (stacked to 100%) bars of a crosstab: row percentages per row category. */
export function stackedSpec(cells: { row: string; col: string; count: number }[], title: string, colTitle: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: title,
    width: 420,
    data: { values: cells },
    mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1 },
    encoding: {
      y: { field: 'row', type: 'nominal', sort: null, title: null },
      x: { field: 'count', type: 'quantitative', stack: 'normalize', title: 'Aandeel per rij', axis: { format: '%' } },
      color: { field: 'col', type: 'nominal', sort: null, title: colTitle, scale: { scheme: 'tableau10' } },
    },
  } as TopLevelSpec;
}

/** Cumulative share reunified over days since placement, a line per group. */
export function curveSpec(points: { group: string; day: number; cum: number }[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: title,
    width: 420,
    height: 240,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'day', type: 'quantitative', title: 'Dagen sinds de uithuisplaatsing' },
      y: { field: 'cum', type: 'quantitative', title: 'Cumulatief aandeel teruggeplaatst', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'group', type: 'nominal', title: 'Groep', scale: { scheme: 'tableau10' } },
    },
  } as TopLevelSpec;
}

const NL = { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] as [string, string] };

/** A Vega-Lite spec → standalone SVG text (headless; vega estimates text widths without a canvas). */
export async function renderSvg(spec: unknown): Promise<string> {
  formatLocale(NL);
  const full = { ...(spec as object), config: { ...CONFIG, ...((spec as { config?: object }).config ?? {}) } } as TopLevelSpec;
  const view = new View(parse(compile(full).spec, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: Promise<ResvgModule | null> | null = null;

/** SVG → PNG (twice the size for print). Null when the renderer cannot load on this machine. */
export async function svgToPng(svg: string): Promise<{ png: Buffer; width: number; height: number } | null> {
  resvg ??= import('@resvg/resvg-js').then(
    (m) => m,
    () => null,
  );
  const m = await resvg;
  if (!m) return null;
  const r = new m.Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
  const img = r.render();
  return { png: Buffer.from(img.asPng()), width: img.width / 2, height: img.height / 2 };
}
