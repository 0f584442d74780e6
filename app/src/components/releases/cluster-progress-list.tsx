/**
 * Progress by cluster, compact (issue "A release stays fast to open…", point 4): one short row per cluster
 * in a strip that scrolls, so fifty clusters never push the matrix below the first screen. Sortable by
 * name or by least complete first (where a release manager looks during a rollout).
 */
import type { GroupProgress } from '@runsheet/domain';
import { useId, useState } from 'react';
import { ProgressBar } from '@/components/progress/progress-bar';
import { customerCount } from '@/lib/count';
import { cn } from '@/lib/utils';
import { compareNames } from './compare';

export interface ClusterProgressRow {
  id: string;
  name: string;
  customers: number;
  progress: GroupProgress;
}

type ClusterSort = 'name' | 'least-complete';
const SORTS: readonly { value: ClusterSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'least-complete', label: 'Least complete' },
];

/** Rows in the chosen order; ties (and the name order) by name, then id, so every device agrees. */
export function sortClusterRows(
  rows: readonly ClusterProgressRow[],
  sort: ClusterSort,
): ClusterProgressRow[] {
  const byName = [...rows].sort(compareNames);
  if (sort === 'name') return byName;
  return byName.sort((a, b) => a.progress.completePercent - b.progress.completePercent);
}

/** Above this many clusters the list scrolls in a strip of about this many rows. */
const VISIBLE_ROWS = 4;

export function ClusterProgressList({ rows }: { rows: readonly ClusterProgressRow[] }) {
  const [sort, setSort] = useState<ClusterSort>('name');
  const headingId = useId();
  const sorted = sortClusterRows(rows, sort);
  const scrolls = rows.length > VISIBLE_ROWS;
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="font-semibold leading-none">
          By cluster <span className="font-normal text-muted-foreground text-sm">({rows.length})</span>
        </h2>
        {rows.length > 1 && (
          <fieldset className="flex items-center gap-2">
            <legend className="sr-only">Sort clusters by</legend>
            <span aria-hidden="true" className="text-muted-foreground text-xs">
              Sort
            </span>
            <div className="inline-flex rounded-md border border-input p-0.5">
              {SORTS.map(({ value, label }) => (
                <label
                  key={value}
                  className={cn(
                    'cursor-pointer rounded-sm px-2 py-0.5 text-xs',
                    'has-[:checked]:bg-primary has-[:checked]:text-primary-foreground',
                    'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring has-[:focus-visible]:outline-offset-2',
                  )}
                >
                  <input
                    type="radio"
                    name={`${headingId}-sort`}
                    value={value}
                    checked={sort === value}
                    onChange={() => setSort(value)}
                    className="sr-only"
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        )}
      </div>
      {/* A focusable scroll region (keyboard users scroll it with the arrows), named for screen readers. */}
      <section
        aria-labelledby={headingId}
        tabIndex={scrolls ? 0 : undefined}
        data-testid="cluster-progress"
        className={cn(
          'rounded-md',
          scrolls &&
            'max-h-32 overflow-y-auto border border-border px-2 py-1 focus-visible:outline-2 focus-visible:outline-ring',
        )}
      >
        <ul className="grid">
          {sorted.map((c) => (
            <li
              key={c.id}
              className="grid grid-cols-[minmax(4rem,1fr)_minmax(3rem,1fr)_3rem] items-center gap-2 py-1 text-sm"
            >
              <span className="truncate font-medium" title={c.name}>
                {c.name}
              </span>
              <ProgressBar progress={c.progress} label={`${c.name} progress`} compact />
              <span className="text-right tabular-nums" title={customerCount(c.customers)}>
                {c.progress.completePercent}%<span className="sr-only">, {customerCount(c.customers)}</span>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
