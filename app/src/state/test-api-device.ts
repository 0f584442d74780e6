/**
 * The test API's second device (test-api.ts): a copy of the catalog and one release document that runs
 * commands apart from this tab, then sends what it did back as a remote update, the way a relay would.
 * Only reachable through `window.__runsheet`, so only with `?bench=1`.
 */
import { type Command, Workspace } from '@runsheet/doc';
import type { CommandContext, DomainError, Id, IdType, ReleaseId } from '@runsheet/domain';
import * as Y from 'yjs';
import type { WorkspaceApi } from './workspace-api.ts';

export interface OtherDevice<N extends string> {
  /** Runs a command on the other device; the result crosses into the test as plain JSON. */
  run(name: N, input: unknown): { ok: true; value: unknown } | { ok: false; error: DomainError };
  /** The other device's documents meet this tab's (a remote update). */
  sync(): void;
}

const REMOTE = { source: 'test-api-other-device' } as const;

function copyDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

export async function otherDevice<N extends string>(
  api: WorkspaceApi,
  releaseId: ReleaseId,
  commands: Record<N, Command<never, unknown>>,
): Promise<OtherDevice<N>> {
  await api.local.openRelease(releaseId);
  const here = api.local.workspace;
  const release = here.doc(releaseId);
  if (!release) throw new Error(`release ${releaseId} is not open`);
  const workspace = new Workspace({ catalog: copyDoc(here.catalog) });
  workspace.openRelease(releaseId, copyDoc(release));
  const ctx: CommandContext = {
    now: () => new Date().toISOString(),
    newId: <T extends IdType>(type: T) => `${type}:other${crypto.randomUUID().slice(0, 8)}` as Id<T>,
    actor: { id: 'user:other', name: 'Other device' },
    device: 'device-other',
  };
  return {
    run(name, input) {
      const result = workspace.run(commands[name] as Command<unknown, unknown>, input, ctx);
      return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
    },
    sync() {
      for (const [name, doc] of workspace.docs()) {
        const mine = here.doc(name);
        if (mine) Y.applyUpdate(mine, Y.encodeStateAsUpdate(doc), REMOTE);
      }
    },
  };
}
