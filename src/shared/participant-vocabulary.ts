/**
 * The vocabulary of the interview study (participants, consent, interviews, guides): plain constants without zod,
 * so that the web app can use them at run time without pulling the schema library into the browser bundle.
 * Re-exported by ./participants.
 */
import { SETTINGS } from './dossier-vocabulary';
import { CONSENT_SCOPES, type ConsentGivenBy, type ConsentKind, type ConsentMethod } from '../lib/consent/rules';

export { CONSENT_SCOPES };
export type { ConsentScope } from '../lib/consent/rules';

export const PARTICIPANT_ROLES = ['child', 'parent', 'foster_parent', 'young_adult', 'professional'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** The letter of the pseudonym code per role: K-01 child, O-01 parent, P-01 foster parent, J-01 young adult, B-01 professional. */
export const CODE_PREFIXES: Record<ParticipantRole, string> = { child: 'K', parent: 'O', foster_parent: 'P', young_adult: 'J', professional: 'B' };

/** Roles whose consent follows the age rules: a birth month is required when they are registered. */
export const ROLES_NEEDING_BIRTH_MONTH: readonly ParticipantRole[] = ['child', 'young_adult'];

export const AGE_BANDS = ['0-3', '4-7', '8-11', '12-15', '16-17', '18-23', 'adult'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const GENDERS = ['f', 'm', 'x', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const SITUATIONS = ['placed', 'returned_home', 'other'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** The placement settings of the case-file study, or 'none'. */
export const PLACEMENT_TYPES = [...SETTINGS, 'none'] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

export const VARIABLE_TYPES = ['text', 'number', 'date', 'choice'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export const CONSENT_GIVERS = ['participant', 'parent', 'guardian'] as const satisfies readonly ConsentGivenBy[];
export const CONSENT_KINDS = ['consent', 'assent'] as const satisfies readonly ConsentKind[];
export const CONSENT_METHODS = ['written', 'oral_recorded', 'digital'] as const satisfies readonly ConsentMethod[];

export const INTERVIEW_MODES = ['in_person', 'video', 'phone', 'other'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];

/** Interview guides are written per audience: the participant roles. */
export const GUIDE_AUDIENCES = PARTICIPANT_ROLES;
export type GuideAudience = ParticipantRole;
