import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { keys, participantsApi } from '../../api/endpoints';
import type { Participant, ParticipantListQuery, Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { SelectField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../../shared/participant-vocabulary';
import { canWrite, ConsentBadge, consentPath, interviewsPath, ModuleGate, participantPath, participantsPath, useModuleCrumbs, usePVocab } from './common';
import { dashboardByParticipant, missingScopes } from './model';

export function ParticipantListPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('modules.participants')}>
      {(study) => <ParticipantList study={study} />}
    </ModuleGate>
  );
}

/** The role filter lives in the URL (?rol=child), so it survives a reload and the back button. */
function useRoleFilter(): [ParticipantRole | '', (r: ParticipantRole | '') => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('rol') ?? '';
  const role = (PARTICIPANT_ROLES as readonly string[]).includes(value) ? (value as ParticipantRole) : '';
  return [role, (r) => setParams(r ? { rol: r } : {}, { replace: true })];
}

function ParticipantList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const [role, setRole] = useRoleFilter();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const page = t('modules.participants');
  const crumbs = useModuleCrumbs(study, 'participants');
  const query: ParticipantListQuery = role ? { role } : {};
  const list = useQuery({
    queryKey: keys.participants(study.slug, query),
    queryFn: ({ signal }) => participantsApi.list(study.slug, query, signal),
    placeholderData: keepPreviousData,
  });
  // the dashboard names the missing scopes of each participant
  const dashboard = useQuery({ queryKey: keys.consentDashboard(study.slug), queryFn: ({ signal }) => participantsApi.consentDashboard(study.slug, signal) });
  const writable = canWrite(study);
  const participants = list.data?.participants ?? [];

  return (
    <>
      <Breadcrumbs items={crumbs.slice(0, 2).concat({ label: page })} />
      <div className="page-header">
        <PageHeading title={`${page} – ${study.title}`}>{page}</PageHeading>
        {writable ? (
          <Link to={participantsPath(study.slug, 'nieuw')} className="button-primary">
            {t('participants.new')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('participants.intro')}</p>
      {deleted ? <StatusMessage>{t('participants.deleted', { code: deleted })}</StatusMessage> : null}

      <nav aria-label={t('participants.toolsLabel')} className="tool-links">
        <ul>
          <li>
            <Link to={consentPath(study.slug)}>{t('consent.dashboardTitle')}</Link>
          </li>
          <li>
            <Link to={participantsPath(study.slug, 'variabelen')}>{t('variables.title')}</Link>
          </li>
          <li>
            <Link to={interviewsPath(study.slug)}>{t('modules.interviews')}</Link>
          </li>
        </ul>
      </nav>

      <RoleFilter key={role} role={role} onApply={setRole} />

      <section aria-labelledby="participants-heading" className="section">
        <h2 id="participants-heading" tabIndex={-1}>
          {role ? t('participants.listHeadingRole', { role: t(`pvocab.rolePlural.${role}`) }) : t('participants.listHeading')}
        </h2>
        {list.isPending ? <Loading /> : null}
        <ErrorAlert error={list.error ?? dashboard.error} />
        {list.data ? (
          participants.length ? (
            <ParticipantTable study={study} participants={participants} dashboard={dashboardByParticipant(dashboard.data)} />
          ) : (
            <p className="empty">{role ? t('participants.emptyRole') : t('participants.empty')}</p>
          )
        ) : null}
        <StatusMessage>{list.data && participants.length ? t('participants.found', { count: participants.length }) : ''}</StatusMessage>
      </section>
    </>
  );
}

function RoleFilter({ role, onApply }: { role: ParticipantRole | ''; onApply: (r: ParticipantRole | '') => void }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const [value, setValue] = useState(role);
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(value);
  }
  return (
    <form onSubmit={submit} className="inline-form filter-inline" role="search" aria-label={t('participants.filterLabel')}>
      <SelectField label={t('participants.filterRole')} name="rol" value={value} onChange={(e) => setValue(e.target.value as ParticipantRole | '')}>
        <option value="">{t('participants.allRoles')}</option>
        {PARTICIPANT_ROLES.map((r) => (
          <option key={r} value={r}>
            {vocab('role', r)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button-secondary">
        {t('participants.applyFilter')}
      </button>
    </form>
  );
}

function ParticipantTable({ study, participants, dashboard }: { study: Study; participants: Participant[]; dashboard: ReturnType<typeof dashboardByParticipant> }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  return (
    <TableWrap label={t('participants.tableCaption')}>
      <table className="participants-table">
        <caption className="visually-hidden">{t('participants.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('participants.code')}</th>
            <th scope="col">{t('participants.role')}</th>
            <th scope="col">{t('participants.ageBand')}</th>
            <th scope="col">{t('participants.situation')}</th>
            <th scope="col">{t('participants.consent')}</th>
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={participantPath(study.slug, p.id)}>{p.code}</Link>
              </th>
              <td>{vocab('role', p.role)}</td>
              <td className="nowrap">{vocab('ageBand', p.ageBand)}</td>
              <td>{vocab('situation', p.situation)}</td>
              <td>
                <ConsentBadge status={p.consentStatus} missing={missingScopes(dashboard.get(p.id)?.scopes)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
