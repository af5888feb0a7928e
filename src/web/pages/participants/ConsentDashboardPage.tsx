/** The study's consent dashboard: per participant and scope covered or missing (with the reasons), counts, links to fix. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keys, participantsApi } from '../../api/endpoints';
import type { ConsentDashboard, Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { formatDate } from '../../i18n/format';
import { CONSENT_SCOPES } from '../../../shared/participant-vocabulary';
import { canWrite, ConsentBadge, ModuleGate, participantPath, participantsPath, useModuleCrumbs, usePVocab } from './common';
import { missingScopes } from './model';

export function ConsentDashboardPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('consent.dashboardTitle')}>
      {(study) => <Dashboard study={study} />}
    </ModuleGate>
  );
}

function Dashboard({ study }: { study: Study }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  const title = t('consent.dashboardTitle');
  const crumbs = useModuleCrumbs(study, 'participants', { label: title });
  const query = useQuery({ queryKey: keys.consentDashboard(study.slug), queryFn: ({ signal }) => participantsApi.consentDashboard(study.slug, signal) });
  const [onlyMissing, setOnlyMissing] = useState(false);
  const d = query.data;
  const rows = (d?.participants ?? []).filter((r) => !onlyMissing || r.status !== 'complete');

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{t('consent.dashboardIntro')}</p>
      {query.isPending ? <Loading /> : null}
      <ErrorAlert error={query.error} />
      {d ? (
        <>
          <section aria-labelledby="consent-totals-heading" className="section">
            <h2 id="consent-totals-heading">{t('consent.totalsHeading')}</h2>
            <p className="small muted">{t('consent.asOf', { date: formatDate(d.asOf) })}</p>
            <Totals dashboard={d} />
          </section>
          <section aria-labelledby="consent-table-heading" className="section">
            <h2 id="consent-table-heading">{t('consent.tableHeading')}</h2>
            {d.participants.length === 0 ? (
              <p className="empty">
                {t('consent.dashboardEmpty')} <Link to={participantsPath(study.slug)}>{t('consent.toParticipants')}</Link>
              </p>
            ) : (
              <>
                <CheckboxField label={t('consent.onlyMissing')} checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} />
                <StatusMessage>{onlyMissing ? t('consent.shown', { count: rows.length }) : ''}</StatusMessage>
                {rows.length === 0 ? (
                  <p className="empty">{t('consent.allComplete')}</p>
                ) : (
                  <TableWrap label={t('consent.tableCaption')}>
                    <table className="consent-dashboard">
                      <caption className="visually-hidden">{t('consent.tableCaption')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('participants.code')}</th>
                          <th scope="col">{t('consent.state')}</th>
                          {CONSENT_SCOPES.map((s) => (
                            <th scope="col" key={s}>
                              {vocab('scope', s)}
                            </th>
                          ))}
                          <th scope="col">
                            <span className="visually-hidden">{t('common.actions')}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r) => (
                          <tr key={r.participantId}>
                            <th scope="row">
                              <Link to={participantPath(study.slug, r.participantId)}>{r.code}</Link>
                              <span className="small muted block">{vocab('role', r.role)}</span>
                            </th>
                            <td>
                              <ConsentBadge status={r.status} missing={missingScopes(r.scopes)} />
                            </td>
                            {CONSENT_SCOPES.map((s) => {
                              const c = r.scopes[s];
                              return (
                                <td key={s}>
                                  {c?.covered ? (
                                    <span className="state-on">
                                      <span aria-hidden="true">✓ </span>
                                      {t('consent.covered')}
                                    </span>
                                  ) : (
                                    <>
                                      <span className="state-off">
                                        <span aria-hidden="true">✗ </span>
                                        {t('consent.missing')}
                                      </span>
                                      {c?.missing.length ? (
                                        <ul className="scope-reasons small">
                                          {c.missing.map((m) => (
                                            <li key={m}>{m}</li>
                                          ))}
                                        </ul>
                                      ) : null}
                                    </>
                                  )}
                                </td>
                              );
                            })}
                            <td>
                              {r.status !== 'complete' && canWrite(study) ? (
                                <Link to={`${participantPath(study.slug, r.participantId)}#consent-add`}>
                                  {t('consent.fix')}
                                  <span className="visually-hidden"> ({r.code})</span>
                                </Link>
                              ) : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

function Totals({ dashboard: d }: { dashboard: ConsentDashboard }) {
  const { t } = useTranslation();
  const vocab = usePVocab();
  return (
    <div className="totals-grid">
      <dl className="facts totals">
        <dt>{t('consent.totalParticipants')}</dt>
        <dd>{d.totals.participants}</dd>
        <dt>{t('consent.totalComplete')}</dt>
        <dd>{d.totals.complete}</dd>
        <dt>{t('consent.totalIncomplete')}</dt>
        <dd>{d.totals.incomplete}</dd>
        <dt>{t('consent.totalWithdrawn')}</dt>
        <dd>{d.totals.withdrawn}</dd>
      </dl>
      <div>
        <h3>{t('consent.missingHeading')}</h3>
        <ul className="plain-list missing-counts">
          {CONSENT_SCOPES.map((s) => (
            <li key={s}>
              <strong>{vocab('scope', s)}:</strong> {t('consent.missingCount', { count: d.missing[s] ?? 0 })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
