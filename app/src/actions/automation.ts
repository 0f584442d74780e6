/**
 * The automation hook of the benchmark (app/bench/matrix.bench.ts) and the browser tests (e2e/support/
 * seed.ts). It exists only when the page was first loaded with `?bench=1`; without it this module is
 * never even downloaded (see automation-mount.tsx).
 *
 * It adds no way around the rules: `run` is the app's one write path (domain command -> Yjs -> storage
 * and projection), restricted to the commands listed here. `fork`/`merge` play a second device: a copy
 * of the documents that runs commands apart and is then merged in as a remote update, which is how two
 * devices that were offline meet (used to show a real status conflict, MR-03).
 */
import { Workspace } from '@runsheet/doc';
import {
  activateRelease,
  addCustomStep,
  addTemplate,
  archiveCustomer,
  type CommandContext,
  createCluster,
  createCustomer,
  createRelease,
  type DomainError,
  markDone,
  overrideStep,
  type ReleaseId,
  revertStep,
  setNotes,
  skipStep,
  updateCustomer,
} from '@runsheet/domain';
import * as Y from 'yjs';
import type { WorkspaceApi } from '@/state/workspace-context';

const COMMANDS = {
  createCluster,
  createCustomer,
  createRelease,
  addTemplate,
  activateRelease,
  markDone,
  skipStep,
  revertStep,
  overrideStep,
  addCustomStep,
  setNotes,
  updateCustomer,
  archiveCustomer,
} as const;

export type AutomationCommand = keyof typeof COMMANDS;
export type AutomationResult = { ok: true; value: unknown } | { ok: false; error: DomainError };

export interface Automation {
  run(name: AutomationCommand, input: unknown, releaseId?: ReleaseId): Promise<AutomationResult>;
  /** Resolves once everything done so far is stored and projected into IndexedDB. */
  flush(): Promise<void>;
  /** A second device holding a copy of the catalog and this release as they are now. */
  fork(releaseId: ReleaseId): Promise<number>;
  runOnFork(fork: number, name: AutomationCommand, input: unknown): AutomationResult;
  /** The second device's changes arrive here as a remote update. */
  merge(fork: number): void;
}

const REMOTE = { source: 'automation-fork' } as const;

function copyDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

export function createAutomation(api: WorkspaceApi): Automation {
  const forks: { workspace: Workspace; releaseId: ReleaseId }[] = [];
  const otherDevice: CommandContext = {
    now: () => new Date().toISOString(),
    newId: (type) => `${type}:fork${Math.random().toString(36).slice(2, 12)}` as never,
    actor: { id: 'user:other', name: 'Other device' },
    device: 'device-other',
  };
  // Results cross into Playwright as JSON: keep the value and the error, drop the change.
  const plain = (r: { ok: boolean; value?: unknown; error?: DomainError }): AutomationResult =>
    r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error as DomainError };
  return {
    async run(name, input, releaseId) {
      return plain(await api.run(COMMANDS[name] as never, input as never, releaseId));
    },
    flush: () => api.local.flush(),
    async fork(releaseId) {
      await api.local.openRelease(releaseId);
      const { workspace } = api.local;
      const release = workspace.doc(releaseId);
      if (!release) throw new Error(`release ${releaseId} is not open`);
      const copy = new Workspace({ catalog: copyDoc(workspace.catalog) });
      copy.openRelease(releaseId, copyDoc(release));
      forks.push({ workspace: copy, releaseId });
      return forks.length - 1;
    },
    runOnFork(fork, name, input) {
      const f = forks[fork];
      if (!f) throw new Error(`no fork ${fork}`);
      return plain(f.workspace.run(COMMANDS[name] as never, input as never, otherDevice));
    },
    merge(fork) {
      const f = forks[fork];
      if (!f) throw new Error(`no fork ${fork}`);
      for (const [name, doc] of f.workspace.docs()) {
        const here = api.local.workspace.doc(name);
        if (here) Y.applyUpdate(here, Y.encodeStateAsUpdate(doc), REMOTE);
      }
    },
  };
}

declare global {
  interface Window {
    __runsheetAutomation?: Automation;
  }
}

export function install(api: WorkspaceApi): void {
  window.__runsheetAutomation = createAutomation(api);
}
