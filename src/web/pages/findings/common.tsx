/** Shared bits of the findings pages: labels, the strength and status badges, and one piece of evidence rendered. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Evidence, FindingStatus, FindingType, IndicatorFigure, Strength, SurveyFigure } from '../../../shared/findings';
import type { LegalPhase } from '../../../shared/legal';
import { TableWrap } from '../../components/TableWrap';
import { formatDate } from '../../i18n/format';
import { studyPath } from '../studies/useStudy';

/** Runtime copies of the contract's vocabularies (importing them would pull zod into the bundle). */
export const FINDING_TYPES: FindingType[] = ['goede_praktijk', 'knelpunt', 'verbeterpunt', 'oplossingsrichting'];
export const FINDING_STATUSES: FindingStatus[] = ['draft', 'validated'];
export const STRENGTHS: Strength[] = ['strong', 'moderate', 'weak', 'none'];
export const PHASES: LegalPhase[] = ['prevention', 'during_placement', 'reunification', 'aftercare'];
export const PRIORITIES = ['hoog', 'middel', 'laag'] as const;
export const INDICATORS = ['reunified_365', 'reunified_730', 'reentry_12m', 'emergency_share', 'moves_mean', 'moves_share_any', 'parent_help_rr'] as const;
export const SUBGROUPS = ['all', 'age', 'setting', 'emergency', 'help'] as const;

export function useFindingLabels() {
  const { t } = useTranslation();
  return {
    type: (x: FindingType) => t(`findings.type.${x}`),
    status: (x: FindingStatus) => t(`findings.status.${x}`),
    strength: (x: Strength) => t(`findings.strength.${x}`),
    phase: (p: LegalPhase | 'none' | null) => (p === null || p === 'none' ? t('findings.noPhase') : t(`legal.phase.${p}`)),
    kind: (k: Evidence['kind']) => t(`findings.kind.${k}`),
    indicator: (k: (typeof INDICATORS)[number]) => t(`findings.indicator.${k}`),
    priority: (p: (typeof PRIORITIES)[number]) => t(`findings.priority.${p}`),
  };
}

export function StrengthBadge({ strength, kinds }: { strength: Strength; kinds: number }) {
  const { t } = useTranslation();
  const cls = strength === 'strong' ? 'tag tag-ok' : strength === 'none' ? 'tag tag-warn' : 'tag';
  return (
    <span className={cls}>
      {t(`findings.strength.${strength}`)} ({t('findings.kindsCount', { count: kinds })})
    </span>
  );
}

export function StatusBadge({ status }: { status: FindingStatus }) {
  const { t } = useTranslation();
  return <span className={status === 'validated' ? 'tag tag-ok' : 'tag'}>{t(`findings.status.${status}`)}</span>;
}

const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1).replace('.', ',')}%`);
const cell = (x: number | null, t: (k: 'findings.withheld') => string) => (x === null ? t('findings.withheld') : String(x));

function FigureTable({ figure, caption }: { figure: SurveyFigure; caption: string }) {
  const { t } = useTranslation();
  if (figure.kind === 'question')
    return (
      <TableWrap label={caption}>
        <table className="data-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('findings.answer')}</th>
              <th scope="col">{t('findings.count')}</th>
              <th scope="col">{t('findings.percent')}</th>
            </tr>
          </thead>
          <tbody>
            {figure.options.map((o) => (
              <tr key={o.value}>
                <th scope="row">{o.label}</th>
                <td>{cell(o.count, t)}</td>
                <td>{pct(o.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    );
  return (
    <TableWrap label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              {figure.rowTitle} \ {figure.colTitle}
            </th>
            {figure.colLabels.map((l) => (
              <th scope="col" key={l}>
                {l}
              </th>
            ))}
            <th scope="col">{t('findings.total')}</th>
          </tr>
        </thead>
        <tbody>
          {figure.rowLabels.map((l, i) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {figure.counts[i].map((c, j) => (
                <td key={j}>{cell(c, t)}</td>
              ))}
              <td>{cell(figure.rowTotals[i], t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function indicatorValue(key: string, f: IndicatorFigure): string {
  if (f.value === null) return '—';
  if (key === 'moves_mean' || key === 'parent_help_rr') return f.value.toFixed(2).replace('.', ',');
  return pct(f.value * 100);
}

/** One piece of evidence, as the reader may see it (the server already aggregated it for the committee). */
export function EvidenceView({ e, slug }: { e: Evidence; slug: string }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  if (e.quote) {
    const q = e.quote;
    if (q.hidden) return <p>{t('findings.quoteHidden', { code: q.codeName })}</p>;
    if (q.refused) return <p className="notice small">{t('findings.quoteRefused', { reason: q.refused })}</p>;
    return (
      <figure className="evidence-quote">
        <blockquote>{q.text}</blockquote>
        <figcaption className="small muted">
          {q.participantCode ? `${q.participantCode} · ` : ''}
          {q.documentId ? <Link to={studyPath(slug, `documenten/${q.documentId}`)}>{q.documentTitle}</Link> : q.documentTitle} · {t('findings.code')}: {q.codeName}
        </figcaption>
      </figure>
    );
  }
  if (e.survey) {
    const sv = e.survey;
    const filters = Object.entries(sv.filters).map(([k, v]) => `${k} = ${v.join(' / ')}`).join('; ');
    return (
      <div>
        <p>
          <strong>{sv.surveyTitle}</strong> ({t('findings.version', { n: sv.version })}): {sv.col ? `${sv.question} × ${sv.col}` : sv.question}
          {filters ? <span className="small muted"> · {t('findings.filtered', { filters })}</span> : null}
        </p>
        <FigureTable figure={sv.snapshot} caption={t('findings.snapshotCaption', { n: sv.snapshot.n ?? t('findings.withheld') })} />
        {sv.controlled ? <p className="small muted">{t('findings.controlled', { threshold: sv.threshold })}</p> : null}
        {sv.changed && sv.live ? (
          <p className="notice small" role="note">
            {t('findings.changed', { n: sv.live.n ?? t('findings.withheld') })}
          </p>
        ) : null}
        {sv.liveError ? <p className="notice small">{t('findings.liveError', { message: sv.liveError })}</p> : null}
      </div>
    );
  }
  if (e.indicator) {
    const ind = e.indicator;
    return (
      <div>
        <p>
          <strong>{labels.indicator(ind.indicator)}</strong> ({ind.subgroup === 'all' ? t('findings.allCases') : `${t(`findings.subgroup.${ind.subgroup}`)}: ${ind.group}`}):{' '}
          {indicatorValue(ind.indicator, ind.snapshot)} · n = {ind.snapshot.n ?? t('findings.withheld')}
        </p>
        {ind.changed ? (
          <p className="notice small" role="note">
            {t('findings.indicatorChanged', { value: ind.live ? indicatorValue(ind.indicator, ind.live) : '—', n: ind.live?.n ?? t('findings.withheld') })}
          </p>
        ) : null}
      </div>
    );
  }
  if (e.norm) {
    const n = e.norm;
    return (
      <p className={n.verification === 'verified' ? 'norm norm-verified' : 'norm norm-unverified'}>
        <Link to={studyPath(slug, `juridisch-kader/${n.id}`)}>
          {n.instrumentShortName} {n.reference} – {n.title}
        </Link>{' '}
        <span className={n.verification === 'verified' ? 'tag tag-ok' : 'tag tag-warn'}>{t(`legal.verification.${n.verification}`)}</span>
      </p>
    );
  }
  if (e.signal) {
    const s = e.signal;
    if (!s.receivedOn) return <p>{t('findings.signalHidden')}</p>;
    return (
      <p>
        {t('findings.signalLine', { date: formatDate(s.receivedOn), channel: s.channel ?? '', contact: s.contact ?? '' })}
        {s.phase ? ` · ${labels.phase(s.phase as LegalPhase)}` : ''}
      </p>
    );
  }
  return null;
}
