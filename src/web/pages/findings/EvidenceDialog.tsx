/**
 * The "add evidence" dialog, one form per kind: a coded segment (retrieval by code in the coding module), a survey
 * figure (a closed question or a crosstab of two, of a published survey, optionally filtered), a case-file
 * indicator (of the whole cohort or a subgroup), a norm of the catalogue, or a helpdesk signal.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceKind, FindingDetail } from '../../../shared/findings';
import { codingApi, keys, monitorApi } from '../../api/endpoints';
import { findingsApi, type EvidenceBody } from '../../api/findings';
import { legalApi, legalKeys, signalsApi } from '../../api/legal';
import { surveyKeys, surveysApi } from '../../api/surveys';
import type { Study, Subgroup } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { formatDate } from '../../i18n/format';
import { Modal } from '../coding/Modal';
import { INDICATORS, SUBGROUPS, useFindingLabels } from './common';

interface Props {
  study: Study;
  findingId: string;
  kind: EvidenceKind;
  onClose: () => void;
  onAdded: (f: FindingDetail) => void;
}

export function EvidenceDialog({ study, findingId, kind, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const titleId = useId().replace(/:/g, '');
  const [note, setNote] = useState('');
  const add = useMutation({ mutationFn: (body: EvidenceBody) => findingsApi.addEvidence(study.slug, findingId, body), onSuccess: onAdded });
  const form = (body: EvidenceBody | null, fields: ReactNode) => (
    <Form onSubmit={() => body && add.mutate({ ...body, note } as EvidenceBody)} disabled={!body || add.isPending} note={note} setNote={setNote}>
      {fields}
    </Form>
  );
  return (
    <Modal open onClose={onClose} title={t(`findings.add.${kind}`)} titleId={`ev-${titleId}`}>
      <ErrorAlert error={add.error} />
      {kind === 'quote' ? <QuotePicker study={study} form={form} /> : null}
      {kind === 'survey' ? <SurveyPicker study={study} form={form} /> : null}
      {kind === 'indicator' ? <IndicatorPicker study={study} form={form} /> : null}
      {kind === 'norm' ? <NormPicker study={study} form={form} /> : null}
      {kind === 'signal' ? <SignalPicker study={study} form={form} /> : null}
    </Modal>
  );
}

type FormFn = (body: EvidenceBody | null, fields: ReactNode) => ReactNode;

function Form({ onSubmit, disabled, note, setNote, children }: { onSubmit: () => void; disabled: boolean; note: string; setNote: (v: string) => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <form
      className="form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <TextAreaField label={t('findings.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
      <button type="submit" className="button-primary" disabled={disabled}>
        {t('findings.link')}
      </button>
    </form>
  );
}

function QuotePicker({ study, form }: { study: Study; form: FormFn }) {
  const { t } = useTranslation();
  const name = useId();
  const [codeId, setCodeId] = useState('');
  const [codingId, setCodingId] = useState('');
  const codes = useQuery({ queryKey: keys.codes(study.slug), queryFn: ({ signal }) => codingApi.codes(study.slug, signal) });
  const segs = useQuery({
    queryKey: keys.segments(study.slug, { codeIds: [codeId], evidence: true }),
    queryFn: () => codingApi.retrieve(study.slug, { codeIds: [codeId], context: 'chars', limit: 100 }),
    enabled: !!codeId,
  });
  return (
    <>
      <ErrorAlert error={codes.error ?? segs.error} />
      {form(
        codingId ? { kind: 'quote', codingId } : null,
        <>
          <SelectField label={t('findings.pickCode')} value={codeId} onChange={(e) => (setCodeId(e.target.value), setCodingId(''))} required>
            <option value="">{t('findings.choose')}</option>
            {codes.data?.codes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.codings})
              </option>
            ))}
          </SelectField>
          {segs.isFetching ? <Loading /> : null}
          {segs.data ? (
            <fieldset className="fieldset">
              <legend>{t('findings.pickSegment', { count: segs.data.total })}</legend>
              {segs.data.segments.length === 0 ? <p className="muted">{t('findings.noSegments')}</p> : null}
              {segs.data.segments.map((s) => (
                <div key={s.codingId} className="radio">
                  <input type="radio" id={`${name}-${s.codingId}`} name={name} value={s.codingId} checked={codingId === s.codingId} onChange={() => setCodingId(s.codingId)} />{' '}
                  <label htmlFor={`${name}-${s.codingId}`}>
                    “{s.text}” <span className="small muted">({s.participant?.code ? `${s.participant.code}, ` : ''}{s.documentTitle})</span>
                  </label>
                </div>
              ))}
            </fieldset>
          ) : null}
        </>,
      )}
    </>
  );
}

function SurveyPicker({ study, form }: { study: Study; form: FormFn }) {
  const { t } = useTranslation();
  const [surveyId, setSurveyId] = useState('');
  const [question, setQuestion] = useState('');
  const [col, setCol] = useState('');
  const [filterQ, setFilterQ] = useState('');
  const [filterV, setFilterV] = useState('');
  const surveys = useQuery({ queryKey: surveyKeys.list(study.slug), queryFn: ({ signal }) => surveysApi.list(study.slug, signal) });
  const results = useQuery({ queryKey: surveyKeys.results(study.slug, surveyId, []), queryFn: ({ signal }) => surveysApi.results(study.slug, surveyId, [], signal), enabled: !!surveyId });
  // closed questions (with answer options), and the statements of matrix questions as name.row
  const closed = (results.data?.questions ?? []).flatMap((q) =>
    q.options ? [{ ref: q.name, title: q.title, options: q.options }] : (q.rows ?? []).map((r) => ({ ref: `${q.name}.${r.value}`, title: `${q.title} – ${r.label}`, options: r.options })),
  );
  const fq = closed.find((c) => c.ref === filterQ);
  const published = (surveys.data?.surveys ?? []).filter((s) => s.currentVersion !== null);
  const body: EvidenceBody | null =
    surveyId && question ? { kind: 'survey', surveyId, question, ...(col ? { col } : {}), ...(filterQ && filterV ? { filters: { [filterQ]: [fq?.options.find((o) => String(o.value) === filterV)?.value ?? filterV] } } : {}) } : null;
  return (
    <>
      <ErrorAlert error={surveys.error ?? results.error} />
      {form(
        body,
        <>
          <SelectField label={t('findings.pickSurvey')} value={surveyId} onChange={(e) => (setSurveyId(e.target.value), setQuestion(''), setCol(''), setFilterQ(''), setFilterV(''))} required>
            <option value="">{t('findings.choose')}</option>
            {published.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </SelectField>
          {surveys.data && published.length === 0 ? <p className="muted">{t('findings.noSurveys')}</p> : null}
          {results.isFetching ? <Loading /> : null}
          {results.data ? (
            <>
              <SelectField label={t('findings.pickQuestion')} value={question} onChange={(e) => setQuestion(e.target.value)} required>
                <option value="">{t('findings.choose')}</option>
                {closed.map((c) => (
                  <option key={c.ref} value={c.ref}>
                    {c.title}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('findings.pickCol')} hint={t('findings.pickColHint')} value={col} onChange={(e) => setCol(e.target.value)}>
                <option value="">{t('findings.noCrosstab')}</option>
                {closed
                  .filter((c) => c.ref !== question)
                  .map((c) => (
                    <option key={c.ref} value={c.ref}>
                      {c.title}
                    </option>
                  ))}
              </SelectField>
              <SelectField label={t('findings.filterQuestion')} value={filterQ} onChange={(e) => (setFilterQ(e.target.value), setFilterV(''))}>
                <option value="">{t('findings.noFilter')}</option>
                {closed.map((c) => (
                  <option key={c.ref} value={c.ref}>
                    {c.title}
                  </option>
                ))}
              </SelectField>
              {fq ? (
                <SelectField label={t('findings.filterValue')} value={filterV} onChange={(e) => setFilterV(e.target.value)} required>
                  <option value="">{t('findings.choose')}</option>
                  {fq.options.map((o) => (
                    <option key={String(o.value)} value={String(o.value)}>
                      {o.label}
                    </option>
                  ))}
                </SelectField>
              ) : null}
            </>
          ) : null}
        </>,
      )}
    </>
  );
}

function IndicatorPicker({ study, form }: { study: Study; form: FormFn }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  const [indicator, setIndicator] = useState<(typeof INDICATORS)[number]>('reunified_365');
  const [subgroup, setSubgroup] = useState<Subgroup>('all');
  const [group, setGroup] = useState('');
  const monitor = useQuery({ queryKey: keys.monitor(study.slug, subgroup), queryFn: ({ signal }) => monitorApi.get(study.slug, subgroup, signal) });
  const groups = monitor.data?.groups.map((g) => g.key) ?? [];
  const body: EvidenceBody | null = subgroup === 'all' ? { kind: 'indicator', indicator, subgroup: 'all' } : group ? { kind: 'indicator', indicator, subgroup, group } : null;
  return (
    <>
      <ErrorAlert error={monitor.error} />
      {form(
        body,
        <>
          <SelectField label={t('findings.pickIndicator')} value={indicator} onChange={(e) => setIndicator(e.target.value as (typeof INDICATORS)[number])}>
            {INDICATORS.map((k) => (
              <option key={k} value={k}>
                {labels.indicator(k)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('findings.pickSubgroup')} value={subgroup} onChange={(e) => (setSubgroup(e.target.value as Subgroup), setGroup(''))}>
            {SUBGROUPS.map((k) => (
              <option key={k} value={k}>
                {t(`findings.subgroup.${k}`)}
              </option>
            ))}
          </SelectField>
          {subgroup !== 'all' ? (
            <SelectField label={t('findings.pickGroup')} value={group} onChange={(e) => setGroup(e.target.value)} required>
              <option value="">{t('findings.choose')}</option>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </SelectField>
          ) : null}
        </>,
      )}
    </>
  );
}

function NormPicker({ study, form }: { study: Study; form: FormFn }) {
  const { t } = useTranslation();
  const [normId, setNormId] = useState('');
  const norms = useQuery({ queryKey: legalKeys.norms(study.slug, {}), queryFn: ({ signal }) => legalApi.norms(study.slug, {}, signal) });
  return (
    <>
      <ErrorAlert error={norms.error} />
      {form(
        normId ? { kind: 'norm', normId } : null,
        <>
          <SelectField label={t('findings.pickNorm')} value={normId} onChange={(e) => setNormId(e.target.value)} required>
            <option value="">{t('findings.choose')}</option>
            {norms.data?.norms.map((n) => (
              <option key={n.id} value={n.id}>
                {n.instrumentShortName} {n.reference} – {n.title}
                {n.verification === 'verified' ? '' : ` (${t('legal.verification.te_verifieren')})`}
              </option>
            ))}
          </SelectField>
          {norms.data && norms.data.norms.length === 0 ? <p className="muted">{t('findings.noNorms')}</p> : null}
        </>,
      )}
    </>
  );
}

function SignalPicker({ study, form }: { study: Study; form: FormFn }) {
  const { t } = useTranslation();
  const [signalId, setSignalId] = useState('');
  const signals = useQuery({ queryKey: [...legalKeys.signals(study.slug), 'evidence'], queryFn: ({ signal }) => signalsApi.list(study.slug, { limit: 200 }, signal) });
  return (
    <>
      <ErrorAlert error={signals.error} />
      {form(
        signalId ? { kind: 'signal', signalId } : null,
        <>
          <SelectField label={t('findings.pickSignal')} value={signalId} onChange={(e) => setSignalId(e.target.value)} required>
            <option value="">{t('findings.choose')}</option>
            {signals.data?.signals.map((s) => (
              <option key={s.id} value={s.id}>
                {formatDate(s.receivedOn)} · {s.channel} · {(s.summary ?? '').slice(0, 80)}
              </option>
            ))}
          </SelectField>
          {signals.data && signals.data.signals.length === 0 ? <p className="muted">{t('findings.noSignals')}</p> : null}
        </>,
      )}
    </>
  );
}
