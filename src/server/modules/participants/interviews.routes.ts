import { z } from 'zod';
import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as p from '../../../shared/participants';
import * as svc from './interviews.service';

const interviewParams = api.studyParams.extend({ interviewId: api.uuid });
const guideParams = api.studyParams.extend({ guideId: api.uuid });

export function interviewsRoutes(app: App, deps: Deps) {
  const tags = ['interviews'];
  route(app, {
    method: 'GET', url: '/api/studies/:slug/interviews', access: 'study:data.read', tags, summary: 'Interviews of the study, newest first',
    schema: { params: api.studyParams, response: { 200: p.interviewListResponse } },
    handler: async (req) => svc.listInterviews(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/interviews', access: 'study:data.write', tags, summary: 'Record an interview (notes are sealed with the study key)',
    schema: { params: api.studyParams, body: p.interviewInput, response: { 200: p.interview } },
    handler: async (req) => svc.createInterview(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/interviews/overdue', access: 'study:data.read', tags, summary: 'Recordings past their deletion deadline and not marked deleted',
    schema: { params: api.studyParams, response: { 200: p.overdueRecordingsResponse } },
    handler: async (req) => svc.listOverdueRecordings(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/interviews/:interviewId', access: 'study:data.read', tags, summary: 'One interview',
    schema: { params: interviewParams, response: { 200: p.interview } },
    handler: async (req) => svc.getInterview(deps, req.actor, req.params.slug, req.params.interviewId),
  });
  route(app, {
    method: 'PUT', url: '/api/studies/:slug/interviews/:interviewId', access: 'study:data.write', tags, summary: 'Replace an interview’s details',
    schema: { params: interviewParams, body: p.interviewInput, response: { 200: p.interview } },
    handler: async (req) => svc.updateInterview(deps, req.actor, req.params.slug, req.params.interviewId, req.body),
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/interviews/:interviewId', access: 'study:data.write', tags, summary: 'Delete an interview record',
    schema: { params: interviewParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteInterview(deps, req.actor, req.params.slug, req.params.interviewId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/interviews/:interviewId/recording-deleted', access: 'study:data.write', tags, summary: 'Record that the recording was deleted (409 when already recorded)',
    schema: { params: interviewParams, response: { 200: p.interview } },
    handler: async (req) => svc.markRecordingDeleted(deps, req.actor, req.params.slug, req.params.interviewId),
  });

  route(app, {
    method: 'GET', url: '/api/studies/:slug/guides', access: 'study:data.read', tags, summary: 'Interview guides of the study',
    schema: { params: api.studyParams, response: { 200: z.array(p.guide) } },
    handler: async (req) => svc.listGuides(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/guides', access: 'study:data.write', tags, summary: 'Write an interview guide',
    schema: { params: api.studyParams, body: p.guideInput, response: { 200: p.guide } },
    handler: async (req) => svc.createGuide(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/guides/template', access: 'study:data.write', tags, summary: 'Copy the platform’s template guides (Dutch) into the study; existing titles are skipped',
    schema: { params: api.studyParams, body: p.guideTemplateInput, response: { 200: p.guideTemplateResult } },
    handler: async (req) => svc.copyGuideTemplate(deps, req.actor, req.params.slug, req.body.audiences),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/guides/:guideId', access: 'study:data.read', tags, summary: 'One interview guide',
    schema: { params: guideParams, response: { 200: p.guide } },
    handler: async (req) => svc.getGuide(deps, req.actor, req.params.slug, req.params.guideId),
  });
  route(app, {
    method: 'PUT', url: '/api/studies/:slug/guides/:guideId', access: 'study:data.write', tags, summary: 'Replace an interview guide',
    schema: { params: guideParams, body: p.guideInput, response: { 200: p.guide } },
    handler: async (req) => svc.updateGuide(deps, req.actor, req.params.slug, req.params.guideId, req.body),
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/guides/:guideId', access: 'study:data.write', tags, summary: 'Delete an interview guide (interviews keep their data)',
    schema: { params: guideParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteGuide(deps, req.actor, req.params.slug, req.params.guideId);
      return { ok: true as const };
    },
  });
}
