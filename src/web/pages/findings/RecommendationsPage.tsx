/**
 * "Aanbevelingen": the study's recommendations in order, each with its addressees, the findings and norms it rests
 * on, and its priority. A recommendation without a validated finding behind it is flagged in words (not only by
 * colour). Writers add, edit, reorder (move up/down buttons: keyboard operable) and delete; the study can add its
 * own addressees to the standard list. The committee reads the list without edit controls.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Priority, Recommendation } from '../../../shared/findings';
import { findingKeys, findingsApi, type RecommendationBody } from '../../api/findings';
import { legalApi, legalKeys } from '../../api/legal';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { StudyGate, studyPath } from '../studies/useStudy';
import { PRIORITIES, StatusBadge, useFindingLabels } from './common';

export function RecommendationsPage() {
  return <StudyGate>{(study) => <Recommendations study={study} />}</StudyGate>;
}

function Recommendations({ study }: { study: Study }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const canWrite = can(study, 'findings.write') && !study.archived;
  const list = useQuery({ queryKey: findingKeys.recommendations(study.slug), queryFn: ({ signal }) => findingsApi.recommendations(study.slug, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: findingKeys.all(study.slug) });
  const reorder = useMutation({
    mutationFn: (ids: string[]) => findingsApi.reorder(study.slug, ids),
    onSuccess: (r) => {
      qc.setQueryData(findingKeys.recommendations(study.slug), r);
      setStatus(t('findings.rec.reordered'));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => findingsApi.removeRecommendation(study.slug, id),
    onSuccess: () => (refresh(), setStatus(t('findings.rec.deleted'))),
  });
  const recs = list.data?.recommendations ?? [];
  const move = (i: number, d: -1 | 1) => {
    const ids = recs.map((r) => r.id);
    [ids[i], ids[i + d]] = [ids[i + d], ids[i]];
    reorder.mutate(ids);
  };
  const flagged = recs.filter((r) => r.flagged).length;

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.recommendations') }]} />
      <PageHeading>{t('modules.recommendations')}</PageHeading>
      <p>{t('moduleDescriptions.recommendations')}</p>
      <nav aria-label={t('findings.subnav')} className="tool-links">
        <ul>
          <li>
            <Link to={studyPath(study.slug, 'bevindingen')}>{t('modules.findings')}</Link>
          </li>
          <li>
            <Link to={studyPath(study.slug, 'bevindingen/recht-en-praktijk')}>{t('findings.matrixTitle')}</Link>
          </li>
        </ul>
      </nav>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={list.error ?? reorder.error ?? remove.error} />
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <>
          <p className="muted small">
            {t('findings.rec.count', { count: recs.length })}
            {flagged ? ` · ${t('findings.rec.flaggedCount', { count: flagged })}` : ''}
          </p>
          {recs.length === 0 ? <p className="muted">{t('findings.rec.none')}</p> : null}
          <ol className="plain-list evidence-list">
            {recs.map((r, i) => (
              <li key={r.id}>
                {editing === r.id ? (
                  <RecommendationForm study={study} rec={r} onDone={(msg) => (setEditing(null), msg ? (refresh(), setStatus(msg)) : undefined)} />
                ) : (
                  <>
                    <h2 id={`rec-${r.id}`} className="h3">
                      {t('findings.rec.number', { n: i + 1 })}: {r.text}
                    </h2>
                    {r.flagged ? (
                      <p className="notice small recommendation-flag" role="note">
                        {t('findings.rec.flag')}
                      </p>
                    ) : null}
                    <p className="small">
                      {t('findings.rec.priorityLine', { priority: labels.priority(r.priority) })}
                      {r.addressees.length ? ` · ${t('findings.rec.addresseesLine', { list: r.addressees.map((a) => a.label).join(', ') })}` : ''}
                    </p>
                    {r.findings.length ? (
                      <>
                        <p className="small">{t('findings.rec.restsOn')}</p>
                        <ul className="small">
                          {r.findings.map((f) => (
                            <li key={f.id}>
                              <Link to={studyPath(study.slug, `bevindingen/${f.id}`)}>{f.statement}</Link> <StatusBadge status={f.status} />
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                    {r.norms.length ? (
                      <p className="small">
                        {t('findings.rec.normsLine', { list: r.norms.map((n) => `${n.instrumentShortName} ${n.reference}`).join(', ') })}
                      </p>
                    ) : null}
                    {canWrite ? (
                      <p className="button-row">
                        <button type="button" className="button-secondary button-small" onClick={() => setEditing(r.id)}>
                          {t('findings.rec.edit')}
                        </button>
                        <button type="button" className="button-secondary button-small" disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)} aria-label={t('findings.rec.upLabel', { n: i + 1 })}>
                          {t('findings.rec.up')}
                        </button>
                        <button type="button" className="button-secondary button-small" disabled={i === recs.length - 1 || reorder.isPending} onClick={() => move(i, 1)} aria-label={t('findings.rec.downLabel', { n: i + 1 })}>
                          {t('findings.rec.down')}
                        </button>
                        <ConfirmButton danger className="button-small" question={t('findings.rec.deleteQuestion')} confirmLabel={t('findings.rec.delete')} onConfirm={() => remove.mutate(r.id)} pending={remove.isPending}>
                          {t('findings.rec.delete')}
                        </ConfirmButton>
                      </p>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {canWrite ? (
        <section className="section" aria-labelledby="rec-new">
          <h2 id="rec-new">{t('findings.rec.new')}</h2>
          <RecommendationForm study={study} onDone={(msg) => (msg ? (refresh(), setStatus(msg)) : undefined)} />
        </section>
      ) : null}
      {canWrite ? <Addressees study={study} /> : null}
    </>
  );
}

function CheckList({ legend, items, chosen, onChange }: { legend: string; items: { value: string; label: string }[]; chosen: string[]; onChange: (v: string[]) => void }) {
  const id = useId().replace(/:/g, '');
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {items.map((x) => (
        <div key={x.value} className="checkbox">
          <input type="checkbox" id={`${id}-${x.value}`} checked={chosen.includes(x.value)} onChange={(e) => onChange(e.target.checked ? [...chosen, x.value] : chosen.filter((v) => v !== x.value))} />{' '}
          <label htmlFor={`${id}-${x.value}`}>{x.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function RecommendationForm({ study, rec, onDone }: { study: Study; rec?: Recommendation; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const labels = useFindingLabels();
  const empty: RecommendationBody = { text: '', priority: 'middel', addressees: [], findingIds: [], normIds: [] };
  const [v, setV] = useState<RecommendationBody>(
    rec ? { text: rec.text, priority: rec.priority, addressees: rec.addressees.map((a) => a.key), findingIds: rec.findings.map((f) => f.id), normIds: rec.norms.map((n) => n.id) } : empty,
  );
  const addressees = useQuery({ queryKey: findingKeys.addressees(study.slug), queryFn: ({ signal }) => findingsApi.addressees(study.slug, signal) });
  const findings = useQuery({ queryKey: findingKeys.list(study.slug, {}), queryFn: ({ signal }) => findingsApi.list(study.slug, {}, signal) });
  const norms = useQuery({ queryKey: legalKeys.norms(study.slug, {}), queryFn: ({ signal }) => legalApi.norms(study.slug, {}, signal) });
  const save = useMutation({
    mutationFn: () => (rec ? findingsApi.updateRecommendation(study.slug, rec.id, v) : findingsApi.createRecommendation(study.slug, v)),
    onSuccess: () => {
      if (!rec) setV(empty);
      onDone(t(rec ? 'findings.rec.saved' : 'findings.rec.added'));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="form" onSubmit={submit}>
      <ErrorAlert error={save.error ?? addressees.error ?? findings.error ?? norms.error} />
      <TextAreaField label={t('findings.rec.text')} value={v.text} onChange={(e) => setV({ ...v, text: e.target.value })} required maxLength={4000} rows={3} />
      <SelectField label={t('findings.rec.priority')} value={v.priority} onChange={(e) => setV({ ...v, priority: e.target.value as Priority })}>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {labels.priority(p)}
          </option>
        ))}
      </SelectField>
      {addressees.data ? (
        <CheckList legend={t('findings.rec.addressees')} items={addressees.data.addressees.map((a) => ({ value: a.key, label: a.label }))} chosen={v.addressees} onChange={(x) => setV({ ...v, addressees: x })} />
      ) : null}
      {findings.data ? (
        findings.data.findings.length ? (
          <CheckList
            legend={t('findings.rec.findings')}
            items={findings.data.findings.map((f) => ({ value: f.id, label: `${f.statement} (${labels.status(f.status)})` }))}
            chosen={v.findingIds}
            onChange={(x) => setV({ ...v, findingIds: x })}
          />
        ) : (
          <p className="muted small">{t('findings.none')}</p>
        )
      ) : null}
      {norms.data && norms.data.norms.length ? (
        <SelectField
          label={t('findings.rec.norms')}
          hint={t('findings.themesHint')}
          multiple
          size={Math.min(6, norms.data.norms.length)}
          value={v.normIds}
          onChange={(e) => setV({ ...v, normIds: [...e.target.selectedOptions].map((o) => o.value) })}
        >
          {norms.data.norms.map((n) => (
            <option key={n.id} value={n.id}>
              {n.instrumentShortName} {n.reference} – {n.title}
            </option>
          ))}
        </SelectField>
      ) : null}
      <p className="button-row">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {rec ? t('findings.save') : t('findings.rec.add')}
        </button>
        {rec ? (
          <button type="button" className="button-secondary" onClick={() => onDone(null)}>
            {t('findings.cancel')}
          </button>
        ) : null}
      </p>
    </form>
  );
}

function Addressees({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [label, setLabel] = useState('');
  const [status, setStatus] = useState('');
  const list = useQuery({ queryKey: findingKeys.addressees(study.slug), queryFn: ({ signal }) => findingsApi.addressees(study.slug, signal) });
  const add = useMutation({
    mutationFn: () => findingsApi.addAddressee(study.slug, label),
    onSuccess: (a) => {
      setLabel('');
      setStatus(t('findings.rec.addresseeAdded', { label: a.label }));
      void qc.invalidateQueries({ queryKey: findingKeys.addressees(study.slug) });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => findingsApi.removeAddressee(study.slug, id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: findingKeys.addressees(study.slug) }),
  });
  const own = list.data?.addressees.filter((a) => !a.standard) ?? [];
  return (
    <section className="section" aria-labelledby="rec-addressees">
      <h2 id="rec-addressees">{t('findings.rec.ownAddressees')}</h2>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={list.error ?? add.error ?? remove.error} />
      {own.length ? (
        <ul>
          {own.map((a) => (
            <li key={a.id}>
              {a.label}{' '}
              <ConfirmButton className="button-small" question={t('findings.rec.removeAddresseeQuestion', { label: a.label })} confirmLabel={t('findings.rec.removeAddressee')} onConfirm={() => remove.mutate(a.id!)} pending={remove.isPending}>
                {t('findings.rec.removeAddressee')}
              </ConfirmButton>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('findings.rec.noOwnAddressees')}</p>
      )}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <TextField label={t('findings.rec.addresseeLabel')} value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} />
        <button type="submit" className="button-secondary" disabled={add.isPending}>
          {t('findings.rec.addAddressee')}
        </button>
      </form>
    </section>
  );
}
