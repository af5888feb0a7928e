import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { MyBlindCases } from './AssignmentPanels';
import { dossiersApi, keys } from '../../api/endpoints';
import { can, type CaseListQuery, type CaseStatus, type CaseSummary, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { studyPath } from '../studies/useStudy';
import { canWrite, dossiersPath, FictionalBanner, formatMonth, ModuleGate, useDossierCrumbs } from './common';
import { CASE_STATUSES, isFictional, useVocab } from './vocab';
import { Pagination } from '../../components/Pagination';

export const PAGE_SIZE = 25;

export function DossierListPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('modules.dossiers')}>
      {(study) => <DossierList study={study} />}
    </ModuleGate>
  );
}

interface Filters {
  q: string;
  status: CaseStatus | '';
  flagged: boolean;
  page: number;
}

/** Filters live in the URL (?zoek=&status=&signaleringen=ja&pagina=2): they survive reloads and the back button. */
function useFilters(): [Filters, (f: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => {
    const status = params.get('status') ?? '';
    const page = Number(params.get('pagina') ?? '1');
    return {
      q: params.get('zoek') ?? '',
      status: (CASE_STATUSES as readonly string[]).includes(status) ? (status as CaseStatus) : '',
      flagged: params.get('signaleringen') === 'ja',
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  }, [params]);
  const set = (f: Filters) => {
    const next = new URLSearchParams();
    if (f.q) next.set('zoek', f.q);
    if (f.status) next.set('status', f.status);
    if (f.flagged) next.set('signaleringen', 'ja');
    if (f.page > 1) next.set('pagina', String(f.page));
    setParams(next, { replace: true });
  };
  return [filters, set];
}

function DossierList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useFilters();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const page = t('modules.dossiers');
  const crumbs = useDossierCrumbs(study);
  const query: CaseListQuery = {
    q: filters.q || undefined,
    status: filters.status || undefined,
    flagged: filters.flagged ? 'true' : undefined,
    offset: (filters.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: keys.dossiers(study.slug, query),
    queryFn: ({ signal }) => dossiersApi.list(study.slug, query, signal),
    placeholderData: keepPreviousData,
  });
  const writable = canWrite(study);
  // someone who codes cases blind cannot export (the files hold the first codings) until those cases are settled
  const mine = useQuery({ queryKey: keys.myAssignments(study.slug), queryFn: ({ signal }) => dossiersApi.myAssignments(study.slug, signal), enabled: writable });
  const blind = !can(study, 'coding.supervise') && !!mine.data?.some((a) => !a.closedAt);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const fictional = !!list.data?.cases.some((c) => isFictional(c.code));
  /** another page: focus goes to the list's heading (the button pressed may be gone on the new page) */
  const toPage = (n: number) => {
    setFilters({ ...filters, page: n });
    document.getElementById('cases-heading')?.focus();
  };

  return (
    <>
      <Breadcrumbs items={crumbs.slice(0, 2).concat({ label: page })} />
      <div className="page-header">
        <PageHeading title={`${page} – ${study.title}`}>{page}</PageHeading>
        {writable ? (
          <Link to={dossiersPath(study.slug, 'nieuw')} className="button-primary">
            {t('dossiers.new')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('dossiers.intro')}</p>
      {deleted ? <StatusMessage>{t('caseForm.deleted', { code: deleted })}</StatusMessage> : null}
      {fictional ? <FictionalBanner /> : null}

      <nav aria-label={t('dossiers.toolsLabel')} className="tool-links">
        <ul>
          {writable ? (
            <li>
              <Link to={dossiersPath(study.slug, 'importeren')}>{t('dossiers.import')}</Link>
            </li>
          ) : null}
          {blind ? null : (
            <>
              <li>
                <a href={dossiersApi.exportUrl(study.slug, 'cases')} download>
                  {t('dossiers.exportCases')}
                </a>
              </li>
              <li>
                <a href={dossiersApi.exportUrl(study.slug, 'events')} download>
                  {t('dossiers.exportEvents')}
                </a>
              </li>
              <li>
                <a href={dossiersApi.exportUrl(study.slug, 'cases', true)} download>
                  {t('dossiers.exportExtended')}
                </a>
              </li>
            </>
          )}
          {can(study, 'audit.read') ? (
            <li>
              <Link to={dossiersPath(study.slug, 'overeenstemming')}>{t('agreement.title')}</Link>
            </li>
          ) : null}
          {can(study, 'results.read') ? (
            <li>
              <Link to={studyPath(study.slug, 'monitor')}>{t('modules.monitor')}</Link>
            </li>
          ) : null}
        </ul>
      </nav>

      {writable ? <MyBlindCases study={study} /> : null}

      <FilterForm key={JSON.stringify(filters)} filters={filters} onApply={setFilters} />

      <section aria-labelledby="cases-heading" className="section">
        <h2 id="cases-heading" tabIndex={-1}>
          {t('dossiers.listHeading')}
        </h2>
        {list.isPending ? <Loading /> : null}
        <ErrorAlert error={list.error} />
        {list.data ? (
          list.data.cases.length ? (
            <CaseTable study={study} cases={list.data.cases} />
          ) : (
            <p className="empty">{filters.q || filters.status || filters.flagged ? t('dossiers.emptyFiltered') : t('dossiers.empty')}</p>
          )
        ) : null}
        <StatusMessage>
          {list.data && list.data.total ? t('dossiers.found', { count: list.data.total, page: filters.page, pages }) : ''}
        </StatusMessage>
        {list.data ? <Pagination label={t('dossiers.pagination')} page={filters.page} pages={pages} onPage={toPage} /> : null}
      </section>
    </>
  );
}

function FilterForm({ filters, onApply }: { filters: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [q, setQ] = useState(filters.q);
  const [status, setStatus] = useState<CaseStatus | ''>(filters.status);
  const [flagged, setFlagged] = useState(filters.flagged);
  const active = !!(filters.q || filters.status || filters.flagged);

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({ q: q.trim().slice(0, 40), status, flagged, page: 1 });
  }

  return (
    <section aria-labelledby="cases-filter-heading" className="section panel">
      <h2 id="cases-filter-heading">{t('dossiers.filterHeading')}</h2>
      <form onSubmit={submit} noValidate className="form" role="search" aria-labelledby="cases-filter-heading">
        <div className="filter-grid">
          <TextField label={t('dossiers.search')} hint={t('dossiers.searchHint')} name="q" type="search" maxLength={40} value={q} onChange={(e) => setQ(e.target.value)} />
          <SelectField label={t('dossiers.status')} name="status" value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
            <option value="">{t('dossiers.allStatuses')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {vocab('status', s)}
              </option>
            ))}
          </SelectField>
        </div>
        <CheckboxField label={t('dossiers.onlyFlagged')} name="flagged" checked={flagged} onChange={(e) => setFlagged(e.target.checked)} />
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('dossiers.apply')}
          </button>
          {active ? (
            <button type="button" className="button-secondary" onClick={() => onApply({ q: '', status: '', flagged: false, page: 1 })}>
              {t('dossiers.clear')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function CaseTable({ study, cases }: { study: Study; cases: CaseSummary[] }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  return (
    <TableWrap label={t('dossiers.tableCaption')}>
      <table className="cases-table">
        <caption className="visually-hidden">{t('dossiers.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('caseForm.code')}</th>
            <th scope="col">{t('caseForm.birthMonth')}</th>
            <th scope="col">{t('caseForm.sex')}</th>
            <th scope="col">{t('caseForm.region')}</th>
            <th scope="col">{t('dossiers.status')}</th>
            <th scope="col" className="num">
              {t('dossiers.events')}
            </th>
            <th scope="col" className="num">
              {t('dossiers.flags')}
            </th>
            <th scope="col">{t('dossiers.placed')}</th>
            <th scope="col">{t('dossiers.reunified')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={dossiersPath(study.slug, encodeURIComponent(c.id))}>{c.code}</Link>
              </th>
              <td className="nowrap">{formatMonth(c.birthMonth)}</td>
              <td>{vocab('sex', c.sex)}</td>
              <td>{c.region || <span className="muted">–</span>}</td>
              <td>{vocab('status', c.status)}</td>
              <td className="num">{c.events}</td>
              <td className="num">
                {c.flags ? (
                  <span className="tag tag-warn">
                    <span aria-hidden="true">⚠ </span>
                    {c.flags}
                  </span>
                ) : (
                  0
                )}
              </td>
              <td>{yesNo(c.placed)}</td>
              <td>{yesNo(c.reunified)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
