/** One category of a customer's steps (FV-004): "Deploy steps (2/3 done)", Mark all, the list. */
import type { CustomerStep, Progress } from '@runsheet/domain';
import { addCustomStepAction, type CategoryActionContext, markAllAction } from '@/actions/customer-actions';
import type { StepActionContext } from '@/actions/step-actions';
import { ProgressBar } from '@/components/progress/progress-bar';
import { ActionButton } from '@/components/ui/action-button';
import { StepRow } from './step-row';

export function CategorySection({
  ctx,
  steps,
  progress,
  stepContext,
  onView,
}: {
  ctx: CategoryActionContext;
  steps: readonly CustomerStep[];
  progress: Progress;
  stepContext: (step: CustomerStep) => StepActionContext;
  onView: (step: CustomerStep) => void;
}) {
  const headingId = `category-${ctx.category}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-3" data-category={ctx.category}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="font-semibold text-lg">
          {ctx.categoryLabel} steps{' '}
          <span className="font-normal text-muted-foreground">
            ({progress.done}/{progress.total} done)
          </span>
        </h2>
        <div className="ml-auto flex flex-wrap gap-2">
          <ActionButton
            action={markAllAction}
            ctx={ctx}
            size="sm"
            variant="secondary"
            showDisabled={ctx.editable && ctx.lock !== null && ctx.pending > 0}
            aria-describedby={ctx.lock ? `${headingId}-lock` : undefined}
          />
          <ActionButton action={addCustomStepAction} ctx={ctx} size="sm" />
        </div>
      </div>
      {ctx.editable && ctx.lock && (
        <p
          id={`${headingId}-lock`}
          role="status"
          data-testid="wave-lock"
          className="rounded-md border border-warning bg-warning/15 p-2 text-sm"
        >
          {ctx.lock}
        </p>
      )}
      <ProgressBar progress={progress} label={`${ctx.categoryLabel} progress`} />
      {steps.length === 0 ? (
        <p className="text-muted-foreground text-sm">No {ctx.categoryLabel.toLowerCase()} steps.</p>
      ) : (
        <ol className="rounded-md border bg-card">
          {steps.map((step, i) => (
            <StepRow
              key={step.id}
              step={step}
              number={i + 1}
              ctx={stepContext(step)}
              onView={() => onView(step)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
