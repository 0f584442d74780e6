/**
 * One step across all customers (FV-005): its status for every customer of the release, grouped by
 * cluster (BR-C03), with "Mark done for selected" (FET-004 by step ids) and the side panel per customer.
 */
import {
  bulkMarkDone,
  type CustomerId,
  type Release,
  type StepId,
  stepStatusMatrix,
  type TemplateId,
} from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ArrowLeft, Check } from 'lucide-react';
import { useMemo, useState } from 'react';
import { failureTitle, useStoredRun } from '@/components/saving/use-saving';
import { StepPanel } from '@/components/step-panel/step-panel';
import { MarkerIcon, StatusBadge } from '@/components/steps/status-meta';
import { categoryLabel, typeLabel } from '@/components/steps/step-fields';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { CustomerLabel } from '@/components/ui/customer-label';
import { toast } from '@/components/ui/use-toast';
import { useReleaseView } from '@/data';
import { customerCount } from '@/lib/count';
import { pageTitle } from '@/lib/page-title';
import { MarkSelectedDialog } from './mark-selected-dialog';
import { clusterKey } from './matrix-model';
import { stepRows } from './step-rows';

export interface StepAcrossCustomersProps {
  release: Release;
  templateId: TemplateId;
  openStep: StepId | undefined;
  onOpenStep: (stepId: StepId | undefined) => void;
}

export function StepAcrossCustomers({ release, templateId, openStep, onOpenStep }: StepAcrossCustomersProps) {
  const releaseId = release.id;
  const live = useReleaseView(releaseId);
  const runStored = useStoredRun();
  const [selected, setSelected] = useState<ReadonlySet<CustomerId>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const ready = live.status === 'ready' ? live : null;
  const version = ready?.version ?? -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  const data = useMemo(() => {
    if (!ready) return null;
    const m = stepStatusMatrix(ready.state, releaseId);
    return stepRows(m, templateId);
  }, [version, templateId]);

  if (!ready || !data) return <p className="text-muted-foreground">Loading…</p>;
  if (!data.row) {
    return (
      <section className="grid gap-2">
        <h2 className="font-semibold text-xl">Step not found</h2>
        <p className="text-muted-foreground">This release has no such template step.</p>
      </section>
    );
  }
  const { row, groups } = data;
  const editable = ready.release.status === 'active';
  const all = groups.flatMap((g) => g.items);
  const chosen = all.filter(
    (i) => selected.has(i.column.customerId) && i.status !== 'done' && i.status !== null,
  );
  const counts = { done: 0, total: 0 };
  for (const i of all) {
    if (i.status === null) continue;
    counts.total += 1;
    if (i.status === 'done') counts.done += 1;
  }
  const toggle = (ids: CustomerId[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const pendingIds = (items: typeof all) =>
    items.filter((i) => i.status === 'pending').map((i) => i.column.customerId);

  return (
    <>
      <title>{pageTitle(`${row.name} · ${release.name}`)}</title>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h2 className="font-semibold text-xl">{row.name}</h2>
          <p className="text-muted-foreground">
            {categoryLabel(row.category)} step · {typeLabel(row.type)} · {counts.done}/
            {customerCount(counts.total)} done
          </p>
        </div>
        <Button asChild variant="outline">
          <Link to="/releases/$releaseId" params={{ releaseId }} search={{ tab: row.category }}>
            <ArrowLeft aria-hidden="true" />
            Back to the matrix
          </Link>
        </Button>
      </div>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={!editable}
          onClick={() => toggle(pendingIds(all), true)}
        >
          Select all pending
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => setSelected(new Set())}
          disabled={selected.size === 0}
        >
          Clear selection
        </Button>
        <Button
          className="ml-auto"
          disabled={!editable || chosen.length === 0}
          onClick={() => setConfirming(true)}
          data-action="step.markDoneSelected"
        >
          <Check aria-hidden="true" />
          Mark done for selected ({chosen.length})
        </Button>
      </div>
      <div className="grid gap-6">
        {groups.map((group) => (
          <section
            key={clusterKey(group)}
            aria-labelledby={`cluster-${clusterKey(group)}`}
            className="grid gap-2"
          >
            <div className="flex flex-wrap items-center gap-3">
              <h2 id={`cluster-${clusterKey(group)}`} className="font-semibold">
                {group.name || 'Unknown cluster'}{' '}
                <span className="font-normal text-muted-foreground">
                  ({group.items.filter((i) => i.status === 'done').length}/{group.items.length} done)
                </span>
              </h2>
              <Button
                variant="link"
                size="sm"
                disabled={!editable}
                onClick={() => toggle(pendingIds(group.items), true)}
              >
                Select pending in {group.name}
              </Button>
            </div>
            <ul className="rounded-md border bg-card">
              {group.items.map(({ column, status, overridden, stepId }) => {
                const checkboxId = `pick-${column.customerId}`;
                const selectable = editable && status !== null && status !== 'done';
                return (
                  <li
                    key={column.customerId}
                    className="flex flex-wrap items-center gap-3 border-b px-3 py-2 last:border-b-0"
                    data-customer-id={column.customerId}
                    data-status={status ?? 'absent'}
                  >
                    <Checkbox
                      id={checkboxId}
                      disabled={!selectable}
                      checked={selected.has(column.customerId) && selectable}
                      onCheckedChange={(c) => toggle([column.customerId], c === true)}
                      aria-label={`Select ${column.name} (${column.clusterName} / ${column.namespace})`}
                    />
                    <CustomerLabel
                      name={column.name}
                      namespace={column.namespace}
                      clusterName={column.clusterName}
                      archived={!column.isActive}
                      className="min-w-0 flex-1"
                    />
                    {overridden && <MarkerIcon name="overridden" showLabel />}
                    {status ? (
                      <StatusBadge status={status} />
                    ) : (
                      <span className="text-muted-foreground text-sm">Not a step of this customer</span>
                    )}
                    {status && (
                      <Button size="sm" variant="outline" onClick={() => onOpenStep(stepId)}>
                        Open<span className="sr-only"> for {column.name}</span>
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <MarkSelectedDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        stepName={row.name}
        chosen={chosen}
        onConfirm={async () => {
          // The toast says done only once stored (IO-18).
          const result = await runStored(
            `Marking ${row.name} done for ${customerCount(chosen.length)}`,
            bulkMarkDone,
            { releaseId, stepIds: chosen.map((i) => i.stepId) },
          );
          setConfirming(false);
          if (!result.ok) {
            toast({
              title: failureTitle(result, 'Nothing marked done'),
              description: result.error.message,
              variant: 'destructive',
            });
            return;
          }
          setSelected(new Set());
          const refused = result.value.refused.length;
          toast({
            title: `${row.name} done for ${customerCount(result.value.done.length)}`,
            // The first refusal's reason (e.g. a wave not open, WV-05): the count alone does not say why.
            description:
              refused > 0 ? `${refused} were refused: ${result.value.refused[0]?.message ?? ''}` : undefined,
          });
        }}
      />
      <StepPanel releaseId={releaseId} stepId={openStep ?? null} onClose={() => onOpenStep(undefined)} />
    </>
  );
}
