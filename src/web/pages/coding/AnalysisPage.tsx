/**
 * Analyse: code frequencies, the matrix builder (rows = codes, columns = an attribute or a code group, a measure),
 * code co-occurrence with Jaccard, and "code all matches of a pattern". Every count is a button that opens its
 * segments in a panel below (readers with data access); the committee sees the tables with small cells withheld.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { analysisApi, analysisKeys, type CooccurrenceParams, type MatrixParams } from '../../api/analysis';
import { codingApi, keys } from '../../api/endpoints';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs, type Crumb } from '../../components/Breadcrumbs';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { ANALYSIS_MEASURES, COOCCURRENCE_UNITS, type AnalysisMeasure, type CooccurrenceUnit } from '../../../shared/analysis-vocabulary';
import type { CellBody, PatternResponse } from '../../../shared/analysis';
import { usePVocab } from '../participants/common';
import { studyPath } from '../studies/useStudy';
import { canWrite, documentsPath, ModuleGate } from './common';
import { SegmentItem } from './RetrievalPage';
import { safeColor } from './segments';
import { Pagination } from '../../components/Pagination';

export function AnalysisPage() {
  const { t } = useTranslation();
  return <ModuleGate action="results.read" page={t('analysis.title')}>{(study) => <Analysis study={study} />}</ModuleGate>;
}

/** A cell opened in the segments panel: what to ask the server, and how to name it. */
interface OpenCell {
  body: CellBody;
  label: string;
}

function Analysis({ study }: { study: Study }) {
  const { t } = useTranslation();
  const title = t('analysis.title');
  const raw = can(study, 'data.read');
  const crumbs: Crumb[] = [{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }];
  if (raw) crumbs.push({ label: t('modules.coding'), to: documentsPath(study.slug) });
  crumbs.push({ label: title });
  const [cell, setCell] = useState<OpenCell | null>(null);
  const open = raw ? setCell : undefined;
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{raw ? t('analysis.intro') : t('analysis.introCommittee', { threshold: study.disclosureThreshold })}</p>
      <nav aria-label={t('analysis.sections')} className="tool-links">
        <ul>
          <li>
            <a href="#an-frequencies">{t('analysis.frequencies')}</a>
          </li>
          <li>
            <a href="#an-matrix">{t('analysis.matrix')}</a>
          </li>
          <li>
            <a href="#an-cooccurrence">{t('analysis.cooccurrence')}</a>
          </li>
          {canWrite(study) ? (
            <li>
              <a href="#an-pattern">{t('analysis.pattern')}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <Frequencies study={study} onOpen={open} />
      <MatrixBuilder study={study} onOpen={open} />
      <Cooccurrence study={study} onOpen={open} />
      {canWrite(study) ? <PatternCoding study={study} /> : null}
      {raw && cell ? <SegmentsPanel study={study} cell={cell} onClose={() => setCell(null)} /> : null}
    </>
  );
}

// ---- pieces -----------------------------------------------------------------------------------------------

/** A count: a button that opens its segments (when it may), a withheld mark, or the number. */
function CountCell({ n, threshold, onOpen, label }: { n: number | null; threshold: number; onOpen?: () => void; label: string }) {
  const { t } = useTranslation();
  if (n === null)
    return (
      <td className="num">
        <span aria-hidden="true">{`<${threshold}`}</span>
        <span className="visually-hidden">{t('analysis.withheld', { threshold })}</span>
      </td>
    );
  if (!onOpen || n === 0) return <td className="num">{n}</td>;
  return (
    <td className="num">
      <button type="button" className="button-link an-cell" onClick={onOpen} aria-label={t('analysis.openCell', { count: n, cell: label })}>
        {n}
      </button>
    </td>
  );
}

function CodeName({ name, depth, color }: { name: string; depth: number; color: string }) {
  return (
    <span className="an-code" style={{ '--c': safeColor(color), '--depth': depth } as CSSProperties}>
      <span className="cb-swatch" aria-hidden="true" />
      {name}
    </span>
  );
}

function Downloads({ links }: { links: { href: string; label: string }[] }) {
  return (
    <p className="button-row an-downloads">
      {links.map((l) => (
        <a key={l.href} href={l.href} download className="button-secondary">
          {l.label}
        </a>
      ))}
    </p>
  );
}

function Suppressed({ on, threshold }: { on: boolean; threshold: number }) {
  const { t } = useTranslation();
  return on ? <p className="notice small">{t('analysis.suppressedNote', { threshold })}</p> : null;
}

function useDimensions(study: Study) {
  return useQuery({ queryKey: analysisKeys.dimensions(study.slug), queryFn: ({ signal }) => analysisApi.dimensions(study.slug, signal) });
}

function RowsSelect({ study, value, onChange, id }: { study: Study; value: string; onChange: (v: string) => void; id: string }) {
  const { t } = useTranslation();
  const dims = useDimensions(study);
  return (
    <SelectField id={id} label={t('analysis.rows')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('analysis.allCodes')}</option>
      {(dims.data?.groups ?? []).map((g) => (
        <option key={g.codeId} value={g.codeId}>
          {t('analysis.subcodesOf', { name: g.name })}
        </option>
      ))}
    </SelectField>
  );
}

// ---- frequencies ------------------------------------------------------------------------------------------

function Frequencies({ study, onOpen }: { study: Study; onOpen?: (c: OpenCell) => void }) {
  const { t } = useTranslation();
  const [children, setChildren] = useState(false);
  const q = useQuery({ queryKey: analysisKeys.frequencies(study.slug, children), queryFn: ({ signal }) => analysisApi.frequencies(study.slug, children, signal), placeholderData: keepPreviousData });
  const measures: AnalysisMeasure[] = ['segments', 'documents', 'participants'];
  return (
    <section id="an-frequencies" aria-labelledby="an-frequencies-h" className="section">
      <h2 id="an-frequencies-h">{t('analysis.frequencies')}</h2>
      <CheckboxField label={t('analysis.includeChildren')} checked={children} onChange={(e) => setChildren(e.target.checked)} />
      {q.isPending ? <Loading /> : null}
      <ErrorAlert error={q.error} />
      {q.data ? (
        q.data.rows.length ? (
          <>
            <TableWrap label={t('analysis.frequenciesCaption')}>
              <table className="an-table">
                <caption className="visually-hidden">{t('analysis.frequenciesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('analysis.code')}</th>
                    {measures.map((m) => (
                      <th key={m} scope="col" className="num">
                        {t(`analysis.measure.${m}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {q.data.rows.map((r) => (
                    <tr key={r.codeId}>
                      <th scope="row">
                        <CodeName name={r.name} depth={r.depth} color={r.color} />
                      </th>
                      {measures.map((m) => (
                        <CountCell
                          key={m}
                          n={r[m]}
                          threshold={q.data.threshold}
                          label={r.name}
                          onOpen={onOpen ? () => onOpen({ body: { kind: 'frequency', codeId: r.codeId, includeChildren: children }, label: r.name }) : undefined}
                        />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Suppressed on={q.data.suppressed} threshold={q.data.threshold} />
            <Downloads
              links={(['xlsx', 'csv'] as const).map((f) => ({
                href: analysisApi.exportUrl(study.slug, { table: 'frequencies', format: f, includeChildren: children ? 'true' : undefined }),
                label: t('analysis.download', { format: f.toUpperCase() }),
              }))}
            />
          </>
        ) : (
          <p className="empty">{t('analysis.noCodes')}</p>
        )
      ) : null}
    </section>
  );
}

// ---- matrix -----------------------------------------------------------------------------------------------

function MatrixBuilder({ study, onOpen }: { study: Study; onOpen?: (c: OpenCell) => void }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const dims = useDimensions(study);
  const [draft, setDraft] = useState<MatrixParams>({ rows: '', columns: 'attr:role', measure: 'segments', includeChildren: false, unit: 'overlap' });
  const [params, setParams] = useState<MatrixParams | null>(null);
  const q = useQuery({
    queryKey: analysisKeys.matrix(study.slug, params ?? draft),
    queryFn: ({ signal }) => analysisApi.matrix(study.slug, { ...params!, rows: params!.rows || undefined }, signal),
    enabled: !!params,
    placeholderData: keepPreviousData,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams({ ...draft });
  };
  const group = draft.columns.startsWith('group:');
  const m = q.data;
  const fixed = m?.columns.startsWith('attr:') ? m.columns.slice(5) : '';
  const colLabel = (key: string, label: string) => (key === '' ? t('analysis.noValue') : ['role', 'ageBand', 'gender', 'situation', 'placementType'].includes(fixed) ? vocab(fixed as 'role', key) : label);
  const exportQuery = (format: string) =>
    params ? { table: 'matrix', format, rows: params.rows || undefined, columns: params.columns, measure: params.measure, unit: params.unit, includeChildren: params.includeChildren ? 'true' : undefined } : {};
  return (
    <section id="an-matrix" aria-labelledby="an-matrix-h" className="section">
      <h2 id="an-matrix-h">{t('analysis.matrix')}</h2>
      <p>{t('analysis.matrixIntro')}</p>
      <form onSubmit={submit} className="form panel an-form" aria-label={t('analysis.matrixForm')}>
        <div className="filter-grid">
          <RowsSelect study={study} id="an-m-rows" value={draft.rows ?? ''} onChange={(v) => setDraft({ ...draft, rows: v })} />
          <SelectField id="an-m-columns" label={t('analysis.columns')} value={draft.columns} onChange={(e) => setDraft({ ...draft, columns: e.target.value })}>
            <optgroup label={t('analysis.attributes')}>
              {(dims.data?.attributes ?? [{ spec: 'attr:role', name: 'Rol', source: 'participant' as const }]).map((a) => (
                <option key={a.spec} value={a.spec}>
                  {a.source === 'participant' ? t(`analysis.attr.${a.spec.slice(5)}` as 'analysis.attr.role') : a.name}
                </option>
              ))}
            </optgroup>
            {dims.data?.groups.length ? (
              <optgroup label={t('analysis.codeGroups')}>
                {dims.data.groups.map((g) => (
                  <option key={g.spec} value={g.spec}>
                    {g.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
          <SelectField id="an-m-measure" label={t('analysis.measureLabel')} value={draft.measure} onChange={(e) => setDraft({ ...draft, measure: e.target.value as AnalysisMeasure })}>
            {ANALYSIS_MEASURES.map((x) => (
              <option key={x} value={x}>
                {t(`analysis.measure.${x}`)}
              </option>
            ))}
          </SelectField>
          {group ? (
            <SelectField id="an-m-unit" label={t('analysis.unitLabel')} value={draft.unit} onChange={(e) => setDraft({ ...draft, unit: e.target.value as CooccurrenceUnit })}>
              {COOCCURRENCE_UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`analysis.unit.${u}`)}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <CheckboxField label={t('analysis.includeChildren')} checked={draft.includeChildren} onChange={(e) => setDraft({ ...draft, includeChildren: e.target.checked })} />
        <button type="submit" className="button-primary">
          {t('analysis.build')}
        </button>
      </form>
      {params && q.isPending ? <Loading /> : null}
      <ErrorAlert error={q.error} />
      {m && params ? (
        <>
          <TableWrap label={t('analysis.matrixOf', { columns: m.columnTitle })}>
            <table className="an-table an-matrix">
              <caption>{t('analysis.matrixCaption', { columns: m.columnTitle, measure: t(`analysis.measure.${m.measure}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analysis.code')}</th>
                  {m.columnList.map((c) => (
                    <th key={c.key} scope="col" className="num">
                      {colLabel(c.key, c.label)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('analysis.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {m.rowList.map((r, i) => (
                  <tr key={r.codeId}>
                    <th scope="row">
                      <CodeName name={r.name} depth={r.depth} color={r.color} />
                    </th>
                    {m.columnList.map((c, j) => (
                      <CountCell
                        key={c.key}
                        n={m.counts[i][j]}
                        threshold={m.threshold}
                        label={`${r.name} × ${colLabel(c.key, c.label)}`}
                        onOpen={
                          onOpen
                            ? () =>
                                onOpen({
                                  body: { kind: 'matrix', codeId: r.codeId, columns: m.columns, value: c.key, includeChildren: m.includeChildren, unit: m.unit },
                                  label: `${r.name} × ${colLabel(c.key, c.label)}`,
                                })
                            : undefined
                        }
                      />
                    ))}
                    <td className="num">{m.rowTotals[i] === null ? `<${m.threshold}` : m.rowTotals[i]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Suppressed on={m.suppressed} threshold={m.threshold} />
          <Downloads links={(['xlsx', 'csv'] as const).map((f) => ({ href: analysisApi.exportUrl(study.slug, exportQuery(f)), label: t('analysis.download', { format: f.toUpperCase() }) }))} />
        </>
      ) : null}
    </section>
  );
}

// ---- co-occurrence ----------------------------------------------------------------------------------------

function Cooccurrence({ study, onOpen }: { study: Study; onOpen?: (c: OpenCell) => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<CooccurrenceParams>({ rows: '', unit: 'turn', includeChildren: false });
  const [params, setParams] = useState<CooccurrenceParams | null>(null);
  const q = useQuery({
    queryKey: analysisKeys.cooccurrence(study.slug, params ?? draft),
    queryFn: ({ signal }) => analysisApi.cooccurrence(study.slug, { ...params!, rows: params!.rows || undefined }, signal),
    enabled: !!params,
    placeholderData: keepPreviousData,
  });
  const fmt = useMemo(() => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2, minimumFractionDigits: 2 }), [i18n.language]);
  const c = q.data;
  return (
    <section id="an-cooccurrence" aria-labelledby="an-cooccurrence-h" className="section">
      <h2 id="an-cooccurrence-h">{t('analysis.cooccurrence')}</h2>
      <p>{t('analysis.cooccurrenceIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ ...draft });
        }}
        className="form panel an-form"
        aria-label={t('analysis.cooccurrenceForm')}
      >
        <div className="filter-grid">
          <RowsSelect study={study} id="an-c-rows" value={draft.rows ?? ''} onChange={(v) => setDraft({ ...draft, rows: v })} />
          <SelectField id="an-c-unit" label={t('analysis.unitLabel')} value={draft.unit} onChange={(e) => setDraft({ ...draft, unit: e.target.value as CooccurrenceUnit })}>
            {COOCCURRENCE_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`analysis.unit.${u}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <CheckboxField label={t('analysis.includeChildren')} checked={draft.includeChildren} onChange={(e) => setDraft({ ...draft, includeChildren: e.target.checked })} />
        <button type="submit" className="button-primary">
          {t('analysis.compute')}
        </button>
      </form>
      {params && q.isPending ? <Loading /> : null}
      <ErrorAlert error={q.error} />
      {c && params ? (
        <>
          <TableWrap label={t('analysis.cooccurrenceTable')}>
            <table className="an-table an-matrix">
              <caption>{t('analysis.cooccurrenceCaption', { unit: t(`analysis.unit.${c.unit}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analysis.code')}</th>
                  {c.codes.map((x) => (
                    <th key={x.codeId} scope="col" className="num">
                      {x.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.codes.map((row, i) => (
                  <tr key={row.codeId}>
                    <th scope="row">
                      <CodeName name={row.name} depth={row.depth} color={row.color} />
                    </th>
                    {c.codes.map((col, j) => {
                      const n = c.counts[i][j];
                      const jac = c.jaccard[i][j];
                      const label = `${row.name} + ${col.name}`;
                      const canOpen = onOpen && n !== null && n > 0 && i !== j;
                      return (
                        <td key={col.codeId} className={`num${i === j ? ' an-diagonal' : ''}`}>
                          {n === null ? (
                            <>
                              <span aria-hidden="true">{`<${c.threshold}`}</span>
                              <span className="visually-hidden">{t('analysis.withheld', { threshold: c.threshold })}</span>
                            </>
                          ) : canOpen ? (
                            <button
                              type="button"
                              className="button-link an-cell"
                              onClick={() => onOpen({ body: { kind: 'cooccurrence', codeId: row.codeId, otherCodeId: col.codeId, unit: c.unit, includeChildren: c.includeChildren }, label })}
                              aria-label={t('analysis.openPair', { count: n, cell: label, jaccard: jac === null ? '–' : fmt.format(jac) })}
                            >
                              {n}
                            </button>
                          ) : (
                            n
                          )}
                          {i !== j && n !== null && jac !== null ? <span className="an-jaccard small muted">{` J ${fmt.format(jac)}`}</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="small muted">{t('analysis.jaccardNote')}</p>
          <Suppressed on={c.suppressed} threshold={c.threshold} />
          <Downloads
            links={(['xlsx', 'csv'] as const).map((f) => ({
              href: analysisApi.exportUrl(study.slug, { table: 'cooccurrence', format: f, rows: params.rows || undefined, unit: params.unit, includeChildren: params.includeChildren ? 'true' : undefined }),
              label: t('analysis.download', { format: f.toUpperCase() }),
            }))}
          />
        </>
      ) : null}
    </section>
  );
}

// ---- the segments of a cell -------------------------------------------------------------------------------

const PAGE = 25;

function SegmentsPanel({ study, cell, onClose }: { study: Study; cell: OpenCell; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const heading = useRef<HTMLHeadingElement>(null);
  const key = JSON.stringify(cell.body);
  useEffect(() => {
    setPage(1);
    heading.current?.focus();
  }, [key]);
  const body: CellBody = { ...cell.body, offset: (page - 1) * PAGE, limit: PAGE };
  const q = useQuery({ queryKey: analysisKeys.cell(study.slug, body), queryFn: () => analysisApi.segments(study.slug, body), placeholderData: keepPreviousData });
  const total = q.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const quoteQuery = (format: string) => ({
    format,
    kind: cell.body.kind,
    codeId: cell.body.codeId,
    includeChildren: cell.body.includeChildren ? 'true' : undefined,
    columns: cell.body.columns,
    value: cell.body.value,
    otherCodeId: cell.body.otherCodeId,
    unit: cell.body.unit,
  });
  return (
    <section aria-labelledby="an-segments-h" className="section panel an-segments" id="an-segments">
      <div className="page-header">
        <h2 id="an-segments-h" tabIndex={-1} ref={heading}>
          {t('analysis.segmentsOf', { cell: cell.label })}
        </h2>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('analysis.close')}
        </button>
      </div>
      <p className="small">{t('analysis.quotesNote')}</p>
      <Downloads links={(['docx', 'xlsx', 'csv'] as const).map((f) => ({ href: analysisApi.quotesUrl(study.slug, quoteQuery(f)), label: t('analysis.downloadQuotes', { format: f.toUpperCase() }) }))} />
      {q.isPending ? <Loading /> : null}
      <ErrorAlert error={q.error} />
      <StatusMessage>{q.data ? t('analysis.segmentsFound', { count: total }) : ''}</StatusMessage>
      {q.data?.segments.length ? (
        <ol className="segment-list" start={(page - 1) * PAGE + 1}>
          {q.data.segments.map((s) => (
            <SegmentItem key={s.codingId} study={study} segment={s} showCode />
          ))}
        </ol>
      ) : null}
      <Pagination label={t('analysis.segmentsPages')} page={page} pages={pages} onPage={setPage} />
    </section>
  );
}

// ---- code all matches of a pattern ------------------------------------------------------------------------

function PatternCoding({ study }: { study: Study }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const codes = useQuery({ queryKey: keys.codes(study.slug), queryFn: ({ signal }) => codingApi.codes(study.slug, signal) });
  const [pattern, setPattern] = useState('');
  const [mode, setMode] = useState<'wildcard' | 'regex'>('wildcard');
  const [result, setResult] = useState<PatternResponse | null>(null);
  const [codeId, setCodeId] = useState('');
  const [extent, setExtent] = useState<'hit' | 'sentence' | 'turn'>('hit');
  const [done, setDone] = useState('');
  const find = useMutation({
    mutationFn: () => analysisApi.pattern(study.slug, { pattern, mode }),
    onSuccess: (r) => {
      setResult(r);
      setDone('');
    },
  });
  const code = useMutation({
    mutationFn: () => codingApi.bulk(study.slug, { codeIds: [codeId], hits: result!.hits.map((h) => ({ documentId: h.documentId, version: h.version, start: h.start, end: h.end })), extent }),
    onSuccess: (r) => {
      setDone(t('analysis.patternCoded', { count: r.created, existing: r.existing, documents: r.documents }));
      void queryClient.invalidateQueries({ queryKey: ['study', study.slug] });
    },
  });
  return (
    <section id="an-pattern" aria-labelledby="an-pattern-h" className="section">
      <h2 id="an-pattern-h">{t('analysis.pattern')}</h2>
      <p>{t('analysis.patternIntro')}</p>
      <form
        className="form panel an-form"
        aria-label={t('analysis.patternForm')}
        onSubmit={(e) => {
          e.preventDefault();
          if (pattern.trim()) find.mutate();
        }}
      >
        <div className="filter-grid">
          <TextField id="an-p-pattern" label={t('analysis.patternLabel')} hint={mode === 'wildcard' ? t('analysis.patternHintWildcard') : t('analysis.patternHintRegex')} value={pattern} onChange={(e) => setPattern(e.target.value)} maxLength={200} />
          <SelectField id="an-p-mode" label={t('analysis.patternMode')} value={mode} onChange={(e) => setMode(e.target.value as 'wildcard' | 'regex')}>
            <option value="wildcard">{t('analysis.modeWildcard')}</option>
            <option value="regex">{t('analysis.modeRegex')}</option>
          </SelectField>
        </div>
        <button type="submit" className="button-primary" disabled={find.isPending}>
          {t('analysis.patternFind')}
        </button>
      </form>
      <ErrorAlert error={find.error} />
      {result ? (
        <>
          <StatusMessage>{t('analysis.patternFound', { count: result.total, documents: result.documentsWithHits })}</StatusMessage>
          {result.hits.length ? (
            <>
              <ol className="hit-list an-hits">
                {result.hits.slice(0, 10).map((h) => (
                  <li key={`${h.documentId}:${h.start}`} className="small">
                    <strong>{h.documentTitle}</strong>: {h.snippet.text.slice(0, h.snippet.hitStart)}
                    <mark>{h.snippet.text.slice(h.snippet.hitStart, h.snippet.hitEnd)}</mark>
                    {h.snippet.text.slice(h.snippet.hitEnd)}
                  </li>
                ))}
              </ol>
              {result.hits.length > 10 ? <p className="small muted">{t('analysis.patternMore', { count: result.hits.length - 10 })}</p> : null}
              <form
                className="form inline-form"
                aria-label={t('analysis.patternCodeForm')}
                onSubmit={(e) => {
                  e.preventDefault();
                  if (codeId) code.mutate();
                }}
              >
                <SelectField id="an-p-code" label={t('analysis.patternCode')} value={codeId} onChange={(e) => setCodeId(e.target.value)}>
                  <option value="">{t('analysis.chooseCode')}</option>
                  {(codes.data?.codes ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField id="an-p-extent" label={t('analysis.patternExtent')} value={extent} onChange={(e) => setExtent(e.target.value as 'hit')}>
                  <option value="hit">{t('cvocab.extent.hit')}</option>
                  <option value="sentence">{t('cvocab.extent.sentence')}</option>
                  <option value="turn">{t('cvocab.extent.turn')}</option>
                </SelectField>
                <button type="submit" className="button-primary" disabled={!codeId || code.isPending}>
                  {t('analysis.patternCodeAll', { count: result.hits.length })}
                </button>
              </form>
            </>
          ) : null}
        </>
      ) : null}
      <ErrorAlert error={code.error} />
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}

