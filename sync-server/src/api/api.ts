import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionCookie } from '../auth/cookies.ts';
import { credentialsFrom } from '../auth/credentials.ts';
import { AuthError } from '../auth/errors.ts';
import {
  clientAddress,
  isHttps,
  isLoopbackRequest,
  isSameOrigin,
  type RequestInfoOptions,
} from '../http/request-info.ts';
import { sendError } from '../http/respond.ts';
import { ApiContext } from './context.ts';
import type { ApiDeps } from './deps.ts';
import { API_ERRORS, ApiError } from './errors.ts';
import { CommandRefusedError } from './refusal.ts';
import { createRouter, type Route } from './router.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { entityRoutes } from './routes/entities.ts';
import { frozenRoutes } from './routes/frozen.ts';
import { historyAttestationRoutes } from './routes/history-attestations.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { releaseRoutes } from './routes/releases.ts';
import { rolloutRoutes } from './routes/rollout.ts';
import { sessionRoutes } from './routes/session.ts';
import { setupRoutes } from './routes/setup.ts';
import { stepRoutes } from './routes/steps.ts';
import { temporalRoutes } from './routes/temporal.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { webhookRoutes } from './routes/webhooks.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiOptions extends RequestInfoOptions {
  log: Pick<Console, 'error'>;
}

/** Every route of the API; the OpenAPI test walks this list. */
export function apiRoutes(deps: ApiDeps): Route[] {
  return [
    ...sessionRoutes(deps),
    ...setupRoutes(deps),
    ...authRoutes(deps),
    ...userRoutes(deps),
    ...tokenRoutes(deps),
    ...openApiRoutes(),
    ...releaseRoutes(deps),
    ...historyAttestationRoutes(deps),
    ...frozenRoutes(deps),
    ...stepRoutes(deps),
    ...rolloutRoutes(deps),
    ...inventoryRoutes(deps),
    ...entityRoutes(deps),
    ...temporalRoutes(deps),
    ...auditRoutes(deps),
    ...webhookRoutes(deps),
  ];
}

/** The JSON API under `/api`: routing, the cross-origin guard, authentication, roles, and error replies. */
export function createApiHandler(deps: ApiDeps, options: ApiOptions) {
  const routes = apiRoutes(deps);
  const match = createRouter(routes);
  const { auth } = deps;

  /** The context of the request being answered, so the error path can record its audit row too. */
  interface Current {
    ctx: ApiContext | null;
  }

  async function run(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    current: Current,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const found = match(method, pathname);
    if (found === null) throw new ApiError('not-found', { message: `No endpoint ${method} ${pathname}` });
    // RFC 9110: a 405 says which methods the resource has.
    if ('notAllowed' in found)
      throw new ApiError('method-not-allowed', { headers: { Allow: found.allow.join(', ') } });
    const { operation } = found.route;
    if (!SAFE_METHODS.has(method) && !isSameOrigin(req, options)) throw new ApiError('cross-origin');

    const authentication = await auth.authenticate(credentialsFrom(req, false));
    const principal = authentication.ok ? authentication.principal : null;
    if (operation.access !== 'public' && !authentication.ok) {
      if (authentication.reason === 'expired') throw new ApiError('session-expired');
      throw new ApiError((await auth.needsSetup()) ? 'setup-required' : 'unauthenticated');
    }
    if (operation.access === 'admin' && principal?.user.role !== 'admin') throw new ApiError('forbidden');

    const address = clientAddress(req, options);
    const ctx = new ApiContext(
      req,
      res,
      operation,
      found.params,
      new URLSearchParams((req.url ?? '').split('?')[1] ?? ''),
      principal,
      address,
      isLoopbackRequest(req, options),
      isHttps(req, options),
    );
    current.ctx = ctx;
    if (!authentication.ok && authentication.reason !== 'missing')
      ctx.credentialsProblem = authentication.reason === 'expired' ? 'expired' : 'refused';
    const audit = found.route.audit;
    if (audit !== undefined && principal !== null) {
      // Group-committed with the other rows of this event-loop turn; the answer waits for the commit.
      ctx.beforeSend = (status) =>
        deps.audit.commit({
          principal,
          action: audit.action,
          entity: audit.entity(ctx),
          ip: address,
          req,
          status,
        });
    }
    // A sliding session moved forward: the browser's cookie must live as long as the session now does.
    if (principal?.kind === 'session' && principal.renewed) {
      ctx.setCookie(
        sessionCookie(principal.secret, auth.sessions.cookieLifetimeMs(principal.session), ctx.secure),
      );
    }
    ctx.validateInput();
    await found.route.handle(ctx);
    // The answer goes out once its audit row is committed; a failed commit rejects here (500, no data).
    await ctx.answered();
  }

  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const current: Current = { ctx: null };
    try {
      await run(req, res, pathname, current);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status =
        error instanceof ApiError
          ? API_ERRORS[error.code].status
          : error instanceof AuthError
            ? API_ERRORS[error.code].status
            : error instanceof CommandRefusedError
              ? error.status
              : 500;
      try {
        await current.ctx?.runBeforeSend(status);
      } catch (auditError) {
        options.log.error('Could not record a refused access in the audit log:', auditError);
      }
      if (error instanceof CommandRefusedError) {
        sendError(res, error.status, error.code, error.message, error.field);
      } else if (error instanceof ApiError) {
        sendError(res, API_ERRORS[error.code].status, error.code, error.message, error.field, error.headers);
      } else if (error instanceof AuthError) {
        const headers: Record<string, string> =
          error.retryAfterMs === undefined
            ? {}
            : { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) };
        const { status, message } = API_ERRORS[error.code];
        sendError(res, status, error.code, message, undefined, headers);
      } else {
        options.log.error('API request failed:', req.method, pathname, error);
        sendError(res, 500, 'internal', API_ERRORS.internal.message);
      }
    }
  };
}
