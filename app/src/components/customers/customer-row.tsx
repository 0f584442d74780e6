import { Link } from '@tanstack/react-router';
import { Pencil } from 'lucide-react';
import { memo } from 'react';
import { ProgressBar } from '@/components/progress/progress-bar';
import { Button } from '@/components/ui/button';
import { CustomerLabel } from '@/components/ui/customer-label';
import { customerCount } from '@/lib/count';
import type { CustomerRow, ListItem } from './customer-list-model';

const linkClass =
  'rounded-sm hover:underline focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2';

/**
 * One customer: who and where (cluster and namespace), how far along its active releases are (PR-08),
 * Edit. Memoised: rows are derived once per data change, so a filter or sort change re-renders only rows
 * that come in.
 */
export const CustomerRowView = memo(function CustomerRowView({ row }: { row: CustomerRow }) {
  const { customer, cluster, progress } = row;
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b px-2 py-3"
      data-testid="customer-row"
    >
      <Link
        to="/customers/$customerId"
        params={{ customerId: customer.id }}
        className={`${linkClass} min-w-0 flex-1 basis-60`}
      >
        <CustomerLabel
          name={customer.name}
          namespace={customer.namespace}
          clusterName={cluster?.name ?? null}
          archived={!customer.isActive}
        />
      </Link>
      <div className="flex w-48 items-center gap-2" data-testid="customer-progress">
        {progress ? (
          <>
            <ProgressBar
              progress={progress}
              label={`${customer.name}: average over active releases`}
              compact
              className="flex-1"
            />
            <span className="w-10 text-right text-xs tabular-nums">{progress.completePercent}%</span>
          </>
        ) : (
          <span className="text-muted-foreground text-xs">no active release</span>
        )}
      </div>
      <Button asChild variant="ghost" size="sm">
        <Link to="/customers/$customerId/edit" params={{ customerId: customer.id }}>
          <Pencil aria-hidden="true" />
          Edit<span className="sr-only"> {customer.name}</span>
        </Link>
      </Button>
    </div>
  );
});

/** The heading of one cluster's customers when the list is grouped (BR-C03). */
export const GroupHeading = memo(function GroupHeading({
  item,
}: {
  item: Extract<ListItem, { kind: 'group' }>;
}) {
  return (
    <h2 className="flex flex-wrap items-baseline gap-2 px-2 pt-6 pb-2 font-semibold text-base">
      {item.cluster ? (
        <Link to="/clusters/$clusterId" params={{ clusterId: item.clusterId }} className={linkClass}>
          {item.cluster.name}
        </Link>
      ) : (
        <span>Unknown cluster</span>
      )}{' '}
      {item.cluster && !item.cluster.isActive && (
        <span className="font-normal text-muted-foreground text-xs">archived</span>
      )}{' '}
      <span className="font-normal text-muted-foreground text-sm">({customerCount(item.count)})</span>
    </h2>
  );
});
