/**
 * The open step's body in the step panel (step-panel.tsx): its header, source, content, execution and
 * history, with the panel's keys and forms. A chunk of its own, loaded once the page is idle or when a
 * step opens: the code view's highlighter and the step forms are not needed for a release page's first
 * paint.
 */
import { type ReleaseId, resolveStep, type StepId, setNotes } from '@runsheet/domain';
import { type KeyboardEvent, type MutableRefObject, useMemo, useState } from 'react';
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
import { SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
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
export interface PanelKeys {
  key?: (event: KeyboardEvent) => void;
  /** True when Escape was used up (a form was closed), so the panel stays open. */
  escape?: () => boolean;
}

export function StepPanelBody({
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
