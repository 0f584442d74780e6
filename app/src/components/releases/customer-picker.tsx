/**
 * Choose customers, grouped by cluster (BR-C03; activation and adding customers): a checkbox per customer
 * named with its cluster and namespace (see customer-label.tsx), select all / none per cluster and overall,
 * and a running "Selected X of Y customers".
 */
import type { ClusterId, Customer, CustomerId, CustomersOfCluster } from '@runsheet/domain';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { CustomerLabel } from '@/components/ui/customer-label';
import { Label } from '@/components/ui/label';
import { customerCount } from '@/lib/count';

export interface PickerGroup {
  clusterId: ClusterId;
  clusterName: string;
  customers: Customer[];
}

/**
 * The groups a release can take customers from: active customers of active clusters (the domain's
 * "usable" customers), minus those in `exclude`. Empty clusters are left out.
 */
export function pickerGroups(
  groups: readonly CustomersOfCluster[],
  exclude: ReadonlySet<CustomerId> = new Set(),
): PickerGroup[] {
  return groups
    .filter((g) => g.cluster?.isActive === true)
    .map((g) => ({
      clusterId: g.clusterId,
      clusterName: g.cluster?.name ?? g.clusterId,
      customers: g.customers.filter((c) => c.isActive && !exclude.has(c.id)),
    }))
    .filter((g) => g.customers.length > 0);
}

export function allCustomerIds(groups: readonly PickerGroup[]): CustomerId[] {
  return groups.flatMap((g) => g.customers.map((c) => c.id));
}

export interface CustomerPickerProps {
  groups: readonly PickerGroup[];
  selected: ReadonlySet<CustomerId>;
  onChange: (next: Set<CustomerId>) => void;
}

export function CustomerPicker({ groups, selected, onChange }: CustomerPickerProps) {
  const id = useId();
  const all = allCustomerIds(groups);
  const count = all.filter((c) => selected.has(c)).length;

  const toggle = (ids: readonly CustomerId[], on: boolean) => {
    const next = new Set(selected);
    for (const c of ids) {
      if (on) next.add(c);
      else next.delete(c);
    }
    onChange(next);
  };

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p role="status" className="font-medium text-sm" data-testid="selection-count">
          Selected {count} of {customerCount(all.length)}
        </p>
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="outline"
            onClick={() => toggle(all, true)}
            disabled={count === all.length}
          >
            Select all
          </Button>
          <Button size="sm" variant="outline" onClick={() => toggle(all, false)} disabled={count === 0}>
            Select none
          </Button>
        </div>
      </div>
      {groups.map((group) => {
        const ids = group.customers.map((c) => c.id);
        const chosen = ids.filter((c) => selected.has(c)).length;
        return (
          <fieldset key={group.clusterId} className="rounded-md border p-3">
            {/* Floats keep the legend (the group's name) and its buttons on one line. */}
            <legend className="float-left py-1.5 font-semibold text-sm">
              {group.clusterName}{' '}
              <span className="font-normal text-muted-foreground">
                ({chosen} of {ids.length})
              </span>
            </legend>
            <div className="float-right flex gap-1">
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Select all in ${group.clusterName}`}
                onClick={() => toggle(ids, true)}
                disabled={chosen === ids.length}
              >
                All
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Select none in ${group.clusterName}`}
                onClick={() => toggle(ids, false)}
                disabled={chosen === 0}
              >
                None
              </Button>
            </div>
            <ul className="clear-both grid gap-2 pt-2">
              {group.customers.map((customer) => {
                const boxId = `${id}-${customer.id}`;
                return (
                  <li key={customer.id} className="flex items-center gap-2">
                    <Checkbox
                      id={boxId}
                      checked={selected.has(customer.id)}
                      onCheckedChange={(on) => toggle([customer.id], on === true)}
                    />
                    <Label htmlFor={boxId} className="font-normal">
                      <CustomerLabel
                        name={customer.name}
                        namespace={customer.namespace}
                        clusterName={group.clusterName}
                      />
                    </Label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
    </div>
  );
}
