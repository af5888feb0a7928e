/**
 * Blind second coding by assignment: the lead assigns cases (a random sample, or by code) to a member, and sees
 * the assignments; the member sees only the codes of the cases to code blind.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dossiersApi, keys, membersApi } from '../../api/endpoints';
import { can, type AssignBody, type SecondAssignment, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { TableWrap } from '../../components/TableWrap';
import { formatDateTime } from '../../i18n/format';
import { dossiersPath } from './common';

const secondCodingPath = (study: Study, a: SecondAssignment) => dossiersPath(study.slug, `${encodeURIComponent(a.caseId)}/tweede-codering`);

/** The lead: assign a sample (or given codes) to a member, and follow the assignments. */
export function AssignSecondCodings({ study }: { study: Study }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: keys.members(study.slug), queryFn: ({ signal }) => membersApi.list(study.slug, signal) });
  const list = useQuery({ queryKey: keys.assignments(study.slug), queryFn: ({ signal }) => dossiersApi.assignments(study.slug, signal) });
  const [coderId, setCoderId] = useState('');
  const [how, setHow] = useState<'sample' | 'codes'>('sample');
  const [sample, setSample] = useState('10');
  const [codes, setCodes] = useState('');
  const [message, setMessage] = useState('');
  const coders = (members.data?.members ?? []).filter((m) => m.role !== 'committee' && m.role !== 'lead');
  const assign = useMutation({
    mutationFn: (body: AssignBody) => dossiersApi.assign(study.slug, body),
    onMutate: () => setMessage(''),
    onSuccess: (r) => {
      setMessage(t('assign.done', { count: r.assigned, codes: r.codes.join(', ') }));
      void queryClient.invalidateQueries({ queryKey: keys.assignments(study.slug) });
    },
  });
  const withdraw = useMutation({
    mutationFn: (a: SecondAssignment) => dossiersApi.withdrawAssignment(study.slug, a.caseId, a.coderId),
    onSuccess: (_r, a) => {
      setMessage(t('assign.withdrawn', { code: a.code, name: a.coderName ?? '' }));
      void queryClient.invalidateQueries({ queryKey: keys.assignments(study.slug) });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const body: AssignBody =
      how === 'sample'
        ? { coderId, sample: Number(sample) }
        : {
            coderId,
            codes: codes
              .split(/[\s,;]+/)
              .map((c) => c.trim())
              .filter(Boolean),
          };
    assign.mutate(body);
  }
  const writable = can(study, 'data.write') && !study.archived;
  return (
    <section aria-labelledby="assign-heading" className="section panel">
      <h2 id="assign-heading">{t('assign.heading')}</h2>
      <p className="small">{t('assign.explain')}</p>
      {writable ? (
        <form onSubmit={submit} aria-labelledby="assign-heading" className="form">
          <SelectField label={t('assign.coder')} name="coderId" required value={coderId} onChange={(e) => setCoderId(e.target.value)}>
            <option value="">{t('assign.chooseCoder')}</option>
            {coders.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({t(`roles.${m.role}`)})
              </option>
            ))}
          </SelectField>
          {members.data && coders.length === 0 ? <p className="small muted">{t('assign.noCoders')}</p> : null}
          <fieldset className="fieldset">
            <legend>{t('assign.how')}</legend>
            <div className="field-checkbox">
              <input id="assign-how-sample" type="radio" name="how" value="sample" checked={how === 'sample'} onChange={() => setHow('sample')} />
              <label htmlFor="assign-how-sample">{t('assign.howSample')}</label>
            </div>
            <div className="field-checkbox">
              <input id="assign-how-codes" type="radio" name="how" value="codes" checked={how === 'codes'} onChange={() => setHow('codes')} />
              <label htmlFor="assign-how-codes">{t('assign.howCodes')}</label>
            </div>
          </fieldset>
          {how === 'sample' ? (
            <TextField label={t('assign.sample')} name="sample" type="number" min={1} max={1000} required value={sample} onChange={(e) => setSample(e.target.value)} />
          ) : (
            <TextField label={t('assign.codes')} hint={t('assign.codesHint')} name="codes" required value={codes} onChange={(e) => setCodes(e.target.value)} />
          )}
          <button type="submit" className="button-primary" disabled={assign.isPending}>
            {t('assign.submit')}
          </button>
          <ErrorAlert error={assign.error ?? withdraw.error ?? members.error} />
        </form>
      ) : null}
      <StatusMessage>{message}</StatusMessage>
      <h3>{t('assign.listHeading')}</h3>
      {list.isPending ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? <p className="empty">{t('assign.none')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <TableWrap label={t('assign.listHeading')}>
          <table>
            <caption className="visually-hidden">{t('assign.listHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assign.case')}</th>
                <th scope="col">{t('assign.coder')}</th>
                <th scope="col">{t('assign.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('assign.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={`${a.caseId}-${a.coderId}`}>
                  <th scope="row">{a.code}</th>
                  <td>{a.coderName ?? '–'}</td>
                  <td>{a.closedAt ? t('assign.stateSettled') : a.secondCodedAt ? t('assign.stateCoded', { time: formatDateTime(a.secondCodedAt) }) : t('assign.stateOpen')}</td>
                  <td>
                    {a.closedAt ? null : a.secondCodedAt ? (
                      <Link to={dossiersPath(study.slug, `${encodeURIComponent(a.caseId)}/vaststellen`)}>
                        {t('reconcile.link')}
                        <span className="visually-hidden"> ({a.code})</span>
                      </Link>
                    ) : writable ? (
                      <button type="button" className="button-link" disabled={withdraw.isPending} onClick={() => withdraw.mutate(a)}>
                        {t('assign.withdraw')}
                        <span className="visually-hidden"> ({a.code}, {a.coderName})</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

/** A member's own open assignments: only the case codes, each opening the blind form. Nothing when there are none. */
export function MyBlindCases({ study }: { study: Study }) {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: keys.myAssignments(study.slug), queryFn: ({ signal }) => dossiersApi.myAssignments(study.slug, signal) });
  const open = (mine.data ?? []).filter((a) => !a.closedAt);
  if (mine.error) return <ErrorAlert error={mine.error} />;
  if (open.length === 0) return null;
  const todo = open.filter((a) => !a.secondCodedAt).length;
  return (
    <section aria-labelledby="blind-heading" className="section panel">
      <h2 id="blind-heading">{t('assign.mineHeading')}</h2>
      <p className="small">{t('assign.mineExplain', { count: open.length, todo })}</p>
      <ul className="plain-list found-list">
        {open.map((a) => (
          <li key={a.caseId}>
            <Link to={secondCodingPath(study, a)}>
              {t('assign.codeCase', { code: a.code })}
            </Link>{' '}
            <span className="small muted">{a.secondCodedAt ? t('assign.stateCoded', { time: formatDateTime(a.secondCodedAt) }) : t('assign.stateOpen')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
