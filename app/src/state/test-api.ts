/**
 * `window.__runsheet`: a tiny handle on the one write path for the benchmark and browser tests. It lets a
 * script seed 1,000 customers, or a release with progress, through the same domain commands the UI runs.
 *
 * It exists only in builds made for tests and benchmarks (`VITE_RUNSHEET_TEST_API=1`, `build:test`; SE-13),
 * and there only when the page was opened with `?bench=1` (docs/BENCHMARKS.md, "Catalog lists"). The
 * bundle `npm start` serves never contains it (scripts/check-no-test-api.mjs checks the build).
 */
import { COMMANDS, type CommandResult, isCommandName, type ReleaseId } from '@runsheet/domain';
import { type OtherDevice, otherDevice } from './test-api-device';
import type { WorkspaceApi } from './workspace-api.ts';

/** Any command of the registry (CM-01), by its name; the input names the release to open (CM-02). */
export type TestCommandName = keyof typeof COMMANDS;

export interface RunsheetTestApi {
  run(name: TestCommandName, input: unknown): Promise<CommandResult<unknown>>;
  /** Resolves once everything run so far is stored and projected (what the lists read). */
  flush(): Promise<void>;
  /**
   * A second device that has seen this one's documents as they are now; its commands are merged back as
   * a remote update (how two devices that worked apart meet, e.g. for a status conflict, MR-03).
   */
  otherDevice(releaseId: ReleaseId): Promise<OtherDevice<TestCommandName>>;
}

declare global {
  interface Window {
    __runsheet?: RunsheetTestApi;
  }
}

export function testApiRequested(search: string): boolean {
  return new URLSearchParams(search).get('bench') === '1';
}

/** Read once when the app starts: the router may tidy the parameter out of the URL right after. */
const requestedAtStart = typeof window !== 'undefined' && testApiRequested(window.location.search);

export function installTestApi(api: WorkspaceApi): void {
  if (!requestedAtStart) return;
  window.__runsheet = {
    run(name, input) {
      if (!isCommandName(name)) return Promise.reject(new Error(`unknown command ${String(name)}`));
      return api.runNamed(name, input as never) as Promise<CommandResult<unknown>>;
    },
    flush: () => api.local.flush(),
    otherDevice: (releaseId) => otherDevice(api, releaseId, COMMANDS),
  };
}
