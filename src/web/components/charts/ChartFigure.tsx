/**
 * A chart in a <figure>: Vega is loaded lazily (its own chunk), a failure or a slow load shows a short text, the
 * drawing is one image with an accessible name (`label`), and the caption says what it shows. Charts never stand
 * alone: put the figures in a table next to it.
 */
import { Component, lazy, Suspense, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopLevelSpec } from 'vega-lite';

const VegaView = lazy(() => import('./VegaView'));

/** Shows `fallback` when a chart throws (a broken spec must not take the page down). */
export class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function ChartFigure({ spec, label, caption, className }: { spec: TopLevelSpec; label: string; caption?: ReactNode; className?: string }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <figure className={`chart-figure ${className ?? ''}`.trim()} aria-labelledby={caption ? captionId : undefined} aria-label={caption ? undefined : label}>
      {/* one image with a name; Vega's own SVG roles stay out of the accessibility tree */}
      <div className="chart chart-auto" role="img" aria-label={label}>
        <div aria-hidden="true">
          <ChartBoundary fallback={<p className="muted">{t('charts.failed')}</p>}>
            <Suspense fallback={<p className="loading">{t('charts.loading')}</p>}>
              <VegaView spec={spec} />
            </Suspense>
          </ChartBoundary>
        </div>
      </div>
      {caption ? (
        <figcaption id={captionId} className="small">
          {caption}
        </figcaption>
      ) : null}
    </figure>
  );
}
