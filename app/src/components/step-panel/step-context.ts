/** Builds the context the step actions run with, the same way for the panel and for step lists. */
import type { CustomerStep, DomainState, Release, ReleaseId } from '@runsheet/domain';
import type { StepActionContext, StepForm } from '@/actions/step-actions';
import { copyText } from '@/components/code/copy-text';
import { rolloutLocks } from '@/components/rollout/step-lock';
import { toast } from '@/components/ui/use-toast';
import type { WorkspaceApi } from '@/state/workspace-context';
import { type ShownContent, saveTextFile, shownContent } from './rendered-content';

export interface StepContextInput {
  step: CustomerStep;
  releaseId: ReleaseId;
  release: Release;
  state: DomainState;
  run: WorkspaceApi['run'];
  /** The workspace's write gate, asked now (false for a viewer, SY-05). */
  mayWrite: boolean;
  open: (form: StepForm) => void;
  notes?: () => string;
  /** Where results are told; default: a toast. The panel says them inside itself instead. */
  notify?: StepActionContext['notify'];
  /** Already computed content (the panel shows it too). */
  shown?: ShownContent;
  /** The rollout's lock on the step (see rolloutLocks); computed here when not given. */
  lock?: string | null;
}

export function stepActionContext(input: StepContextInput): StepActionContext {
  const { step, state } = input;
  return {
    step,
    releaseId: input.releaseId,
    // LC-05: an archived release is frozen; ST-08: steps of an archived customer refuse changes; SY-05: a
    // viewer changes nothing.
    editable:
      input.mayWrite &&
      input.release.status === 'active' &&
      (state.catalog.customers[step.customerId]?.isActive ?? false),
    lock:
      input.lock !== undefined
        ? input.lock
        : rolloutLocks(state, input.releaseId, new Date().toISOString())(step.customerId),
    content: input.shown ?? shownContent(state.catalog, step),
    run: input.run,
    notes: input.notes ?? (() => ''),
    open: input.open,
    notify: input.notify ?? ((notice) => toast(notice)),
    writeClipboard: copyText,
    saveFile: saveTextFile,
  };
}
