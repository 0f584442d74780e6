/** The top of the step panel: release, step, the customer with its cluster / namespace, and the facts. */
import type { CustomerStep, DomainState, Release } from '@runsheet/domain';
import { MarkerIcon, StatusBadge } from '@/components/steps/status-meta';
import { categoryLabel, typeLabel } from '@/components/steps/step-fields';
import { CustomerLabel } from '@/components/ui/customer-label';
import { SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';

export function StepHeader({
  step,
  release,
  state,
}: {
  step: CustomerStep;
  release: Release;
  state: DomainState;
}) {
  const customer = state.catalog.customers[step.customerId];
  const cluster = customer ? state.catalog.clusters[customer.clusterId] : undefined;
  return (
    <SheetHeader className="gap-3 p-0 pr-8">
      <SheetDescription>Release {release.versionNumber ?? release.name}</SheetDescription>
      <SheetTitle className="break-words text-lg">{step.name}</SheetTitle>
      <p className="text-sm">
        <span className="text-muted-foreground">Customer: </span>
        <CustomerLabel
          name={customer?.name ?? step.customerId}
          namespace={customer?.namespace ?? '—'}
          clusterName={cluster?.name ?? null}
          archived={customer ? !customer.isActive : false}
        />
      </p>
      <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <div className="flex gap-1">
          <dt className="text-muted-foreground">Category</dt>
          <dd>{categoryLabel(step.category)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-muted-foreground">Type</dt>
          <dd>{typeLabel(step.type)}</dd>
        </div>
        <div className="flex items-center gap-1">
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <StatusBadge status={step.status} />
          </dd>
        </div>
      </dl>
      {(step.isOverridden || step.isCustom) && (
        <p className="flex gap-3 text-sm">
          {step.isOverridden && <MarkerIcon name="overridden" showLabel />}
          {step.isCustom && <MarkerIcon name="custom" showLabel />}
        </p>
      )}
    </SheetHeader>
  );
}
