import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as t from '../../../shared/teamwork';
import * as svc from './teamwork.service';

/** Team coding: assignments, reliability rounds (blind mode), agreement, disagreements and adjudication. */
export function teamworkRoutes(app: App, deps: Deps) {
  const tags = ['teamwork'];
  const base = '/api/studies/:slug/teamwork';

  route(app, {
    method: 'GET', url: `${base}/coders`, access: 'study:coding.supervise', tags, summary: 'Members who may code (for assignments and rounds)',
    schema: { params: api.studyParams, response: { 200: t.codersResponse } },
    handler: async (req) => svc.listCoders(deps, req.actor, req.params.slug),
  });

  // ---- assignments ----
  route(app, {
    method: 'GET', url: `${base}/assignments`, access: 'study:data.read', tags, summary: 'Assignments of documents to coders (a coder sees only their own)',
    schema: { params: api.studyParams, response: { 200: t.assignmentsResponse } },
    handler: async (req) => svc.listAssignments(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: `${base}/assignments`, access: 'study:coding.supervise', tags, summary: 'Assign documents to coders (every document to every coder; existing ones are kept)',
    schema: { params: api.studyParams, body: t.createAssignmentsBody, response: { 200: t.createAssignmentsResponse } },
    handler: async (req) => svc.createAssignments(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${base}/assignments/:documentId/:coderId`, access: 'study:coding.supervise', tags, summary: 'Remove an assignment',
    schema: { params: t.assignmentParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteAssignment(deps, req.actor, req.params.slug, req.params.documentId, req.params.coderId);
      return { ok: true as const };
    },
  });

  // ---- rounds ----
  route(app, {
    method: 'GET', url: `${base}/rounds`, access: 'study:data.read', tags, summary: 'Reliability rounds (a coder sees the rounds they code in)',
    schema: { params: api.studyParams, response: { 200: t.roundsResponse } },
    handler: async (req) => svc.listRounds(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: `${base}/rounds`, access: 'study:coding.supervise', tags, summary: 'Start a reliability round: its documents are in blind mode for its coders until it closes',
    schema: { params: api.studyParams, body: t.createRoundBody, response: { 200: t.round } },
    handler: async (req) => svc.createRound(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: `${base}/rounds/:roundId`, access: 'study:data.read', tags, summary: 'One reliability round',
    schema: { params: t.roundParams, response: { 200: t.round } },
    handler: async (req) => svc.getRound(deps, req.actor, req.params.slug, req.params.roundId),
  });
  route(app, {
    method: 'POST', url: `${base}/rounds/:roundId/close`, access: 'study:coding.supervise', tags, summary: 'Close a round (ends blind mode; 409 when already closed)',
    schema: { params: t.roundParams, response: { 200: t.round } },
    handler: async (req) => svc.closeRound(deps, req.actor, req.params.slug, req.params.roundId),
  });
  route(app, {
    method: 'DELETE', url: `${base}/rounds/:roundId`, access: 'study:coding.supervise', tags, summary: 'Delete a round with its decisions (consensus codings stay)',
    schema: { params: t.roundParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteRound(deps, req.actor, req.params.slug, req.params.roundId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'GET', url: `${base}/rounds/:roundId/agreement`, access: 'study:coding.supervise', tags,
    summary: "Percent agreement, Cohen's kappa (two coders) and Krippendorff's alpha per code and overall, on characters, turns or sentences",
    schema: { params: t.roundParams, querystring: t.unitQuery, response: { 200: t.agreementResponse } },
    handler: async (req) => svc.agreement(deps, req.actor, req.params.slug, req.params.roundId, req.query.unit),
  });
  route(app, {
    method: 'GET', url: `${base}/rounds/:roundId/disagreements`, access: 'study:coding.supervise', tags, summary: "The coders' codings of one document side by side per unit, disagreements marked",
    schema: { params: t.roundParams, querystring: t.disagreementsQuery, response: { 200: t.disagreementsResponse } },
    handler: async (req) => svc.disagreements(deps, req.actor, req.params.slug, req.params.roundId, req.query.documentId, req.query.unit),
  });
  route(app, {
    method: 'POST', url: `${base}/rounds/:roundId/adjudicate`, access: 'study:coding.supervise', tags, summary: 'Decide disagreements into the consensus layer (take A, B, both or none; idempotent)',
    schema: { params: t.roundParams, body: t.adjudicateBody, response: { 200: t.adjudicateResponse } },
    handler: async (req) => svc.adjudicate(deps, req.actor, req.params.slug, req.params.roundId, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/rounds/:roundId/accept-agreements`, access: 'study:coding.supervise', tags, summary: 'Take every agreement of a document into the consensus layer at once (idempotent)',
    schema: { params: t.roundParams, body: t.acceptAgreementsBody, response: { 200: t.adjudicateResponse } },
    handler: async (req) => svc.acceptAgreements(deps, req.actor, req.params.slug, req.params.roundId, req.body),
  });
}
