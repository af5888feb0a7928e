import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { keys, membersApi } from '../../api/endpoints';
import { can, STUDY_ROLES, type AddMemberResponse, type Invitation, type Member, type Study, type StudyRole } from '../../api/types';
import { useUser } from '../../auth/session';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField, TextField } from '../../components/Field';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid, type Errors } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { TableWrap } from '../../components/TableWrap';
import { SecretLink } from '../../components/SecretLink';
import { formatDate } from '../../i18n/format';
import { useRoleLabel } from './roles';
import { NoAccess, StudyGate, studyPath } from './useStudy';

export function MembersPage() {
  const { t } = useTranslation();
  return (
    <StudyGate>{(study) => (can(study, 'members.read') ? <Members study={study} /> : <NoAccess study={study} page={t('members.title')} />)}</StudyGate>
  );
}

function Members({ study }: { study: Study }) {
  const { t } = useTranslation();
  const manage = can(study, 'members.manage');
  const members = useQuery({ queryKey: keys.members(study.slug), queryFn: ({ signal }) => membersApi.list(study.slug, signal) });
  const [status, setStatus] = useState('');
  const page = t('members.title');

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: page }]} />
      <PageHeading title={`${page} – ${study.title}`}>{page}</PageHeading>
      <p className="lead">{t('members.intro', { study: study.title })}</p>
      <StatusMessage>{status}</StatusMessage>
      {members.isPending ? <Loading /> : null}
      <ErrorAlert error={members.error} />
      {members.data ? (
        <>
          <MembersTable study={study} members={members.data.members} manage={manage} onStatus={setStatus} />
          {manage || members.data.invitations.length ? (
            <InvitationsTable study={study} invitations={members.data.invitations} manage={manage} onStatus={setStatus} />
          ) : null}
        </>
      ) : null}
      {manage && !study.archived ? <AddMember study={study} /> : null}
      {manage && study.archived ? <p className="notice">{t('members.archivedNoAdd')}</p> : null}
    </>
  );
}

function MembersTable({ study, members, manage, onStatus }: { study: Study; members: Member[]; manage: boolean; onStatus: (s: string) => void }) {
  const { t } = useTranslation();
  const roleHeaderId = useId();
  return (
    <section aria-labelledby="members-heading" className="section">
      <h2 id="members-heading">{t('members.listHeading')}</h2>
      <TableWrap label={t('members.tableCaption', { study: study.title })}>
        <table>
          <caption className="visually-hidden">{t('members.tableCaption', { study: study.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.name')}</th>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col" id={roleHeaderId}>
                {t('fields.role')}
              </th>
              <th scope="col">{t('members.addedAt')}</th>
              {manage ? (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <MemberRow key={member.userId} study={study} member={member} manage={manage} roleHeaderId={roleHeaderId} onStatus={onStatus} />
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function MemberRow({
  study,
  member,
  manage,
  roleHeaderId,
  onStatus,
}: {
  study: Study;
  member: Member;
  manage: boolean;
  roleHeaderId: string;
  onStatus: (s: string) => void;
}) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const me = useUser();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [role, setRole] = useState<StudyRole>(member.role);
  const isMe = member.userId === me.id;
  const editable = manage && !isMe;

  const invalidate = () => queryClient.invalidateQueries({ queryKey: keys.members(study.slug) });
  const changeRole = useMutation({
    mutationFn: () => membersApi.setRole(study.slug, member.userId, role),
    onSuccess: (updated) => {
      onStatus(t('members.roleChanged', { name: updated.name, role: roleLabel(updated.role) }));
      void invalidate();
    },
  });
  const remove = useMutation({
    mutationFn: () => membersApi.remove(study.slug, member.userId),
    onSuccess: () => {
      onStatus(t('members.removed', { name: member.name }));
      void invalidate();
    },
  });
  const error = changeRole.error ?? remove.error;

  return (
    <tr>
      <th scope="row" id={nameId}>
        {member.name}
        {isMe ? <span className="muted"> {t('members.you')}</span> : null}
      </th>
      <td className="break">{member.email}</td>
      <td>
        {editable ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              changeRole.mutate();
            }}
          >
            <select aria-labelledby={nameId} aria-describedby={roleHeaderId} value={role} onChange={(e) => setRole(e.target.value as StudyRole)}>
              {STUDY_ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
            <button type="submit" className="button-secondary button-small" disabled={role === member.role || changeRole.isPending}>
              {t('common.save')}
              <span className="visually-hidden"> ({member.name})</span>
            </button>
          </form>
        ) : (
          roleLabel(member.role)
        )}
      </td>
      <td>{formatDate(member.addedAt)}</td>
      {manage ? (
        <td>
          {editable ? (
            <ConfirmButton
              danger
              question={t('members.removeQuestion', { name: member.name })}
              confirmLabel={t('members.removeConfirm')}
              onConfirm={() => remove.mutate()}
              pending={remove.isPending}
            >
              {t('members.remove')}
              <span className="visually-hidden"> ({member.name})</span>
            </ConfirmButton>
          ) : null}
          {error ? <ErrorAlert error={error} /> : null}
        </td>
      ) : null}
    </tr>
  );
}

function InvitationsTable({
  study,
  invitations,
  manage,
  onStatus,
}: {
  study: Study;
  invitations: Invitation[];
  manage: boolean;
  onStatus: (s: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="invitations-heading" className="section">
      <h2 id="invitations-heading">{t('members.invitationsHeading')}</h2>
      {invitations.length ? (
        <TableWrap label={t('members.invitationsCaption')}>
          <table>
            <caption className="visually-hidden">{t('members.invitationsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.email')}</th>
                <th scope="col">{t('fields.role')}</th>
                <th scope="col">{t('members.invitedAt')}</th>
                <th scope="col">{t('members.expiresAt')}</th>
                {manage ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <InvitationRow key={invitation.id} study={study} invitation={invitation} manage={manage} onStatus={onStatus} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">{t('members.noInvitations')}</p>
      )}
    </section>
  );
}

function InvitationRow({ study, invitation, manage, onStatus }: { study: Study; invitation: Invitation; manage: boolean; onStatus: (s: string) => void }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => membersApi.revokeInvitation(study.slug, invitation.id),
    onSuccess: () => {
      onStatus(t('members.invitationRevoked', { email: invitation.email }));
      void queryClient.invalidateQueries({ queryKey: keys.members(study.slug) });
    },
  });
  return (
    <tr>
      <th scope="row" className="break">
        {invitation.email}
      </th>
      <td>{roleLabel(invitation.role)}</td>
      <td>{formatDate(invitation.createdAt)}</td>
      <td>{formatDate(invitation.expiresAt)}</td>
      {manage ? (
        <td>
          <ConfirmButton
            danger
            question={t('members.revokeQuestion', { email: invitation.email })}
            confirmLabel={t('members.revokeConfirm')}
            onConfirm={() => revoke.mutate()}
            pending={revoke.isPending}
          >
            {t('members.revoke')}
            <span className="visually-hidden"> ({invitation.email})</span>
          </ConfirmButton>
          {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
        </td>
      ) : null}
    </tr>
  );
}

function AddMember({ study }: { study: Study }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StudyRole>('researcher');
  const [errors, setErrors] = useState<Errors>({});
  const [result, setResult] = useState<{ response: AddMemberResponse; email: string; role: StudyRole } | null>(null);

  const add = useMutation({
    mutationFn: () => membersApi.add(study.slug, { email: email.trim(), role }),
    onSuccess: (response) => {
      setResult({ response, email: email.trim(), role });
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: keys.members(study.slug) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = { email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? undefined : t('members.errors.emailInvalid') };
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    setResult(null);
    add.mutate();
  }

  return (
    <section aria-labelledby="add-member-heading" className="section panel">
      <h2 id="add-member-heading">{t('members.addHeading')}</h2>
      <p className="small">{t('members.addExplain')}</p>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={errors} />
        <ErrorAlert error={add.error} />
        <div className="field-row">
          <TextField
            label={t('fields.email')}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            value={email}
            error={errors.email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <SelectField label={t('fields.role')} name="role" value={role} onChange={(e) => setRole(e.target.value as StudyRole)}>
            {STUDY_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={add.isPending}>
            {t('members.add')}
          </button>
        </div>
      </form>
      <StatusMessage className="success">
        {result?.response.member ? t('members.added', { name: result.response.member.name, role: roleLabel(result.response.member.role) }) : ''}
      </StatusMessage>
      {result?.response.invitationLink ? (
        <div className="result-panel">
          <h3>{t('members.invitationCreatedHeading')}</h3>
          <SecretLink label={t('members.invitationLinkLabel')} link={result.response.invitationLink}>
            <p>{t('members.invitationCreated', { email: result.email, role: roleLabel(result.role) })}</p>
            <p>
              <strong>{t('members.shownOnce')}</strong>
            </p>
          </SecretLink>
        </div>
      ) : null}
    </section>
  );
}
