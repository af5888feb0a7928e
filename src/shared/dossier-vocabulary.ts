/**
 * The vocabulary of the case-file study (dossieronderzoek): plain constants without zod, so that the web app can
 * use them at run time without pulling the schema library into the browser bundle. Re-exported by ./dossiers.
 */
export const SEXES = ['m', 'f', 'x', 'unknown'] as const;
export const PLACEMENT_REASONS = [
  'maltreatment',
  'neglect',
  'domestic_violence',
  'parental_conflict',
  'parenting_overload',
  'child_behaviour',
  'parental_mental_health',
  'parental_addiction',
  'other',
] as const;
export const PARENT_FACTORS = ['trauma', 'intellectual_disability', 'mental_health', 'addiction', 'debts_housing', 'domestic_violence'] as const;
export const EVENT_TYPES = [
  'ots_provisional',
  'ots_start',
  'ots_extension',
  'ots_end',
  'muhp_emergency',
  'muhp_start',
  'muhp_extension',
  'placement_start',
  'placement_move',
  'contact_arrangement',
  'parent_help_start',
  'parent_help_end',
  'perspective_decision',
  'reunification',
  'reentry',
  'case_end',
  'observation_end',
] as const;
export const SETTINGS = ['foster_kin', 'foster_nonkin', 'family_home', 'residential', 'crisis', 'secure'] as const;
export const CONTACT_FREQUENCIES = ['weekly', 'biweekly', 'monthly', 'less', 'none'] as const;
export const PERSPECTIVES = ['home', 'elsewhere'] as const;
export const CASE_END_REASONS = ['majority', 'guardianship', 'authority_ended', 'moved_abroad', 'other'] as const;
export const CASE_STATUSES = ['in_progress', 'complete', 'verified'] as const;

export type Sex = (typeof SEXES)[number];
export type PlacementReason = (typeof PLACEMENT_REASONS)[number];
export type ParentFactor = (typeof PARENT_FACTORS)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type Setting = (typeof SETTINGS)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The closed vocabulary of `detail` per event type; other types take free text (or nothing). */
export const DETAIL_VOCABULARY: Partial<Record<EventType, readonly string[]>> = {
  placement_start: SETTINGS,
  placement_move: SETTINGS,
  reentry: SETTINGS,
  contact_arrangement: CONTACT_FREQUENCIES,
  perspective_decision: PERSPECTIVES,
  case_end: CASE_END_REASONS,
};

export const SUBGROUPS = ['all', 'age', 'setting', 'emergency', 'help'] as const;
