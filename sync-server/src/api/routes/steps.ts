import { randomBytes } from 'node:crypto';
import {
  type CommandContext,
  type Id,
  type IdType,
  type ReleaseId,
  randomPart,
  resolveStep,
  type StepId,
} from '@runsheet/domain';
import { canWrite, operations } from '@runsheet/protocol';
import type { Principal } from '../../auth/auth.ts';
import type { AuditedAs } from '../../relay/identity.ts';
import type { SignedInContext } from '../context.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { CommandRefusedError } from '../refusal.ts';
import { route } from '../router.ts';
import { stepView } from '../views/runsheet.ts';
import { findRelease } from './releases.ts';

/** API writes act as the token's or session's user, from the device "api" (history shows both). */
export function apiCommandContext(principal: Principal): CommandContext {
  return {
    now: () => new Date().toISOString(),
    newId: <T extends IdType>(type: T) => `${type}:${randomPart(randomBytes(16))}` as Id<T>,
    // The role lets the few admin-only commands (opening a gate early, WV-07) check it themselves too.
    actor: { id: principal.user.id, name: principal.user.displayName, role: principal.user.role },
    device: 'api',
  };
}

/** SE-11f: the caller of an API write, as the write audit names them (the same fields as a device's). */
export function apiWriter(ctx: Pick<SignedInContext, 'principal' | 'clientAddress' | 'req'>): AuditedAs {
  return {
    userId: ctx.principal.user.id,
    username: ctx.principal.user.username,
    auth: ctx.principal.kind,
    ip: ctx.clientAddress,
    userAgent: (ctx.req.headers['user-agent'] ?? '').slice(0, 512),
  };
}

const ops = operations.runsheet;
type StepOperation = typeof ops.markDone | typeof ops.skip | typeof ops.revert;

/** The registry's name (CM-01) of each write route's command. */
type StepCommandName = 'markDone' | 'skipStep' | 'revertStep';

/**
 * One step of a release, and the automation writes: mark a step done, skip it, revert it. The same domain commands as the app, run on the
 * relay's room document, so every connected device sees the change at once and history records it.
 */
export function stepRoutes(deps: ApiDeps) {
  async function change(ctx: SignedInContext<StepOperation>, name: StepCommandName): Promise<void> {
    if (!canWrite(ctx.principal.user.role))
      throw new ApiError('forbidden', { message: 'Viewers can read releases but not change steps.' });
    const release = await findRelease(deps, ctx.params.releaseId);
    const stepId = ctx.params.stepId as StepId;
    const input = await ctx.body();
    // The body was checked against the route's schema; the command checks it again with its own.
    const commandInput = { ...input, releaseId: release.id as ReleaseId, stepId } as {
      releaseId: ReleaseId;
      stepId: StepId;
      reason: string;
    };
    const result = await deps.workspace.runNamed(
      name,
      commandInput,
      apiCommandContext(ctx.principal),
      apiWriter(ctx),
    );
    if (!result.ok) throw new CommandRefusedError(result.error);
    const step = resolveStep(deps.workspace.state, release.id, stepId);
    ctx.json(200, { step: step === null ? null : stepView(step, deps.workspace.state.catalog) });
  }

  const audit = {
    action: 'api.write' as const,
    entity: (ctx: { params: Readonly<Record<string, string>> }) => ctx.params.stepId ?? '',
  };
  return [
    /** GET /api/releases/:releaseId/steps/:stepId : the step in full, as it is in that release. */
    route(
      ops.step,
      async (ctx) => {
        const release = await findRelease(deps, ctx.params.releaseId);
        await deps.workspace.openRelease(release.id);
        const step = resolveStep(deps.workspace.state, release.id, ctx.params.stepId as StepId);
        if (step === null)
          throw new ApiError('not-found', {
            message: `No step "${ctx.params.stepId}" in release "${release.id}".`,
          });
        ctx.json(200, { step: stepView(step, deps.workspace.state.catalog) });
      },
      { action: 'api.read', entity: (ctx) => ctx.params.stepId ?? '' },
    ),
    /** POST /api/releases/:releaseId/steps/:stepId/done {notes?} */
    route(ops.markDone, (ctx) => change(ctx, 'markDone'), audit),
    /** POST /api/releases/:releaseId/steps/:stepId/skip {reason} */
    route(ops.skip, (ctx) => change(ctx, 'skipStep'), audit),
    /** POST /api/releases/:releaseId/steps/:stepId/revert {reason} */
    route(ops.revert, (ctx) => change(ctx, 'revertStep'), audit),
  ];
}
