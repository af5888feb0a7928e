import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as f from '../../../shared/findings';
import * as svc from './findings.service';

export function findingsRoutes(app: App, deps: Deps) {
  const tags = ['findings'];
  const study = '/api/studies/:slug';
  const base = `${study}/findings`;

  // ---- findings ----
  route(app, {
    method: 'GET', url: base, access: 'study:findings.read', tags, summary: 'Findings with their triangulation (distinct evidence kinds, strength label), filtered',
    schema: { params: api.studyParams, querystring: f.findingListQuery, response: { 200: f.findingList } },
    handler: async (req) => svc.listFindings(deps, req.actor, req.params.slug, req.query),
  });
  route(app, {
    method: 'POST', url: base, access: 'study:findings.write', tags, summary: 'Add a finding (draft)',
    schema: { params: api.studyParams, body: f.findingInput, response: { 200: f.findingDetail } },
    handler: async (req) => svc.createFinding(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: `${base}/:findingId`, access: 'study:findings.read', tags, summary: 'A finding with its evidence (live figures compared with their snapshots; aggregated for the committee)',
    schema: { params: f.findingParams, response: { 200: f.findingDetail } },
    handler: async (req) => svc.getFinding(deps, req.actor, req.params.slug, req.params.findingId),
  });
  route(app, {
    method: 'PATCH', url: `${base}/:findingId`, access: 'study:findings.write', tags, summary: 'Change a finding (a changed statement or type returns it to draft)',
    schema: { params: f.findingParams, body: f.findingPatch, response: { 200: f.findingDetail } },
    handler: async (req) => svc.updateFinding(deps, req.actor, req.params.slug, req.params.findingId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${base}/:findingId`, access: 'study:findings.write', tags, summary: 'Delete a finding with its evidence links',
    schema: { params: f.findingParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteFinding(deps, req.actor, req.params.slug, req.params.findingId);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: `${base}/:findingId/status`, access: 'study:findings.validate', tags, summary: 'Validate a finding, or return it to draft (audited)',
    schema: { params: f.findingParams, body: f.statusInput, response: { 200: f.findingDetail } },
    handler: async (req) => svc.setFindingStatus(deps, req.actor, req.params.slug, req.params.findingId, req.body.status),
  });
  route(app, {
    method: 'POST', url: `${base}/:findingId/evidence`, access: 'study:findings.write', tags, summary: 'Link evidence: a quote, a survey figure (snapshot), a case-file indicator (snapshot), a norm or a signal',
    schema: { params: f.findingParams, body: f.evidenceInput, response: { 200: f.findingDetail } },
    handler: async (req) => svc.addEvidence(deps, req.actor, req.params.slug, req.params.findingId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${base}/:findingId/evidence/:evidenceId`, access: 'study:findings.write', tags, summary: 'Unlink evidence',
    schema: { params: f.evidenceParams, response: { 200: f.findingDetail } },
    handler: async (req) => svc.removeEvidence(deps, req.actor, req.params.slug, req.params.findingId, req.params.evidenceId),
  });

  // ---- triangulation rule, matrix ----
  route(app, {
    method: 'GET', url: `${study}/triangulation`, access: 'study:findings.read', tags, summary: 'The study rule for the strength label (distinct evidence kinds for strong and moderate)',
    schema: { params: api.studyParams, response: { 200: f.triangulationRule } },
    handler: async (req) => svc.getRule(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'PUT', url: `${study}/triangulation`, access: 'study:findings.configure', tags, summary: 'Change the strength rule',
    schema: { params: api.studyParams, body: f.triangulationRule, response: { 200: f.triangulationRule } },
    handler: async (req) => svc.putRule(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'GET', url: `${study}/law-practice`, access: 'study:findings.read', tags, summary: 'Law versus practice: norms × phases with counts of findings meeting or falling short',
    schema: { params: api.studyParams, querystring: f.matrixQuery, response: { 200: f.lawPractice } },
    handler: async (req) => svc.lawPractice(deps, req.actor, req.params.slug, req.query),
  });

  // ---- recommendations ----
  const recs = `${study}/recommendations`;
  route(app, {
    method: 'GET', url: recs, access: 'study:findings.read', tags, summary: 'Recommendations in order, flagged when no validated finding is behind them',
    schema: { params: api.studyParams, response: { 200: f.recommendationList } },
    handler: async (req) => svc.listRecommendations(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: recs, access: 'study:findings.write', tags, summary: 'Add a recommendation (last in order)',
    schema: { params: api.studyParams, body: f.recommendationInput, response: { 200: f.recommendation } },
    handler: async (req) => svc.createRecommendation(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'PUT', url: `${recs}/order`, access: 'study:findings.write', tags, summary: 'Put the recommendations in a new order (all ids)',
    schema: { params: api.studyParams, body: f.orderInput, response: { 200: f.recommendationList } },
    handler: async (req) => svc.reorderRecommendations(deps, req.actor, req.params.slug, req.body.ids),
  });
  route(app, {
    method: 'PATCH', url: `${recs}/:recommendationId`, access: 'study:findings.write', tags, summary: 'Change a recommendation, its addressees, findings and norms',
    schema: { params: f.recommendationParams, body: f.recommendationPatch, response: { 200: f.recommendation } },
    handler: async (req) => svc.updateRecommendation(deps, req.actor, req.params.slug, req.params.recommendationId, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${recs}/:recommendationId`, access: 'study:findings.write', tags, summary: 'Delete a recommendation',
    schema: { params: f.recommendationParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteRecommendation(deps, req.actor, req.params.slug, req.params.recommendationId);
      return { ok: true as const };
    },
  });

  // ---- addressees ----
  route(app, {
    method: 'GET', url: `${study}/addressees`, access: 'study:findings.read', tags, summary: 'Addressees of recommendations: the standard list and the study’s own',
    schema: { params: api.studyParams, response: { 200: f.addresseeList } },
    handler: async (req) => svc.listAddressees(deps, req.actor, req.params.slug),
  });
  route(app, {
    method: 'POST', url: `${study}/addressees`, access: 'study:findings.write', tags, summary: 'Add an addressee to the study’s list',
    schema: { params: api.studyParams, body: f.addresseeInput, response: { 200: f.addressee } },
    handler: async (req) => svc.addAddressee(deps, req.actor, req.params.slug, req.body),
  });
  route(app, {
    method: 'DELETE', url: `${study}/addressees/:addresseeId`, access: 'study:findings.write', tags, summary: 'Remove a study addressee (not while a recommendation names it)',
    schema: { params: f.addresseeParams, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.deleteAddressee(deps, req.actor, req.params.slug, req.params.addresseeId);
      return { ok: true as const };
    },
  });
}
