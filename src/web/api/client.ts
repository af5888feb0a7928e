/**
 * The one fetch client of the web app: JSON in, JSON out, the session cookie, the CSRF header,
 * and errors as ApiError carrying the server's code and (Dutch) human message.
 */
import i18n from '../i18n/i18n';
import type { ErrorBody } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, requestId?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.details = details;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The message to show the user for any error. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18n.t('errors.unexpected');
}

let csrfToken: string | null = null;

/** Remember the CSRF token of the current session (from login, TOTP, link accept or /api/auth/me). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** Requests that public/early.js started before the app's code arrived (same path, GET, same headers). */
type EarlyRequests = Map<string, { at: number; response: Promise<Response> }>;
const EARLY_FRESH_MS = 5_000;

/**
 * A request started early for this path, once and only while fresh and before anything was changed (a sign-in,
 * a save: answers from before it may be outdated); a failed early answer is asked again, so an answer from
 * before a sign-in is never shown after it.
 */
function takeEarly(method: Method, path: string, init: RequestInit): Promise<Response> | undefined {
  const started = (globalThis as { __tnhEarly?: EarlyRequests }).__tnhEarly;
  if (!started) return undefined;
  if (method !== 'GET') {
    started.clear();
    return undefined;
  }
  const hit = started.get(path);
  if (!hit) return undefined;
  started.delete(path);
  if (Date.now() - hit.at > EARLY_FRESH_MS) return undefined;
  return hit.response.then(
    (response) => (response.ok ? response : fetch(path, init)),
    () => fetch(path, init),
  );
}

export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal, cache: 'no-store' };
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    if (body instanceof Blob) {
      // a file sent as it is (e.g. a .qdpx upload): no base64, no JSON
      headers['content-type'] = 'application/octet-stream';
      init.body = body;
    } else {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body ?? {});
    }
  }

  let response: Response;
  try {
    response = await (takeEarly(method, path, init) ?? fetch(path, init));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', i18n.t('errors.network'));
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    if (isErrorBody(data)) {
      const { code, message, requestId, details } = data.error;
      throw new ApiError(response.status, code, message, requestId, details);
    }
    const fallback = response.status === 401 ? i18n.t('errors.unauthenticated') : i18n.t('errors.http', { status: response.status });
    throw new ApiError(response.status, `http_${response.status}`, fallback);
  }
  if (data === undefined && text) throw new ApiError(response.status, 'invalid_response', i18n.t('errors.invalidResponse'));
  return data as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', withQuery(path, query), undefined, signal);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body);
export const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, body);
export const patch = <T>(path: string, body?: unknown) => request<T>('PATCH', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

/** A file from the server (e.g. a CSV made on a POST), with the name from its content-disposition header. */
export async function requestBlob(method: Method, path: string, body?: unknown): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = {};
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network_error', i18n.t('errors.network'));
  }
  if (!response.ok) {
    let data: unknown;
    try {
      data = JSON.parse(await response.text());
    } catch {
      data = undefined;
    }
    if (isErrorBody(data)) {
      const { code, message, requestId, details } = data.error;
      throw new ApiError(response.status, code, message, requestId, details);
    }
    throw new ApiError(response.status, `http_${response.status}`, i18n.t('errors.http', { status: response.status }));
  }
  const cd = response.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)|filename="([^"]+)"/i.exec(cd);
  const filename = m ? (m[1] ? decodeURIComponent(m[1]) : m[2]) : null;
  return { blob: await response.blob(), filename };
}

/** Offers a blob to the user as a download (an object URL on a temporary link; no inline script, CSP-safe). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Field errors from a validation error's details, if the server sent them in a recognisable shape. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError) || !error.details) return result;
  const details = error.details as unknown;
  const issues: unknown[] = Array.isArray(details)
    ? details
    : typeof details === 'object' && details !== null && Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const key = Array.isArray(path) ? path[0] : typeof path === 'string' ? path.replace(/^[/.]/, '').split(/[/.]/)[0] : undefined;
    if ((typeof key === 'string' || typeof key === 'number') && typeof message === 'string' && !(String(key) in result)) {
      result[String(key)] = message;
    }
  }
  if (!Array.isArray(details) && typeof details === 'object' && details !== null) {
    const fe = (details as { fieldErrors?: unknown }).fieldErrors;
    if (typeof fe === 'object' && fe !== null) {
      for (const [key, value] of Object.entries(fe)) {
        if (Array.isArray(value) && typeof value[0] === 'string' && !(key in result)) result[key] = value[0];
      }
    }
  }
  return result;
}
