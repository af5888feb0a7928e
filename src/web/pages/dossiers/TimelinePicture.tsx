import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format';
import { ageOn, axisTicks, buildTimeline, toTime, type Lane, type Marker, type MarkerKind, type Segment, type TimelineEvent } from './timelineModel';
import { useDetailLabel, useVocab } from './vocab';

const W = 800;
const X0 = 150;
const X1 = 785;
const LANE_H = 24;
const LANES: { lane: Lane; y: number }[] = [
  { lane: 'stay', y: 40 },
  { lane: 'muhp', y: 72 },
  { lane: 'ots', y: 104 },
  { lane: 'help', y: 136 },
];
const MARKER_Y = 22;
const AXIS_Y = 170;
const H = 212;

const laneY = (lane: Lane) => LANES.find((l) => l.lane === lane)!.y;

/** The marker shapes: they differ in shape as well as colour. */
function MarkerShape({ kind, x, y, className }: { kind: MarkerKind; x: number; y: number; className?: string }) {
  const cls = `tl-marker tl-marker-${kind} ${className ?? ''}`.trim();
  switch (kind) {
    case 'move':
      return <path className={cls} d={`M${x - 7},${y - 6} L${x + 7},${y - 6} L${x},${y + 7} Z`} />;
    case 'reunification':
      return <circle className={cls} cx={x} cy={y} r={6.5} />;
    case 'reentry':
      return <rect className={cls} x={x - 6} y={y - 6} width={12} height={12} />;
    case 'perspective':
      return <path className={cls} d={`M${x},${y - 8} L${x + 8},${y} L${x},${y + 8} L${x - 8},${y} Z`} />;
  }
}

const SETTING_KINDS = ['foster_kin', 'foster_nonkin', 'family_home', 'residential', 'crisis', 'secure'];

/**
 * The timeline picture of one case: an SVG (role="img", summarised in its aria-label) with a time axis, order
 * bars, stay segments coloured per setting (with a short code in the bar) and shape markers, a visible legend,
 * and the events as a visually hidden list for screen readers.
 */
export function TimelinePicture({ events, birthMonth }: { events: TimelineEvent[]; birthMonth: string }) {
  const { t, i18n } = useTranslation();
  const vocab = useVocab();
  const detailLabel = useDetailLabel();
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const model = useMemo(() => buildTimeline(events), [events]);

  if (!model) return <p className="empty">{t('picture.empty')}</p>;

  const t0 = toTime(model.start);
  const t1 = toTime(model.end);
  const x = (date: string) => X0 + ((toTime(date) - t0) / Math.max(1, t1 - t0)) * (X1 - X0);
  const shortMonth = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const ticks = axisTicks(model.start, model.end);
  const yearTicks = ticks.every((d) => d.endsWith('-01-01')) && ticks.length > 1;

  const kindLabel = (s: Segment) => {
    if (s.lane === 'stay') return s.kind === 'home' ? t('picture.home') : s.kind === 'unknown' ? t('picture.settingUnknown') : vocab('setting', s.kind);
    if (s.lane === 'help') return t('picture.help');
    return t(`picture.order.${s.kind as 'ots'}`);
  };
  const shortCode = (s: Segment) =>
    s.lane === 'stay' ? (SETTING_KINDS.includes(s.kind) ? vocab('settingShort', s.kind) : s.kind === 'home' ? t('picture.homeShort') : '?') : '';
  const kindClass = (s: Segment) => `tl-seg tl-seg-${s.lane} tl-kind-${SETTING_KINDS.includes(s.kind) || ['home', 'unknown', 'ots', 'provisional', 'muhp', 'emergency', 'help'].includes(s.kind) ? s.kind : 'unknown'}`;

  const stays = model.segments.filter((s) => s.lane === 'stay' && s.kind !== 'home');
  const count = (kind: MarkerKind) => model.markers.filter((m) => m.kind === kind).length;
  const summary = t('picture.summary', {
    from: formatDate(model.start),
    to: formatDate(model.end),
    placements: t('picture.countPlacements', { count: stays.length }),
    moves: t('picture.countMoves', { count: count('move') }),
    returns: t('picture.countReturns', { count: count('reunification') }),
    reentries: t('picture.countReentries', { count: count('reentry') }),
  });

  const markerTitle = (m: Marker) => `${t(`picture.marker.${m.kind}`)}, ${formatDate(m.date)}${m.detail ? ` – ${detailLabel(m.kind === 'perspective' ? 'perspective_decision' : m.kind === 'move' ? 'placement_move' : m.kind === 'reentry' ? 'reentry' : 'reunification', m.detail)}` : ''}`;

  const presentKinds = [...new Set(model.segments.map((s) => `${s.lane}:${s.kind}`))];
  const presentMarkers = [...new Set(model.markers.map((m) => m.kind))];

  return (
    <figure className="tl-figure">
      <div className="tl-scroll" role="region" aria-label={t('picture.scrollLabel')} tabIndex={0}>
        <svg className="tl-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} focusable="false">
          <defs>
            <pattern id={`${uid}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1="0" y1="0" x2="0" y2="6" className="tl-hatch-line" />
            </pattern>
          </defs>
          {LANES.map(({ lane, y }) => (
            <g key={lane}>
              <rect className="tl-lane-bg" x={X0} y={y} width={X1 - X0} height={LANE_H} />
              <text className="tl-lane-label" x={X0 - 8} y={y + LANE_H / 2} dominantBaseline="middle" textAnchor="end">
                {t(`picture.lane.${lane}`)}
              </text>
            </g>
          ))}
          <text className="tl-lane-label" x={X0 - 8} y={MARKER_Y} dominantBaseline="middle" textAnchor="end">
            {t('picture.lane.markers')}
          </text>
          {ticks.map((d) => (
            <line key={`g${d}`} className="tl-gridline" x1={x(d)} x2={x(d)} y1={LANES[0].y} y2={AXIS_Y} />
          ))}
          {model.segments.map((s, i) => {
            const sx = x(s.start);
            const width = Math.max(2, x(s.end) - sx);
            const y = laneY(s.lane);
            const code = shortCode(s);
            return (
              <g key={i}>
                <rect className={kindClass(s)} x={sx} y={y + 2} width={width} height={LANE_H - 4}>
                  <title>{`${kindLabel(s)}: ${formatDate(s.start)} – ${s.open ? t('picture.ongoing') : formatDate(s.end)}`}</title>
                </rect>
                {s.kind === 'emergency' || s.kind === 'provisional' ? (
                  <rect className="tl-hatch" x={sx} y={y + 2} width={width} height={LANE_H - 4} fill={`url(#${uid}-hatch)`} />
                ) : null}
                {code && width >= code.length * 8 + 6 ? (
                  <text className={`tl-seg-text tl-seg-text-${s.kind === 'home' || s.kind === 'unknown' ? 'dark' : 'light'}`} x={sx + 4} y={y + LANE_H / 2} dominantBaseline="middle">
                    {code}
                  </text>
                ) : null}
                {s.lane !== 'stay' && width >= 60 ? (
                  <text className={`tl-seg-text tl-seg-text-${s.lane === 'help' ? 'dark' : 'light'}`} x={sx + 4} y={y + LANE_H / 2} dominantBaseline="middle">
                    {t(`picture.orderShort.${s.kind as 'ots'}`, { defaultValue: '' })}
                  </text>
                ) : null}
              </g>
            );
          })}
          {model.markers.map((m, i) => {
            const mx = x(m.date);
            return (
              <g key={`m${i}`}>
                <line className="tl-guide" x1={mx} x2={mx} y1={MARKER_Y + 8} y2={LANES[0].y + LANE_H} />
                <MarkerShape kind={m.kind} x={mx} y={MARKER_Y} />
                <title>{markerTitle(m)}</title>
              </g>
            );
          })}
          <line className="tl-axis" x1={X0} x2={X1} y1={AXIS_Y} y2={AXIS_Y} />
          <text className="tl-axis-label" x={X0} y={AXIS_Y + 16} textAnchor="start">
            {formatDate(model.start)}
          </text>
          <text className="tl-axis-label" x={X1} y={AXIS_Y + 16} textAnchor="end">
            {formatDate(model.end)}
          </text>
          {ticks.map((d) => {
            const tx = x(d);
            if (tx - X0 < 95 || X1 - tx < 115) return null; // keep clear of the start and end labels
            const age = ageOn(birthMonth, d);
            return (
              <g key={`t${d}`}>
                <line className="tl-axis" x1={tx} x2={tx} y1={AXIS_Y} y2={AXIS_Y + 5} />
                <text className="tl-axis-label" x={tx} y={AXIS_Y + 18} textAnchor="middle">
                  {yearTicks ? d.slice(0, 4) : shortMonth.format(new Date(`${d}T00:00:00Z`))}
                </text>
                {age !== null ? (
                  <text className="tl-axis-age" x={tx} y={AXIS_Y + 34} textAnchor="middle">
                    {t('picture.age', { age })}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <ul className="tl-legend" aria-label={t('picture.legend')}>
          {presentKinds.map((pk) => {
            const [lane, kind] = pk.split(':') as [Lane, string];
            const s: Segment = { lane, kind, start: model.start, end: model.end, open: false };
            const code = shortCode(s);
            return (
              <li key={pk}>
                <svg className="tl-swatch" viewBox="0 0 28 16" aria-hidden="true" focusable="false">
                  <rect className={kindClass(s)} x="1" y="1" width="26" height="14" />
                  {kind === 'emergency' || kind === 'provisional' ? <rect className="tl-hatch" x="1" y="1" width="26" height="14" fill={`url(#${uid}-hatch)`} /> : null}
                </svg>
                {code ? <strong className="tl-legend-code">{code}</strong> : null} {kindLabel(s)}
              </li>
            );
          })}
          {presentMarkers.map((kind) => (
            <li key={kind}>
              <svg className="tl-swatch" viewBox="0 0 28 16" aria-hidden="true" focusable="false">
                <MarkerShape kind={kind} x={14} y={8} />
              </svg>{' '}
              {t(`picture.marker.${kind}`)}
            </li>
          ))}
        </ul>
      </figcaption>
      <div className="visually-hidden">
        <p>{t('picture.listIntro')}</p>
        <ol>
          {model.events.map((e) => (
            <li key={`${e.n}-${e.date}`}>
              {formatDate(e.date)}: {vocab('eventType', e.type)}
              {e.detail ? ` – ${detailLabel(e.type, e.detail)}` : ''}
            </li>
          ))}
        </ol>
      </div>
    </figure>
  );
}
