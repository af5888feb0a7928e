/** A readable Dutch table of proposals, for the command line. */
import { cpLength } from '../text/codepoints';
import { KIND_LABELS } from './pseudonymise';
import type { Proposal } from './types';

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - cpLength(s)));
const visible = (s: string) => s.replace(/\r\n|\r|\n/g, '⏎').replace(/\t/g, '⇥');

/** Formats proposals as a table with the columns Begin, Eind, Soort and Tekst, and a count. */
export function formatProposals(proposals: Proposal[]): string {
  if (proposals.length === 0) return 'Geen voorstellen gevonden.';
  const rows = [['Begin', 'Eind', 'Soort', 'Tekst'], ...proposals.map((p) => [String(p.start), String(p.end), KIND_LABELS[p.kind], visible(p.text)])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => cpLength(r[c]))));
  const line = (r: string[]) => [pad(r[0], widths[0]), pad(r[1], widths[1]), pad(r[2], widths[2]), r[3]].join('  ').trimEnd();
  const n = proposals.length;
  return [line(rows[0]), ...rows.slice(1).map(line), '', `${n} ${n === 1 ? 'voorstel' : 'voorstellen'}; posities in codepunten, einde exclusief.`].join('\n');
}
