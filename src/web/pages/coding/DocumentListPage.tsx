import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { codingApi, keys } from '../../api/endpoints';
import type { DocumentKind, DocumentListQuery, DocumentSummary, Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { QdpxPanel } from './QdpxPanel';
import { TableWrap } from '../../components/TableWrap';
import { formatDate } from '../../i18n/format';
import { DOCUMENT_KINDS } from '../../../shared/coding-vocabulary';
import { canWrite, codesPath, documentPath, documentsPath, ModuleGate, participantLink, pseudonymisePath, useCodingCrumbs, useCVocab } from './common';
import { DocumentAttributes } from './DocumentAttributes';
import { Pagination } from '../../components/Pagination';

export const PAGE_SIZE = 50;

export function DocumentListPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('modules.coding')}>
      {(study) => <DocumentList study={study} />}
    </ModuleGate>
  );
}

interface Filters {
  q: string;
  kind: DocumentKind | '';
  page: number;
  /** only the documents assigned to me (team coding) */
  mine?: boolean;
}

/** Filters live in the URL (?zoek=&soort=&pagina=2). */
function useFilters(): [Filters, (f: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => {
    const kind = params.get('soort') ?? '';
    const page = Number(params.get('pagina') ?? '1');
    return {
      q: params.get('zoek') ?? '',
      kind: (DOCUMENT_KINDS as readonly string[]).includes(kind) ? (kind as DocumentKind) : '',
      page: Number.isInteger(page) && page > 0 ? page : 1,
      mine: params.get('mijn') === '1',
    };
  }, [params]);
  const set = (f: Filters) => {
    const next = new URLSearchParams();
    if (f.q) next.set('zoek', f.q);
    if (f.kind) next.set('soort', f.kind);
    if (f.mine) next.set('mijn', '1');
    if (f.page > 1) next.set('pagina', String(f.page));
    setParams(next, { replace: true });
  };
  return [filters, set];
}

function DocumentList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useFilters();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const page = t('modules.coding');
  const crumbs = useCodingCrumbs(study);
  const query: DocumentListQuery = { q: filters.q || undefined, kind: filters.kind || undefined, assigned: filters.mine ? 'me' : undefined, offset: (filters.page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
  const list = useQuery({
    queryKey: keys.documents(study.slug, query),
    queryFn: ({ signal }) => codingApi.documents(study.slug, query, signal),
    placeholderData: keepPreviousData,
  });
  const writable = canWrite(study);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = !!(filters.q || filters.kind || filters.mine);
  const toPage = (n: number) => {
    setFilters({ ...filters, page: n });
    document.getElementById('documents-heading')?.focus();
  };

  return (
    <>
      <Breadcrumbs items={crumbs.slice(0, 2).concat({ label: page })} />
      <div className="page-header">
        <PageHeading title={`${page} – ${study.title}`}>{page}</PageHeading>
        {writable ? (
          <Link to={documentsPath(study.slug, 'importeren')} className="button-primary">
            {t('docs.import')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('docs.intro')}</p>
      {deleted ? <StatusMessage>{t('docs.deleted', { title: deleted })}</StatusMessage> : null}

      <nav aria-label={t('docs.toolsLabel')} className="tool-links">
        <ul>
          <li>
            <Link to={documentsPath(study.slug, 'zoeken')}>{t('docSearch.title')}</Link>
          </li>
          <li>
            <Link to={codesPath(study.slug)}>{t('codebook.overviewTitle')}</Link>
          </li>
          <li>
            <Link to={documentsPath(study.slug, 'analyse')}>{t('analysis.title')}</Link>
          </li>
          <li>
            <Link to={documentsPath(study.slug, 'teamcodering')}>{t('teamwork.link')}</Link>
          </li>
        </ul>
      </nav>

      <FilterForm key={JSON.stringify(filters)} filters={filters} onApply={setFilters} />

      <section aria-labelledby="documents-heading" className="section">
        <h2 id="documents-heading" tabIndex={-1}>
          {t('docs.listHeading')}
        </h2>
        {list.isPending ? <Loading /> : null}
        <ErrorAlert error={list.error} />
        {list.data ? (
          list.data.documents.length ? (
            <DocumentTable study={study} documents={list.data.documents} />
          ) : (
            <p className="empty">{filtered ? t('docs.emptyFiltered') : writable ? t('docs.emptyWritable') : t('docs.empty')}</p>
          )
        ) : null}
        <StatusMessage>{list.data && total ? t('docs.found', { count: total, page: filters.page, pages }) : ''}</StatusMessage>
        {list.data ? <Pagination label={t('docs.pagination')} page={filters.page} pages={pages} onPage={toPage} /> : null}
      </section>
      <QdpxPanel study={study} />
    </>
  );
}

function FilterForm({ filters, onApply }: { filters: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const vocab = useCVocab();
  const [q, setQ] = useState(filters.q);
  const [kind, setKind] = useState<DocumentKind | ''>(filters.kind);
  const [mine, setMine] = useState(!!filters.mine);
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({ q: q.trim().slice(0, 200), kind, page: 1, mine });
  }
  return (
    <form onSubmit={submit} noValidate className="form field-row filter-inline" role="search" aria-label={t('docs.filterLabel')}>
      <TextField label={t('docs.filterTitle')} name="q" value={q} onChange={(e) => setQ(e.target.value)} />
      <SelectField label={t('docs.kind')} name="kind" value={kind} onChange={(e) => setKind(e.target.value as DocumentKind | '')}>
        <option value="">{t('docs.allKinds')}</option>
        {DOCUMENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {vocab('kind', k)}
          </option>
        ))}
      </SelectField>
      <CheckboxField label={t('teamwork.onlyMine')} name="mine" checked={mine} onChange={(e) => setMine(e.target.checked)} />
      <button type="submit" className="button-secondary">
        {t('docs.filter')}
      </button>
    </form>
  );
}

function DocumentTable({ study, documents }: { study: Study; documents: DocumentSummary[] }) {
  const { t } = useTranslation();
  const vocab = useCVocab();
  const writable = canWrite(study);
  return (
    <TableWrap label={t('docs.tableLabel')}>
      <table className="documents-table">
        <caption className="visually-hidden">{t('docs.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('docs.colTitle')}</th>
            <th scope="col">{t('docs.kind')}</th>
            <th scope="col">{t('docs.participant')}</th>
            <th scope="col" className="num">
              {t('docs.version')}
            </th>
            <th scope="col">{t('docs.pseudonymised')}</th>
            <th scope="col" className="num">
              {t('docs.codings')}
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link to={documentPath(study.slug, d.id)}>{d.title}</Link>
                {d.assignedToMe ? <span className="tag tag-ok">{t('teamwork.assignedTag')}</span> : null}
                <span className="block small muted">{t('docs.updated', { date: formatDate(d.updatedAt) })}</span>
              </th>
              <td>{vocab('kind', d.kind)}</td>
              <td>
                {d.participantId && d.participantCode ? <Link to={participantLink(study.slug, d.participantId)}>{d.participantCode}</Link> : <span className="muted">{t('docs.noParticipant')}</span>}
                <DocumentAttributes attributes={d.attributes} compact />
              </td>
              <td className="num">{d.currentVersion}</td>
              <td>
                {d.pseudonymised ? (
                  <span className="tag tag-ok">{t('docs.yes')}</span>
                ) : (
                  <>
                    <span className="tag tag-warn">{t('docs.no')}</span>
                    {writable ? (
                      <Link to={pseudonymisePath(study.slug, d.id)} className="block small">
                        {t('docs.pseudonymiseLink')}
                        <span className="visually-hidden">: {d.title}</span>
                      </Link>
                    ) : null}
                  </>
                )}
              </td>
              <td className="num">{d.codings.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
