import { operations } from '@runsheet/protocol';
import { AuthError } from '../../auth/errors.ts';
import { toPublicToken } from '../../auth/tokens.ts';
import type { SignedInContext } from '../context.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { route } from '../router.ts';

const ops = operations.accounts;

function requireAccount(ctx: Pick<SignedInContext, 'principal'>): void {
  if (ctx.principal.kind === 'open')
    throw new ApiError('forbidden', { message: 'Open mode has no accounts.' });
}

/** API tokens: each person manages their own; admins may list (`?all=1`) and revoke anyone's. */
export function tokenRoutes({ auth, onAccessChanged }: ApiDeps) {
  return [
    /** GET /api/tokens[?all=1]: your tokens (admins: everyone's with all=1). Never includes secrets. */
    route(ops.tokens, async (ctx) => {
      requireAccount(ctx);
      const all = ctx.queryValues.all === '1' && ctx.principal.user.role === 'admin';
      const tokens = await auth.tokens.list(all ? null : ctx.principal.user.id);
      ctx.json(200, { tokens: tokens.map(toPublicToken) });
    }),

    /** POST /api/tokens {name}: 201 with the secret, which is shown this once and never again. */
    route(ops.createToken, async (ctx) => {
      requireAccount(ctx);
      const body = await ctx.body();
      const { token, secret } = await auth.tokens.create(ctx.principal.user.id, body.name);
      ctx.json(201, { token: toPublicToken(token), secret });
    }),

    /** DELETE /api/tokens/:id: revokes it; connections using it close at once. 404 for others' tokens. */
    route(ops.revokeToken, async (ctx) => {
      requireAccount(ctx);
      const token = await auth.tokens.byId(ctx.params.id);
      const mayRevoke =
        token !== undefined &&
        (token.userId === ctx.principal.user.id || ctx.principal.user.role === 'admin');
      if (!mayRevoke) throw new AuthError('not-found');
      await auth.tokens.revoke(token.id);
      await onAccessChanged();
      ctx.noContent();
    }),
  ];
}
