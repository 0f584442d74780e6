import { operations } from '@runsheet/protocol';
import type { Principal } from '../../auth/auth.ts';
import { toPublicUser } from '../../auth/users.ts';
import type { ApiDeps } from '../deps.ts';
import { route } from '../router.ts';

/** The signed-in user as the app needs it at start-up. */
export function describePrincipal(principal: Principal) {
  return {
    user: toPublicUser(principal.user),
    /** How this request proved who it is; `open` in RUNSHEET_OPEN mode. */
    auth: principal.kind,
    expiresAt: principal.kind === 'session' ? new Date(principal.session.expiresAt).toISOString() : null,
  };
}

export function sessionRoutes({ auth }: ApiDeps) {
  return [
    /** GET /api/session: who am I? 200 with user and role, or 401 (`unauthenticated`, `session-expired`, `setup-required`). */
    route(operations.accounts.session, (ctx) => ctx.json(200, describePrincipal(ctx.principal))),
    /**
     * GET /api/auth/status: the same question, answered 200 either way. The app asks it at start: a
     * browser logs every 4xx as a failed request, and a visitor not signed in is not an error.
     */
    route(operations.accounts.signInStatus, async (ctx) => {
      if (ctx.principal !== null) {
        ctx.json(200, { signedIn: true, ...describePrincipal(ctx.principal) });
        return;
      }
      const setup = await auth.needsSetup();
      ctx.json(200, {
        signedIn: false,
        reason: setup
          ? 'setup-required'
          : ctx.credentialsProblem === 'expired'
            ? 'session-expired'
            : 'unauthenticated',
        setupCodeRequired: setup && !ctx.loopback,
      });
    }),
  ];
}
