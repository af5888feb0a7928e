/**
 * The chapter text: Markdown (markdown-it with markdown-it-footnote; raw HTML off, so the output is safe to show)
 * with one extension, the block line `[[blok:TYPE key=value key="value with spaces"]]` on a line of its own,
 * parsed by a markdown-it block rule into a `tnh_block` token. Pure.
 */
import MarkdownItCallable, { type MarkdownIt, type StateBlock, type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';

export type { Token };

export interface BlockRef {
  type: string;
  params: Record<string, string>;
  /** the line as written */
  raw: string;
}

const LINE = /^\[\[blok:([a-z][a-z0-9-]{0,40})((?:\s+[a-zA-Z][a-zA-Z0-9_-]{0,40}=(?:"[^"\n]*"|[^\s"\]]+))*)\s*\]\]$/;
const PARAM = /([a-zA-Z][a-zA-Z0-9_-]{0,40})=(?:"([^"\n]*)"|([^\s"\]]+))/g;

/** A block line → its type and parameters; null when the line is not a (well-formed) block line. */
export function parseBlockLine(line: string): BlockRef | null {
  const raw = line.trim();
  const m = LINE.exec(raw);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(PARAM)) params[p[1]] = p[2] ?? p[3];
  return { type: m[1], params, raw };
}

/** Writes a block line (the editor's "insert block" dialog does the same in the browser). */
export function blockLine(type: string, params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => (/^[^\s"\]]+$/.test(String(v)) ? `${k}=${v}` : `${k}="${String(v).replace(/"/g, "'")}"`));
  return `[[blok:${[type, ...parts].join(' ')}]]`;
}

/** A stable key of a block: type and sorted parameters (compares figures between versions). */
export const blockKey = (b: Pick<BlockRef, 'type' | 'params'>) =>
  [b.type, ...Object.keys(b.params).sort().map((k) => `${k}=${b.params[k]}`)].join(' ');

function blockRule(md: MarkdownIt) {
  md.block.ruler.before(
    'paragraph',
    'tnh_block',
    (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false;
      const pos = state.bMarks[startLine] + state.tShift[startLine];
      const max = state.eMarks[startLine];
      if (state.src.charCodeAt(pos) !== 0x5b /* [ */ || state.src.slice(pos, pos + 7) !== '[[blok:') return false;
      const ref = parseBlockLine(state.src.slice(pos, max));
      if (!ref) return false;
      if (silent) return true;
      const token = state.push('tnh_block', '', 0);
      token.meta = ref as unknown as Record<string, unknown>;
      token.block = true;
      token.map = [startLine, startLine + 1];
      state.line = startLine + 1;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );
  md.renderer.rules.tnh_block = () => '';
}

export const md: MarkdownIt = new MarkdownItCallable({ html: false, linkify: true, typographer: false }).use(footnote as unknown as (m: MarkdownIt) => void).use(blockRule);

// Accessible footnotes: the list is a labelled region and the way back has a name.
const fnAnchor = md.renderer.rules.footnote_anchor!;
md.renderer.rules.footnote_anchor = (...args: Parameters<typeof fnAnchor>) => fnAnchor(...args).replace('class="footnote-backref"', 'class="footnote-backref" aria-label="Terug naar de tekst"');
const fnBlock = md.renderer.rules.footnote_block_open!;
md.renderer.rules.footnote_block_open = (...args: Parameters<typeof fnBlock>) => fnBlock(...args).replace('<section class="footnotes">', '<section class="footnotes" aria-label="Voetnoten">');

// Links leave the report: open them as ordinary links, but never let a link run script.
md.validateLink = (url: string) => /^(https?:|mailto:|#)/i.test(url.trim());

export interface ChapterParts {
  tokens: Token[];
  env: Record<string, unknown>;
  blocks: BlockRef[];
}

/** Parses a chapter; `docId` keeps footnote anchors apart between chapters. */
export function parseChapter(body: string, docId: string): ChapterParts {
  const env: Record<string, unknown> = { docId };
  const tokens = md.parse(body, env);
  return { tokens, env, blocks: tokens.filter((t) => t.type === 'tnh_block').map((t) => t.meta as unknown as BlockRef) };
}

export type RenderedPart = { kind: 'html'; html: string } | { kind: 'block'; ref: BlockRef; index: number };

/**
 * The level of a Markdown heading inside a chapter: the chapter title is level 1, so `#` and `##` are both a section
 * of the chapter (2), `###` a subsection (3) and so on. HTML: chapter h2, section h3; DOCX: Heading 1, Heading 2.
 */
export const sectionLevel = (markdownLevel: number) => Math.max(2, markdownLevel);

/** The chapter as HTML pieces between its blocks (footnotes at the end of the chapter). Sections start at h3. */
export function renderChapter(body: string, docId: string): RenderedPart[] {
  const { tokens, env } = parseChapter(body, docId);
  for (const t of tokens) if ((t.type === 'heading_open' || t.type === 'heading_close') && /^h[1-6]$/.test(t.tag)) t.tag = `h${Math.min(6, sectionLevel(Number(t.tag[1])) + 1)}`;
  const parts: RenderedPart[] = [];
  let slice: Token[] = [];
  let index = 0;
  const flush = () => {
    if (!slice.length) return;
    const html = md.renderer.render(slice, md.options, env).trim();
    if (html) parts.push({ kind: 'html', html });
    slice = [];
  };
  for (const t of tokens) {
    if (t.type === 'tnh_block') {
      flush();
      parts.push({ kind: 'block', ref: t.meta as unknown as BlockRef, index: index++ });
    } else slice.push(t);
  }
  flush();
  return parts;
}

/** Plain text of a chapter for comparing versions: Markdown as written, block lines kept. */
export const plainText = (title: string, body: string) => `# ${title}\n\n${body.trim()}\n`;
