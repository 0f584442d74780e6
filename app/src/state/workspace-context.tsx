/**
 * Hands the local data core (opened once per tab by the composition root, compose.ts) to the views: the
 * read model (data/read-model, where every view reads live data), and `run` — the one write path (domain
 * command -> Yjs transaction -> stored, projected, sent to other tabs). Views never write the projection.
 */
import { type Failure, refuse } from '@runsheet/domain';
import type { Role } from '@runsheet/protocol';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { type LocalData, ReadModel, ReadModelContext, type ReadModelOptions } from '@/data';
import { browserContext } from './command-context.ts';
import { currentActor, deviceId } from './device.ts';
import type { WorkspaceApi } from './workspace-api.ts';

export type { WorkspaceApi } from './workspace-api.ts';

const WorkspaceContext = createContext<WorkspaceApi | null>(null);

const READ_ONLY: Failure = refuse('read-only');

/**
 * `writesAllowed` is the write gate: whether the person on this device may change anything. The sync
 * layer knows (a viewer may not, SY-05); the composition root passes its answer here, and the one write
 * path asks it before every command, so no screen can forget.
 */
export function WorkspaceProvider({
  local,
  writesAllowed,
  actorRole = noRole,
  fetchFrozen,
  readModel: given,
  children,
}: {
  local: LocalData;
  writesAllowed: () => boolean;
  /** The signed-in account's role, passed to every command (undefined: never signed in). */
  actorRole?: () => Role | undefined;
  /** FZ-09: archived releases this device has nothing of are read from the relay's snapshot. */
  fetchFrozen?: ReadModelOptions['fetchFrozen'];
  /** The read model when the composition root made it (it may start reading before this renders). */
  readModel?: ReadModel;
  children: ReactNode;
}) {
  const api = useMemo<WorkspaceApi>(
    () => workspaceApi(local, writesAllowed, actorRole, deviceId()),
    [local, writesAllowed, actorRole],
  );
  const readModel = useMemo(
    () => given ?? new ReadModel(local, fetchFrozen ? { fetchFrozen } : {}),
    [given, local, fetchFrozen],
  );
  // SE-13: only in builds made with VITE_RUNSHEET_TEST_API=1 (browser tests and benchmarks), and there only
  // with ?bench=1 in the URL; see test-api.ts. Vite replaces the variable at build time, so the production
  // build drops this branch and never emits the module.
  useEffect(() => {
    if (import.meta.env.VITE_RUNSHEET_TEST_API !== '1') return;
    void import('./test-api.ts').then(({ installTestApi }) => installTestApi(api));
  }, [api]);

  return (
    <WorkspaceContext.Provider value={api}>
      <ReadModelContext.Provider value={readModel}>{children}</ReadModelContext.Provider>
    </WorkspaceContext.Provider>
  );
}

const noRole = (): Role | undefined => undefined;

/**
 * The one write path: the write gate first, then the command with who acts (with their role) on this
 * device. Every screen, the palette and the test API write through it.
 */
export function workspaceApi(
  local: LocalData,
  writesAllowed: () => boolean,
  actorRole: () => Role | undefined,
  device: string,
): WorkspaceApi {
  const context = () => browserContext(currentActor(), device, actorRole());
  return {
    local,
    writesAllowed,
    async run(command, input) {
      if (!writesAllowed()) return READ_ONLY;
      return local.runCommand(command, input, context());
    },
    async runNamed(name, input) {
      if (!writesAllowed()) return READ_ONLY;
      return local.runNamed(name, input, context());
    },
  };
}

/** Shown instead of the app when the local data could not be opened. */
export function StorageFailure({ message }: { message: string }) {
  return (
    <div role="alert" className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-semibold">Runsheet could not open its local storage</h1>
      <p className="mt-2 text-muted-foreground">
        {message}. Private windows and some browser settings block IndexedDB; Runsheet keeps your work there.
      </p>
    </div>
  );
}

export function useWorkspace(): WorkspaceApi {
  const api = useContext(WorkspaceContext);
  if (!api) throw new Error('useWorkspace needs a <WorkspaceProvider> above it');
  return api;
}
