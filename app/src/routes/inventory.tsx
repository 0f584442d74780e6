import type { ClusterId } from '@runsheet/domain';
import { inventoryCsv } from '@runsheet/domain';
import { createFileRoute } from '@tanstack/react-router';
import { Boxes, SheetIcon } from 'lucide-react';
import { useMemo } from 'react';
import { ClusterFilter } from '@/components/customers/cluster-filter';
import { downloadText, localDate } from '@/components/data-io/download';
import { type InventorySearch, parseInventorySearch } from '@/components/inventory/inventory-search';
import { InventoryTable } from '@/components/inventory/inventory-table';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { PAGE_HEADINGS } from '@/components/layout/page-headings';
import { RouteError } from '@/components/layout/route-error';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { useInventory } from '@/data';
import { count } from '@/lib/count';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/inventory')({
  validateSearch: parseInventorySearch,
  head: () => ({ meta: [{ title: pageTitle('Inventory') }] }),
  component: InventoryPage,
  errorComponent: RouteError,
});

function InventoryPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const read = useInventory();
  const change = (patch: Partial<InventorySearch>) => {
    const next: InventorySearch = { ...search, ...patch };
    if (next.clusters === undefined) delete next.clusters;
    if (next.behind === undefined) delete next.behind;
    void navigate({ search: next, replace: true });
  };
  const selected = search.clusters ?? [];
  const clusters = useMemo(
    () =>
      Object.values(read?.catalog.clusters ?? {})
        .filter((c) => c.isActive)
        .sort((a, b) => a.name.localeCompare(b.name)),
    [read],
  );
  const rows = useMemo(() => {
    const chosen = new Set(search.clusters ?? []);
    return (read?.inventory.rows ?? []).filter(
      (r) => (chosen.size === 0 || chosen.has(r.clusterId)) && (!search.behind || r.behind > 0),
    );
  }, [read, search.clusters, search.behind]);
  const newest = read?.inventory.newest;

  return (
    <>
      <PageHeader
        {...PAGE_HEADINGS['/inventory']}
        actions={
          <Button
            variant="outline"
            disabled={rows.length === 0 || read === undefined}
            onClick={() =>
              read &&
              downloadText(`inventory-${localDate()}.csv`, inventoryCsv(rows, read.catalog), 'text/csv')
            }
          >
            <SheetIcon aria-hidden="true" /> Download CSV
          </Button>
        }
      />
      <div className="grid gap-4">
        <search className="flex flex-wrap items-end gap-3" aria-label="Filter the inventory">
          <ClusterFilter
            clusters={clusters}
            selected={selected}
            onChange={(ids: ClusterId[]) => change({ clusters: ids.length > 0 ? ids : undefined })}
          />
          <div className="flex h-9 items-center gap-2">
            <Checkbox
              id="inventory-behind"
              checked={search.behind === true}
              onCheckedChange={(checked) => change({ behind: checked === true ? true : undefined })}
            />
            <Label htmlFor="inventory-behind">Only customers behind the newest release</Label>
          </div>
        </search>
        <p className="text-muted-foreground text-sm" aria-live="polite" data-testid="inventory-summary">
          {read === undefined
            ? 'Reading releases…'
            : `${count(rows.length, 'customer')}; newest release: ${newest ? (newest.versionNumber ?? newest.name) : 'none activated yet'}`}
        </p>
        {read !== undefined && rows.length === 0 ? (
          <EmptyState icon={Boxes} title="No customers match">
            Every customer with the version it runs shows here once it exists.
          </EmptyState>
        ) : (
          read !== undefined && <InventoryTable rows={rows} catalog={read.catalog} />
        )}
      </div>
    </>
  );
}
