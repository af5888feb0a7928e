/**
 * The standalone HTML report: one file, no external requests (charts as inline SVG, styles in the head), Dutch
 * `lang`, a heading per chapter, a table of contents, figures with captions, tables with captions and header
 * cells, a text alternative for every chart, and the list of what disclosure control changed or refused.
 */
import type { Figure, ReportBuild } from '../../../shared/reports';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
:root { color: #1b1b1b; background: #fff; font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; line-height: 1.5; }
body { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 2rem; margin: 0 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; border-bottom: 2px solid #1d4f91; padding-bottom: .25rem; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
a { color: #1d4f91; }
.title-page { border-bottom: 1px solid #8a8f98; padding-bottom: 1.5rem; margin-bottom: 1.5rem; }
.subtitle { font-size: 1.25rem; margin: 0 0 1rem; }
.meta { color: #3d4350; margin: 0; }
figure.block { margin: 1.5rem 0; padding: 1rem; border: 1px solid #c5cad3; border-radius: 4px; }
figure.block > figcaption { font-weight: bold; margin-bottom: .75rem; }
.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .25rem; }
th, td { border: 1px solid #8a8f98; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.withheld { font-style: italic; }
thead th { background: #e8edf5; }
blockquote { margin: .75rem 0; padding: .25rem 1rem; border-left: 4px solid #1d4f91; background: #f4f6fa; }
blockquote footer { font-size: .9rem; color: #3d4350; }
.note { font-size: .9rem; color: #3d4350; }
.error { color: #8a1c1c; font-weight: bold; }
.footnotes { font-size: .9rem; }
.footnotes-sep { border: 0; border-top: 1px solid #c5cad3; }
@media print { body { max-width: none; padding: 0; } h2 { break-before: page; } figure.block { break-inside: avoid; } nav { break-after: page; } }
`;

export interface HtmlOptions {
  /** the chart of a figure as SVG text (null: no chart; the table carries the figures) */
  svg: (fig: Figure) => Promise<string | null>;
}

export async function figureHtml(fig: Figure, n: number, opts: HtmlOptions): Promise<string> {
  const id = `fig-${n}`;
  const out: string[] = [`<figure class="block" id="${id}"><figcaption>Figuur ${n}. ${esc(fig.title)}</figcaption>`];
  if (fig.error) out.push(`<p class="error">Dit blok kon niet worden gemaakt: ${esc(fig.error)}</p>`);
  if (fig.chart) {
    const svg = await opts.svg(fig).catch(() => null);
    if (svg) out.push(`<div class="chart" role="img" aria-label="${esc(fig.chartAlt || fig.title)}">${svg.replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ')}</div>`);
  }
  fig.tables.forEach((t, i) => {
    out.push(`<table><caption>Tabel ${n}${fig.tables.length > 1 ? String.fromCharCode(97 + i) : ''}. ${esc(t.caption)}</caption><thead><tr>`);
    for (const c of t.columns) out.push(`<th scope="col">${esc(c)}</th>`);
    out.push('</tr></thead><tbody>');
    for (const row of t.rows) {
      out.push('<tr>');
      row.forEach((c, j) => {
        if (c.header || j === 0) out.push(`<th scope="row">${esc(c.text)}</th>`);
        else out.push(`<td class="${[typeof c.n === 'number' || /^[\d<–-]/.test(c.text) ? 'num' : '', c.suppressed ? 'withheld' : ''].filter(Boolean).join(' ')}">${esc(c.text)}${c.suppressed && c.text !== '–' ? '<span class="visually-hidden"> (weggelaten)</span>' : ''}</td>`);
      });
      out.push('</tr>');
    }
    out.push('</tbody></table>');
  });
  for (const p of fig.paragraphs) out.push(`<p>${esc(p)}</p>`);
  for (const q of fig.quotes) out.push(`<blockquote><p>“${esc(q.text)}”</p><footer>— ${esc(q.source)}</footer></blockquote>`);
  for (const note of fig.notes) out.push(`<p class="note">Noot: ${esc(note)}</p>`);
  out.push('</figure>');
  return out.join('');
}

const dateNl = (iso: string) => new Date(iso).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

export async function reportHtml(build: ReportBuild, opts: HtmlOptions & { versionLabel?: string }): Promise<string> {
  const out: string[] = [];
  out.push(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  out.push(`<title>${esc(build.title)}</title><style>${CSS}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style></head><body>`);
  out.push(`<header class="title-page"><h1>${esc(build.title)}</h1>`);
  if (build.subtitle) out.push(`<p class="subtitle">${esc(build.subtitle)}</p>`);
  out.push(`<p class="meta">${esc(build.studyTitle)} · ${esc(opts.versionLabel ?? 'Concept')} · ${dateNl(build.builtAt)}</p></header>`);
  out.push('<nav aria-labelledby="toc-title"><h2 id="toc-title">Inhoud</h2><ol>');
  build.chapters.forEach((c, i) => out.push(`<li><a href="#h-${i + 1}">${esc(c.title)}</a></li>`));
  if (build.changes.length) out.push('<li><a href="#verantwoording">Verantwoording van de onthullingscontrole</a></li>');
  out.push('</ol></nav><main>');
  let n = 0;
  for (const [i, c] of build.chapters.entries()) {
    out.push(`<section id="h-${i + 1}" aria-labelledby="h-${i + 1}-t"><h2 id="h-${i + 1}-t">${i + 1}. ${esc(c.title)}</h2>`);
    for (const s of c.segments) out.push(s.kind === 'html' ? s.html : await figureHtml(s.figure, ++n, opts));
    out.push('</section>');
  }
  if (build.changes.length) {
    out.push('<section id="verantwoording" aria-labelledby="verantwoording-t"><h2 id="verantwoording-t">Verantwoording van de onthullingscontrole</h2>');
    out.push(`<p>Bij het samenstellen van dit rapport zijn alle aantallen getoetst aan de onthullingsdrempel van ${build.threshold} en alle citaten aan de toestemming van de deelnemers en een identificatiescan. Dit is gewijzigd of geweigerd:</p><ul>`);
    for (const ch of build.changes) out.push(`<li>${esc(ch.chapter)}: ${esc(ch.message)}</li>`);
    out.push('</ul></section>');
  }
  out.push('</main></body></html>');
  return out.join('\n');
}
