import { operations } from '@runsheet/protocol';
import { clearedSessionCookie, sessionCookie } from '../../auth/cookies.ts';
import { toPublicUser } from '../../auth/users.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { route } from '../router.ts';

const ops = operations.accounts;

export function authRoutes({ auth, onAccessChanged }: ApiDeps) {
  return [
    /** POST /api/auth/login {username, password}: sets the session cookie. */
    route(ops.login, async (ctx) => {
      const body = await ctx.body();
      const { user, secret, session } = await auth.login(body.username, body.password, ctx.clientAddress);
      ctx.setCookie(sessionCookie(secret, auth.sessions.cookieLifetimeMs(session), ctx.secure));
      ctx.json(200, { user: toPublicUser(user), expiresAt: new Date(session.expiresAt).toISOString() });
    }),

    /** POST /api/auth/logout: ends this session (if any) and clears the cookie. Always 204. */
    route(ops.logout, async (ctx) => {
      if (ctx.principal?.kind === 'session') {
        await auth.sessions.revoke(ctx.principal.session.idHash);
        await onAccessChanged();
      }
      ctx.setCookie(clearedSessionCookie(ctx.secure));
      ctx.noContent();
    }),

    /** POST /api/auth/renew: moves the session's expiry to now + SESSION_TTL_HOURS and re-sends the cookie. */
    route(ops.renew, async (ctx) => {
      const principal = ctx.principal;
      if (principal.kind !== 'session') throw new ApiError('not-a-session');
      const session = await auth.sessions.renew(principal.session);
      ctx.setCookie(sessionCookie(principal.secret, auth.sessions.cookieLifetimeMs(session), ctx.secure));
      ctx.json(200, { expiresAt: new Date(session.expiresAt).toISOString() });
    }),

    /**
     * POST /api/auth/password {currentPassword, newPassword}: changes your own password, ends every other
     * sign-in of yours and signs this browser in afresh.
     */
    route(ops.changePassword, async (ctx) => {
      const principal = ctx.principal;
      if (principal.kind === 'open')
        throw new ApiError('forbidden', { message: 'Open mode has no accounts.' });
      const body = await ctx.body();
      await auth.checkCurrentPassword(principal.user, body.currentPassword);
      await auth.users.setPassword(principal.user.id, body.newPassword);
      await auth.sessions.revokeAllFor(principal.user.id);
      await onAccessChanged();
      if (principal.kind === 'session') {
        const { secret, session } = await auth.sessions.create(principal.user.id);
        ctx.setCookie(sessionCookie(secret, auth.sessions.cookieLifetimeMs(session), ctx.secure));
      }
      ctx.noContent();
    }),
  ];
}
