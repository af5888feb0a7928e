import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as l from '../../../shared/legal';
import * as svc from './legal.service';

export function legalRoutes(app: App, deps: Deps) {
  const tags = ['legal'];
  const base = '/api/studies/:slug/legal';

  // ---- instruments ----
  route(app, {
    method: 'GET', url: `${base}/instruments`, access: 'study:legal.read', tags, summary: 'Legal instruments of the study (treaties, judgments, statutes, bills, policy) with norm counts',
    schema: { params: api.studyParams, response: { 200: l.instrumentList } },
    handler: async (req) => svc.listInstruments(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: `${base}/instruments`, access: 'study:legal.write', tags, summary: 'Add a legal instrument',
    schema: { params: api.studyParams, body: l.instrumentInput, response: { 200: l.instrument } },
    handler: async (req) => svc.createInstrument(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'PATCH', url: `${base}/instruments/:instrumentId`, access: 'study:legal.write', tags, summary: 'Change a legal instrument',
    schema: { params: l.instrumentParams, body: l.instrumentPatch, response: { 200: l.instrument } },
    handler: async (req) => svc.updateInstrument(deps, req.actor, req.params.slug, req.params.instrumentId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${base}/instruments/:instrumentId`, access: 'study:legal.write', tags, summary: 'Delete a legal instrument without norms',
    schema: { params: l.instrumentParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteInstrument(deps, req.actor, req.params.slug, req.params.instrumentId);
      return { ok: true as const };
    },
  });

  // ---- norms ----
  route(app, {
    method: 'GET', url: `${base}/norms`, access: 'study:legal.read', tags, summary: 'Norms with the version valid on a day (default today), filtered by instrument, phase, obligation, verification',
    schema: { params: api.studyParams, querystring: l.normListQuery, response: { 200: l.normList } },
    handler: async (req) => svc.listNorms(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'POST', url: `${base}/norms`, access: 'study:legal.write', tags, summary: 'Add a norm with its first version',
    schema: { params: api.studyParams, body: l.normInput, response: { 200: l.normDetail } },
    handler: async (req) => svc.createNorm(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: `${base}/norms/:normId`, access: 'study:legal.read', tags, summary: 'A norm with all its versions and the one valid on a day',
    schema: { params: l.normParams, querystring: l.dateQuery, response: { 200: l.normDetail } },
    handler: async (req) => svc.getNorm(deps, req.actor, req.params.slug, req.params.normId, req.query.date),
  });
  route(app, {
    method: 'PATCH', url: `${base}/norms/:normId`, access: 'study:legal.write', tags, summary: 'Change the classification, source or verification of a norm',
    schema: { params: l.normParams, body: l.normPatch, response: { 200: l.normDetail } },
    handler: async (req) => svc.updateNorm(deps, req.actor, req.params.slug, req.params.normId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${base}/norms/:normId`, access: 'study:legal.write', tags, summary: 'Delete a norm with its versions',
    schema: { params: l.normParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteNorm(deps, req.actor, req.params.slug, req.params.normId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: `${base}/norms/:normId/versions`, access: 'study:legal.write', tags, summary: 'A new version of a norm (the open-ended earlier version is closed the day before)',
    schema: { params: l.normParams, body: l.versionInput, response: { 200: l.normDetail } },
    handler: async (req) => svc.addVersion(deps, req.actor, req.params.slug, req.params.normId, req.body),
  });
  route(app, {
    method: 'PATCH', url: `${base}/norms/:normId/versions/:versionId`, access: 'study:legal.write', tags, summary: 'Correct a version of a norm (no overlapping validity)',
    schema: { params: l.normVersionParams, body: l.versionPatch, response: { 200: l.normDetail } },
    handler: async (req) => svc.updateVersion(deps, req.actor, req.params.slug, req.params.normId, req.params.versionId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${base}/norms/:normId/versions/:versionId`, access: 'study:legal.write', tags, summary: 'Delete a version (not the only one)',
    schema: { params: l.normVersionParams, response: { 200: l.normDetail } },
    handler: async (req) => svc.deleteVersion(deps, req.actor, req.params.slug, req.params.normId, req.params.versionId),
  });
  route(app, {
    method: 'POST', url: `${base}/seed`, access: 'study:legal.write', tags, summary: 'Copy the seed catalogue (domain brief §1–2) into the study; idempotent',
    schema: { params: api.studyParams, response: { 200: l.seedResult } },
    handler: async (req) => svc.seedCatalogue(deps, req.actor, req.params.slug),
  });

  // ---- helpdesk signals ----
  const signals = '/api/studies/:slug/signals';
  route(app, {
    method: 'GET', url: signals, access: 'study:signals.read', tags, summary: 'Helpdesk signals with their (pseudonymised) summaries, newest first',
    schema: { params: api.studyParams, querystring: l.signalListQuery, response: { 200: l.signalList } },
    handler: async (req) => svc.listSignals(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'POST', url: signals, access: 'study:signals.write', tags, summary: 'Register a signal; the summary becomes a coding document of kind signal',
    bodyLimit: 1024 * 1024,
    schema: { params: api.studyParams, body: l.signalInput, response: { 200: l.signal } },
    handler: async (req) => svc.createSignal(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: `${signals}/counts`, access: 'study:results.read', tags, summary: 'Signals per theme per month (disclosure control for readers without signals.read)',
    schema: { params: api.studyParams, querystring: l.countsQuery, response: { 200: l.signalCounts } },
    handler: async (req) => svc.signalCounts(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'POST', url: `${signals}/import`, access: 'study:signals.write', tags, summary: 'Import signals from CSV, all-or-nothing (400 with every problem by row)',
    bodyLimit: 12 * 1024 * 1024,
    schema: { params: api.studyParams, body: l.importBody, response: { 200: l.importResult } },
    handler: async (req) => svc.importSignals(deps, req.actor, req.params.slug, req.body.csv),
  });
  route(app, {
    method: 'GET', url: `${signals}/:signalId`, access: 'study:signals.read', tags, summary: 'One signal',
    schema: { params: l.signalParams, response: { 200: l.signal } },
    handler: async (req) => svc.getSignal(deps, req.actor, req.params.slug, req.params.signalId),
  });
  route(app, {
    method: 'PATCH', url: `${signals}/:signalId`, access: 'study:signals.write', tags, summary: 'Change a signal (the summary is edited as its document)',
    schema: { params: l.signalParams, body: l.signalPatch, response: { 200: l.signal } },
    handler: async (req) => svc.updateSignal(deps, req.actor, req.params.slug, req.params.signalId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${signals}/:signalId`, access: 'study:signals.write', tags, summary: 'Delete a signal with its summary document',
    schema: { params: l.signalParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteSignal(deps, req.actor, req.params.slug, req.params.signalId);
      return { ok: true as const };
    },
  });
}
