/** buildApp(deps) → the Fastify instance with platform plugins and every module's routes. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { z } from 'zod';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from './platform/context';
import { AppError } from './platform/errors';
import { unvalidatedResponses, type App } from './http';
import { resolveSession } from './modules/auth/auth.service';
import { SESSION_COOKIE, authRoutes } from './modules/auth/auth.routes';
import { healthRoutes } from './modules/health/health.routes';
import { usersRoutes } from './modules/users/users.routes';
import { studiesRoutes } from './modules/studies/studies.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { jobsRoutes } from './modules/jobs/jobs.routes';
import { dossiersRoutes } from './modules/dossiers/dossiers.routes';
import { codingRoutes } from './modules/coding/coding.routes';
import { teamworkRoutes } from './modules/teamwork/teamwork.routes';
import { surveysRoutes } from './modules/surveys/surveys.routes';
import { analysisRoutes } from './modules/analysis/analysis.routes';
import { participantsRoutes } from './modules/participants/participants.routes';
import { legalRoutes } from './modules/legal/legal.routes';
import { reportsRoutes } from './modules/reports/reports.routes';
import { findingsRoutes } from './modules/findings/findings.routes';
import { qdpxRoutes } from './modules/qdpx/qdpx.routes';
import { reflectionRoutes } from './modules/reflection/reflection.routes';
import { impactRoutes } from './modules/impact/impact.routes';
import { demoRoutes } from './modules/demo/demo.routes';

z.config(z.locales.nl());

export interface RegisteredRoute {
  method: string;
  url: string;
  access: string;
}

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}) {
  const app = Fastify({
    loggerInstance: opts.logger === false ? undefined : deps.log,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    // Errors the router raises before any route (bad percent-encoding, over-long parameter) get the API's error shape too.
    frameworkErrors: (err, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      const message = status === 414 ? 'Het adres (URL) is te lang.' : 'Het adres (URL) is ongeldig.';
      void (reply as FastifyReply).status(status).send({ error: { code: err.code ?? 'bad_url', message, requestId: req.id } });
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  // zod checks every answer against its schema, except the 200 answers of routes declared `unvalidatedResponse`
  app.setSerializerCompiler(((r: Parameters<typeof serializerCompiler>[0]) =>
    r.httpStatus === '200' && unvalidatedResponses.has(`${r.method} ${r.url}`) ? (data: unknown) => JSON.stringify(data) : serializerCompiler(r)) as never);

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api')) return;
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url, access: (r.config as { access?: string })?.access ?? 'undeclared' });
  });
  app.decorate('tnhRoutes', routes);

  await app.register(cookie);
  // Security headers (strict CSP: no inline scripts or styles). helmet's middleware is built ONCE here and applied to
  // every reply (@fastify/helmet built it again on every request: measurable under many respondents).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await app.register(rateLimit, { global: false });
  (app as any).tnhLoginRateLimit = { max: deps.config.loginRateLimit, timeWindow: '1 minute' };
  await app.register(swagger, {
    openapi: { info: { title: 'Terug naar huis API', version: '1' }, components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } } },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);

  // Session, second factor and CSRF, before any handler runs.
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || !req.url.startsWith('/api')) return;
    const session = await resolveSession(deps, req.cookies[SESSION_COOKIE]);
    if (access === 'public') return;
    if (!session) throw new AppError('unauthenticated', 'Log eerst in. Uw sessie is verlopen of u bent niet ingelogd.', 401);
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken)
      throw new AppError('csrf', 'Het beveiligingstoken ontbreekt of klopt niet. Laad de pagina opnieuw.', 403);
    if (access !== 'mfa' && session.mfaPending) throw new AppError('mfa_required', 'Voer eerst de code uit uw app in.', 401);
    if (access !== 'mfa' && session.mfaSetupRequired)
      throw new AppError('mfa_setup_required', 'Als beheerder moet u eerst tweestapsverificatie instellen (Instellingen).', 403);
    req.session = session;
    req.actor = session.actor;
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: v.message }));
      const where = err.validationContext === 'body' ? '' : `${err.validationContext}: `;
      const first = issues[0];
      return reply.status(400).send({
        error: { code: 'validation', message: `Ongeldige invoer: ${where}${first?.path ? first.path + ' — ' : ''}${first?.message ?? ''}`.trim(), details: issues, requestId: req.id },
      });
    }
    if (err instanceof AppError) return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details, requestId: req.id } });
    const pgCode = (err as { code?: string }).code;
    if (pgCode === '23505') return reply.status(409).send({ error: { code: 'conflict', message: 'Dit bestaat al.', requestId: req.id } });
    if (pgCode && /^22/.test(pgCode)) return reply.status(400).send({ error: { code: 'invalid_value', message: 'Een waarde is ongeldig (te groot, verkeerde vorm of datum).', requestId: req.id } });
    if (!isResponseSerializationError(err) && err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const messages: Record<number, string> = {
        413: 'De verzonden gegevens zijn te groot.',
        415: 'Dit soort inhoud wordt niet ondersteund; stuur JSON.',
        429: 'Te veel pogingen in korte tijd. Wacht een minuut en probeer het opnieuw.',
      };
      const message = messages[err.statusCode] ?? (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'De verzonden JSON is ongeldig.' : 'Het verzoek is ongeldig.');
      return reply.status(err.statusCode).send({ error: { code: err.code ?? 'bad_request', message, requestId: req.id } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Er ging iets mis aan onze kant. De fout is gelogd met het kenmerk hieronder.', requestId: req.id } });
  });

  healthRoutes(app, deps);
  authRoutes(app, deps);
  usersRoutes(app, deps);
  studiesRoutes(app, deps);
  auditRoutes(app, deps);
  jobsRoutes(app, deps);
  dossiersRoutes(app, deps);
  codingRoutes(app, deps);
  teamworkRoutes(app, deps);
  surveysRoutes(app, deps);
  analysisRoutes(app, deps);
  participantsRoutes(app, deps);
  legalRoutes(app, deps);
  reportsRoutes(app, deps);
  findingsRoutes(app, deps);
  qdpxRoutes(app, deps);
  reflectionRoutes(app, deps);
  impactRoutes(app, deps);
  demoRoutes(app, deps);

  app.get('/api/docs', { schema: { hide: true } as never, config: { access: 'public' } }, async () => app.swagger());

  const hasWeb = deps.config.serveWeb && fs.existsSync(path.join(WEB_DIR, 'index.html'));
  // preCompressed: the build writes name.br and name.gz next to every text file (vite.config.ts); the hashed files
  // under assets/ never change, so browsers keep them (a respondent who resumes later loads only the API call)
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIR,
      wildcard: false,
      index: false,
      maxAge: '1h',
      preCompressed: true,
      setHeaders: (res, file) => {
        if (/[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9.]+$/.test(file)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  // the respondent page of a survey (/s#<token>): its own lean entry, not the researchers' app
  if (hasWeb && fs.existsSync(path.join(WEB_DIR, 'respond.html'))) {
    app.get('/s', { schema: { hide: true } as never, config: { access: 'public' } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('respond.html'));
  }
  // the respondent page of a reflection session (/r#<token>): its own small entry (reflect.html), like /s
  if (hasWeb && fs.existsSync(path.join(WEB_DIR, 'reflect.html'))) {
    app.get('/r', { schema: { hide: true } as never, config: { access: 'public' } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('reflect.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api')) return reply.status(404).send({ error: { code: 'not_found', message: 'Deze API-route bestaat niet.', requestId: req.id } });
    if (req.method !== 'GET') return reply.status(404).send({ error: { code: 'not_found', message: 'Niet gevonden.' } });
    if (!hasWeb) return reply.status(503).type('text/plain; charset=utf-8').send('De web-app is niet gebouwd. Voer `npm run build` uit en start opnieuw.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}

export function registeredRoutes(app: App): RegisteredRoute[] {
  return (app as unknown as { tnhRoutes: RegisteredRoute[] }).tnhRoutes;
}
