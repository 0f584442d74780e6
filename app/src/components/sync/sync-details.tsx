/** The sync details popover: the state in words, each document, clashes to review, and what to do. */
import type { Conflict } from '@runsheet/domain';
import { Link, useRouterState } from '@tanstack/react-router';
import { Button } from '@/components/ui/button';
import { useSyncApi } from '@/sync/sync-context';
import type { SyncSnapshot } from '@/sync/sync-manager';
import type { SyncSummary } from '@/sync/sync-summary';
import { SyncConflicts } from './sync-conflicts';
import { SyncDocuments } from './sync-documents';

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
      {signedIn && <SyncDocuments docs={snapshot.docs} className="border-t pt-3" />}
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
