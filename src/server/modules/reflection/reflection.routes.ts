import type { FastifyRequest } from 'fastify';
import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as r from '../../../shared/reflection';
import * as svc from './reflection.service';
import { getJob } from '../jobs/jobs.service';

const tokenOf = (req: FastifyRequest) => req.headers[r.REFLECTION_TOKEN_HEADER];

export function reflectionRoutes(app: App, deps: Deps) {
  const tags = ['reflection'];
  const base = '/api/studies/:slug/reflection-sessions';
  const one = `${base}/:reflectionId`;

  route(app, {
    method: 'GET', url: base, access: 'study:results.read', tags, summary: 'The reflection sessions of a study',
    schema: { params: api.studyParams, response: { 200: r.sessionList } },
    handler: async (req) => svc.listSessions(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: base, access: 'study:reflection.manage', tags, summary: 'Create a reflection session (recommendations: default all, copied as they are now)',
    schema: { params: api.studyParams, body: r.sessionInput, response: { 200: r.reflectionSession } },
    handler: async (req) => svc.createSession(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: one, access: 'study:results.read', tags, summary: 'One reflection session with its recommendations',
    schema: { params: r.reflectionParams, response: { 200: r.reflectionSession } },
    handler: async (req) => svc.getSession(deps, req.actor, req.params.slug, req.params.reflectionId),
  });
  route(app, {
    method: 'PATCH', url: one, access: 'study:reflection.manage', tags, summary: 'Change title, date, recommendations, anonymity, or open/close the session',
    schema: { params: r.reflectionParams, body: r.sessionPatch, response: { 200: r.reflectionSession } },
    handler: async (req) => svc.updateSession(deps, req.actor, req.params.slug, req.params.reflectionId, req.body),
  });
  route(app, {
    method: 'DELETE', url: one, access: 'study:reflection.manage', tags, summary: 'Delete a session with its invitees, ratings, comments and decisions',
    schema: { params: r.reflectionParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteSession(deps, req.actor, req.params.slug, req.params.reflectionId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'GET', url: `${one}/invitees`, access: 'study:reflection.manage', tags, summary: 'Invitees with their status (never their links)',
    schema: { params: r.reflectionParams, response: { 200: r.inviteeList } },
    handler: async (req) => svc.listInvitees(deps, req.actor, req.params.slug, req.params.reflectionId),
  });
  route(app, {
    method: 'POST', url: `${one}/invitees`, access: 'study:reflection.manage', tags, summary: 'Add invitees; their personal links are returned once',
    schema: { params: r.reflectionParams, body: r.inviteesInput, response: { 200: r.issuedLinks } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.addInvitees(deps, req.actor, req.params.slug, req.params.reflectionId, req.body);
    },
  });
  route(app, {
    method: 'POST', url: `${one}/invitees/links`, access: 'study:reflection.manage', tags, summary: 'New personal links (all, or never issued) as CSV; old links stop working',
    schema: { params: r.reflectionParams, body: r.linksBody, response: { 200: r.linksCsv } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.exportLinks(deps, req.actor, req.params.slug, req.params.reflectionId, req.body.scope);
    },
  });
  route(app, {
    method: 'POST', url: `${one}/invitees/send`, access: 'study:reflection.manage', tags, summary: 'Send every invitee with an address a new link by e-mail (job; 409 without SMTP)',
    schema: { params: r.reflectionParams, response: { 200: api.job } },
    handler: async (req) => {
      const j = await svc.startSending(deps, req.actor, req.params.slug, req.params.reflectionId);
      return getJob(deps, req.actor, j.id);
    },
  });
  route(app, {
    method: 'DELETE', url: `${one}/invitees/:inviteeId`, access: 'study:reflection.manage', tags, summary: 'Remove an invitee with their ratings',
    schema: { params: r.inviteeParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteInvitee(deps, req.actor, req.params.slug, req.params.reflectionId, req.params.inviteeId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'GET', url: `${one}/results`, access: 'study:results.read', tags, summary: 'Live results: per recommendation and dimension distribution, mean, n (small n suppressed); comments with data.read; decisions',
    schema: { params: r.reflectionParams, response: { 200: r.reflectionResults } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.results(deps, req.actor, req.params.slug, req.params.reflectionId);
    },
  });
  route(app, {
    method: 'PUT', url: `${one}/decisions`, access: 'study:reflection.manage', tags, summary: 'Record what was decided on one recommendation (kept, changed, dropped) and why; audited',
    schema: { params: r.reflectionParams, body: r.decisionInput, response: { 200: r.reflectionResults } },
    handler: async (req) => svc.decide(deps, req.actor, req.params.slug, req.params.reflectionId, req.body),
  });

  // ---- respondents: public, per-IP limit, small bodies, the token in a header ----
  const respondentOpts = { access: 'public' as const, tags: ['respondent'], bodyLimit: r.RESPONDENT_BODY_LIMIT, rateLimit: { max: deps.config.respondentRateLimit, timeWindow: '1 minute' } };
  route(app, {
    ...respondentOpts,
    method: 'GET', url: '/api/reflect', summary: 'The reflection session for an invitee, with their own ratings (token in X-Reflection-Token)',
    schema: { response: { 200: r.respondentView } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.openSession(deps, tokenOf(req));
    },
  });
  route(app, {
    ...respondentOpts,
    method: 'PUT', url: '/api/reflect', summary: 'Save the rating (importance, feasibility 1–5) and comment of one recommendation',
    schema: { body: r.ratingInput, response: { 200: r.ratingSaved } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.saveRating(deps, tokenOf(req), req.body);
    },
  });
}
