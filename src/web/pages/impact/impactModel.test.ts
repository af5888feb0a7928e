import { describe, expect, it } from 'vitest';
import type { ImpactRecommendation } from '../../../shared/impact';
import { addresseesOf, filterRecommendations, seriesOf, seriesSpec, seriesTable } from './impactModel';

const rec = (id: string, addressees: string[], trajectoryIds: string[], history: [string, string][]): ImpactRecommendation =>
  ({
    id,
    position: 1,
    text: id,
    priority: 'middel',
    addressees: addressees.map((k) => ({ key: k, label: k.toUpperCase() })),
    trajectoryIds,
    current: null,
    history: history.map(([status, date], i) => ({ id: `${id}${i}`, status, date, sourceRef: '', note: '', createdAt: `${date}T00:00:00Z` })),
  }) as ImpactRecommendation;

const recs = [rec('a', ['gemeenten'], ['t1'], [['in_overweging', '2025-01-05'], ['overgenomen', '2025-05-01']]), rec('b', ['min_jenv', 'gemeenten'], [], [['afgewezen', '2025-02-01']]), rec('c', [], ['t1'], [])];

describe('impact dashboard model', () => {
  it('filters by addressee and trajectory', () => {
    expect(filterRecommendations(recs, { addressee: '', trajectory: '' })).toHaveLength(3);
    expect(filterRecommendations(recs, { addressee: 'min_jenv', trajectory: '' }).map((r) => r.id)).toEqual(['b']);
    expect(filterRecommendations(recs, { addressee: 'gemeenten', trajectory: 't1' }).map((r) => r.id)).toEqual(['a']);
    expect(addresseesOf(recs).map((a) => a.key)).toEqual(['gemeenten', 'min_jenv']);
  });
  it('makes the quarterly table and a stacked spec with every status in the legend', () => {
    const pts = seriesOf(recs, 'quarter', '2025-06-30');
    expect(seriesTable(pts)).toEqual([
      { period: '2025-Q1', counts: [0, 1, 0, 0, 1], total: 2 },
      { period: '2025-Q2', counts: [0, 0, 0, 1, 1], total: 2 },
    ]);
    const spec = seriesSpec(pts, { x: 'Kwartaal', y: 'Aantal', status: 'Status', description: 'd', statusLabel: (s) => s }) as { encoding: { color: { scale: { domain: string[] } }; y: { stack: string } } };
    expect(spec.encoding.color.scale.domain).toHaveLength(5);
    expect(spec.encoding.y.stack).toBe('zero');
    expect(seriesTable(seriesOf([recs[2]], 'month', '2025-06-30'))).toEqual([]);
  });
});
