/**
 * A document's own attributes (a survey answer: the respondent's closed answers by question name), as a compact
 * definition list. Nothing when there are none.
 */
import { useTranslation } from 'react-i18next';

export function DocumentAttributes({ attributes, compact = false }: { attributes: Record<string, string> | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) return null;
  return (
    <dl className={compact ? 'doc-attributes small' : 'doc-attributes'} aria-label={t('docs.attributes')}>
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
