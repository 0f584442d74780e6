// WH-12: the watcher derives events from a ReleaseMirror kept current by the room's own transactions,
// not from a full read of the document per check. After every change (commands on the server, and a
// second device's work merged in from apart: entries landing mid-log), the events it derives equal those
// of a full read of the same document. A real server (SQLite) and a real y-websocket client.
import { type Command, readRelease, Workspace } from '@runsheet/doc';
import {
  anyCommand,
  type CommandName,
  type ReleaseId,
  type TestContext,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { releaseEvents } from '../src/webhooks/events.ts';
import { seedRelease } from './helpers/seed.ts';
import { startTestServer } from './helpers/test-server.ts';
import { stockClient, synced, until } from './helpers/y-client.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fixed "now", so both derivations see the same clock. */
const NOW = '2030-01-01T00:00:00.000Z';

const run = (workspace: Workspace, name: CommandName, input: unknown, ctx: TestContext) => {
  const result = workspace.run(anyCommand(name) as unknown as Command<unknown, unknown>, input, ctx);
  if (!result.ok) throw new Error(`${name} refused: ${result.error.code}`);
  return result.value;
};

describe('WH-12 incremental event derivation', () => {
  it('WH-12 the events derived from the mirror equal those of a full read after every change, merges included', async () => {
    const t = await startTestServer({ overrides: { webhooks: { recheckMs: 3_600_000 } } });
    cleanups.push(() => t.dispose());
    const s = await seedRelease(t.server, { clusters: 2, customersPerCluster: 2, templates: 2 });
    const room = s.releaseId;
    const roomDoc = t.server.relay.loadedRoom(room)!.doc;
    const catalogDoc = t.server.relay.loadedRoom('catalog')!.doc;
    const watcher = t.server.webhooks.watcher;
    const full = () =>
      releaseEvents(
        {
          catalog: t.server.workspace.state.catalog,
          releases: { [room]: readRelease(roomDoc, room as ReleaseId) } as never,
        },
        room,
        NOW,
      );
    const seenTypes = new Set<string>();
    const compare = () => {
      const incremental = watcher.read(room, NOW);
      expect(incremental).not.toBeNull();
      expect(incremental).toEqual(full());
      for (const event of incremental!) seenTypes.add(event.type);
    };
    const server = testContext({ device: 'server', start: '2029-12-31T10:00:00.000Z' });
    const onServer = async (name: CommandName, input: Record<string, unknown>) => {
      server.tick();
      const result = await t.server.workspace.runNamed(name, { releaseId: room, ...input } as never, server);
      if (!result.ok) throw new Error(`${name} refused: ${result.error.code}`);
      compare();
      return result.value as Record<string, unknown>;
    };
    const step = (customer: number, template: number) =>
      templateStepId(s.customerIds[customer]!, s.templateIds[template]!);

    // A second device, apart from here on: a copy of both documents as they are now.
    const apart = new Workspace({ catalog: copy(catalogDoc) });
    const apartDoc = copy(roomDoc);
    apart.openRelease(room, apartDoc);
    const device = testContext({ device: 'tablet', start: '2029-12-31T11:00:00.000Z' });

    compare();
    const planned = (await onServer('planWaves', {
      waves: [
        { name: 'Canary', select: { customerIds: [s.customerIds[0]] } },
        { name: 'Rest', gate: { previousComplete: true, signOff: true } },
      ],
    })) as { waveIds: string[] };
    await onServer('markDone', { stepId: step(0, 0) });
    await onServer('markDone', { stepId: step(0, 1) });
    await onServer('signOffGate', { waveId: planned.waveIds[1], note: 'canary fine' });
    await onServer('markDone', { stepId: step(1, 0) });

    // Apart: a halt and work on steps the server also touches, merged in through a client of the relay.
    run(apart, 'skipStep', { releaseId: room, stepId: step(2, 0), reason: 'not here' }, device);
    device.tick();
    run(apart, 'markDone', { releaseId: room, stepId: step(1, 1) }, device);
    device.tick();
    run(apart, 'haltRollout', { releaseId: room, reason: 'alarm' }, device);
    const client = stockClient(t.url, room);
    cleanups.push(() => client.destroy());
    await synced(client);
    Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(apartDoc));
    await until(roomDoc, (d) => readRelease(d, room as ReleaseId).events.some((e) => e.kind === 'skipped'));
    compare();

    await onServer('resumeRollout', { reason: 'false alarm' });
    await onServer('revertStep', { stepId: step(1, 0), reason: 'redo' });
    compare();
    // Not comparisons of empty lists: along the way the documents implied every kind of event.
    expect(seenTypes).toEqual(
      new Set([
        'gate.opened',
        'gate.ready_for_sign_off',
        'wave.completed',
        'rollout.halted',
        'rollout.resumed',
        'step.skipped',
        'step.reverted',
      ]),
    );
  });
});

function copy(doc: Y.Doc): Y.Doc {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
}
