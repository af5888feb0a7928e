import type { FastifyReply } from 'fastify';
import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as svc from './auth.service';
import { AppError } from '../../platform/errors';
import { SESSION_ABSOLUTE_HOURS } from './auth.service';

export const SESSION_COOKIE = 'tnh_session';

export function setSessionCookie(deps: Deps, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: SESSION_ABSOLUTE_HOURS * 3600,
  });
}

export function authRoutes(app: App, deps: Deps) {
  const tags = ['auth'];
  route(app, {
    method: 'POST', url: '/api/auth/login', access: 'public', throttle: true, tags,
    summary: 'Sign in with e-mail and password; starts a session (cookie)',
    schema: { body: api.loginBody, response: { 200: api.sessionInfo } },
    handler: async (req, reply) => {
      const { token, info } = await svc.login(deps, req.body, req.headers['user-agent'] ?? null);
      setSessionCookie(deps, reply, token);
      return info;
    },
  });
  route(app, {
    method: 'POST', url: '/api/auth/totp', access: 'mfa', throttle: true, tags,
    summary: 'Second step of signing in: the 6-digit code from the authenticator app',
    schema: { body: api.totpBody, response: { 200: api.sessionInfo } },
    handler: async (req) => svc.completeTotpLogin(deps, svc.requireSession(req.session), req.body.code),
  });
  route(app, {
    method: 'POST', url: '/api/auth/logout', access: 'mfa', tags, summary: 'Sign out', schema: { response: { 200: api.ok } },
    handler: async (req, reply) => {
      await svc.logout(deps, req.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'GET', url: '/api/auth/me', access: 'mfa', tags, summary: 'The signed-in user and the CSRF token',
    schema: { response: { 200: api.sessionInfo } },
    handler: async (req) => svc.sessionInfo(svc.requireSession(req.session)),
  });
  route(app, {
    method: 'PATCH', url: '/api/me', access: 'session', tags, summary: 'Change own name or language',
    schema: { body: api.updateMeBody, response: { 200: api.user } },
    handler: async (req) => svc.updateMe(deps, svc.requireSession(req.session), req.body),
  });
  route(app, {
    method: 'POST', url: '/api/me/password', access: 'session', throttle: true, tags, summary: 'Change own password',
    schema: { body: api.changePasswordBody, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.changePassword(deps, svc.requireSession(req.session), req.body);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: '/api/me/totp/setup', access: 'mfa', tags, summary: 'Create a new TOTP secret (not active until confirmed)',
    schema: { response: { 200: api.totpSetupResponse } },
    handler: async (req) => svc.totpSetup(deps, fullOrSetup(req.session)),
  });
  route(app, {
    method: 'POST', url: '/api/me/totp/enable', access: 'mfa', throttle: true, tags, summary: 'Confirm the TOTP secret with a code',
    schema: { body: api.totpBody, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.totpEnable(deps, fullOrSetup(req.session), req.body.code);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: '/api/me/totp/disable', access: 'session', throttle: true, tags, summary: 'Turn the second factor off (password required)',
    schema: { body: api.totpDisableBody, response: { 200: api.ok } },
    handler: async (req) => {
      await svc.totpDisable(deps, svc.requireSession(req.session), req.body.password);
      return { ok: true as const };
    },
  });
  route(app, {
    method: 'POST', url: '/api/links/inspect', access: 'public', throttle: true, tags, summary: 'What a one-time link is for',
    schema: { body: api.linkInspectBody, response: { 200: api.linkInfo } },
    handler: async (req) => svc.inspectLink(deps, req.body.token),
  });
  route(app, {
    method: 'POST', url: '/api/links/accept', access: 'public', throttle: true, tags,
    summary: 'Use a one-time link: create the first administrator, set a new password, or accept an invitation',
    schema: { body: api.linkAcceptBody, response: { 200: api.linkAcceptResponse } },
    handler: async (req, reply) => {
      const { token, info, studySlug } = await svc.acceptLink(deps, req.body, req.headers['user-agent'] ?? null);
      setSessionCookie(deps, reply, token);
      return { ...info, studySlug };
    },
  });
}

/** Enrolling a second factor is allowed for a full session and for an admin who must enrol, not mid-login. */
function fullOrSetup(s: svc.SessionState | null): svc.SessionState {
  const session = svc.requireSession(s);
  if (session.mfaPending) throw new AppError('mfa_required', 'Voer eerst de code uit uw app in.', 401);
  return session;
}
