/**
 * Teamcodering: the lead assigns documents to coders, runs reliability rounds (blind mode while open), reads the
 * agreement per code and overall, and adjudicates disagreements side by side into the consensus layer.
 * A coder sees their own assignments and the rounds they code in.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type CSSProperties, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { codingApi } from '../../api/endpoints';
import { teamworkApi, teamworkKeys, type AdjudicateResult, type Decision } from '../../api/teamwork';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import i18n from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { UNIT_KINDS, type AgreementRow, type DisagreementItem, type Round, type UnitKind } from '../../../shared/teamwork';
import { canWrite, documentPath, ModuleGate, useCodingCrumbs } from './common';
import { safeColor } from './segments';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'nl-NL');
const percent = (x: number | null) => (x === null ? '–' : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(x));
const decimal = (x: number | null) => (x === null ? '–' : new Intl.NumberFormat(locale(), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(x));
const count = (x: number) => new Intl.NumberFormat(locale()).format(x);

export function TeamworkPage() {
  const { t } = useTranslation();
  return (
    <ModuleGate action="data.read" page={t('teamwork.title')}>
      {(study) => <Teamwork study={study} />}
    </ModuleGate>
  );
}

function Swatch({ color }: { color: string | null }) {
  return color ? <span className="cb-swatch tw-swatch" aria-hidden="true" style={{ '--c': safeColor(color) } as CSSProperties} /> : null;
}

function useUnitLabel() {
  const { t } = useTranslation();
  return (u: UnitKind) => t(`teamwork.unit.${u}` as 'teamwork.unit.turns');
}

function Teamwork({ study }: { study: Study }) {
  const { t } = useTranslation();
  const title = t('teamwork.title');
  const crumbs = useCodingCrumbs(study, { label: title });
  const lead = can(study, 'coding.supervise');
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`${title} – ${study.title}`}>{title}</PageHeading>
      <p className="lead">{lead ? t('teamwork.introLead') : t('teamwork.introCoder')}</p>
      <details className="method">
        <summary>{t('teamwork.blindTitle')}</summary>
        <p>{t('teamwork.blindText')}</p>
      </details>
      <Assignments study={study} lead={lead} />
      <Rounds study={study} lead={lead} selected={selected} onSelect={setSelected} />
      {lead && selected ? <RoundDetail key={selected} study={study} roundId={selected} /> : null}
    </>
  );
}

// ---- assignments --------------------------------------------------------------------------------------------

function useDocumentsAndCoders(study: Study, enabled: boolean) {
  const docs = useQuery({ queryKey: ['teamwork', study.slug, 'documents'], queryFn: ({ signal }) => codingApi.documents(study.slug, { limit: 500 }, signal), enabled });
  const coders = useQuery({ queryKey: teamworkKeys.coders(study.slug), queryFn: ({ signal }) => teamworkApi.coders(study.slug, signal), enabled });
  return { docs, coders };
}

/** A fieldset of checkboxes. */
function Checklist({ legend, items, chosen, onChange, name }: { legend: string; items: { id: string; label: string }[]; chosen: string[]; onChange: (ids: string[]) => void; name: string }) {
  return (
    <fieldset className="fieldset fieldset-wide">
      <legend>{legend}</legend>
      <div className="checkbox-grid">
        {items.map((i) => (
          <CheckboxField
            key={i.id}
            name={name}
            label={i.label}
            checked={chosen.includes(i.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, i.id] : chosen.filter((x) => x !== i.id))}
          />
        ))}
      </div>
    </fieldset>
  );
}

function Assignments({ study, lead }: { study: Study; lead: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: teamworkKeys.assignments(study.slug), queryFn: ({ signal }) => teamworkApi.assignments(study.slug, signal) });
  const writable = lead && canWrite(study);
  const { docs, coders } = useDocumentsAndCoders(study, writable);
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [coderIds, setCoderIds] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const assign = useMutation({
    mutationFn: () => teamworkApi.assign(study.slug, { documentIds, coderIds }),
    onSuccess: (r) => {
      setStatus(t('teamwork.assigned', { created: r.created, existing: r.existing }));
      setDocumentIds([]);
      setCoderIds([]);
      void qc.invalidateQueries({ queryKey: teamworkKeys.assignments(study.slug) });
    },
  });
  const remove = useMutation({
    mutationFn: (a: { documentId: string; coderId: string }) => teamworkApi.unassign(study.slug, a.documentId, a.coderId),
    onSuccess: () => {
      setStatus(t('teamwork.unassigned'));
      void qc.invalidateQueries({ queryKey: teamworkKeys.assignments(study.slug) });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    assign.mutate();
  }
  return (
    <section aria-labelledby="tw-assign-heading" className="section">
      <h2 id="tw-assign-heading">{lead ? t('teamwork.assignmentsHeading') : t('teamwork.myAssignmentsHeading')}</h2>
      {list.isPending ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data ? (
        list.data.assignments.length ? (
          <TableWrap label={t('teamwork.assignmentsCaption')}>
            <table>
              <caption className="visually-hidden">{t('teamwork.assignmentsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('teamwork.document')}</th>
                  <th scope="col">{t('teamwork.coder')}</th>
                  <th scope="col">{t('teamwork.assignedAt')}</th>
                  {writable ? <th scope="col">{t('teamwork.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.data.assignments.map((a) => (
                  <tr key={`${a.documentId}:${a.coderId}`}>
                    <th scope="row">
                      <Link to={documentPath(study.slug, a.documentId)}>{a.documentTitle}</Link>
                    </th>
                    <td>{a.coderName}</td>
                    <td>{formatDate(a.assignedAt)}</td>
                    {writable ? (
                      <td>
                        <button type="button" className="button-secondary button-small" disabled={remove.isPending} onClick={() => remove.mutate(a)}>
                          {t('teamwork.unassign')}
                          <span className="visually-hidden">
                            : {a.documentTitle}, {a.coderName}
                          </span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p className="empty">{lead ? t('teamwork.noAssignments') : t('teamwork.noMyAssignments')}</p>
        )
      ) : null}
      {writable ? (
        <form onSubmit={submit} className="form panel" aria-labelledby="tw-assign-form-heading">
          <h3 id="tw-assign-form-heading">{t('teamwork.assignFormHeading')}</h3>
          <ErrorAlert error={docs.error ?? coders.error} />
          <Checklist legend={t('teamwork.chooseDocuments')} name="assign-documents" items={(docs.data?.documents ?? []).map((d) => ({ id: d.id, label: d.title }))} chosen={documentIds} onChange={setDocumentIds} />
          <Checklist legend={t('teamwork.chooseCoders')} name="assign-coders" items={(coders.data?.coders ?? []).map((c) => ({ id: c.userId, label: c.name }))} chosen={coderIds} onChange={setCoderIds} />
          <ErrorAlert error={assign.error} />
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={assign.isPending || !documentIds.length || !coderIds.length}>
              {t('teamwork.assign')}
            </button>
          </div>
        </form>
      ) : null}
      <ErrorAlert error={remove.error} />
      <StatusMessage>{status}</StatusMessage>
    </section>
  );
}

// ---- rounds -------------------------------------------------------------------------------------------------

function Rounds({ study, lead, selected, onSelect }: { study: Study; lead: boolean; selected: string | null; onSelect: (id: string | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const unitLabel = useUnitLabel();
  const rounds = useQuery({ queryKey: teamworkKeys.rounds(study.slug), queryFn: ({ signal }) => teamworkApi.rounds(study.slug, signal) });
  const writable = lead && canWrite(study);
  const [status, setStatus] = useState('');
  const close = useMutation({
    mutationFn: (r: Round) => teamworkApi.closeRound(study.slug, r.id),
    onSuccess: (r) => {
      setStatus(t('teamwork.closed', { name: r.name }));
      void qc.invalidateQueries({ queryKey: teamworkKeys.all(study.slug) });
    },
  });
  return (
    <section aria-labelledby="tw-rounds-heading" className="section">
      <h2 id="tw-rounds-heading">{t('teamwork.roundsHeading')}</h2>
      {rounds.isPending ? <Loading /> : null}
      <ErrorAlert error={rounds.error} />
      {rounds.data ? (
        rounds.data.rounds.length ? (
          <TableWrap label={t('teamwork.roundsCaption')}>
            <table>
              <caption className="visually-hidden">{t('teamwork.roundsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('teamwork.roundName')}</th>
                  <th scope="col">{t('teamwork.unitKind')}</th>
                  <th scope="col">{t('teamwork.status')}</th>
                  <th scope="col">{t('teamwork.documents')}</th>
                  <th scope="col">{t('teamwork.coders')}</th>
                  {lead ? <th scope="col">{t('teamwork.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {rounds.data.rounds.map((r) => (
                  <tr key={r.id} aria-current={selected === r.id ? 'true' : undefined}>
                    <th scope="row">
                      {r.name}
                      <span className="block small muted">{formatDate(r.createdAt)}</span>
                    </th>
                    <td>{unitLabel(r.unitKind)}</td>
                    <td>{r.status === 'open' ? <span className="tag tag-warn">{t('teamwork.open')}</span> : <span className="tag tag-ok">{t('teamwork.closedTag')}</span>}</td>
                    <td>
                      <ul className="plain-list">
                        {r.documents.map((d) => (
                          <li key={d.id}>
                            <Link to={documentPath(study.slug, d.id)}>{d.title}</Link>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{r.coders.map((c) => c.name).join(', ')}</td>
                    {lead ? (
                      <td>
                        <div className="form-actions">
                          <button type="button" className="button-secondary button-small" aria-pressed={selected === r.id} onClick={() => onSelect(selected === r.id ? null : r.id)}>
                            {t('teamwork.showAgreement')}
                            <span className="visually-hidden">: {r.name}</span>
                          </button>
                          {writable && r.status === 'open' ? (
                            <ConfirmButton question={t('teamwork.closeQuestion', { name: r.name })} confirmLabel={t('teamwork.closeConfirm')} onConfirm={() => close.mutate(r)} pending={close.isPending}>
                              {t('teamwork.close')}
                              <span className="visually-hidden">: {r.name}</span>
                            </ConfirmButton>
                          ) : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p className="empty">{t('teamwork.noRounds')}</p>
        )
      ) : null}
      <ErrorAlert error={close.error} />
      <StatusMessage>{status}</StatusMessage>
      {writable ? <NewRound study={study} onCreated={(r) => onSelect(r.id)} /> : null}
    </section>
  );
}

function NewRound({ study, onCreated }: { study: Study; onCreated: (r: Round) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const unitLabel = useUnitLabel();
  const { docs, coders } = useDocumentsAndCoders(study, true);
  const [name, setName] = useState('');
  const [unitKind, setUnitKind] = useState<UnitKind>('turns');
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [coderIds, setCoderIds] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const create = useMutation({
    mutationFn: () => teamworkApi.createRound(study.slug, { name: name.trim(), unitKind, documentIds, coderIds }),
    onSuccess: (r) => {
      setStatus(t('teamwork.created', { name: r.name }));
      setName('');
      setDocumentIds([]);
      setCoderIds([]);
      void qc.invalidateQueries({ queryKey: teamworkKeys.all(study.slug) });
      onCreated(r);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    create.mutate();
  }
  return (
    <form onSubmit={submit} className="form panel" aria-labelledby="tw-new-round-heading">
      <h3 id="tw-new-round-heading">{t('teamwork.newRoundHeading')}</h3>
      <p className="small">{t('teamwork.newRoundExplain')}</p>
      <ErrorAlert error={docs.error ?? coders.error} />
      <div className="field-row">
        <TextField label={t('teamwork.roundName')} name="round-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField label={t('teamwork.unitKind')} name="round-unit" value={unitKind} onChange={(e) => setUnitKind(e.target.value as UnitKind)}>
          {UNIT_KINDS.map((u) => (
            <option key={u} value={u}>
              {unitLabel(u)}
            </option>
          ))}
        </SelectField>
      </div>
      <Checklist legend={t('teamwork.chooseDocuments')} name="round-documents" items={(docs.data?.documents ?? []).map((d) => ({ id: d.id, label: d.title }))} chosen={documentIds} onChange={setDocumentIds} />
      <Checklist legend={t('teamwork.chooseCodersRound')} name="round-coders" items={(coders.data?.coders ?? []).map((c) => ({ id: c.userId, label: c.name }))} chosen={coderIds} onChange={setCoderIds} />
      <ErrorAlert error={create.error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('teamwork.createRound')}
        </button>
      </div>
      <StatusMessage>{status}</StatusMessage>
    </form>
  );
}

// ---- agreement and disagreements (the lead) -------------------------------------------------------------------

function RoundDetail({ study, roundId }: { study: Study; roundId: string }) {
  const { t } = useTranslation();
  const unitLabel = useUnitLabel();
  const rounds = useQuery({ queryKey: teamworkKeys.rounds(study.slug), queryFn: ({ signal }) => teamworkApi.rounds(study.slug, signal) });
  const round = rounds.data?.rounds.find((r) => r.id === roundId);
  const [unit, setUnit] = useState<UnitKind | null>(null);
  const kind = unit ?? round?.unitKind ?? 'turns';
  const agreement = useQuery({
    queryKey: teamworkKeys.agreement(study.slug, roundId, kind),
    queryFn: ({ signal }) => teamworkApi.agreement(study.slug, roundId, kind, signal),
    enabled: !!round,
  });
  const [documentId, setDocumentId] = useState('');
  if (!round) return null;
  const doc = documentId || round.documents[0]?.id || '';
  return (
    <section aria-labelledby="tw-round-heading" className="section">
      <h2 id="tw-round-heading">{t('teamwork.roundHeading', { name: round.name })}</h2>
      <div className="field-row">
        <SelectField label={t('teamwork.unitForStats')} name="stats-unit" value={kind} onChange={(e) => setUnit(e.target.value as UnitKind)}>
          {UNIT_KINDS.map((u) => (
            <option key={u} value={u}>
              {unitLabel(u)}
            </option>
          ))}
        </SelectField>
      </div>
      <h3 id="tw-agreement-heading">{t('teamwork.agreementHeading')}</h3>
      <p className="small">{t('teamwork.agreementExplain')}</p>
      {agreement.isPending ? <Loading /> : null}
      <ErrorAlert error={agreement.error} />
      {agreement.data ? (
        <>
          <p>
            {t('teamwork.coverage', { documents: agreement.data.documents })}{' '}
            {agreement.data.coders.map((c) => t('teamwork.coderCoded', { name: c.name, count: c.documentsCoded })).join('; ')}
          </p>
          <AgreementTable rows={agreement.data.perCode} overall={agreement.data.overall} unit={kind} coders={agreement.data.coders.length} />
        </>
      ) : null}
      <h3 id="tw-disagreements-heading">{t('teamwork.disagreementsHeading')}</h3>
      <div className="field-row">
        <SelectField label={t('teamwork.document')} name="dis-document" value={doc} onChange={(e) => setDocumentId(e.target.value)}>
          {round.documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </SelectField>
      </div>
      {doc ? <Disagreements key={`${doc}:${kind}`} study={study} round={round} documentId={doc} unit={kind} /> : null}
    </section>
  );
}

function AgreementTable({ rows, overall, unit, coders }: { rows: AgreementRow[]; overall: AgreementRow; unit: UnitKind; coders: number }) {
  const { t } = useTranslation();
  const caption = t('teamwork.agreementCaption');
  return (
    <TableWrap label={caption}>
      <table className="tw-agreement">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('teamwork.code')}</th>
            <th scope="col" className="num">
              {unit === 'characters' ? t('teamwork.nCharacters') : t('teamwork.nUnits')}
            </th>
            <th scope="col" className="num">
              {t('teamwork.percent')}
            </th>
            <th scope="col" className="num">
              {t('teamwork.kappa')}
            </th>
            <th scope="col" className="num">
              {t('teamwork.alpha')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                {t('teamwork.noCodings')}
              </td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.codeId}>
              <th scope="row">
                <Swatch color={r.color} />
                {r.codeName}
              </th>
              <td className="num">{count(r.units)}</td>
              <td className="num">{percent(r.percent)}</td>
              <td className="num">{decimal(r.kappa)}</td>
              <td className="num">{decimal(r.alpha)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('teamwork.overall')}</th>
            <td className="num">{count(overall.units)}</td>
            <td className="num">{percent(overall.percent)}</td>
            <td className="num">{decimal(overall.kappa)}</td>
            <td className="num">{decimal(overall.alpha)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="small muted">
        {t('teamwork.overallExplain')} {coders !== 2 ? t('teamwork.kappaTwoOnly') : ''}
      </p>
    </TableWrap>
  );
}

/** The decision buttons of one item: take one coder's codings, both/all, or none. */
function decisionsFor(coders: { userId: string; name: string }[]): { label: string; take: string[] }[] {
  const t = i18n.t.bind(i18n);
  return [
    ...coders.map((c) => ({ label: t('teamwork.take', { name: c.name }), take: [c.userId] })),
    { label: coders.length === 2 ? t('teamwork.takeBoth') : t('teamwork.takeAll'), take: coders.map((c) => c.userId) },
    { label: t('teamwork.takeNone'), take: [] },
  ];
}

function Disagreements({ study, round, documentId, unit }: { study: Study; round: Round; documentId: string; unit: UnitKind }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const unitLabel = useUnitLabel();
  const [onlyDisagreements, setOnlyDisagreements] = useState(true);
  const [status, setStatus] = useState('');
  const key = teamworkKeys.disagreements(study.slug, round.id, documentId, unit);
  const data = useQuery({ queryKey: key, queryFn: ({ signal }) => teamworkApi.disagreements(study.slug, round.id, documentId, unit, signal) });
  const writable = canWrite(study);
  const done = (r: AdjudicateResult) => {
    setStatus(t('teamwork.adjudicated', { decided: r.decided, consensus: r.consensusCodings }));
    void qc.invalidateQueries({ queryKey: key });
  };
  const adjudicate = useMutation({ mutationFn: (d: Decision) => teamworkApi.adjudicate(study.slug, round.id, { documentId, unit, decisions: [d] }), onSuccess: done });
  const acceptAll = useMutation({ mutationFn: () => teamworkApi.acceptAgreements(study.slug, round.id, { documentId, unit }), onSuccess: done });
  if (data.isPending) return <Loading />;
  if (data.error) return <ErrorAlert error={data.error} />;
  const d = data.data;
  const items = onlyDisagreements ? d.items.filter((i) => !i.agree) : d.items;
  const choices = decisionsFor(d.coders);
  const caption = t('teamwork.disagreementsCaption', { title: d.documentTitle, unit: unitLabel(unit) });
  return (
    <div className="tw-disagreements">
      <p>
        {t('teamwork.disagreementCounts', { agreements: d.counts.agreements, disagreements: d.counts.disagreements, decided: d.counts.decided })}{' '}
        <Link to={documentPath(study.slug, documentId)}>{t('teamwork.openDocument', { title: d.documentTitle })}</Link>{' '}
        <Link to={documentPath(study.slug, documentId, { laag: 'consensus' })}>{t('teamwork.openConsensus', { title: d.documentTitle })}</Link>
      </p>
      <p className="small">{t('teamwork.consensusRule')}</p>
      <div className="form-actions">
        <CheckboxField label={t('teamwork.onlyDisagreements')} name={`${id}-only`} checked={onlyDisagreements} onChange={(e) => setOnlyDisagreements(e.target.checked)} />
        {writable ? (
          <button type="button" className="button-secondary" disabled={acceptAll.isPending || d.counts.agreements === 0} onClick={() => acceptAll.mutate()}>
            {t('teamwork.acceptAgreements')}
          </button>
        ) : null}
      </div>
      <ErrorAlert error={adjudicate.error ?? acceptAll.error} />
      <StatusMessage>{status}</StatusMessage>
      {items.length === 0 ? (
        <p className="empty">{onlyDisagreements ? t('teamwork.noDisagreements') : t('teamwork.noItems')}</p>
      ) : (
        <TableWrap label={caption}>
          <table className="tw-side-by-side">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('teamwork.unitCol', { unit: unitLabel(unit) })}</th>
                <th scope="col">{t('teamwork.code')}</th>
                {d.coders.map((c) => (
                  <th scope="col" key={c.userId}>
                    {c.name}
                  </th>
                ))}
                <th scope="col">{t('teamwork.status')}</th>
                {writable ? <th scope="col">{t('teamwork.decision')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item, n) => (
                <ItemRow key={`${item.codeId}:${item.start}:${item.end}`} item={item} n={n} coders={d.coders} choices={writable ? choices : null} pending={adjudicate.isPending} onDecide={(take) => adjudicate.mutate({ codeId: item.codeId, start: item.start, end: item.end, take })} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </div>
  );
}

function ItemRow({
  item,
  n,
  coders,
  choices,
  pending,
  onDecide,
}: {
  item: DisagreementItem;
  n: number;
  coders: { userId: string; name: string }[];
  choices: { label: string; take: string[] }[] | null;
  pending: boolean;
  onDecide: (take: string[]) => void;
}) {
  const { t } = useTranslation();
  const what = t('teamwork.itemLabel', { n: n + 1, code: item.codeName });
  const decisionText = (take: string[] | null) =>
    take === null ? t('teamwork.undecided') : take.length === 0 ? t('teamwork.decidedNone') : t('teamwork.decidedTake', { names: coders.filter((c) => take.includes(c.userId)).map((c) => c.name).join(' + ') });
  return (
    <tr className={item.agree ? 'tw-agree' : 'tw-disagree'}>
      <td className="tw-unit">
        <span className="small muted block">
          {item.start}–{item.end}
        </span>
        {item.text}
      </td>
      <th scope="row">
        <Swatch color={item.color} />
        {item.codeName}
      </th>
      {coders.map((c, k) => (
        <td key={c.userId}>
          {item.values[k] === null ? (
            <span className="muted">{t('teamwork.notCoded')}</span>
          ) : item.values[k] ? (
            <>
              <span className="tag tag-ok">{t('teamwork.applied')}</span>
              {item.quotes[k].map((q) => (
                <q key={`${q.start}`} className="block tw-quote">
                  {q.text}
                </q>
              ))}
            </>
          ) : (
            <span className="tag">{t('teamwork.notApplied')}</span>
          )}
        </td>
      ))}
      <td>
        {item.agree ? <span className="tag tag-ok">{t('teamwork.agree')}</span> : <span className="tag tag-bad">{t('teamwork.disagree')}</span>}
        <span className="block small">{t(`teamwork.consensus.${item.consensus}` as 'teamwork.consensus.none')}</span>
        <span className="block small">{decisionText(item.decision)}</span>
      </td>
      {choices ? (
        <td>
          <div className="tw-choices" role="group" aria-label={t('teamwork.decideFor', { what })}>
            {choices.map((c) => {
              const current = item.decision !== null && [...item.decision].sort().join() === [...c.take].sort().join();
              return (
                <button key={c.label} type="button" className="button-secondary button-small" aria-pressed={current} disabled={pending} onClick={() => onDecide(c.take)}>
                  {c.label}
                  <span className="visually-hidden">: {what}</span>
                </button>
              );
            })}
          </div>
        </td>
      ) : null}
    </tr>
  );
}
