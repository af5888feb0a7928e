/**
 * Renders one Vega-Lite spec. Loaded on demand (React.lazy, see ChartFigure): Vega is large and only the pages with
 * charts need it.
 *
 * Our CSP allows no eval and no inline styles, so: the spec is compiled to Vega, parsed to an AST and run by
 * vega-interpreter (no `new Function`), and the View renders SVG into our container (Vega sets the few styles it
 * needs through the CSSOM, which the CSP permits; no <style> element is injected — we do not use vega-embed).
 * Numbers follow the UI language (Dutch: decimal comma).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocale, parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';

const NL_LOCALE = { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] as [string, string] };
const EN_LOCALE = { decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''] as [string, string] };

/** The shared look of the platform's charts (merged under a spec's own config). */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', gridColor: '#d0d4da' },
  legend: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', labelLimit: 400 },
  view: { stroke: null },
  // the figure around the chart carries the accessible name and the table the figures
  aria: false,
};

export default function VegaView({ spec }: { spec: TopLevelSpec }) {
  const { i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let view: View | null = null;
    let cancelled = false;
    try {
      formatLocale(i18n.language === 'en' ? EN_LOCALE : NL_LOCALE);
      const full = { ...spec, config: { ...CHART_CONFIG, ...(spec as { config?: object }).config } } as TopLevelSpec;
      const runtime = parse(compile(full).spec, undefined, { ast: true });
      view = new View(runtime, { expr: expressionInterpreter, renderer: 'svg', container: el, hover: false });
      view.runAsync().catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    return () => {
      cancelled = true;
      view?.finalize();
      el.replaceChildren();
    };
  }, [spec, i18n.language]);

  if (error) throw new Error(error);
  return <div ref={container} className="chart-canvas" />;
}
