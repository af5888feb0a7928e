/**
 * Comparing two frozen versions: the text (chapters as Markdown, word diff with the `diff` package) and the figures
 * (matched by block key; every table cell whose text differs). Pure.
 */
import { diffWordsWithSpace } from 'diff';
import type { Figure, FigureDiff, ReportBuild } from '../../../shared/reports';

export const buildText = (b: ReportBuild) => b.chapters.map((c) => `# ${c.title}\n\n${c.markdown.trim()}\n`).join('\n');

export function compareText(before: string, after: string) {
  return diffWordsWithSpace(before, after).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
}

const figuresOf = (b: ReportBuild): Figure[] => b.chapters.flatMap((c) => c.segments.flatMap((s) => (s.kind === 'block' ? [s.figure] : [])));

function cellMap(f: Figure): Map<string, { table: string; row: string; column: string; text: string }> {
  const m = new Map<string, { table: string; row: string; column: string; text: string }>();
  for (const t of f.tables) {
    for (const r of t.rows) {
      const rowName = r[0]?.text ?? '';
      r.forEach((c, j) => {
        if (j === 0) return;
        const column = t.columns[j] ?? String(j);
        m.set(`${t.caption}\u0000${rowName}\u0000${column}`, { table: t.caption, row: rowName, column, text: c.text });
      });
    }
  }
  for (const [i, p] of f.paragraphs.entries()) m.set(`tekst\u0000${i}`, { table: 'Tekst', row: String(i + 1), column: '', text: p });
  for (const [i, q] of f.quotes.entries()) m.set(`citaat\u0000${i}`, { table: 'Citaten', row: String(i + 1), column: q.source, text: q.text });
  return m;
}

export function compareFigures(before: ReportBuild, after: ReportBuild): FigureDiff[] {
  const a = new Map(figuresOf(before).map((f) => [f.key, f]));
  const b = new Map(figuresOf(after).map((f) => [f.key, f]));
  const out: FigureDiff[] = [];
  for (const [key, fb] of b) {
    const fa = a.get(key);
    if (!fa) {
      out.push({ key, title: fb.title, status: 'added', cells: [] });
      continue;
    }
    const ma = cellMap(fa);
    const mb = cellMap(fb);
    const cells: FigureDiff['cells'] = [];
    for (const k of new Set([...ma.keys(), ...mb.keys()])) {
      const x = ma.get(k);
      const y = mb.get(k);
      if (x?.text === y?.text) continue;
      const ref = (y ?? x)!;
      cells.push({ table: ref.table, row: ref.row, column: ref.column, before: x?.text ?? null, after: y?.text ?? null });
    }
    out.push({ key, title: fb.title, status: cells.length || fa.error !== fb.error ? 'changed' : 'same', cells });
  }
  for (const [key, fa] of a) if (!b.has(key)) out.push({ key, title: fa.title, status: 'removed', cells: [] });
  return out;
}
