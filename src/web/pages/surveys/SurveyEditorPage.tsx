/**
 * The survey editor: a question-list editor (pages, questions of ten types, required, show-if conditions on earlier
 * questions, Dutch and English texts), a raw JSON view checked by the server, a live preview, publishing, and the
 * distribution panel (public link, invitations, dates, counts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SurveyDetail } from '../../../shared/surveys';
import { ApiError } from '../../api/client';
import { surveyKeys, surveysApi } from '../../api/surveys';
import { can, type Study } from '../../api/types';
import { Alert, ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { PageHeading } from '../../components/PageHeading';
import { StudyGate, studyPath } from '../studies/useStudy';
import {
  choicesToText,
  freeName,
  fromDefinition,
  hasChoices,
  moveQuestion,
  newQuestion,
  newUid,
  OPERATORS,
  textToChoices,
  toDefinition,
  UI_TYPES,
  type EditorPage,
  type EditorQuestion,
  type Operator,
  type UiType,
} from './model';

import { SurveySettings } from './SurveySettings';
import { SurveyInvitations } from './SurveyInvitations';
import { OpenAnswersToCoding } from './SendToCoding';

const SurveyPreview = lazy(() => import('./SurveyPreview'));

export function SurveyEditorPage() {
  return <StudyGate>{(study) => <Loader study={study} />}</StudyGate>;
}

function Loader({ study }: { study: Study }) {
  const { surveyId = '' } = useParams();
  const q = useQuery({ queryKey: surveyKeys.one(study.slug, surveyId), queryFn: ({ signal }) => surveysApi.get(study.slug, surveyId, signal) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  return <Editor study={study} survey={q.data} />;
}

type Problem = { path: string; message: string };
const problemsOf = (e: unknown): Problem[] | null => (e instanceof ApiError && Array.isArray(e.details) ? (e.details as Problem[]) : null);

function Editor({ study, survey }: { study: Study; survey: SurveyDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [pages, setPages] = useState<EditorPage[]>(() => fromDefinition(survey.definition));
  const [json, setJson] = useState(() => JSON.stringify(survey.definition, null, 2));
  const [jsonError, setJsonError] = useState('');
  const [status, setStatus] = useState('');
  const [previewLang, setPreviewLang] = useState('nl');
  const focusAfter = useRef<string | null>(null);
  const canEdit = can(study, 'data.write') && !study.archived;
  const definition = toDefinition(survey.definition, pages);

  const refresh = (s: SurveyDetail) => {
    qc.setQueryData(surveyKeys.one(study.slug, survey.id), s);
    void qc.invalidateQueries({ queryKey: surveyKeys.list(study.slug) });
  };
  const save = useMutation({
    mutationFn: (def: Record<string, unknown>) => surveysApi.saveDraft(study.slug, survey.id, def),
    onSuccess: (s) => {
      refresh(s);
      setPages(fromDefinition(s.definition));
      setJson(JSON.stringify(s.definition, null, 2));
      setStatus(t('surveys.saved'));
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      await surveysApi.saveDraft(study.slug, survey.id, definition);
      return surveysApi.publish(study.slug, survey.id);
    },
    onSuccess: (s) => {
      refresh(s);
      setJson(JSON.stringify(s.definition, null, 2));
      setStatus(t('surveys.published', { n: s.currentVersion }));
    },
  });

  useEffect(() => {
    if (focusAfter.current) {
      document.getElementById(focusAfter.current)?.focus();
      focusAfter.current = null;
    }
  });

  const update = (uid: string, patch: Partial<EditorQuestion>) =>
    setPages((ps) => ps.map((p) => ({ ...p, questions: p.questions.map((q) => (q.uid === uid ? { ...q, ...patch } : q)) })));
  const move = (uid: string, dir: -1 | 1, focusId: string) => {
    focusAfter.current = focusId;
    setPages((ps) => moveQuestion(ps, uid, dir));
  };
  const remove = (uid: string) => setPages((ps) => ps.map((p) => ({ ...p, questions: p.questions.filter((q) => q.uid !== uid) })));
  const add = (pageUid: string, type: UiType) => {
    const q = newQuestion(type, freeName(pages));
    focusAfter.current = `${q.uid}-nl`;
    setPages((ps) => ps.map((p) => (p.uid === pageUid ? { ...p, questions: [...p.questions, q] } : p)));
  };
  const addPage = () => {
    const used = new Set(pages.map((p) => p.name));
    let i = pages.length + 1;
    while (used.has(`pagina${i}`)) i++;
    const p: EditorPage = { uid: newUid(), name: `pagina${i}`, nl: '', en: '', questions: [], raw: {} };
    setPages((ps) => [...ps, p]);
  };

  function applyJson() {
    try {
      const parsed = JSON.parse(json) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(t('surveys.jsonNotObject'));
      setJsonError('');
      save.mutate(parsed as Record<string, unknown>);
    } catch (e) {
      setJsonError(e instanceof Error ? e.message : String(e));
    }
  }

  const problems = problemsOf(save.error) ?? problemsOf(publish.error);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.studies'), to: '/onderzoeken' },
          { label: study.title, to: studyPath(study.slug) },
          { label: t('modules.surveys'), to: studyPath(study.slug, 'enquetes') },
          { label: survey.title },
        ]}
      />
      <PageHeading>{survey.title}</PageHeading>
      <p>
        {t(`surveys.status.${survey.status}`)}
        {survey.currentVersion ? ` · ${t('surveys.version', { n: survey.currentVersion })}` : ''}
        {survey.draftChanged && survey.currentVersion ? ` · ${t('surveys.draftChanged')}` : ''}{' '}
        {survey.currentVersion ? <Link to={studyPath(study.slug, `enquetes/${survey.id}/resultaten`)}>{t('surveys.results')}</Link> : null}
      </p>
      <StatusMessage>{status}</StatusMessage>
      {problems ? (
        <Alert title={t('surveys.problems')}>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        <ErrorAlert error={save.error ?? publish.error} />
      )}

      <section aria-labelledby="survey-questions" className="section">
        <h2 id="survey-questions">{t('surveys.questions')}</h2>
        {pages.map((page, pi) => (
          <PageEditor
            key={page.uid}
            page={page}
            index={pi}
            earlier={pages.slice(0, pi).flatMap((p) => p.questions)}
            canEdit={canEdit}
            onPage={(patch) => setPages((ps) => ps.map((p) => (p.uid === page.uid ? { ...p, ...patch } : p)))}
            onRemovePage={() => setPages((ps) => ps.filter((p) => p.uid !== page.uid))}
            onUpdate={update}
            onMove={move}
            onRemove={remove}
            onAdd={(type) => add(page.uid, type)}
          />
        ))}
        {canEdit ? (
          <p className="actions">
            <button type="button" className="button-secondary" onClick={addPage}>
              {t('surveys.addPage')}
            </button>{' '}
            <button type="button" className="button-primary" onClick={() => save.mutate(definition)} disabled={save.isPending}>
              {t('surveys.saveDraft')}
            </button>{' '}
            <button type="button" className="button-primary" onClick={() => publish.mutate()} disabled={publish.isPending}>
              {t('surveys.publish')}
            </button>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="survey-preview" className="section">
        <h2 id="survey-preview">{t('surveys.preview')}</h2>
        {survey.languages.length > 1 ? (
          <p>
            <label htmlFor="preview-lang">{t('surveys.previewLanguage')}</label>{' '}
            <select id="preview-lang" value={previewLang} onChange={(e) => setPreviewLang(e.target.value)}>
              <option value="nl">Nederlands</option>
              <option value="en">English</option>
            </select>
          </p>
        ) : null}
        <div className="survey-preview">
          <Suspense fallback={<Loading />}>
            <SurveyPreview definition={definition} locale={previewLang} />
          </Suspense>
        </div>
      </section>

      <section aria-labelledby="survey-json" className="section">
        <h2 id="survey-json">{t('surveys.json')}</h2>
        <details>
          <summary>{t('surveys.jsonShow')}</summary>
          <div className="field">
            <label htmlFor="survey-json-text">{t('surveys.jsonLabel')}</label>
            <textarea id="survey-json-text" rows={16} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} readOnly={!canEdit} />
          </div>
          {jsonError ? <Alert>{jsonError}</Alert> : null}
          {canEdit ? (
            <button type="button" className="button-secondary" onClick={applyJson}>
              {t('surveys.jsonApply')}
            </button>
          ) : null}
        </details>
      </section>

      <Distribution study={study} survey={survey} canEdit={canEdit} onChange={refresh} />
    </>
  );
}

interface PageEditorProps {
  page: EditorPage;
  index: number;
  earlier: EditorQuestion[];
  canEdit: boolean;
  onPage(patch: Partial<EditorPage>): void;
  onRemovePage(): void;
  onUpdate(uid: string, patch: Partial<EditorQuestion>): void;
  onMove(uid: string, dir: -1 | 1, focusId: string): void;
  onRemove(uid: string): void;
  onAdd(type: UiType): void;
}

function PageEditor({ page, index, earlier, canEdit, onPage, onRemovePage, onUpdate, onMove, onRemove, onAdd }: PageEditorProps) {
  const { t } = useTranslation();
  const [type, setType] = useState<UiType>('radiogroup');
  const id = useId();
  const n = index + 1;
  return (
    <div className="survey-page">
      <h3>{t('surveys.pageN', { n })}</h3>
      <div className="field">
        <label htmlFor={`${id}-nl`}>{t('surveys.pageTitleNl', { n })}</label>
        <input id={`${id}-nl`} value={page.nl} onChange={(e) => onPage({ nl: e.target.value })} readOnly={!canEdit} />
      </div>
      <ol className="survey-questions">
        {page.questions.map((q, qi) => (
          <li key={q.uid}>
            <QuestionEditor
              q={q}
              number={qi + 1}
              page={n}
              earlier={[...earlier, ...page.questions.slice(0, qi)]}
              canEdit={canEdit}
              onUpdate={(patch) => onUpdate(q.uid, patch)}
              onMove={(dir, focusId) => onMove(q.uid, dir, focusId)}
              onRemove={() => onRemove(q.uid)}
            />
          </li>
        ))}
      </ol>
      {canEdit ? (
        <p className="actions">
          <label htmlFor={`${id}-type`}>{t('surveys.newType', { n })}</label>{' '}
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as UiType)}>
            {UI_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`surveys.types.${ty}`)}
              </option>
            ))}
          </select>{' '}
          <button type="button" className="button-secondary" onClick={() => onAdd(type)}>
            {t('surveys.addQuestion', { n })}
          </button>{' '}
          {index > 0 && !page.questions.length ? (
            <button type="button" className="button-secondary" onClick={onRemovePage}>
              {t('surveys.removePage', { n })}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

interface QuestionEditorProps {
  q: EditorQuestion;
  number: number;
  page: number;
  earlier: EditorQuestion[];
  canEdit: boolean;
  onUpdate(patch: Partial<EditorQuestion>): void;
  onMove(dir: -1 | 1, focusId: string): void;
  onRemove(): void;
}

function QuestionEditor({ q, number, page, earlier, canEdit, onUpdate, onMove, onRemove }: QuestionEditorProps) {
  const { t } = useTranslation();
  const [choicesText, setChoicesText] = useState(() => choicesToText(q.choices));
  const [rowsText, setRowsText] = useState(() => choicesToText(q.rows));
  const label = t('surveys.questionN', { page, n: number });
  const cond = q.condition;
  const condQuestion = earlier.find((e) => e.name === cond?.question);

  function onKeyDown(e: KeyboardEvent) {
    if (!canEdit || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    onMove(e.key === 'ArrowUp' ? -1 : 1, (document.activeElement as HTMLElement | null)?.id || `${q.uid}-nl`);
  }

  return (
    <fieldset className="survey-question" onKeyDown={onKeyDown} aria-describedby={canEdit ? 'survey-move-hint' : undefined}>
      <legend>
        {label}: {q.nl || q.name}
      </legend>
      <div className="survey-question-grid">
        <div className="field">
          <label htmlFor={`${q.uid}-type`}>{t('surveys.type')}</label>
          <select id={`${q.uid}-type`} value={q.type} disabled={!canEdit} onChange={(e) => onUpdate({ type: e.target.value as UiType })}>
            {UI_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`surveys.types.${ty}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${q.uid}-name`}>{t('surveys.name')}</label>
          <input id={`${q.uid}-name`} value={q.name} readOnly={!canEdit} onChange={(e) => onUpdate({ name: e.target.value })} pattern="[A-Za-z][A-Za-z0-9_]{0,31}" />
        </div>
        <div className="field">
          <label htmlFor={`${q.uid}-nl`}>{t('surveys.textNl')}</label>
          <input id={`${q.uid}-nl`} value={q.nl} readOnly={!canEdit} onChange={(e) => onUpdate({ nl: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${q.uid}-en`}>{t('surveys.textEn')}</label>
          <input id={`${q.uid}-en`} lang="en" value={q.en} readOnly={!canEdit} onChange={(e) => onUpdate({ en: e.target.value })} />
        </div>
      </div>
      <div className="field-checkbox">
        <input id={`${q.uid}-req`} type="checkbox" checked={q.required} disabled={!canEdit} onChange={(e) => onUpdate({ required: e.target.checked })} />
        <label htmlFor={`${q.uid}-req`}>{t('surveys.required')}</label>
      </div>
      {hasChoices(q.type) ? (
        <div className="field">
          <label htmlFor={`${q.uid}-choices`}>{q.type === 'matrix' ? t('surveys.columns') : t('surveys.choices')}</label>
          <textarea
            id={`${q.uid}-choices`}
            rows={4}
            value={choicesText}
            readOnly={!canEdit}
            aria-describedby={`${q.uid}-choices-hint`}
            onChange={(e) => {
              setChoicesText(e.target.value);
              onUpdate({ choices: textToChoices(e.target.value, q.choices) });
            }}
          />
          <p id={`${q.uid}-choices-hint`} className="field-hint">
            {t('surveys.choicesHint')}
          </p>
        </div>
      ) : null}
      {q.type === 'matrix' ? (
        <div className="field">
          <label htmlFor={`${q.uid}-rows`}>{t('surveys.rows')}</label>
          <textarea
            id={`${q.uid}-rows`}
            rows={3}
            value={rowsText}
            readOnly={!canEdit}
            onChange={(e) => {
              setRowsText(e.target.value);
              onUpdate({ rows: textToChoices(e.target.value, q.rows) });
            }}
          />
        </div>
      ) : null}
      {q.type === 'rating' ? (
        <div className="survey-question-grid">
          <div className="field">
            <label htmlFor={`${q.uid}-min`}>{t('surveys.rateMin')}</label>
            <input id={`${q.uid}-min`} type="number" value={q.rateMin} readOnly={!canEdit} onChange={(e) => onUpdate({ rateMin: Number(e.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${q.uid}-max`}>{t('surveys.rateMax')}</label>
            <input id={`${q.uid}-max`} type="number" value={q.rateMax} readOnly={!canEdit} onChange={(e) => onUpdate({ rateMax: Number(e.target.value) })} />
          </div>
        </div>
      ) : null}
      <fieldset className="survey-condition">
        <legend>{t('surveys.showIf')}</legend>
        {!cond && q.rawVisibleIf ? (
          <p className="small">
            {t('surveys.rawCondition')} <code>{q.rawVisibleIf}</code>
          </p>
        ) : null}
        <div className="survey-question-grid">
          <div className="field">
            <label htmlFor={`${q.uid}-cq`}>{t('surveys.condQuestion')}</label>
            <select
              id={`${q.uid}-cq`}
              value={cond?.question ?? ''}
              disabled={!canEdit}
              onChange={(e) => onUpdate({ condition: e.target.value ? { question: e.target.value, op: cond?.op ?? '=', value: cond?.value ?? '' } : null, rawVisibleIf: '' })}
            >
              <option value="">{t('surveys.always')}</option>
              {earlier.map((e) => (
                <option key={e.uid} value={e.name}>
                  {e.nl || e.name}
                </option>
              ))}
            </select>
          </div>
          {cond ? (
            <>
              <div className="field">
                <label htmlFor={`${q.uid}-cop`}>{t('surveys.condOperator')}</label>
                <select id={`${q.uid}-cop`} value={cond.op} disabled={!canEdit} onChange={(e) => onUpdate({ condition: { ...cond, op: e.target.value as Operator } })}>
                  {OPERATORS.map((o) => (
                    <option key={o} value={o}>
                      {t(`surveys.operators.${o === '=' ? 'eq' : o === '<>' ? 'ne' : o === '>' ? 'gt' : o === '<' ? 'lt' : o}`)}
                    </option>
                  ))}
                </select>
              </div>
              {cond.op !== 'empty' && cond.op !== 'notempty' ? (
                <div className="field">
                  <label htmlFor={`${q.uid}-cv`}>{t('surveys.condValue')}</label>
                  {condQuestion && condQuestion.choices.length && condQuestion.type !== 'matrix' ? (
                    <select id={`${q.uid}-cv`} value={cond.value} disabled={!canEdit} onChange={(e) => onUpdate({ condition: { ...cond, value: e.target.value } })}>
                      <option value="">—</option>
                      {condQuestion.choices.map((c) => (
                        <option key={c.value} value={c.value}>
                          {c.nl}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input id={`${q.uid}-cv`} value={cond.value} readOnly={!canEdit} onChange={(e) => onUpdate({ condition: { ...cond, value: e.target.value } })} />
                  )}
                </div>
              ) : null}
            </>
          ) : null}
        </div>
      </fieldset>
      {canEdit ? (
        <p className="actions">
          <button type="button" id={`${q.uid}-up`} className="button-secondary" onClick={() => onMove(-1, `${q.uid}-up`)} aria-label={t('surveys.moveUp', { label })}>
            {t('surveys.up')}
          </button>{' '}
          <button type="button" id={`${q.uid}-down`} className="button-secondary" onClick={() => onMove(1, `${q.uid}-down`)} aria-label={t('surveys.moveDown', { label })}>
            {t('surveys.down')}
          </button>{' '}
          <button type="button" className="button-secondary" onClick={onRemove} aria-label={t('surveys.removeQuestion', { label })}>
            {t('surveys.remove')}
          </button>
        </p>
      ) : null}
      {canEdit ? (
        <p id="survey-move-hint" className="visually-hidden">
          {t('surveys.moveHint')}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Distribution: counts, settings (dates, mode, public link, close now), invitations, and open answers to coding. */
function Distribution({ study, survey, canEdit, onChange }: { study: Study; survey: SurveyDetail; canEdit: boolean; onChange(s: SurveyDetail): void }) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="survey-distribution" className="section">
        <h2 id="survey-distribution">{t('surveys.distribution')}</h2>
        <dl className="facts">
          <dt>{t('surveys.invited')}</dt>
          <dd>{survey.counts.invited}</dd>
          <dt>{t('surveys.started')}</dt>
          <dd>{survey.counts.started}</dd>
          <dt>{t('surveys.completed')}</dt>
          <dd>{survey.counts.completed}</dd>
        </dl>
      </section>
      <SurveySettings key={survey.status} study={study} survey={survey} canEdit={canEdit} onChange={onChange} />
      {survey.mode === 'personal' ? <SurveyInvitations study={study} survey={survey} canEdit={canEdit} /> : null}
      {survey.currentVersion ? <OpenAnswersToCoding study={study} surveyId={survey.id} /> : null}
    </>
  );
}
