/**
 * Pure parts of the report builder: the block line syntax, chapter rendering with markdown-it (footnotes, safe links,
 * no raw HTML, heading levels), the disclosure pass over figures, version comparison, and the HTML and DOCX writers
 * (the DOCX parts are well-formed XML with footnotes, numbering, a TOC field and page numbers; converted with
 * LibreOffice when `soffice` is installed).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Figure, ReportBuild } from '../../../shared/reports';
import { blockKey, blockLine, parseBlockLine, parseChapter, renderChapter } from './markdown';
import { checkFigure, countCell } from './disclosure';
import { compareFigures, compareText } from './compare';
import { reportHtml } from './html';
import { reportDocx } from './docx';
import { barSpec, renderSvg } from './charts';
import { REPORT_TEMPLATE } from './template';

const fig = (over: Partial<Figure> = {}): Figure => ({ key: 'survey-question question=q1 survey=s', type: 'survey-question', title: 'Vraag 1', tables: [], chart: null, chartAlt: '', paragraphs: [], quotes: [], notes: [], error: null, ...over });

describe('block lines', () => {
  it('parses type and parameters, quoted values too, and writes them back', () => {
    expect(parseBlockLine('[[blok:survey-question survey=abc question=q1 titel="Een titel"]]')).toEqual({ type: 'survey-question', params: { survey: 'abc', question: 'q1', titel: 'Een titel' }, raw: '[[blok:survey-question survey=abc question=q1 titel="Een titel"]]' });
    expect(parseBlockLine('  [[blok:methods]]  ')?.type).toBe('methods');
    const line = blockLine('code-quotes', { code: 'x-1', limit: 5, titel: 'Met spaties' });
    expect(line).toBe('[[blok:code-quotes code=x-1 limit=5 titel="Met spaties"]]');
    expect(parseBlockLine(line)?.params).toEqual({ code: 'x-1', limit: '5', titel: 'Met spaties' });
  });
  it('rejects malformed lines (they stay text)', () => {
    for (const bad of ['[[blok:]]', '[[blok:Survey]]', '[[blok:methods', 'blok:methods', '[[blok:methods x=]]', '[[blok:methods x="a]]', 'tekst [[blok:methods]]']) expect(parseBlockLine(bad), bad).toBeNull();
  });
  it('keys a block by type and sorted parameters', () => {
    expect(blockKey({ type: 't', params: { b: '2', a: '1' } })).toBe(blockKey({ type: 't', params: { a: '1', b: '2' } }));
  });
});

describe('chapter rendering', () => {
  it('splits the HTML at block lines, keeps footnotes per chapter and maps headings below the chapter title', () => {
    const parts = renderChapter('# Deel\n\nTekst[^1] met [link](https://example.org).\n\n[[blok:methods]]\n\n### Sub\n\n1. een\n2. twee\n\n[^1]: De noot.', 'h2');
    expect(parts.map((p) => p.kind)).toEqual(['html', 'block', 'html']);
    const [a, , b] = parts as { kind: 'html'; html: string }[];
    expect(a.html).toContain('<h3>Deel</h3>');
    expect(a.html).toContain('href="#fn-h2-1"');
    expect(a.html).toContain('<a href="https://example.org">link</a>');
    expect(b.html).toContain('<h4>Sub</h4>');
    expect(b.html).toContain('<ol>');
    expect(b.html).toContain('aria-label="Voetnoten"');
    expect(b.html).toContain('aria-label="Terug naar de tekst"');
  });
  it('never lets raw HTML or script links through', () => {
    const [p] = renderChapter('<script>alert(1)</script> en [x](javascript:alert(1)) en <img src=x onerror=alert(1)>', 'c') as { kind: 'html'; html: string }[];
    expect(p.html).not.toMatch(/<script|<img|href="javascript/i);
    expect(p.html).toContain('&lt;script&gt;');
  });
  it('the template has the ten chapters and its block lines parse', () => {
    expect(REPORT_TEMPLATE.map((c) => c.title)).toEqual(['Samenvatting', 'Inleiding', 'Methode', 'Juridisch kader', 'Resultaten', 'Goede praktijken', 'Knelpunten', 'Oplossingsrichtingen', 'Aanbevelingen', 'Bijlagen']);
    const blocks = REPORT_TEMPLATE.flatMap((c, i) => parseChapter(c.body, `t${i}`).blocks.map((b) => b.type));
    expect(blocks).toEqual(['methods', 'case-indicators', 'reunification']);
  });
});

describe('disclosure pass', () => {
  it('withholds a shown count below the threshold, keeps zeros, adds the note once and records the change', () => {
    const f = fig({ tables: [{ caption: 'T', columns: ['Antwoord', 'Aantal'], rows: [[{ text: 'a', header: true }, countCell(12, 10)], [{ text: 'b', header: true }, countCell(3, 10)], [{ text: 'c', header: true }, countCell(0, 10)], [{ text: 'd', header: true }, countCell(null, 10)]] }] });
    const r = checkFigure(f, 10, 'Resultaten');
    const cells = r.figure.tables[0].rows.map((row) => row[1]);
    expect(cells.map((c) => c.text)).toEqual(['12', '<10', '0', '<10']);
    expect(cells[1]).toMatchObject({ suppressed: true, n: null });
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({ chapter: 'Resultaten', kind: 'suppressed' });
    expect(r.figure.notes.filter((n) => n.startsWith('Cellen gemarkeerd'))).toHaveLength(1);
    expect(checkFigure(r.figure, 10, 'Resultaten').figure.notes).toHaveLength(1);
  });
  it('leaves a figure without small counts alone', () => {
    const f = fig({ tables: [{ caption: 'T', columns: ['x', 'n'], rows: [[{ text: 'a' }, countCell(40, 10)]] }] });
    expect(checkFigure(f, 10, 'H')).toEqual({ figure: f, changes: [] });
  });
});

const build = (figs: Figure[], markdown = 'Tekst.\n\n[[blok:methods]]'): ReportBuild => ({
  title: 'Rapport <test>',
  subtitle: 'Concept',
  studyTitle: 'Onderzoek',
  threshold: 10,
  builtAt: '2026-03-01T10:00:00.000Z',
  changes: [{ chapter: 'Een', block: null, kind: 'suppressed', message: 'Een cel weggelaten.' }],
  chapters: [{ id: 'c1', title: 'Een', markdown, segments: [{ kind: 'html', html: '<p>Tekst.</p>' }, ...figs.map((figure) => ({ kind: 'block' as const, figure }))] }],
});

describe('comparing versions', () => {
  it('finds text changes and changed, added and removed figures cell by cell', () => {
    const t = (n: string) => ({ caption: 'T', columns: ['A', 'n'], rows: [[{ text: 'x' }, { text: n }]] });
    const a = build([fig({ tables: [t('12')] }), fig({ key: 'old', title: 'Oud' })], 'Oude tekst.');
    const b = build([fig({ tables: [t('14')] }), fig({ key: 'new', title: 'Nieuw' })], 'Nieuwe tekst.');
    const d = compareFigures(a, b);
    expect(d.find((x) => x.key === fig().key)).toMatchObject({ status: 'changed', cells: [{ table: 'T', row: 'x', column: 'n', before: '12', after: '14' }] });
    expect(d.find((x) => x.key === 'new')?.status).toBe('added');
    expect(d.find((x) => x.key === 'old')?.status).toBe('removed');
    const text = compareText('Oude tekst.', 'Nieuwe tekst.');
    expect(text.filter((p) => p.added).map((p) => p.value)).toEqual(['Nieuwe']);
    expect(text.filter((p) => p.removed).map((p) => p.value)).toEqual(['Oude']);
  });
});

describe('exports', () => {
  const figure = fig({
    title: 'Rol <& "x">',
    chart: barSpec([{ label: 'Ja', percent: 60 }], 'Rol'),
    chartAlt: 'Staafdiagram',
    tables: [{ caption: 'Rol', columns: ['Antwoord', 'Aantal'], rows: [[{ text: 'Ja', header: true }, countCell(30, 10)], [{ text: 'Nee', header: true }, countCell(null, 10)]] }],
    quotes: [{ text: 'Het ging beter.', source: 'O-01 (ouder)' }],
    notes: ['Een noot.'],
  });

  it('renders a Vega-Lite spec to SVG on the server without styles or scripts', async () => {
    const svg = await renderSvg(figure.chart);
    expect(svg).toMatch(/^<svg /);
    expect(svg).not.toMatch(/<style|<script|<image/);
  });

  it('writes standalone, accessible HTML with everything escaped', async () => {
    const html = await reportHtml(build([figure]), { svg: async () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
    expect(html).toMatch(/^<!doctype html><html lang="nl">/);
    expect(html).toContain('<title>Rapport &lt;test&gt;</title>');
    expect(html).toContain('Figuur 1. Rol &lt;&amp; &quot;x&quot;&gt;');
    expect(html).toContain('role="img" aria-label="Staafdiagram"><svg aria-hidden="true" focusable="false" ');
    expect(html).toContain('<caption>Tabel 1. Rol</caption>');
    expect(html).toContain('<th scope="row">Nee</th><td class="num withheld">&lt;10');
    expect(html).toContain('Verantwoording van de onthullingscontrole');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('writes a DOCX whose parts are well-formed XML with a TOC field, footnotes, lists, an image and page numbers', async () => {
    const b = build([figure], '## Sectie\n\nTekst met noot[^1] en een [link](https://example.org).\n\n- a\n- b\n\n1. een\n2. twee\n\n[[blok:survey-question survey=s question=q1]]\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n[^1]: De noot.');
    const bytes = await reportDocx(b, { png: async () => ({ png: PNG_1PX, width: 10, height: 5 }) });
    const zip = unzipSync(new Uint8Array(bytes));
    for (const [name, data] of Object.entries(zip)) if (name.endsWith('.xml') || name.endsWith('.rels')) expect(XMLValidator.validate(strFromU8(data)), name).toBe(true);
    const doc = strFromU8(zip['word/document.xml']);
    expect(doc).toMatch(/<w:instrText[^>]*>TOC /);
    expect(doc).toContain('w:footnoteReference w:id="1"');
    expect(doc).toContain('Heading2');
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('descr="Staafdiagram"');
    expect(strFromU8(zip['word/footnotes.xml'])).toContain('De noot.');
    expect(Object.keys(zip).some((k) => k.startsWith('word/media/'))).toBe(true);
    const footers = Object.keys(zip).filter((k) => /^word\/footer\d*\.xml$/.test(k)).map((k) => strFromU8(zip[k]));
    expect(footers.some((f) => /PAGE/.test(f) && /NUMPAGES/.test(f))).toBe(true);
    expect(strFromU8(zip['word/settings.xml'])).toContain('updateFields');
  });

  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
  it.skipIf(!soffice)('converts the DOCX to PDF with LibreOffice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnh-docx-'));
    try {
      fs.writeFileSync(path.join(dir, 'r.docx'), await reportDocx(build([figure]), { png: async () => ({ png: PNG_1PX, width: 10, height: 5 }) }));
      execFileSync(soffice!, ['--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'r.docx')], { timeout: 120_000 });
      expect(fs.readFileSync(path.join(dir, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A 1×1 transparent PNG. */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
