/**
 * The step side panel (FV-007): one customer's step with its source,
 * content (variables filled in), execution and history. Opened from a matrix cell or any step list; the
 * open step lives in the URL (`?step=`), so it survives a reload and can be linked.
 *
 * Keys inside the panel: D mark done, S skip, R revert (the step actions' own shortcuts), Escape closes
 * an open form first, then the panel. The same actions are offered by the command palette.
 */
import { type ReleaseId, resolveStep, type StepId, setNotes } from '@runsheet/domain';
import { type KeyboardEvent, type MutableRefObject, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useActionScope } from '@/actions/scope';
import {
  deleteCustomAction,
  editCustomAction,
  type Notice,
  overrideAction,
  reopenAction,
  revertAction,
  type StepActionContext,
  type StepForm,
  skipAction,
  stepActions,
  viewOriginalAction,
} from '@/actions/step-actions';
import type { Action } from '@/actions/types';
import { actionForKey, bind, isTypingTarget } from '@/actions/types';
import { StepPresence } from '@/components/sync/presence-avatars';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { useReleaseView } from '@/data';
import { useDraft } from '@/lib/drafts';
import { useWorkspace } from '@/state/workspace-context';
import { usePresenceView } from '@/sync/presence';
import { shownContent } from './rendered-content';
import { StepContent } from './step-content';
import { stepActionContext } from './step-context';
import { StepExecution } from './step-execution';
import { StepHeader } from './step-header';
import { StepHistory } from './step-history';
import { StepSource } from './step-source';

export interface StepPanelProps {
  releaseId: ReleaseId;
  /** The open step; null when the panel is closed. */
  stepId: StepId | null;
  /** A form to open right away (e.g. "Skip" pressed in a list). */
  initialForm?: StepForm | null;
  onClose: () => void;
}

/** The action that opens each form: the form shows only while its action applies. */
const FORM_ACTIONS: Record<StepForm, Action<StepActionContext>> = {
  skip: skipAction,
  revert: revertAction,
  reopen: reopenAction,
  override: overrideAction,
  original: viewOriginalAction,
  edit: editCustomAction,
  delete: deleteCustomAction,
};

/** What the open step's body handles for the panel: its shortcuts, and Escape while a form is open. */
interface PanelKeys {
  key?: (event: KeyboardEvent) => void;
  /** True when Escape was used up (a form was closed), so the panel stays open. */
  escape?: () => boolean;
}

export function StepPanel({ releaseId, stepId, initialForm = null, onClose }: StepPanelProps) {
  const content = useRef<HTMLDivElement>(null);
  const keys = useRef<PanelKeys>({});
  // Radix returns focus to a Dialog.Trigger; the panel has none (a grid cell or a list button opens it
  // through the URL), so it remembers what had focus when it opened and goes back there on close.
  const returnTo = useRef<HTMLElement | null>(null);
  const open = stepId !== null;
  useLayoutEffect(() => {
    if (open && returnTo.current === null && document.activeElement instanceof HTMLElement) {
      returnTo.current = document.activeElement;
    }
  }, [open]);
  return (
    <Sheet open={stepId !== null} onOpenChange={(open) => !open && onClose()}>
      {stepId !== null && (
        <SheetContent
          ref={content}
          className="w-full gap-0 sm:max-w-2xl"
          onOpenAutoFocus={(event) => {
            // Focus the panel itself: the one-letter shortcuts work at once, nothing is pre-selected.
            event.preventDefault();
            if (!initialForm) content.current?.focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            const target = returnTo.current;
            returnTo.current = null;
            if (target?.isConnected) target.focus({ preventScroll: true });
          }}
          onEscapeKeyDown={(event) => {
            if (keys.current.escape?.()) event.preventDefault();
          }}
          onKeyDown={(event) => keys.current.key?.(event)}
        >
          <StepPanelBody
            key={stepId}
            releaseId={releaseId}
            stepId={stepId}
            initialForm={initialForm}
            onClose={onClose}
            keys={keys}
          />
        </SheetContent>
      )}
    </Sheet>
  );
}

function StepPanelBody({
  releaseId,
  stepId,
  initialForm,
  onClose,
  keys,
}: {
  releaseId: ReleaseId;
  stepId: StepId;
  initialForm: StepForm | null;
  onClose: () => void;
  keys: MutableRefObject<PanelKeys>;
}) {
  const live = useReleaseView(releaseId);
  const { run, writesAllowed } = useWorkspace();
  const [requested, setForm] = useState<StepForm | null>(initialForm);
  // Results are told inside the panel, not in a toast: a toast would take the next Escape for itself.
  const [notice, setNotice] = useState<Notice | null>(null);
  const [editedNotes, setEditedNotes, clearNotes] = useDraft<string | null>(`step-notes:${stepId}`, null);

  const ready = live.status === 'ready' ? live : null;
  const version = ready?.version ?? -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  const step = useMemo(() => (ready ? resolveStep(ready.state, releaseId, stepId) : null), [version, stepId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const shown = useMemo(
    () => (ready && step ? shownContent(ready.state.catalog, step) : null),
    [version, step],
  );
  const notes = editedNotes ?? step?.notes ?? '';

  const ctx: StepActionContext | null =
    ready && step && shown
      ? stepActionContext({
          step,
          releaseId,
          release: ready.release,
          state: ready.state,
          run,
          mayWrite: writesAllowed(),
          open: setForm,
          notes: () => notes,
          notify: setNotice,
          shown,
        })
      : null;

  const customer = step && ready ? ready.state.catalog.customers[step.customerId] : undefined;
  // Others see which step is open here; the panel shows who else has it open (SY-06).
  usePresenceView({ releaseId, customerId: step?.customerId ?? null, stepId });
  useActionScope('step-panel', () => ({
    title: step ? `Step: ${step.name} — ${customer?.name ?? ''}` : 'Step',
    actions: ctx ? stepActions.map((a) => bind(a, ctx)) : [],
  }));

  // A form whose action no longer applies (the override was reset, the step was marked done) goes away.
  const form = requested !== null && ctx && FORM_ACTIONS[requested].isAvailable(ctx) ? requested : null;

  keys.current = {
    escape: () => {
      if (form === null) return false;
      setForm(null);
      return true;
    },
    key: (event) => {
      if (!ctx || event.defaultPrevented || isTypingTarget(event.target)) return;
      const action = actionForKey(stepActions, event, ctx);
      if (!action) return;
      event.preventDefault();
      void action.perform(ctx);
    },
  };

  if (!ready || !step || !shown || !ctx) {
    return (
      <SheetHeader>
        <SheetTitle>{live.status === 'loading' ? 'Opening step…' : 'Step not found'}</SheetTitle>
        {live.status !== 'loading' && (
          <SheetDescription>This step does not exist in this release (any more).</SheetDescription>
        )}
      </SheetHeader>
    );
  }

  const template = step.templateId
    ? (ready.state.releases[releaseId]?.templates[step.templateId] ?? null)
    : null;
  const customerName = customer?.name ?? step.customerId;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 p-4 pb-8" data-step-id={step.id}>
      <StepHeader step={step} release={ready.release} state={ready.state} />
      <StepPresence releaseId={releaseId} stepId={step.id} />
      <PanelNotice notice={notice} />
      <StepSource
        ctx={ctx}
        template={template}
        customerName={customerName}
        form={form}
        closeForm={() => setForm(null)}
        onDeleted={onClose}
      />
      <StepContent ctx={ctx} step={step} shown={shown} customerName={customerName} />
      <StepExecution
        ctx={ctx}
        form={form}
        closeForm={() => setForm(null)}
        notes={notes}
        notesChanged={editedNotes !== null && editedNotes !== (step.notes ?? '')}
        onNotesChange={setEditedNotes}
        onSaveNotes={async () => {
          const result = await run(setNotes, { releaseId, stepId, notes });
          if (!result.ok) {
            setNotice({
              title: 'Notes not saved',
              description: result.error.message,
              variant: 'destructive',
            });
            return;
          }
          clearNotes();
          setNotice({ title: 'Notes saved' });
        }}
      />
      <StepHistory ctx={ctx} state={ready.state} version={ready.version} history={ready.history} />
    </div>
  );
}

/** The panel's live region: what the last action did (or why it was refused). */
function PanelNotice({ notice }: { notice: Notice | null }) {
  const error = notice?.variant === 'destructive';
  const text = notice ? [notice.title, notice.description].filter(Boolean).join(' — ') : '';
  return (
    <>
      <p
        role="status"
        className={text && !error ? 'rounded-md border bg-muted px-3 py-2 text-sm' : 'sr-only'}
      >
        {error ? '' : text}
      </p>
      <p
        role="alert"
        className={
          error ? 'rounded-md border border-destructive px-3 py-2 text-destructive text-sm' : 'sr-only'
        }
      >
        {error ? text : ''}
      </p>
    </>
  );
}
