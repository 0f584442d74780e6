/**
 * The customers list with its controls: filter text, clusters, archived, sort. Everything the controls
 * choose lives in the URL (the route parses it); the rows are derived in memory from the projection.
 */
import { type ClusterId, clusterSummaries } from '@runsheet/domain';
import { SearchX } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { EmptyState } from '@/components/layout/empty-state';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { CatalogLists } from '@/data';
import type { ActiveProgress } from '@/data/release-progress';
import { count } from '@/lib/count';
import { ClusterFilter } from './cluster-filter';
import { CustomerList, VIRTUALIZE_FROM } from './customer-list';
import { customerRows, filterRows, listItems, sortRows } from './customer-list-model';
import type { CustomersSearch } from './customers-search';
import { SortChoiceBar } from './sort-choice';

export interface CustomersBrowserProps {
  rows: CatalogLists;
  progress: ActiveProgress | undefined;
  search: CustomersSearch;
  /** Replace (not push) for typing, so Back does not step through every keystroke. */
  onSearch: (next: CustomersSearch, replace: boolean) => void;
}

export function CustomersBrowser({ rows, progress, search, onSearch }: CustomersBrowserProps) {
  const sort = search.sort ?? 'cluster';
  const dir = search.dir ?? 'asc';
  // The URL gives a new array on every change; key the derived lists by its content instead.
  const clusterKey = (search.clusters ?? []).join(',');
  const clusterIds = useMemo(() => (clusterKey ? (clusterKey.split(',') as ClusterId[]) : []), [clusterKey]);
  const archived = search.archived === true;

  // The field keeps its own value while typing; the URL follows, and Back/Forward set it again.
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);

  const all = useMemo(() => customerRows(rows.catalog, progress?.overall), [rows, progress]);
  const filtered = useMemo(
    () => filterRows(all, { q: search.q, clusterIds, archived }),
    [all, search.q, clusterIds, archived],
  );
  const items = useMemo(() => listItems(sortRows(filtered, sort, dir), sort), [filtered, sort, dir]);
  const filterClusters = useMemo(
    () =>
      clusterSummaries(rows.catalog, { includeArchived: true })
        .map((s) => s.cluster)
        .filter((c) => c.isActive || archived || clusterIds.includes(c.id)),
    [rows, archived, clusterIds],
  );

  const change = (patch: Partial<CustomersSearch>, replace = false) => {
    const next: CustomersSearch = { ...search, ...patch };
    for (const key of Object.keys(next) as (keyof CustomersSearch)[]) {
      if (next[key] === undefined) delete next[key];
    }
    onSearch(next, replace);
  };
  const total = archived ? all.length : all.filter((r) => r.customer.isActive).length;
  const customers = filtered.length;
  const filtering = Boolean(search.q) || clusterIds.length > 0;

  return (
    <div className="grid gap-4">
      <search className="flex flex-wrap items-end gap-3" aria-label="Filter and sort customers">
        <div className="grid min-w-56 flex-1 gap-1.5">
          <Label htmlFor="customer-filter">Filter by name or namespace</Label>
          <Input
            id="customer-filter"
            type="search"
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              change({ q: e.target.value.trim() || undefined }, true);
            }}
          />
        </div>
        <ClusterFilter
          clusters={filterClusters}
          selected={clusterIds}
          onChange={(ids: ClusterId[]) => change({ clusters: ids.length > 0 ? ids : undefined })}
        />
        <div className="flex h-9 items-center gap-2">
          <Checkbox
            id="customer-archived"
            checked={archived}
            onCheckedChange={(checked) => change({ archived: checked === true ? true : undefined })}
          />
          <Label htmlFor="customer-archived">Show archived</Label>
        </div>
      </search>
      <SortChoiceBar
        sort={sort}
        dir={dir}
        onChange={(patch) => change(patch)}
        summary={
          filtering || customers !== total
            ? `${customers} of ${count(total, 'customer')}`
            : count(total, 'customer')
        }
      />
      {items.length === 0 ? (
        <EmptyState
          icon={SearchX}
          title={search.q ? `No customers match “${search.q}”` : 'No customers match these filters'}
        >
          <Button
            variant="outline"
            className="mt-2"
            onClick={() => change({ q: undefined, clusters: undefined })}
          >
            Clear filters
          </Button>
        </EmptyState>
      ) : (
        <CustomerList
          virtual={all.length > VIRTUALIZE_FROM}
          items={items}
          state={{
            sort,
            dir,
            count: customers,
            filterKey: `${search.q ?? ''}|${clusterIds.join(',')}|${archived}`,
          }}
        />
      )}
    </div>
  );
}
