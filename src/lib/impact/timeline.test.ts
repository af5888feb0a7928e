import { describe, expect, it } from 'vitest';
import { currentEntry, periodEnd, periodOf, periods, sortEntries, statusSeries, todayInNl } from './timeline';

const e = (id: string, status: string, date: string, createdAt = '2026-01-01T00:00:00Z') => ({ id, status, date, createdAt });
const S = ['geen_reactie', 'in_overweging', 'overgenomen'] as const;

describe('current status', () => {
  it('is the latest by date, not by recording order', () => {
    const h = [e('a', 'overgenomen', '2025-06-01', '2025-06-02T00:00:00Z'), e('b', 'in_overweging', '2025-03-01', '2025-07-01T00:00:00Z')];
    expect(currentEntry(h)?.id).toBe('a');
    expect(sortEntries(h).map((x) => x.id)).toEqual(['b', 'a']);
  });
  it('breaks a tie on the same date by the latest recorded', () => {
    const h = [e('a', 'overgenomen', '2025-06-01', '2025-06-02T10:00:00Z'), e('b', 'afgewezen', '2025-06-01', '2025-06-02T11:00:00Z')];
    expect(currentEntry(h)?.status).toBe('afgewezen');
  });
  it('is null without entries, and respects a cut-off date', () => {
    expect(currentEntry([])).toBeNull();
    const h = [e('a', 'in_overweging', '2025-01-15'), e('b', 'overgenomen', '2025-05-01')];
    expect(currentEntry(h, '2025-04-30')?.status).toBe('in_overweging');
    expect(currentEntry(h, '2024-12-31')).toBeNull();
  });
});

describe('periods', () => {
  it('names months and quarters and their last day', () => {
    expect(periodOf('2025-02-11', 'month')).toBe('2025-02');
    expect(periodOf('2025-02-11', 'quarter')).toBe('2025-Q1');
    expect(periodOf('2025-12-31', 'quarter')).toBe('2025-Q4');
    expect(periodEnd('2024-02', 'month')).toBe('2024-02-29');
    expect(periodEnd('2025-Q2', 'quarter')).toBe('2025-06-30');
    expect(periodEnd('2025-Q4', 'quarter')).toBe('2025-12-31');
  });
  it('lists the periods inclusive, across years', () => {
    expect(periods('2024-11-20', '2025-02-01', 'month')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(periods('2024-11-20', '2025-02-01', 'quarter')).toEqual(['2024-Q4', '2025-Q1']);
    expect(periods('2025-03-01', '2025-02-01', 'month')).toEqual([]);
  });
});

describe('status series', () => {
  it('counts each recommendation with the status in force at the end of each period', () => {
    const r1 = [e('a', 'geen_reactie', '2025-01-10'), e('b', 'in_overweging', '2025-02-20'), e('c', 'overgenomen', '2025-04-02')];
    const r2 = [e('d', 'in_overweging', '2025-03-05')];
    const pts = statusSeries([r1, r2, []], S, 'month', '2025-04-15');
    const at = (p: string) => Object.fromEntries(pts.filter((x) => x.period === p).map((x) => [x.status, x.count]));
    expect(at('2025-01')).toEqual({ geen_reactie: 1, in_overweging: 0, overgenomen: 0 });
    expect(at('2025-02')).toEqual({ geen_reactie: 0, in_overweging: 1, overgenomen: 0 });
    expect(at('2025-03')).toEqual({ geen_reactie: 0, in_overweging: 2, overgenomen: 0 });
    expect(at('2025-04')).toEqual({ geen_reactie: 0, in_overweging: 1, overgenomen: 1 });
    expect(pts).toHaveLength(4 * 3);
    const q = statusSeries([r1, r2], S, 'quarter', '2025-04-15');
    expect(q.filter((x) => x.period === '2025-Q1').map((x) => x.count)).toEqual([0, 2, 0]);
    expect(q.filter((x) => x.period === '2025-Q2').map((x) => x.count)).toEqual([0, 1, 1]);
  });
  it('is empty without entries and ignores entries after asOf', () => {
    expect(statusSeries([[], []], S, 'month', '2025-01-01')).toEqual([]);
    expect(statusSeries([[e('a', 'overgenomen', '2026-01-01')]], S, 'month', '2025-12-31')).toEqual([]);
  });
});

it('gives today in the Netherlands', () => {
  expect(todayInNl(new Date('2025-06-30T22:30:00Z'))).toBe('2025-07-01');
  expect(todayInNl(new Date('2025-01-15T12:00:00Z'))).toBe('2025-01-15');
});
