import { memo, useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useReducer, useRef, useState, type CSSProperties, type FocusEvent, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { domRangeToTextRange, selectBlockText, textRangeToDomRange, touches } from './domSelection';
import { HeightIndex, estimateHeight, renderItems, visibleRange, type Metrics, type WindowRange } from './layout';
import {
  assignLanes,
  blockAt,
  buildBlocks,
  distribute,
  excerpt,
  safeColor,
  sameCoding,
  sameList,
  sameRange,
  splitSegments,
  type Block,
  type CodeInfo,
  type Coding,
  type TextRange,
  type Turn,
} from './segments';
import { SparseCodePoints, type CodePoints } from './sparseIndex';

export type { CodeInfo, Coding, TextRange, Turn };

export interface DocumentViewHandle {
  /** Scrolls the block that holds code point `cp` to the top of the view; `focus` also focuses it. */
  scrollToOffset(cp: number, options?: { focus?: boolean }): void;
  /** Clears the text selection in the view (and reports null through onSelect). */
  clearSelection(): void;
}

export interface DocumentViewProps {
  /** the transcript */
  text: string;
  /** speaker turns (code points, end exclusive); empty: the text is shown per paragraph */
  turns: readonly Turn[];
  codes: readonly CodeInfo[];
  codings: readonly Coding[];
  /** the selected text as code points (end exclusive), or null when the selection in the view is cleared */
  onSelect(range: TextRange | null): void;
  /** a margin label was activated; without it the labels are not interactive */
  onOpenCoding?(id: string): void;
  /** show only the codings of these codes (undefined or null: all) */
  highlightCodeIds?: ReadonlySet<string> | null;
  searchHits?: readonly TextRange[];
  /** accessible name of the document region */
  label: string;
  /** extra class on the scrolling region (e.g. to set its height) */
  className?: string;
  ref?: Ref<DocumentViewHandle>;
}

/** Pixels rendered above and below the visible part. */
const OVERSCAN = 700;
const NO_RANGES: readonly TextRange[] = [];
const BLOCK_SELECTOR = '[data-index]';

const DEFAULT_METRICS: Metrics = { textWidth: 560, charWidth: 7.7, lineHeight: 36, chrome: 25, speaker: 22, label: 32, marginBeside: true };

interface CodeStyle {
  name: string;
  color: string;
}
type CodeMap = ReadonlyMap<string, CodeStyle>;

const sameBlock = (a: Block, b: Block) => a.start === b.start && a.end === b.end && a.from === b.from && a.to === b.to && a.speaker === b.speaker && a.kind === b.kind && a.index === b.index;
const sameCodingList = (a: readonly Coding[], b: readonly Coding[]) => sameList(a, b, sameCoding);
const sameRangeList = (a: readonly TextRange[], b: readonly TextRange[]) => sameList(a, b, sameRange);

/**
 * Keeps the items of `next` that equal (by `same`) the item at the same position of the previous result, and
 * the previous array itself when nothing changed: memoised children then skip unchanged blocks.
 */
function useStableArray<T>(next: readonly T[], same: (a: T, b: T) => boolean): readonly T[] {
  const prev = useRef<readonly T[]>(next);
  const stable = useMemo(() => {
    const before = prev.current;
    if (before === next) return next;
    let unchanged = before.length === next.length;
    const merged = next.map((item, i) => {
      const old = before[i];
      if (old !== undefined && (old === item || same(old, item))) return old;
      unchanged = false;
      return item;
    });
    return unchanged ? before : merged;
  }, [next, same]);
  useLayoutEffect(() => {
    prev.current = stable;
  });
  return stable;
}

/** The latest value of a prop, for stable callbacks. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}

const speakerShown = (text: string, b: Block) => !!b.speaker && !text.startsWith(`${b.speaker}:`, b.from);

/**
 * A transcript to code: blocks per speaker turn (or paragraph), with the codings as highlights (overlaps as
 * stacked bars under the text, one lane per coding) and their codes as labels in a margin beside each block.
 *
 * Fast on long transcripts: only the blocks in and near the viewport are rendered (own windowing: estimated
 * heights, replaced by measured ones through one ResizeObserver, with the scroll position held on the block
 * at the top while heights change); each block is memoised and gets the same coding list object as long as its
 * codings did not change, so adding a coding re-renders only the block(s) it touches.
 *
 * Selections are reported as code points (also with emoji, combining characters and line breaks); Enter or M on
 * a focused block selects the whole block. The blocks form a feed: arrows, Page Up/Down, Home and End move
 * between them (roving tabindex), and each block describes its codes for screen readers.
 */
export function DocumentView({ text, turns, codes, codings, onSelect, onOpenCoding, highlightCodeIds, searchHits, label, className, ref }: DocumentViewProps) {
  const { t } = useTranslation();
  const idBase = `cv${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  // ---- model --------------------------------------------------------------------------------------------
  const idx = useMemo(() => new SparseCodePoints(text), [text]);
  const blocks = useStableArray(
    useMemo(() => buildBlocks(idx, turns), [idx, turns]),
    sameBlock,
  );
  const codeKey = codes.map((c) => `${c.id}\u0000${c.name}\u0000${c.color}`).join('\u0001');
  // keyed on the content, so that a new array with the same codes re-renders no block
  const codeMap: CodeMap = useMemo(() => new Map(codes.map((c) => [c.id, { name: c.name, color: safeColor(c.color) }])), [codeKey]);
  const filterKey = highlightCodeIds ? [...highlightCodeIds].sort().join('\u0000') : null;
  const shown = useMemo(
    () => (highlightCodeIds ? codings.filter((c) => highlightCodeIds.has(c.codeId)) : codings),
    // keyed on the set's content, not on its identity
    [codings, filterKey],
  );
  const codingsByBlock = useStableArray(
    useMemo(() => distribute(blocks, shown), [blocks, shown]),
    sameCodingList,
  );
  const hitsByBlock = useStableArray(
    useMemo(() => distribute(blocks, searchHits ?? NO_RANGES), [blocks, searchHits]),
    sameRangeList,
  );

  // ---- what was reported through onSelect ---------------------------------------------------------------
  const onSelectRef = useLatest(onSelect);
  const reported = useRef<TextRange | null>(null);
  const pointerDown = useRef(false);
  const [announcement, setAnnouncement] = useState('');

  const emit = useCallback(
    (next: TextRange | null) => {
      const prev = reported.current;
      if (next === prev || (next && prev && sameRange(next, prev))) return;
      reported.current = next;
      onSelectRef.current(next);
    },
    [onSelectRef],
  );

  // ---- windowing ----------------------------------------------------------------------------------------
  const scrollRef = useRef<HTMLDivElement>(null);
  const feedRef = useRef<HTMLDivElement>(null);
  const [metrics, setMetrics] = useState(DEFAULT_METRICS);
  const heights = useMemo(
    () => new HeightIndex(blocks.map((b, i) => estimateHeight(metrics, b.to - b.from, b.lineBreaks, speakerShown(text, b), codingsByBlock[i]?.length ?? 0))),
    // the estimates use the coding counts of the moment; measured heights replace them anyway
    [blocks, metrics],
  );
  const heightsRef = useLatest(heights);
  const blocksRef = useLatest(blocks);
  const idxRef = useLatest(idx);
  const [range, setRange] = useState<WindowRange>(() => visibleRange(heights, 0, typeof window === 'undefined' ? 800 : window.innerHeight, OVERSCAN));
  /** the block at the top of the viewport and how far it is scrolled past: kept in place when heights change */
  const anchor = useRef({ index: 0, within: 0 });
  const [active, setActive] = useState(0);
  const [pinned, setPinned] = useState<readonly number[]>([]);
  const pendingFocus = useRef<number | null>(null);
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const activeIndex = Math.max(0, Math.min(active, blocks.length - 1));

  const updateRange = useCallback(() => {
    const view = scrollRef.current;
    if (!view) return;
    const next = visibleRange(heightsRef.current, view.scrollTop, view.clientHeight, OVERSCAN);
    setRange((prev) => (prev.first === next.first && prev.last === next.last ? prev : next));
  }, [heightsRef]);

  /** Sizes the gaps from the heights, then scrolls so that the anchor block stays where it was. */
  const applyLayout = useCallback(() => {
    const feed = feedRef.current;
    const view = scrollRef.current;
    if (!feed || !view) return;
    const h = heightsRef.current;
    for (const gap of feed.querySelectorAll<HTMLElement>('[data-gap-from]')) {
      const px = h.offsetOf(Number(gap.dataset.gapTo)) - h.offsetOf(Number(gap.dataset.gapFrom));
      gap.style.height = `${px}px`;
    }
    const a = anchor.current;
    if (a.index >= h.size) return;
    const target = h.offsetOf(a.index) + a.within;
    if (Math.abs(view.scrollTop - target) >= 1) view.scrollTop = target;
  }, [heightsRef]);

  /** Scrolls the view and re-anchors at once (the scroll event comes later). */
  const scrollViewTo = useCallback(
    (px: number) => {
      const view = scrollRef.current;
      if (!view) return;
      view.scrollTop = px;
      const h = heightsRef.current;
      const i = h.indexAt(view.scrollTop);
      if (i >= 0) anchor.current = { index: i, within: view.scrollTop - h.offsetOf(i) };
    },
    [heightsRef],
  );
  /** the block that keyboard navigation moved to: kept in view while heights settle, until the user scrolls */
  const keepVisible = useRef<number | null>(null);
  const reveal = useCallback(
    (i: number) => {
      const view = scrollRef.current;
      const el = feedRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
      if (!view || !el) return;
      const top = el.offsetTop;
      const bottom = top + el.offsetHeight;
      if (top < view.scrollTop) scrollViewTo(top);
      else if (bottom > view.scrollTop + view.clientHeight) scrollViewTo(Math.min(top, bottom - view.clientHeight));
    },
    [scrollViewTo],
  );

  const observer = useRef<ResizeObserver | null>(null);
  const lastWidth = useRef(0);
  const onResize = useCallback(
    (entries: ResizeObserverEntry[]) => {
      const h = heightsRef.current;
      let changed = false;
      let widthChanged = false;
      for (const e of entries) {
        const el = e.target as HTMLElement;
        if (el === scrollRef.current) {
          const w = e.contentRect.width;
          if (lastWidth.current && Math.abs(w - lastWidth.current) > 1) widthChanged = true;
          lastWidth.current = w;
          continue;
        }
        const i = Number(el.dataset.index);
        if (!(i >= 0) || !el.isConnected) continue;
        const size = e.borderBoxSize?.[0]?.blockSize ?? el.getBoundingClientRect().height;
        if (h.set(i, size)) changed = true;
      }
      if (widthChanged && feedRef.current) {
        h.reset();
        for (const el of feedRef.current.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)) h.set(Number(el.dataset.index), el.getBoundingClientRect().height);
        changed = true;
      }
      if (h.calibrate()) changed = true;
      if (!changed) return;
      applyLayout();
      if (keepVisible.current !== null) reveal(keepVisible.current);
      // render the blocks that now fit before this frame is painted
      flushSync(updateRange);
    },
    [heightsRef, applyLayout, updateRange, reveal],
  );
  const onResizeRef = useLatest(onResize);
  const register = useCallback((el: HTMLElement | null) => {
    if (!el) return;
    observer.current ??= new ResizeObserver((entries) => onResizeRef.current(entries));
    const ro = observer.current;
    ro.observe(el);
    return () => ro.unobserve(el);
  }, [onResizeRef]);

  useEffect(() => {
    // (re)observe the view and whatever blocks are there: in any order of ref callbacks and effects
    const ro = (observer.current ??= new ResizeObserver((entries) => onResizeRef.current(entries)));
    if (scrollRef.current) ro.observe(scrollRef.current);
    for (const el of feedRef.current?.querySelectorAll<HTMLElement>(BLOCK_SELECTOR) ?? []) ro.observe(el);
    return () => {
      ro.disconnect();
      observer.current = null;
    };
  }, [onResizeRef]);

  // New heights (other blocks or metrics): measure the blocks on screen at once (the ResizeObserver only reports
  // sizes that changed); another text starts at the top, without the previous selection.
  const shownText = useRef(text);
  useLayoutEffect(() => {
    const view = scrollRef.current;
    const feed = feedRef.current;
    if (!view || !feed) return;
    if (shownText.current !== text) {
      shownText.current = text;
      view.scrollTop = 0;
      setPinned([]);
      setActive(0);
      emit(null);
    }
    for (const el of feed.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)) heights.set(Number(el.dataset.index), el.getBoundingClientRect().height);
    heights.calibrate();
    const i = heights.indexAt(view.scrollTop);
    anchor.current = { index: Math.max(0, i), within: Math.max(0, view.scrollTop - heights.offsetOf(i)) };
    updateRange();
  }, [heights, text, updateRange, emit]);

  // metrics from the first rendered block (text width, line height, margin beside or below)
  useLayoutEffect(() => {
    const first = feedRef.current?.querySelector<HTMLElement>(BLOCK_SELECTOR);
    const textEl = first?.querySelector<HTMLElement>('[data-text]');
    if (!first || !textEl) return;
    const style = getComputedStyle(textEl);
    const fontSize = parseFloat(style.fontSize) || 16;
    const lineHeight = parseFloat(style.lineHeight) || fontSize * 2.25;
    const blockStyle = getComputedStyle(first);
    const next: Metrics = {
      ...DEFAULT_METRICS,
      textWidth: textEl.clientWidth || DEFAULT_METRICS.textWidth,
      charWidth: fontSize * 0.48,
      lineHeight,
      chrome: (parseFloat(blockStyle.paddingTop) || 0) + (parseFloat(blockStyle.paddingBottom) || 0) + (parseFloat(blockStyle.borderBottomWidth) || 0),
      speaker: fontSize * 1.4,
      label: fontSize * 2,
      marginBeside: blockStyle.gridTemplateColumns.trim().split(/\s+/).length > 1,
    };
    setMetrics((prev) => (Math.abs(prev.textWidth - next.textWidth) > 8 || Math.abs(prev.lineHeight - next.lineHeight) > 1 || prev.marginBeside !== next.marginBeside || Math.abs(prev.chrome - next.chrome) > 1 ? next : prev));
    // once, when the first blocks are there
  }, [blocks.length > 0]);

  // after every render: size the gaps, keep the anchor, focus a block that keyboard navigation moved to
  useLayoutEffect(() => {
    applyLayout();
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    const el = feedRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    if (!el) return;
    el.focus({ preventScroll: true });
    keepVisible.current = target;
    reveal(target);
  });

  const onScroll = useCallback(() => {
    const view = scrollRef.current;
    if (!view) return;
    const h = heightsRef.current;
    const top = view.scrollTop;
    const i = h.indexAt(top);
    if (i < 0) return;
    anchor.current = { index: i, within: top - h.offsetOf(i) };
    updateRange();
    // keyboard users who scrolled with the mouse start at the top of what they see
    if (!feedRef.current?.contains(document.activeElement)) {
      const visible = h.offsetOf(i + 1) - top < 24 && i + 1 < h.size ? i + 1 : i;
      setActive((prev) => (prev === visible ? prev : visible));
    }
  }, [heightsRef, updateRange]);

  useEffect(() => {
    const view = scrollRef.current;
    if (!view) return;
    const userScrolls = () => {
      keepVisible.current = null;
    };
    view.addEventListener('scroll', onScroll, { passive: true });
    for (const type of ['wheel', 'touchstart', 'pointerdown'] as const) view.addEventListener(type, userScrolls, { passive: true });
    return () => {
      view.removeEventListener('scroll', onScroll);
      for (const type of ['wheel', 'touchstart', 'pointerdown'] as const) view.removeEventListener(type, userScrolls);
    };
  }, [onScroll]);

  const items = useMemo(() => renderItems(range, [activeIndex, ...pinned], blocks.length), [range, activeIndex, pinned, blocks.length]);

  // ---- selection ----------------------------------------------------------------------------------------

  const pinSelection = useCallback((r: AbstractRange) => {
    const ends = [r.startContainer, r.endContainer]
      .map((n) => (n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement)?.closest<HTMLElement>(BLOCK_SELECTOR))
      .map((el) => (el && feedRef.current?.contains(el) ? Number(el.dataset.index) : -1))
      .filter((i) => i >= 0);
    setPinned((prev) => (prev.length === ends.length && prev.every((p, k) => p === ends[k]) ? prev : ends));
  }, []);

  const report = useCallback(() => {
    const feed = feedRef.current;
    const sel = document.getSelection();
    if (!feed || !sel || !sel.rangeCount) return;
    const r = sel.getRangeAt(0);
    if (!touches(feed, r)) return;
    if (r.collapsed) {
      emit(null);
      return;
    }
    const next = domRangeToTextRange(feed, blocksRef.current, idxRef.current, r);
    if (next) pinSelection(r);
    emit(next);
  }, [blocksRef, idxRef, emit, pinSelection]);

  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      if (pointerDown.current || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        report();
      });
    };
    const onUp = () => {
      if (!pointerDown.current) return;
      pointerDown.current = false;
      report();
    };
    document.addEventListener('selectionchange', onChange);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onUp);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onChange);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
    };
  }, [report]);

  // A re-rendered block (e.g. a code was just applied) replaces its text nodes, which moves a DOM selection
  // in it: put the reported selection back, so another code can be applied to the same text.
  useLayoutEffect(() => {
    const feed = feedRef.current;
    const want = reported.current;
    const sel = document.getSelection();
    if (!feed || !want || !sel || !sel.rangeCount || pointerDown.current) return;
    const r = sel.getRangeAt(0);
    if (!touches(feed, r)) return;
    const now = r.collapsed ? null : domRangeToTextRange(feed, blocks, idx, r);
    if (now && sameRange(now, want)) return;
    const restored = textRangeToDomRange(feed, blocks, idx, want);
    if (!restored) return;
    sel.removeAllRanges();
    sel.addRange(restored);
  }, [codingsByBlock, hitsByBlock, blocks, idx]);

  const clearSelection = useCallback(() => {
    const sel = document.getSelection();
    if (sel?.rangeCount && feedRef.current && touches(feedRef.current, sel.getRangeAt(0))) sel.removeAllRanges();
    emit(null);
  }, [emit]);

  const blockName = useCallback(
    (b: Block) => (b.kind === 'paragraph' ? t('coding.paragraph', { n: b.index + 1 }) : b.speaker ? t('coding.turnBy', { n: b.index + 1, speaker: b.speaker }) : t('coding.turn', { n: b.index + 1 })),
    [t],
  );

  const moveTo = useCallback(
    (i: number) => {
      const target = Math.max(0, Math.min(blocksRef.current.length - 1, i));
      pendingFocus.current = target;
      setActive(target);
      // the block is rendered (the active one always is) and focused after this render
      bump();
    },
    [blocksRef],
  );

  const chooseBlock = useCallback(
    (i: number) => {
      const b = blocksRef.current[i];
      const el = feedRef.current?.querySelector(`[data-index="${i}"]`);
      if (!b || !el) return;
      selectBlockText(el);
      emit({ start: b.start, end: b.end });
      setPinned([i]);
      setAnnouncement(t('coding.selected', { name: blockName(b) }));
    },
    [blocksRef, emit, t, blockName],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    if (!el.matches(BLOCK_SELECTOR) || e.altKey || e.ctrlKey || e.metaKey) return;
    const i = Number(el.dataset.index);
    const last = blocks.length - 1;
    const go: Record<string, number> = { ArrowDown: i + 1, PageDown: i + 1, ArrowUp: i - 1, PageUp: i - 1, Home: 0, End: last };
    if (e.key === 'Enter' || e.key === 'm' || e.key === 'M') {
      e.preventDefault();
      chooseBlock(i);
    } else if (e.key in go) {
      e.preventDefault();
      moveTo(go[e.key]);
    } else if (e.key === 'Escape' && reported.current) {
      e.preventDefault();
      clearSelection();
      setAnnouncement(t('coding.selectionCleared'));
    }
  };

  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>(BLOCK_SELECTOR);
    if (!el) return;
    const i = Number(el.dataset.index);
    setActive((prev) => (prev === i ? prev : i));
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    pointerDown.current = true;
    // keep the block where a drag starts rendered, or scrolling while selecting would lose the selection
    const el = (e.target as HTMLElement).closest<HTMLElement>(BLOCK_SELECTOR);
    if (el) {
      const i = Number(el.dataset.index);
      setPinned((prev) => (prev.length === 1 && prev[0] === i ? prev : [i]));
    }
  };

  const scrollToOffset = useCallback(
    (cp: number, options?: { focus?: boolean }) => {
      const i = blockAt(blocksRef.current, cp);
      if (i < 0) return;
      keepVisible.current = null;
      scrollViewTo(heightsRef.current.offsetOf(i));
      updateRange();
      if (options?.focus) moveTo(i);
    },
    [blocksRef, heightsRef, scrollViewTo, updateRange, moveTo],
  );
  useImperativeHandle(ref, () => ({ scrollToOffset, clearSelection }), [scrollToOffset, clearSelection]);

  const onOpenRef = useLatest(onOpenCoding);
  const hasOpen = !!onOpenCoding;
  const openCoding = useCallback((id: string) => onOpenRef.current?.(id), [onOpenRef]);

  return (
    <div className="cv">
      <p id={`${idBase}-help`} className="visually-hidden">
        {t('coding.instructions')}
      </p>
      <div
        ref={scrollRef}
        className={`cv-scroll${className ? ` ${className}` : ''}`}
        role="region"
        aria-label={label}
        aria-describedby={`${idBase}-help`}
        tabIndex={0}
      >
        <div ref={feedRef} role="feed" className="cv-feed" onKeyDown={onKeyDown} onFocus={onFocus} onPointerDown={onPointerDown}>
          {items.map((item) =>
            item.type === 'gap' ? (
              <div key={`g${item.from}`} className="cv-gap" aria-hidden="true" data-gap-from={item.from} data-gap-to={item.to} />
            ) : (
              <BlockView
                key={item.index}
                block={blocks[item.index]}
                name={blockName(blocks[item.index])}
                total={blocks.length}
                idx={idx}
                codings={codingsByBlock[item.index]}
                hits={hitsByBlock[item.index]}
                codeMap={codeMap}
                tabbable={item.index === activeIndex}
                register={register}
                onOpen={hasOpen ? openCoding : null}
                idBase={idBase}
              />
            ),
          )}
        </div>
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}

interface BlockProps {
  block: Block;
  name: string;
  total: number;
  idx: CodePoints;
  codings: readonly Coding[];
  hits: readonly TextRange[];
  codeMap: CodeMap;
  /** the block is the feed's tab stop (roving tabindex) */
  tabbable: boolean;
  register: (el: HTMLElement | null) => void | (() => void);
  onOpen: ((id: string) => void) | null;
  idBase: string;
}

const FALLBACK: CodeStyle = { name: '', color: '#6b7280' };


const BlockView = memo(function BlockView({ block, name, total, idx, codings, hits, codeMap, tabbable, register, onOpen, idBase }: BlockProps) {
  const { t } = useTranslation();
  const text = idx.text;
  const slice = (start: number, end: number) => text.slice(idx.toUtf16(start), idx.toUtf16(end));

  const { lanes, segments } = useMemo(() => {
    const clipped = codings.map((c) => ({ start: Math.max(c.start, block.start), end: Math.min(c.end, block.end) }));
    const l = assignLanes(clipped);
    return { lanes: l, segments: splitSegments(block, clipped, l, hits) };
  }, [block, codings, hits]);

  const code = (id: string) => codeMap.get(id) ?? FALLBACK;
  const names = [...new Set(codings.map((c) => code(c.codeId).name || t('coding.unknownCode')))];
  // "A, B en C" (Intl.ListFormat would do, but creating one costs tens of milliseconds when a document opens)
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t('coding.and')} ${names.at(-1)}` : (names[0] ?? '');
  const descId = `${idBase}-d${block.index}`;
  const codeName = (id: string) => code(id).name || t('coding.unknownCode');

  return (
    <article
      ref={register}
      data-index={block.index}
      className="cv-block"
      tabIndex={tabbable ? 0 : -1}
      aria-posinset={block.index + 1}
      aria-setsize={total}
      aria-label={name}
      aria-describedby={descId}
    >
      <div className="cv-body">
        {speakerShown(text, block) ? <div className="cv-speaker">{block.speaker}</div> : null}
        <div className="cv-text" data-text="">
          {segments.map((seg) => {
            const str = slice(seg.start, seg.end);
            if (!seg.active.length && !seg.hit) return str;
            const style: Record<string, string> = {};
            const ids: string[] = [];
            for (const k of seg.active) {
              const c = codings[k];
              ids.push(c.id);
              if (lanes[k] < 3) style[`--c${lanes[k] + 1}`] = code(c.codeId).color;
            }
            if (seg.active.length) style['--tint'] = code(codings[seg.active[0]].codeId).color;
            const depth = seg.active.length ? `cv-seg cv-d${Math.min(seg.active.length, 4)}` : '';
            const cls = seg.hit ? `${depth} cv-hit`.trim() : depth;
            const props = { className: cls, style: style as CSSProperties, 'data-codings': ids.length ? ids.join(' ') : undefined };
            return seg.hit ? (
              <mark key={seg.start} {...props}>
                {str}
              </mark>
            ) : (
              <span key={seg.start} {...props}>
                {str}
              </span>
            );
          })}
        </div>
      </div>
      <div className="cv-margin">
        {codings.length ? (
          <ul className="cv-labels" aria-label={t('coding.codingsIn', { name })}>
            {codings.map((c) => {
              const continued = c.start < block.start;
              const body = (
                <>
                  <span className="cv-label-name">
                    {continued ? <span aria-hidden="true">… </span> : null}
                    {codeName(c.codeId)}
                  </span>
                  {c.memo ? (
                    <span className="cv-label-memo" aria-hidden="true">
                      ✎
                    </span>
                  ) : null}
                  <span className="visually-hidden">
                    {continued ? `, ${t('coding.continued')}` : ''}
                    {c.memo ? `, ${t('coding.hasMemo')}` : ''}: “{excerpt(slice(Math.max(c.start, block.start), Math.min(c.end, block.end)))}”
                  </span>
                </>
              );
              const style = { '--c': code(c.codeId).color } as CSSProperties;
              return (
                <li key={c.id}>
                  {onOpen ? (
                    <button
                      type="button"
                      className={`cv-label${continued ? ' cv-label-cont' : ''}`}
                      style={style}
                      title={t('coding.openTitle', { code: codeName(c.codeId) })}
                      tabIndex={tabbable ? undefined : -1}
                      onClick={() => onOpen(c.id)}
                    >
                      {body}
                    </button>
                  ) : (
                    <span className={`cv-label${continued ? ' cv-label-cont' : ''}`} style={style}>
                      {body}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
      <span id={descId} className="visually-hidden">
        {names.length ? t('coding.codedAs', { codes: list }) : t('coding.notCoded')}
      </span>
    </article>
  );
});
