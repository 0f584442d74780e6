/**
 * Restore or import a workspace file: choose the file, see what it would do, confirm. Into an empty
 * workspace it is a restore; into a used one a merge. Nothing changes before "confirm"; the import is
 * planned and built off the page's thread and stored whole (IO-05, IO-19), and "restored" is said only
 * once it is stored (IO-18). Each step shows how far it got.
 */
import { type ChangeEvent, useEffect, useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { count } from '@/lib/count';
import { ImportPreview, ProblemList } from './import-preview.tsx';
import { ImportProgressView } from './import-progress.tsx';
import { type ImportStep, useWorkspaceImport } from './use-workspace-import.ts';

function title(state: ImportStep): string {
  if (state.step === 'preview' || state.step === 'importing')
    return state.plan.mode === 'restore' ? 'Restore into this empty workspace' : 'Merge into this workspace';
  if (state.step === 'done') return state.plan.mode === 'restore' ? 'Workspace restored' : 'Import finished';
  return 'Restore or import a backup';
}

function doneText(state: Extract<ImportStep, { step: 'done' }>): string {
  const { added, changed } = state.plan.totals;
  if (added === 0 && changed === 0)
    return 'Nothing changed: this workspace already had everything in the file.';
  return `Imported ${count(added, 'new record')} and ${count(changed, 'change')} from ${state.fileName}.`;
}

export function ImportDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { state, choose, confirm, reset } = useWorkspaceImport();
  const inputId = useId();
  const busy = state.step === 'reading' || state.step === 'importing';
  const doneButton = useRef<HTMLButtonElement>(null);

  // The confirm button had focus and is gone: focus goes to the one action left, not to the page.
  useEffect(() => {
    if (state.step === 'done') doneButton.current?.focus();
  }, [state.step]);

  function close(next: boolean) {
    if (busy) return;
    if (!next) reset();
    onOpenChange(next);
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) void choose(file, file.name);
    event.target.value = '';
  }

  const preview = state.step === 'preview' || state.step === 'importing' ? state : null;
  const nothingToDo =
    preview !== null && preview.plan.totals.added === 0 && preview.plan.totals.changed === 0;

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>{title(state)}</DialogTitle>
          <DialogDescription>
            Into an empty workspace a backup restores it. Into this one it merges: new records are added, and
            you see every change before anything happens.
          </DialogDescription>
        </DialogHeader>

        {state.step !== 'done' && !preview && (
          <div className="grid gap-1.5">
            <Label htmlFor={inputId}>Backup file (.json)</Label>
            <Input
              id={inputId}
              type="file"
              accept=".json,application/json"
              onChange={onFile}
              disabled={busy}
            />
          </div>
        )}

        <div aria-live="polite" className="grid gap-3">
          {state.step === 'reading' && (
            <ImportProgressView fileName={state.fileName} progress={state.progress} />
          )}
          {state.step === 'unreadable' && <ProblemList problems={state.problems} total={state.total} />}
          {state.step === 'failed' && (
            <p role="alert" className="text-destructive text-sm">
              The import failed: {state.message}
              {state.applied ? '' : ' Nothing was changed.'}
            </p>
          )}
          {preview && (
            <>
              <p className="text-sm">
                From <span className="font-medium">{preview.fileName}</span>
                {preview.facts.exportedAt ? `, exported ${preview.facts.exportedAt.slice(0, 10)}` : ''}
                {preview.facts.version < 1 ? ' (an older format, converted on reading)' : ''}.
              </p>
              {preview.plan.totalProblems > 0 ? (
                <ProblemList problems={preview.plan.problems} total={preview.plan.totalProblems} />
              ) : (
                <ImportPreview plan={preview.plan} warnings={preview.facts.warnings} />
              )}
              {state.step === 'importing' && (
                <ImportProgressView fileName={preview.fileName} progress={state.progress} />
              )}
              {nothingToDo && preview.plan.totalProblems === 0 && (
                <p className="text-sm">
                  Nothing to import: this workspace already has everything in the file.
                </p>
              )}
            </>
          )}
          {state.step === 'done' && <p className="text-sm">{doneText(state)}</p>}
        </div>

        <DialogFooter>
          {state.step === 'done' ? (
            <Button ref={doneButton} onClick={() => close(false)}>
              Close
            </Button>
          ) : (
            <>
              <Button variant="outline" onClick={() => close(false)} disabled={busy}>
                Cancel
              </Button>
              {preview && (
                <Button
                  onClick={() => void confirm()}
                  disabled={busy || nothingToDo || preview.plan.totalProblems > 0}
                >
                  {preview.plan.mode === 'restore' ? 'Restore workspace' : 'Import into this workspace'}
                </Button>
              )}
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
