/**
 * Benchmark page for the coding workspace's document view (bench/coding-view.bench.mjs builds it with Vite and
 * drives it in Chromium). `?mode=virtual` mounts DocumentView; `?mode=naive` renders the same text and
 * segments as one block, without windowing or memoised blocks: the baseline.
 *
 * window.__ready: performance.now() at the first paint after the first commit with all data (a message posted
 * from a requestAnimationFrame callback runs after that frame's paint); window.__apply(range?): adds one coding
 * on a visible range (or on `range`) through React state and returns its id.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useState, type CSSProperties } from 'react';
import { createRoot } from 'react-dom/client';
import { SparseCodePoints } from '../../src/web/pages/coding/sparseIndex';
import '../../src/web/i18n/i18n';
import { DocumentView, type CodeInfo, type Coding, type TextRange, type Turn } from '../../src/web/pages/coding/DocumentView';
import { assignLanes, compareRanges, safeColor, splitSegments } from '../../src/web/pages/coding/segments';
import '../../src/web/styles.css';

interface Data {
  text: string;
  turns: Turn[];
  codes: CodeInfo[];
  codings: Coding[];
}

declare global {
  interface Window {
    __ready?: number;
    __dataAt?: number;
    __apply?: (range?: TextRange) => string;
    __selected?: TextRange | null;
    __opened?: string;
    __text?: string;
    __csp: string[];
  }
}

window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));

const params = new URLSearchParams(location.search);
const mode = params.get('mode') === 'naive' ? 'naive' : 'virtual';
// for trying the view by hand: ?turns=0 (paragraphs), ?codes=code-1,code-2 (filter), ?search=woord (hits)
const noTurns = params.get('turns') === '0';
const filter = params.get('codes') ? new Set(params.get('codes')!.split(',')) : null;
const search = params.get('search');

function hitsOf(text: string, word: string | null): TextRange[] {
  if (!word) return [];
  const idx = new SparseCodePoints(text);
  const hits: TextRange[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) hits.push({ start: idx.toCp(i), end: idx.toCp(i + word.length) });
  return hits;
}

function afterPaint(fn: () => void) {
  requestAnimationFrame(() => {
    performance.mark('frame');
    const ch = new MessageChannel();
    ch.port1.onmessage = fn;
    ch.port2.postMessage(0);
  });
}

/** The baseline: the whole transcript as one block of segments, re-rendered in full on every change. */
function NaiveView({ text, codes, codings, label }: { text: string; codes: CodeInfo[]; codings: Coding[]; label: string }) {
  const idx = useMemo(() => new SparseCodePoints(text), [text]);
  const colors = new Map(codes.map((c) => [c.id, safeColor(c.color)]));
  const sorted = [...codings].sort(compareRanges);
  const lanes = assignLanes(sorted);
  const segments = splitSegments({ start: 0, end: idx.length }, sorted, lanes);
  return (
    <div className="cv-scroll" role="region" aria-label={label} tabIndex={0}>
      <div className="cv-block">
        <div className="cv-text" data-text="">
          {segments.map((seg) => {
            const str = text.slice(idx.toUtf16(seg.start), idx.toUtf16(seg.end));
            if (!seg.active.length) return str;
            const style: Record<string, string> = { '--tint': colors.get(sorted[seg.active[0]].codeId) ?? '#6b7280' };
            for (const k of seg.active) if (lanes[k] < 3) style[`--c${lanes[k] + 1}`] = colors.get(sorted[k].codeId) ?? '#6b7280';
            return (
              <span key={seg.start} className={`cv-seg cv-d${Math.min(seg.active.length, 4)}`} style={style as CSSProperties} data-codings={seg.active.map((k) => sorted[k].id).join(' ')}>
                {str}
              </span>
            );
          })}
        </div>
      </div>
    </div>
  );
}

let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

function Harness({ data }: { data: Data }) {
  const [codings, setCodings] = useState(data.codings);
  if (!performance.getEntriesByName('render').length) performance.mark('render');

  useLayoutEffect(() => {
    performance.mark('commit');
  }, []);

  useEffect(() => {
    afterPaint(() => {
      window.__ready = performance.now();
    });
    let n = 0;
    // a range in the first turns, which are on screen in both modes
    window.__apply = (range) => {
      const id = `apply-${++n}`;
      const start = range?.start ?? Math.floor(random() * 300);
      const end = range?.end ?? start + 3 + Math.floor(random() * 40);
      setCodings((prev) => [...prev, { id, codeId: data.codes[n % data.codes.length].id, start, end, memo: null }]);
      return id;
    };
  }, [data]);

  const onSelect = useCallback((r: TextRange | null) => {
    window.__selected = r;
  }, []);
  const onOpenCoding = useCallback((id: string) => {
    window.__opened = id;
  }, []);

  const label = 'Transcript: interview 1';
  const searchHits = useMemo(() => hitsOf(data.text, search), [data.text]);
  return (
    <>
      <h1>Interview 1</h1>
      {mode === 'naive' ? (
        <NaiveView text={data.text} codes={data.codes} codings={codings} label={label} />
      ) : (
        <DocumentView
          text={data.text}
          turns={noTurns ? [] : data.turns}
          codes={data.codes}
          codings={codings}
          onSelect={onSelect}
          onOpenCoding={onOpenCoding}
          highlightCodeIds={filter}
          searchHits={searchHits}
          label={label}
        />
      )}
    </>
  );
}

void fetch('./data.json')
  .then((r) => r.json() as Promise<Data>)
  .then((data) => {
    window.__dataAt = performance.now();
    window.__text = data.text;
    const root = document.getElementById('root');
    if (!root) throw new Error('#root missing');
    createRoot(root).render(<Harness data={data} />);
  });
