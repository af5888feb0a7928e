import type { FastifyRequest } from 'fastify';
import type { App } from '../../http';
import { attachment, route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as s from '../../../shared/surveys';
import * as svc from './surveys.service';
import * as respondent from './respondent.service';
import * as results from './results.service';
import * as openAnswers from './open-answers.service';
import { getJob } from '../jobs/jobs.service';

const tokenOf = (req: FastifyRequest) => req.headers[s.SURVEY_TOKEN_HEADER];

export function surveysRoutes(app: App, deps: Deps) {
  const tags = ['surveys'];
  const base = '/api/studies/:slug/surveys';
  const one = `${base}/:surveyId`;

  // ---- instruments ----
  route(app, {
    method: 'GET', url: base, access: 'study:results.read', tags, summary: 'The surveys of a study',
    schema: { params: api.studyParams, response: { 200: s.surveyList } },
    handler: async (req) => svc.listSurveys(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: base, access: 'study:data.write', tags, summary: 'Create a survey (a draft; an optional SurveyJS definition is validated)',
    schema: { params: api.studyParams, body: s.surveyInput, response: { 200: s.surveyDetail } },
    handler: async (req) => svc.createSurvey(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/template`, access: 'study:data.write', tags, summary: 'Copy the ready instrument "Enquête professionals" into the study',
    schema: { params: api.studyParams, body: s.templateBody, response: { 200: s.surveyDetail } },
    handler: async (req) => svc.createFromTemplate(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/import`, access: 'study:data.write', tags, summary: 'Import a SurveyJS JSON file or a LimeSurvey .lss as a new survey, with a report of what could not be mapped',
    bodyLimit: 12 * 1024 * 1024,
    schema: { params: api.studyParams, body: s.importBody, response: { 200: s.importResponse } },
    handler: async (req) => svc.importSurvey(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: one, access: 'study:data.read', tags, summary: 'A survey with its draft, versions, public link and counts',
    schema: { params: s.surveyParams, response: { 200: s.surveyDetail } },
    handler: async (req) => svc.getSurvey(deps, req.actor, req.params.slug, req.params.surveyId),
  });
  route(app, {
    method: 'PATCH', url: one, access: 'study:data.write', tags, summary: 'Change the settings of a survey',
    schema: { params: s.surveyParams, body: s.surveyPatch, response: { 200: s.surveyDetail } },
    handler: async (req) => svc.updateSettings(deps, req.actor, req.params.slug, req.params.surveyId, req.body),
  });
  route(app, {
    method: 'DELETE', url: one, access: 'study:data.write', tags, summary: 'Delete a survey that has no responses',
    schema: { params: s.surveyParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteSurvey(deps, req.actor, req.params.slug, req.params.surveyId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'PUT', url: `${one}/draft`, access: 'study:data.write', tags, summary: 'Save the draft definition (400 with the list of problems in error.details)',
    schema: { params: s.surveyParams, body: s.draftBody, response: { 200: s.surveyDetail } },
    handler: async (req) => svc.saveDraft(deps, req.actor, req.params.slug, req.params.surveyId, req.body.definition),
  });
  route(app, {
    method: 'POST', url: `${one}/publish`, access: 'study:data.write', tags, summary: 'Freeze the draft as the next numbered version',
    schema: { params: s.surveyParams, response: { 200: s.surveyDetail } },
    handler: async (req) => svc.publish(deps, req.actor, req.params.slug, req.params.surveyId),
  });
  route(app, {
    method: 'GET', url: `${one}/versions/:versionId`, access: 'study:data.read', tags, summary: 'A frozen version',
    schema: { params: s.versionParams, response: { 200: s.surveyVersion } },
    handler: async (req) => svc.getVersion(deps, req.actor, req.params.slug, req.params.surveyId, req.params.versionId),
  });
  route(app, {
    method: 'POST', url: `${one}/public-link`, access: 'study:data.write', tags, summary: 'A new public link (the old one stops working)',
    schema: { params: s.surveyParams, response: { 200: s.publicLink } },
    handler: async (req) => svc.rotatePublicLink(deps, req.actor, req.params.slug, req.params.surveyId),
  });
  route(app, {
    method: 'POST', url: `${one}/close`, access: 'study:data.write', tags, summary: 'Close the survey now; the e-mail addresses are deleted',
    schema: { params: s.surveyParams, response: { 200: s.surveyDetail } },
    handler: async (req) => svc.closeSurvey(deps, req.actor, req.params.slug, req.params.surveyId),
  });

  // ---- invitations ----
  route(app, {
    method: 'GET', url: `${one}/invitations`, access: 'study:data.read', tags, summary: 'Invitations and their status (addresses for the lead only)',
    schema: { params: s.surveyParams, querystring: s.invitationListQuery, response: { 200: s.invitationList } },
    handler: async (req) => svc.listInvitations(deps, req.actor, req.params.slug, req.params.surveyId, req.query),
  });
  route(app, {
    method: 'POST', url: `${one}/invitations/import`, access: 'study:data.write', tags, summary: 'Add e-mail addresses from a CSV file; bad rows are reported, duplicates skipped',
    bodyLimit: 6 * 1024 * 1024,
    schema: { params: s.surveyParams, body: s.invitationImportBody, response: { 200: s.invitationImportResult } },
    handler: async (req) => svc.importInvitations(deps, req.actor, req.params.slug, req.params.surveyId, req.body.csv),
  });
  route(app, {
    method: 'POST', url: `${one}/invitations/links`, access: 'study:study.confidential', tags,
    summary: 'The mail-merge CSV of addresses and new personal links (shown only now; earlier links of these invitations stop)',
    schema: { params: s.surveyParams, body: s.linksBody },
    handler: async (req, reply) => {
      const r = await svc.exportLinks(deps, req.actor, req.params.slug, req.params.surveyId, req.body.scope);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(r.filename)).header('cache-control', 'no-store');
      return reply.send(r.csv);
    },
  });
  route(app, {
    method: 'POST', url: `${one}/invitations/send`, access: 'study:data.write', tags, summary: 'Send invitations or reminders by e-mail (a job); 409 without a mail server',
    schema: { params: s.surveyParams, body: s.sendBody, response: { 200: api.job } },
    handler: async (req) => {
      const j = await svc.startSending(deps, req.actor, req.params.slug, req.params.surveyId, req.body.kind);
      return getJob(deps, req.actor, j.id);
    },
  });
  route(app, {
    method: 'DELETE', url: `${one}/invitations/:invitationId/email`, access: 'study:data.write', tags, summary: 'Delete the e-mail address of one invitation (on request)',
    schema: { params: s.invitationParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteInvitationEmail(deps, req.actor, req.params.slug, req.params.surveyId, req.params.invitationId);
      return { ok: true as const };
    },
  });

  // ---- open answers to the coding module ----
  route(app, {
    method: 'GET', url: `${one}/open-answers`, access: 'study:data.read', tags, summary: 'The open questions with their number of answers and how many were sent to coding',
    schema: { params: s.surveyParams, response: { 200: s.openQuestionList } },
    handler: async (req) => openAnswers.listOpenQuestions(deps, req.actor, req.params.slug, req.params.surveyId),
  });
  route(app, {
    method: 'POST', url: `${one}/open-answers/to-coding`, access: 'study:data.write', tags,
    summary: 'One coding document per answer to an open question, with the closed answers as attributes (idempotent)',
    schema: { params: s.surveyParams, body: s.toCodingBody, response: { 200: s.toCodingResult } },
    handler: async (req) => openAnswers.sendOpenAnswersToCoding(deps, req.actor, req.params.slug, req.params.surveyId, req.body.question),
  });

  // ---- results and exports ----
  route(app, {
    method: 'GET', url: `${one}/results`, access: 'study:results.read', tags, summary: 'Overview and per-question results (disclosure control for the committee)',
    schema: { params: s.surveyParams, querystring: s.resultsQuery, response: { 200: s.surveyResults } },
    handler: async (req) => results.getResults(deps, req.actor, req.params.slug, req.params.surveyId, req.query),
  });
  route(app, {
    method: 'GET', url: `${one}/results/crosstab`, access: 'study:results.read', tags, summary: 'Crosstab of two closed questions with a chi-square test',
    schema: { params: s.surveyParams, querystring: s.crosstabQuery, response: { 200: s.crosstab } },
    handler: async (req) => results.getCrosstab(deps, req.actor, req.params.slug, req.params.surveyId, req.query),
  });
  route(app, {
    method: 'GET', url: `${one}/responses`, access: 'study:data.read', tags, summary: 'The raw responses, paged',
    schema: { params: s.surveyParams, querystring: s.responsesQuery, response: { 200: s.responseList } },
    handler: async (req) => results.listResponses(deps, req.actor, req.params.slug, req.params.surveyId, req.query),
  });
  route(app, {
    method: 'POST', url: `${one}/export`, access: 'study:data.read', tags, summary: 'Export the responses (csv, xlsx, spss, r, json) as a zip, as a job',
    schema: { params: s.surveyParams, body: s.exportBody, response: { 200: api.job } },
    handler: async (req) => {
      const j = await results.startExport(deps, req.actor, req.params.slug, req.params.surveyId, req.body);
      return getJob(deps, req.actor, j.id);
    },
  });

  // ---- respondents: public, per-IP limit, small bodies, the token in a header ----
  const respondentOpts = { access: 'public' as const, tags: ['respondent'], bodyLimit: s.RESPONDENT_BODY_LIMIT, rateLimit: { max: deps.config.respondentRateLimit, timeWindow: '1 minute' } };
  route(app, {
    ...respondentOpts,
    method: 'GET', url: '/api/respond', summary: 'The survey to answer, with saved answers to resume (token in X-Survey-Token)',
    schema: { querystring: s.respondentQuery, response: { 200: s.respondentSurvey } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return respondent.openSurvey(deps, tokenOf(req), req.query.lang);
    },
  });
  route(app, {
    ...respondentOpts,
    method: 'PUT', url: '/api/respond', summary: 'Save the answers of one page',
    schema: { body: s.savePageBody, response: { 200: s.pageSaved } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return respondent.savePage(deps, tokenOf(req), req.body);
    },
  });
  route(app, {
    ...respondentOpts,
    method: 'POST', url: '/api/respond/complete', summary: 'Submit the response (idempotent by idempotencyKey); re-validated against the frozen version',
    schema: { body: s.completeBody, response: { 200: s.completed } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return respondent.complete(deps, tokenOf(req), req.body);
    },
  });
}
