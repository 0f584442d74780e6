/**
 * What can be done to one customer step (the actions by source of FV-007, and FET-001..FET-004). Each
 * action knows when it is available (the status machine SS-01, BR-R03 "done locks content", SS-02 for
 * override/reset, FCS-006 for custom steps), so buttons hide what the domain would refuse anyway; the
 * domain still checks every command.
 */
import {
  type CustomerStep,
  markDone,
  type ReleaseId,
  resetToTemplate,
  type VariableProblem,
} from '@runsheet/domain';
import {
  Check,
  ClipboardCopy,
  Download,
  FileDiff,
  PencilLine,
  RotateCcw,
  SkipForward,
  Trash2,
  Undo2,
  Unlink,
} from 'lucide-react';
import type { WorkspaceApi } from '@/state/workspace-context';
import { type Action, plainKey } from './types';

/** The forms an action can open (they ask for a reason, content, or a confirmation). */
export type StepForm = 'skip' | 'revert' | 'reopen' | 'override' | 'original' | 'edit' | 'delete';

/** The step's content with this customer's variables filled in, and where it is meant to run. */
export interface RenderedContent {
  text: string;
  unknown: readonly VariableProblem[];
  /** "cluster / namespace", shown beside every Copy and Download. */
  target: string;
  fileName: string;
}

export interface Notice {
  title: string;
  description?: string;
  variant?: 'default' | 'destructive';
}

export interface StepActionContext {
  step: CustomerStep;
  releaseId: ReleaseId;
  /** The release is active and the customer is not archived (LC-05, ST-08). */
  editable: boolean;
  /**
   * Why the step's wave refuses done and skip now (WV-05 `wave-not-open`, WV-08 halted), naming the wave
   * and what its gate waits for; null when it does not. Read, copy and download stay available.
   */
  lock: string | null;
  content: RenderedContent;
  run: WorkspaceApi['run'];
  /** Notes typed in the panel, recorded with Mark done (FET-001). */
  notes: () => string;
  open: (form: StepForm) => void;
  notify: (notice: Notice) => void;
  writeClipboard: (text: string) => Promise<void>;
  saveFile: (fileName: string, text: string) => void;
}

const pending = (c: StepActionContext) => c.step.status === 'pending';
const isTemplateStep = (c: StepActionContext) => !c.step.isCustom && c.step.templateId !== null;

export const markDoneAction: Action<StepActionContext> = {
  id: 'step.markDone',
  label: 'Mark done',
  keys: ['D'],
  icon: Check,
  keyTest: (e) => plainKey(e, 'd'),
  isAvailable: (c) => c.editable && c.lock === null && c.step.status !== 'done',
  async perform(c) {
    const notes = c.notes().trim();
    const result = await c.run(markDone, {
      releaseId: c.releaseId,
      stepId: c.step.id,
      ...(notes ? { notes } : {}),
    });
    if (!result.ok) {
      c.notify({ title: 'Not marked done', description: result.error.message, variant: 'destructive' });
      return;
    }
    const unfilled = result.value.unknownVariables.length;
    c.notify({
      title: `${c.step.name} done for ${c.content.target}`,
      description: unfilled > 0 ? `${unfilled} variable(s) were not filled in; see the history.` : undefined,
    });
  },
};

export const skipAction: Action<StepActionContext> = {
  id: 'step.skip',
  label: 'Skip…',
  keys: ['S'],
  icon: SkipForward,
  keyTest: (e) => plainKey(e, 's'),
  // SS-01: pending or reverted can be skipped; done is locked, skipped already is.
  isAvailable: (c) => c.editable && c.lock === null && (pending(c) || c.step.status === 'reverted'),
  perform: (c) => c.open('skip'),
};

export const revertAction: Action<StepActionContext> = {
  id: 'step.revert',
  label: 'Revert…',
  keys: ['R'],
  icon: Undo2,
  keyTest: (e) => plainKey(e, 'r'),
  isAvailable: (c) => c.editable && c.step.status === 'done',
  perform: (c) => c.open('revert'),
};

export const reopenAction: Action<StepActionContext> = {
  id: 'step.reopen',
  label: 'Reopen…',
  icon: RotateCcw,
  // ST-05: a step of a deleted template would vanish as pending, so it cannot be reopened.
  isAvailable: (c) =>
    c.editable && (c.step.status === 'skipped' || c.step.status === 'reverted') && !c.step.templateDeleted,
  perform: (c) => c.open('reopen'),
};

export const overrideAction: Action<StepActionContext> = {
  id: 'step.override',
  label: (c) => (c.step.isOverridden ? 'Edit override' : 'Override content'),
  icon: PencilLine,
  // SS-02: only a pending template step; done is locked, skipped/reverted must be reopened first.
  isAvailable: (c) => c.editable && isTemplateStep(c) && pending(c) && !c.step.templateDeleted,
  perform: (c) => c.open('override'),
};

export const viewOriginalAction: Action<StepActionContext> = {
  id: 'step.viewOriginal',
  label: 'View original',
  icon: FileDiff,
  isAvailable: (c) => isTemplateStep(c) && c.step.isOverridden,
  perform: (c) => c.open('original'),
};

export const resetAction: Action<StepActionContext> = {
  id: 'step.resetToTemplate',
  label: 'Reset to template',
  icon: Unlink,
  isAvailable: (c) => c.editable && c.step.isOverridden && pending(c),
  async perform(c) {
    const result = await c.run(resetToTemplate, { releaseId: c.releaseId, stepId: c.step.id });
    c.notify(
      result.ok
        ? { title: `${c.step.name} follows the template again` }
        : { title: 'Not reset', description: result.error.message, variant: 'destructive' },
    );
  },
};

export const editCustomAction: Action<StepActionContext> = {
  id: 'step.editCustom',
  label: 'Edit',
  icon: PencilLine,
  // FCS-006 / BR-R03: a done custom step is history and can be neither edited nor deleted.
  isAvailable: (c) => c.editable && c.step.isCustom && c.step.status !== 'done',
  perform: (c) => c.open('edit'),
};

export const deleteCustomAction: Action<StepActionContext> = {
  id: 'step.deleteCustom',
  label: 'Delete…',
  icon: Trash2,
  tone: 'destructive',
  isAvailable: (c) => c.editable && c.step.isCustom && c.step.status !== 'done',
  perform: (c) => c.open('delete'),
};

export const copyAction: Action<StepActionContext> = {
  id: 'step.copy',
  label: 'Copy',
  icon: ClipboardCopy,
  isAvailable: () => true,
  async perform(c) {
    try {
      await c.writeClipboard(c.content.text);
      c.notify({ title: `Copied for ${c.content.target}`, description: unfilledWarning(c.content) });
    } catch {
      c.notify({
        title: 'Could not copy',
        description: 'The browser refused access to the clipboard. Select the text and copy it instead.',
        variant: 'destructive',
      });
    }
  },
};

export const downloadAction: Action<StepActionContext> = {
  id: 'step.download',
  label: 'Download',
  icon: Download,
  isAvailable: () => true,
  perform(c) {
    c.saveFile(c.content.fileName, c.content.text);
    c.notify({ title: `Saved ${c.content.fileName}`, description: unfilledWarning(c.content) });
  },
};

function unfilledWarning(content: RenderedContent): string | undefined {
  const n = content.unknown.length;
  return n > 0 ? `It still contains ${n} variable(s) that could not be filled in.` : undefined;
}

/** Every step action, in the order the palette lists them. */
export const stepActions: readonly Action<StepActionContext>[] = [
  markDoneAction,
  skipAction,
  revertAction,
  reopenAction,
  overrideAction,
  viewOriginalAction,
  resetAction,
  editCustomAction,
  deleteCustomAction,
  copyAction,
  downloadAction,
];
