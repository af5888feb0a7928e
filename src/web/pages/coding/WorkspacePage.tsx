import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { codingApi, keys } from '../../api/endpoints';
import { can, type Code, type Coding as ApiCoding, type DocumentView as DocumentData, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { TextAreaField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { useSlug } from '../studies/useStudy';
import { descendants, flatten, buildTree, shortcuts, pathName } from './codebook';
import { CodebookPanel } from './CodebookPanel';
import { canWrite, codesPath, documentsPath, layerOf, ModuleGate, participantLink, pseudonymisePath, useCodingCrumbs, type CodingLayer } from './common';
import { DocumentView, type DocumentViewHandle, type TextRange, type Turn } from './DocumentView';
import { Modal } from './Modal';
import { seedWorkspace } from './prefetch';
import { excerpt } from './segments';
import { SparseCodePoints } from './sparseIndex';
import { codingReducer, countByCode, countWords, createdBy, displayTurns, forgetInUndo, isTemp, isTypingTarget, pushUndo, tempCodings, trimToContent, type UndoStep, type WsCoding } from './workspaceModel';
import { DocumentAttributes } from './DocumentAttributes';
import { SuggestionsPanel } from './SuggestionsPanel';

/**
 * The workspace's one call; the codebook in it also fills the codebook cache (which the codebook panel changes).
 * The consensus layer has its own cache entry under the document's key (so invalidating the document refreshes both).
 */
export function useDocumentQuery(slug: string, documentId: string, layer: CodingLayer = 'coder') {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: layer === 'consensus' ? [...keys.document(slug, documentId), 'consensus'] : keys.document(slug, documentId),
    retry: (n, error) => !(error instanceof ApiError && error.status < 500) && n < 2,
    queryFn: async ({ signal }) => {
      const view = await codingApi.document(slug, documentId, undefined, signal, layer);
      queryClient.setQueryData(keys.codes(slug), { codes: view.codes });
      return view;
    },
  });
}

export function WorkspacePage() {
  const { t } = useTranslation();
  const slug = useSlug();
  const documentId = useParams<{ documentId: string }>().documentId ?? '';
  // the requests the route's loader started (once per document), then asked at once, next to the study
  const queryClient = useQueryClient();
  const seeded = useRef('');
  if (seeded.current !== `${slug}/${documentId}`) {
    seeded.current = `${slug}/${documentId}`;
    seedWorkspace(queryClient, slug, documentId);
  }
  const [params] = useSearchParams();
  const layer = layerOf(params);
  const doc = useDocumentQuery(slug, documentId, layer);
  return (
    <ModuleGate action="data.read" page={t('workspace.title')}>
      {(study) => <Loader study={study} query={doc} layer={layer} />}
    </ModuleGate>
  );
}

function Loader({ study, query, layer }: { study: Study; query: UseQueryResult<DocumentData>; layer: CodingLayer }) {
  const { t } = useTranslation();
  const crumbs = useCodingCrumbs(study, { label: t('workspace.title') });
  if (query.isPending || query.isError) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading title={`${t('workspace.title')} – ${study.title}`}>{t('workspace.title')}</PageHeading>
        {layer === 'consensus' ? <LayerSwitch layer={layer} lead={can(study, 'coding.supervise')} /> : null}
        {query.isPending ? <Loading /> : null}
        <ErrorAlert error={query.error} />
        <p>
          <Link to={documentsPath(study.slug)}>{t('workspace.backToList')}</Link>
        </p>
      </>
    );
  }
  return <Workspace key={`${query.data.document.id}:${query.data.version.version}:${layer}`} study={study} data={query.data} layer={layer} reload={() => void query.refetch()} />;
}

/**
 * The coders' layer or the consensus layer (the lead's adjudicated codings, which analysis uses). The choice is kept
 * in the URL (?laag=consensus). Everyone may look at the consensus layer once a document's reliability round is
 * closed (the server refuses it before that, except to the lead); only the lead codes in it.
 */
function LayerSwitch({ layer, lead }: { layer: CodingLayer; lead: boolean }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const choose = (l: CodingLayer) => {
    if (l === layer) return;
    const next = new URLSearchParams(params);
    if (l === 'consensus') next.set('laag', 'consensus');
    else next.delete('laag');
    next.delete('pos');
    setParams(next);
  };
  return (
    <div className="ws-layer">
      <div role="group" aria-labelledby="ws-layer-label" className="ws-layer-buttons">
        <span id="ws-layer-label" className="ws-layer-label">
          {t('workspace.layer')}
        </span>
        {(['coder', 'consensus'] as const).map((l) => (
          <button key={l} type="button" className="button-secondary button-small" aria-pressed={layer === l} onClick={() => choose(l)}>
            {l === 'coder' ? t('workspace.layerCoder') : t('workspace.layerConsensus')}
          </button>
        ))}
      </div>
      <p className="small muted ws-layer-hint">{layer === 'consensus' ? (lead ? t('workspace.layerConsensusLead') : t('workspace.layerConsensusRead')) : t('workspace.layerCoderHint')}</p>
    </div>
  );
}

const toWs = (c: ApiCoding): WsCoding => ({ id: c.id, codeId: c.codeId, start: c.start, end: c.end, memo: c.memo });

function useLatest<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}

interface Status {
  text: string;
  n: number;
}

function Workspace({ study, data, layer, reload }: { study: Study; data: DocumentData; layer: CodingLayer; reload: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const doc = data.document;
  const version = data.version.version;
  const text = data.version.text;
  const slug = study.slug;
  const lead = can(study, 'coding.supervise');
  // the consensus layer is read-only except for the lead
  const writable = canWrite(study) && (layer === 'coder' || lead);
  const crumbs = useCodingCrumbs(study, { label: doc.title });

  // ---- the codebook (kept in its own cache entry: the codebook panel changes it) -------------------------
  const codesQuery = useQuery({ queryKey: keys.codes(slug), queryFn: ({ signal }) => codingApi.codes(slug, signal), initialData: () => ({ codes: data.codes }) });
  const codes: readonly Code[] = codesQuery.data?.codes ?? data.codes;
  const flat = useMemo(() => flatten(buildTree(codes)), [codes]);
  const byNumber = useMemo(() => new Map([...shortcuts(flat)].map(([id, n]) => [n, id])), [flat]);
  const nameOf = useMemo(() => new Map(codes.map((c) => [c.id, c.name])), [codes]);

  // ---- the text ----------------------------------------------------------------------------------------
  const idx = useMemo(() => new SparseCodePoints(text), [text]);
  // the turns widened over their speaker labels ("R: "), which stay out of what is coded
  const turns = useMemo(() => displayTurns(idx, data.version.units), [idx, data.version.units]);
  const turnsShown: Turn[] = useMemo(() => turns.map((u) => ({ start: u.start, end: u.end, speaker: u.speaker })), [turns]);
  const slice = useCallback((r: TextRange) => text.slice(idx.toUtf16(r.start), idx.toUtf16(r.end)), [text, idx]);

  // ---- codings: optimistic, reconciled with the server ------------------------------------------------------
  const [state, dispatch] = useReducer(codingReducer, data.codings, (cs) => ({ codings: cs.map(toWs) }));
  const synced = useRef(data.codings);
  useEffect(() => {
    if (synced.current === data.codings) return;
    synced.current = data.codings;
    dispatch({ type: 'sync', codings: data.codings.map(toWs) });
  }, [data.codings]);
  const stateRef = useLatest(state);
  const counts = useMemo(() => countByCode(state.codings), [state.codings]);

  const [selection, setSelectionState] = useState<TextRange | null>(null);
  const setSelection = useCallback((r: TextRange | null) => setSelectionState(r ? trimToContent(r, turns) : null), [turns]);
  const selectionRef = useLatest(selection);
  const [status, setStatus] = useState<Status>({ text: '', n: 0 });
  const announce = useCallback((message: string) => setStatus((s) => ({ text: message, n: s.n + 1 })), []);
  const [failure, setFailure] = useState<unknown>(null);
  const [undo, setUndo] = useState<UndoStep[]>([]);
  const undoRef = useLatest(undo);
  const [opened, setOpened] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const viewRef = useRef<DocumentViewHandle>(null);

  /** The codebook's study-wide counts follow the codings saved or removed here (without asking the server again). */
  const bumpCounts = useCallback(
    (list: readonly WsCoding[], sign: 1 | -1) => {
      if (!list.length) return;
      const delta = countByCode(list);
      queryClient.setQueryData<{ codes: Code[] }>(keys.codes(slug), (old) =>
        old ? { codes: old.codes.map((c) => (delta.has(c.id) ? { ...c, codings: Math.max(0, c.codings + sign * delta.get(c.id)!) } : c)) } : old,
      );
    },
    [queryClient, slug],
  );
  const namesOf = useCallback((ids: readonly string[]) => ids.map((id) => nameOf.get(id) ?? t('coding.unknownCode')).join(', '), [nameOf, t]);
  const fail = useCallback(
    (error: unknown, what: string) => {
      setFailure(error);
      announce(`${what} ${errorMessage(error)}`);
    },
    [announce],
  );

  /** Applies codes to a range: shown at once, saved in the background, rolled back when the server refuses. */
  const applyTo = useCallback(
    (range: TextRange, codeIds: readonly string[], memo = '', opts: { undoable?: boolean } = {}) => {
      const before = stateRef.current.codings;
      const temps = tempCodings(before, range, codeIds).map((c) => ({ ...c, memo }));
      if (!temps.length) {
        announce(t('workspace.alreadyApplied', { count: codeIds.length, codes: namesOf(codeIds) }));
        return;
      }
      dispatch({ type: 'add', codings: temps });
      const ids = temps.map((c) => c.codeId);
      announce(t('workspace.applied', { count: ids.length, codes: namesOf(ids), words: t('workspace.words', { count: countWords(slice(range)) }) }));
      setFailure(null);
      codingApi
        .apply(slug, doc.id, { version, start: range.start, end: range.end, codeIds: ids, ...(memo ? { memo } : {}), ...(layer === 'consensus' ? { layer } : {}) })
        .then((r) => {
          const saved = r.codings.map(toWs);
          dispatch({ type: 'added', tempIds: temps.map((c) => c.id), saved });
          const created = createdBy(before, saved);
          bumpCounts(created, 1);
          if (opts.undoable !== false) setUndo((u) => pushUndo(u, { kind: 'apply', codings: created }));
          void queryClient.invalidateQueries({ queryKey: keys.documents(slug) });
        })
        .catch((error: unknown) => {
          dispatch({ type: 'addFailed', tempIds: temps.map((c) => c.id) });
          fail(error, t('workspace.applyFailed', { codes: namesOf(ids) }));
        });
    },
    [stateRef, announce, t, namesOf, slice, slug, doc.id, version, layer, queryClient, fail, bumpCounts],
  );

  const apply = useCallback(
    (codeIds: string[]) => {
      if (!writable) return false;
      const range = selectionRef.current;
      if (!range) {
        announce(t('workspace.selectFirst'));
        return false;
      }
      applyTo(range, codeIds);
      return true;
    },
    [writable, selectionRef, announce, t, applyTo],
  );

  /** Removes codings: gone at once, back when the server refuses. */
  const removeCodings = useCallback(
    (list: readonly WsCoding[], opts: { undoable: boolean }) => {
      const saved = list.filter((c) => !isTemp(c.id));
      if (!saved.length) return Promise.resolve(false);
      dispatch({ type: 'remove', ids: saved.map((c) => c.id) });
      setFailure(null);
      return Promise.all(saved.map((c) => codingApi.removeCoding(slug, c.id).then(() => c)))
        .then(() => {
          bumpCounts(saved, -1);
          if (opts.undoable) setUndo((u) => pushUndo(forgetInUndo(u, new Set(saved.map((c) => c.id))), { kind: 'remove', codings: [...saved] }));
          void queryClient.invalidateQueries({ queryKey: keys.documents(slug) });
          return true;
        })
        .catch((error: unknown) => {
          // what the server did remove stays removed after a reload; show the rest again
          dispatch({ type: 'restore', codings: saved });
          fail(error, t('workspace.removeFailed'));
          return false;
        });
    },
    [slug, queryClient, fail, t, bumpCounts],
  );

  const undoLast = useCallback(() => {
    const step = undoRef.current.at(-1);
    if (!writable) return;
    if (!step) {
      announce(t('workspace.nothingToUndo'));
      return;
    }
    setUndo((u) => u.slice(0, -1));
    const names = namesOf([...new Set(step.codings.map((c) => c.codeId))]);
    if (step.kind === 'apply') {
      void removeCodings(step.codings, { undoable: false }).then((ok) => {
        if (ok) announce(t('workspace.undoneApply', { codes: names }));
        else setUndo((u) => pushUndo(u, step));
      });
    } else {
      // a removal is undone by applying the same codes (with their memos) to the same passages again
      const groups = new Map<string, WsCoding[]>();
      for (const c of step.codings) {
        const key = `${c.start}:${c.end}:${c.memo}`;
        groups.set(key, [...(groups.get(key) ?? []), c]);
      }
      for (const g of groups.values()) applyTo({ start: g[0].start, end: g[0].end }, g.map((c) => c.codeId), g[0].memo, { undoable: false });
      announce(t('workspace.undoneRemove', { codes: names }));
    }
  }, [undoRef, writable, announce, t, namesOf, removeCodings, applyTo]);

  // ---- keyboard: 1–9, Ctrl+Z, ? -----------------------------------------------------------------------------
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || isTypingTarget(e.target)) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      undoLast();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '?') {
      e.preventDefault();
      setHelp(true);
      return;
    }
    if (/^[1-9]$/.test(e.key) && writable) {
      const id = byNumber.get(Number(e.key));
      if (!id) return;
      e.preventDefault();
      apply([id]);
    }
  };

  // ---- highlight filter, search hits, a place to start ------------------------------------------------------
  const [only, setOnly] = useState('');
  const highlight = useMemo(() => (only && nameOf.has(only) ? new Set([only, ...descendants(codes, only)]) : null), [only, codes, nameOf]);
  const zoek = params.get('zoek') ?? '';
  const search = useQuery({
    queryKey: ['study', slug, 'document', doc.id, 'search', zoek],
    queryFn: () => codingApi.search(slug, { query: zoek, documentIds: [doc.id], limit: 5000 }),
    enabled: !!zoek,
  });
  const hits = useMemo(() => (search.data?.hits ?? []).filter((h) => h.documentId === doc.id && h.version === version).map((h) => ({ start: h.start, end: h.end })), [search.data, doc.id, version]);
  const [hitAt, setHitAt] = useState(-1);
  const goToHit = (i: number) => {
    if (!hits.length) return;
    const k = (i + hits.length) % hits.length;
    setHitAt(k);
    viewRef.current?.scrollToOffset(hits[k].start, { focus: true });
    announce(t('workspace.hitOf', { n: k + 1, total: hits.length }));
  };
  const startAt = Number(params.get('pos'));
  useEffect(() => {
    if (Number.isInteger(startAt) && startAt >= 0 && params.has('pos')) viewRef.current?.scrollToOffset(startAt, { focus: true });
    // once, when the document opens
  }, []);

  const pseudonymised = (location.state as { pseudonymised?: { replaced: number; version: number } } | null)?.pseudonymised;
  const openCoding = state.codings.find((c) => c.id === opened) ?? null;
  const participant = doc.participantId && doc.participantCode ? { id: doc.participantId, code: doc.participantCode } : null;

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <div className="page-header">
        <PageHeading title={`${doc.title} – ${study.title}`}>{doc.title}</PageHeading>
        {writable ? (
          <Link to={pseudonymisePath(slug, doc.id)} className="button-secondary">
            {doc.pseudonymised ? t('workspace.pseudonymiseAgain') : t('workspace.pseudonymise')}
          </Link>
        ) : null}
      </div>
      <dl className="meta ws-meta">
        <div>
          <dt>{t('docs.participant')}</dt>
          <dd>{participant ? <Link to={participantLink(slug, participant.id)}>{participant.code}</Link> : t('docs.noParticipant')}</dd>
        </div>
        <div>
          <dt>{t('docs.version')}</dt>
          <dd>{t('workspace.versionOf', { version, total: data.versions.length })}</dd>
        </div>
        <div>
          <dt>{t('docs.pseudonymised')}</dt>
          <dd>{doc.pseudonymised ? t('docs.yes') : t('docs.no')}</dd>
        </div>
        <div>
          <dt>{layer === 'consensus' ? t('workspace.consensusCodings') : t('docs.codings')}</dt>
          <dd>{state.codings.length}</dd>
        </div>
      </dl>
      <LayerSwitch layer={layer} lead={lead} />
      {Object.keys(doc.attributes ?? {}).length ? (
        <details className="ws-attributes">
          <summary>{t('docs.attributesOf', { count: Object.keys(doc.attributes).length })}</summary>
          <DocumentAttributes attributes={doc.attributes} />
        </details>
      ) : null}
      {pseudonymised ? <StatusMessage>{t('workspace.pseudonymisedDone', { count: pseudonymised.replaced, version: pseudonymised.version })}</StatusMessage> : null}
      {!doc.pseudonymised && writable ? <p className="notice small">{t('workspace.notPseudonymised')}</p> : null}

      <div className="coding-layout ws" onKeyDown={onKeyDown}>
        <div className="coding-main">
          <div className="ws-toolbar">
            <p className="ws-selection" id="ws-selection">
              {selection ? (
                <>
                  <span className="ws-selection-label">{t('workspace.selection')}</span> “{excerpt(slice(selection), 80)}” <span className="muted">({t('workspace.words', { count: countWords(slice(selection)) })})</span>
                </>
              ) : (
                <span className="muted">{writable ? t('workspace.noSelection') : t('workspace.readOnly')}</span>
              )}
            </p>
            <div className="ws-actions">
              {writable ? (
                <button type="button" className="button-secondary button-small" disabled={!undo.length} onClick={undoLast} aria-keyshortcuts="Control+Z">
                  {t('workspace.undo')}
                </button>
              ) : null}
              <button type="button" className="button-secondary button-small" onClick={() => setHelp(true)} aria-keyshortcuts="?">
                {t('workspace.shortcuts')}
              </button>
              <label className="visually-hidden" htmlFor="ws-only">
                {t('workspace.only')}
              </label>
              <select id="ws-only" className="ws-only" value={only} onChange={(e) => setOnly(e.target.value)}>
                <option value="">{t('workspace.onlyAll')}</option>
                {flat.map((n) => (
                  <option key={n.code.id} value={n.code.id}>
                    {pathName(codes, n.code.id)}
                  </option>
                ))}
              </select>
            </div>
            <DocSearch
              key={zoek}
              initial={zoek}
              onSearch={(q) => {
                const next = new URLSearchParams(params);
                if (q) next.set('zoek', q);
                else next.delete('zoek');
                next.delete('pos');
                setParams(next, { replace: true });
                setHitAt(-1);
              }}
            />
            {zoek ? (
              <div className="ws-hits">
                {search.isPending ? <span>{t('common.loading')}</span> : null}
                {search.data ? <span>{t('workspace.hits', { count: hits.length, query: zoek })}</span> : null}
                {hits.length ? (
                  <>
                    <button type="button" className="button-link" onClick={() => goToHit(hitAt - 1)}>
                      {t('workspace.prevHit')}
                    </button>
                    <button type="button" className="button-link" onClick={() => goToHit(hitAt + 1)}>
                      {t('workspace.nextHit')}
                    </button>
                  </>
                ) : null}
                <ErrorAlert error={search.error} />
              </div>
            ) : null}
            <StatusMessage className="ws-status">{status.text ? `${status.text}${status.n % 2 ? '\u00a0' : ''}` : ''}</StatusMessage>
            {failure ? (
              <div role="alert" className="alert alert-error ws-failure">
                <div className="alert-body">
                  <p>{errorMessage(failure)}</p>
                  <p className="button-row">
                    {failure instanceof ApiError && failure.code === 'version_conflict' ? (
                      <button type="button" className="button-secondary button-small" onClick={reload}>
                        {t('workspace.reload')}
                      </button>
                    ) : null}
                    <button type="button" className="button-link" onClick={() => setFailure(null)}>
                      {t('workspace.dismiss')}
                    </button>
                  </p>
                </div>
              </div>
            ) : null}
          </div>
          <DocumentView
            ref={viewRef}
            text={text}
            turns={turnsShown}
            codes={codes}
            codings={state.codings}
            onSelect={setSelection}
            onOpenCoding={setOpened}
            highlightCodeIds={highlight}
            searchHits={hits}
            label={t('workspace.textLabel', { title: doc.title })}
            className="ws-scroll"
          />
        </div>
        <div className="coding-side">
          <CodebookPanel study={study} codes={codes} counts={counts} writable={writable} onApply={apply} onCodingsChanged={reload} announce={announce} />
          <DocumentMemo study={study} doc={data} writable={writable} announce={announce} />
          {layer === 'coder' ? <SuggestionsPanel study={study} documentId={doc.id} writable={writable} onCodingsChanged={reload} /> : null}
        </div>
      </div>

      <Modal
        open={!!openCoding}
        onClose={() => setOpened(null)}
        titleId="coding-dialog-title"
        title={openCoding ? t('workspace.codingTitle', { code: nameOf.get(openCoding.codeId) ?? t('coding.unknownCode') }) : ''}
        fallbackFocus={() => {
          const r = selectionRef.current;
          if (r) viewRef.current?.scrollToOffset(r.start, { focus: true });
        }}
      >
        {openCoding ? (
          <CodingDetails
            key={openCoding.id}
            study={study}
            coding={openCoding}
            codeName={nameOf.get(openCoding.codeId) ?? t('coding.unknownCode')}
            fragment={slice(openCoding)}
            writable={writable}
            onMemo={(memo) => dispatch({ type: 'memo', id: openCoding.id, memo })}
            onRemove={() => {
              const c = openCoding;
              setOpened(null);
              void removeCodings([c], { undoable: true }).then((ok) => {
                if (ok) announce(t('workspace.removed', { code: nameOf.get(c.codeId) ?? '' }));
              });
              viewRef.current?.scrollToOffset(c.start, { focus: true });
            }}
          />
        ) : null}
      </Modal>
      <Modal open={help} onClose={() => setHelp(false)} titleId="ws-help-title" title={t('workspace.helpTitle')}>
        <ShortcutHelp />
      </Modal>
    </>
  );
}

function DocSearch({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q.trim());
  };
  return (
    <form className="ws-search inline-form" role="search" aria-label={t('workspace.searchLabel')} onSubmit={submit}>
      <label htmlFor="ws-search-q" className="visually-hidden">
        {t('workspace.searchLabel')}
      </label>
      <input id="ws-search-q" type="search" value={q} placeholder={t('workspace.searchPlaceholder')} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="button-secondary button-small">
        {t('workspace.search')}
      </button>
    </form>
  );
}

function CodingDetails({
  study,
  coding,
  codeName,
  fragment,
  writable,
  onMemo,
  onRemove,
}: {
  study: Study;
  coding: WsCoding;
  codeName: string;
  fragment: string;
  writable: boolean;
  onMemo: (memo: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [memo, setMemo] = useState(coding.memo);
  const [saved, setSaved] = useState('');
  const temp = isTemp(coding.id);
  const save = useMutation({
    mutationFn: () => codingApi.updateCoding(study.slug, coding.id, memo),
    onSuccess: (c) => {
      onMemo(c.memo);
      setSaved(t('workspace.memoSaved'));
    },
  });
  return (
    <div className="coding-details">
      <p className="small muted">{t('workspace.fragment')}</p>
      <blockquote className="fragment">{fragment.length > 600 ? `${fragment.slice(0, 600)}…` : fragment}</blockquote>
      {temp ? <p className="small">{t('workspace.saving')}</p> : null}
      {writable ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setSaved('');
            save.mutate();
          }}
        >
          <TextAreaField label={t('workspace.codingMemo')} rows={5} value={memo} maxLength={20000} onChange={(e) => setMemo(e.target.value)} />
          <ErrorAlert error={save.error} />
          <div className="form-actions">
            <button type="submit" className="button-primary button-small" disabled={temp || save.isPending || memo === coding.memo}>
              {t('workspace.saveMemo')}
            </button>
            <button type="button" className="button-danger-outline button-small" disabled={temp} onClick={onRemove}>
              {t('workspace.removeCoding')}
            </button>
          </div>
          <StatusMessage>{saved}</StatusMessage>
        </form>
      ) : coding.memo ? (
        <p className="prewrap">{coding.memo}</p>
      ) : null}
      <p className="small">
        <Link to={codesPath(study.slug, coding.codeId)}>{t('workspace.allSegments', { code: codeName })}</Link>
      </p>
    </div>
  );
}

function ShortcutHelp() {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('workspace.keyMove'), t('workspace.keyMoveWhat')],
    [t('workspace.keySelect'), t('workspace.keySelectWhat')],
    [t('workspace.keyEscape'), t('workspace.keyEscapeWhat')],
    [t('workspace.keyNumber'), t('workspace.keyNumberWhat')],
    [t('workspace.keyFilter'), t('workspace.keyFilterWhat')],
    [t('workspace.keyUndo'), t('workspace.keyUndoWhat')],
    [t('workspace.keyHelp'), t('workspace.keyHelpWhat')],
  ];
  return (
    <>
      <p>{t('workspace.helpIntro')}</p>
      <dl className="shortcut-list">
        {rows.map(([k, what]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** The memo on the whole document (analytic notes; stored encrypted). */
function DocumentMemo({ study, doc, writable, announce }: { study: Study; doc: DocumentData; writable: boolean; announce: (m: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [memo, setMemo] = useState(doc.document.memo);
  const save = useMutation({
    mutationFn: () => codingApi.updateDocument(study.slug, doc.document.id, { memo }),
    onSuccess: (d) => {
      queryClient.setQueryData<DocumentData>(keys.document(study.slug, d.id), (old) => (old ? { ...old, document: { ...old.document, memo: d.memo } } : old));
      announce(t('workspace.docMemoSaved'));
    },
  });
  if (!writable) {
    return doc.document.memo ? (
      <section className="section" aria-labelledby="doc-memo-heading">
        <h2 id="doc-memo-heading">{t('workspace.docMemo')}</h2>
        <p className="prewrap">{doc.document.memo}</p>
      </section>
    ) : null;
  }
  return (
    <section className="section doc-memo" aria-labelledby="doc-memo-heading">
      <h2 id="doc-memo-heading">{t('workspace.docMemo')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextAreaField label={t('workspace.docMemoLabel')} rows={4} value={memo} maxLength={20000} onChange={(e) => setMemo(e.target.value)} />
        <ErrorAlert error={save.error} />
        <button type="submit" className="button-secondary button-small" disabled={save.isPending || memo === doc.document.memo}>
          {t('workspace.saveMemo')}
        </button>
      </form>
    </section>
  );
}
