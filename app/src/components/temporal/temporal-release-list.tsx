import { Link } from '@tanstack/react-router';
import { Workflow } from 'lucide-react';
import { count } from '@/lib/count';
import { MirrorBanner } from './mirror-banner.tsx';
import { StateBadge, TemporalBadge, WorkflowStatusBadge } from './state-badge.tsx';
import { useMirrorStatus, useTemporalReleases } from './use-temporal.ts';

/**
 * Releases driven by Temporal workflows, beside the tracked ones: id, state, and "Temporal". Renders
 * nothing on a server without the bridge (nothing was ever mirrored), so it costs the page nothing there.
 */
export function TemporalReleases() {
  const info = useMirrorStatus();
  const releases = useTemporalReleases();
  if (info.empty && releases.length === 0) return null;
  return (
    <section aria-labelledby="temporal-releases" className="mt-8" data-testid="temporal-releases">
      <div className="mb-3 flex items-center gap-2">
        <Workflow className="size-5 text-muted-foreground" aria-hidden="true" />
        <h2 id="temporal-releases" className="font-semibold text-lg">
          Temporal releases
        </h2>
      </div>
      <MirrorBanner info={info} />
      {releases.length === 0 ? (
        <p className="text-muted-foreground text-sm">
          No release workflow is running or recorded in Temporal.
        </p>
      ) : (
        <ul className="divide-y rounded-xl border">
          {releases.map((r) => (
            <li key={r.workflowId} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <Link
                to="/temporal/$releaseId"
                params={{ releaseId: r.id }}
                className="font-medium font-mono text-sm underline-offset-4 hover:underline"
              >
                {r.id}
              </Link>
              <TemporalBadge />
              {r.state !== null && <StateBadge state={r.state} />}
              <WorkflowStatusBadge status={r.workflowStatus} />
              <span className="ml-auto text-muted-foreground text-xs">
                {count(r.entityCount, 'entity', 'entities')} · workflow {r.workflowId}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
