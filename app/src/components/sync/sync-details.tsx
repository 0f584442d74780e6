/** The sync details popover: the state in words, each document, clashes to review, and what to do. */
import type { Conflict } from '@runsheet/domain';
import { Link, useRouterState } from '@tanstack/react-router';
import { Button } from '@/components/ui/button';
import { useWorkspace } from '@/state/workspace-context';
import { useSyncApi } from '@/sync/sync-context';
import type { SyncSnapshot } from '@/sync/sync-manager';
import { changes, type SyncSummary } from '@/sync/sync-summary';
import { SyncConflicts } from './sync-conflicts';

export function SyncDetails({
  snapshot,
  summary,
  conflicts,
  close,
}: {
  snapshot: SyncSnapshot;
  summary: SyncSummary;
  conflicts: Conflict[];
  close: () => void;
}) {
  const { manager } = useSyncApi();
  const here = useRouterState({ select: (s) => s.location.href });
  const { session } = snapshot;
  const signedIn = session.kind === 'signed-in';
  const releaseNames = useReleaseNames();
  return (
    <div className="grid gap-3 text-sm">
      <div className="grid gap-1">
        <h2 id="sync-details-title" className="font-semibold">
          {summary.label}
        </h2>
        <p className="text-muted-foreground">{summary.detail}</p>
        {signedIn && (
          <p className="text-muted-foreground">
            Signed in as <span className="text-foreground">{session.user.displayName}</span> (
            {session.auth === 'open' ? 'open mode' : session.user.role})
          </p>
        )}
      </div>
      {snapshot.docs.length > 0 && signedIn && (
        <ul className="grid gap-1 border-t pt-3" aria-label="Documents">
          {snapshot.docs.map((doc) => (
            <li key={doc.room} className="flex justify-between gap-2">
              <span className="truncate">{releaseNames(doc.room)}</span>
              <span className="shrink-0 text-muted-foreground">
                {doc.pending > 0 ? `${changes(doc.pending)} waiting` : doc.synced ? 'synced' : doc.status}
              </span>
            </li>
          ))}
        </ul>
      )}
      <SyncConflicts conflicts={conflicts} />
      <div className="flex flex-wrap gap-2 border-t pt-3">
        {summary.kind === 'setup' && (
          <Button asChild size="sm" onClick={close}>
            <Link to="/setup">Set up sync</Link>
          </Button>
        )}
        {summary.kind === 'sign-in' && (
          <Button asChild size="sm" onClick={close}>
            <Link to="/signin" search={{ redirect: here }}>
              Sign in
            </Link>
          </Button>
        )}
        {summary.kind === 'stopped' && (
          <Button size="sm" onClick={() => manager.retry()}>
            Retry
          </Button>
        )}
        {signedIn && (
          <Button size="sm" variant="outline" onClick={() => manager.setPaused(!snapshot.paused)}>
            {snapshot.paused ? 'Resume sync' : 'Pause sync'}
          </Button>
        )}
        <Button asChild size="sm" variant="ghost" onClick={close}>
          <Link to="/settings">Sync settings</Link>
        </Button>
      </div>
    </div>
  );
}

/** Names documents for people: the catalog, and releases by their name in the catalog. */
function useReleaseNames(): (room: string) => string {
  const { local } = useWorkspace();
  return (room) => {
    if (room === 'catalog') return 'Clusters and customers';
    const release = local.state.catalog.releases[room as keyof typeof local.state.catalog.releases];
    return release ? `Release ${release.name}` : 'A release';
  };
}
