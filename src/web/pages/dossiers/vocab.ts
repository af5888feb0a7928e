/** The case-file study's vocabulary comes from the contract's zod-free part (src/shared/dossier-vocabulary.ts). */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventType } from '../../api/types';
import { CASE_END_REASONS, CONTACT_FREQUENCIES, PERSPECTIVES, SETTINGS } from '../../../shared/dossier-vocabulary';

export {
  SEXES,
  PLACEMENT_REASONS,
  PARENT_FACTORS,
  EVENT_TYPES,
  SETTINGS,
  CONTACT_FREQUENCIES,
  PERSPECTIVES,
  CASE_END_REASONS,
  CASE_STATUSES,
  SUBGROUPS,
} from '../../../shared/dossier-vocabulary';

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
