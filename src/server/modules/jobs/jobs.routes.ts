import type { App } from '../../http';
import { attachment, route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as svc from './jobs.service';

export function jobsRoutes(app: App, deps: Deps) {
  const tags = ['jobs'];
  route(app, {
    method: 'GET', url: '/api/jobs/:jobId', access: 'session', tags, summary: 'Status and progress of a job I started',
    schema: { params: api.jobParams, response: { 200: api.job } },
    handler: async (req) => svc.getJob(deps, req.actor, req.params.jobId),
  });
  route(app, {
    method: 'GET', url: '/api/jobs/:jobId/download', access: 'session', tags, summary: 'The file a finished job produced',
    schema: { params: api.jobParams },
    handler: async (req, reply) => {
      const o = await svc.getJobOutput(deps, req.actor, req.params.jobId);
      reply.header('content-type', o.mime).header('content-disposition', attachment(o.filename));
      return reply.send(o.content);
    },
  });
}
