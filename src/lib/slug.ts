/** A readable URL code from a title: "Terug naar huis 2026!" → "terug-naar-huis-2026". */
export function slugify(title: string, maxLength = 48): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
  return s || 'onderzoek';
}
