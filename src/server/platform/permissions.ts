/**
 * THE permission matrix: every permission decision of the platform is a lookup here.
 * Study roles × study actions, and installation roles × installation actions.
 * Later modules add their actions to STUDY_ACTIONS and give each role its column.
 */
import type { StudyRole } from '../../shared/api';
import { forbidden, unauthenticated } from './errors';

export const STUDY_ACTIONS = [
  'study.read', // see the study overview
  'study.update', // edit title, description, research questions, period, funder, partners
  'study.archive',
  'study.confidential', // read and write the encrypted confidential notes
  'members.read',
  'members.manage',
  'audit.read',
  'audit.export',
  'data.read', // raw data of later modules (transcripts, responses, case files)
  'data.write',
  'results.read', // aggregated results and drafts (disclosure control applies for the committee)
  'coding.supervise', // assign blind second codings, see everyone's codings, reconcile them
  'legal.read', // the legal norm catalogue (public law, no personal data: the committee reads it too)
  'legal.write', // edit the catalogue, seed it
  'signals.read', // helpdesk signals one by one, with their summaries
  'signals.write', // register, import, edit, delete signals
  'reflection.manage', // reflection sessions: create, invite professionals (names, token links), decide afterwards
  'findings.read', // findings, evidence (aggregated for the committee: no quote text, disclosure control), recommendations
  'findings.write', // create and edit findings, their evidence, recommendations and study addressees
  'findings.validate', // mark a finding validated (or back to draft); audited
  'findings.configure', // the study's triangulation rule for the strength label
  'reports.read', // report drafts: read, preview, build exports (blocks resolved with disclosure control)
  'reports.write', // create and edit reports and chapters
  'reports.freeze', // freeze a build as a version
  'reports.versions', // frozen report versions and their comparison (the committee reads these only)
  'impact.read', // impact tracking: policy trajectories and the status history of recommendations (public policy follow-up)
  'impact.write', // link recommendations to trajectories, add trajectories, record and delete statuses
] as const;
export type StudyAction = (typeof STUDY_ACTIONS)[number];

const ALL = STUDY_ACTIONS;
export const STUDY_MATRIX: Record<StudyRole, readonly StudyAction[]> = {
  lead: ALL,
  researcher: ['study.read', 'members.read', 'data.read', 'data.write', 'results.read', 'legal.read', 'legal.write', 'signals.read', 'signals.write', 'findings.read', 'findings.write', 'findings.validate', 'reports.read', 'reports.write', 'reports.freeze', 'reports.versions', 'impact.read', 'impact.write'],
  coder: ['study.read', 'data.read', 'data.write', 'results.read', 'legal.read', 'signals.read', 'findings.read', 'reports.read', 'reports.versions', 'impact.read'],
  // begeleidingscommissie: aggregated results and drafts only, never raw data
  committee: ['study.read', 'results.read', 'legal.read', 'findings.read', 'reports.versions', 'impact.read'],
};

export const INSTALLATION_ACTIONS = ['users.manage', 'settings.manage', 'study.create'] as const;
export type InstallationAction = (typeof INSTALLATION_ACTIONS)[number];
export const INSTALLATION_MATRIX: Record<'admin' | 'user', readonly InstallationAction[]> = {
  admin: ['users.manage', 'settings.manage', 'study.create'],
  user: ['study.create'],
};

export interface Actor {
  userId: string;
  isAdmin: boolean;
  name: string;
}

export function canInStudy(role: StudyRole | null | undefined, action: StudyAction): boolean {
  return !!role && STUDY_MATRIX[role].includes(action);
}

export function allowedStudyActions(role: StudyRole): StudyAction[] {
  return [...STUDY_MATRIX[role]];
}

export function canInInstallation(actor: Actor | null, action: InstallationAction): boolean {
  return !!actor && INSTALLATION_MATRIX[actor.isAdmin ? 'admin' : 'user'].includes(action);
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

export function assertInstallation(actor: Actor | null, action: InstallationAction): Actor {
  const a = requireActor(actor);
  if (!canInInstallation(a, action)) throw forbidden('Alleen een beheerder mag dit doen.');
  return a;
}

export function assertStudy(role: StudyRole | null, action: StudyAction): StudyRole {
  if (!role) throw forbidden('U bent geen lid van dit onderzoek.');
  if (!canInStudy(role, action)) throw forbidden('Uw rol in dit onderzoek geeft geen toestemming voor deze handeling.');
  return role;
}
