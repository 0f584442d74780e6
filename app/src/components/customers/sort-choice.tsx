import { ArrowDownUp } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import { CUSTOMER_SORTS, type CustomerSort, type SortDirection } from './customer-list-model';

const LABELS: Record<CustomerSort, string> = { cluster: 'Cluster', name: 'Name', progress: 'Progress' };

/** Sort by cluster, name or progress (FM-006): native radios, so arrows and Space work as everywhere. */
export function SortChoice({
  sort,
  dir,
  onSort,
  onDir,
}: {
  sort: CustomerSort;
  dir: SortDirection;
  onSort: (sort: CustomerSort) => void;
  onDir: (dir: SortDirection) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <fieldset className="flex items-center gap-2">
        <legend className="sr-only">Sort by</legend>
        <span aria-hidden="true" className="text-muted-foreground text-sm">
          Sort by
        </span>
        <div className="inline-flex rounded-md border border-input p-0.5">
          {CUSTOMER_SORTS.map((value) => (
            <label
              key={value}
              className={cn(
                'cursor-pointer rounded-sm px-3 py-1 text-sm',
                'has-[:checked]:bg-primary has-[:checked]:text-primary-foreground',
                'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring has-[:focus-visible]:outline-offset-2',
              )}
            >
              <input
                type="radio"
                name="customer-sort"
                value={value}
                checked={sort === value}
                onChange={() => onSort(value)}
                className="sr-only"
              />
              {LABELS[value]}
            </label>
          ))}
        </div>
      </fieldset>
      <Button
        variant="outline"
        size="sm"
        aria-pressed={dir === 'desc'}
        onClick={() => onDir(dir === 'asc' ? 'desc' : 'asc')}
      >
        <ArrowDownUp aria-hidden="true" />
        Reverse order
      </Button>
    </div>
  );
}

/** The sort controls with the number of customers shown, announced when a filter changes it. */
export function SortChoiceBar({
  sort,
  dir,
  onChange,
  summary,
}: {
  sort: CustomerSort;
  dir: SortDirection;
  onChange: (patch: { sort?: Exclude<CustomerSort, 'cluster'>; dir?: 'desc' }) => void;
  summary: string;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p role="status" className="text-muted-foreground text-sm" data-testid="customer-count">
        {summary}
      </p>
      <SortChoice
        sort={sort}
        dir={dir}
        onSort={(next) => onChange({ sort: next === 'cluster' ? undefined : next })}
        onDir={(next) => onChange({ dir: next === 'desc' ? 'desc' : undefined })}
      />
    </div>
  );
}
