/**
 * Code suggestions in the coding workspace: a classifier trained on the study's own codings (on the server, locally;
 * no external service) proposes codes for the uncoded speaker turns of this document. The coder accepts (the code is
 * applied to the whole turn) or rejects (not suggested again) each one. Nothing is fetched until asked: training
 * takes a moment and the workspace should open fast.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { analysisApi, analysisKeys } from '../../api/analysis';
import type { Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import type { Suggestion } from '../../../shared/analysis';
import { formatPercent } from '../../i18n/format';
import { safeColor } from './segments';

export function SuggestionsPanel({ study, documentId, writable, onCodingsChanged }: { study: Study; documentId: string; writable: boolean; onCodingsChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState(false);
  const [message, setMessage] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const key = analysisKeys.suggestions(study.slug, documentId);
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => analysisApi.suggestions(study.slug, documentId, signal), enabled: asked, staleTime: 60_000 });
  const decide = useMutation({
    mutationFn: async ({ s, accept }: { s: Suggestion; accept: boolean }) => {
      const d = { version: q.data!.version, start: s.start, end: s.end, codeId: s.codeId };
      if (accept) await analysisApi.accept(study.slug, documentId, d);
      else await analysisApi.reject(study.slug, documentId, d);
      return { s, accept };
    },
    onSuccess: ({ s, accept }) => {
      // the turn is coded now (accept): its other suggestions go too; a rejection removes only that one
      queryClient.setQueryData(key, (old: typeof q.data) =>
        old ? { ...old, suggestions: old.suggestions.filter((x) => (accept ? !(x.start === s.start && x.end === s.end) : !(x.start === s.start && x.end === s.end && x.codeId === s.codeId))) } : old,
      );
      setMessage(accept ? t('suggestions.accepted', { code: s.codeName }) : t('suggestions.rejected', { code: s.codeName }));
      if (accept) onCodingsChanged();
      // keep the keyboard where it was: on the next suggestion's first button
      requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>('button')?.focus());
    },
  });
  const list = q.data?.suggestions ?? [];
  return (
    <section className="panel ws-suggestions" aria-labelledby="ws-suggestions-h">
      <h2 id="ws-suggestions-h">{t('suggestions.title')}</h2>
      <p className="small muted">{t('suggestions.intro')}</p>
      {!asked ? (
        <button type="button" className="button-secondary" onClick={() => setAsked(true)}>
          {t('suggestions.load')}
        </button>
      ) : null}
      {asked && q.isFetching ? <Loading label={t('suggestions.loading')} /> : null}
      <ErrorAlert error={q.error ?? decide.error} />
      {q.data ? (
        <>
          <p className="small">{t('suggestions.model', { turns: q.data.trainedTurns, codes: q.data.codes, candidates: q.data.candidates })}</p>
          {list.length === 0 ? <p className="empty small">{q.data.codes === 0 ? t('suggestions.noModel') : t('suggestions.none')}</p> : null}
          <ul className="suggestion-list" ref={listRef}>
            {list.map((s) => (
              <li key={`${s.start}:${s.codeId}`} className="suggestion">
                <p className="suggestion-code" style={{ '--c': safeColor(s.color) } as CSSProperties}>
                  <span className="cb-swatch" aria-hidden="true" />
                  <strong>{s.codeName}</strong> <span className="small muted">{t('suggestions.score', { score: formatPercent(s.score) })}</span>
                </p>
                <blockquote className="segment-context small">
                  {s.speaker ? <span className="muted">{s.speaker}: </span> : null}
                  {s.text}
                </blockquote>
                {writable ? (
                  <div className="button-row">
                    <button type="button" className="button-primary" disabled={decide.isPending} onClick={() => decide.mutate({ s, accept: true })} aria-label={t('suggestions.acceptLabel', { code: s.codeName, text: s.text.slice(0, 60) })}>
                      {t('suggestions.accept')}
                    </button>
                    <button type="button" className="button-secondary" disabled={decide.isPending} onClick={() => decide.mutate({ s, accept: false })} aria-label={t('suggestions.rejectLabel', { code: s.codeName, text: s.text.slice(0, 60) })}>
                      {t('suggestions.reject')}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" className="button-link" onClick={() => void q.refetch()}>
            {t('suggestions.refresh')}
          </button>
        </>
      ) : null}
      <StatusMessage>{message}</StatusMessage>
    </section>
  );
}
