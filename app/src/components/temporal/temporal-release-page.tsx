import { isFailedStatus, temporalIdProblem } from '@runsheet/doc';
import { Link } from '@tanstack/react-router';
import { SearchX, XCircle } from 'lucide-react';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { count } from '@/lib/count';
import { MirrorBanner } from './mirror-banner.tsx';
import { StateBadge, TemporalBadge, WorkflowStatusBadge } from './state-badge.tsx';
import { TemporalTree } from './temporal-tree.tsx';
import { stateCounts } from './tree-rows.ts';
import { useMirrorStatus, useTemporalLoaded, useTemporalTree } from './use-temporal.ts';

const BACK = (
  <Link to="/releases" className="text-sm underline underline-offset-4">
    Back to releases
  </Link>
);

/** One Temporal release: its hierarchy as a live tree, with clear words for what can go wrong. */
export function TemporalReleasePage({ releaseId }: { releaseId: string }) {
  const problem = temporalIdProblem(releaseId, 'release');
  const loaded = useTemporalLoaded();
  const info = useMirrorStatus();
  const { release, entities } = useTemporalTree(releaseId);

  if (problem !== null) {
    return (
      <EmptyState icon={SearchX} title="That is not a Temporal release id">
        <p>
          {problem}. Temporal release ids look like <code>release:rel-001</code>.
        </p>
        {BACK}
      </EmptyState>
    );
  }
  if (release === undefined) {
    if (!loaded) return <p aria-live="polite">Loading…</p>;
    return (
      <>
        <MirrorBanner info={info} />
        <EmptyState icon={SearchX} title={`No Temporal release "${releaseId}"`}>
          <p>
            {info.empty
              ? 'This device has not received the Temporal releases yet. It needs to reach the server once.'
              : 'No release workflow has this id: it may have been removed from Temporal, or the link is wrong.'}
          </p>
          {BACK}
        </EmptyState>
      </>
    );
  }

  const failed = isFailedStatus(release.workflowStatus);
  return (
    <>
      <PageHeader
        title={release.id}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <TemporalBadge />
            {release.state !== null && <StateBadge state={release.state} />}
            <WorkflowStatusBadge status={release.workflowStatus} />
            <span className="text-sm">workflow {release.workflowId}</span>
          </span>
        }
      />
      <MirrorBanner info={info} />
      {failed && (
        <div
          role="alert"
          className="mb-4 flex items-start gap-2 rounded-lg border border-destructive bg-destructive/10 px-3 py-2 text-sm"
        >
          <XCircle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>
            <strong>
              The workflow of this release {release.workflowStatus.toLowerCase().replace(/_/g, ' ')}.
            </strong>{' '}
            The states below are the last ones it reported
            {release.closeTime ? ` (it ended ${new Date(release.closeTime).toLocaleString()})` : ''}.
          </p>
        </div>
      )}
      {release.queryError !== null && (
        <p role="status" className="mb-4 text-muted-foreground text-sm">
          The workflow did not answer the last query ({release.queryError}); showing what it answered before.
        </p>
      )}
      {release.problems.length > 0 && (
        <details className="mb-4 text-sm">
          <summary>{release.problems.length} part(s) of the workflow's answer could not be read</summary>
          <ul className="mt-2 list-disc pl-6 text-muted-foreground">
            {release.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
      )}
      <p className="mb-3 text-muted-foreground text-sm" aria-live="polite">
        {count(entities.length, 'entity', 'entities')} · apps:{' '}
        {stateCounts(entities)
          .map(([state, n]) => `${n} ${state}`)
          .join(', ') || 'none'}
      </p>
      {entities.length === 0 ? (
        <p className="text-muted-foreground text-sm">The workflow has not reported its hierarchy yet.</p>
      ) : (
        <TemporalTree entities={entities} label={`Hierarchy of ${release.id}`} />
      )}
    </>
  );
}
