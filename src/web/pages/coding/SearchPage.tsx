import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { codingApi, keys } from '../../api/endpoints';
import type { HitExtent, SearchHit, SearchResponse, Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { HIT_EXTENTS, MAX_BULK_HITS } from '../../../shared/coding-vocabulary';
import { buildTree, flatten, pathName } from './codebook';
import { canWrite, documentPath, ModuleGate, useCodingCrumbs, useCVocab } from './common';
import { SparseCodePoints } from './sparseIndex';

export function SearchPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('docSearch.title')}>
      {(study) => <Search study={study} />}
    </ModuleGate>
  );
}

function Search({ study }: { study: Study }) {
  const { t } = useTranslation();
  const title = t('docSearch.title');
  const crumbs = useCodingCrumbs(study, { label: title });
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const all = params.get('alle') === 'ja';
  const [input, setInput] = useState(q);
  const [allTerms, setAllTerms] = useState(all);
  const results = useQuery({
    queryKey: ['study', study.slug, 'search', q, all],
    queryFn: () => codingApi.search(study.slug, { query: q, all, limit: MAX_BULK_HITS }),
    enabled: !!q,
    staleTime: 0,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (input.trim()) next.set('q', input.trim());
    if (allTerms) next.set('alle', 'ja');
    setParams(next, { replace: true });
  };

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('docSearch.intro')}</p>
      <form onSubmit={submit} noValidate className="form panel" role="search" aria-label={title}>
        <TextField label={t('docSearch.query')} hint={t('docSearch.queryHint')} type="search" name="q" value={input} maxLength={500} onChange={(e) => setInput(e.target.value)} />
        <CheckboxField label={t('docSearch.all')} checked={allTerms} onChange={(e) => setAllTerms(e.target.checked)} />
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('docSearch.submit')}
          </button>
        </div>
      </form>
      <section aria-labelledby="search-results-heading" className="section">
        <h2 id="search-results-heading">{t('docSearch.results')}</h2>
        {q && results.isPending ? <Loading /> : null}
        <ErrorAlert error={results.error} />
        <StatusMessage>
          {results.data ? t('docSearch.summary', { count: results.data.total, withHits: results.data.documentsWithHits, documents: results.data.documents }) : ''}
        </StatusMessage>
        {results.data ? <Results study={study} query={q} data={results.data} /> : null}
      </section>
    </>
  );
}

function Results({ study, query, data }: { study: Study; query: string; data: SearchResponse }) {
  const { t } = useTranslation();
  const byDocument = useMemo(() => {
    const groups = new Map<string, { title: string; hits: SearchHit[] }>();
    for (const h of data.hits) {
      const g = groups.get(h.documentId) ?? { title: h.documentTitle, hits: [] };
      g.hits.push(h);
      groups.set(h.documentId, g);
    }
    return [...groups.entries()];
  }, [data.hits]);
  if (!data.hits.length) return <p className="empty">{t('docSearch.none')}</p>;
  return (
    <>
      {data.terms.length ? <p className="small muted">{t('docSearch.terms', { terms: data.terms.join(', ') })}</p> : null}
      {data.truncated ? <p className="notice small">{t('docSearch.truncated', { shown: data.hits.length, total: data.total })}</p> : null}
      {canWrite(study) ? <CodeAll study={study} hits={data.hits} /> : null}
      {byDocument.map(([documentId, g]) => (
        <section key={documentId} className="search-doc" aria-labelledby={`sd-${documentId}`}>
          <h3 id={`sd-${documentId}`}>
            <Link to={documentPath(study.slug, documentId, { zoek: query })}>{g.title}</Link> <span className="muted small">{t('docSearch.hitsIn', { count: g.hits.length })}</span>
          </h3>
          <ol className="hit-list">
            {g.hits.map((h) => (
              <Hit key={`${h.start}-${h.end}`} study={study} hit={h} query={query} />
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

function Hit({ study, hit, query }: { study: Study; hit: SearchHit; query: string }) {
  const { t } = useTranslation();
  const { before, match, after } = useMemo(() => {
    const idx = new SparseCodePoints(hit.snippet.text);
    const a = idx.toUtf16(hit.snippet.hitStart);
    const b = idx.toUtf16(hit.snippet.hitEnd);
    const s = hit.snippet.text;
    return { before: s.slice(0, a), match: s.slice(a, b), after: s.slice(b) };
  }, [hit]);
  return (
    <li className="hit">
      <span className="hit-snippet">
        {before}
        <mark>{match}</mark>
        {after}
      </span>{' '}
      <Link to={documentPath(study.slug, hit.documentId, { pos: hit.start, zoek: query })} className="small">
        {t('docSearch.open')}
        <span className="visually-hidden">: {match}</span>
      </Link>
    </li>
  );
}

/** "Alle treffers coderen": every hit shown, with one code, in one call. */
function CodeAll({ study, hits }: { study: Study; hits: SearchHit[] }) {
  const { t } = useTranslation();
  const vocab = useCVocab();
  const queryClient = useQueryClient();
  const codes = useQuery({ queryKey: keys.codes(study.slug), queryFn: ({ signal }) => codingApi.codes(study.slug, signal) });
  const flat = useMemo(() => flatten(buildTree(codes.data?.codes ?? [])), [codes.data]);
  const [codeId, setCodeId] = useState('');
  const [extent, setExtent] = useState<HitExtent>('hit');
  const [error, setError] = useState('');
  const select = useRef<HTMLSelectElement>(null);
  const [done, setDone] = useState('');
  const bulk = useMutation({
    mutationFn: () => codingApi.bulk(study.slug, { codeIds: [codeId], extent, hits: hits.map((h) => ({ documentId: h.documentId, version: h.version, start: h.start, end: h.end })) }),
    onSuccess: (r) => {
      const name = codes.data?.codes.find((c) => c.id === codeId)?.name ?? '';
      setDone(t('docSearch.coded', { count: r.created, code: name, existing: r.existing, documents: r.documents }));
      void queryClient.invalidateQueries({ queryKey: ['study', study.slug, 'document'] });
      void queryClient.invalidateQueries({ queryKey: keys.documents(study.slug) });
      void queryClient.invalidateQueries({ queryKey: keys.codes(study.slug) });
      void queryClient.invalidateQueries({ queryKey: keys.segments(study.slug) });
    },
  });
  return (
    <form
      className="panel code-all"
      aria-labelledby="code-all-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone('');
        if (!codeId) {
          setError(t('docSearch.chooseCode'));
          select.current?.focus();
          return;
        }
        setError('');
        bulk.mutate();
      }}
    >
      <h3 id="code-all-heading">{t('docSearch.codeAll')}</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor="code-all-code">{t('docSearch.code')}</label>
          {error ? (
            <p id="code-all-code-error" className="field-error">
              {error}
            </p>
          ) : null}
          <select ref={select} id="code-all-code" value={codeId} aria-invalid={error ? true : undefined} aria-describedby={error ? 'code-all-code-error' : undefined} onChange={(e) => setCodeId(e.target.value)}>
            <option value="">{t('codebook.choose')}</option>
            {flat.map((n) => (
              <option key={n.code.id} value={n.code.id}>
                {pathName(codes.data?.codes ?? [], n.code.id)}
              </option>
            ))}
          </select>
        </div>
        <SelectField label={t('docSearch.extent')} value={extent} onChange={(e) => setExtent(e.target.value as HitExtent)}>
          {HIT_EXTENTS.map((x) => (
            <option key={x} value={x}>
              {vocab('extent', x)}
            </option>
          ))}
        </SelectField>
      </div>
      {codes.data && codes.data.codes.length === 0 ? <p className="small">{t('docSearch.noCodes')}</p> : null}
      <ErrorAlert error={bulk.error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={bulk.isPending}>
          {t('docSearch.codeAllSubmit', { count: hits.length })}
        </button>
      </div>
      <StatusMessage>{done}</StatusMessage>
    </form>
  );
}
