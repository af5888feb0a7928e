import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type CSSProperties, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { codingApi, keys, participantsApi } from '../../api/endpoints';
import type { Code, RetrieveBody, Segment, Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField, SelectField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { AGE_BANDS, GENDERS, PARTICIPANT_ROLES, SITUATIONS } from '../../../shared/participant-vocabulary';
import { usePVocab } from '../participants/common';
import { buildTree, flatten, pathName, type CodeNode } from './codebook';
import { codesPath, documentPath, ModuleGate, participantLink, useCodingCrumbs } from './common';
import { safeColor } from './segments';
import { SparseCodePoints } from './sparseIndex';
import { Pagination } from '../../components/Pagination';

const PAGE = 25;

/** Attributes the filter offers, with their URL parameter; values as the server stores them. */
const ATTRIBUTES = [
  { key: 'role', param: 'rol', values: PARTICIPANT_ROLES },
  { key: 'ageBand', param: 'leeftijd', values: AGE_BANDS },
  { key: 'gender', param: 'gender', values: GENDERS },
  { key: 'situation', param: 'situatie', values: SITUATIONS },
] as const;
type AttributeKey = (typeof ATTRIBUTES)[number]['key'];
/** URL parameters of the study's own (choice) variables: var.<name>=<value> */
const VAR_PREFIX = 'var.';

function useCodes(study: Study) {
  return useQuery({ queryKey: keys.codes(study.slug), queryFn: ({ signal }) => codingApi.codes(study.slug, signal) });
}

// ---- the codebook, read-only, with links to each code's segments ----------------------------------------

export function CodesPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('codebook.overviewTitle')}>
      {(study) => <Codes study={study} />}
    </ModuleGate>
  );
}

function Codes({ study }: { study: Study }) {
  const { t } = useTranslation();
  const title = t('codebook.overviewTitle');
  const crumbs = useCodingCrumbs(study, { label: title });
  const codes = useCodes(study);
  const tree = (nodes: readonly CodeNode<Code>[]) => (
    <ul className="cb-tree cb-overview">
      {nodes.map((n) => (
        <li key={n.code.id}>
          <div className="cb-row" style={{ '--c': safeColor(n.code.color) } as CSSProperties}>
            <Link to={codesPath(study.slug, n.code.id)} className="cb-apply">
              <span className="cb-swatch" aria-hidden="true" />
              <span className="cb-name">{n.code.name}</span>
            </Link>
            <span className="cb-count">
              {n.code.codings}
              <span className="visually-hidden"> {t('codebook.studyCount', { count: n.code.codings })}</span>
            </span>
          </div>
          {n.code.description ? <p className="small muted cb-description">{n.code.description}</p> : null}
          {n.children.length ? tree(n.children) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('codebook.overviewIntro')}</p>
      {codes.isPending ? <Loading /> : null}
      <ErrorAlert error={codes.error} />
      {codes.data ? codes.data.codes.length ? <nav aria-label={title}>{tree(buildTree(codes.data.codes))}</nav> : <p className="empty">{t('codebook.empty')}</p> : null}
    </>
  );
}

// ---- every segment of a code ------------------------------------------------------------------------------

export function RetrievalPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('retrieval.title')}>
      {(study) => <Retrieval study={study} />}
    </ModuleGate>
  );
}

interface Filters {
  attributes: Partial<Record<AttributeKey, string[]>>;
  /** choice variables of the study, by name: one value each */
  variables: Record<string, string>;
  children: boolean;
  context: 'turn' | 'chars';
  page: number;
}

function useFilters(): [Filters, (f: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => {
    const attributes: Filters['attributes'] = {};
    for (const a of ATTRIBUTES) {
      const values = (params.get(a.param) ?? '').split(',').filter((v) => (a.values as readonly string[]).includes(v));
      if (values.length) attributes[a.key] = values;
    }
    const variables: Record<string, string> = {};
    for (const [k, v] of params) if (k.startsWith(VAR_PREFIX) && v) variables[k.slice(VAR_PREFIX.length)] = v;
    const page = Number(params.get('pagina') ?? '1');
    return { attributes, variables, children: params.get('subcodes') === 'ja', context: params.get('context') === 'tekens' ? 'chars' : 'turn', page: Number.isInteger(page) && page > 0 ? page : 1 };
  }, [params]);
  const set = (f: Filters) => {
    const next = new URLSearchParams();
    for (const a of ATTRIBUTES) if (f.attributes[a.key]?.length) next.set(a.param, f.attributes[a.key]!.join(','));
    for (const [k, v] of Object.entries(f.variables)) if (v) next.set(`${VAR_PREFIX}${k}`, v);
    if (f.children) next.set('subcodes', 'ja');
    if (f.context === 'chars') next.set('context', 'tekens');
    if (f.page > 1) next.set('pagina', String(f.page));
    setParams(next, { replace: true });
  };
  return [filters, set];
}

function Retrieval({ study }: { study: Study }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const codeId = useParams<{ codeId: string }>().codeId ?? '';
  const codes = useCodes(study);
  const code = codes.data?.codes.find((c) => c.id === codeId);
  const [filters, setFilters] = useFilters();
  const title = code ? t('retrieval.titleOf', { code: code.name }) : t('retrieval.title');
  const crumbs = useCodingCrumbs(study, { label: t('codebook.overviewTitle'), to: codesPath(study.slug) }, { label: code?.name ?? t('retrieval.title') });
  const attributes: Record<string, string[]> = { ...(filters.attributes as Record<string, string[]>) };
  for (const [k, v] of Object.entries(filters.variables)) attributes[k] = [v];
  const filtered = Object.keys(attributes).length > 0;
  const body: RetrieveBody = {
    codeIds: [codeId],
    includeChildren: filters.children,
    context: filters.context,
    attributes: filtered ? attributes : undefined,
    offset: (filters.page - 1) * PAGE,
    limit: PAGE,
  };
  const segments = useQuery({ queryKey: keys.segments(study.slug, body), queryFn: () => codingApi.retrieve(study.slug, body), placeholderData: keepPreviousData, enabled: !!codeId });
  const total = segments.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const flat = useMemo(() => flatten(buildTree(codes.data?.codes ?? [])), [codes.data]);
  const toPage = (n: number) => {
    setFilters({ ...filters, page: n });
    document.getElementById('segments-heading')?.focus();
  };

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      {codes.isPending ? <Loading /> : null}
      <ErrorAlert error={codes.error} />
      {codes.data && !code ? <p className="notice">{t('retrieval.unknownCode')}</p> : null}
      {code?.description ? <p className="lead prewrap">{code.description}</p> : null}
      {code?.memo ? (
        <p className="prewrap small">
          <strong>{t('codebook.memo')}:</strong> {code.memo}
        </p>
      ) : null}

      <div className="field-row">
        <SelectField label={t('retrieval.otherCode')} value={codeId} onChange={(e) => void navigate(codesPath(study.slug, e.target.value) + (window.location.search || ''))}>
          {flat.map((n) => (
            <option key={n.code.id} value={n.code.id}>
              {pathName(codes.data?.codes ?? [], n.code.id)}
            </option>
          ))}
        </SelectField>
      </div>

      <FilterForm key={JSON.stringify(filters)} study={study} filters={filters} onApply={setFilters} />

      <section aria-labelledby="segments-heading" className="section">
        <h2 id="segments-heading" tabIndex={-1}>
          {t('retrieval.segmentsHeading')}
        </h2>
        {segments.isPending && codeId ? <Loading /> : null}
        <ErrorAlert error={segments.error} />
        <StatusMessage>{segments.data ? t('retrieval.found', { count: total }) : ''}</StatusMessage>
        {segments.data && segments.data.segments.length === 0 ? <p className="empty">{filtered ? t('retrieval.emptyFiltered') : t('retrieval.empty')}</p> : null}
        {segments.data && segments.data.segments.length ? (
          <ol className="segment-list" start={(filters.page - 1) * PAGE + 1}>
            {segments.data.segments.map((s) => (
              <SegmentItem key={s.codingId} study={study} segment={s} showCode={filters.children} />
            ))}
          </ol>
        ) : null}
        {segments.data ? <Pagination label={t('retrieval.pagination')} page={filters.page} pages={pages} onPage={toPage} /> : null}
      </section>
    </>
  );
}

function FilterForm({ study, filters, onApply }: { study: Study; filters: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const variables = useQuery({ queryKey: keys.variables(study.slug), queryFn: ({ signal }) => participantsApi.variables(study.slug, signal) });
  const choiceVariables = (variables.data ?? []).filter((v) => v.type === 'choice' && v.choices.length > 0);
  const [vars, setVars] = useState<Record<string, string>>(filters.variables);
  const [roles, setRoles] = useState<string[]>(filters.attributes.role ?? []);
  const [single, setSingle] = useState<Record<string, string>>({
    ageBand: filters.attributes.ageBand?.[0] ?? '',
    gender: filters.attributes.gender?.[0] ?? '',
    situation: filters.attributes.situation?.[0] ?? '',
  });
  const [children, setChildren] = useState(filters.children);
  const [context, setContext] = useState(filters.context);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const attributes: Filters['attributes'] = {};
    if (roles.length) attributes.role = roles;
    for (const k of ['ageBand', 'gender', 'situation'] as const) if (single[k]) attributes[k] = [single[k]];
    onApply({ attributes, variables: Object.fromEntries(Object.entries(vars).filter(([, v]) => v)), children, context, page: 1 });
  };
  const labels: Record<string, string> = { ageBand: t('participants.ageBand'), gender: t('participants.gender'), situation: t('participants.situation') };
  return (
    <section className="section panel" aria-labelledby="retrieval-filter-heading">
      <h2 id="retrieval-filter-heading">{t('retrieval.filterHeading')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <fieldset className="fieldset">
          <legend>{t('participants.role')}</legend>
          <div className="checkbox-grid">
            {PARTICIPANT_ROLES.map((r) => (
              <CheckboxField key={r} label={vocab('role', r)} checked={roles.includes(r)} onChange={(e) => setRoles((list) => (e.target.checked ? [...list, r] : list.filter((x) => x !== r)))} />
            ))}
          </div>
        </fieldset>
        <div className="filter-grid">
          {ATTRIBUTES.filter((a) => a.key !== 'role').map((a) => (
            <SelectField key={a.key} label={labels[a.key]} value={single[a.key]} onChange={(e) => setSingle((s) => ({ ...s, [a.key]: e.target.value }))}>
              <option value="">{t('retrieval.any')}</option>
              {a.values.map((v) => (
                <option key={v} value={v}>
                  {vocab(a.key, v)}
                </option>
              ))}
            </SelectField>
          ))}
          {choiceVariables.map((v) => (
            <SelectField key={v.id} label={v.name} value={vars[v.name] ?? ''} onChange={(e) => setVars((x) => ({ ...x, [v.name]: e.target.value }))}>
              <option value="">{t('retrieval.any')}</option>
              {v.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
          ))}
          <SelectField label={t('retrieval.context')} value={context} onChange={(e) => setContext(e.target.value as Filters['context'])}>
            <option value="turn">{t('cvocab.context.turn')}</option>
            <option value="chars">{t('cvocab.context.chars')}</option>
          </SelectField>
        </div>
        <CheckboxField label={t('retrieval.children')} checked={children} onChange={(e) => setChildren(e.target.checked)} />
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('retrieval.apply')}
          </button>
        </div>
      </form>
    </section>
  );
}

const ATTRIBUTE_LABEL_KEYS = { role: 'participants.role', ageBand: 'participants.ageBand', gender: 'participants.gender', region: 'participants.region', situation: 'participants.situation', placementType: 'participants.placementType' } as const;

export function SegmentItem({ study, segment: s, showCode }: { study: Study; segment: Segment; showCode: boolean }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const ctx = useMemo(() => {
    const idx = new SparseCodePoints(s.context.text);
    const a = idx.toUtf16(Math.max(0, s.start - s.context.start));
    const b = idx.toUtf16(Math.max(0, Math.min(idx.length, s.end - s.context.start)));
    const text = s.context.text;
    return { before: text.slice(0, a), hit: text.slice(a, b), after: text.slice(b) };
  }, [s]);
  const attributes = Object.entries(s.participant?.attributes ?? {});
  return (
    <li className="segment">
      <article aria-labelledby={`seg-${s.codingId}`}>
        <h3 id={`seg-${s.codingId}`} className="segment-title">
          <Link to={documentPath(study.slug, s.documentId, { pos: s.start })}>{s.documentTitle}</Link>
          {showCode ? <span className="tag tag-after">{s.codeName}</span> : null}
        </h3>
        <p className="segment-meta small">
          {s.participant ? (
            <>
              <Link to={participantLink(study.slug, s.participant.id)}>{s.participant.code}</Link>
              {attributes.map(([k, v]) => (
                <span key={k} className="segment-attr">
                  {k in ATTRIBUTE_LABEL_KEYS ? t(ATTRIBUTE_LABEL_KEYS[k as keyof typeof ATTRIBUTE_LABEL_KEYS]) : k}: {k in ATTRIBUTE_LABEL_KEYS ? vocab(k as 'role', v) : v}
                </span>
              ))}
            </>
          ) : (
            <span className="muted">{t('docs.noParticipant')}</span>
          )}
          {s.speaker ? <span className="segment-attr">{t('retrieval.speaker', { speaker: s.speaker })}</span> : null}
        </p>
        <blockquote className="segment-context">
          {ctx.before}
          <mark>{ctx.hit}</mark>
          {ctx.after}
        </blockquote>
        {s.memo ? (
          <p className="small prewrap">
            <strong>{t('workspace.codingMemo')}:</strong> {s.memo}
          </p>
        ) : null}
      </article>
    </li>
  );
}
