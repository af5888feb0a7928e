import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { meApi } from '../../api/endpoints';
import { MIN_PASSWORD_LENGTH, type Language, type TotpSetup, type User } from '../../api/types';
import { useSession, useSessionActions, useUser } from '../../auth/session';
import { Alert, ErrorAlert, StatusMessage } from '../../components/Alert';
import { SelectField, TextField, TotpCodeField } from '../../components/Field';
import { FormErrorSummary, hasErrors, useFocusFirstInvalid, type Errors } from '../../components/FormErrors';
import { PageHeading } from '../../components/PageHeading';
import { LANGUAGES, setLanguage } from '../../i18n/i18n';

export const TWO_FACTOR_ID = 'tweestapsverificatie';

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const user = useUser();
  const { hash } = useLocation();
  const setupRequired = !!session?.mfaSetupRequired;

  useEffect(() => {
    if (hash === `#${TWO_FACTOR_ID}`) document.getElementById(TWO_FACTOR_ID)?.scrollIntoView({ block: 'start' });
  }, [hash]);

  return (
    <div className="narrow-wide">
      <PageHeading>{t('settings.title')}</PageHeading>
      {setupRequired ? (
        <Alert kind="warning" title={t('settings.mfaRequiredTitle')}>
          <p>{t('settings.mfaRequiredText')}</p>
          <p>
            <a href={`#${TWO_FACTOR_ID}`}>{t('settings.mfaRequiredLink')}</a>
          </p>
        </Alert>
      ) : null}
      {/* until the second factor is set up, the server refuses everything else; the 2FA section
          keeps its place in the tree so its state survives when the other sections appear */}
      {!setupRequired ? <Profile user={user} /> : null}
      {!setupRequired ? <ChangePassword /> : null}
      <TwoFactor user={user} />
    </div>
  );
}

function Profile({ user }: { user: User }) {
  const { t } = useTranslation();
  const { updateUser } = useSessionActions();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [name, setName] = useState(user.name);
  const [language, setLang] = useState<Language>(user.language);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState('');

  const save = useMutation({
    mutationFn: meApi.update,
    onSuccess: async (updated) => {
      updateUser(updated);
      // the texts of a newly chosen language are loaded first (English is a chunk of its own)
      await setLanguage(updated.language);
      setSaved(t('settings.profileSaved', { lng: updated.language }));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved('');
    const next: Errors = { name: name.trim() ? undefined : t('settings.errors.nameRequired') };
    setErrors(next);
    if (hasErrors(next)) {
      focusInvalid();
      return;
    }
    save.mutate({ name: name.trim(), language });
  }

  return (
    <section aria-labelledby="settings-profile" className="section panel">
      <h2 id="settings-profile">{t('settings.profileHeading')}</h2>
      <p>
        {t('settings.emailIs')} <strong className="break">{user.email}</strong>
      </p>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={errors} />
        <ErrorAlert error={save.error} />
        <TextField
          label={t('fields.name')}
          name="name"
          autoComplete="name"
          required
          maxLength={120}
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('settings.language')}
          hint={t('settings.languageHint')}
          name="language"
          className="field-short"
          value={language}
          onChange={(e) => setLang(e.target.value as Language)}
        >
          {LANGUAGES.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {t(`language.name.${lng}`)}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={save.isPending}>
            {t('settings.saveProfile')}
          </button>
        </div>
        <StatusMessage>{saved}</StatusMessage>
      </form>
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState('');

  const change = useMutation({
    mutationFn: meApi.changePassword,
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      setSaved(t('settings.passwordChanged'));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved('');
    const e: Errors = {};
    if (!current) e.current = t('settings.errors.currentRequired');
    if (next.length < MIN_PASSWORD_LENGTH) e.next = t('link.errors.passwordShort', { min: MIN_PASSWORD_LENGTH });
    else if (next !== repeat) e.repeat = t('link.errors.repeatMismatch');
    setErrors(e);
    if (hasErrors(e)) {
      focusInvalid();
      return;
    }
    change.mutate({ currentPassword: current, newPassword: next });
  }

  return (
    <section aria-labelledby="settings-password" className="section panel">
      <h2 id="settings-password">{t('settings.passwordHeading')}</h2>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={errors} />
        <ErrorAlert error={change.error} />
        <TextField
          label={t('settings.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          error={errors.current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label={t('settings.newPassword')}
          hint={t('fields.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          error={errors.next}
          onChange={(e) => setNext(e.target.value)}
        />
        <TextField
          label={t('settings.repeatNewPassword')}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          error={errors.repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={change.isPending}>
            {t('settings.changePassword')}
          </button>
        </div>
        <StatusMessage>{saved}</StatusMessage>
      </form>
    </section>
  );
}

function TwoFactor({ user }: { user: User }) {
  const { t } = useTranslation();
  const [done, setDone] = useState('');
  return (
    <section id={TWO_FACTOR_ID} aria-labelledby="settings-2fa" className="section panel">
      <h2 id="settings-2fa">{t('settings.twoFactorHeading')}</h2>
      <p>{t('settings.twoFactorExplain')}</p>
      <p>
        {t('settings.twoFactorStatus')}{' '}
        <strong className={user.totpEnabled ? 'state-on' : 'state-off'}>{user.totpEnabled ? t('settings.twoFactorOn') : t('settings.twoFactorOff')}</strong>
      </p>
      {user.totpEnabled ? <DisableTwoFactor onDone={setDone} /> : <EnrolTwoFactor onDone={setDone} />}
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}

function EnrolTwoFactor({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { updateUser, patchSession, refreshSession } = useSessionActions();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const codeRef = useRef<HTMLDivElement>(null);

  const start = useMutation({
    mutationFn: meApi.totpSetup,
    onSuccess: (data) => {
      onDone('');
      setSetup(data);
    },
  });
  useEffect(() => {
    if (setup) codeRef.current?.querySelector<HTMLElement>('h3')?.focus();
  }, [setup]);

  const enable = useMutation({
    mutationFn: meApi.totpEnable,
    onSuccess: () => {
      patchSession({ mfaSetupRequired: false });
      updateUser({ totpEnabled: true });
      onDone(t('settings.twoFactorEnabled'));
      void refreshSession();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = code.replace(/\s/g, '');
    const message = /^\d{6}$/.test(value) ? undefined : t('login.errors.codeFormat');
    setError(message);
    if (message) {
      focusInvalid();
      return;
    }
    enable.mutate(value);
  }

  if (!setup) {
    return (
      <>
        <ErrorAlert error={start.error} />
        <button type="button" className="button-primary" onClick={() => start.mutate()} disabled={start.isPending}>
          {t('settings.twoFactorStart')}
        </button>
      </>
    );
  }

  return (
    <div ref={codeRef} className="totp-setup">
      <h3 tabIndex={-1}>{t('settings.twoFactorScanHeading')}</h3>
      <ol className="list">
        <li>{t('settings.twoFactorStep1')}</li>
        <li>{t('settings.twoFactorStep2')}</li>
        <li>{t('settings.twoFactorStep3')}</li>
      </ol>
      <figure className="qr-figure">
        {/* the SVG comes from our own server (qrcode library), not from user input */}
        <div className="qr" role="img" aria-label={t('settings.qrAlt')} dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
        <figcaption>
          {t('settings.manualKey')} <code className="secret break">{formatSecret(setup.secret)}</code>
        </figcaption>
      </figure>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <FormErrorSummary errors={{ code: error }} />
        <ErrorAlert error={enable.error} />
        <TotpCodeField value={code} error={error} onChange={setCode} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={enable.isPending}>
            {t('settings.twoFactorConfirm')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setSetup(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

function formatSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

function DisableTwoFactor({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { updateUser, refreshSession } = useSessionActions();
  const form = useRef<HTMLFormElement>(null);
  const focusInvalid = useFocusFirstInvalid(form);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const disable = useMutation({
    mutationFn: meApi.totpDisable,
    onSuccess: () => {
      setPassword('');
      updateUser({ totpEnabled: false });
      onDone(t('settings.twoFactorDisabled'));
      void refreshSession();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const message = password ? undefined : t('settings.errors.passwordRequired');
    setError(message);
    if (message) {
      focusInvalid();
      return;
    }
    onDone('');
    disable.mutate(password);
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="form">
      <h3>{t('settings.twoFactorDisableHeading')}</h3>
      <FormErrorSummary errors={{ password: error }} />
      <ErrorAlert error={disable.error} />
      <TextField
        label={t('settings.twoFactorDisablePassword')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        error={error}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button-danger">
          {t('settings.twoFactorDisable')}
        </button>
      </div>
    </form>
  );
}
