import type { FastifyReply } from 'fastify';
import type { App } from '../../http';
import { attachment, route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as an from '../../../shared/analysis';
import * as svc from './analysis.service';

const send = (reply: FastifyReply, f: svc.FileOut) =>
  reply.header('content-type', f.contentType).header('content-disposition', attachment(f.filename)).send(f.body);

export function analysisRoutes(app: App, deps: Deps) {
  const tags = ['analysis'];
  const base = '/api/studies/:slug/analysis';

  route(app, {
    method: 'GET', url: `${base}/dimensions`, access: 'study:results.read', tags, summary: 'What the matrix builder can offer: attributes, study variables, document attributes and code groups',
    schema: { params: api.studyParams, response: { 200: an.dimensionsResponse } },
    handler: async (req) => svc.getDimensions(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'GET', url: `${base}/frequencies`, access: 'study:results.read', tags, summary: 'Segments, documents and participants per code (disclosure control for the committee)',
    schema: { params: api.studyParams, querystring: an.frequenciesQuery, response: { 200: an.frequenciesResponse } },
    handler: async (req) => svc.getFrequencies(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'GET', url: `${base}/matrix`, access: 'study:results.read', tags, summary: 'Code × attribute or code × code-group matrix (segments, documents or participants per cell)',
    schema: { params: api.studyParams, querystring: an.matrixQuery, response: { 200: an.matrixResponse } },
    handler: async (req) => svc.getMatrix(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'GET', url: `${base}/cooccurrence`, access: 'study:results.read', tags, summary: 'Co-occurrence of codes within the same unit (speaker turn or overlapping codings), counts and Jaccard',
    schema: { params: api.studyParams, querystring: an.cooccurrenceQuery, response: { 200: an.cooccurrenceResponse } },
    handler: async (req) => svc.getCooccurrence(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'GET', url: `${base}/export`, access: 'study:results.read', tags, summary: 'A table of the analysis as XLSX or CSV (with the reader’s disclosure control)',
    schema: { params: api.studyParams, querystring: an.tableExportQuery },
    handler: async (req, reply) => send(reply, await svc.exportTable(deps, req.actor, req.params.slug, req.query)),
  });
  route(app, {
    method: 'POST', url: `${base}/segments`, access: 'study:data.read', tags, summary: 'The segments behind a frequency, matrix or co-occurrence cell, with context',
    schema: { params: api.studyParams, body: an.cellBody, response: { 200: an.cellResponse } },
    handler: async (req) => svc.getCellSegments(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: `${base}/quotes`, access: 'study:data.read', tags, summary: 'A quote list (XLSX, CSV or DOCX) of a code or a cell; only quotes whose consent covers quoting',
    schema: { params: api.studyParams, querystring: an.quoteExportQuery },
    handler: async (req, reply) => send(reply, await svc.exportQuotes(deps, req.actor, req.params.slug, req.query)),
  });
  route(app, {
    method: 'POST', url: `${base}/pattern`, access: 'study:data.read', tags, summary: 'Every match of a pattern (words with wildcards, or a regular expression with a time limit), to code with /codings/bulk',
    schema: { params: api.studyParams, body: an.patternBody, response: { 200: an.patternResponse } },
    handler: async (req) => svc.findPattern(deps, req.actor, req.params.slug, req.body),
  });

  // ---- suggestions (local classifier) ----
  const doc = '/api/studies/:slug/documents/:documentId/suggestions';
  route(app, {
    method: 'GET', url: doc, access: 'study:data.read', tags, summary: 'Suggested codes for the uncoded speaker turns of a document (a classifier trained on the study’s codings, locally)',
    schema: { params: an.analysisDocumentParams, querystring: an.suggestionsQuery, response: { 200: an.suggestionsResponse } },
    handler: async (req) => svc.getSuggestions(deps, req.actor, req.params.slug, req.params.documentId, req.query),
  });
  route(app, {
    method: 'POST', url: `${doc}/accept`, access: 'study:data.write', tags, summary: 'Accept a suggestion: the code is applied to the turn',
    schema: { params: an.analysisDocumentParams, body: an.suggestionDecisionBody, response: { 200: an.acceptResponse } },
    handler: async (req) => svc.acceptSuggestion(deps, req.actor, req.params.slug, req.params.documentId, req.body),
  });
  route(app, {
    method: 'POST', url: `${doc}/reject`, access: 'study:data.write', tags, summary: 'Reject a suggestion: not suggested again for this turn',
    schema: { params: an.analysisDocumentParams, body: an.suggestionDecisionBody, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.rejectSuggestion(deps, req.actor, req.params.slug, req.params.documentId, req.body);
      return { ok: true as const };
    },
  });
}
