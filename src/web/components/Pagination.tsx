import { useTranslation } from 'react-i18next';

/** Previous / "page X of Y" / next under a paged list; nothing when there is one page. */
export function Pagination({ label, page, pages, onPage }: { label: string; page: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      {page > 1 ? (
        <button type="button" className="button-secondary" onClick={() => onPage(page - 1)}>
          {t('dossiers.previous')}
        </button>
      ) : null}
      <span>{t('dossiers.pageOf', { page, pages })}</span>
      {page < pages ? (
        <button type="button" className="button-secondary" onClick={() => onPage(page + 1)}>
          {t('dossiers.next')}
        </button>
      ) : null}
    </nav>
  );
}
