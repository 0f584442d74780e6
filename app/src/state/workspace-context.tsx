/**
 * Opens the local data core once per tab and hands it to the views: the read model (data/read-model,
 * where every view reads live data), and `run` — the one write path (domain command -> Yjs transaction
 * -> stored, projected, sent to other tabs). Views never write the projection.
 */
import { type Failure, refuse } from '@runsheet/domain';
import {
  createContext,
  type ReactNode,
  startTransition,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { LocalData, ReadModel, ReadModelContext } from '@/data';
import { browserContext } from './command-context.ts';
import { currentActor, deviceId } from './device.ts';
import type { WorkspaceApi } from './workspace-api.ts';

export type { WorkspaceApi } from './workspace-api.ts';

const WorkspaceContext = createContext<WorkspaceApi | null>(null);

/**
 * Whether the person on this device may change anything. The sync layer knows (a viewer may not, SY-05)
 * and sets it; the one write path asks it before every command, so no screen can forget.
 */
let mayWrite: () => boolean = () => true;

export function setWriteGate(gate: () => boolean): void {
  mayWrite = gate;
}

/** For screens that disable their write actions (step actions, forms). */
export function writesAllowed(): boolean {
  return mayWrite();
}

const READ_ONLY: Failure = refuse('read-only');

let openingData: Promise<LocalData> | null = null;
/** One LocalData per tab, even under StrictMode's double effects. */
function openLocalData(): Promise<LocalData> {
  openingData ??= LocalData.open();
  return openingData;
}

/** `opening` shows until the data is open (the app passes the shell the first paint showed). */
export function WorkspaceProvider({ children, opening }: { children: ReactNode; opening: ReactNode }) {
  const [local, setLocal] = useState<LocalData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    openLocalData().then(
      // The whole page renders when the data is open: in slices (a transition), not one long task.
      (data) => live && startTransition(() => setLocal(data)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const api = useMemo<WorkspaceApi | null>(() => {
    if (!local) return null;
    const device = deviceId();
    return {
      local,
      async run(command, input) {
        if (!mayWrite()) return READ_ONLY;
        return local.runCommand(command, input, browserContext(currentActor(), device));
      },
      async runNamed(name, input) {
        if (!mayWrite()) return READ_ONLY;
        return local.runNamed(name, input, browserContext(currentActor(), device));
      },
    };
  }, [local]);
  const readModel = useMemo(() => (local ? new ReadModel(local) : null), [local]);
  // SE-13: only in builds made with VITE_RUNSHEET_TEST_API=1 (browser tests and benchmarks), and there only
  // with ?bench=1 in the URL; see test-api.ts. Vite replaces the variable at build time, so the production
  // build drops this branch and never emits the module.
  useEffect(() => {
    if (!api || import.meta.env.VITE_RUNSHEET_TEST_API !== '1') return;
    void import('./test-api.ts').then(({ installTestApi }) => installTestApi(api));
  }, [api]);

  if (error) {
    return (
      <div role="alert" className="mx-auto max-w-xl p-8">
        <h1 className="text-xl font-semibold">Runsheet could not open its local storage</h1>
        <p className="mt-2 text-muted-foreground">
          {error}. Private windows and some browser settings block IndexedDB; Runsheet keeps your work there.
        </p>
      </div>
    );
  }
  if (!api || !readModel) return opening;
  return (
    <WorkspaceContext.Provider value={api}>
      <ReadModelContext.Provider value={readModel}>{children}</ReadModelContext.Provider>
    </WorkspaceContext.Provider>
  );
}

export function useWorkspace(): WorkspaceApi {
  const api = useContext(WorkspaceContext);
  if (!api) throw new Error('useWorkspace needs a <WorkspaceProvider> above it');
  return api;
}
