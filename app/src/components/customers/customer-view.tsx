/**
 * A customer's steps in one release (FV-004): by category with "n/m done", Mark all
 * (FET-004), each step's actions, Add custom step (FCS-003), and the step side panel.
 */
import {
  type CustomerId,
  type CustomerStep,
  customerProgress,
  type Release,
  resolveCustomerSteps,
  STEP_CATEGORIES,
  type StepCategory,
  type StepId,
} from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import { type CategoryActionContext, customerActions } from '@/actions/customer-actions';
import { useActionScope } from '@/actions/scope';
import type { StepForm } from '@/actions/step-actions';
import { bind } from '@/actions/types';
import { ProgressBar } from '@/components/progress/progress-bar';
import { rolloutLocks } from '@/components/rollout/step-lock';
import { stepActionContext } from '@/components/step-panel/step-context';
import { StepPanel } from '@/components/step-panel/step-panel';
import { categoryLabel } from '@/components/steps/step-fields';
import { Button } from '@/components/ui/button';
import { CustomerLabel } from '@/components/ui/customer-label';
import { useReleaseView } from '@/data';
import { pageTitle } from '@/lib/page-title';
import { useWorkspace } from '@/state/workspace-context';
import { AddCustomStepDialog } from './add-custom-step-dialog';
import { CategorySection } from './category-section';
import { MarkAllDialog } from './mark-all-dialog';

export interface CustomerViewProps {
  release: Release;
  customerId: CustomerId;
  openStep: StepId | undefined;
  onOpenStep: (stepId: StepId | undefined) => void;
}

export function CustomerView({ release, customerId, openStep, onOpenStep }: CustomerViewProps) {
  const releaseId = release.id;
  const live = useReleaseView(releaseId);
  const { run, writesAllowed } = useWorkspace();
  const [confirm, setConfirm] = useState<StepCategory | null>(null);
  const [adding, setAdding] = useState<StepCategory | null>(null);
  const [panelForm, setPanelForm] = useState<StepForm | null>(null);
  // The palette offers this screen's actions (Mark all, Add custom step, per category), the same named
  // actions as the buttons; the render below fills in their context once the customer is known.
  const paletteScope = useRef<{ title: string; contexts: CategoryActionContext[] } | null>(null);
  paletteScope.current = null;
  useActionScope('customer-view', () => ({
    title: paletteScope.current?.title ?? 'Customer',
    actions: (paletteScope.current?.contexts ?? []).flatMap((c) => customerActions.map((a) => bind(a, c))),
  }));

  const ready = live.status === 'ready' ? live : null;
  const version = ready?.version ?? -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  const steps = useMemo(
    () => (ready ? resolveCustomerSteps(ready.state, releaseId, customerId) : []),
    [version],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const progress = useMemo(
    () => (ready ? customerProgress(ready.state, releaseId, customerId) : null),
    [version],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const lockOf = useMemo(
    () => (ready ? rolloutLocks(ready.state, releaseId, new Date().toISOString()) : () => null),
    [version],
  );

  if (!ready || !progress) return <p className="text-muted-foreground">Loading…</p>;
  const customer = ready.state.catalog.customers[customerId];
  const cluster = customer ? ready.state.catalog.clusters[customer.clusterId] : undefined;
  if (!customer || !ready.state.releases[releaseId]?.participants[customerId]) {
    return (
      <section className="grid gap-2">
        <h2 className="font-semibold text-xl">Customer not in this release</h2>
        <p className="text-muted-foreground">
          This customer does not take part in this release on this device.
        </p>
      </section>
    );
  }
  const label = `${customer.name} (${cluster?.name ?? 'unknown cluster'} / ${customer.namespace})`;
  const editable = ready.release.status === 'active' && customer.isActive;
  const open = (step: CustomerStep, form: StepForm | null) => {
    setPanelForm(form);
    onOpenStep(step.id);
  };
  const categoryCtx = (category: StepCategory): CategoryActionContext => ({
    category,
    categoryLabel: categoryLabel(category),
    pending: steps.filter((s) => s.category === category && s.status === 'pending').length,
    editable,
    lock: lockOf(customerId),
    confirmMarkAll: setConfirm,
    addCustomStep: setAdding,
  });
  paletteScope.current = { title: `Customer: ${customer.name}`, contexts: STEP_CATEGORIES.map(categoryCtx) };

  return (
    <>
      <title>{pageTitle(`${customer.name} · ${release.name}`)}</title>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h2 className="font-semibold text-xl">{customer.name}</h2>
          <p className="flex flex-wrap items-center gap-x-2 text-muted-foreground">
            <span>Steps of</span>
            <CustomerLabel
              name={customer.name}
              namespace={customer.namespace}
              clusterName={cluster?.name ?? null}
              archived={!customer.isActive}
            />
          </p>
        </div>
        <Button asChild variant="outline">
          <Link to="/releases/$releaseId" params={{ releaseId }}>
            <ArrowLeft aria-hidden="true" />
            Back to the matrix
          </Link>
        </Button>
      </div>
      <div className="grid gap-8">
        <ProgressBar progress={progress} label={`Progress of ${customer.name}`} />
        {STEP_CATEGORIES.map((category) => (
          <CategorySection
            key={category}
            ctx={categoryCtx(category)}
            steps={steps.filter((s) => s.category === category)}
            progress={progress.byCategory[category]}
            stepContext={(step) =>
              stepActionContext({
                step,
                releaseId,
                release: ready.release,
                state: ready.state,
                run,
                mayWrite: writesAllowed(),
                open: (form) => open(step, form),
                lock: lockOf(step.customerId),
              })
            }
            onView={(step) => open(step, null)}
          />
        ))}
      </div>
      <MarkAllDialog
        category={confirm}
        pending={confirm ? categoryCtx(confirm).pending : 0}
        releaseId={releaseId}
        customerId={customerId}
        customerLabel={label}
        onClose={() => setConfirm(null)}
      />
      {adding && (
        <AddCustomStepDialog
          open
          onOpenChange={(next) => !next && setAdding(null)}
          releaseId={releaseId}
          customerId={customerId}
          customerLabel={label}
          steps={steps}
          category={adding}
          onAdded={() => setAdding(null)}
        />
      )}
      <StepPanel
        releaseId={releaseId}
        stepId={openStep ?? null}
        initialForm={panelForm}
        onClose={() => {
          setPanelForm(null);
          onOpenStep(undefined);
        }}
      />
    </>
  );
}
