/**
 * Duplicates that arrived from another device (MR-04) and customers left on a cluster archived
 * elsewhere (MR-05): the commands refuse these locally, so they only come by merge. Both sides are
 * kept until a person picks a way out; each way out is the ordinary command (rename, archive, move).
 */
import type { CatalogState, Cluster, Customer } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { TriangleAlert } from 'lucide-react';
import { useId, useMemo } from 'react';
import { useCustomerArchive } from '@/components/customers/use-customer-archive';
import { FormAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import { CustomerLabel } from '@/components/ui/customer-label';
import { useCatalog } from '@/data';
import { count } from '@/lib/count';
import { type CatalogConflict, catalogConflicts } from '@/state/catalog-conflicts';
import { useClusterArchive } from './use-cluster-archive';

const linkClass =
  'rounded-sm font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2';

function ClusterChoice({ cluster, activeCustomers }: { cluster: Cluster; activeCustomers: number }) {
  const { archive, error } = useClusterArchive(cluster);
  return (
    <li className="grid gap-2 rounded-md border bg-background p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <Link to="/clusters/$clusterId" params={{ clusterId: cluster.id }} className={linkClass}>
            {cluster.name}
          </Link>
          <p className="break-all font-mono text-muted-foreground text-xs">
            {cluster.kubeconfigPath ?? 'no kubeconfig path'} · {count(activeCustomers, 'active customer')}
          </p>
        </div>
        <div className="flex gap-2">
          <Button asChild size="sm" variant="outline">
            <Link to="/clusters/$clusterId/edit" params={{ clusterId: cluster.id }}>
              Rename<span className="sr-only"> {cluster.name}</span>
            </Link>
          </Button>
          <Button size="sm" variant="outline" onClick={() => void archive()}>
            Archive<span className="sr-only"> {cluster.name}</span>
          </Button>
        </div>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
    </li>
  );
}

function ArchivedClusterChoice({ cluster }: { cluster: Cluster }) {
  const { restore, error } = useClusterArchive(cluster);
  return (
    <li className="grid gap-2 rounded-md border bg-background p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link to="/clusters/$clusterId" params={{ clusterId: cluster.id }} className={linkClass}>
          {cluster.name} <span className="font-normal text-muted-foreground">(archived)</span>
        </Link>
        <Button size="sm" variant="outline" onClick={() => void restore()}>
          Restore<span className="sr-only"> {cluster.name}</span>
        </Button>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
    </li>
  );
}

function CustomerChoice({ customer, cluster }: { customer: Customer; cluster: Cluster | undefined }) {
  const { archive, error } = useCustomerArchive(customer);
  return (
    <li className="grid gap-2 rounded-md border bg-background p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link to="/customers/$customerId" params={{ customerId: customer.id }} className={linkClass}>
          <CustomerLabel
            name={customer.name}
            namespace={customer.namespace}
            clusterName={cluster?.name ?? null}
          />
        </Link>
        <div className="flex gap-2">
          <Button asChild size="sm" variant="outline">
            <Link to="/customers/$customerId/edit" params={{ customerId: customer.id }}>
              Edit<span className="sr-only"> {customer.name}</span>
            </Link>
          </Button>
          <Button size="sm" variant="outline" onClick={() => void archive()}>
            Archive<span className="sr-only"> {customer.name}</span>
          </Button>
        </div>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
    </li>
  );
}

function activeCount(catalog: CatalogState, cluster: Cluster): number {
  let n = 0;
  for (const c of Object.values(catalog.customers)) if (c.isActive && c.clusterId === cluster.id) n++;
  return n;
}

function ConflictItem({ conflict, catalog }: { conflict: CatalogConflict; catalog: CatalogState }) {
  if (conflict.kind === 'duplicate-cluster-name') {
    const clusters = conflict.clusterIds.flatMap((id) => catalog.clusters[id] ?? []);
    return (
      <li className="grid gap-2" data-conflict={conflict.kind}>
        <p>
          {count(clusters.length, 'active cluster')} share the name “{clusters[0]?.name ?? conflict.name}”
          (names are compared ignoring case). Rename one, or archive one.
        </p>
        <ul className="grid gap-2">
          {clusters.map((c) => (
            <ClusterChoice key={c.id} cluster={c} activeCustomers={activeCount(catalog, c)} />
          ))}
        </ul>
      </li>
    );
  }
  if (conflict.kind === 'duplicate-namespace') {
    const cluster = catalog.clusters[conflict.clusterId];
    const customers = conflict.customerIds.flatMap((id) => catalog.customers[id] ?? []);
    return (
      <li className="grid gap-2" data-conflict={conflict.kind}>
        <p>
          {count(customers.length, 'active customer')} use the namespace{' '}
          <code className="font-mono">{conflict.namespace}</code> on {cluster?.name ?? 'an unknown cluster'}.
          Give one another namespace, move it, or archive it.
        </p>
        <ul className="grid gap-2">
          {customers.map((c) => (
            <CustomerChoice key={c.id} customer={c} cluster={cluster} />
          ))}
        </ul>
      </li>
    );
  }
  const customer = catalog.customers[conflict.customerId];
  const cluster = catalog.clusters[conflict.clusterId];
  if (!customer) return null;
  return (
    <li className="grid gap-2" data-conflict={conflict.kind}>
      <p>
        A customer is active on the archived cluster {cluster?.name ?? 'an unknown cluster'}. Restore the
        cluster, move the customer to another cluster, or archive it.
      </p>
      <ul className="grid gap-2">
        {cluster && <ArchivedClusterChoice cluster={cluster} />}
        <CustomerChoice customer={customer} cluster={cluster} />
      </ul>
    </li>
  );
}

export interface CatalogConflictsProps {
  /** Only the clashes that concern this page (a cluster's, a customer's); all of them when left out. */
  only?: (conflict: CatalogConflict) => boolean;
}

export function CatalogConflicts({ only }: CatalogConflictsProps) {
  const { catalog, version } = useCatalog();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable catalog.
  const conflicts = useMemo(() => catalogConflicts(catalog), [catalog, version]);
  const id = useId();
  const shown = only ? conflicts.filter(only) : conflicts;
  if (shown.length === 0) return null;
  return (
    <section
      aria-labelledby={id}
      className="mb-6 grid gap-3 rounded-xl border border-warning bg-warning/10 p-4 text-sm"
      data-testid="catalog-conflicts"
    >
      <h2 id={id} className="flex items-center gap-2 font-semibold text-base">
        <TriangleAlert className="size-5 shrink-0" aria-hidden="true" />
        {shown.length === 1
          ? 'A clash from another device needs you'
          : `${count(shown.length, 'clash', 'clashes')} from other devices need you`}
      </h2>
      <p className="text-muted-foreground">
        Two devices made these while apart. Runsheet kept both sides; pick a way out below.
      </p>
      <ul className="grid gap-4">
        {shown.map((c) => (
          <ConflictItem key={c.id} conflict={c} catalog={catalog} />
        ))}
      </ul>
    </section>
  );
}
