import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudyRole } from '../../api/types';

/** "Projectleider", "Onderzoeker", "Codeur", "Begeleidingscommissie" (or the English terms). */
export function useRoleLabel() {
  const { t } = useTranslation();
  return useCallback((role: StudyRole) => t(`roles.${role}`), [t]);
}
