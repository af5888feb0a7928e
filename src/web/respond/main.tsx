/**
 * The respondent page (/s#<token>): a separate, lean entry without the researchers' app (no router, no query
 * cache, no i18next). It renders the frozen SurveyJS definition with survey-react-ui, saves the answers page by
 * page, lets anonymous respondents continue later with a resume link, and submits once (idempotency key, retried
 * on network errors). All styles come from files; SurveyJS sets style values through React (the CSSOM).
 */
import './surveyjs';
import './respond.css';
import { StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Survey, surveyModel, type SurveyModel } from './surveyjs';
import type { SurveyLanguage } from '../../shared/survey-vocabulary';
import { pageAnswers, RespondError, respondApi, uuid, withRetry, type AnswerProblem, type RespondentSurvey } from './api';
import { formatDate, TEXTS } from './texts';

type Phase =
  | { kind: 'loading' }
  | { kind: 'message'; title: string; body: string; retry?: boolean }
  | { kind: 'survey'; info: RespondentSurvey; model: SurveyModel }
  | { kind: 'done' };

function readToken(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
}

function Respond() {
  const [lang, setLang] = useState<SurveyLanguage>('nl');
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [resumeUrl, setResumeUrl] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [copyStatus, setCopyStatus] = useState('');
  const [saveStatus, setSaveStatus] = useState('');
  const token = useRef(readToken());
  const langRef = useRef<SurveyLanguage>('nl');
  const submitKey = useRef<string | null>(null);
  const resumeInput = useRef<HTMLInputElement>(null);
  const t = TEXTS[lang];

  const messageFor = useCallback((e: unknown, l: SurveyLanguage): Phase => {
    const tx = TEXTS[l];
    if (!(e instanceof RespondError) || e.status === 0 || e.status >= 500) return { kind: 'message', title: tx.networkTitle, body: tx.network, retry: true };
    switch (e.code) {
      case 'survey_closed':
        return { kind: 'message', title: tx.closedTitle, body: e.message };
      case 'survey_not_open':
      case 'survey_not_published': {
        const opensAt = (e.details as { opensAt?: string } | undefined)?.opensAt;
        return { kind: 'message', title: tx.notOpenTitle, body: opensAt ? tx.opensAt.replace('{date}', formatDate(opensAt, l)) : e.message };
      }
      case 'already_completed':
      case 'invitation_used':
        return { kind: 'message', title: tx.alreadyTitle, body: tx.already };
      default:
        return { kind: 'message', title: tx.invalidTitle, body: e.message || tx.noLink };
    }
  }, []);

  const buildModel = useCallback(
    (info: RespondentSurvey): SurveyModel => {
      const model = surveyModel(info.definition, info.language);
      model.showTitle = false;
      model.clearInvisibleValues = 'onHidden';
      model.data = info.answers;
      if (info.resumePage) {
        const page = model.getPageByName(info.resumePage);
        if (page?.isVisible) model.currentPage = page;
      }
      model.onServerValidateQuestions.add(async (sender, options) => {
        const page = sender.currentPage;
        const names: string[] = page.questions.map((q: { name: string }) => q.name);
        const answers = pageAnswers(sender.data as Record<string, unknown>, names);
        const language = langRef.current;
        const general: string[] = [];
        setSaveStatus('');
        try {
          if (sender.isLastPage) {
            submitKey.current ??= uuid();
            const key = submitKey.current;
            await withRetry(() => respondApi.complete(token.current, { idempotencyKey: key, page: page.name, answers, language }));
          } else {
            const saved = await withRetry(() => respondApi.save(token.current, { page: page.name, answers, language }));
            if (saved.resumeToken) {
              token.current = saved.resumeToken;
              window.history.replaceState(null, '', `#${saved.resumeToken}`);
              if (saved.resumeUrl) setResumeUrl(saved.resumeUrl);
            }
            setSaveStatus(TEXTS[language].saved);
          }
        } catch (e) {
          const tx = TEXTS[language];
          if (e instanceof RespondError && e.code === 'invalid_answers') {
            submitKey.current = null;
            for (const p of (Array.isArray(e.details) ? e.details : []) as AnswerProblem[]) {
              const base = p.question.replace(/-Comment$/, '');
              if (names.includes(base)) options.errors[base] = p.message;
              else {
                const q = sender.getQuestionByName(base);
                general.push(q ? `${q.processedTitle}: ${p.message}` : p.message);
              }
            }
            if (!Object.keys(options.errors).length && !general.length) general.push(e.message);
          } else if (e instanceof RespondError && e.status > 0 && !e.retryable) {
            submitKey.current = null;
            setPhase(messageFor(e, language));
          } else {
            // a network error after the retries: keep the key, so that the next try cannot make a second response
            general.push(tx.notSent);
          }
          // SurveyJS only stays on the page when a question carries an error
          if (general.length && !Object.keys(options.errors).length && names[0]) options.errors[names[0]] = general[0];
        }
        setProblems(general);
        options.complete();
      });
      model.onComplete.add(() => {
        setResumeUrl(null);
        setPhase({ kind: 'done' });
      });
      return model;
    },
    [messageFor],
  );

  const load = useCallback(
    async (wanted?: SurveyLanguage) => {
      if (!token.current) {
        setPhase({ kind: 'message', title: TEXTS.nl.noLinkTitle, body: TEXTS.nl.noLink });
        return;
      }
      setPhase({ kind: 'loading' });
      try {
        const info = await withRetry(() => respondApi.open(token.current, wanted), [500, 1500]);
        langRef.current = info.language;
        setLang(info.language);
        if (info.state === 'completed') setPhase({ kind: 'message', title: TEXTS[info.language].alreadyTitle, body: TEXTS[info.language].already });
        else setPhase({ kind: 'survey', info, model: buildModel(info) });
      } catch (e) {
        setPhase(messageFor(e, langRef.current));
      }
    },
    [buildModel, messageFor],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = lang;
    const title = phase.kind === 'survey' ? phase.info.title : t.doneTitle;
    document.title = phase.kind === 'survey' ? title : phase.kind === 'message' ? phase.title : document.title;
  }, [lang, phase, t]);

  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (phase.kind === 'done' || phase.kind === 'message') headingRef.current?.focus();
  }, [phase.kind]);

  function switchLanguage(l: SurveyLanguage) {
    langRef.current = l;
    setLang(l);
    if (phase.kind === 'survey') phase.model.locale = l;
  }

  async function copy() {
    if (!resumeUrl) return;
    try {
      await navigator.clipboard.writeText(resumeUrl);
      setCopyStatus(t.copied);
    } catch {
      resumeInput.current?.select();
      setCopyStatus(t.copyFailed);
    }
  }

  if (phase.kind === 'loading') {
    return (
      <main className="rs-main">
        <h1 className="rs-visually-hidden">{t.loading}</h1>
        <p role="status" className="rs-box">
          {t.loading}
        </p>
      </main>
    );
  }
  if (phase.kind === 'message' || phase.kind === 'done') {
    const title = phase.kind === 'done' ? t.doneTitle : phase.title;
    const body = phase.kind === 'done' ? t.done : phase.body;
    return (
      <main className="rs-main">
        <div className="rs-box">
          <h1 ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          <p>{body}</p>
          {phase.kind === 'message' && phase.retry ? (
            <button type="button" className="rs-button" onClick={() => void load()}>
              {t.retry}
            </button>
          ) : null}
        </div>
      </main>
    );
  }

  const { info, model } = phase;
  return (
    <>
      <header className="rs-header">
        <div className="rs-header-inner">
          <h1>{info.title}</h1>
          {info.description ? <p>{info.description}</p> : null}
          {info.closesAt ? <p className="rs-muted">{t.closesAt.replace('{date}', formatDate(info.closesAt, lang))}</p> : null}
          {info.languages.length > 1 ? (
            <div className="rs-lang" role="group" aria-label={t.language}>
              {info.languages.map((l) => (
                <button key={l} type="button" className={`rs-button ${l === lang ? '' : 'rs-button-secondary'}`} aria-pressed={l === lang} lang={l} onClick={() => switchLanguage(l)}>
                  {l === 'nl' ? 'Nederlands' : 'English'}
                </button>
              ))}
            </div>
          ) : null}
          <p className="rs-muted">{t.privacy}</p>
        </div>
      </header>
      <main className="rs-main">
        {problems.length ? (
          <div role="alert" className="rs-box rs-alert">
            <h2>{t.problem}</h2>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {resumeUrl ? (
          <section className="rs-box rs-resume" aria-labelledby="rs-resume-title">
            <h2 id="rs-resume-title">{t.resumeTitle}</h2>
            <p>{t.resumeText}</p>
            <div className="rs-copy">
              <label htmlFor="rs-resume-url" className="rs-visually-hidden">
                {t.resumeLabel}
              </label>
              <input id="rs-resume-url" ref={resumeInput} readOnly value={resumeUrl} onFocus={(e) => e.currentTarget.select()} />
              <button type="button" className="rs-button" onClick={() => void copy()}>
                {t.copy}
              </button>
            </div>
            <p role="status" className="rs-muted">
              {copyStatus}
            </p>
          </section>
        ) : null}
        <p role="status" className="rs-visually-hidden">
          {saveStatus}
        </p>
        <Survey model={model} />
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Respond />
  </StrictMode>,
);
