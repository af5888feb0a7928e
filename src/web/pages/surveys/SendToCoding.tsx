/**
 * "Naar coderen sturen": the open questions of a survey with their number of answers, each with a button that sends
 * the answers to the coding module (one document per answer, the respondent's closed answers as its attributes).
 * Self-contained: give it the study and the survey id. Sending again only adds answers that arrived since.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OpenQuestion } from '../../../shared/surveys';
import { surveyKeys, surveysApi } from '../../api/surveys';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { TableWrap } from '../../components/TableWrap';
import { studyPath } from '../studies/useStudy';

/** The button for one open question (usable wherever open answers are listed). */
export function SendToCoding({ study, surveyId, question }: { study: Study; surveyId: string; question: Pick<OpenQuestion, 'name' | 'title'> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const send = useMutation({
    mutationFn: () => surveysApi.toCoding(study.slug, surveyId, question.name),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: surveyKeys.openQuestions(study.slug, surveyId) });
      void qc.invalidateQueries({ queryKey: ['study', study.slug, 'documents'] });
    },
  });
  if (!can(study, 'data.write') || study.archived) return null;
  return (
    <span className="send-to-coding">
      <button type="button" className="button-secondary button-small" onClick={() => send.mutate()} disabled={send.isPending}>
        {t('surveys.toCoding')}
        <span className="visually-hidden">: {question.title}</span>
      </button>
      <StatusMessage>
        {send.data ? (send.data.created ? t('surveys.toCodingDone', { count: send.data.created, existing: send.data.existing }) : t('surveys.toCodingNothing', { existing: send.data.existing })) : ''}
      </StatusMessage>
      <ErrorAlert error={send.error} />
    </span>
  );
}

/** The open questions of a survey with the button per question (the survey page mounts this). */
export function OpenAnswersToCoding({ study, surveyId }: { study: Study; surveyId: string }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: surveyKeys.openQuestions(study.slug, surveyId), queryFn: ({ signal }) => surveysApi.openQuestions(study.slug, surveyId, signal) });
  if (!can(study, 'data.read')) return null;
  return (
    <section aria-labelledby="survey-open-answers" className="section">
      <h2 id="survey-open-answers">{t('surveys.openToCoding')}</h2>
      <p className="small">
        {t('surveys.openAnswersExplain')} <Link to={studyPath(study.slug, 'documenten?soort=survey_answer')}>{t('surveys.openAnswersDocuments')}</Link>
      </p>
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && !list.data.questions.length ? <p className="muted">{t('surveys.noOpenQuestions')}</p> : null}
      {list.data?.questions.length ? (
        <TableWrap label={t('surveys.openQuestionsTable')}>
          <table>
            <caption className="visually-hidden">{t('surveys.openQuestionsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.question')}</th>
                <th scope="col" className="num">
                  {t('surveys.answersCount')}
                </th>
                <th scope="col" className="num">
                  {t('surveys.sentCount')}
                </th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.questions.map((q) => (
                <tr key={q.name}>
                  <th scope="row">
                    {q.title} <span className="muted small">({q.name})</span>
                  </th>
                  <td className="num">{q.answers}</td>
                  <td className="num">{q.sent}</td>
                  <td>{q.answers > 0 ? <SendToCoding study={study} surveyId={surveyId} question={q} /> : <span className="muted small">{t('surveys.noAnswersYet')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}
