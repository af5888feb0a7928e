import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditApi, keys, membersApi } from '../../api/endpoints';
import { can, type AuditEvent, type AuditQuery, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { SelectField, TextField } from '../../components/Field';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid, type Errors } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import i18n from '../../i18n/i18n';
import { formatDateTime } from '../../i18n/format';
import { NoAccess, StudyGate, studyPath } from './useStudy';
import { JobProgress, useJob } from '../../components/JobProgress';

const PAGE_SIZE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Filters = Pick<AuditQuery, 'actor' | 'action' | 'from' | 'to'>;

export function AuditPage() {
  const { t } = useTranslation();
  return <StudyGate>{(study) => (can(study, 'audit.read') ? <Audit study={study} /> : <NoAccess study={study} page={t('audit.title')} />)}</StudyGate>;
}

/** Filters live in the URL (?persoon=&actie=&van=&tot=) so they survive reloads and the back button. */
function useFilters(): [Filters, (f: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => {
    const from = params.get('van') ?? '';
    const to = params.get('tot') ?? '';
    return {
      actor: params.get('persoon') || undefined,
      action: params.get('actie') || undefined,
      from: DATE.test(from) ? from : undefined,
      to: DATE.test(to) ? to : undefined,
    };
  }, [params]);
  const set = (f: Filters) => {
    const next = new URLSearchParams();
    if (f.actor) next.set('persoon', f.actor);
    if (f.action) next.set('actie', f.action);
    if (f.from) next.set('van', f.from);
    if (f.to) next.set('tot', f.to);
    setParams(next, { replace: true });
  };
  return [filters, set];
}

function Audit({ study }: { study: Study }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useFilters();
  const page = t('audit.title');

  const events = useInfiniteQuery({
    queryKey: keys.audit(study.slug, filters),
    queryFn: ({ pageParam, signal }) => auditApi.list(study.slug, { ...filters, before: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const members = useQuery({
    queryKey: keys.members(study.slug),
    queryFn: ({ signal }) => membersApi.list(study.slug, signal),
    enabled: can(study, 'members.read'),
  });

  const allEvents = useMemo(() => events.data?.pages.flatMap((p) => p.events) ?? [], [events.data]);
  const actions = events.data?.pages[0]?.actions ?? [];

  /** People for the filter: the members, plus anyone who appears in the loaded events. */
  const people = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of members.data?.members ?? []) map.set(m.userId, m.name);
    for (const e of allEvents) if (e.actorId && !map.has(e.actorId)) map.set(e.actorId, e.actorName ?? e.actorId);
    return [...map.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [members.data, allEvents]);

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: page }]} />
      <PageHeading title={`${page} – ${study.title}`}>{page}</PageHeading>
      <p className="lead">{t('audit.intro')}</p>

      <FilterForm key={JSON.stringify(filters)} filters={filters} onApply={setFilters} people={people} actions={actions} />

      {can(study, 'audit.export') ? <Export study={study} filters={filters} /> : null}

      <section aria-labelledby="audit-events-heading" className="section">
        <h2 id="audit-events-heading">{t('audit.eventsHeading')}</h2>
        {events.isPending ? <Loading /> : null}
        <ErrorAlert error={events.error} />
        {events.data ? (
          allEvents.length ? (
            <EventsTable events={allEvents} />
          ) : (
            <p className="empty">{t('audit.empty')}</p>
          )
        ) : null}
        <StatusMessage>{events.data && allEvents.length ? t('audit.shown', { count: allEvents.length }) : ''}</StatusMessage>
        {events.hasNextPage ? (
          <button type="button" className="button-secondary" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {events.isFetchingNextPage ? t('common.loading') : t('audit.loadMore')}
          </button>
        ) : null}
      </section>
    </>
  );
}

function FilterForm({
  filters,
  onApply,
  people,
  actions,
}: {
  filters: Filters;
  onApply: (f: Filters) => void;
  people: [string, string][];
  actions: string[];
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [actor, setActor] = useState(filters.actor ?? '');
  const [action, setAction] = useState(filters.action ?? '');
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const actionOptions = filters.action && !actions.includes(filters.action) ? [filters.action, ...actions] : actions;
  const peopleOptions = filters.actor && !people.some(([id]) => id === filters.actor) ? [[filters.actor, filters.actor] as [string, string], ...people] : people;

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (from && !DATE.test(from)) next.from = t('audit.errors.date');
    if (to && !DATE.test(to)) next.to = t('audit.errors.date');
    if (!next.from && !next.to && from && to && to < from) next.to = t('audit.errors.order');
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    onApply({ actor: actor || undefined, action: action || undefined, from: from || undefined, to: to || undefined });
  }

  const active = !!(filters.actor || filters.action || filters.from || filters.to);

  return (
    <section aria-labelledby="audit-filter-heading" className="section panel">
      <h2 id="audit-filter-heading">{t('audit.filterHeading')}</h2>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={errors} />
        <div className="filter-grid">
          <SelectField label={t('audit.person')} name="actor" value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">{t('audit.everyone')}</option>
            {peopleOptions.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('audit.action')} name="action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.allActions')}</option>
            {actionOptions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('audit.from')} name="from" type="date" value={from} error={errors.from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label={t('audit.to')} name="to" type="date" value={to} error={errors.to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('audit.apply')}
          </button>
          {active ? (
            <button type="button" className="button-secondary" onClick={() => onApply({})}>
              {t('audit.clear')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** A readable name for an audit action when the interface knows it, else the technical name. */
function actionLabel(action: string): string {
  const key = `auditActions.${action.replace(/\./g, '_')}`;
  return i18n.exists(key) ? i18n.t(key as 'auditActions.study_create') : action;
}

function detailValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function EventsTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  return (
    <TableWrap label={t('audit.tableCaption')}>
      <table className="audit-table">
        <caption className="visually-hidden">{t('audit.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.person')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.object')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const details = Object.entries(e.details ?? {});
            return (
              <tr key={e.id}>
                <td className="nowrap">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </td>
                <td>{e.actorName ?? (e.actorId ? e.actorId : t('audit.system'))}</td>
                <td>
                  {actionLabel(e.action) !== e.action ? (
                    <>
                      {actionLabel(e.action)} <code className="small">{e.action}</code>
                    </>
                  ) : (
                    <code>{e.action}</code>
                  )}
                </td>
                <td className="break">
                  {e.objectType}
                  {e.objectId ? <span className="muted small"> {e.objectId}</span> : null}
                </td>
                <td className="break">
                  {details.length ? (
                    <dl className="details">
                      {details.map(([k, v]) => (
                        <div key={k}>
                          <dt>{k}</dt>
                          <dd>{detailValue(v)}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Export({ study, filters }: { study: Study; filters: Filters }) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => auditApi.startExport(study.slug, filters),
    onSuccess: (job) => setJobId(job.id),
  });
  const { query: job, current, running, done } = useJob(jobId, { initial: start.data });

  return (
    <section aria-labelledby="audit-export-heading" className="section">
      <h2 id="audit-export-heading">{t('audit.exportHeading')}</h2>
      <p className="small">{t('audit.exportExplain')}</p>
      <ErrorAlert error={start.error ?? job.error} />
      <button type="button" className="button-primary" onClick={() => start.mutate()} disabled={start.isPending || running}>
        {t('audit.export')}
      </button>
      {current ? (
        <JobProgress job={current} label={t('audit.exportProgress')} doneText={t('audit.exportDone')} failedText={t('audit.exportFailed')} download={t('audit.download')}>
          {done && !current.hasOutput ? <p>{t('audit.noOutput')}</p> : null}
        </JobProgress>
      ) : null}
    </section>
  );
}
