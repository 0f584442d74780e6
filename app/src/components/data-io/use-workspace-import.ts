/**
 * The steps of importing a workspace file, as one small state machine for the dialog: read the file
 * (tolerant reader), load every release it and the workspace name, plan (the preview), and on confirm run
 * `importWorkspace` through the one write path, which plans again against the state of that moment.
 */
import {
  fileTooLarge,
  type ImportFile,
  type ImportPlan,
  importWorkspace,
  MAX_IMPORT_CHARS,
  type Problem,
  planImport,
  readWorkspaceFile,
} from '@runsheet/domain';
import { useCallback, useState } from 'react';
import { useWorkspace } from '@/state/workspace-context';
import { openAllReleases, releasesOf } from './workspace-data.ts';

export type ImportStep =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'unreadable'; fileName: string; problems: Problem[]; total: number }
  | { step: 'preview'; fileName: string; file: ImportFile; plan: ImportPlan; warnings: Problem[] }
  | { step: 'importing'; fileName: string; file: ImportFile; plan: ImportPlan; warnings: Problem[] }
  | { step: 'done'; fileName: string; plan: ImportPlan }
  | { step: 'failed'; fileName: string; message: string };

export function useWorkspaceImport() {
  const { local, run } = useWorkspace();
  const [state, setState] = useState<ImportStep>({ step: 'idle' });

  const choose = useCallback(
    async (blob: Blob, fileName: string) => {
      // A file with more than 4 bytes per allowed character is too long whatever its encoding: refuse it
      // without loading it into memory.
      if (blob.size > MAX_IMPORT_CHARS * 4) {
        setState({ step: 'unreadable', fileName, problems: [fileTooLarge(blob.size)], total: 1 });
        return;
      }
      setState({ step: 'reading', fileName });
      try {
        const text = await blob.text();
        const read = readWorkspaceFile(text, { now: new Date().toISOString() });
        if (!read.ok) {
          setState({ step: 'unreadable', fileName, problems: read.problems, total: read.totalProblems });
          return;
        }
        await openAllReleases(local, releasesOf(read.file));
        const { plan } = planImport(local.state, read.file);
        setState({ step: 'preview', fileName, file: read.file, plan, warnings: read.warnings });
      } catch (error) {
        setState({
          step: 'failed',
          fileName,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    },
    [local],
  );

  const confirm = useCallback(async () => {
    if (state.step !== 'preview') return;
    setState({ ...state, step: 'importing' });
    try {
      await openAllReleases(local, releasesOf(state.file));
      const result = await run(importWorkspace, state.file);
      if (result.ok) setState({ step: 'done', fileName: state.fileName, plan: result.value });
      else setState({ step: 'failed', fileName: state.fileName, message: result.error.message });
    } catch (error) {
      setState({
        step: 'failed',
        fileName: state.fileName,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }, [local, run, state]);

  const reset = useCallback(() => setState({ step: 'idle' }), []);

  return { state, choose, confirm, reset };
}
