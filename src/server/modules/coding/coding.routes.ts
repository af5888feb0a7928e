import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as c from '../../../shared/coding';
import * as svc from './coding.service';

/** A 20 MB file is 27 MB as base64, plus the rest of the JSON. */
const UPLOAD_BODY_LIMIT = 30 * 1024 * 1024;
/** A text of a million code points is at most 4 MB of UTF-8 (more when escaped in JSON). */
const TEXT_BODY_LIMIT = 12 * 1024 * 1024;

export function codingRoutes(app: App, deps: Deps) {
  const tags = ['coding'];
  const base = '/api/studies/:slug';

  // ---- documents ----
  route(app, {
    method: 'GET', url: `${base}/documents`, access: 'study:data.read', tags, summary: 'Documents of the study (transcripts, survey answers, signals, case-file notes), paged',
    schema: { params: api.studyParams, querystring: c.documentListQuery, response: { 200: c.documentListResponse } },
    handler: async (req) => svc.listDocuments(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'POST', url: `${base}/documents`, access: 'study:data.write', tags, summary: 'A document from plain text (consent check when linked to a participant)',
    bodyLimit: TEXT_BODY_LIMIT,
    schema: { params: api.studyParams, body: c.createDocumentBody, response: { 200: c.documentDetail } },
    handler: async (req) => svc.createDocument(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/documents/transcripts`, access: 'study:data.write', tags,
    summary: 'Import a transcript (.txt, .docx, .vtt, .srt as base64, or pasted text); speaker turns become the units',
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: { params: api.studyParams, body: c.importTranscriptBody, response: { 200: c.documentDetail } },
    handler: async (req) => svc.importTranscript(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: `${base}/documents/:documentId`, access: 'study:data.read', tags, summary: 'A document with the text, units and codings of one version, and the codebook',
    schema: { params: c.documentParams, querystring: c.documentViewQuery, response: { 200: c.documentView } },
    unvalidatedResponse: true,
    handler: async (req) => svc.getDocumentView(deps, req.actor, req.params.slug, req.params.documentId, req.query.version, req.query.layer),
  });
  route(app, {
    method: 'PATCH', url: `${base}/documents/:documentId`, access: 'study:data.write', tags, summary: 'Title, participant, interview or memo of a document',
    schema: { params: c.documentParams, body: c.patchDocumentBody, response: { 200: c.documentDetail } },
    handler: async (req) => svc.updateDocument(deps, req.actor, req.params.slug, req.params.documentId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${base}/documents/:documentId`, access: 'study:data.write', tags, summary: 'Delete a document with its versions and codings',
    schema: { params: c.documentParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteDocument(deps, req.actor, req.params.slug, req.params.documentId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'PUT', url: `${base}/documents/:documentId/text`, access: 'study:data.write', tags,
    summary: 'A corrected text: a new version when the current one has codings (they move with their text), else in place',
    bodyLimit: TEXT_BODY_LIMIT,
    schema: { params: c.documentParams, body: c.editTextBody, response: { 200: c.versionChange } },
    handler: async (req) => svc.editText(deps, req.actor, req.params.slug, req.params.documentId, req.body),
  });
  route(app, {
    method: 'GET', url: `${base}/documents/:documentId/pseudonymisation`, access: 'study:data.read', tags, summary: 'Proposals of the pseudonymisation assistant for the current version',
    schema: { params: c.documentParams, response: { 200: c.proposalsResponse } },
    handler: async (req) => svc.pseudonymProposals(deps, req.actor, req.params.slug, req.params.documentId),
  });
  route(app, {
    method: 'POST', url: `${base}/documents/:documentId/pseudonymisation`, access: 'study:data.write', tags,
    summary: 'Replace the accepted spans by labels consistent across the study, as a new version',
    schema: { params: c.documentParams, body: c.pseudonymiseBody, response: { 200: c.pseudonymiseResponse } },
    handler: async (req) => svc.applyPseudonymisation(deps, req.actor, req.params.slug, req.params.documentId, req.body),
  });
  route(app, {
    method: 'GET', url: `${base}/pseudonyms`, access: 'study:study.confidential', tags, summary: 'The study’s pseudonym mapping (label → original texts)',
    schema: { params: api.studyParams, response: { 200: c.pseudonymMapResponse } },
    handler: async (req) => svc.getPseudonymMap(deps, req.actor, req.params.slug),
  });

  // ---- codings ----
  route(app, {
    method: 'POST', url: `${base}/documents/:documentId/codings`, access: 'study:data.write', tags, summary: 'Apply one or more codes to a passage of the current version',
    schema: { params: c.documentParams, body: c.applyCodingBody, response: { 200: c.applyCodingResponse } },
    handler: async (req) => svc.applyCoding(deps, req.actor, req.params.slug, req.params.documentId, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/codings/bulk`, access: 'study:data.write', tags, summary: 'Code all hits of a search at once',
    schema: { params: api.studyParams, body: c.bulkCodingBody, response: { 200: c.bulkCodingResponse } },
    handler: async (req) => svc.bulkCode(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'PATCH', url: `${base}/codings/:codingId`, access: 'study:data.write', tags, summary: 'The memo of a coding',
    schema: { params: c.codingParams, body: c.patchCodingBody, response: { 200: c.coding } },
    handler: async (req) => svc.updateCodingMemo(deps, req.actor, req.params.slug, req.params.codingId, req.body.memo),
  });
  route(app, {
    method: 'DELETE', url: `${base}/codings/:codingId`, access: 'study:data.write', tags, summary: 'Remove a coding',
    schema: { params: c.codingParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteCoding(deps, req.actor, req.params.slug, req.params.codingId);
      return { ok: true as const };
    },
  });

  // ---- codebook ----
  route(app, {
    method: 'GET', url: `${base}/codes`, access: 'study:data.read', tags, summary: 'The codebook (flat, with parent and position)',
    schema: { params: api.studyParams, response: { 200: c.codesResponse } },
    handler: async (req) => svc.listCodes(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: `${base}/codes`, access: 'study:data.write', tags, summary: 'A new code (409 when the name is taken at that place)',
    schema: { params: api.studyParams, body: c.createCodeBody, response: { 200: c.code } },
    handler: async (req) => svc.createCode(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/codes/template`, access: 'study:data.write', tags, summary: 'Add the ready-made codebook (codes that exist at the same place are skipped)',
    schema: { params: api.studyParams, response: { 200: c.templateResponse } },
    handler: async (req) => svc.addTemplate(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'PATCH', url: `${base}/codes/:codeId`, access: 'study:data.write', tags, summary: 'Rename a code, or change its colour, description or memo',
    schema: { params: c.codeParams, body: c.patchCodeBody, response: { 200: c.code } },
    handler: async (req) => svc.updateCode(deps, req.actor, req.params.slug, req.params.codeId, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/codes/:codeId/move`, access: 'study:data.write', tags, summary: 'Move a code under another one or to the top level (no cycles)',
    schema: { params: c.codeParams, body: c.moveCodeBody, response: { 200: c.codesResponse } },
    handler: async (req) => svc.moveCode(deps, req.actor, req.params.slug, req.params.codeId, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/codes/:codeId/merge`, access: 'study:data.write', tags, summary: 'Merge a code into another: codings and subcodes move, duplicates go, the code is removed',
    schema: { params: c.codeParams, body: c.mergeCodeBody, response: { 200: c.mergeCodeResponse } },
    handler: async (req) => svc.mergeCode(deps, req.actor, req.params.slug, req.params.codeId, req.body.targetId),
  });
  route(app, {
    method: 'DELETE', url: `${base}/codes/:codeId`, access: 'study:data.write', tags, summary: 'Delete a code with its subcodes (409 while they have codings, unless withCodings=true)',
    schema: { params: c.codeParams, querystring: c.deleteCodeQuery, response: { 200: c.deleteCodeResponse } },
    handler: async (req) => svc.deleteCode(deps, req.actor, req.params.slug, req.params.codeId, req.query.withCodings === 'true'),
  });

  // ---- retrieval and search ----
  route(app, {
    method: 'POST', url: `${base}/retrieve`, access: 'study:data.read', tags, summary: 'Every segment of some codes, with context, document and participant; paged',
    schema: { params: api.studyParams, body: c.retrieveBody, response: { 200: c.retrieveResponse } },
    handler: async (req) => svc.retrieveSegments(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'POST', url: `${base}/search`, access: 'study:data.read', tags, summary: 'Search the texts (Dutch stemming, "exact phrases", prefix*)',
    schema: { params: api.studyParams, body: c.searchBody, response: { 200: c.searchResponse } },
    handler: async (req) => svc.search(deps, req.actor, req.params.slug, req.body),
  });
}
