import { z } from 'zod';
import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import * as api from '../../../shared/api';
import * as svc from './users.service';

export function usersRoutes(app: App, deps: Deps) {
  const tags = ['admin'];
  route(app, {
    method: 'GET', url: '/api/admin/users', access: 'admin:users.manage', tags, summary: 'All accounts',
    schema: { response: { 200: z.array(api.adminUser) } },
    handler: async (req) => svc.listUsers(deps, req.actor),
  });
  route(app, {
    method: 'POST', url: '/api/admin/users', access: 'admin:users.manage', tags, summary: 'Create an account; returns a one-time link to set the password',
    schema: { body: api.createUserBody, response: { 200: z.object({ user: api.adminUser, link: z.string(), expiresAt: z.string() }) } },
    handler: async (req) => {
      const r = await svc.createUser(deps, req.actor, req.body);
      return { user: r.user, link: r.link!, expiresAt: r.expiresAt! };
    },
  });
  route(app, {
    method: 'PATCH', url: '/api/admin/users/:userId', access: 'admin:users.manage', tags, summary: 'Change name, admin right, expiry date or disable an account',
    schema: { params: api.userIdParams, body: api.updateUserBody, response: { 200: api.adminUser } },
    handler: async (req) => svc.updateUser(deps, req.actor, req.params.userId, req.body),
  });
  route(app, {
    method: 'POST', url: '/api/admin/users/:userId/reset-password', access: 'admin:users.manage', tags,
    summary: 'One-time link with which the person sets a new password; ends their sessions',
    schema: { params: api.userIdParams, response: { 200: api.linkResponse } },
    handler: async (req) => svc.issuePasswordReset(deps, req.actor, req.params.userId),
  });
  route(app, {
    method: 'GET', url: '/api/admin/settings', access: 'admin:settings.manage', tags, summary: 'Installation settings',
    schema: { response: { 200: api.installationSettings } },
    handler: async (req) => svc.getSettings(deps, req.actor),
  });
  route(app, {
    method: 'PATCH', url: '/api/admin/settings', access: 'admin:settings.manage', tags, summary: 'Change installation settings',
    schema: { body: api.installationSettings, response: { 200: api.installationSettings } },
    handler: async (req) => svc.updateSettings(deps, req.actor, req.body),
  });
}
