import type { App } from '../../http';
import { attachment, route } from '../../http';
import type { Deps } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as api from '../../../shared/api';
import { MAX_QDC_BYTES, MAX_QDPX_BYTES, codebookImportReport, codebookJsonBody, qdpxImportReport, qdpxJsonBody } from '../../../shared/qdpx';
import { getJob } from '../jobs/jobs.service';
import * as svc from './qdpx.service';


/** The uploaded .qdpx: the raw body, or JSON { contentBase64 }. */
function uploadedBytes(body: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (Buffer.isBuffer(body)) bytes = body;
  else {
    const j = qdpxJsonBody.safeParse(body);
    if (!j.success) throw badRequest('Stuur het .qdpx-bestand als application/octet-stream (of als JSON met contentBase64).');
    bytes = Buffer.from(j.data.contentBase64, 'base64');
  }
  if (bytes.length === 0) throw badRequest('Het bestand is leeg.');
  return bytes;
}

/**
 * REFI-QDA exchange. The uploads are raw files (application/octet-stream; .qdc also application/xml or text/xml),
 * or JSON with the file as base64 ({ contentBase64 }) / the codebook as text ({ xml }). The raw parsers are scoped
 * to these routes.
 */
export function qdpxRoutes(app: App, deps: Deps) {
  app.register(async (scope) => {
    scope.addContentTypeParser(['application/octet-stream', 'application/zip', 'application/x-zip-compressed', 'application/vnd.refi-qda+zip'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const r = scope as unknown as App;
    const tags = ['qdpx'];
    const base = '/api/studies/:slug/qdpx';

    route(r, {
      method: 'GET', url: `${base}/export`, access: 'study:data.read', tags, summary: 'The study as a REFI-QDA project (.qdpx): codebook, cases, texts, selections, codings, notes, sets',
      schema: { params: api.studyParams },
      handler: async (req, reply) => {
        const x = await svc.exportQdpx(deps, req.actor, req.params.slug);
        reply.header('content-type', 'application/zip').header('content-disposition', attachment(x.filename)).header('cache-control', 'no-store');
        return reply.send(Buffer.from(x.bytes));
      },
    });
    route(r, {
      method: 'POST', url: `${base}/export`, access: 'study:data.read', tags, summary: 'The same .qdpx export as a job with progress (large studies)',
      schema: { params: api.studyParams, response: { 200: api.job } },
      handler: async (req) => {
        const j = await svc.startExportJob(deps, req.actor, req.params.slug);
        return getJob(deps, req.actor, j.id);
      },
    });
    route(r, {
      method: 'POST', url: `${base}/import`, access: 'study:data.write', tags,
      summary: 'Import a REFI-QDA project (.qdpx as application/octet-stream, or JSON { contentBase64 }) into this study: all or nothing; returns the report',
      bodyLimit: MAX_QDPX_BYTES,
      schema: { params: api.studyParams, response: { 200: qdpxImportReport } },
      handler: async (req) => svc.importQdpx(deps, req.actor, req.params.slug, uploadedBytes(req.body)),
    });
    route(r, {
      method: 'POST', url: `${base}/import-job`, access: 'study:data.write', tags,
      summary: 'The same .qdpx import as a job with progress (large files; what the web app uses): the job result is the report, or { ok: false, message }',
      bodyLimit: MAX_QDPX_BYTES,
      schema: { params: api.studyParams, response: { 200: api.job } },
      handler: async (req) => {
        const j = await svc.startImportJob(deps, req.actor, req.params.slug, uploadedBytes(req.body));
        return getJob(deps, req.actor, j.id);
      },
    });
    route(r, {
      method: 'GET', url: `${base}/codebook`, access: 'study:data.read', tags, summary: 'The codebook as a REFI-QDA codebook (.qdc)',
      schema: { params: api.studyParams },
      handler: async (req, reply) => {
        const x = await svc.exportCodebook(deps, req.actor, req.params.slug);
        reply.header('content-type', 'application/xml; charset=utf-8').header('content-disposition', attachment(x.filename)).header('cache-control', 'no-store');
        return reply.send(x.xml);
      },
    });
    route(r, {
      method: 'POST', url: `${base}/codebook`, access: 'study:data.write', tags,
      summary: 'Import a REFI-QDA codebook (.qdc as application/xml or octet-stream, or JSON { xml }): missing codes are created, existing ones matched by path',
      bodyLimit: MAX_QDC_BYTES,
      schema: { params: api.studyParams, response: { 200: codebookImportReport } },
      handler: async (req) => {
        const body = req.body as unknown;
        let xml: string;
        if (Buffer.isBuffer(body)) xml = new TextDecoder().decode(body);
        else {
          const j = codebookJsonBody.safeParse(body);
          if (!j.success) throw badRequest('Stuur het codeboek (.qdc) als application/xml (of als JSON met xml).');
          xml = j.data.xml;
        }
        return svc.importCodebook(deps, req.actor, req.params.slug, xml);
      },
    });
  });
}
