import type { App } from '../../http';
import { attachment, route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as im from '../../../shared/impact';
import * as svc from './impact.service';

export function impactRoutes(app: App, deps: Deps) {
  const tags = ['impact'];
  const base = '/api/studies/:slug/impact';
  const rec = `${base}/recommendations/:recommendationId`;

  route(app, {
    method: 'GET', url: base, access: 'study:impact.read', tags, summary: 'Impact dashboard: policy trajectories, the current status and history of every recommendation, statuses per month and quarter',
    schema: { params: api.studyParams, response: { 200: im.impactSummary } },
    handler: async (req) => svc.impactSummary(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'GET', url: `${base}/export`, access: 'study:impact.read', tags, summary: 'Impact as XLSX: sheets Aanbevelingen (current status), Statusgeschiedenis, Beleidstrajecten, Verloop per kwartaal',
    schema: { params: api.studyParams },
    handler: async (req, reply) => {
      const f = await svc.exportImpact(deps, req.actor, req.params.slug);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', attachment(f.filename))
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  });
  route(app, {
    method: 'POST', url: `${base}/trajectories`, access: 'study:impact.write', tags, summary: 'Add a policy trajectory of the study’s own',
    schema: { params: api.studyParams, body: im.trajectoryInput, response: { 200: im.trajectory } },
    handler: async (req) => svc.createTrajectory(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/trajectories/seed`, access: 'study:impact.write', tags, summary: 'Add the standard policy trajectories the study does not have yet (idempotent by key)',
    schema: { params: api.studyParams, response: { 200: im.seedResult } },
    handler: async (req) => svc.seedTrajectories(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'DELETE', url: `${base}/trajectories/:trajectoryId`, access: 'study:impact.write', tags, summary: 'Delete a policy trajectory that no recommendation touches',
    schema: { params: im.trajectoryParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteTrajectory(deps, req.actor, req.params.slug, req.params.trajectoryId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: `${rec}/trajectories`, access: 'study:impact.write', tags, summary: 'Link a recommendation to a policy trajectory (by id, or by the key of a standard trajectory)',
    schema: { params: im.recommendationParams, body: im.linkInput, response: { 200: im.impactRecommendation } },
    handler: async (req) => svc.linkTrajectory(deps, req.actor, req.params.slug, req.params.recommendationId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${rec}/trajectories/:trajectoryId`, access: 'study:impact.write', tags, summary: 'Unlink a recommendation from a policy trajectory',
    schema: { params: im.linkParams, response: { 200: im.impactRecommendation } },
    handler: async (req) => svc.unlinkTrajectory(deps, req.actor, req.params.slug, req.params.recommendationId, req.params.trajectoryId),
  });
  route(app, {
    method: 'POST', url: `${rec}/statuses`, access: 'study:impact.write', tags, summary: 'Record a dated status of a recommendation (with a source reference and a note)',
    schema: { params: im.recommendationParams, body: im.statusInput, response: { 200: im.impactRecommendation } },
    handler: async (req) => svc.addStatus(deps, req.actor, req.params.slug, req.params.recommendationId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${rec}/statuses/:statusId`, access: 'study:impact.write', tags, summary: 'Delete a status entry recorded in error',
    schema: { params: im.statusParams, response: { 200: im.impactRecommendation } },
    handler: async (req) => svc.deleteStatus(deps, req.actor, req.params.slug, req.params.recommendationId, req.params.statusId),
  });
}
