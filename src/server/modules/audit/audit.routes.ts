import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as svc from './audit.service';
import { getJob } from '../jobs/jobs.service';

export function auditRoutes(app: App, deps: Deps) {
  const tags = ['audit'];
  route(app, {
    method: 'GET', url: '/api/studies/:slug/audit', access: 'study:audit.read', tags, summary: "The study's audit trail, newest first, with filters",
    schema: { params: api.studyParams, querystring: api.auditQuery, response: { 200: api.auditPage } },
    handler: async (req) => svc.listStudyAudit(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/audit/export', access: 'study:audit.export', tags, summary: 'Export the (filtered) audit trail as CSV, as a job',
    schema: { params: api.studyParams, body: api.auditQuery.omit({ before: true, limit: true }).optional(), response: { 200: api.job } },
    handler: async (req) => {
      const j = await svc.startAuditExport(deps, req.actor, req.params.slug, req.body ?? {});
      return getJob(deps, req.actor, j.id);
    },
  });
}
