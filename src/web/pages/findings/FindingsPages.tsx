/**
 * "Bevindingen": the findings list with filters (type, phase, status, strength) and the study's triangulation rule,
 * a finding with its evidence (add and remove, validate), and the law-versus-practice matrix (norms × phases) whose
 * cells open their findings with their evidence. The committee reads everything here without edit controls; the
 * server has already aggregated the evidence for it (no quote text, figures under the disclosure threshold).
 */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { EvidenceKind, FindingDetail, FindingStatus, FindingType, Strength } from '../../../shared/findings';
import type { LegalPhase } from '../../../shared/legal';
import { codingApi, keys } from '../../api/endpoints';
import { findingKeys, findingsApi, type FindingFilters } from '../../api/findings';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { formatDate } from '../../i18n/format';
import { StudyGate, studyPath } from '../studies/useStudy';
import { EvidenceView, FINDING_STATUSES, FINDING_TYPES, PHASES, STRENGTHS, StatusBadge, StrengthBadge, useFindingLabels } from './common';
import { EvidenceDialog } from './EvidenceDialog';

export function FindingsListPage() {
  return <StudyGate>{(study) => <FindingsList study={study} />}</StudyGate>;
}
export function FindingPage() {
  return <StudyGate>{(study) => <FindingView study={study} />}</StudyGate>;
}
export function LawPracticePage() {
  return <StudyGate>{(study) => <Matrix study={study} />}</StudyGate>;
}

function crumbs(study: Study, t: (k: 'nav.studies' | 'modules.findings') => string, last?: string) {
  return [
    { label: t('nav.studies'), to: '/onderzoeken' },
    { label: study.title, to: studyPath(study.slug) },
    last ? { label: t('modules.findings'), to: studyPath(study.slug, 'bevindingen') } : { label: t('modules.findings') },
    ...(last ? [{ label: last }] : []),
  ];
}

function SubNav({ study }: { study: Study }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('findings.subnav')} className="tool-links">
      <ul>
        <li>
          <Link to={studyPath(study.slug, 'bevindingen')}>{t('modules.findings')}</Link>
        </li>
        <li>
          <Link to={studyPath(study.slug, 'bevindingen/recht-en-praktijk')}>{t('findings.matrixTitle')}</Link>
        </li>
        <li>
          <Link to={studyPath(study.slug, 'aanbevelingen')}>{t('modules.recommendations')}</Link>
        </li>
      </ul>
    </nav>
  );
}

function useCodes(study: Study) {
  return useQuery({ queryKey: keys.codes(study.slug), queryFn: ({ signal }) => codingApi.codes(study.slug, signal), enabled: can(study, 'data.read') });
}

// ---- list ---------------------------------------------------------------------------------------------------

/** A filter: "all" (empty) or one of the values, each shown by its label; extra options may follow. */
function FilterSelect<T extends string>(props: { label: string; value: string | undefined; values: readonly T[]; labelOf(v: NoInfer<T>): string; all: string; onChange(v: string): void; children?: ReactNode }) {
  return (
    <SelectField label={props.label} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{props.all}</option>
      {props.values.map((x) => (
        <option key={x} value={x}>
          {props.labelOf(x)}
        </option>
      ))}
      {props.children}
    </SelectField>
  );
}

function FindingsList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  const [filters, setFilters] = useState<FindingFilters>({});
  const canWrite = can(study, 'findings.write') && !study.archived;
  const list = useQuery({ queryKey: findingKeys.list(study.slug, filters), queryFn: ({ signal }) => findingsApi.list(study.slug, filters, signal) });
  const set = (k: keyof FindingFilters, v: string) => setFilters((f) => ({ ...f, [k]: v || undefined }));

  return (
    <>
      <Breadcrumbs items={crumbs(study, t)} />
      <PageHeading>{t('modules.findings')}</PageHeading>
      <p>{t('moduleDescriptions.findings')}</p>
      <SubNav study={study} />
      <ErrorAlert error={list.error} />
      <form className="filters" aria-labelledby="findings-filters" onSubmit={(e) => e.preventDefault()}>
        <h2 id="findings-filters">{t('findings.filters')}</h2>
        <div className="field-row">
          <FilterSelect label={t('findings.typeLabel')} value={filters.type} values={FINDING_TYPES} labelOf={labels.type} all={t('findings.all')} onChange={(v) => set('type', v)} />
          <FilterSelect label={t('findings.phaseLabel')} value={filters.phase} values={PHASES} labelOf={labels.phase} all={t('findings.all')} onChange={(v) => set('phase', v)}>
            <option value="none">{t('findings.noPhase')}</option>
          </FilterSelect>
          <FilterSelect label={t('findings.statusLabel')} value={filters.status} values={FINDING_STATUSES} labelOf={labels.status} all={t('findings.all')} onChange={(v) => set('status', v)} />
          <FilterSelect label={t('findings.strengthLabel')} value={filters.strength} values={STRENGTHS} labelOf={labels.strength} all={t('findings.all')} onChange={(v) => set('strength', v)} />
        </div>
      </form>
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <>
          <p className="muted small" aria-live="polite">
            {t('findings.count', { count: list.data.findings.length })} · {t('findings.ruleLine', { strong: list.data.rule.strong, moderate: list.data.rule.moderate })}
          </p>
          {list.data.findings.length ? (
            <TableWrap label={t('modules.findings')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('modules.findings')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('findings.statement')}</th>
                    <th scope="col">{t('findings.typeLabel')}</th>
                    <th scope="col">{t('findings.phaseLabel')}</th>
                    <th scope="col">{t('findings.statusLabel')}</th>
                    <th scope="col">{t('findings.strengthLabel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.findings.map((f) => (
                    <tr key={f.id}>
                      <th scope="row">
                        <Link to={studyPath(study.slug, `bevindingen/${f.id}`)}>{f.statement}</Link>
                      </th>
                      <td>{labels.type(f.type)}</td>
                      <td>{labels.phase(f.phase)}</td>
                      <td>
                        <StatusBadge status={f.status} />
                      </td>
                      <td>
                        <StrengthBadge strength={f.strength} kinds={f.kinds.length} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p className="muted">{t('findings.none')}</p>
          )}
        </>
      ) : null}
      {canWrite ? <NewFinding study={study} /> : null}
      {can(study, 'findings.configure') && !study.archived && list.data ? <RuleForm study={study} rule={list.data.rule} /> : null}
    </>
  );
}

function FindingFields({ study, v, onChange }: { study: Study; v: { statement: string; type: FindingType; phase: string; themes: string[] }; onChange: (v: { statement: string; type: FindingType; phase: string; themes: string[] }) => void }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  const codes = useCodes(study);
  return (
    <>
      <TextAreaField label={t('findings.statement')} value={v.statement} onChange={(e) => onChange({ ...v, statement: e.target.value })} required maxLength={4000} rows={3} />
      <SelectField label={t('findings.typeLabel')} value={v.type} onChange={(e) => onChange({ ...v, type: e.target.value as FindingType })}>
        {FINDING_TYPES.map((x) => (
          <option key={x} value={x}>
            {labels.type(x)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('findings.phaseLabel')} value={v.phase} onChange={(e) => onChange({ ...v, phase: e.target.value })}>
        <option value="">{t('findings.noPhase')}</option>
        {PHASES.map((p) => (
          <option key={p} value={p}>
            {labels.phase(p)}
          </option>
        ))}
      </SelectField>
      {codes.data && codes.data.codes.length ? (
        <SelectField
          label={t('findings.themes')}
          hint={t('findings.themesHint')}
          multiple
          size={Math.min(6, codes.data.codes.length)}
          value={v.themes}
          onChange={(e) => onChange({ ...v, themes: [...e.target.selectedOptions].map((o) => o.value) })}
        >
          {codes.data.codes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}

function NewFinding({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState({ statement: '', type: 'knelpunt' as FindingType, phase: '', themes: [] as string[] });
  const create = useMutation({
    mutationFn: () => findingsApi.create(study.slug, { statement: v.statement, type: v.type, phase: (v.phase || null) as LegalPhase | null, themes: v.themes }),
    onSuccess: (f) => {
      void qc.invalidateQueries({ queryKey: findingKeys.all(study.slug) });
      void navigate(studyPath(study.slug, `bevindingen/${f.id}`));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="section" aria-labelledby="finding-new">
      <h2 id="finding-new">{t('findings.new')}</h2>
      <ErrorAlert error={create.error} />
      <form className="form" onSubmit={submit}>
        <FindingFields study={study} v={v} onChange={setV} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('findings.create')}
        </button>
      </form>
    </section>
  );
}

function RuleForm({ study, rule }: { study: Study; rule: { strong: number; moderate: number } }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ strong: String(rule.strong), moderate: String(rule.moderate) });
  const [status, setStatus] = useState('');
  const save = useMutation({
    mutationFn: () => findingsApi.putRule(study.slug, { strong: Number(v.strong), moderate: Number(v.moderate) }),
    onSuccess: () => {
      setStatus(t('findings.ruleSaved'));
      void qc.invalidateQueries({ queryKey: findingKeys.all(study.slug) });
    },
  });
  return (
    <section className="section" aria-labelledby="finding-rule">
      <h2 id="finding-rule">{t('findings.ruleTitle')}</h2>
      <p className="small">{t('findings.ruleExplain')}</p>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={save.error} />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="field-row">
          <TextField label={t('findings.ruleStrong')} type="number" min={1} max={5} value={v.strong} onChange={(e) => setV({ ...v, strong: e.target.value })} required />
          <TextField label={t('findings.ruleModerate')} type="number" min={1} max={5} value={v.moderate} onChange={(e) => setV({ ...v, moderate: e.target.value })} required />
        </div>
        <button type="submit" className="button-secondary" disabled={save.isPending}>
          {t('findings.ruleSave')}
        </button>
      </form>
    </section>
  );
}

// ---- one finding --------------------------------------------------------------------------------------------

const EVIDENCE_KINDS: EvidenceKind[] = ['quote', 'survey', 'indicator', 'norm', 'signal'];

function FindingView({ study }: { study: Study }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { findingId = '' } = useParams();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<EvidenceKind | null>(null);
  const [status, setStatus] = useState('');
  const canWrite = can(study, 'findings.write') && !study.archived;
  const canValidate = can(study, 'findings.validate') && !study.archived;
  const q = useQuery({ queryKey: findingKeys.one(study.slug, findingId), queryFn: ({ signal }) => findingsApi.get(study.slug, findingId, signal) });
  const done = (f: FindingDetail, message: string) => {
    qc.setQueryData(findingKeys.one(study.slug, findingId), f);
    void qc.invalidateQueries({ queryKey: findingKeys.all(study.slug) });
    setStatus(message);
  };
  const validate = useMutation({
    mutationFn: (s: FindingStatus) => findingsApi.setStatus(study.slug, findingId, s),
    onSuccess: (f) => done(f, t(f.status === 'validated' ? 'findings.validatedNow' : 'findings.draftNow')),
  });
  const removeEvidence = useMutation({
    mutationFn: (evidenceId: string) => findingsApi.removeEvidence(study.slug, findingId, evidenceId),
    onSuccess: (f) => done(f, t('findings.evidenceRemoved')),
  });
  const remove = useMutation({
    mutationFn: () => findingsApi.remove(study.slug, findingId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: findingKeys.all(study.slug) });
      void navigate(studyPath(study.slug, 'bevindingen'));
    },
  });
  const f = q.data;
  return (
    <>
      <Breadcrumbs items={crumbs(study, t, f ? t('findings.finding') : '…')} />
      <ErrorAlert error={q.error ?? validate.error ?? removeEvidence.error ?? remove.error} />
      {q.isPending ? <Loading /> : null}
      {f ? (
        <>
          <PageHeading>{t('findings.finding')}</PageHeading>
          <StatusMessage>{status}</StatusMessage>
          {editing ? (
            <EditFinding study={study} f={f} onDone={(x) => (setEditing(false), x ? done(x, t('findings.saved')) : undefined)} />
          ) : (
            <section className="section" aria-labelledby="finding-what">
              <h2 id="finding-what" className="visually-hidden">
                {t('findings.statement')}
              </h2>
              <p className="lead">{f.statement}</p>
              <dl className="facts">
                <dt>{t('findings.typeLabel')}</dt>
                <dd>{labels.type(f.type)}</dd>
                <dt>{t('findings.phaseLabel')}</dt>
                <dd>{labels.phase(f.phase)}</dd>
                <dt>{t('findings.themes')}</dt>
                <dd>{f.themes.length ? f.themes.map((x) => x.name).join(', ') : '—'}</dd>
                <dt>{t('findings.statusLabel')}</dt>
                <dd>
                  <StatusBadge status={f.status} />
                  {f.validatedAt ? ` ${t('findings.validatedBy', { name: f.validatedBy ?? '?', date: formatDate(f.validatedAt) })}` : ''}
                </dd>
                <dt>{t('findings.strengthLabel')}</dt>
                <dd>
                  <StrengthBadge strength={f.strength} kinds={f.kinds.length} /> {f.kinds.length ? `(${f.kinds.map(labels.kind).join(', ')})` : ''}
                </dd>
              </dl>
              <p className="button-row">
                {canWrite ? (
                  <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                    {t('findings.edit')}
                  </button>
                ) : null}
                {canValidate ? (
                  <button type="button" className="button-secondary" onClick={() => validate.mutate(f.status === 'validated' ? 'draft' : 'validated')} disabled={validate.isPending}>
                    {f.status === 'validated' ? t('findings.unvalidate') : t('findings.validate')}
                  </button>
                ) : null}
                {canWrite ? (
                  <ConfirmButton danger question={t('findings.deleteQuestion')} confirmLabel={t('findings.delete')} onConfirm={() => remove.mutate()} pending={remove.isPending}>
                    {t('findings.delete')}
                  </ConfirmButton>
                ) : null}
              </p>
            </section>
          )}
          <section className="section" aria-labelledby="finding-evidence">
            <h2 id="finding-evidence">{t('findings.evidence')}</h2>
            {f.evidence.length === 0 ? <p className="muted">{t('findings.noEvidence')}</p> : null}
            <ul className="plain-list evidence-list">
              {f.evidence.map((e) => (
                <li key={e.id} className="evidence-item">
                  <p className="small muted">
                    <span className="tag">{labels.kind(e.kind)}</span> {formatDate(e.createdAt)}
                  </p>
                  <EvidenceView e={e} slug={study.slug} />
                  {e.note ? <p className="small">{t('findings.noteLine', { note: e.note })}</p> : null}
                  {canWrite ? (
                    <ConfirmButton question={t('findings.removeEvidenceQuestion')} confirmLabel={t('findings.removeEvidence')} onConfirm={() => removeEvidence.mutate(e.id)} pending={removeEvidence.isPending} className="button-small">
                      {t('findings.removeEvidence')}
                    </ConfirmButton>
                  ) : null}
                </li>
              ))}
            </ul>
            {canWrite ? (
              <div className="button-row" role="group" aria-label={t('findings.addEvidence')}>
                {EVIDENCE_KINDS.map((k) => (
                  <button key={k} type="button" className="button-secondary" onClick={() => setDialog(k)}>
                    {t(`findings.add.${k}`)}
                  </button>
                ))}
              </div>
            ) : null}
            {dialog ? <EvidenceDialog study={study} findingId={f.id} kind={dialog} onClose={() => setDialog(null)} onAdded={(x) => (setDialog(null), done(x, t('findings.evidenceAdded')))} /> : null}
          </section>
          {f.recommendations.length ? (
            <section className="section" aria-labelledby="finding-recs">
              <h2 id="finding-recs">{t('modules.recommendations')}</h2>
              <ul>
                {f.recommendations.map((r) => (
                  <li key={r.id}>
                    <Link to={studyPath(study.slug, 'aanbevelingen')}>{r.text}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function EditFinding({ study, f, onDone }: { study: Study; f: FindingDetail; onDone: (f: FindingDetail | null) => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ statement: f.statement, type: f.type, phase: f.phase ?? '', themes: f.themes.map((x) => x.id) });
  const save = useMutation({
    mutationFn: () => findingsApi.update(study.slug, f.id, { statement: v.statement, type: v.type, phase: (v.phase || null) as LegalPhase | null, themes: v.themes }),
    onSuccess: (x) => onDone(x),
  });
  return (
    <section className="section" aria-labelledby="finding-edit">
      <h2 id="finding-edit">{t('findings.edit')}</h2>
      {f.status === 'validated' ? <p className="notice small">{t('findings.editValidated')}</p> : null}
      <ErrorAlert error={save.error} />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <FindingFields study={study} v={v} onChange={setV} />
        <p className="button-row">
          <button type="submit" className="button-primary" disabled={save.isPending}>
            {t('findings.save')}
          </button>
          <button type="button" className="button-secondary" onClick={() => onDone(null)}>
            {t('findings.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}

// ---- law versus practice ------------------------------------------------------------------------------------

function Matrix({ study }: { study: Study }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  const [status, setStatus] = useState<FindingStatus | ''>('');
  const [open, setOpen] = useState<{ normId: string; phase: string } | null>(null);
  const q = useQuery({ queryKey: findingKeys.matrix(study.slug, status || undefined), queryFn: ({ signal }) => findingsApi.matrix(study.slug, status || undefined, signal) });
  const m = q.data;
  const openRow = m && open ? m.rows.find((r) => r.norm.id === open.normId) : undefined;
  const openCell = openRow?.cells.find((c) => c.phase === open?.phase);
  return (
    <>
      <Breadcrumbs items={crumbs(study, t, t('findings.matrixTitle'))} />
      <PageHeading>{t('findings.matrixTitle')}</PageHeading>
      <p>{t('findings.matrixExplain')}</p>
      <SubNav study={study} />
      <ErrorAlert error={q.error} />
      <form className="filters" aria-labelledby="matrix-filters" onSubmit={(e) => e.preventDefault()}>
        <h2 id="matrix-filters" className="visually-hidden">
          {t('findings.filters')}
        </h2>
        <SelectField label={t('findings.statusLabel')} value={status} onChange={(e) => (setStatus(e.target.value as FindingStatus | ''), setOpen(null))}>
          <option value="">{t('findings.all')}</option>
          {FINDING_STATUSES.map((x) => (
            <option key={x} value={x}>
              {labels.status(x)}
            </option>
          ))}
        </SelectField>
      </form>
      {q.isPending ? <Loading /> : null}
      {m ? (
        m.rows.length === 0 ? (
          <p className="muted">{t('findings.matrixEmpty')}</p>
        ) : (
          <TableWrap label={t('findings.matrixTitle')}>
            <table className="data-table law-practice">
              <caption>{t('findings.matrixCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('findings.norm')}</th>
                  {m.phases.map((p) => (
                    <th scope="col" key={p}>
                      {labels.phase(p)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {m.rows.map((r) => (
                  <tr key={r.norm.id}>
                    <th scope="row" className={r.norm.verification === 'verified' ? '' : 'norm-unverified'}>
                      {r.norm.instrumentShortName} {r.norm.reference} – {r.norm.title}
                      {r.norm.verification === 'verified' ? null : <span className="tag tag-warn"> {t('legal.verification.te_verifieren')}</span>}
                    </th>
                    {r.cells.map((c) => {
                      const n = c.findingIds.length;
                      return (
                        <td key={c.phase}>
                          {n ? (
                            <button
                              type="button"
                              className="button-link"
                              aria-expanded={open?.normId === r.norm.id && open.phase === c.phase}
                              aria-controls="matrix-cell"
                              aria-label={t('findings.cellLabel', { norm: `${r.norm.instrumentShortName} ${r.norm.reference}`, phase: labels.phase(c.phase), meets: c.meets, short: c.fallsShort, other: c.other })}
                              onClick={() => setOpen({ normId: r.norm.id, phase: c.phase })}
                            >
                              {t('findings.cellText', { meets: c.meets, short: c.fallsShort })}
                              {c.other ? ` · ${t('findings.cellOther', { other: c.other })}` : ''}
                            </button>
                          ) : (
                            <span className="muted">–</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )
      ) : null}
      <p className="small muted">{t('findings.matrixLegend')}</p>
      <div id="matrix-cell" aria-live="polite">
        {openRow && openCell ? <CellFindings study={study} title={t('findings.cellTitle', { norm: `${openRow.norm.instrumentShortName} ${openRow.norm.reference}`, phase: labels.phase(openCell.phase) })} ids={openCell.findingIds} /> : null}
      </div>
    </>
  );
}

function CellFindings({ study, title, ids }: { study: Study; title: string; ids: string[] }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  const qs = useQueries({ queries: ids.map((id) => ({ queryKey: findingKeys.one(study.slug, id), queryFn: ({ signal }: { signal: AbortSignal }) => findingsApi.get(study.slug, id, signal) })) });
  return (
    <section className="section" aria-labelledby="cell-title">
      <h2 id="cell-title">{title}</h2>
      {qs.map((q, i) => (
        <article key={ids[i]} className="card">
          {q.isPending ? <Loading /> : null}
          <ErrorAlert error={q.error} />
          {q.data ? (
            <>
              <h3>
                <Link to={studyPath(study.slug, `bevindingen/${q.data.id}`)}>{q.data.statement}</Link>
              </h3>
              <p className="small">
                {labels.type(q.data.type)} · <StatusBadge status={q.data.status} /> · <StrengthBadge strength={q.data.strength as Strength} kinds={q.data.kinds.length} />
              </p>
              <ul className="plain-list evidence-list">
                {q.data.evidence.map((e) => (
                  <li key={e.id} className="evidence-item">
                    <span className="tag">{labels.kind(e.kind)}</span> <EvidenceView e={e} slug={study.slug} />
                  </li>
                ))}
              </ul>
              {q.data.evidence.length === 0 ? <p className="muted small">{t('findings.noEvidence')}</p> : null}
            </>
          ) : null}
        </article>
      ))}
    </section>
  );
}
