/**
 * CONTENT (FV-007): the step as this customer runs it — variables filled in — with Copy and
 * Download, and the cluster / namespace right beside them so nobody runs it against the wrong customer.
 * Variables that could not be filled are listed as errors.
 */
import type { CustomerStep } from '@runsheet/domain';
import { Server } from 'lucide-react';
import { copyAction, downloadAction, type StepActionContext } from '@/actions/step-actions';
import { ActionButton } from '@/components/ui/action-button';
import { CodeView } from './code-view';
import type { ShownContent } from './rendered-content';

export function TargetTag({ target }: { target: string }) {
  return (
    <span
      className="inline-flex items-center gap-1 rounded-md border border-input px-2 py-1 font-mono text-xs"
      data-testid="copy-target"
    >
      <Server aria-hidden="true" className="size-3.5 text-muted-foreground" />
      <span className="sr-only">Runs on </span>
      {target}
    </span>
  );
}

export function StepContent({
  ctx,
  step,
  shown,
  customerName,
}: {
  ctx: StepActionContext;
  step: CustomerStep;
  shown: ShownContent;
  customerName: string;
}) {
  const problems = shown.marks.filter((m) => m.kind === 'unknown');
  return (
    <section aria-labelledby="step-content" className="grid gap-2">
      <h3 id="step-content" className="font-semibold text-muted-foreground text-xs uppercase tracking-wide">
        Content {shown.executed ? '(as executed)' : `(for ${customerName})`}
      </h3>
      <CodeView
        code={shown.text}
        type={step.type}
        marks={shown.marks}
        label={`Content of ${step.name} for ${customerName} (${shown.target})`}
      />
      {problems.length > 0 && (
        <div role="alert" className="rounded-md border border-destructive p-3 text-sm">
          <p className="font-medium text-destructive">
            {problems.length === 1
              ? 'A variable could not be filled in:'
              : 'Variables could not be filled in:'}
          </p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p) => (
              <li key={`${p.start}-${p.note}`}>{p.note}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <ActionButton action={copyAction} ctx={ctx} size="sm" />
        <ActionButton action={downloadAction} ctx={ctx} size="sm" />
        <TargetTag target={shown.target} />
      </div>
    </section>
  );
}
