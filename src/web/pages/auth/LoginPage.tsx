import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../../api/endpoints';
import type { SessionInfo } from '../../api/types';
import { SETTINGS_2FA_PATH } from '../../auth/guards';
import { RETURN_PARAM, safeReturnPath } from '../../auth/returnTo';
import { useSessionActions, useSessionQuery } from '../../auth/session';
import { ErrorAlert, Loading } from '../../components/Alert';
import { TextField, TotpCodeField } from '../../components/Field';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid, type Errors } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get(RETURN_PARAM));
  const { data: session, isPending } = useSessionQuery();

  if (isPending) return <Loading />;
  if (session && !session.mfaPending) {
    return <Navigate to={session.mfaSetupRequired ? SETTINGS_2FA_PATH : returnTo} replace />;
  }
  if (session?.mfaPending) return <TotpStep returnTo={returnTo} />;
  return <PasswordStep title={t('login.title')} />;
}

function useAfterSignIn(returnTo?: string) {
  const navigate = useNavigate();
  const { applySession } = useSessionActions();
  return (info: SessionInfo) => {
    applySession(info);
    if (info.mfaPending) return; // the login page re-renders with the code step
    navigate(info.mfaSetupRequired ? SETTINGS_2FA_PATH : (returnTo ?? '/onderzoeken'), { replace: true });
  };
}

function PasswordStep({ title }: { title: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const afterSignIn = useAfterSignIn(safeReturnPath(params.get(RETURN_PARAM)));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);

  const login = useMutation({ mutationFn: authApi.login, onSuccess: afterSignIn });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {
      email: email.trim() ? undefined : t('login.errors.emailRequired'),
      password: password ? undefined : t('login.errors.passwordRequired'),
    };
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    login.mutate({ email: email.trim(), password });
  }

  return (
    <div className="narrow">
      <PageHeading>{title}</PageHeading>
      <p>{t('login.intro')}</p>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={errors} />
        <ErrorAlert error={login.error} />
        <TextField
          label={t('fields.email')}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('fields.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
      <p className="muted">{t('login.forgotten')}</p>
    </div>
  );
}

function TotpStep({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const afterSignIn = useAfterSignIn(returnTo);
  const { clearSession } = useSessionActions();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);

  const verify = useMutation({ mutationFn: authApi.totp, onSuccess: afterSignIn });
  const cancel = useMutation({ mutationFn: authApi.logout, onSettled: () => clearSession() });

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = code.replace(/\s/g, '');
    const message = /^\d{6}$/.test(value) ? undefined : t('login.errors.codeFormat');
    setError(message);
    if (message) {
      focusInvalid();
      return;
    }
    verify.mutate(value);
  }

  return (
    <div className="narrow">
      <PageHeading>{t('login.totpTitle')}</PageHeading>
      <p>{t('login.totpIntro')}</p>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={{ code: error }} />
        <ErrorAlert error={verify.error} />
        <TotpCodeField value={code} error={error} onChange={setCode} autoFocus />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={verify.isPending}>
            {t('login.verify')}
          </button>
          <button type="button" className="button-secondary" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            {t('login.otherAccount')}
          </button>
        </div>
      </form>
    </div>
  );
}
