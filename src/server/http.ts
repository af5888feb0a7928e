/**
 * The HTTP glue shared by every module's routes: route declaration with its access level (read by the
 * route/role matrix test), the session on the request, and the JSON error shape.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { SessionState } from './modules/auth/auth.service';
import type { Actor, InstallationAction, StudyAction } from './platform/permissions';

/**
 * public: anyone; mfa: a signed-in session even before its second factor is done; session: fully signed in;
 * admin: an installation action (`admin:users.manage`); study: a study action checked on :slug (`study:audit.read`).
 */
export type Access = 'public' | 'mfa' | 'session' | `admin:${InstallationAction}` | `study:${StudyAction}`;

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionState | null;
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** login-like routes: counted per IP address */
    throttle?: boolean;
  }
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

type Schema = { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType; response?: Record<number, z.ZodType> };
type In<S extends Schema> = {
  body: S['body'] extends z.ZodType ? z.output<S['body']> : undefined;
  query: S['querystring'] extends z.ZodType ? z.output<S['querystring']> : undefined;
  params: S['params'] extends z.ZodType ? z.output<S['params']> : undefined;
};

export interface RouteDef<S extends Schema> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  schema: S;
  throttle?: boolean;
  /** a larger request body than the app's 1 MB default (uploads) */
  bodyLimit?: number;
  /** a per-IP rate limit of its own (public respondent routes), instead of the login limit of `throttle` */
  rateLimit?: { max: number; timeWindow: string };
  /**
   * Send the 200 answer with plain JSON.stringify, without zod checking it first: only for a large answer on a hot
   * path that the service builds field by field from typed rows (the coding workspace's document: 2,000 codings are
   * 18 of its 40 ms). The schema still documents it, and an integration test checks every such answer against it.
   */
  unvalidatedResponse?: boolean;
  handler: (req: FastifyRequest & In<S>, reply: FastifyReply) => Promise<unknown>;
}

/** "METHOD url" of the routes declared with `unvalidatedResponse` (read by the serializer in app.ts). */
export const unvalidatedResponses = new Set<string>();

/** Declares a route: thin — schema in, call a service, reply. */
export function route<S extends Schema>(app: App, def: RouteDef<S>) {
  const opts: RouteShorthandOptions = {
    schema: { ...def.schema, summary: def.summary, tags: def.tags } as never,
    config: { access: def.access, throttle: def.throttle || !!def.rateLimit, ...(def.rateLimit ? { rateLimit: def.rateLimit } : def.throttle ? { rateLimit: (app as any).tnhLoginRateLimit } : {}) } as never,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
  };
  if (def.unvalidatedResponse) unvalidatedResponses.add(`${def.method} ${def.url}`);
  app.route({ method: def.method, url: def.url, ...opts, handler: def.handler as never });
}

/**
 * The Content-Disposition of a download: an ASCII fallback name (anything else becomes "_", so nothing can break out
 * of the quotes) and the real name in RFC 5987 form for browsers that read it.
 */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
