import { z } from 'zod';
import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as p from '../../../shared/participants';
import * as svc from './participants.service';
import * as consent from './consent.service';
import { interviewsRoutes } from './interviews.routes';

const participantParams = api.studyParams.extend({ participantId: api.uuid });
const consentParams = participantParams.extend({ consentId: api.uuid });
const variableParams = api.studyParams.extend({ variableId: api.uuid });

/** The interview study: participants, variables, consent and withdrawal; interviews and guides (./interviews.routes). */
export function participantsRoutes(app: App, deps: Deps) {
  const tags = ['participants'];
  route(app, {
    method: 'GET', url: '/api/studies/:slug/participants', access: 'study:data.read', tags, summary: 'Participants: pseudonym, attributes, variables, consent status (identity for the lead only)',
    schema: { params: api.studyParams, querystring: p.participantListQuery, response: { 200: p.participantListResponse } },
    handler: async (req) => svc.listParticipants(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/participants', access: 'study:data.write', tags,
    summary: 'Register a participant; the code (K-01, O-01, P-01, J-01, B-01) is generated. An identity needs study.confidential',
    schema: { params: api.studyParams, body: p.participantInput, response: { 200: p.participant } },
    handler: async (req) => svc.createParticipant(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/participants/:participantId', access: 'study:data.read', tags, summary: 'One participant',
    schema: { params: participantParams, response: { 200: p.participant } },
    handler: async (req) => svc.getParticipant(deps, req.actor, req.params.slug, req.params.participantId),
  });
  route(app, {
    method: 'PATCH', url: '/api/studies/:slug/participants/:participantId', access: 'study:data.write', tags, summary: 'Change attributes and variable values (null removes a value)',
    schema: { params: participantParams, body: p.participantPatch, response: { 200: p.participant } },
    handler: async (req) => svc.updateParticipant(deps, req.actor, req.params.slug, req.params.participantId, req.body),
  });
  route(app, {
    method: 'PUT', url: '/api/studies/:slug/participants/:participantId/identity', access: 'study:study.confidential', tags, summary: 'Replace the identity: name, contact, birth month (sealed with the study key)',
    schema: { params: participantParams, body: p.participantIdentity, response: { 200: p.participant } },
    handler: async (req) => svc.setParticipantIdentity(deps, req.actor, req.params.slug, req.params.participantId, req.body),
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/participants/:participantId', access: 'study:data.write', tags, summary: 'Delete a participant registered by mistake (409 while they have transcripts)',
    schema: { params: participantParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteParticipant(deps, req.actor, req.params.slug, req.params.participantId);
      return { ok: true as const };
    },
  });

  // ---- consent ----
  route(app, {
    method: 'GET', url: '/api/studies/:slug/consent', access: 'study:data.read', tags, summary: 'Consent dashboard: per participant each scope covered or missing (Dutch reasons), with counts',
    schema: { params: api.studyParams, response: { 200: p.consentDashboard } },
    handler: async (req) => consent.getConsentDashboard(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/participants/:participantId/consent', access: 'study:data.read', tags, summary: 'Consent and assent records of a participant with their evaluation',
    schema: { params: participantParams, response: { 200: p.participantConsent } },
    handler: async (req) => consent.getParticipantConsent(deps, req.actor, req.params.slug, req.params.participantId),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/participants/:participantId/consent', access: 'study:data.write', tags, summary: 'Record consent or assent (a scope set to false says no)',
    schema: { params: participantParams, body: p.consentInput, response: { 200: p.participantConsent } },
    handler: async (req) => consent.addConsent(deps, req.actor, req.params.slug, req.params.participantId, req.body),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/participants/:participantId/consent/:consentId/revoke', access: 'study:data.write', tags,
    summary: 'Revoke a record: its party withdraws on the date; material is removed unless archiving was consented',
    schema: { params: consentParams, body: p.revokeInput, response: { 200: p.withdrawalResult } },
    handler: async (req) => consent.revokeConsent(deps, req.actor, req.params.slug, req.params.participantId, req.params.consentId, req.body.date),
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/participants/:participantId/consent/:consentId', access: 'study:data.write', tags, summary: 'Delete a record entered by mistake (not a withdrawn one)',
    schema: { params: consentParams, response: { 200: p.participantConsent } },
    handler: async (req) => consent.deleteConsentRecord(deps, req.actor, req.params.slug, req.params.participantId, req.params.consentId),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/participants/:participantId/withdrawal', access: 'study:data.write', tags,
    summary: 'Record a withdrawal (date, by whom); material is removed unless archiving was consented before it',
    schema: { params: participantParams, body: p.withdrawalInput, response: { 200: p.withdrawalResult } },
    handler: async (req) => consent.recordWithdrawal(deps, req.actor, req.params.slug, req.params.participantId, req.body),
  });

  // ---- study variables ----
  route(app, {
    method: 'GET', url: '/api/studies/:slug/variables', access: 'study:data.read', tags, summary: 'The study’s participant variables',
    schema: { params: api.studyParams, response: { 200: z.array(p.studyVariable) } },
    handler: async (req) => svc.listVariables(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/variables', access: 'study:data.write', tags, summary: 'Define a variable (text, number, date or choice)',
    schema: { params: api.studyParams, body: p.studyVariableInput, response: { 200: p.studyVariable } },
    handler: async (req) => svc.createVariable(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'PATCH', url: '/api/studies/:slug/variables/:variableId', access: 'study:data.write', tags, summary: 'Rename a variable or change its choices',
    schema: { params: variableParams, body: p.studyVariablePatch, response: { 200: p.studyVariable } },
    handler: async (req) => svc.updateVariable(deps, req.actor, req.params.slug, req.params.variableId, req.body),
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/variables/:variableId', access: 'study:data.write', tags, summary: 'Delete a variable with its values',
    schema: { params: variableParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteVariable(deps, req.actor, req.params.slug, req.params.variableId);
      return { ok: true as const };
    },
  });

  interviewsRoutes(app, deps);
}
