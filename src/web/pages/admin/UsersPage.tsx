import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { adminApi, keys } from '../../api/endpoints';
import type { AdminUser, CreateUserResponse, LinkResponse } from '../../api/types';
import { useUser } from '../../auth/session';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alert';
import { ConfirmButton } from '../../components/ConfirmButton';
import { CheckboxField, TextField } from '../../components/Field';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid, type Errors } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { SecretLink } from '../../components/SecretLink';
import { TableWrap } from '../../components/TableWrap';
import { formatDate, formatDateTime, toDateInput } from '../../i18n/format';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const today = () => toDateInput(new Date().toISOString());

export function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: keys.adminUsers, queryFn: ({ signal }) => adminApi.users(signal) });
  const [status, setStatus] = useState('');
  return (
    <>
      <PageHeading>{t('admin.title')}</PageHeading>
      <p className="lead">{t('admin.intro')}</p>
      <StatusMessage>{status}</StatusMessage>
      <section aria-labelledby="admin-users-heading" className="section">
        <h2 id="admin-users-heading">{t('admin.usersHeading')}</h2>
        {users.isPending ? <Loading /> : null}
        <ErrorAlert error={users.error} />
        {users.data ? <UsersTable users={users.data} onStatus={setStatus} /> : null}
      </section>
      <CreateUser />
      <InstallationSettingsForm />
    </>
  );
}

function useUserStatus() {
  const { t } = useTranslation();
  return (user: AdminUser): { label: string; tone: 'ok' | 'bad' | 'warn' } => {
    if (user.disabled) return { label: t('admin.status.disabled'), tone: 'bad' };
    if (user.expiresAt && toDateInput(user.expiresAt) < today()) return { label: t('admin.status.expired'), tone: 'bad' };
    if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
      return { label: t('admin.status.locked', { until: formatDateTime(user.lockedUntil) }), tone: 'warn' };
    }
    return { label: t('admin.status.active'), tone: 'ok' };
  };
}

function UsersTable({ users, onStatus }: { users: AdminUser[]; onStatus: (s: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const statusOf = useUserStatus();
  if (!users.length) return <p className="empty">{t('admin.noUsers')}</p>;
  const columns = 8;
  return (
    <TableWrap label={t('admin.usersCaption')}>
      <table>
        <caption className="visually-hidden">{t('admin.usersCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.name')}</th>
            <th scope="col">{t('fields.email')}</th>
            <th scope="col">{t('admin.adminColumn')}</th>
            <th scope="col">{t('admin.statusColumn')}</th>
            <th scope="col">{t('admin.twoFactorColumn')}</th>
            <th scope="col">{t('admin.expiresColumn')}</th>
            <th scope="col">{t('admin.lastLoginColumn')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const status = statusOf(user);
            const isOpen = open === user.id;
            const panelId = `user-panel-${user.id}`;
            return (
              <Fragment key={user.id}>
              <tr>
                <th scope="row">{user.name}</th>
                <td className="break">{user.email}</td>
                <td>{user.isAdmin ? t('common.yes') : t('common.no')}</td>
                <td>
                  <span className={`tag tag-${status.tone}`}>{status.label}</span>
                </td>
                <td>{user.totpEnabled ? t('settings.twoFactorOn') : t('settings.twoFactorOff')}</td>
                <td>{user.expiresAt ? formatDate(user.expiresAt) : t('admin.noExpiry')}</td>
                <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('admin.neverLoggedIn')}</td>
                <td>
                  <button
                    type="button"
                    className="button-secondary button-small"
                    aria-expanded={isOpen}
                    aria-controls={isOpen ? panelId : undefined}
                    onClick={() => setOpen(isOpen ? null : user.id)}
                  >
                    {t('admin.manage')}
                    <span className="visually-hidden"> ({user.name})</span>
                  </button>
                </td>
              </tr>
              {isOpen ? (
                <tr className="detail-row">
                  <td colSpan={columns} id={panelId}>
                    <UserEditor user={user} onStatus={onStatus} />
                  </td>
                </tr>
              ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function UserEditor({ user, onStatus }: { user: AdminUser; onStatus: (s: string) => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [name, setName] = useState(user.name);
  const [expiresAt, setExpiresAt] = useState(toDateInput(user.expiresAt));
  const [isAdmin, setIsAdmin] = useState(user.isAdmin);
  const [errors, setErrors] = useState<Errors>({});
  const [resetLink, setResetLink] = useState<LinkResponse | null>(null);
  const isMe = user.id === me.id;

  const invalidate = () => queryClient.invalidateQueries({ queryKey: keys.adminUsers });
  const update = useMutation({
    mutationFn: (body: Parameters<typeof adminApi.updateUser>[1]) => adminApi.updateUser(user.id, body),
    onSuccess: (updated, body) => {
      queryClient.setQueryData<AdminUser[]>(keys.adminUsers, (old) => old?.map((u) => (u.id === updated.id ? updated : u)));
      if (body.disabled === true) onStatus(t('admin.disabledDone', { name: updated.name }));
      else if (body.disabled === false) onStatus(t('admin.enabledDone', { name: updated.name }));
      else onStatus(t('admin.savedDone', { name: updated.name }));
      void invalidate();
    },
  });
  const reset = useMutation({
    mutationFn: () => adminApi.resetPassword(user.id),
    onSuccess: (data) => setResetLink(data),
  });
  const serverErrors = fieldErrors(update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = { name: name.trim() ? undefined : t('admin.errors.nameRequired') };
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    update.mutate({ name: name.trim(), isAdmin, expiresAt: expiresAt || null });
  }

  return (
    <div className="user-editor" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('admin.manageHeading', { name: user.name })}</h3>
      <ErrorAlert error={update.error} />
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={errors} />
        <div className="field-row">
          <TextField
            label={t('fields.name')}
            name="name"
            required
            maxLength={120}
            value={name}
            error={errors.name ?? serverErrors.name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label={t('admin.expiresAt')}
            hint={t('admin.expiresHint')}
            name="expiresAt"
            type="date"
            value={expiresAt}
            error={serverErrors.expiresAt}
            onChange={(e) => setExpiresAt(e.target.value)}
          />
        </div>
        <CheckboxField
          label={t('admin.isAdmin')}
          hint={isMe ? t('admin.isAdminSelfHint') : undefined}
          checked={isAdmin}
          onChange={(e) => setIsAdmin(e.target.checked)}
        />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={update.isPending}>
            {t('admin.saveUser')}
          </button>
        </div>
      </form>

      <div className="editor-actions">
        <div>
          <h4>{t('admin.resetHeading')}</h4>
          <p className="small">{t('admin.resetExplain')}</p>
          <ErrorAlert error={reset.error} />
          <button type="button" className="button-secondary" onClick={() => reset.mutate()} disabled={reset.isPending}>
            {t('admin.resetPassword')}
          </button>
          {resetLink ? (
            <SecretLink label={t('admin.resetLinkLabel')} link={resetLink.link}>
              <p>{t('admin.resetCreated', { name: user.name, until: formatDateTime(resetLink.expiresAt) })}</p>
              <p>
                <strong>{t('members.shownOnce')}</strong>
              </p>
            </SecretLink>
          ) : null}
        </div>
        {!isMe ? (
          <div>
            <h4>{user.disabled ? t('admin.enableHeading') : t('admin.disableHeading')}</h4>
            <p className="small">{user.disabled ? t('admin.enableExplain') : t('admin.disableExplain')}</p>
            {user.disabled ? (
              <button type="button" className="button-secondary" onClick={() => update.mutate({ disabled: false })} disabled={update.isPending}>
                {t('admin.enable')}
              </button>
            ) : (
              <ConfirmButton
                danger
                question={t('admin.disableQuestion', { name: user.name })}
                confirmLabel={t('admin.disableConfirm')}
                onConfirm={() => update.mutate({ disabled: true })}
                pending={update.isPending}
              >
                {t('admin.disable')}
              </ConfirmButton>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function CreateUser() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<CreateUserResponse | null>(null);

  const create = useMutation({
    mutationFn: adminApi.createUser,
    onSuccess: (data) => {
      setCreated(data);
      setName('');
      setEmail('');
      setExpiresAt('');
      setIsAdmin(false);
      void queryClient.invalidateQueries({ queryKey: keys.adminUsers });
    },
  });
  const serverErrors = fieldErrors(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {
      name: name.trim() ? undefined : t('admin.errors.nameRequired'),
      email: EMAIL.test(email.trim()) ? undefined : t('members.errors.emailInvalid'),
      expiresAt: expiresAt && expiresAt < today() ? t('admin.errors.expiryPast') : undefined,
    };
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    setCreated(null);
    create.mutate({ name: name.trim(), email: email.trim(), isAdmin, expiresAt: expiresAt || null });
  }

  return (
    <section aria-labelledby="admin-create-heading" className="section panel">
      <h2 id="admin-create-heading">{t('admin.createHeading')}</h2>
      <p className="small">{t('admin.createExplain')}</p>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={errors} />
        <ErrorAlert error={create.error} />
        <div className="field-row">
          <TextField
            label={t('fields.name')}
            name="name"
            required
            maxLength={120}
            autoComplete="off"
            value={name}
            error={errors.name ?? serverErrors.name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label={t('fields.email')}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            value={email}
            error={errors.email ?? serverErrors.email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <TextField
          label={t('admin.expiresAt')}
          hint={t('admin.expiresHint')}
          name="expiresAt"
          type="date"
          className="field-short"
          min={today()}
          value={expiresAt}
          error={errors.expiresAt ?? serverErrors.expiresAt}
          onChange={(e) => setExpiresAt(e.target.value)}
        />
        <CheckboxField label={t('admin.isAdmin')} hint={t('admin.isAdminHint')} checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {t('admin.create')}
          </button>
        </div>
      </form>
      {created ? (
        <div className="result-panel">
          <h3>{t('admin.createdHeading', { name: created.user.name })}</h3>
          <SecretLink label={t('admin.activationLinkLabel')} link={created.link}>
            <p>{t('admin.createdExplain', { email: created.user.email, until: formatDateTime(created.expiresAt) })}</p>
            <p>
              <strong>{t('members.shownOnce')}</strong>
            </p>
          </SecretLink>
        </div>
      ) : null}
    </section>
  );
}

function InstallationSettingsForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: keys.adminSettings, queryFn: ({ signal }) => adminApi.settings(signal) });
  const [require2fa, setRequire2fa] = useState<boolean | null>(null);
  const [saved, setSaved] = useState('');
  const save = useMutation({
    mutationFn: adminApi.updateSettings,
    onSuccess: (data) => {
      queryClient.setQueryData(keys.adminSettings, data);
      setRequire2fa(null);
      setSaved(t('admin.settingsSaved'));
      // the rule may now apply to the current administrator
      void queryClient.invalidateQueries({ queryKey: keys.session });
    },
  });
  useEffect(() => {
    if (require2fa !== null) setSaved('');
  }, [require2fa]);
  const value = require2fa ?? settings.data?.requireAdmin2fa ?? false;

  return (
    <section aria-labelledby="admin-settings-heading" className="section panel">
      <h2 id="admin-settings-heading">{t('admin.settingsHeading')}</h2>
      {settings.isPending ? <Loading /> : null}
      <ErrorAlert error={settings.error} />
      {settings.data ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ requireAdmin2fa: value });
          }}
        >
          <ErrorAlert error={save.error} />
          <CheckboxField label={t('admin.requireAdmin2fa')} hint={t('admin.requireAdmin2faHint')} checked={value} onChange={(e) => setRequire2fa(e.target.checked)} />
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={save.isPending}>
              {t('admin.saveSettings')}
            </button>
          </div>
          <StatusMessage>{saved}</StatusMessage>
        </form>
      ) : null}
    </section>
  );
}
