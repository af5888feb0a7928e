import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as r from '../../../shared/reports';
import { getJob } from '../jobs/jobs.service';
import * as svc from './reports.service';
import './blocks.builtin';
import './blocks.findings';

export function reportsRoutes(app: App, deps: Deps) {
  const tags = ['reports'];
  const base = '/api/studies/:slug/reports';
  const one = `${base}/:reportId`;

  route(app, {
    method: 'GET', url: base, access: 'study:reports.versions', tags, summary: 'Reports of the study (readers of frozen versions only: the reports with versions)',
    schema: { params: api.studyParams, response: { 200: r.reportList } },
    handler: async (req) => svc.listReports(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: base, access: 'study:reports.write', tags, summary: 'Create a report, empty or from the ready template',
    schema: { params: api.studyParams, body: r.reportInput, response: { 200: r.reportDetail } },
    handler: async (req) => svc.createReport(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: `${base}/block-types`, access: 'study:reports.read', tags, summary: 'The block catalogue and the sources to choose from (surveys and questions, codes, subgroups)',
    schema: { params: api.studyParams, response: { 200: r.blockSources } },
    handler: async (req) => svc.blockSources(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'GET', url: one, access: 'study:reports.read', tags, summary: 'A report with its chapters (Markdown with block lines)',
    schema: { params: r.reportParams, response: { 200: r.reportDetail } },
    handler: async (req) => svc.getReport(deps, req.actor, req.params.slug, req.params.reportId),
  });
  route(app, {
    method: 'PATCH', url: one, access: 'study:reports.write', tags, summary: 'Change the title or subtitle',
    schema: { params: r.reportParams, body: r.reportPatch, response: { 200: r.reportDetail } },
    handler: async (req) => svc.updateReport(deps, req.actor, req.params.slug, req.params.reportId, req.body),
  });
  route(app, {
    method: 'DELETE', url: one, access: 'study:reports.write', tags, summary: 'Delete a report with its chapters and versions',
    schema: { params: r.reportParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteReport(deps, req.actor, req.params.slug, req.params.reportId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: `${one}/chapters`, access: 'study:reports.write', tags, summary: 'Add a chapter (at the end or after a chapter)',
    bodyLimit: 1024 * 1024,
    schema: { params: r.reportParams, body: r.chapterInput, response: { 200: r.reportDetail } },
    handler: async (req) => svc.addChapter(deps, req.actor, req.params.slug, req.params.reportId, req.body),
  });
  route(app, {
    method: 'PUT', url: `${one}/chapters/order`, access: 'study:reports.write', tags, summary: 'Put the chapters in a new order (every chapter once)',
    schema: { params: r.reportParams, body: r.chapterOrder, response: { 200: r.reportDetail } },
    handler: async (req) => svc.reorderChapters(deps, req.actor, req.params.slug, req.params.reportId, req.body.ids),
  });
  route(app, {
    method: 'PATCH', url: `${one}/chapters/:chapterId`, access: 'study:reports.write', tags, summary: 'Rename a chapter or change its text',
    bodyLimit: 1024 * 1024,
    schema: { params: r.chapterParams, body: r.chapterPatch, response: { 200: r.reportDetail } },
    handler: async (req) => svc.updateChapter(deps, req.actor, req.params.slug, req.params.reportId, req.params.chapterId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${one}/chapters/:chapterId`, access: 'study:reports.write', tags, summary: 'Delete a chapter',
    schema: { params: r.chapterParams, response: { 200: r.reportDetail } },
    handler: async (req) => svc.deleteChapter(deps, req.actor, req.params.slug, req.params.reportId, req.params.chapterId),
  });
  route(app, {
    method: 'GET', url: `${one}/preview`, access: 'study:reports.read', tags, summary: 'Resolve every block now (disclosure control and quote checks) without storing anything',
    schema: { params: r.reportParams, response: { 200: r.reportBuild } },
    handler: async (req) => svc.previewReport(deps, req.actor, req.params.slug, req.params.reportId),
  });
  route(app, {
    method: 'POST', url: `${one}/builds`, access: 'study:reports.read', tags, summary: 'Export the current report as HTML, DOCX or PDF, as a job (blocks resolved with disclosure control)',
    schema: { params: r.reportParams, body: r.buildInput, response: { 200: api.job } },
    handler: async (req) => {
      const j = await svc.startBuild(deps, req.actor, req.params.slug, req.params.reportId, req.body);
      return getJob(deps, req.actor, j.id);
    },
  });
  route(app, {
    method: 'POST', url: `${one}/versions/:versionId/builds`, access: 'study:reports.versions', tags, summary: 'Export a frozen version as HTML, DOCX or PDF, as a job',
    schema: { params: r.versionParams, body: r.buildInput, response: { 200: api.job } },
    handler: async (req) => {
      const j = await svc.startBuild(deps, req.actor, req.params.slug, req.params.reportId, { format: req.body.format, versionId: req.params.versionId });
      return getJob(deps, req.actor, j.id);
    },
  });
  route(app, {
    method: 'GET', url: `${one}/versions`, access: 'study:reports.versions', tags, summary: 'Frozen versions of a report, newest first',
    schema: { params: r.reportParams, response: { 200: r.versionList } },
    handler: async (req) => svc.listVersions(deps, req.actor, req.params.slug, req.params.reportId),
  });
  route(app, {
    method: 'POST', url: `${one}/versions`, access: 'study:reports.freeze', tags, summary: 'Freeze the current build as a numbered version with its figures',
    schema: { params: r.reportParams, body: r.versionInput, response: { 200: r.reportVersion } },
    handler: async (req) => svc.freezeVersion(deps, req.actor, req.params.slug, req.params.reportId, req.body),
  });
  route(app, {
    method: 'GET', url: `${one}/versions/:versionId`, access: 'study:reports.versions', tags, summary: 'A frozen version: its build (chapters and figures) and standalone HTML',
    schema: { params: r.versionParams, response: { 200: r.versionDetail } },
    handler: async (req) => svc.getVersion(deps, req.actor, req.params.slug, req.params.reportId, req.params.versionId),
  });
  route(app, {
    method: 'GET', url: `${one}/compare`, access: 'study:reports.versions', tags, summary: 'Text and figure differences between two frozen versions',
    schema: { params: r.reportParams, querystring: r.compareQuery, response: { 200: r.versionCompare } },
    handler: async (req) => svc.compareVersions(deps, req.actor, req.params.slug, req.params.reportId, req.query),
  });
}
