/**
 * The reminder that recordings must be deleted: their deletion deadline has passed and nobody recorded that they
 * were. Small on the study page; with every recording on the interview list. Nothing when there are none.
 * Kept free of the interview pages' code: the study page loads it up front.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { interviewsApi, keys } from '../../api/endpoints';
import { can, type Study } from '../../api/types';
import { formatDate } from '../../i18n/format';
import { studyPath } from '../studies/useStudy';

export function OverdueRecordingsNotice({ study, detailed = false }: { study: Study; detailed?: boolean }) {
  const { t } = useTranslation();
  const enabled = can(study, 'data.read') && study.modules.some((m) => m.key === 'interviews');
  const query = useQuery({ queryKey: keys.overdueRecordings(study.slug), queryFn: ({ signal }) => interviewsApi.overdue(study.slug, signal), enabled });
  const recordings = query.data?.recordings ?? [];
  if (!enabled || recordings.length === 0) return null;
  const interviews = studyPath(study.slug, 'interviews');
  if (!detailed) {
    return (
      <p className="notice overdue-notice">
        <strong>{t('interviews.overdueTitle')}</strong> {t('interviews.overdueSummary', { count: recordings.length })}{' '}
        <Link to={interviews}>{t('interviews.overdueLink')}</Link>
      </p>
    );
  }
  return (
    <section aria-labelledby="overdue-heading" className="notice overdue-notice section">
      <h2 id="overdue-heading">{t('interviews.overdueTitle')}</h2>
      <p>{t('interviews.overdueExplain', { count: recordings.length })}</p>
      <ul className="list">
        {recordings.map((r) => (
          <li key={r.interviewId}>
            <Link to={`${interviews}/${encodeURIComponent(r.interviewId)}`}>
              {t('interviews.overdueItem', { date: formatDate(r.date), codes: r.participantCodes.join(', ') })}
            </Link>{' '}
            {t('interviews.overdueDeadline', { date: formatDate(r.recordingDeleteBy), count: r.daysOverdue })}
            {r.interviewerName ? ` ${t('interviews.overdueInterviewer', { name: r.interviewerName })}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
