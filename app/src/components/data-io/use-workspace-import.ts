/**
 * The steps of importing a workspace file, as one small state machine for the dialog. The file is read,
 * checked and planned in a worker (import.worker.ts) against the documents it touches; on confirm the
 * worker plans again against the documents of that moment and builds the updates, which the page applies
 * and stores (apply-import.ts). "Done" is reported only once the import is in IndexedDB (IO-18), and
 * until then the header says "Saving…" and leaving the page asks first.
 */
import { fileTooLarge, MAX_IMPORT_CHARS, type Problem, reasonText } from '@runsheet/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { savingStore } from '@/components/saving/saving-store';
import { useWorkspace } from '@/state/workspace-context';
import { applyImport, ImportNotStored, snapshotDocs } from './apply-import.ts';
import { ImportWorkerClient } from './import-client.ts';
import type { ImportProgress, PlanSummary } from './import-pipeline.ts';
import type { FileFacts } from './import-protocol.ts';

export type ImportStep =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string; progress: ImportProgress }
  | { step: 'unreadable'; fileName: string; problems: Problem[]; total: number }
  | { step: 'preview'; fileName: string; facts: FileFacts; plan: PlanSummary }
  | { step: 'importing'; fileName: string; facts: FileFacts; plan: PlanSummary; progress: ImportProgress }
  | { step: 'done'; fileName: string; plan: PlanSummary }
  /** `applied`: the import is on this page but could not be stored (IndexedDB refused it). */
  | { step: 'failed'; fileName: string; message: string; applied?: boolean };

/** Progress messages come per slice of ops; the dialog needs a few a second, not hundreds. */
const PROGRESS_EVERY_MS = 100;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useWorkspaceImport() {
  const { local, writesAllowed } = useWorkspace();
  const [state, setState] = useState<ImportStep>({ step: 'idle' });
  const worker = useRef<ImportWorkerClient | null>(null);
  const lastProgress = useRef<{ at: number; phase: string }>({ at: 0, phase: '' });

  const onProgress = useCallback((progress: ImportProgress) => {
    const now = performance.now();
    const { phase, done, total } = progress;
    // A new step and the end of one always show; counts in between at most every PROGRESS_EVERY_MS.
    const between = phase === lastProgress.current.phase && total !== undefined && done !== total;
    if (between && now - lastProgress.current.at < PROGRESS_EVERY_MS) return;
    lastProgress.current = { at: now, phase };
    setState((s) => (s.step === 'reading' || s.step === 'importing' ? { ...s, progress } : s));
  }, []);

  const endWorker = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);

  // The dialog closed or the page moved on: the worker and the file it holds go with it.
  useEffect(() => endWorker, [endWorker]);

  const choose = useCallback(
    async (blob: Blob, fileName: string) => {
      endWorker();
      // A file with more than 4 bytes per allowed character is too long whatever its encoding: refuse it
      // without loading it into memory.
      if (blob.size > MAX_IMPORT_CHARS * 4) {
        setState({ step: 'unreadable', fileName, problems: [fileTooLarge(blob.size)], total: 1 });
        return;
      }
      setState({ step: 'reading', fileName, progress: { phase: 'reading' } });
      const client = new ImportWorkerClient(onProgress);
      worker.current = client;
      try {
        const read = await client.read(blob, new Date().toISOString());
        if (!read.ok) {
          endWorker();
          setState({ step: 'unreadable', fileName, problems: read.problems, total: read.totalProblems });
          return;
        }
        const { plan } = await client.plan(await snapshotDocs(local, read.facts.releaseIds));
        setState({ step: 'preview', fileName, facts: read.facts, plan });
      } catch (error) {
        endWorker();
        setState({ step: 'failed', fileName, message: messageOf(error) });
      }
    },
    [local, onProgress, endWorker],
  );

  const confirm = useCallback(async () => {
    if (state.step !== 'preview') return;
    const client = worker.current;
    const { fileName, facts } = state;
    if (!client) {
      setState({ step: 'failed', fileName, message: 'The file is no longer loaded; choose it again.' });
      return;
    }
    if (!writesAllowed()) {
      setState({ step: 'failed', fileName, message: reasonText('read-only') });
      return;
    }
    setState({ ...state, step: 'importing', progress: { phase: 'planning' } });
    const label = state.plan.mode === 'restore' ? 'Restoring the workspace' : `Importing ${fileName}`;
    // The outcome is shown after the work leaves the saving store, so the page no longer asks before
    // leaving by the time it says "restored".
    const outcome = await savingStore
      .track(label, async (): Promise<ImportStep> => {
        const built = await client.build(await snapshotDocs(local, facts.releaseIds));
        // Everything the worker held (the file, its documents) is freed before the page applies.
        endWorker();
        if (!built.ok) return { step: 'failed', fileName, message: built.message };
        try {
          await applyImport(local, built.docs, onProgress);
        } catch (error) {
          const applied = error instanceof ImportNotStored;
          return { step: 'failed', fileName, message: messageOf(error), applied };
        }
        return { step: 'done', fileName, plan: built.plan };
      })
      .catch((error: unknown): ImportStep => ({ step: 'failed', fileName, message: messageOf(error) }));
    endWorker();
    setState(outcome);
  }, [local, writesAllowed, state, onProgress, endWorker]);

  const reset = useCallback(() => {
    endWorker();
    setState({ step: 'idle' });
  }, [endWorker]);

  return { state, choose, confirm, reset };
}
