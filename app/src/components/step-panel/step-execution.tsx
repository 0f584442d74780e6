/**
 * EXECUTION (FV-007): notes, Mark done / Skip / Revert / Reopen, and the reason forms.
 * The buttons are the named step actions; the forms run the commands that need a reason.
 */

import { reopenStep, revertStep, skipStep } from '@runsheet/domain';
import {
  markDoneAction,
  reopenAction,
  revertAction,
  type StepActionContext,
  type StepForm,
  skipAction,
} from '@/actions/step-actions';
import { ReasonForm } from '@/components/form/reason-form';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { formatWhen } from '@/lib/format-when';

export interface StepExecutionProps {
  ctx: StepActionContext;
  form: StepForm | null;
  closeForm: () => void;
  notes: string;
  notesChanged: boolean;
  onNotesChange: (value: string) => void;
  onSaveNotes: () => void;
}

export function StepExecution({
  ctx,
  form,
  closeForm,
  notes,
  notesChanged,
  onNotesChange,
  onSaveNotes,
}: StepExecutionProps) {
  const { step, releaseId, run } = ctx;
  const notesId = `notes-${step.id}`;
  const lockId = `lock-${step.id}`;
  // Only where done or skip would otherwise be offered: a done step's lock does not matter here.
  const lockShown = ctx.editable && ctx.lock !== null && step.status !== 'done';
  const reasonCommand = async (
    command: typeof skipStep | typeof revertStep,
    reason: string,
    done: string,
  ) => {
    const result = await run(command, { releaseId, stepId: step.id, reason });
    if (!result.ok) return result.error;
    closeForm();
    ctx.notify({ title: done });
    return null;
  };

  return (
    <section aria-labelledby="step-execution" className="grid gap-3">
      <h3 id="step-execution" className="font-semibold text-muted-foreground text-xs uppercase tracking-wide">
        Execution
      </h3>
      <StatusDetails ctx={ctx} />
      <div className="grid gap-1.5">
        <Label htmlFor={notesId}>Notes</Label>
        <Textarea
          id={notesId}
          value={notes}
          rows={2}
          placeholder="What happened when you ran it"
          disabled={!ctx.editable}
          onChange={(event) => onNotesChange(event.target.value)}
        />
        {notesChanged && (
          <div>
            <Button size="sm" variant="secondary" onClick={onSaveNotes}>
              Save notes
            </Button>
          </div>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        {/* Locked by the rollout: shown disabled with the reason, so nobody wonders where they went. */}
        <ActionButton
          action={markDoneAction}
          ctx={ctx}
          variant="default"
          showDisabled={lockShown}
          aria-describedby={lockShown ? lockId : undefined}
        />
        <ActionButton
          action={skipAction}
          ctx={ctx}
          showDisabled={lockShown}
          aria-describedby={lockShown ? lockId : undefined}
        />
        <ActionButton action={revertAction} ctx={ctx} />
        <ActionButton action={reopenAction} ctx={ctx} />
      </div>
      {lockShown && (
        <p
          id={lockId}
          role="status"
          data-testid="wave-lock"
          className="rounded-md border border-warning bg-warning/15 p-2 text-sm"
        >
          {ctx.lock}
        </p>
      )}
      {!ctx.editable && (
        <p className="text-muted-foreground text-sm">
          This release or customer is archived: its steps can be read, not changed.
        </p>
      )}
      {form === 'skip' && (
        <ReasonForm
          label="Why skip this step?"
          submitLabel="Skip step"
          required
          draftKey={`step-skip:${step.id}`}
          onCancel={closeForm}
          onSubmit={(reason) =>
            reasonCommand(skipStep, reason, `${step.name} skipped for ${ctx.content.target}`)
          }
        />
      )}
      {form === 'revert' && (
        <ReasonForm
          label="Why revert this step?"
          submitLabel="Revert step"
          required
          destructive
          hint="The execution record and history stay; the step becomes reverted."
          draftKey={`step-revert:${step.id}`}
          onCancel={closeForm}
          onSubmit={(reason) =>
            reasonCommand(revertStep, reason, `${step.name} reverted for ${ctx.content.target}`)
          }
        />
      )}
      {form === 'reopen' && (
        <ReasonForm
          label="Why run it again? (optional)"
          submitLabel="Reopen step"
          draftKey={`step-reopen:${step.id}`}
          onCancel={closeForm}
          onSubmit={async (reason) => {
            const result = await run(reopenStep, { releaseId, stepId: step.id, reason });
            if (!result.ok) return result.error;
            closeForm();
            ctx.notify({ title: `${step.name} is pending again` });
            return null;
          }}
        />
      )}
    </section>
  );
}

function StatusDetails({ ctx }: { ctx: StepActionContext }) {
  const { step } = ctx;
  const rows: [string, string][] = [];
  if (step.executedAt) rows.push(['Executed', `${formatWhen(step.executedAt)} by ${step.executedBy ?? '—'}`]);
  if (step.skipReason) rows.push(['Skip reason', step.skipReason]);
  if (step.revertReason) rows.push(['Revert reason', step.revertReason]);
  if (rows.length === 0) return null;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="whitespace-pre-wrap break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
