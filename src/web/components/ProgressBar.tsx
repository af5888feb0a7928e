import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** accessible name, also shown as the visible label */
  label: string;
  value: number;
  /** 0 or less: the total is not known yet (shown as 0%) */
  max: number;
  /** text for the live region once the work is done (empty while running) */
  announcement?: string;
}

/**
 * Progress of a long job: a native <progress> (role progressbar, styled in CSS, no inline
 * styles because of the CSP) with explicit aria values, a visible percentage, and a polite
 * live region that announces completion.
 */
export function ProgressBar({ label, value, max, announcement }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const known = max > 0;
  const percent = known ? Math.max(0, Math.min(100, Math.round((value / max) * 100))) : 0;
  return (
    <div className="progress">
      <label htmlFor={`${id}-bar`} className="progress-label">
        {label}
      </label>
      <div className="progress-row">
        <progress
          id={`${id}-bar`}
          max={100}
          value={percent}
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={known ? t('progress.valueText', { percent, value, max }) : t('progress.preparing')}
        >
          {percent}%
        </progress>
        <span className="progress-percent" aria-hidden="true">
          {percent}%
        </span>
      </div>
      <p role="status" className="progress-announcement">
        {announcement ?? ''}
      </p>
    </div>
  );
}
