/** The saving store as React sees it, and the one way screens run work that must be stored. */
import type { Command } from '@runsheet/doc';
import type { CommandResult } from '@runsheet/domain';
import { useCallback, useSyncExternalStore } from 'react';
import { useWorkspace } from '@/state/workspace-context';
import { type SavingSnapshot, savingStore } from './saving-store.ts';

export function useSaving(): SavingSnapshot {
  return useSyncExternalStore(
    (listener) => savingStore.subscribe(listener),
    () => savingStore.snapshot(),
  );
}

/** The change was made here but IndexedDB refused it (full, blocked): it is not on this device yet. */
export interface NotStored {
  ok: false;
  error: { code: 'not-stored'; message: string; field?: undefined };
}

export type StoredResult<T> = CommandResult<T> | NotStored;

export function notStored(error: unknown): NotStored {
  const why = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: {
      code: 'not-stored',
      message: `The change is made on this page but this device could not store it (${why}). Keep the page open; Runsheet tries again.`,
    },
  };
}

/** A toast's title for a failed stored run: a refusal changed nothing; "not stored" did change. */
export function failureTitle(failure: { error: { code: string } }, refused: string): string {
  return failure.error.code === 'not-stored' ? 'Not saved on this device yet' : refused;
}

/**
 * `run`, then wait until the change is in IndexedDB: a screen reports a bulk change done only once a
 * reload can no longer lose it (IO-18). While it runs the header says "Saving…" with `label`.
 */
export function useStoredRun() {
  const { run, local } = useWorkspace();
  return useCallback(
    <I, T>(label: string, command: Command<I, T>, input: I) =>
      savingStore.track(label, async (): Promise<StoredResult<T>> => {
        const result = await run(command, input);
        if (!result.ok) return result;
        try {
          await local.flush();
        } catch (error) {
          return notStored(error);
        }
        return result;
      }),
    [run, local],
  );
}
