/**
 * Runtime copies of the case-file study's vocabulary (src/shared/dossiers.ts): importing the contract
 * itself would pull zod into the browser bundle. The type checks below fail when the contract changes.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, EventType, ParentFactor, PlacementReason, Setting, Sex, Subgroup } from '../../api/types';

/** Compile-time check that a runtime list holds exactly the members of a union type. */
type Exactly<List extends readonly string[], Union extends string> = [Exclude<Union, List[number]>] extends [never]
  ? [Exclude<List[number], Union>] extends [never]
    ? List
    : never
  : never;
const exactly =
  <Union extends string>() =>
  <const List extends readonly string[]>(list: Exactly<List, Union>) =>
    list;

export const SEXES = exactly<Sex>()(['m', 'f', 'x', 'unknown']);
export const PLACEMENT_REASONS = exactly<PlacementReason>()([
  'maltreatment',
  'neglect',
  'domestic_violence',
  'parental_conflict',
  'parenting_overload',
  'child_behaviour',
  'parental_mental_health',
  'parental_addiction',
  'other',
]);
export const PARENT_FACTORS = exactly<ParentFactor>()(['trauma', 'intellectual_disability', 'mental_health', 'addiction', 'debts_housing', 'domestic_violence']);
export const EVENT_TYPES = exactly<EventType>()([
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
]);
export const SETTINGS = exactly<Setting>()(['foster_kin', 'foster_nonkin', 'family_home', 'residential', 'crisis', 'secure']);
export const CONTACT_FREQUENCIES = ['weekly', 'biweekly', 'monthly', 'less', 'none'] as const;
export const PERSPECTIVES = ['home', 'elsewhere'] as const;
export const CASE_END_REASONS = ['majority', 'guardianship', 'authority_ended', 'moved_abroad', 'other'] as const;
export const CASE_STATUSES = exactly<CaseStatus>()(['in_progress', 'complete', 'verified']);
export const SUBGROUPS = exactly<Subgroup>()(['all', 'age', 'setting', 'emergency', 'help']);

/** The vocabulary (an i18n group and its values) of an event type's detail; other types take free text. */
export type DetailVocabulary = { group: 'setting' | 'contact' | 'perspective' | 'caseEnd'; values: readonly string[] };
export const DETAIL_VOCABULARY: Partial<Record<EventType, DetailVocabulary>> = {
  placement_start: { group: 'setting', values: SETTINGS },
  placement_move: { group: 'setting', values: SETTINGS },
  reentry: { group: 'setting', values: SETTINGS },
  contact_arrangement: { group: 'contact', values: CONTACT_FREQUENCIES },
  perspective_decision: { group: 'perspective', values: PERSPECTIVES },
  case_end: { group: 'caseEnd', values: CASE_END_REASONS },
};

/** Demonstration data is marked by its case codes. */
export const isFictional = (code: string) => /^FICT-/i.test(code);

type VocabGroup = 'sex' | 'placementReason' | 'parentFactor' | 'eventType' | 'setting' | 'settingShort' | 'contact' | 'perspective' | 'caseEnd' | 'status';

/** The label of a vocabulary value in the interface language ("Pleeggezin (netwerk)"); unknown values as they are. */
export function useVocab() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (group: VocabGroup, value: string): string => {
      const key = `vocab.${group}.${value}`;
      return value && i18n.exists(key) ? t(key as 'vocab.sex.m') : value;
    },
    [t, i18n],
  );
}

/** The detail of an event for display: the vocabulary label, or the free text. */
export function useDetailLabel() {
  const vocab = useVocab();
  return useCallback(
    (type: EventType | '', detail: string): string => {
      const v = type ? DETAIL_VOCABULARY[type] : undefined;
      return v && detail ? vocab(v.group, detail) : detail;
    },
    [vocab],
  );
}
