import { describe, expect, it } from 'vitest';
import { buildMatrix, MATRIX_PHASES } from './matrix';

describe('law-versus-practice matrix', () => {
  const findings = [
    { id: 'f1', type: 'goede_praktijk' as const, phase: 'reunification' as const },
    { id: 'f2', type: 'knelpunt' as const, phase: 'reunification' as const },
    { id: 'f3', type: 'verbeterpunt' as const, phase: null },
    { id: 'f4', type: 'oplossingsrichting' as const, phase: 'aftercare' as const },
  ];
  it('counts per norm and phase: good practice meets, knelpunt and verbeterpunt fall short, oplossingsrichting apart', () => {
    const m = buildMatrix(['n1', 'n2'], findings, [
      { normId: 'n1', findingId: 'f1' },
      { normId: 'n1', findingId: 'f2' },
      { normId: 'n1', findingId: 'f3' },
      { normId: 'n1', findingId: 'f4' },
      { normId: 'n2', findingId: 'f2' },
    ]);
    const n1 = m.get('n1')!;
    expect(n1.total).toBe(4);
    expect(n1.cells.map((c) => c.phase)).toEqual(MATRIX_PHASES);
    const cell = (p: string) => n1.cells.find((c) => c.phase === p)!;
    expect(cell('reunification')).toEqual({ phase: 'reunification', meets: 1, fallsShort: 1, other: 0, findingIds: ['f1', 'f2'] });
    expect(cell('none')).toMatchObject({ fallsShort: 1, findingIds: ['f3'] });
    expect(cell('aftercare')).toMatchObject({ meets: 0, fallsShort: 0, other: 1 });
    expect(cell('prevention')).toMatchObject({ meets: 0, fallsShort: 0, other: 0, findingIds: [] });
    expect(m.get('n2')!.total).toBe(1);
  });
  it('counts a finding once per norm, ignores unknown norms and findings (e.g. filtered out)', () => {
    const m = buildMatrix(['n1'], findings, [
      { normId: 'n1', findingId: 'f1' },
      { normId: 'n1', findingId: 'f1' },
      { normId: 'nX', findingId: 'f1' },
      { normId: 'n1', findingId: 'fX' },
    ]);
    expect(m.get('n1')!.total).toBe(1);
    expect(m.has('nX')).toBe(false);
  });
});
