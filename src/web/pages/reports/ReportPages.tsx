/**
 * "Rapporten": the report builder. The list (create, from the template), and per report: the chapter list (add,
 * rename, reorder with buttons, delete with confirmation), a Markdown editor with a toolbar (headings, lists, link,
 * footnote) and an "insert block" dialog, the preview (blocks resolved on the server with disclosure control;
 * charts with their table), exports as a job with a progress bar and the list of what the build changed or
 * refused, and frozen versions with comparison. The committee sees frozen versions only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { TopLevelSpec } from 'vega-lite';
import type { BlockSources, BuildChange, Chapter, Figure, ReportBuild, ReportDetail, ReportFormat, VersionCompare } from '../../../shared/reports';
import { reportKeys, reportsApi } from '../../api/reports';
import { can, type Study } from '../../api/types';
import { Alert, ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChartFigure } from '../../components/charts/ChartFigure';
import { ConfirmButton } from '../../components/ConfirmButton';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { formatDate } from '../../i18n/format';
import { Modal } from '../coding/Modal';
import { StudyGate, studyPath } from '../studies/useStudy';
import { JobProgress, useJob } from '../../components/JobProgress';

const reportsPath = (slug: string) => `${studyPath(slug)}/rapporten`;

export function ReportListPage() {
  return <StudyGate>{(study) => <ReportList study={study} />}</StudyGate>;
}

function ReportList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: reportKeys.list(study.slug), queryFn: ({ signal }) => reportsApi.list(study.slug, signal) });
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState(true);
  const create = useMutation({
    mutationFn: () => reportsApi.create(study.slug, { title, template }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: reportKeys.list(study.slug) });
      navigate(`${reportsPath(study.slug)}/${r.id}`);
    },
  });
  const canWrite = can(study, 'reports.write') && !study.archived;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.reports') }]} />
      <PageHeading>{t('modules.reports')}</PageHeading>
      <p>{t('moduleDescriptions.reports')}</p>
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.reports.length === 0 ? <p className="muted">{list.data.canReadDrafts ? t('reports.none') : t('reports.noneFrozen')}</p> : null}
      {list.data && list.data.reports.length > 0 ? (
        <TableWrap label={t('reports.listCaption')}>
          <table>
            <caption className="visually-hidden">{t('reports.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.title')}</th>
                <th scope="col">{t('reports.chapters')}</th>
                <th scope="col">{t('reports.versions')}</th>
                <th scope="col">{t('reports.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`${reportsPath(study.slug)}/${r.id}`}>{r.title}</Link>
                  </th>
                  <td>{r.chapters}</td>
                  <td>{r.versions}</td>
                  <td>{formatDate(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {canWrite ? (
        <section aria-labelledby="report-new" className="section">
          <h2 id="report-new">{t('reports.newHeading')}</h2>
          <form onSubmit={submit} className="stack">
            <TextField label={t('reports.title')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
            <CheckboxField label={t('reports.fromTemplate')} hint={t('reports.fromTemplateHint')} checked={template} onChange={(e) => setTemplate(e.target.checked)} />
            <ErrorAlert error={create.error} />
            <div>
              <button type="submit" className="button-primary" disabled={create.isPending}>
                {t('reports.create')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}

export function ReportPage() {
  return <StudyGate>{(study) => <ReportEditor study={study} />}</StudyGate>;
}

function ReportEditor({ study }: { study: Study }) {
  const { t } = useTranslation();
  const { reportId = '' } = useParams();
  const drafts = can(study, 'reports.read');
  const canWrite = can(study, 'reports.write') && !study.archived;
  const report = useQuery({ queryKey: reportKeys.one(study.slug, reportId), queryFn: ({ signal }) => reportsApi.get(study.slug, reportId, signal), enabled: drafts });
  const list = useQuery({ queryKey: reportKeys.list(study.slug), queryFn: ({ signal }) => reportsApi.list(study.slug, signal), enabled: !drafts });
  const title = report.data?.title ?? list.data?.reports.find((r) => r.id === reportId)?.title ?? t('reports.report');
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.reports'), to: reportsPath(study.slug) }, { label: title }]} />
      <PageHeading>{title}</PageHeading>
      <ErrorAlert error={report.error ?? list.error} />
      {drafts && report.isPending ? <Loading /> : null}
      {drafts && report.data ? <DraftSections study={study} report={report.data} canWrite={canWrite} /> : null}
      {!drafts ? <p>{t('reports.committeeNote')}</p> : null}
      <VersionsSection study={study} reportId={reportId} canFreeze={can(study, 'reports.freeze') && !study.archived && drafts} />
    </>
  );
}

function DraftSections({ study, report, canWrite }: { study: Study; report: ReportDetail; canWrite: boolean }) {
  const [selected, setSelected] = useState<string | null>(report.chapters[0]?.id ?? null);
  const chapter = report.chapters.find((c) => c.id === selected) ?? null;
  useEffect(() => {
    if (selected && !report.chapters.some((c) => c.id === selected)) setSelected(report.chapters[0]?.id ?? null);
  }, [report.chapters, selected]);
  return (
    <>
      {canWrite ? <ReportMeta study={study} report={report} /> : null}
      <ChapterList study={study} report={report} canWrite={canWrite} selected={selected} onSelect={setSelected} />
      {chapter ? <ChapterEditor key={chapter.id} study={study} report={report} chapter={chapter} canWrite={canWrite} /> : null}
      <Preview study={study} reportId={report.id} />
      <BuildSection study={study} reportId={report.id} />
    </>
  );
}

function useSetReport(study: Study, reportId: string) {
  const qc = useQueryClient();
  return (r: ReportDetail) => {
    qc.setQueryData(reportKeys.one(study.slug, reportId), r);
    void qc.invalidateQueries({ queryKey: reportKeys.list(study.slug) });
  };
}

function ReportMeta({ study, report }: { study: Study; report: ReportDetail }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(report.title);
  const [subtitle, setSubtitle] = useState(report.subtitle);
  const set = useSetReport(study, report.id);
  const save = useMutation({ mutationFn: () => reportsApi.update(study.slug, report.id, { title, subtitle }), onSuccess: set });
  return (
    <details className="section">
      <summary>{t('reports.metaHeading')}</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextField label={t('reports.title')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        <TextField label={t('reports.subtitle')} value={subtitle} onChange={(e) => setSubtitle(e.target.value)} maxLength={300} />
        <ErrorAlert error={save.error} />
        <div>
          <button type="submit" className="button-secondary" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </div>
        <StatusMessage>{save.isSuccess ? t('reports.saved') : ''}</StatusMessage>
      </form>
    </details>
  );
}

function ChapterList({ study, report, canWrite, selected, onSelect }: { study: Study; report: ReportDetail; canWrite: boolean; selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const set = useSetReport(study, report.id);
  const [status, setStatus] = useState('');
  const [newTitle, setNewTitle] = useState('');
  const moveRefs = useRef(new Map<string, HTMLButtonElement | null>());
  const reorder = useMutation({
    mutationFn: (v: { ids: string[]; moved: string; dir: 'up' | 'down' }) => reportsApi.reorder(study.slug, report.id, v.ids),
    onSuccess: (r, v) => {
      set(r);
      const c = r.chapters.find((x) => x.id === v.moved);
      setStatus(c ? t('reports.movedTo', { title: c.title, n: c.position + 1 }) : '');
      requestAnimationFrame(() => moveRefs.current.get(`${v.moved}:${v.dir}`)?.focus());
    },
  });
  const add = useMutation({
    mutationFn: () => reportsApi.addChapter(study.slug, report.id, { title: newTitle }),
    onSuccess: (r) => {
      set(r);
      setNewTitle('');
      onSelect(r.chapters[r.chapters.length - 1].id);
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => reportsApi.deleteChapter(study.slug, report.id, id), onSuccess: set });
  const move = (i: number, dir: 'up' | 'down') => {
    const ids = report.chapters.map((c) => c.id);
    const j = dir === 'up' ? i - 1 : i + 1;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    reorder.mutate({ ids, moved: report.chapters[i].id, dir });
  };
  return (
    <section aria-labelledby="chapters-heading" className="section">
      <h2 id="chapters-heading">{t('reports.chaptersHeading')}</h2>
      <ErrorAlert error={reorder.error ?? remove.error} />
      {report.chapters.length === 0 ? <p className="muted">{t('reports.noChapters')}</p> : null}
      <ol className="chapter-list">
        {report.chapters.map((c, i) => (
          <li key={c.id} className={c.id === selected ? 'chapter-item selected' : 'chapter-item'}>
            <button type="button" className="button-link" aria-current={c.id === selected ? 'true' : undefined} onClick={() => onSelect(c.id)}>
              {c.title}
            </button>
            {canWrite ? (
              <span className="chapter-actions">
                <button type="button" className="button-secondary button-small" ref={(el) => void moveRefs.current.set(`${c.id}:up`, el)} disabled={i === 0 || reorder.isPending} onClick={() => move(i, 'up')} aria-label={t('reports.moveUp', { title: c.title })}>
                  {t('reports.up')}
                </button>
                <button type="button" className="button-secondary button-small" ref={(el) => void moveRefs.current.set(`${c.id}:down`, el)} disabled={i === report.chapters.length - 1 || reorder.isPending} onClick={() => move(i, 'down')} aria-label={t('reports.moveDown', { title: c.title })}>
                  {t('reports.down')}
                </button>
                <ConfirmButton className="button-small" danger question={t('reports.deleteQuestion', { title: c.title })} confirmLabel={t('reports.deleteConfirm')} onConfirm={() => remove.mutate(c.id)} pending={remove.isPending}>
                  {t('reports.delete')}
                </ConfirmButton>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <StatusMessage>{status}</StatusMessage>
      {canWrite ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <TextField label={t('reports.newChapter')} value={newTitle} onChange={(e) => setNewTitle(e.target.value)} required maxLength={300} />
          <button type="submit" className="button-secondary" disabled={add.isPending}>
            {t('reports.addChapter')}
          </button>
          <ErrorAlert error={add.error} />
        </form>
      ) : null}
    </section>
  );
}

type Edit = { text: string; start: number; end: number };

/** Wraps or inserts Markdown at the selection (pure; the toolbar's actions). */
export function applyTool(tool: 'h2' | 'h3' | 'ul' | 'ol' | 'link' | 'footnote', e: Edit, words: { linkText: string; footnote: string }): Edit {
  const before = e.text.slice(0, e.start);
  const sel = e.text.slice(e.start, e.end);
  const after = e.text.slice(e.end);
  const lineStart = before.lastIndexOf('\n') + 1;
  const prefixLines = (prefix: (i: number) => string) => {
    const head = e.text.slice(0, lineStart);
    const body = e.text.slice(lineStart, e.end) || '';
    const lines = (body || '').split('\n').map((l, i) => `${prefix(i)}${l.replace(/^(#{1,6} |[-*] |\d+\. )/, '')}`);
    const out = lines.join('\n');
    return { text: head + out + after, start: lineStart, end: lineStart + out.length };
  };
  switch (tool) {
    case 'h2':
      return prefixLines(() => '## ');
    case 'h3':
      return prefixLines(() => '### ');
    case 'ul':
      return prefixLines(() => '- ');
    case 'ol':
      return prefixLines((i) => `${i + 1}. `);
    case 'link': {
      const label = sel || words.linkText;
      const ins = `[${label}](https://)`;
      return { text: before + ins + after, start: e.start + label.length + 3, end: e.start + label.length + 11 };
    }
    case 'footnote': {
      const used = [...e.text.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1]));
      const n = (used.length ? Math.max(...used) : 0) + 1;
      const ref = `[^${n}]`;
      const def = `\n\n[^${n}]: ${words.footnote}`;
      const text = before + sel + ref + after.replace(/\s*$/, '') + def + '\n';
      const at = text.length - 1 - words.footnote.length;
      return { text, start: at, end: at + words.footnote.length };
    }
  }
}

function ChapterEditor({ study, report, chapter, canWrite }: { study: Study; report: ReportDetail; chapter: Chapter; canWrite: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const set = useSetReport(study, report.id);
  const [title, setTitle] = useState(chapter.title);
  const [body, setBody] = useState(chapter.body);
  const [dialog, setDialog] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const save = useMutation({ mutationFn: () => reportsApi.updateChapter(study.slug, report.id, chapter.id, { title, body }), onSuccess: set });
  const dirty = title !== chapter.title || body !== chapter.body;
  const edit = (fn: (e: Edit) => Edit) => {
    const el = area.current;
    const cur = { text: body, start: el?.selectionStart ?? body.length, end: el?.selectionEnd ?? body.length };
    const next = fn(cur);
    setBody(next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.start, next.end);
    });
  };
  const tool = (k: Parameters<typeof applyTool>[0]) => edit((e) => applyTool(k, e, { linkText: t('reports.linkText'), footnote: t('reports.footnoteText') }));
  const insertBlock = (line: string) =>
    edit((e) => {
      const before = e.text.slice(0, e.start).replace(/\s*$/, '');
      const after = e.text.slice(e.start).replace(/^\s*/, '');
      const head = before ? `${before}\n\n` : '';
      const text = `${head}${line}\n\n${after}`;
      return { text, start: head.length + line.length, end: head.length + line.length };
    });
  return (
    <section aria-labelledby={`${id}-h`} className="section">
      <h2 id={`${id}-h`}>{t('reports.editHeading', { title: chapter.title })}</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextField label={t('reports.chapterTitle')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} readOnly={!canWrite} />
        {canWrite ? (
          <div role="toolbar" aria-label={t('reports.toolbar')} className="toolbar">
            <button type="button" className="button-secondary button-small" onClick={() => tool('h2')}>
              {t('reports.toolH2')}
            </button>
            <button type="button" className="button-secondary button-small" onClick={() => tool('h3')}>
              {t('reports.toolH3')}
            </button>
            <button type="button" className="button-secondary button-small" onClick={() => tool('ul')}>
              {t('reports.toolUl')}
            </button>
            <button type="button" className="button-secondary button-small" onClick={() => tool('ol')}>
              {t('reports.toolOl')}
            </button>
            <button type="button" className="button-secondary button-small" onClick={() => tool('link')}>
              {t('reports.toolLink')}
            </button>
            <button type="button" className="button-secondary button-small" onClick={() => tool('footnote')}>
              {t('reports.toolFootnote')}
            </button>
            <button type="button" className="button-primary button-small" onClick={() => setDialog(true)}>
              {t('reports.insertBlock')}
            </button>
          </div>
        ) : null}
        <div className="field report-text">
          <label htmlFor={`${id}-text`}>{t('reports.text')}</label>
          <p id={`${id}-hint`} className="field-hint">
            {t('reports.textHint')}
          </p>
          <textarea id={`${id}-text`} ref={area} aria-describedby={`${id}-hint`} value={body} onChange={(e) => setBody(e.target.value)} rows={18} readOnly={!canWrite} spellCheck lang="nl" />
        </div>
        <ErrorAlert error={save.error} />
        {canWrite ? (
          <div>
            <button type="submit" className="button-primary" disabled={save.isPending || !dirty}>
              {t('reports.saveChapter')}
            </button>
          </div>
        ) : null}
        <StatusMessage>{save.isSuccess && !dirty ? t('reports.saved') : ''}</StatusMessage>
      </form>
      <Modal open={dialog} onClose={() => setDialog(false)} title={t('reports.insertBlock')} titleId={`${id}-dialog`}>
        <BlockDialog study={study} onInsert={(line) => {
          insertBlock(line);
          setDialog(false);
        }} />
      </Modal>
    </section>
  );
}

/** A block line as the server reads it (markdown.ts parseBlockLine). */
export function blockLine(type: string, params: Record<string, string>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => (/^[^\s"\]]+$/.test(v) ? `${k}=${v}` : `${k}="${v.replace(/"/g, "'")}"`));
  return `[[blok:${[type, ...parts].join(' ')}]]`;
}

function BlockDialog({ study, onInsert }: { study: Study; onInsert: (line: string) => void }) {
  const { t } = useTranslation();
  const sources = useQuery({ queryKey: reportKeys.sources(study.slug), queryFn: ({ signal }) => reportsApi.sources(study.slug, signal) });
  const [type, setType] = useState('');
  const [params, setParams] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const def = sources.data?.types.find((x) => x.type === type);
  const survey = sources.data?.surveys.find((s) => s.id === params.survey);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!def) return setError(t('reports.chooseType'));
    const missing = def.params.find((p) => p.required && !params[p.name]);
    if (missing) return setError(t('reports.missingParam', { name: missing.label }));
    onInsert(blockLine(def.type, Object.fromEntries(def.params.map((p) => [p.name, params[p.name] ?? '']))));
  };
  const field = (p: BlockSources['types'][number]['params'][number], data: BlockSources) => {
    const value = params[p.name] ?? '';
    const onChange = (v: string) => setParams((x) => ({ ...x, [p.name]: v }));
    const label = p.required ? p.label : `${p.label} ${t('reports.optional')}`;
    if (p.kind === 'survey')
      return (
        <SelectField key={p.name} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('reports.choose')}</option>
          {data.surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </SelectField>
      );
    if (p.kind === 'question' || p.kind === 'closed-question')
      return (
        <SelectField key={p.name} label={label} value={value} onChange={(e) => onChange(e.target.value)} disabled={!survey}>
          <option value="">{survey ? t('reports.choose') : t('reports.chooseSurveyFirst')}</option>
          {(survey?.questions ?? [])
            .filter((q) => q.closed)
            .map((q) => (
              <option key={q.name} value={q.name}>
                {q.title}
              </option>
            ))}
        </SelectField>
      );
    if (p.kind === 'subgroup')
      return (
        <SelectField key={p.name} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          {data.subgroups.map((s) => (
            <option key={s.value} value={s.value === 'all' ? '' : s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
      );
    if (p.kind === 'finding-type' || p.kind === 'phase' || p.kind === 'finding' || p.kind === 'session') {
      const options = p.kind === 'finding-type' ? data.findingTypes : p.kind === 'phase' ? data.phases : (p.kind === 'finding' ? data.findings : data.sessions).map((x) => ({ value: x.id, label: x.label }));
      return (
        <SelectField key={p.name} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{p.required ? t('reports.choose') : t('reports.all')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      );
    }
    if (p.kind === 'code')
      return (
        <SelectField key={p.name} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('reports.choose')}</option>
          {data.codes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      );
    return <TextField key={p.name} label={label} value={value} onChange={(e) => onChange(e.target.value)} inputMode={p.kind === 'number' ? 'numeric' : undefined} />;
  };
  return (
    <form onSubmit={submit} className="stack">
      <ErrorAlert error={sources.error} />
      {sources.isPending ? <Loading /> : null}
      {sources.data ? (
        <>
          <fieldset>
            <legend>{t('reports.blockType')}</legend>
            {sources.data.types.map((x) => (
              <div key={x.type} className="radio">
                <input
                  type="radio"
                  id={`bt-${x.type}`}
                  name="block-type"
                  value={x.type}
                  checked={type === x.type}
                  onChange={() => {
                    setType(x.type);
                    setParams({});
                    setError('');
                  }}
                  aria-describedby={`bt-${x.type}-d`}
                />
                <label htmlFor={`bt-${x.type}`}>{x.label}</label>
                <p id={`bt-${x.type}-d`} className="small muted">
                  {x.description}
                </p>
              </div>
            ))}
          </fieldset>
          {def ? def.params.map((p) => field(p, sources.data)) : null}
          {error ? <Alert>{error}</Alert> : null}
          <div>
            <button type="submit" className="button-primary">
              {t('reports.insert')}
            </button>
          </div>
        </>
      ) : null}
    </form>
  );
}

// ---- preview ------------------------------------------------------------------------------------------------

function FigureView({ fig, n }: { fig: Figure; n: number }) {
  const { t } = useTranslation();
  return (
    <figure className="report-block" aria-labelledby={`fig-${n}-c`}>
      <figcaption id={`fig-${n}-c`} className="report-block-title">
        {t('reports.figure', { n, title: fig.title })}
      </figcaption>
      {fig.error ? <Alert>{t('reports.blockError', { error: fig.error })}</Alert> : null}
      {fig.chart ? <ChartFigure spec={fig.chart as TopLevelSpec} label={fig.chartAlt || fig.title} /> : null}
      {fig.tables.map((tb, i) => (
        <TableWrap key={i} label={tb.caption}>
          <table>
            <caption>{tb.caption}</caption>
            <thead>
              <tr>
                {tb.columns.map((c, j) => (
                  <th key={j} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tb.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((c, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {c.text}
                      </th>
                    ) : (
                      <td key={j} className={c.suppressed ? 'num withheld' : 'num'}>
                        {c.suppressed && c.text !== '–' ? <abbr title={t('reports.withheld')}>{c.text}</abbr> : c.text}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
      {fig.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {fig.quotes.map((q, i) => (
        <blockquote key={i}>
          <p>“{q.text}”</p>
          <footer>— {q.source}</footer>
        </blockquote>
      ))}
      {fig.notes.map((x, i) => (
        <p key={i} className="small muted">
          {t('reports.note', { note: x })}
        </p>
      ))}
    </figure>
  );
}

/** Markdown rendered on the server by markdown-it with raw HTML switched off: safe to insert. */
function Html({ html }: { html: string }) {
  return <div className="report-text-html" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function BuildView({ build }: { build: ReportBuild }) {
  let n = 0;
  return (
    <div className="report-preview">
      {build.chapters.map((c, i) => (
        <section key={c.id} aria-labelledby={`pv-${c.id}`}>
          <h3 id={`pv-${c.id}`}>
            {i + 1}. {c.title}
          </h3>
          {c.segments.map((s, j) => (s.kind === 'html' ? <Html key={j} html={s.html} /> : <FigureView key={j} fig={s.figure} n={++n} />))}
        </section>
      ))}
    </div>
  );
}

function Changes({ changes, id }: { changes: BuildChange[]; id: string }) {
  const { t } = useTranslation();
  if (!changes.length) return <p className="muted">{t('reports.noChanges')}</p>;
  return (
    <div className="report-changes">
      <h3 id={id}>{t('reports.changesHeading', { n: changes.length })}</h3>
      <ul aria-labelledby={id}>
        {changes.map((c, i) => (
          <li key={i}>
            <strong>{t(`reports.changeKind.${c.kind}`)}</strong> ({c.chapter}): {c.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Preview({ study, reportId }: { study: Study; reportId: string }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  const q = useQuery({ queryKey: reportKeys.preview(study.slug, reportId), queryFn: ({ signal }) => reportsApi.preview(study.slug, reportId, signal), enabled: on });
  return (
    <section aria-labelledby="preview-heading" className="section">
      <h2 id="preview-heading">{t('reports.previewHeading')}</h2>
      <p className="small">{t('reports.previewExplain')}</p>
      <button type="button" className="button-secondary" onClick={() => (on ? void q.refetch() : setOn(true))} disabled={q.isFetching}>
        {on ? t('reports.previewRefresh') : t('reports.previewShow')}
      </button>
      <ErrorAlert error={q.error} />
      {on && q.isFetching ? <Loading /> : null}
      {q.data ? (
        <>
          <Changes changes={q.data.changes} id="preview-changes" />
          <BuildView build={q.data} />
        </>
      ) : null}
    </section>
  );
}

// ---- build as a job -----------------------------------------------------------------------------------------

function BuildSection({ study, reportId, versionId }: { study: Study; reportId: string; versionId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<ReportFormat>('html');
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({ mutationFn: () => reportsApi.build(study.slug, reportId, { format, versionId }), onSuccess: (j) => setJobId(j.id) });
  const { query: job, current, running, done } = useJob(jobId, { interval: 700, initial: start.data });
  const changes = (done ? ((current?.result as { changes?: BuildChange[] } | null)?.changes ?? []) : []) as BuildChange[];
  return (
    <section aria-labelledby={`${id}-h`} className="section">
      {versionId ? <h3 id={`${id}-h`}>{t('reports.exportVersion')}</h3> : <h2 id={`${id}-h`}>{t('reports.buildHeading')}</h2>}
      {versionId ? null : <p className="small">{t('reports.buildExplain')}</p>}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <SelectField label={t('reports.format')} value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
          <option value="html">{t('reports.formatHtml')}</option>
          <option value="docx">{t('reports.formatDocx')}</option>
          <option value="pdf">{t('reports.formatPdf')}</option>
        </SelectField>
        <button type="submit" className="button-primary" disabled={start.isPending || running}>
          {t('reports.build')}
        </button>
      </form>
      <ErrorAlert error={start.error ?? job.error} />
      {current ? (
        <JobProgress job={current} label={t('reports.buildProgress')} doneText={t('reports.buildDone')} failedText={t('reports.buildFailed')} download={t('reports.download')}>
          {done && !versionId ? <Changes changes={changes} id={`${id}-changes`} /> : null}
        </JobProgress>
      ) : null}
    </section>
  );
}

// ---- versions ------------------------------------------------------------------------------------------------

function VersionsSection({ study, reportId, canFreeze }: { study: Study; reportId: string; canFreeze: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const versions = useQuery({ queryKey: reportKeys.versions(study.slug, reportId), queryFn: ({ signal }) => reportsApi.versions(study.slug, reportId, signal) });
  const [label, setLabel] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const freeze = useMutation({
    mutationFn: () => reportsApi.freeze(study.slug, reportId, label),
    onSuccess: () => {
      setLabel('');
      void qc.invalidateQueries({ queryKey: reportKeys.versions(study.slug, reportId) });
      void qc.invalidateQueries({ queryKey: reportKeys.list(study.slug) });
    },
  });
  const list = versions.data?.versions ?? [];
  return (
    <section aria-labelledby="versions-heading" className="section">
      <h2 id="versions-heading">{t('reports.versionsHeading')}</h2>
      <p className="small">{t('reports.versionsExplain')}</p>
      <ErrorAlert error={versions.error} />
      {canFreeze ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            freeze.mutate();
          }}
        >
          <TextField label={t('reports.versionLabel')} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} />
          <button type="submit" className="button-primary" disabled={freeze.isPending}>
            {t('reports.freeze')}
          </button>
          <ErrorAlert error={freeze.error} />
          <StatusMessage>{freeze.isPending ? t('reports.freezing') : freeze.data ? t('reports.frozen', { n: freeze.data.number }) : ''}</StatusMessage>
        </form>
      ) : null}
      {versions.data && list.length === 0 ? <p className="muted">{t('reports.noVersions')}</p> : null}
      {list.length ? (
        <TableWrap label={t('reports.versionsTable')}>
          <table>
            <caption className="visually-hidden">{t('reports.versionsHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.version')}</th>
                <th scope="col">{t('reports.frozenAt')}</th>
                <th scope="col">{t('reports.frozenBy')}</th>
                <th scope="col">{t('reports.changesCount')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    {t('reports.versionName', { n: v.number })}
                    {v.label ? ` — ${v.label}` : ''}
                  </th>
                  <td>{formatDate(v.frozenAt)}</td>
                  <td>{v.frozenBy ?? '–'}</td>
                  <td>{v.changes}</td>
                  <td>
                    <button type="button" className="button-secondary button-small" aria-expanded={open === v.id} onClick={() => setOpen(open === v.id ? null : v.id)}>
                      {open === v.id ? t('reports.hideVersion') : t('reports.showVersion', { n: v.number })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {open ? <VersionView study={study} reportId={reportId} versionId={open} /> : null}
      {list.length >= 2 ? <Compare study={study} reportId={reportId} versions={list} /> : null}
    </section>
  );
}

function VersionView({ study, reportId, versionId }: { study: Study; reportId: string; versionId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: reportKeys.version(study.slug, reportId, versionId), queryFn: ({ signal }) => reportsApi.version(study.slug, reportId, versionId, signal) });
  return (
    <div className="version-view">
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : null}
      {q.data ? (
        <>
          <h3>{t('reports.versionName', { n: q.data.number })}{q.data.label ? ` — ${q.data.label}` : ''}</h3>
          <BuildSection study={study} reportId={reportId} versionId={versionId} />
          <Changes changes={q.data.build.changes} id={`v-${versionId}-changes`} />
          <BuildView build={q.data.build} />
        </>
      ) : null}
    </div>
  );
}

function Compare({ study, reportId, versions }: { study: Study; reportId: string; versions: { id: string; number: number; label: string }[] }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(versions[1]?.id ?? '');
  const [to, setTo] = useState(versions[0]?.id ?? '');
  const [asked, setAsked] = useState<{ from: string; to: string } | null>(null);
  const q = useQuery({
    queryKey: ['reports', study.slug, reportId, 'compare', asked?.from, asked?.to],
    queryFn: ({ signal }) => reportsApi.compare(study.slug, reportId, asked!.from, asked!.to, signal),
    enabled: !!asked,
  });
  const name = (v: { number: number; label: string }) => `${t('reports.versionName', { n: v.number })}${v.label ? ` — ${v.label}` : ''}`;
  return (
    <div className="section">
      <h3>{t('reports.compareHeading')}</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ from, to });
        }}
      >
        <SelectField label={t('reports.compareFrom')} value={from} onChange={(e) => setFrom(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {name(v)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('reports.compareTo')} value={to} onChange={(e) => setTo(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {name(v)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button-secondary">
          {t('reports.compare')}
        </button>
      </form>
      <ErrorAlert error={q.error} />
      {q.data ? <CompareView c={q.data} /> : null}
    </div>
  );
}

function CompareView({ c }: { c: VersionCompare }) {
  const { t } = useTranslation();
  const changedFigures = useMemo(() => c.figures.filter((f) => f.status !== 'same'), [c]);
  const textChanged = c.text.some((p) => p.added || p.removed);
  return (
    <>
      <h4>{t('reports.textDiff')}</h4>
      {textChanged ? (
        <pre className="diff">
          {c.text.map((p, i) =>
            p.added ? (
              <ins key={i}>{p.value}</ins>
            ) : p.removed ? (
              <del key={i}>{p.value}</del>
            ) : (
              <span key={i}>{p.value.length > 300 ? `${p.value.slice(0, 120)} … ${p.value.slice(-120)}` : p.value}</span>
            ),
          )}
        </pre>
      ) : (
        <p className="muted">{t('reports.textSame')}</p>
      )}
      <h4>{t('reports.figureDiff')}</h4>
      {changedFigures.length === 0 ? <p className="muted">{t('reports.figuresSame')}</p> : null}
      {changedFigures.length ? (
        <TableWrap label={t('reports.figureDiff')}>
          <table>
            <caption className="visually-hidden">{t('reports.figureDiff')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.figureCol')}</th>
                <th scope="col">{t('reports.statusCol')}</th>
                <th scope="col">{t('reports.cellCol')}</th>
                <th scope="col">{t('reports.beforeCol')}</th>
                <th scope="col">{t('reports.afterCol')}</th>
              </tr>
            </thead>
            <tbody>
              {changedFigures.flatMap((f) =>
                f.cells.length
                  ? f.cells.map((cell, i) => (
                      <tr key={`${f.key}-${i}`}>
                        <th scope="row">{f.title}</th>
                        <td>{t(`reports.figureStatus.${f.status}`)}</td>
                        <td>{[cell.table, cell.row, cell.column].filter(Boolean).join(' · ')}</td>
                        <td>{cell.before ?? '–'}</td>
                        <td>{cell.after ?? '–'}</td>
                      </tr>
                    ))
                  : [
                      <tr key={f.key}>
                        <th scope="row">{f.title}</th>
                        <td>{t(`reports.figureStatus.${f.status}`)}</td>
                        <td>–</td>
                        <td>–</td>
                        <td>–</td>
                      </tr>,
                    ],
              )}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}
