import { operations } from '@runsheet/protocol';
import { sessionCookie } from '../../auth/cookies.ts';
import { AuthError } from '../../auth/errors.ts';
import { toPublicUser } from '../../auth/users.ts';
import type { ApiDeps } from '../deps.ts';
import { route } from '../router.ts';

const ops = operations.accounts;

export function setupRoutes({ auth }: ApiDeps) {
  return [
    /** GET /api/setup: does the app need its first-run page, and must it ask for the setup code? */
    route(ops.setupStatus, async (ctx) => {
      const setupRequired = await auth.needsSetup();
      ctx.json(200, { setupRequired, setupCodeRequired: setupRequired && !ctx.loopback });
    }),
    /** POST /api/setup: creates the first admin and signs them in; 409 once any user exists. */
    route(ops.setup, async (ctx) => {
      // Once set up, the endpoint is gone whatever the body says.
      if ((await auth.users.count()) > 0) throw new AuthError('already-set-up');
      const body = await ctx.body();
      const { user, secret, session } = await auth.setup(body, {
        loopback: ctx.loopback,
        clientAddress: ctx.clientAddress,
      });
      ctx.setCookie(sessionCookie(secret, auth.sessions.cookieLifetimeMs(session), ctx.secure));
      ctx.json(201, { user: toPublicUser(user), expiresAt: new Date(session.expiresAt).toISOString() });
    }),
  ];
}
