import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { codingApi, keys } from '../../api/endpoints';
import { can, type DocumentView as DocumentData, type ProposalsResponse, type PseudonymKind, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { PageHeading } from '../../components/PageHeading';
import { PSEUDONYM_KINDS } from '../../../shared/coding-vocabulary';
import { ArchivedPage } from '../participants/common';
import { canWrite, documentPath, ModuleGate, PSEUDONYM_COLORS, useCodingCrumbs, useCVocab } from './common';
import { DocumentView, type CodeInfo, type Coding, type DocumentViewHandle, type TextRange } from './DocumentView';
import { contextOf, decideKind, decisionOf, initialDecisions, kindSummary, setDecision, spansToApply, type Decisions, type Marked, type Proposal } from './pseudonymModel';
import { excerpt } from './segments';
import { SparseCodePoints } from './sparseIndex';
import { displayTurns } from './workspaceModel';

export function PseudonymisePage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.write" page={t('pseudo.title')}>
      {(study) => <Loader study={study} />}
    </ModuleGate>
  );
}

function Loader({ study }: { study: Study }) {
  const { t } = useTranslation();
  const documentId = useParams<{ documentId: string }>().documentId ?? '';
  const title = t('pseudo.title');
  const crumbs = useCodingCrumbs(study, { label: title });
  const view = useQuery({ queryKey: keys.document(study.slug, documentId), queryFn: ({ signal }) => codingApi.document(study.slug, documentId, undefined, signal) });
  const proposals = useQuery({ queryKey: keys.proposals(study.slug, documentId), queryFn: ({ signal }) => codingApi.proposals(study.slug, documentId, signal), staleTime: 0 });
  if (!canWrite(study)) return <ArchivedPage study={study} title={title} crumbs={crumbs} />;
  if (view.isPending || proposals.isPending || view.isError || proposals.isError) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
        {view.isPending || proposals.isPending ? <Loading /> : null}
        <ErrorAlert error={view.error ?? proposals.error} />
      </>
    );
  }
  // the proposals belong to the version shown (a newer one appeared in between: load both again)
  if (proposals.data.version !== view.data.version.version) return <Reload onReload={() => void Promise.all([view.refetch(), proposals.refetch()])} />;
  return <Assistant key={`${documentId}:${view.data.version.version}`} study={study} data={view.data} proposals={proposals.data} />;
}

/** The text and the proposals are of different versions: load both again, once. */
function Reload({ onReload }: { onReload: () => void }) {
  const once = useRef(onReload);
  useEffect(() => once.current(), []);
  return <Loading />;
}

const NO_TURNS: never[] = [];

function Assistant({ study, data, proposals: response }: { study: Study; data: DocumentData; proposals: ProposalsResponse }) {
  const { t } = useTranslation();
  const vocab = useCVocab();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const doc = data.document;
  const title = t('pseudo.title');
  const crumbs = useCodingCrumbs(study, { label: doc.title, to: documentPath(study.slug, doc.id) }, { label: title });
  const proposals = response.proposals as Proposal[];
  const text = data.version.text;
  const idx = useMemo(() => new SparseCodePoints(text), [text]);
  const turns = useMemo(() => displayTurns(idx, data.version.units).map((u) => ({ start: u.start, end: u.end, speaker: u.speaker })), [idx, data.version.units]);
  const [decisions, setDecisions] = useState<Decisions>(() => initialDecisions(proposals));
  const [marked, setMarked] = useState<Marked[]>([]);
  const [selection, setSelection] = useState<TextRange | null>(null);
  const [markKind, setMarkKind] = useState<PseudonymKind>('name');
  const [message, setMessage] = useState('');
  const viewRef = useRef<DocumentViewHandle>(null);

  const codes: CodeInfo[] = useMemo(() => PSEUDONYM_KINDS.map((k) => ({ id: k, name: vocab('pkind', k), color: PSEUDONYM_COLORS[k] ?? '#9aa5b1' })), [vocab]);
  const accepted: Coding[] = useMemo(() => {
    const out: Coding[] = [];
    for (const p of proposals) {
      const d = decisionOf(decisions, p);
      if (d.accepted) out.push({ id: `p${p.index}`, codeId: d.kind, start: p.start, end: p.end });
    }
    for (const m of marked) out.push({ id: m.id, codeId: m.kind, start: m.start, end: m.end });
    return out;
  }, [proposals, decisions, marked]);
  const pending: TextRange[] = useMemo(() => proposals.filter((p) => !decisionOf(decisions, p).accepted).map((p) => ({ start: p.start, end: p.end })), [proposals, decisions]);
  const summary = kindSummary(decisions, proposals, PSEUDONYM_KINDS);
  const { spans, dropped } = spansToApply(proposals, decisions, marked);

  const onOpen = useCallback((id: string) => {
    const el = document.getElementById(id.startsWith('p') ? `proposal-${id.slice(1)}` : `marked-${id}`);
    el?.scrollIntoView({ block: 'nearest' });
    el?.focus();
  }, []);

  const apply = useMutation({
    mutationFn: () => codingApi.pseudonymise(study.slug, doc.id, { baseVersion: data.version.version, spans: spans.map((s) => ({ start: s.start, end: s.end, kind: s.kind as PseudonymKind, index: s.index })) }),
    onSuccess: (r) => {
      queryClient.removeQueries({ queryKey: keys.proposals(study.slug, doc.id) });
      void queryClient.invalidateQueries({ queryKey: keys.document(study.slug, doc.id) });
      void queryClient.invalidateQueries({ queryKey: keys.documents(study.slug) });
      void queryClient.invalidateQueries({ queryKey: keys.pseudonyms(study.slug) });
      void navigate(documentPath(study.slug, doc.id), { state: { pseudonymised: { replaced: r.replacements.length, version: r.version } } });
    },
  });

  const set = (index: number, change: { accepted?: boolean; kind?: string }) => setDecisions((d) => setDecision(d, index, change, proposals));
  const mark = () => {
    if (!selection) return;
    const s = idx.toUtf16(selection.start);
    const e = idx.toUtf16(selection.end);
    const m: Marked = { id: `m${selection.start}-${selection.end}-${markKind}`, start: selection.start, end: selection.end, kind: markKind, text: text.slice(s, e) };
    setMarked((list) => [...list.filter((x) => x.id !== m.id), m]);
    setMessage(t('pseudo.markedDone', { text: excerpt(m.text, 40), kind: vocab('pkind', markKind) }));
    viewRef.current?.clearSelection();
  };

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title}: ${doc.title} – ${study.title}`}>
        {title}: {doc.title}
      </PageHeading>
      <p className="lead">{t('pseudo.intro')}</p>
      {doc.pseudonymised ? <p className="notice">{t('pseudo.alreadyDone')}</p> : null}
      {data.codings.length ? <p className="small">{t('pseudo.codingsMove', { count: data.codings.length })}</p> : null}

      <div className="coding-layout">
        <div className="coding-main">
          <DocumentView
            ref={viewRef}
            text={text}
            turns={turns.length ? turns : NO_TURNS}
            codes={codes}
            codings={accepted}
            searchHits={pending}
            onSelect={setSelection}
            onOpenCoding={onOpen}
            label={t('pseudo.textLabel', { title: doc.title })}
          />
          <p className="small muted">{t('pseudo.legend')}</p>
        </div>

        <aside className="coding-side" aria-labelledby="pseudo-side-heading">
          <h2 id="pseudo-side-heading">{t('pseudo.proposalsHeading')}</h2>
          <p>{t('pseudo.counts', { count: proposals.length, accepted: accepted.length - marked.length })}</p>
          {proposals.length === 0 ? <p className="empty">{t('pseudo.none')}</p> : null}

          {summary.map((row) => {
            const list = proposals.filter((p) => decisionOf(decisions, p).kind === row.kind);
            return (
              <section key={row.kind} className="pseudo-group" aria-labelledby={`pseudo-kind-${row.kind}`}>
                <h3 id={`pseudo-kind-${row.kind}`}>
                  {vocab('pkindPlural', row.kind)} <span className="muted small">{t('pseudo.groupCount', { total: row.total, accepted: row.accepted })}</span>
                </h3>
                <div className="button-row">
                  <button
                    type="button"
                    className="button-secondary button-small"
                    disabled={row.accepted === row.total}
                    onClick={() => {
                      setDecisions((d) => decideKind(d, proposals, row.kind));
                      setMessage(t('pseudo.acceptedKind', { count: row.total, kind: vocab('pkindPlural', row.kind) }));
                    }}
                  >
                    {t('pseudo.acceptKind', { kind: vocab('pkindPlural', row.kind).toLowerCase() })}
                  </button>
                  {row.accepted ? (
                    <button
                      type="button"
                      className="button-link"
                      onClick={() => {
                        setDecisions((d) => decideKind(d, proposals, row.kind, false));
                        setMessage(t('pseudo.rejectedKind', { kind: vocab('pkindPlural', row.kind) }));
                      }}
                    >
                      {t('pseudo.rejectKind', { kind: vocab('pkindPlural', row.kind).toLowerCase() })}
                    </button>
                  ) : null}
                </div>
                <ul className="proposal-list">
                  {list.map((p) => {
                    const d = decisionOf(decisions, p);
                    const ctx = contextOf(idx, p.start, p.end);
                    return (
                      <li key={p.index} className={d.accepted ? 'proposal proposal-accepted' : 'proposal'}>
                        <div className="field-checkbox">
                          <input id={`proposal-${p.index}`} type="checkbox" checked={d.accepted} onChange={(e) => set(p.index, { accepted: e.target.checked })} aria-describedby={`proposal-ctx-${p.index}`} />
                          <label htmlFor={`proposal-${p.index}`}>
                            {t('pseudo.accept')}: <strong>{p.text}</strong>
                          </label>
                        </div>
                        <p id={`proposal-ctx-${p.index}`} className="proposal-context small">
                          {ctx.before}
                          <mark>{ctx.text}</mark>
                          {ctx.after}
                        </p>
                        <div className="proposal-actions">
                          <label className="small" htmlFor={`proposal-kind-${p.index}`}>
                            {t('pseudo.kind')}
                          </label>
                          <select id={`proposal-kind-${p.index}`} value={d.kind} onChange={(e) => set(p.index, { kind: e.target.value })}>
                            {PSEUDONYM_KINDS.map((k) => (
                              <option key={k} value={k}>
                                {vocab('pkind', k)}
                              </option>
                            ))}
                          </select>
                          <button type="button" className="button-link small" onClick={() => viewRef.current?.scrollToOffset(p.start, { focus: true })}>
                            {t('pseudo.show')}
                            <span className="visually-hidden">: {p.text}</span>
                          </button>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}

          <section className="pseudo-group" aria-labelledby="pseudo-mark-heading">
            <h3 id="pseudo-mark-heading">{t('pseudo.markHeading')}</h3>
            <p className="small">{selection ? t('pseudo.selection', { text: excerpt(text.slice(idx.toUtf16(selection.start), idx.toUtf16(selection.end)), 60) }) : t('pseudo.markHint')}</p>
            <div className="proposal-actions">
              <label className="small" htmlFor="pseudo-mark-kind">
                {t('pseudo.kind')}
              </label>
              <select id="pseudo-mark-kind" value={markKind} onChange={(e) => setMarkKind(e.target.value as PseudonymKind)}>
                {PSEUDONYM_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {vocab('pkind', k)}
                  </option>
                ))}
              </select>
              <button type="button" className="button-secondary button-small" disabled={!selection} onClick={mark}>
                {t('pseudo.mark')}
              </button>
            </div>
            {marked.length ? (
              <ul className="proposal-list">
                {marked.map((m) => (
                  <li key={m.id} className="proposal proposal-accepted">
                    <span id={`marked-${m.id}`} tabIndex={-1}>
                      <strong>{excerpt(m.text, 60)}</strong> ({vocab('pkind', m.kind)})
                    </span>{' '}
                    <button type="button" className="button-link small" onClick={() => setMarked((list) => list.filter((x) => x.id !== m.id))}>
                      {t('pseudo.unmark')}
                      <span className="visually-hidden">: {excerpt(m.text, 40)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>

          <div className="pseudo-apply">
            {dropped.length ? <p className="notice small">{t('pseudo.overlaps', { count: dropped.length })}</p> : null}
            <ErrorAlert error={apply.error} />
            <button type="button" className="button-primary" disabled={!spans.length || apply.isPending} onClick={() => apply.mutate()}>
              {t('pseudo.apply', { count: spans.length })}
            </button>
            <p className="small muted">{spans.length ? t('pseudo.applyHint') : t('pseudo.applyNothing')}</p>
            <p>
              <Link to={documentPath(study.slug, doc.id)}>{t('pseudo.skip')}</Link>
            </p>
          </div>
          <StatusMessage>{message}</StatusMessage>
          {can(study, 'study.confidential') ? <PseudonymKey study={study} /> : null}
        </aside>
      </div>
    </>
  );
}

/** The study's key (label → original texts): for the lead only. */
function PseudonymKey({ study }: { study: Study }) {
  const { t } = useTranslation();
  const vocab = useCVocab();
  const [open, setOpen] = useState(false);
  const key = useQuery({ queryKey: keys.pseudonyms(study.slug), queryFn: ({ signal }) => codingApi.pseudonyms(study.slug, signal), enabled: open });
  return (
    <section className="pseudo-group confidential" aria-labelledby="pseudo-key-heading">
      <h3 id="pseudo-key-heading">{t('pseudo.keyHeading')}</h3>
      <p className="confidential-label small">{t('pseudo.keyConfidential')}</p>
      <button type="button" className="button-secondary button-small" aria-expanded={open} aria-controls="pseudo-key-body" onClick={() => setOpen((o) => !o)}>
        {open ? t('pseudo.keyHide') : t('pseudo.keyShow')}
      </button>
      <div id="pseudo-key-body" hidden={!open}>
        {open && key.isPending ? <Loading /> : null}
        <ErrorAlert error={key.error} />
        {key.data ? (
          key.data.entries.length ? (
            <table className="pseudo-key">
              <caption className="visually-hidden">{t('pseudo.keyHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('pseudo.keyLabel')}</th>
                  <th scope="col">{t('pseudo.keyOriginal')}</th>
                </tr>
              </thead>
              <tbody>
                {key.data.entries.map((e) => (
                  <tr key={e.label}>
                    <th scope="row">
                      {e.label} <span className="muted small">({vocab('pkind', e.kind)})</span>
                    </th>
                    <td>{e.originals.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="empty">{t('pseudo.keyEmpty')}</p>
          )
        ) : null}
      </div>
    </section>
  );
}
