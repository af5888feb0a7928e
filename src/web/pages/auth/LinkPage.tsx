import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { fieldErrors } from '../../api/client';
import { linksApi } from '../../api/endpoints';
import { MIN_PASSWORD_LENGTH, type LinkAcceptBody, type LinkAcceptResponse, type LinkInfo } from '../../api/types';
import { SETTINGS_2FA_PATH } from '../../auth/guards';
import { useSessionActions } from '../../auth/session';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid, type Errors } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { useRoleLabel } from '../studies/roles';

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

/** Reads the secret token from the fragment (#token): fragments are never sent to a server. */
function tokenFromHash(hash: string): string | null {
  let raw: string;
  try {
    raw = decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return null;
  }
  const value = raw.startsWith('token=') ? raw.slice('token='.length) : raw;
  return TOKEN.test(value) ? value : null;
}

export function LinkPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);

  const inspect = useQuery({
    queryKey: ['link', token],
    queryFn: () => linksApi.inspect(token!),
    enabled: !!token,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });

  if (!token) {
    return (
      <div className="narrow">
        <PageHeading>{t('link.invalidTitle')}</PageHeading>
        <Alert>
          <p>{t('link.missingToken')}</p>
        </Alert>
        <p>
          <Link to="/login">{t('link.toLogin')}</Link>
        </p>
      </div>
    );
  }
  if (inspect.isPending) return <Loading />;
  if (inspect.isError) {
    return (
      <div className="narrow">
        <PageHeading>{t('link.invalidTitle')}</PageHeading>
        <ErrorAlert error={inspect.error} />
        <p>{t('link.askNewLink')}</p>
        <p>
          <Link to="/login">{t('link.toLogin')}</Link>
        </p>
      </div>
    );
  }
  return <LinkForm token={token} info={inspect.data} />;
}

function LinkForm({ token, info }: { token: string; info: LinkInfo }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const navigate = useNavigate();
  const { applySession } = useSessionActions();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);

  const isSetup = info.purpose === 'setup';
  const isInvitation = info.purpose === 'invitation';
  const existingAccount = isInvitation && info.accountExists;
  const asksName = isSetup || (isInvitation && !info.accountExists);
  const asksEmail = isSetup;
  const asksRepeat = !existingAccount;

  const [name, setName] = useState(info.name ?? '');
  const [email, setEmail] = useState(info.email ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const accept = useMutation({
    mutationFn: linksApi.accept,
    onSuccess: (session: LinkAcceptResponse) => {
      applySession(session);
      if (session.mfaPending) navigate('/login', { replace: true });
      else if (session.mfaSetupRequired) navigate(SETTINGS_2FA_PATH, { replace: true });
      else navigate(session.studySlug ? `/onderzoeken/${session.studySlug}` : '/onderzoeken', { replace: true });
    },
    onError: (error) => {
      const fields = fieldErrors(error);
      if (Object.keys(fields).length) {
        setErrors(fields);
        focusInvalid();
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (asksName && !name.trim()) next.name = t('link.errors.nameRequired');
    if (asksEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) next.email = t('link.errors.emailInvalid');
    if (!existingAccount && password.length < MIN_PASSWORD_LENGTH) next.password = t('link.errors.passwordShort', { min: MIN_PASSWORD_LENGTH });
    if (existingAccount && !password) next.password = t('link.errors.passwordRequired');
    if (asksRepeat && !next.password && repeat !== password) next.repeat = t('link.errors.repeatMismatch');
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    const body: LinkAcceptBody = { token, password };
    if (asksName) body.name = name.trim();
    if (asksEmail) body.email = email.trim();
    accept.mutate(body);
  }

  const title = isSetup ? t('link.setupTitle') : isInvitation ? t('link.invitationTitle') : t('link.resetTitle');

  return (
    <div className="narrow">
      <PageHeading>{title}</PageHeading>
      {isSetup ? <p>{t('link.setupIntro')}</p> : null}
      {info.purpose === 'password_reset' ? <p>{t('link.resetIntro', { email: info.email ?? '' })}</p> : null}
      {isInvitation ? (
        <>
          <p>
            {info.studyTitle && info.role
              ? t('link.invitationIntro', { study: info.studyTitle, role: roleLabel(info.role) })
              : t('link.invitationIntroGeneric')}
          </p>
          {info.email ? <p>{t('link.invitationAccount', { email: info.email })}</p> : null}
          <p>{existingAccount ? t('link.invitationExisting') : t('link.invitationNew')}</p>
        </>
      ) : null}

      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={errors} />
        <ErrorAlert error={accept.error} />
        {asksName ? (
          <TextField
            label={t('fields.name')}
            name="name"
            autoComplete="name"
            required
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.target.value)}
          />
        ) : null}
        {asksEmail ? (
          <TextField
            label={t('fields.email')}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            required
            value={email}
            error={errors.email}
            onChange={(e) => setEmail(e.target.value)}
          />
        ) : null}
        <TextField
          label={t('fields.password')}
          hint={existingAccount ? t('link.existingPasswordHint') : t('fields.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          name="password"
          type="password"
          autoComplete={existingAccount ? 'current-password' : 'new-password'}
          required
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {asksRepeat ? (
          <TextField
            label={t('fields.passwordRepeat')}
            name="repeat"
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            error={errors.repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={accept.isPending}>
            {t('link.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
