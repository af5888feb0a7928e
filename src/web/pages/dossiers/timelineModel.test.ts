import { describe, expect, it } from 'vitest';
import type { EventType } from '../../api/types';
import { ageOn, axisTicks, buildTimeline, type TimelineEvent } from './timelineModel';

const ev = (list: [string, EventType, string?][]): TimelineEvent[] => list.map(([date, type, detail], i) => ({ date, type, detail: detail ?? '', n: i + 1 }));

describe('buildTimeline', () => {
  it('returns null without dated events', () => {
    expect(buildTimeline([])).toBeNull();
    expect(buildTimeline(ev([['', 'ots_start']]))).toBeNull();
  });

  it('draws orders from start or extension to the next extension or end, stays per setting, and markers', () => {
    const m = buildTimeline(
      ev([
        ['2020-01-10', 'ots_start'],
        ['2020-01-15', 'muhp_emergency'],
        ['2020-01-15', 'placement_start', 'crisis'],
        ['2020-03-01', 'muhp_start'],
        ['2020-04-01', 'placement_move', 'foster_kin'],
        ['2020-06-01', 'parent_help_start'],
        ['2020-09-01', 'perspective_decision', 'home'],
        ['2021-01-09', 'ots_extension'],
        ['2021-03-01', 'reunification'],
        ['2021-05-01', 'parent_help_end'],
        ['2021-06-01', 'reentry', 'residential'],
        ['2022-01-08', 'ots_end'],
        ['2023-12-31', 'observation_end'],
      ]),
    )!;
    expect(m.start).toBe('2020-01-10');
    expect(m.end).toBe('2023-12-31');
    const lane = (l: string) => m.segments.filter((s) => s.lane === l).map((s) => [s.kind, s.start, s.end, s.open]);
    expect(lane('ots')).toEqual([
      ['ots', '2020-01-10', '2021-01-09', false],
      ['ots', '2021-01-09', '2022-01-08', false],
    ]);
    // the authorisation ends with the supervision order
    expect(lane('muhp')).toEqual([
      ['emergency', '2020-01-15', '2020-03-01', false],
      ['muhp', '2020-03-01', '2022-01-08', false],
    ]);
    expect(lane('stay')).toEqual([
      ['crisis', '2020-01-15', '2020-04-01', false],
      ['foster_kin', '2020-04-01', '2021-03-01', false],
      ['home', '2021-03-01', '2021-06-01', false],
      ['residential', '2021-06-01', '2023-12-31', false],
    ]);
    expect(lane('help')).toEqual([['help', '2020-06-01', '2021-05-01', false]]);
    expect(m.markers.map((k) => [k.kind, k.date])).toEqual([
      ['move', '2020-04-01'],
      ['perspective', '2020-09-01'],
      ['reunification', '2021-03-01'],
      ['reentry', '2021-06-01'],
    ]);
  });

  it('draws what is still running to the end of the axis, marked as open', () => {
    const m = buildTimeline(ev([['2019-05-01', 'placement_start', 'foster_nonkin'], ['2019-04-01', 'ots_start'], ['2019-08-01', 'contact_arrangement', 'weekly']]))!;
    expect(m.start).toBe('2019-04-01');
    expect(m.end).toBe('2019-08-01');
    expect(m.segments.map((s) => [s.lane, s.start, s.end, s.open])).toEqual([
      ['ots', '2019-04-01', '2019-08-01', true],
      ['stay', '2019-05-01', '2019-08-01', true],
    ]);
  });

  it('gives a short span at least a month', () => {
    const m = buildTimeline(ev([['2020-02-10', 'ots_start']]))!;
    expect(m.end).toBe('2020-03-11');
  });
});

describe('axisTicks', () => {
  it('uses years for long spans and quarters for short ones', () => {
    expect(axisTicks('2018-03-05', '2023-12-31')).toEqual(['2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01']);
    expect(axisTicks('2000-01-01', '2014-06-01').every((d) => Number(d.slice(0, 4)) % 2 === 0)).toBe(true);
    expect(axisTicks('2020-02-10', '2020-11-01')).toEqual(['2020-04-01', '2020-07-01', '2020-10-01']);
  });
});

describe('ageOn', () => {
  it('counts whole years from the birth month', () => {
    expect(ageOn('2015-04', '2020-03-31')).toBe(4);
    expect(ageOn('2015-04', '2020-04-01')).toBe(5);
    expect(ageOn('', '2020-04-01')).toBeNull();
    expect(ageOn('2021-01', '2020-04-01')).toBeNull();
  });
});
