/**
 * From a case's events to the parts of its timeline picture: the time axis, the order bars (OTS and the
 * placement authorisation, each from a start or extension to the next extension or end), the stay segments
 * (placement per setting, at home after a return) and the markers (moves, returns, re-entries, perspective).
 * Pure: no React, no i18n, so it is unit-tested.
 */
import type { EventType } from '../../api/types';

export interface TimelineEvent {
  date: string;
  type: EventType;
  detail: string;
  /** the event's number in the list (1-based), for the text alternative */
  n: number;
}

export type Lane = 'ots' | 'muhp' | 'stay' | 'help';
export interface Segment {
  lane: Lane;
  /** ots | provisional | muhp | emergency | a setting | unknown (placement without setting) | home | help */
  kind: string;
  start: string;
  end: string;
  /** no closing event: drawn to the end of the axis */
  open: boolean;
}
export type MarkerKind = 'move' | 'reunification' | 'reentry' | 'perspective';
export interface Marker {
  kind: MarkerKind;
  date: string;
  detail: string;
  n: number;
}
export interface TimelineModel {
  start: string;
  end: string;
  segments: Segment[];
  markers: Marker[];
  events: TimelineEvent[];
}

const DAY = 86_400_000;
export const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
export const daysBetween = (a: string, b: string) => Math.round((toTime(b) - toTime(a)) / DAY);
const addDays = (date: string, days: number) => new Date(toTime(date) + days * DAY).toISOString().slice(0, 10);

const OTS_OPEN: EventType[] = ['ots_provisional', 'ots_start', 'ots_extension'];
const MUHP_OPEN: EventType[] = ['muhp_emergency', 'muhp_start', 'muhp_extension'];
const STAY_OPEN: EventType[] = ['placement_start', 'placement_move', 'reentry'];
const ENDS: EventType[] = ['case_end', 'observation_end'];

/** Events with a valid date and a type, in date order (stable). Returns null when there are none. */
export function buildTimeline(events: TimelineEvent[]): TimelineModel | null {
  const list = events.filter((e) => !Number.isNaN(toTime(e.date))).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.n - b.n));
  if (!list.length) return null;
  const first = list[0].date;
  const observationEnd = list.find((e) => e.type === 'observation_end')?.date;
  let end = observationEnd ?? list[list.length - 1].date;
  if (end < list[list.length - 1].date) end = list[list.length - 1].date;
  if (daysBetween(first, end) < 30) end = addDays(first, 30);

  const segments: Segment[] = [];
  const open: Partial<Record<Lane, { kind: string; start: string }>> = {};
  const close = (lane: Lane, date: string) => {
    const o = open[lane];
    if (!o) return;
    if (date > o.start || (date === o.start && lane !== 'stay')) segments.push({ lane, kind: o.kind, start: o.start, end: date, open: false });
    delete open[lane];
  };
  const begin = (lane: Lane, kind: string, date: string) => {
    close(lane, date);
    open[lane] = { kind, start: date };
  };

  for (const e of list) {
    if (OTS_OPEN.includes(e.type)) begin('ots', e.type === 'ots_provisional' ? 'provisional' : 'ots', e.date);
    else if (e.type === 'ots_end') {
      close('ots', e.date);
      close('muhp', e.date); // a placement authorisation cannot outlast the supervision order
    } else if (MUHP_OPEN.includes(e.type)) begin('muhp', e.type === 'muhp_emergency' ? 'emergency' : 'muhp', e.date);
    else if (STAY_OPEN.includes(e.type)) begin('stay', e.detail || 'unknown', e.date);
    else if (e.type === 'reunification') begin('stay', 'home', e.date);
    else if (e.type === 'parent_help_start') begin('help', 'help', e.date);
    else if (e.type === 'parent_help_end') close('help', e.date);
    else if (ENDS.includes(e.type)) {
      for (const lane of Object.keys(open) as Lane[]) close(lane, e.date);
    }
  }
  for (const lane of Object.keys(open) as Lane[]) {
    const o = open[lane]!;
    segments.push({ lane, kind: o.kind, start: o.start, end, open: true });
  }

  const markers: Marker[] = [];
  for (const e of list) {
    const kind: MarkerKind | null =
      e.type === 'placement_move' ? 'move' : e.type === 'reunification' ? 'reunification' : e.type === 'reentry' ? 'reentry' : e.type === 'perspective_decision' ? 'perspective' : null;
    if (kind) markers.push({ kind, date: e.date, detail: e.detail, n: e.n });
  }
  return { start: first, end, segments, markers, events: list };
}

/** Tick dates for the axis: 1 January of each year (every 2 or 5 years for long spans), or quarters for short spans. */
export function axisTicks(start: string, end: string): string[] {
  const y0 = Number(start.slice(0, 4));
  const y1 = Number(end.slice(0, 4));
  const years = y1 - y0;
  if (years >= 2) {
    const step = years > 20 ? 5 : years > 9 ? 2 : 1;
    const ticks: string[] = [];
    for (let y = y0 + 1; y <= y1; y++) if (y % step === 0 || step === 1) ticks.push(`${y}-01-01`);
    return ticks;
  }
  const ticks: string[] = [];
  let y = y0;
  let m = Math.floor((Number(start.slice(5, 7)) - 1) / 3) * 3 + 3; // next quarter start (0-based month)
  for (let i = 0; i < 12; i++) {
    if (m >= 12) {
      y += 1;
      m -= 12;
    }
    const d = `${y}-${String(m + 1).padStart(2, '0')}-01`;
    if (d > end) break;
    if (d > start) ticks.push(d);
    m += 3;
  }
  return ticks;
}

/** Age in whole years on a date, from a birth month (YYYY-MM), or null. */
export function ageOn(birthMonth: string, date: string): number | null {
  if (!/^\d{4}-\d{2}$/.test(birthMonth)) return null;
  const [by, bm] = birthMonth.split('-').map(Number);
  const [y, m] = date.split('-').map(Number);
  const age = y - by - (m < bm ? 1 : 0);
  return age >= 0 ? age : null;
}
