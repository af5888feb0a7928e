import { z } from 'zod';
import type { App } from '../../http';
import { attachment, route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as d from '../../../shared/dossiers';
import * as svc from './dossiers.service';
import { getJob } from '../jobs/jobs.service';

const caseParams = api.studyParams.extend({ caseId: api.uuid });
/** The interchange files of a large study are big: the import route alone takes up to 256 MB. */
const IMPORT_BODY_LIMIT = 256 * 1024 * 1024;

export function dossiersRoutes(app: App, deps: Deps) {
  const tags = ['dossiers'];
  route(app, {
    method: 'GET', url: '/api/studies/:slug/dossiers', access: 'study:data.read', tags, summary: 'Coded cases, filtered and paged',
    schema: { params: api.studyParams, querystring: d.caseListQuery, response: { 200: d.caseListResponse } },
    handler: async (req) => svc.listCases(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/dossiers', access: 'study:data.write', tags, summary: 'Code a new case (409 on a code that is taken)',
    schema: { params: api.studyParams, body: d.caseInput, response: { 200: d.caseDetail } },
    handler: async (req) => svc.createCase(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/dossiers/check', access: 'study:data.write', tags, summary: 'Live checks of a case while coding; writes nothing',
    schema: { params: api.studyParams, body: d.caseInput, response: { 200: z.object({ flags: z.array(d.caseFlag) }) } },
    handler: async (req) => svc.checkCaseInput(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/dossiers/import', access: 'study:data.write', tags,
    summary: 'Import the interchange CSV files as a job: all or nothing; the job result lists the problems',
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: { params: api.studyParams, body: d.importBody, response: { 200: api.job } },
    handler: async (req) => {
      const j = await svc.startImport(deps, req.actor, req.params.slug, req.body);
      return getJob(deps, req.actor, j.id);
    },
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/dossiers/export', access: 'study:data.read', tags, summary: 'The interchange CSV file of the cases or of the events',
    schema: { params: api.studyParams, querystring: d.exportQuery },
    handler: async (req, reply) => {
      const file = req.query.file;
      const r = await svc.exportInterchange(deps, req.actor, req.params.slug, { file, extended: req.query.extended === 'true' });
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(`dossiers-${r.slug}-${file}.csv`));
      return reply.send(r.files[file]);
    },
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/dossiers/agreement', access: 'study:audit.read', tags, summary: 'Agreement between first and second codings per variable (Cohen’s kappa)',
    schema: { params: api.studyParams, response: { 200: d.agreementResponse } },
    handler: async (req) => svc.getAgreement(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/dossiers/second-coding/assignments', access: 'study:coding.supervise', tags,
    summary: 'Assign cases (by code, or a random sample) to a member for a blind second coding',
    schema: { params: api.studyParams, body: d.assignBody, response: { 200: d.assignResponse } },
    handler: async (req) => svc.assignSecondCodings(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/dossiers/second-coding/assignments', access: 'study:coding.supervise', tags,
    summary: 'Every blind second-coding assignment of the study, open ones first',
    schema: { params: api.studyParams, response: { 200: z.array(d.secondAssignment) } },
    handler: async (req) => svc.listAssignments(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/dossiers/second-coding/mine', access: 'study:data.write', tags,
    summary: 'My blind second-coding assignments: the case codes only',
    schema: { params: api.studyParams, response: { 200: z.array(d.secondAssignment) } },
    handler: async (req) => svc.listMyAssignments(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/dossiers/:caseId/second-coding/assignments/:coderId', access: 'study:coding.supervise', tags,
    summary: 'Withdraw an open blind second-coding assignment',
    schema: { params: caseParams.extend({ coderId: api.uuid }), response: { 200: api.ok } },
    handler: async (req) => {
      await svc.withdrawAssignment(deps, req.actor, req.params.slug, req.params.caseId, req.params.coderId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/dossiers/:caseId', access: 'study:data.read', tags, summary: 'A case with its chronology and the flags of the checks',
    schema: { params: caseParams, response: { 200: d.caseDetail } },
    handler: async (req) => svc.getCase(deps, req.actor, req.params.slug, req.params.caseId),
  });
  route(app, {
    method: 'PUT', url: '/api/studies/:slug/dossiers/:caseId', access: 'study:data.write', tags, summary: 'Replace the coding of a case',
    schema: { params: caseParams, body: d.caseInput, response: { 200: d.caseDetail } },
    handler: async (req) => svc.updateCase(deps, req.actor, req.params.slug, req.params.caseId, req.body),
  });
  route(app, {
    method: 'DELETE', url: '/api/studies/:slug/dossiers/:caseId', access: 'study:data.write', tags, summary: 'Delete a case',
    schema: { params: caseParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteCase(deps, req.actor, req.params.slug, req.params.caseId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/dossiers/:caseId/second-coding', access: 'study:data.write', tags,
    summary: 'Store my blind second coding of a case (not by its first coder)',
    schema: { params: caseParams, body: d.caseInput, response: { 200: d.caseDetail } },
    handler: async (req) => svc.saveSecondCoding(deps, req.actor, req.params.slug, req.params.caseId, req.body),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/dossiers/:caseId/second-coding', access: 'study:data.read', tags,
    summary: 'My own second coding of a case (never anyone else’s); 404 when I have none',
    schema: { params: caseParams, response: { 200: d.caseDetail } },
    handler: async (req) => svc.getMySecondCoding(deps, req.actor, req.params.slug, req.params.caseId),
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/dossiers/:caseId/second-codings', access: 'study:coding.supervise', tags,
    summary: 'Every second coding of a case, for the lead who reconciles it',
    schema: { params: caseParams, response: { 200: z.array(d.secondCodingOfCase) } },
    handler: async (req) => svc.listSecondCodings(deps, req.actor, req.params.slug, req.params.caseId),
  });
  route(app, {
    method: 'POST', url: '/api/studies/:slug/dossiers/:caseId/reconcile', access: 'study:coding.supervise', tags,
    summary: 'The lead’s final version of a double-coded case; it becomes the primary coding, status verified',
    schema: { params: caseParams, body: d.reconcileBody, response: { 200: d.caseDetail } },
    handler: async (req) => {
      const input = 'caseInput' in req.body ? req.body.caseInput : req.body;
      return svc.reconcileCase(deps, req.actor, req.params.slug, req.params.caseId, input);
    },
  });
  route(app, {
    method: 'GET', url: '/api/studies/:slug/monitor', access: 'study:results.read', tags, summary: 'The monitor’s indicators per group, with disclosure control for the committee',
    schema: { params: api.studyParams, querystring: d.monitorQuery, response: { 200: d.monitorResponse } },
    handler: async (req) => svc.getMonitor(deps, req.actor, req.params.slug, req.query.subgroup),
  });
}
