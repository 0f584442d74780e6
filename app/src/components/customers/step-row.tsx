/**
 * One step in a customer's list (FV-004): status, number, name, where it comes from, when
 * it ran, and the actions of its state. Actions that need a reason or content open the side panel with
 * that form (the same named actions as the panel's buttons).
 */
import type { CustomerStep } from '@runsheet/domain';
import { Eye } from 'lucide-react';
import {
  editCustomAction,
  markDoneAction,
  reopenAction,
  resetAction,
  revertAction,
  type StepActionContext,
  skipAction,
} from '@/actions/step-actions';
import { MarkerIcon, StatusBadge, StatusIcon } from '@/components/steps/status-meta';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { formatWhen } from '@/lib/format-when';

export function StepRow({
  step,
  number,
  ctx,
  onView,
}: {
  step: CustomerStep;
  number: number;
  ctx: StepActionContext;
  onView: () => void;
}) {
  const facts = [
    step.isOverridden ? 'Overridden from template' : null,
    step.executedAt && step.status === 'done' ? `Completed ${formatWhen(step.executedAt)}` : null,
    step.skipReason ? `Skipped: ${step.skipReason}` : null,
    step.revertReason ? `Reverted: ${step.revertReason}` : null,
  ].filter((f): f is string => f !== null);
  return (
    <li className="grid gap-2 border-b p-3 last:border-b-0" data-step-id={step.id} data-status={step.status}>
      <div className="flex flex-wrap items-center gap-2">
        <StatusIcon status={step.status} />
        <span className="text-muted-foreground tabular-nums">{number}.</span>
        <span className="min-w-0 flex-1 break-words font-medium" data-step-name="">
          {step.name}
        </span>
        {step.isCustom && <MarkerIcon name="custom" showLabel />}
        {step.isOverridden && <MarkerIcon name="overridden" showLabel />}
        {step.notes && <MarkerIcon name="notes" />}
        <StatusBadge status={step.status} />
      </div>
      {facts.length > 0 && (
        <p className="break-words pl-6 text-muted-foreground text-sm">{facts.join(' · ')}</p>
      )}
      <div className="flex flex-wrap gap-2 pl-6">
        <Button size="sm" variant="outline" onClick={onView}>
          <Eye aria-hidden="true" />
          View content<span className="sr-only"> of {step.name}</span>
        </Button>
        <ActionButton action={markDoneAction} ctx={ctx} size="sm" showKeys={false} />
        <ActionButton action={skipAction} ctx={ctx} size="sm" showKeys={false} />
        <ActionButton action={revertAction} ctx={ctx} size="sm" showKeys={false} />
        <ActionButton action={reopenAction} ctx={ctx} size="sm" />
        <ActionButton action={resetAction} ctx={ctx} size="sm" />
        <ActionButton action={editCustomAction} ctx={ctx} size="sm" />
      </div>
    </li>
  );
}
