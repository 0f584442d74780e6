import {
  type CommandInput,
  type CommandName,
  type DomainError,
  type ReleaseId,
  reasonText,
  rolloutStatus,
} from '@runsheet/domain';
import { canWrite, type Operation, operations } from '@runsheet/protocol';
import type { SignedInContext } from '../context.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { CommandRefusedError } from '../refusal.ts';
import { route } from '../router.ts';
import { rolloutView } from '../views/rollout.ts';
import { findRelease } from './releases.ts';
import { apiCommandContext, apiWriter } from './steps.ts';

const ops = operations.rollout;

const waveNotFound = (): DomainError => ({
  code: 'wave-not-found',
  message: reasonText('wave-not-found'),
  field: 'waveId',
});

/** The registry's rollout commands (CM-01), run by name. */
type RolloutCommand = Extract<
  CommandName,
  | 'planWaves'
  | 'addWave'
  | 'updateWave'
  | 'deleteWave'
  | 'assignToWave'
  | 'signOffGate'
  | 'openGateEarly'
  | 'haltRollout'
  | 'resumeRollout'
>;

/**
 * The rollout of a release in waves (WV-01..WV-09): the same domain commands as the app, run on the
 * relay's room document, so every device sees a sign-off or a halt at once and history records it.
 * Each write answers the rollout as it stands after it.
 */
export function rolloutRoutes(deps: ApiDeps) {
  async function answerRollout(ctx: SignedInContext, releaseId: ReleaseId): Promise<void> {
    const status = rolloutStatus(deps.workspace.state, releaseId, { now: new Date().toISOString() });
    ctx.json(200, { rollout: rolloutView(status) });
  }

  /** Runs `command` with the body and the path's ids; viewers are refused before anything runs. */
  async function change<O extends Operation>(
    ctx: SignedInContext<O>,
    command: RolloutCommand,
    input: (body: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<void> {
    if (!canWrite(ctx.principal.user.role))
      throw new ApiError('forbidden', { message: 'Viewers can read the rollout but not change it.' });
    const params = ctx.params as Record<string, string>;
    const release = await findRelease(deps, params.releaseId ?? '');
    // DELETE takes no body: its input is the path's ids.
    const body = (ctx.operation.body === undefined ? {} : await ctx.body()) as Record<string, unknown>;
    // The body is checked by the command's own schema (CM-03); the path's ids come last, so they win.
    const commandInput = {
      ...input(body),
      releaseId: release.id,
      ...(params.waveId !== undefined && { waveId: params.waveId }),
    } as unknown as CommandInput<typeof command>;
    const result = await deps.workspace.runNamed(
      command,
      commandInput,
      apiCommandContext(ctx.principal),
      apiWriter(ctx),
    );
    if (!result.ok) throw new CommandRefusedError(result.error);
    await answerRollout(ctx as SignedInContext, release.id);
  }

  const audit = {
    action: 'api.write' as const,
    entity: (ctx: { params: Readonly<Record<string, string>> }) =>
      ctx.params.waveId ?? ctx.params.releaseId ?? '',
  };
  const same = (body: Record<string, unknown>) => body;
  return [
    /** GET /api/releases/:releaseId/rollout */
    route(
      ops.rollout,
      async (ctx) => {
        const release = await findRelease(deps, ctx.params.releaseId);
        await deps.workspace.openRelease(release.id);
        await answerRollout(ctx, release.id);
      },
      { action: 'api.read', entity: (ctx) => ctx.params.releaseId ?? '' },
    ),
    /** GET /api/releases/:releaseId/waves/:waveId */
    route(
      ops.wave,
      async (ctx) => {
        const release = await findRelease(deps, ctx.params.releaseId);
        await deps.workspace.openRelease(release.id);
        const status = rolloutStatus(deps.workspace.state, release.id, { now: new Date().toISOString() });
        const view = rolloutView(status);
        const wave = view.waves.find((w) => w.id === ctx.params.waveId);
        if (wave === undefined) throw new CommandRefusedError(waveNotFound());
        ctx.json(200, { wave, halted: view.halted });
      },
      { action: 'api.read', entity: (ctx) => ctx.params.waveId ?? ctx.params.releaseId ?? '' },
    ),
    /** POST /api/releases/:releaseId/waves {waves: [{name, select?, gate?}]} */
    route(ops.planWaves, (ctx) => change(ctx, 'planWaves', same), audit),
    /** POST /api/releases/:releaseId/add-wave {name, select?, gate?} (not under /waves/: it would read as a wave id) */
    route(ops.addWave, (ctx) => change(ctx, 'addWave', same), audit),
    /** PATCH /api/releases/:releaseId/waves/:waveId {name?, gate?} */
    route(ops.updateWave, (ctx) => change(ctx, 'updateWave', same), audit),
    /** DELETE /api/releases/:releaseId/waves/:waveId */
    route(ops.deleteWave, (ctx) => change(ctx, 'deleteWave', same), audit),
    /** POST /api/releases/:releaseId/waves/:waveId/members {select} */
    route(ops.assignToWave, (ctx) => change(ctx, 'assignToWave', same), audit),
    /** POST /api/releases/:releaseId/waves/:waveId/sign-off {note?} */
    route(ops.signOff, (ctx) => change(ctx, 'signOffGate', same), audit),
    /** POST /api/releases/:releaseId/waves/:waveId/open {reason} (admins) */
    route(ops.openEarly, (ctx) => change(ctx, 'openGateEarly', same), audit),
    /** POST /api/releases/:releaseId/halt {reason} */
    route(ops.halt, (ctx) => change(ctx, 'haltRollout', same), audit),
    /** POST /api/releases/:releaseId/resume {reason} */
    route(ops.resume, (ctx) => change(ctx, 'resumeRollout', same), audit),
  ];
}
