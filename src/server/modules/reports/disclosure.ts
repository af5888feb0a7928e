/**
 * The report's own disclosure pass over resolved figures. The blocks already ask the other modules for
 * publication-style results (disclosure control as for the committee, with the survey module's controlTable and
 * secondary suppression); this pass checks every count in every table once more against the study threshold, marks
 * withheld cells and adds the explaining note. Pure.
 */
import type { BuildChange, Cell, Figure } from '../../../shared/reports';
import { controlCount } from '../surveys/disclosure';

export const WITHHELD = '<';

export const suppressedNote = (threshold: number) =>
  `Cellen gemarkeerd met "${WITHHELD}${threshold}" zijn weggelaten: ze tellen minder dan ${threshold} waarnemingen (de onthullingsdrempel van dit onderzoek), of ze zouden een weggelaten cel verraden. Percentages die daarop berusten zijn ook weggelaten.`;

export const withheldText = (threshold: number) => `${WITHHELD}${threshold}`;

/** A count cell: the number, or the withheld mark. */
export function countCell(n: number | null, threshold: number): Cell {
  return n === null ? { text: withheldText(threshold), n: null, suppressed: true } : { text: n.toLocaleString('nl-NL'), n };
}

/**
 * Checks every count cell of the figure against the threshold: a count from 1 up to the threshold that is still shown
 * is withheld now (and recorded as a change). Adds the note when anything in the figure is withheld.
 */
export function checkFigure(fig: Figure, threshold: number, chapter: string): { figure: Figure; changes: BuildChange[] } {
  const changes: BuildChange[] = [];
  let any = false;
  const tables = fig.tables.map((t) => ({
    ...t,
    rows: t.rows.map((row) =>
      row.map((c): Cell => {
        if (c.suppressed) {
          any = true;
          return c;
        }
        if (typeof c.n === 'number' && controlCount(c.n, threshold) === null) {
          any = true;
          changes.push({ chapter, block: fig.key, kind: 'suppressed', message: `${fig.title}: een aantal onder de drempel (${threshold}) in "${t.caption}" is weggelaten.` });
          return { text: withheldText(threshold), n: null, suppressed: true };
        }
        return c;
      }),
    ),
  }));
  const notes = [...fig.notes];
  if (any && !notes.some((n) => n.startsWith('Cellen gemarkeerd'))) notes.push(suppressedNote(threshold));
  if (any && !changes.length) changes.push({ chapter, block: fig.key, kind: 'suppressed', message: `${fig.title}: cellen onder de drempel (${threshold}) zijn weggelaten.` });
  return { figure: { ...fig, tables, notes }, changes };
}
