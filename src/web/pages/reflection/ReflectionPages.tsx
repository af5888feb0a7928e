/**
 * Reflection sessions (reflectiesessies): the list with a create form (lead), and one session: settings and open/close,
 * invitees with their personal links (shown once, CSV, e-mail), live results per recommendation (polled every 5 s while
 * open; small n withheld for everyone; comments for readers with data.read) and, after closing, the lead's decisions.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DECISIONS, type Aggregate, type Decision, type IssuedLinks, type ReflectionSession, type ResultItem } from '../../../shared/reflection';
import { reflectionApi, reflectionKeys } from '../../api/reflection';
import { findingsApi } from '../../api/findings';
import { saveBlob } from '../../api/client';
import { can, type Study } from '../../api/types';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { formatDate, formatDateTime } from '../../i18n/format';
import { StudyGate, studyPath } from '../studies/useStudy';

const today = () => new Date().toISOString().slice(0, 10);
const listPath = (slug: string) => studyPath(slug, 'reflectiesessies');

export function ReflectionListPage() {
  return <StudyGate>{(study) => <SessionList study={study} />}</StudyGate>;
}

export function ReflectionSessionPage() {
  const { reflectionId = '' } = useParams<{ reflectionId: string }>();
  return <StudyGate>{(study) => <SessionPage study={study} id={reflectionId} />}</StudyGate>;
}

// ---- list + create ----

/** The study's recommendations (from the findings module), to choose from. */
function useRecommendations(slug: string) {
  return useQuery({ queryKey: [...reflectionKeys.all(slug), 'recommendations'], queryFn: ({ signal }) => findingsApi.recommendations(slug, signal) });
}

function SessionList({ study }: { study: Study }) {
  const { t } = useTranslation();
  const manage = can(study, 'reflection.manage') && !study.archived;
  const q = useQuery({ queryKey: reflectionKeys.all(study.slug), queryFn: ({ signal }) => reflectionApi.list(study.slug, signal) });
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: t('modules.reflection') }]} />
      <PageHeading>{t('modules.reflection')}</PageHeading>
      <p>{t('moduleDescriptions.reflection')}</p>
      <section aria-labelledby="refl-list" className="section">
        <h2 id="refl-list">{t('reflection.sessions')}</h2>
        <ErrorAlert error={q.error} />
        {q.isPending ? <Loading /> : null}
        {q.data && q.data.sessions.length === 0 ? <p className="muted">{t('reflection.none')}</p> : null}
        {q.data && q.data.sessions.length > 0 ? (
          <TableWrap label={t('reflection.sessionTable')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('reflection.title')}</th>
                  <th scope="col">{t('reflection.date')}</th>
                  <th scope="col">{t('reflection.status')}</th>
                  <th scope="col">{t('reflection.recommendations')}</th>
                  <th scope="col">{t('reflection.invitees')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.sessions.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`${listPath(study.slug)}/${s.id}`}>{s.title}</Link>
                    </td>
                    <td>{formatDate(s.heldOn)}</td>
                    <td>{t(`reflection.statuses.${s.status}`)}</td>
                    <td className="num">{s.items.length}</td>
                    <td className="num">{s.responded === null ? s.invitees : t('reflection.respondedOf', { responded: s.responded, invitees: s.invitees })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </section>
      {manage ? <CreateForm study={study} /> : null}
    </>
  );
}

function CreateForm({ study }: { study: Study }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(today);
  const [allowAnonymous, setAllowAnonymous] = useState(true);
  const recs = useRecommendations(study.slug);
  const [left, setLeft] = useState<string[]>([]);
  const all = recs.data?.recommendations ?? [];
  const create = useMutation({
    mutationFn: () => reflectionApi.create(study.slug, { title, heldOn, allowAnonymous, ...(left.length ? { recommendationIds: all.map((r) => r.id).filter((id) => !left.includes(id)) } : {}) }),
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: reflectionKeys.all(study.slug) });
      void navigate(`${listPath(study.slug)}/${s.id}`);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <section aria-labelledby="refl-new" className="section">
      <h2 id="refl-new">{t('reflection.create')}</h2>
      <p className="small muted">{t('reflection.createHint')}</p>
      <ErrorAlert error={create.error ?? recs.error} />
      <form onSubmit={submit} className="form">
        <TextField label={t('reflection.title')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        <TextField label={t('reflection.date')} type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} required />
        <div className="checkbox">
          <input type="checkbox" id="refl-new-anon" checked={allowAnonymous} onChange={(e) => setAllowAnonymous(e.target.checked)} />{' '}
          <label htmlFor="refl-new-anon">{t('reflection.allowAnonymous')}</label>
        </div>
        <fieldset className="fieldset">
          <legend>{t('reflection.recommendations')}</legend>
          {recs.data && all.length === 0 ? <p className="small muted">{t('reflection.noRecommendations')}</p> : null}
          {all.map((r) => (
            <div key={r.id} className="checkbox">
              <input type="checkbox" id={`refl-new-rec-${r.id}`} checked={!left.includes(r.id)} onChange={(e) => setLeft((l) => (e.target.checked ? l.filter((x) => x !== r.id) : [...l, r.id]))} />{' '}
              <label htmlFor={`refl-new-rec-${r.id}`}>{r.text}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending}>
          {t('reflection.createButton')}
        </button>
      </form>
    </section>
  );
}

// ---- one session ----

function SessionPage({ study, id }: { study: Study; id: string }) {
  const { t } = useTranslation();
  const manage = can(study, 'reflection.manage') && !study.archived;
  const q = useQuery({ queryKey: reflectionKeys.session(study.slug, id), queryFn: ({ signal }) => reflectionApi.get(study.slug, id, signal) });
  const s = q.data;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.studies'), to: '/onderzoeken' },
          { label: study.title, to: studyPath(study.slug) },
          { label: t('modules.reflection'), to: listPath(study.slug) },
          { label: s?.title ?? t('reflection.session') },
        ]}
      />
      <PageHeading>{s?.title ?? t('reflection.session')}</PageHeading>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : null}
      {s ? (
        <>
          <p>
            {formatDate(s.heldOn)} · <strong>{t(`reflection.statuses.${s.status}`)}</strong> · {t('reflection.itemCount', { count: s.items.length })}
            {s.allowAnonymous ? ` · ${t('reflection.anonymousAllowed')}` : ''}
          </p>
          {manage ? <Settings study={study} session={s} /> : null}
          {manage ? <Invitees study={study} session={s} /> : null}
          <Results study={study} session={s} manage={manage} />
          {manage ? <DeleteSession study={study} session={s} /> : null}
        </>
      ) : null}
    </>
  );
}

function useRefresh(study: Study) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: reflectionKeys.all(study.slug) });
  };
}

function Settings({ study, session }: { study: Study; session: ReflectionSession }) {
  const { t } = useTranslation();
  const refresh = useRefresh(study);
  const [title, setTitle] = useState(session.title);
  const [heldOn, setHeldOn] = useState(session.heldOn);
  const [allowAnonymous, setAllowAnonymous] = useState(session.allowAnonymous);
  const current = session.items.map((i) => i.recommendationId ?? '').filter(Boolean);
  const [keep, setKeep] = useState<string[]>(current);
  const recs = useRecommendations(study.slug);
  const [status, setStatus] = useState('');
  // the session's items first (in their order), then the study's other recommendations
  const choices = [
    ...session.items.map((i) => ({ id: i.recommendationId, key: i.id, text: i.text })),
    ...(recs.data?.recommendations ?? []).filter((r) => !current.includes(r.id)).map((r) => ({ id: r.id as string | null, key: r.id, text: r.text })),
  ];
  const save = useMutation({
    mutationFn: () => {
      const changed = keep.length !== current.length || keep.some((x) => !current.includes(x));
      const order = choices.map((c) => c.id).filter((id): id is string => !!id && keep.includes(id));
      return reflectionApi.update(study.slug, session.id, { title, heldOn, allowAnonymous, ...(changed ? { recommendationIds: order } : {}) });
    },
    onSuccess: () => {
      setStatus(t('reflection.saved'));
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: () => reflectionApi.update(study.slug, session.id, { status: session.status === 'open' ? 'closed' : 'open' }),
    onSuccess: (s) => {
      setStatus(t(s.status === 'closed' ? 'reflection.closedNow' : 'reflection.openedNow'));
      refresh();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <section aria-labelledby="refl-settings" className="section">
      <h2 id="refl-settings">{t('reflection.settings')}</h2>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={save.error ?? toggle.error} />
      <form onSubmit={submit} className="form">
        <TextField label={t('reflection.title')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        <TextField label={t('reflection.date')} type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} required />
        <div className="checkbox">
          <input type="checkbox" id="refl-anon" checked={allowAnonymous} onChange={(e) => setAllowAnonymous(e.target.checked)} />{' '}
          <label htmlFor="refl-anon">{t('reflection.allowAnonymous')}</label>
        </div>
        <fieldset className="fieldset">
          <legend>{t('reflection.onSession')}</legend>
          {choices.map((c) => (
            <div key={c.key} className="checkbox">
              <input
                type="checkbox"
                id={`refl-item-${c.key}`}
                disabled={!c.id}
                checked={!c.id || keep.includes(c.id)}
                onChange={(e) => setKeep((k) => (e.target.checked ? [...k, c.id!] : k.filter((x) => x !== c.id)))}
              />{' '}
              <label htmlFor={`refl-item-${c.key}`}>{c.text}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={save.isPending}>
          {t('reflection.save')}
        </button>
      </form>
      <p>
        <button type="button" className="button-secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {session.status === 'open' ? t('reflection.close') : t('reflection.reopen')}
        </button>
      </p>
    </section>
  );
}

function parseInvitees(text: string): { label: string; email?: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [label, email] = l.split(/[;\t]/).map((x) => x.trim());
      return email ? { label, email } : { label };
    });
}

function Invitees({ study, session }: { study: Study; session: ReflectionSession }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: reflectionKeys.invitees(study.slug, session.id), queryFn: ({ signal }) => reflectionApi.invitees(study.slug, session.id, signal) });
  const [text, setText] = useState('');
  const [issued, setIssued] = useState<IssuedLinks['links'] | null>(null);
  const [status, setStatus] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: reflectionKeys.all(study.slug) });
  };
  const add = useMutation({
    mutationFn: () => reflectionApi.addInvitees(study.slug, session.id, parseInvitees(text)),
    onSuccess: (r) => {
      setIssued(r.links);
      setText('');
      refresh();
    },
  });
  const csv = useMutation({
    mutationFn: (scope: 'all' | 'unissued') => reflectionApi.links(study.slug, session.id, scope),
    onSuccess: (r) => {
      saveBlob(new Blob([r.csv], { type: 'text/csv;charset=utf-8' }), r.filename);
      setIssued(null);
      setStatus(t('reflection.csvDone', { count: r.count }));
      refresh();
    },
  });
  const send = useMutation({
    mutationFn: () => reflectionApi.send(study.slug, session.id),
    onSuccess: () => setStatus(t('reflection.sendStarted')),
  });
  const remove = useMutation({
    mutationFn: (inviteeId: string) => reflectionApi.removeInvitee(study.slug, session.id, inviteeId),
    onSuccess: () => refresh(),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate();
  }
  const open = session.status === 'open';
  return (
    <section aria-labelledby="refl-invitees" className="section">
      <h2 id="refl-invitees">{t('reflection.invitees')}</h2>
      <p className="small muted">{t('reflection.inviteesHint')}</p>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={add.error ?? csv.error ?? send.error ?? remove.error ?? q.error} />
      {open ? (
        <form onSubmit={submit} className="form">
          <TextAreaField label={t('reflection.addInvitees')} hint={t('reflection.addInviteesHint')} value={text} onChange={(e) => setText(e.target.value)} rows={4} required />
          <button type="submit" disabled={add.isPending || !text.trim()}>
            {t('reflection.addButton')}
          </button>
        </form>
      ) : null}
      {issued && issued.length ? (
        <div className="notice">
          <h3 id="refl-links">{t('reflection.linksTitle')}</h3>
          <p>{t('reflection.linksOnce')}</p>
          <TableWrap label={t('reflection.linksTable')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('reflection.name')}</th>
                  <th scope="col">{t('reflection.link')}</th>
                </tr>
              </thead>
              <tbody>
                {issued.map((l) => (
                  <tr key={l.inviteeId}>
                    <td>{l.label}</td>
                    <td>
                      <input type="text" readOnly value={l.url} aria-label={t('reflection.linkFor', { name: l.label })} className="link-field" onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
      {q.data && q.data.invitees.length ? (
        <>
          <TableWrap label={t('reflection.inviteeTable')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('reflection.name')}</th>
                  <th scope="col">{t('reflection.email')}</th>
                  <th scope="col">{t('reflection.firstSeen')}</th>
                  <th scope="col">{t('reflection.rated')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('reflection.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {q.data.invitees.map((v) => (
                  <tr key={v.id}>
                    <td>{v.label}</td>
                    <td>{v.hasEmail ? t('common.yes') : t('common.no')}</td>
                    <td>{v.firstSeenAt ? formatDateTime(v.firstSeenAt) : '—'}</td>
                    <td className="num">{v.rated}</td>
                    <td>
                      <ConfirmButton question={t('reflection.removeQuestion', { name: v.label })} confirmLabel={t('reflection.removeConfirm')} onConfirm={() => remove.mutate(v.id)} pending={remove.isPending} danger>
                        {t('reflection.remove')}
                      </ConfirmButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {open ? (
            <p className="button-row">
              <button type="button" className="button-secondary" onClick={() => csv.mutate('all')} disabled={csv.isPending}>
                {t('reflection.csvAll')}
              </button>
              {q.data.smtpConfigured ? (
                <button type="button" className="button-secondary" onClick={() => send.mutate()} disabled={send.isPending}>
                  {t('reflection.sendMail')}
                </button>
              ) : null}
            </p>
          ) : null}
          {open ? <p className="small muted">{t('reflection.csvHint')}</p> : null}
        </>
      ) : null}
    </section>
  );
}

function AggregateCells({ a, threshold }: { a: Aggregate; threshold: number }) {
  const { t } = useTranslation();
  if (a.suppressed)
    return (
      <td colSpan={7} className="muted">
        {t('reflection.suppressed', { n: threshold })}
      </td>
    );
  return (
    <>
      {(a.distribution ?? [0, 0, 0, 0, 0]).map((c, i) => (
        <td key={i} className="num">
          {c}
        </td>
      ))}
      <td className="num">{a.n}</td>
      <td className="num">{a.mean === null ? '—' : a.mean.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 2 })}</td>
    </>
  );
}

function Results({ study, session, manage }: { study: Study; session: ReflectionSession; manage: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: reflectionKeys.results(study.slug, session.id),
    queryFn: ({ signal }) => reflectionApi.results(study.slug, session.id, signal),
    refetchInterval: session.status === 'open' ? 5000 : false,
  });
  const r = q.data;
  return (
    <section aria-labelledby="refl-results" className="section">
      <h2 id="refl-results">{t('reflection.results')}</h2>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : null}
      {r ? (
        <>
          <p className="small muted">
            {session.status === 'open' ? t('reflection.live') : t('reflection.final')} {t('reflection.thresholdNote', { n: r.threshold })}
          </p>
          {r.items.map((it) => (
            <ResultBlock key={it.id} study={study} session={session} item={it} threshold={r.threshold} commentsVisible={r.commentsVisible} manage={manage} />
          ))}
        </>
      ) : null}
    </section>
  );
}

function ResultBlock({ study, session, item, threshold, commentsVisible, manage }: { study: Study; session: ReflectionSession; item: ResultItem; threshold: number; commentsVisible: boolean; manage: boolean }) {
  const { t } = useTranslation();
  const hid = `refl-item-h-${item.id}`;
  return (
    <article aria-labelledby={hid} className="card refl-item">
      <h3 id={hid}>
        {item.position + 1}. {item.text}
      </h3>
      {item.priority ? <p className="small">{t('reflection.priority', { p: item.priority })}</p> : null}
      <TableWrap label={t('reflection.tableLabel', { n: item.position + 1 })}>
        <table className="data-table">
          <caption className="visually-hidden">{t('reflection.tableLabel', { n: item.position + 1 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reflection.dimension')}</th>
              {[1, 2, 3, 4, 5].map((v) => (
                <th key={v} scope="col" className="num">
                  {v}
                </th>
              ))}
              <th scope="col" className="num">
                n
              </th>
              <th scope="col" className="num">
                {t('reflection.mean')}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('reflection.importance')}</th>
              <AggregateCells a={item.importance} threshold={threshold} />
            </tr>
            <tr>
              <th scope="row">{t('reflection.feasibility')}</th>
              <AggregateCells a={item.feasibility} threshold={threshold} />
            </tr>
          </tbody>
        </table>
      </TableWrap>
      {commentsVisible && item.comments ? (
        <div>
          <h4>{t('reflection.comments', { count: item.comments.length })}</h4>
          {item.comments.length ? (
            <ul className="refl-comments">
              {item.comments.map((c) => (
                <li key={c.id}>
                  <strong>{c.anonymous ? t('reflection.anonymous') : c.author}:</strong> {c.text}
                </li>
              ))}
            </ul>
          ) : (
            <p className="small muted">{t('reflection.noComments')}</p>
          )}
        </div>
      ) : null}
      {item.decision ? (
        <p>
          <strong>{t('reflection.decisionLabel')}:</strong> {t(`reflection.decisions.${item.decision.decision}`)} — {item.decision.reason}{' '}
          <span className="small muted">({[item.decision.decidedBy, formatDateTime(item.decision.decidedAt)].filter(Boolean).join(', ')})</span>
        </p>
      ) : null}
      {manage && session.status === 'closed' ? <DecisionForm study={study} session={session} item={item} /> : null}
    </article>
  );
}

function DecisionForm({ study, session, item }: { study: Study; session: ReflectionSession; item: ResultItem }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<Decision>(item.decision?.decision ?? 'kept');
  const [reason, setReason] = useState(item.decision?.reason ?? '');
  const [status, setStatus] = useState('');
  const save = useMutation({
    mutationFn: () => reflectionApi.decide(study.slug, session.id, { itemId: item.id, decision, reason }),
    onSuccess: (r) => {
      qc.setQueryData(reflectionKeys.results(study.slug, session.id), r);
      setStatus(t('reflection.decisionSaved'));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} className="form" aria-label={t('reflection.decisionFor', { n: item.position + 1 })}>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert error={save.error} />
      <SelectField label={t('reflection.decisionLabel')} value={decision} onChange={(e) => setDecision(e.target.value as Decision)}>
        {DECISIONS.map((d) => (
          <option key={d} value={d}>
            {t(`reflection.decisions.${d}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField label={t('reflection.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required rows={3} maxLength={4000} />
      <button type="submit" disabled={save.isPending}>
        {t('reflection.saveDecision')}
      </button>
    </form>
  );
}

function DeleteSession({ study, session }: { study: Study; session: ReflectionSession }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => reflectionApi.remove(study.slug, session.id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: reflectionKeys.all(study.slug) });
      void navigate(listPath(study.slug));
    },
  });
  return (
    <section aria-labelledby="refl-delete" className="section">
      <h2 id="refl-delete">{t('reflection.delete')}</h2>
      <ErrorAlert error={remove.error} />
      <p className="notice">{t('reflection.deleteWarning')}</p>
      <ConfirmButton question={t('reflection.deleteQuestion')} confirmLabel={t('reflection.deleteConfirm')} onConfirm={() => remove.mutate()} pending={remove.isPending} danger>
        {t('reflection.delete')}
      </ConfirmButton>
    </section>
  );
}
