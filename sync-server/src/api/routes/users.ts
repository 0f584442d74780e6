import { operations } from '@runsheet/protocol';
import { toPublicUser } from '../../auth/users.ts';
import type { ApiDeps } from '../deps.ts';
import { route } from '../router.ts';

const ops = operations.accounts;

/** Admin-only user management. */
export function userRoutes({ auth, onAccessChanged }: ApiDeps) {
  return [
    /** GET /api/users: every account. */
    route(ops.users, async (ctx) => ctx.json(200, { users: (await auth.users.list()).map(toPublicUser) })),

    /** POST /api/users {username, displayName?, password, role}: 201, or 409 username-taken. */
    route(ops.createUser, async (ctx) => {
      const body = await ctx.body();
      const user = await auth.users.create(body);
      ctx.json(201, { user: toPublicUser(user) });
    }),

    /**
     * PATCH /api/users/:id {role?, disabled?, displayName?}. Disabling ends the user's sessions; their open
     * connections close at once. 409 last-admin when it would leave no active admin.
     */
    route(ops.updateUser, async (ctx) => {
      const body = await ctx.body();
      const user = await auth.users.update(ctx.params.id, body);
      if (body.disabled === true) await auth.sessions.revokeAllFor(user.id);
      if (body.disabled !== undefined || body.role !== undefined) await onAccessChanged();
      ctx.json(200, { user: toPublicUser(user) });
    }),

    /** POST /api/users/:id/password {password}: sets a new password and signs the user out everywhere. */
    route(ops.resetPassword, async (ctx) => {
      const body = await ctx.body();
      await auth.users.setPassword(ctx.params.id, body.password);
      await auth.sessions.revokeAllFor(ctx.params.id);
      await onAccessChanged();
      ctx.noContent();
    }),
  ];
}
