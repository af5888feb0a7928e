/**
 * Open answers to the coding module: one `survey_answer` document per non-empty answer of a completed response to an
 * open question, carrying the respondent's closed answers as document attributes. Idempotent: a document remembers
 * its source (`survey:<surveyId>:<responseId>:<question>`), so sending again only adds answers that arrived since.
 * The documents are made by the coding module's service (sealed texts, its own audit event), in this transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Actor } from '../../platform/permissions';
import type { OpenQuestion, ToCodingResult } from '../../../shared/surveys';
import { describe, localText } from '../../../lib/survey/definition';
import type { InstrumentInfo } from '../../../lib/survey/types';
import * as repo from './surveys.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import { access, assertWritable, loadSurvey } from './surveys.service';
import { addSourcedDocuments, existingSources, type SourcedDocument } from '../coding/coding.service';
import { closedAttributes, isOpenQuestion, openAnswerText } from './open-answers';

const sourceRef = (surveyId: string, responseId: string, question: string) => `survey:${surveyId}:${responseId}:${question}`;

interface Answer {
  responseId: string;
  text: string;
  info: InstrumentInfo;
  answers: Record<string, unknown>;
}

/** The open questions over all versions (the newest title wins) and their non-empty answers of completed responses. */
async function collect(db: Kysely<DB>, surveyId: string, only?: string) {
  const questions = new Map<string, { title: string; open: boolean; answers: Answer[] }>();
  for (const v of await repo.versionsWithDefinition(db, surveyId)) {
    const info = describe(v.definition as Record<string, unknown>);
    const wanted = info.questions.filter((q) => only === undefined || q.name === only);
    if (wanted.length === 0) continue;
    const open = wanted.filter(isOpenQuestion);
    for (const q of wanted) {
      const entry = questions.get(q.name) ?? { title: '', open: false, answers: [] };
      entry.title = localText(q.title) || q.name;
      entry.open ||= isOpenQuestion(q);
      questions.set(q.name, entry);
    }
    if (open.length === 0) continue;
    for (const r of await repo.loadResponses(db, v.id, { completedOnly: true })) {
      for (const q of open) {
        const text = openAnswerText(r.answers[q.name]);
        if (text) questions.get(q.name)!.answers.push({ responseId: r.id, text, info, answers: r.answers });
      }
    }
  }
  return questions;
}

/** The open questions of a survey with how many answers there are and how many were sent already. */
export async function listOpenQuestions(deps: Deps, actor: Actor | null, slug: string, surveyId: string): Promise<{ questions: OpenQuestion[] }> {
  const a = await access(deps.db, actor, slug, 'data.read');
  const s = await loadSurvey(deps.db, a.study.id, surveyId);
  const all = await collect(deps.db, s.id);
  const out: OpenQuestion[] = [];
  for (const [name, q] of all) {
    if (!q.open) continue;
    const sent = await existingSources(deps.db, a.study.id, q.answers.map((x) => sourceRef(s.id, x.responseId, name)));
    out.push({ name, title: q.title, answers: q.answers.length, sent });
  }
  return { questions: out };
}

/** POST open-answers/to-coding: one document per answer; all or nothing; sending again adds only new answers. */
export async function sendOpenAnswersToCoding(deps: Deps, actor: Actor | null, slug: string, surveyId: string, question: string): Promise<ToCodingResult> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    const q = (await collect(trx, s.id, question)).get(question);
    if (!q) throw new AppError('question_not_found', `De vraag "${question}" komt in geen gepubliceerde versie van deze vragenlijst voor.`, 404);
    if (!q.open) throw new AppError('not_open_question', `"${q.title}" is geen open vraag. Alleen antwoorden op open vragen (korte of lange tekst) kunnen naar het coderen.`, 400);
    const surveyTitle = s.title.length > 90 ? `${s.title.slice(0, 89)}…` : s.title;
    const docs: SourcedDocument[] = q.answers.map((x) => ({
      kind: 'survey_answer',
      title: `${surveyTitle} · ${question} · ${x.responseId.slice(0, 8)}`,
      text: x.text,
      attributes: closedAttributes(x.info, x.answers),
      sourceRef: sourceRef(s.id, x.responseId, question),
    }));
    const r = await addSourcedDocuments(deps, trx, a.study.id, a.actorId, docs, { surveyId: s.id, question });
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'survey.answers_to_coding',
      objectType: 'survey',
      objectId: s.id,
      details: { question, answers: docs.length, created: r.created, existing: r.existing },
    });
    return { question, answers: docs.length, created: r.created, existing: r.existing };
  });
}
