/**
 * The DOM side of selections in the document view. Each rendered block is an element with `data-index`; its
 * text element (`data-text`) contains exactly the block's slice of the transcript (white-space: pre-wrap, so
 * line breaks are text too) and nothing else, so the UTF-16 offset of a DOM point in it is the length of the
 * text before it. Speaker line, margin and screen-reader text live outside the text element.
 */
import type { CodePoints } from './sparseIndex';
import { utf16RangeToCp } from './offsets';
import { blockAt, type Block, type TextRange } from './segments';

const BLOCK = '[data-index]';
const TEXT = '[data-text]';

function blockElementOf(root: Element, node: Node): HTMLElement | null {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const block = el?.closest<HTMLElement>(BLOCK) ?? null;
  return block && root.contains(block) ? block : null;
}

/** -1, 0 or 1: the DOM point lies before, inside or after `el`. */
function comparePointToElement(el: Element, node: Node, offset: number): number {
  const r = document.createRange();
  r.selectNodeContents(el);
  return r.comparePoint(node, offset);
}

/**
 * A DOM point → a UTF-16 index into the whole text. A point in a block's speaker line or margin counts as the
 * start or end of that block's text, whichever side it is on; a point between blocks or outside the view as
 * the start of the next rendered block (`edge` 'start') or the end of the previous one ('end').
 */
export function domPointToUtf16(root: Element, blocks: readonly Block[], node: Node, offset: number, edge: 'start' | 'end'): number | null {
  const blockEl = blockElementOf(root, node);
  if (blockEl) {
    const block = blocks[Number(blockEl.dataset.index)];
    const textEl = blockEl.querySelector(TEXT);
    if (!block || !textEl) return null;
    if (textEl === node || textEl.contains(node)) {
      const r = document.createRange();
      r.setStart(textEl, 0);
      r.setEnd(node, offset);
      return Math.min(block.to, block.from + r.toString().length);
    }
    return comparePointToElement(textEl, node, offset) < 0 ? block.from : block.to;
  }
  const rendered = [...root.querySelectorAll<HTMLElement>(BLOCK)];
  if (edge === 'start') {
    for (const el of rendered) {
      if (comparePointToElement(el, node, offset) <= 0) return blocks[Number(el.dataset.index)]?.from ?? null;
    }
  } else {
    for (let i = rendered.length - 1; i >= 0; i--) {
      if (comparePointToElement(rendered[i], node, offset) >= 0) return blocks[Number(rendered[i].dataset.index)]?.to ?? null;
    }
  }
  return null;
}

/** A DOM range that touches the view → the code-point range of the transcript it covers, or null. */
export function domRangeToTextRange(root: Element, blocks: readonly Block[], idx: CodePoints, range: AbstractRange): TextRange | null {
  if (range.collapsed) return null;
  const from = domPointToUtf16(root, blocks, range.startContainer, range.startOffset, 'start');
  const to = domPointToUtf16(root, blocks, range.endContainer, range.endOffset, 'end');
  if (from === null || to === null || to <= from) return null;
  return utf16RangeToCp(idx, from, to);
}

/** True when a DOM range starts or ends inside `root`. */
export function touches(root: Element, range: AbstractRange): boolean {
  return root.contains(range.startContainer) || root.contains(range.endContainer);
}

/** Selects the whole text of a rendered block (what Enter or M on a block does), so the choice is visible. */
export function selectBlockText(blockEl: Element): void {
  const textEl = blockEl.querySelector(TEXT);
  const sel = document.getSelection();
  if (!textEl || !sel) return;
  const r = document.createRange();
  r.selectNodeContents(textEl);
  sel.removeAllRanges();
  sel.addRange(r);
}

/** A code point → a DOM point in the rendered text of its block (null when that block is not rendered). */
function domPointOf(root: Element, blocks: readonly Block[], idx: CodePoints, cp: number, edge: 'start' | 'end'): { node: Node; offset: number } | null {
  let i = blockAt(blocks, edge === 'start' ? cp : cp - 1);
  if (i < 0) return null;
  if (edge === 'end' && blocks[i].start >= cp && i > 0) i--;
  const block = blocks[i];
  const at = Math.max(block.from, Math.min(block.to, idx.toUtf16(cp))) - block.from;
  const textEl = root.querySelector(`[data-index="${i}"] ${TEXT}`);
  if (!textEl) return null;
  const walker = document.createTreeWalker(textEl, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const len = node.data.length;
    // a start on a node boundary goes into the next node, an end into the previous one
    if (edge === 'start' ? at < seen + len : at <= seen + len) return { node, offset: at - seen };
    seen += len;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : { node: textEl, offset: 0 };
}

/** The DOM range of a code-point range whose two ends are in rendered blocks, else null. */
export function textRangeToDomRange(root: Element, blocks: readonly Block[], idx: CodePoints, range: TextRange): Range | null {
  const a = domPointOf(root, blocks, idx, range.start, 'start');
  const b = domPointOf(root, blocks, idx, range.end, 'end');
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r;
}
