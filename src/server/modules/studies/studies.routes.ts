import { z } from 'zod';
import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as svc from './studies.service';

export function studiesRoutes(app: App, deps: Deps) {
  const tags = ['studies'];
  route(app, {
    method: 'GET', url: '/api/studies', access: 'session', tags, summary: 'The studies I am a member of',
    schema: { querystring: api.studyListQuery, response: { 200: z.array(api.studySummary) } },
    handler: async (req) => svc.listStudies(deps, req.actor, req.query.archived === 'true'),
  });
  route(app, {
    method: 'POST', url: '/api/studies', access: 'session', tags, summary: 'Create a study; the creator becomes its lead',
    schema: { body: api.studyInput, response: { 200: api.study } },
    handler: async (req) => svc.createStudy(deps, req.actor, req.body),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug', access: 'study:study.read', tags, summary: 'A study with my role, permissions and modules',
    schema: { params: api.studyParams, response: { 200: api.study } },
    handler: async (req) => svc.getStudy(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'PATCH', url: '/api/studies/:slug', access: 'study:study.update', tags, summary: 'Edit a study',
    schema: { params: api.studyParams, body: api.studyPatch, response: { 200: api.study } },
    handler: async (req) => svc.updateStudy(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/archive', access: 'study:study.archive', tags, summary: 'Archive a study (read-only afterwards)',
    schema: { params: api.studyParams, response: { 200: api.study } },
    handler: async (req) => svc.setArchived(deps, req.actor, req.params.slug, true),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/unarchive', access: 'study:study.archive', tags, summary: 'Take a study out of the archive',
    schema: { params: api.studyParams, response: { 200: api.study } },
    handler: async (req) => svc.setArchived(deps, req.actor, req.params.slug, false),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/confidential', access: 'study:study.confidential', tags, summary: 'Confidential notes (encrypted at rest)',
    schema: { params: api.studyParams, response: { 200: api.confidentialNotes } },
    handler: async (req) => svc.getConfidentialNotes(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'PUT', url: '/api/studies/:slug/confidential', access: 'study:study.confidential', tags, summary: 'Replace the confidential notes',
    schema: { params: api.studyParams, body: api.confidentialNotes, response: { 200: api.confidentialNotes } },
    handler: async (req) => svc.setConfidentialNotes(deps, req.actor, req.params.slug, req.body.notes),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/members', access: 'study:members.read', tags, summary: 'Members and open invitations',
    schema: { params: api.studyParams, response: { 200: api.membersResponse } },
    handler: async (req) => svc.listMembers(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/members', access: 'study:members.manage', tags,
    summary: 'Add a member by e-mail; returns an invitation link when the person has no account yet',
    schema: { params: api.studyParams, body: api.addMemberBody, response: { 200: api.addMemberResponse } },
    handler: async (req) => svc.addMember(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'PATCH', url: '/api/studies/:slug/members/:userId', access: 'study:members.manage', tags, summary: "Change a member's role",
    schema: { params: api.memberParams, body: api.updateMemberBody, response: { 200: api.member } },
    handler: async (req) => svc.changeMemberRole(deps, req.actor, req.params.slug, req.params.userId, req.body.role),
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/members/:userId', access: 'study:members.manage', tags, summary: 'Remove a member',
    schema: { params: api.memberParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.removeMember(deps, req.actor, req.params.slug, req.params.userId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/invitations/:invitationId', access: 'study:members.manage', tags, summary: 'Revoke an open invitation',
    schema: { params: api.invitationParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.revokeInvitation(deps, req.actor, req.params.slug, req.params.invitationId);
      return { ok: true as const };
    },
  });
}
