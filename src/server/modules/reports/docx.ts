/**
 * The DOCX report with the `docx` package: a title page, a table-of-contents field (Word and LibreOffice fill it in
 * when the file is opened: `updateFields`), chapters as Heading 1 and the Markdown headings below them, lists,
 * links, real footnotes, tables with a repeated header row, charts as PNG images with alt text (a table always
 * follows the chart), and page numbers in the footer. The Markdown of each chapter is walked token by token.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Figure, ReportBuild } from '../../../shared/reports';
import { parseChapter, sectionLevel, type Token } from './markdown';

type Block = Paragraph | Table | TableOfContents;

export interface DocxOptions {
  png: (fig: Figure) => Promise<{ png: Buffer; width: number; height: number } | null>;
  versionLabel?: string;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

interface Fmt {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
}

/** Inline tokens → runs (text, emphasis, links, footnote references). */
function inlineRuns(children: Token[], footnoteBase: number, base: Fmt = {}): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  const fmt: Fmt = { ...base };
  let link: { href: string; runs: TextRun[] } | null = null;
  const text = (t: string) => new TextRun({ text: t, bold: fmt.bold, italics: fmt.italics, strike: fmt.strike, font: fmt.code ? 'Courier New' : undefined, style: link ? 'Hyperlink' : undefined });
  const push = (r: TextRun) => (link ? link.runs.push(r) : runs.push(r));
  for (const t of children) {
    switch (t.type) {
      case 'text':
        push(text(t.content));
        break;
      case 'code_inline':
        fmt.code = true;
        push(text(t.content));
        fmt.code = false;
        break;
      case 'softbreak':
        push(text(' '));
        break;
      case 'hardbreak':
        push(new TextRun({ text: '', break: 1 }));
        break;
      case 'strong_open':
        fmt.bold = true;
        break;
      case 'strong_close':
        fmt.bold = base.bold;
        break;
      case 'em_open':
        fmt.italics = true;
        break;
      case 'em_close':
        fmt.italics = base.italics;
        break;
      case 's_open':
        fmt.strike = true;
        break;
      case 's_close':
        fmt.strike = false;
        break;
      case 'link_open':
        link = { href: String(t.attrGet('href') ?? ''), runs: [] };
        break;
      case 'link_close':
        if (link) runs.push(new ExternalHyperlink({ link: link.href, children: link.runs.length ? link.runs : [new TextRun({ text: link.href, style: 'Hyperlink' })] }));
        link = null;
        break;
      case 'footnote_ref':
        runs.push(new FootnoteReferenceRun(footnoteBase + (t.meta as { id: number }).id + 1));
        break;
      case 'image':
        push(text(t.content || '[afbeelding]'));
        break;
      default:
        if (t.content) push(text(t.content));
    }
  }
  return runs;
}

const cellPara = (text: string, opts: { bold?: boolean; right?: boolean; italics?: boolean } = {}) =>
  new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, spacing: { before: 40, after: 40 }, children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, size: 18 })] });

const border = { style: BorderStyle.SINGLE, size: 4, color: '8A8F98' };
const borders = { top: border, bottom: border, left: border, right: border };

function docxTable(columns: string[], rows: { text: string; n?: number | null; suppressed?: boolean; header?: boolean }[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => new TableCell({ borders, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EDF5' }, children: [cellPara(c, { bold: true })] })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((c, j) => new TableCell({ borders, children: [cellPara(c.text, { bold: j === 0 || c.header, right: j > 0 && (typeof c.n === 'number' || /^[\d<–-]/.test(c.text)), italics: c.suppressed })] })),
          }),
      ),
    ],
  });
}

async function figureBlocks(fig: Figure, n: number, opts: DocxOptions): Promise<Block[]> {
  const out: Block[] = [new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [new TextRun({ text: `Figuur ${n}. ${fig.title}`, bold: true })] })];
  if (fig.error) out.push(new Paragraph({ children: [new TextRun({ text: `Dit blok kon niet worden gemaakt: ${fig.error}`, bold: true, color: '8A1C1C' })] }));
  if (fig.chart) {
    const img = await opts.png(fig).catch(() => null);
    if (img) {
      const width = Math.min(600, img.width);
      const height = Math.round((img.height * width) / img.width);
      out.push(new Paragraph({ keepNext: true, children: [new ImageRun({ type: 'png', data: img.png, transformation: { width, height }, altText: { name: `Figuur ${n}`, title: fig.title, description: fig.chartAlt || fig.title } })] }));
    }
  }
  fig.tables.forEach((t, i) => {
    out.push(new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [new TextRun({ text: `Tabel ${n}${fig.tables.length > 1 ? String.fromCharCode(97 + i) : ''}. ${t.caption}`, italics: true })] }));
    out.push(docxTable(t.columns, t.rows));
  });
  for (const p of fig.paragraphs) out.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun(p)] }));
  for (const q of fig.quotes) {
    out.push(new Paragraph({ indent: { left: 567 }, spacing: { before: 120 }, children: [new TextRun({ text: `“${q.text}”`, italics: true })] }));
    out.push(new Paragraph({ indent: { left: 567 }, children: [new TextRun({ text: `— ${q.source}`, size: 18 })] }));
  }
  for (const note of fig.notes) out.push(new Paragraph({ spacing: { before: 80 }, children: [new TextRun({ text: `Noot: ${note}`, size: 18, italics: true })] }));
  return out;
}

export async function reportDocx(build: ReportBuild, opts: DocxOptions): Promise<Buffer> {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let footnoteBase = 0;
  let figureNo = 0;
  let listInstance = 0;
  const body: Block[] = [];

  for (const [ci, ch] of build.chapters.entries()) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(`${ci + 1}. ${ch.title}`)] }));
    const figures = ch.segments.filter((s) => s.kind === 'block').map((s) => (s as { figure: Figure }).figure);
    const { tokens, env } = parseChapter(ch.markdown ?? '', `c${ci}`);
    const lists: { ordered: boolean; instance: number }[] = [];
    let quoteDepth = 0;
    let footnote: { id: number; paras: Paragraph[] } | null = null;
    let table: { rows: string[][]; header: boolean[]; cur: string[] | null } | null = null;
    let headingLevel = -1;
    let blockIndex = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'heading_open':
          headingLevel = Math.min(5, sectionLevel(Number(t.tag.slice(1))) - 1);
          break;
        case 'heading_close':
          headingLevel = -1;
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          lists.push({ ordered: t.type === 'ordered_list_open', instance: ++listInstance });
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          lists.pop();
          break;
        case 'blockquote_open':
          quoteDepth++;
          break;
        case 'blockquote_close':
          quoteDepth--;
          break;
        case 'footnote_open':
          footnote = { id: footnoteBase + (t.meta as { id: number }).id + 1, paras: [] };
          break;
        case 'footnote_close':
          if (footnote) footnotes[footnote.id] = { children: footnote.paras.length ? footnote.paras : [new Paragraph('')] };
          footnote = null;
          break;
        case 'table_open':
          table = { rows: [], header: [], cur: null };
          break;
        case 'tr_open':
          if (table) table.cur = [];
          break;
        case 'tr_close':
          if (table?.cur) table.rows.push(table.cur);
          break;
        case 'thead_open':
          break;
        case 'table_close':
          if (table && table.rows.length) body.push(docxTable(table.rows[0], table.rows.slice(1).map((r) => r.map((text) => ({ text })))));
          table = null;
          break;
        case 'hr':
          body.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '8A8F98', space: 1 } }, children: [] }));
          break;
        case 'fence':
        case 'code_block':
          for (const line of t.content.replace(/\n$/, '').split('\n')) body.push(new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New', size: 18 })] }));
          break;
        case 'tnh_block': {
          const fig = figures[blockIndex++];
          if (fig) body.push(...(await figureBlocks(fig, ++figureNo, opts)));
          break;
        }
        case 'inline': {
          if (table?.cur) {
            table.cur.push(t.content);
            break;
          }
          const runs = inlineRuns(t.children ?? [], footnoteBase);
          if (footnote) {
            footnote.paras.push(new Paragraph({ children: runs }));
            break;
          }
          if (headingLevel > 0) {
            body.push(new Paragraph({ heading: HEADINGS[headingLevel], keepNext: true, children: runs }));
            break;
          }
          const list = lists.at(-1);
          if (list) {
            const level = Math.min(lists.length - 1, 8);
            body.push(list.ordered ? new Paragraph({ numbering: { reference: 'tnh-ordered', level, instance: list.instance }, children: runs }) : new Paragraph({ bullet: { level }, children: runs }));
          } else if (quoteDepth > 0) {
            body.push(new Paragraph({ indent: { left: 567 * quoteDepth }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: '1D4F91', space: 8 } }, children: runs }));
          } else body.push(new Paragraph({ spacing: { after: 120 }, children: runs }));
          break;
        }
        default:
          break;
      }
    }
    const fl = (env as { footnotes?: { list?: unknown[] } }).footnotes?.list;
    footnoteBase += fl?.length ?? 0;
  }

  if (build.changes.length) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun('Verantwoording van de onthullingscontrole')] }));
    body.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun(`Bij het samenstellen van dit rapport zijn alle aantallen getoetst aan de onthullingsdrempel van ${build.threshold} en alle citaten aan de toestemming van de deelnemers en een identificatiescan. Dit is gewijzigd of geweigerd:`)] }));
    for (const c of build.changes) body.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${c.chapter}: ${c.message}`)] }));
  }

  const date = new Date(build.builtAt).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
  const titlePage: Block[] = [
    new Paragraph({ spacing: { before: 2400 } }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(build.title)] }),
    ...(build.subtitle ? [new Paragraph({ spacing: { after: 480 }, children: [new TextRun({ text: build.subtitle, size: 32 })] })] : []),
    new Paragraph({ children: [new TextRun({ text: build.studyTitle, size: 24 })] }),
    new Paragraph({ children: [new TextRun({ text: `${opts.versionLabel ?? 'Concept'} · ${date}`, size: 24 })] }),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: 'Inhoud', bold: true, size: 32 })] }),
    new TableOfContents('Inhoud', { hyperlink: true, headingStyleRange: '1-3' }),
  ];

  const doc = new Document({
    creator: 'Terug naar huis',
    title: build.title,
    description: build.subtitle || build.title,
    language: 'nl-NL',
    features: { updateFields: true },
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'nl-NL' } } } } },
    numbering: {
      config: [
        {
          reference: 'tnh-ordered',
          levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
        },
      ],
    },
    footnotes,
    sections: [
      {
        properties: { titlePage: true },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES], size: 18 })] })] }),
          first: new Footer({ children: [new Paragraph('')] }),
        },
        children: [...titlePage, ...body],
      },
    ],
  } as ConstructorParameters<typeof Document>[0]);
  return Packer.toBuffer(doc);
}
