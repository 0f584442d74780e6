/** Recent activity (FV-001): "[v2.5.0] Acme (prod-eu / acme-prod) — Deploy app — Done". */
import { Link } from '@tanstack/react-router';
import { Activity } from 'lucide-react';
import { EmptyState } from '@/components/layout/empty-state';
import { KIND_TEXT } from '@/components/step-panel/event-text';
import { CustomerLabel } from '@/components/ui/customer-label';
import { useRecentActivity } from '@/data';
import { formatWhen } from '@/lib/format-when';

export function RecentActivity({ limit = 15 }: { limit?: number }) {
  const lines = useRecentActivity(limit);
  return (
    <section aria-labelledby="recent-activity">
      <h2 id="recent-activity" className="mb-3 font-semibold text-lg">
        Recent activity
      </h2>
      {lines === undefined ? (
        <p className="text-muted-foreground text-sm">Loading…</p>
      ) : lines.length === 0 ? (
        <EmptyState icon={Activity} title="Nothing has happened yet">
          Steps that are marked done or skipped in any release show up here.
        </EmptyState>
      ) : (
        <ol className="divide-y rounded-md border bg-card" data-testid="recent-activity">
          {lines.map(({ event, release, customer, step }) => (
            <li key={event.id} className="flex flex-wrap items-baseline gap-x-2 gap-y-1 px-4 py-2 text-sm">
              <Link
                to="/releases/$releaseId"
                params={{ releaseId: event.releaseId }}
                search={event.stepId ? { step: event.stepId } : {}}
                className="font-medium text-primary underline-offset-4 hover:underline"
              >
                [{release}]
              </Link>
              {customer ? (
                <CustomerLabel
                  name={customer.name}
                  namespace={customer.namespace}
                  clusterName={customer.clusterName}
                />
              ) : (
                <span className="text-muted-foreground">{event.customerId}</span>
              )}
              <span aria-hidden="true">—</span>
              <span className="break-words">{step ?? 'a step'}</span>
              <span aria-hidden="true">—</span>
              <span className="font-medium">{KIND_TEXT[event.kind] ?? event.kind}</span>
              <span className="ml-auto text-muted-foreground text-xs">
                {event.byName} · <time dateTime={event.at}>{formatWhen(event.at)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
