import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import { getJob } from '../jobs/jobs.service';
import * as svc from './demo.service';

export function demoRoutes(app: App, deps: Deps) {
  route(app, {
    method: 'POST', url: '/api/demo', access: 'session', tags: ['demo'],
    summary: 'Load the fictional demo study "Terug naar huis (demo)" as a job; the caller becomes its lead, the job result carries the slug',
    schema: { response: { 200: api.job } },
    handler: async (req) => {
      const j = await svc.startDemo(deps, req.actor);
      return getJob(deps, req.actor, j.id);
    },
  });
}
