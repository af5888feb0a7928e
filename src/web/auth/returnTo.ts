/** Where to go after signing in: only same-site paths, never back to the sign-in pages. */
export const HOME_PATH = '/onderzoeken';
export const RETURN_PARAM = 'volgende';

export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return HOME_PATH;
  if (value === '/' || value.startsWith('/login') || value.startsWith('/link')) return HOME_PATH;
  return value;
}

export function loginPath(returnTo?: string): string {
  const target = returnTo ? safeReturnPath(returnTo) : HOME_PATH;
  return target === HOME_PATH ? '/login' : `/login?${RETURN_PARAM}=${encodeURIComponent(target)}`;
}
