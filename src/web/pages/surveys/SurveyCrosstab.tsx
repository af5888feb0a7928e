/**
 * The crosstab of two closed questions on the results page: labelled selects for the rows and the columns, the
 * observed counts with row percentages and totals, Pearson's chi-square (df, p, Cramér's V), a visible warning when
 * expected counts are below 5, and withheld cells ("< 10") with their explanation for readers under disclosure
 * control. The same filters as the rest of the page apply.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { surveyKeys, surveysApi } from '../../api/surveys';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { TableWrap } from '../../components/TableWrap';
import { formatP, rowPercents, type ClosedRef } from './results-model';

export function SurveyCrosstab({
  slug,
  surveyId,
  refs,
  filters,
  row,
  col,
  onChange,
}: {
  slug: string;
  surveyId: string;
  refs: ClosedRef[];
  filters: string[];
  row: string;
  col: string;
  onChange: (row: string, col: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  const ready = !!row && !!col && row !== col;
  const x = useQuery({
    queryKey: surveyKeys.crosstab(slug, surveyId, row, col, filters),
    queryFn: ({ signal }) => surveysApi.crosstab(slug, surveyId, row, col, filters, signal),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const n2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const d = ready ? x.data : undefined;
  const below = d ? t('surveyResults.below', { threshold: d.threshold }) : '';
  const cell = (v: number | null) => (v === null ? below : nf.format(v));
  const pcts = d ? rowPercents(d.counts, d.rowTotals) : [];
  const hasWithheld = !!d && [...d.counts.flat(), ...d.rowTotals, ...d.colTotals, d.total].some((v) => v === null);

  if (refs.length < 2) return <p className="muted">{t('surveyResults.tooFewQuestions')}</p>;
  return (
    <>
      <p>{t('surveyResults.crosstabIntro')}</p>
      <div className="filter-grid">
        <SelectField label={t('surveyResults.rowQuestion')} value={row} onChange={(e) => onChange(e.target.value, col)}>
          <option value="">{t('surveyResults.chooseQuestion')}</option>
          {refs.map((r) => (
            <option key={r.ref} value={r.ref}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('surveyResults.colQuestion')} value={col} onChange={(e) => onChange(row, e.target.value)}>
          <option value="">{t('surveyResults.chooseQuestion')}</option>
          {refs.map((r) => (
            <option key={r.ref} value={r.ref}>
              {r.label}
            </option>
          ))}
        </SelectField>
      </div>
      {row && col && row === col ? <p className="notice">{t('surveyResults.sameQuestion')}</p> : null}
      {ready ? <ErrorAlert error={x.error} /> : null}
      {ready && x.isPending ? <Loading /> : null}
      {d ? (
        <div className="crosstab" aria-busy={x.isFetching || undefined}>
          {d.withheld ? (
            <Alert kind="warning">{t(`surveyResults.withheld.${d.withheld}`, { threshold: d.threshold })}</Alert>
          ) : (
            <>
              <p className="small muted">{t('surveyResults.crosstabN', { n: cell(d.total) })}</p>
              <TableWrap label={t('surveyResults.crosstabCaption', { row: d.row.title, col: d.col.title })}>
                <table className="crosstab-table">
                  <caption>{t('surveyResults.crosstabCaption', { row: d.row.title, col: d.col.title })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{d.row.title}</th>
                      {d.colLabels.map((c) => (
                        <th scope="col" key={c.value}>
                          {c.label}
                        </th>
                      ))}
                      <th scope="col">{t('surveyResults.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.rowLabels.map((r, i) => (
                      <tr key={r.value}>
                        <th scope="row">{r.label}</th>
                        {d.counts[i].map((v, j) => (
                          <td key={d.colLabels[j].value} className="num">
                            {cell(v)}
                            {pcts[i][j] !== null ? <span className="muted"> ({nf.format(pcts[i][j] as number)}%)</span> : null}
                          </td>
                        ))}
                        <td className="num">{cell(d.rowTotals[i])}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('surveyResults.total')}</th>
                      {d.colTotals.map((v, j) => (
                        <td key={d.colLabels[j].value} className="num">
                          {cell(v)}
                        </td>
                      ))}
                      <td className="num">{cell(d.total)}</td>
                    </tr>
                  </tfoot>
                </table>
              </TableWrap>
              <p className="small muted">{t('surveyResults.rowPercentNote')}</p>
              {hasWithheld ? <p className="small">{t('surveyResults.belowExplain', { threshold: d.threshold })}</p> : null}
              <h3>{t('surveyResults.chiSquare')}</h3>
              {d.chiSquare ? (
                <dl className="facts chi-square">
                  <dt>χ²</dt>
                  <dd>{n2.format(d.chiSquare.statistic)}</dd>
                  <dt>{t('surveyResults.df')}</dt>
                  <dd>{d.chiSquare.df}</dd>
                  <dt>{t('surveyResults.p')}</dt>
                  <dd>{formatP(d.chiSquare.p, locale)}</dd>
                  <dt>{t('surveyResults.cramersV')}</dt>
                  <dd>{d.chiSquare.cramersV === null ? '—' : n2.format(d.chiSquare.cramersV)}</dd>
                </dl>
              ) : (
                <p className="muted">{d.testWithheld ? t('surveyResults.testWithheld') : t('surveyResults.noTest')}</p>
              )}
              {d.chiSquare && d.expectedBelow5 > 0 ? (
                <div className="notice expected-warning" role="note">
                  <p>
                    <strong>{t('surveyResults.lowExpectedTitle')}</strong> {t('surveyResults.lowExpected', { below: d.expectedBelow5, cells: d.cellsTested })}
                    {d.expectedBelow1 > 0 ? ` ${t('surveyResults.lowExpected1', { below: d.expectedBelow1 })}` : ''}
                  </p>
                </div>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </>
  );
}
