/**
 * The header's sync indicator: one button whose text says the state (offline, connecting, synced, "N
 * changes waiting", sign in, read-only), a popover with the details and what can be done, and a polite live
 * region that announces state changes for screen reader users.
 */
import { Link, useRouterState } from '@tanstack/react-router';
import {
  CloudCheck,
  CloudOff,
  CloudUpload,
  Eye,
  HardDrive,
  LogIn,
  type LucideIcon,
  Pause,
  RefreshCw,
  TriangleAlert,
} from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { cn } from '@/lib/utils';
import { useWorkspace } from '@/state/workspace-context';
import { useSync, useSyncApi } from '@/sync/sync-context';
import type { SyncSnapshot } from '@/sync/sync-manager';
import { changes, type SyncKind, type SyncSummary, summarize } from '@/sync/sync-summary';

const ICONS: Record<SyncKind, LucideIcon> = {
  checking: RefreshCw,
  local: HardDrive,
  setup: LogIn,
  'sign-in': LogIn,
  'read-only': Eye,
  paused: Pause,
  offline: CloudOff,
  connecting: RefreshCw,
  stopped: TriangleAlert,
  waiting: CloudUpload,
  syncing: RefreshCw,
  synced: CloudCheck,
};

export function SyncStatus({ className }: { className?: string }) {
  const snapshot = useSync();
  const summary = summarize(snapshot);
  const Icon = ICONS[summary.kind];
  const [open, setOpen] = useState(false);
  return (
    <>
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <button
            type="button"
            id="sync-status"
            data-kind={summary.kind}
            className={cn(
              'inline-flex h-8 items-center gap-1.5 rounded-full border px-2.5 text-xs outline-none transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/60 focus-visible:outline-1 focus-visible:outline-ring',
              summary.kind === 'synced' ? 'text-foreground' : 'text-muted-foreground',
              (summary.kind === 'sign-in' || summary.kind === 'stopped') && 'border-warning text-foreground',
              className,
            )}
          >
            <Icon className="size-3.5 shrink-0" aria-hidden="true" />
            <span>{summary.label}</span>
          </button>
        </PopoverTrigger>
        <PopoverContent align="end" portal={false} className="w-80" aria-labelledby="sync-details-title">
          <SyncDetails snapshot={snapshot} summary={summary} close={() => setOpen(false)} />
        </PopoverContent>
      </Popover>
      <SyncAnnouncer summary={summary} />
    </>
  );
}

function SyncDetails({
  snapshot,
  summary,
  close,
}: {
  snapshot: SyncSnapshot;
  summary: SyncSummary;
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

/**
 * Announces state changes politely. States that flicker by during normal editing ("1 change waiting" for
 * a tenth of a second, "Connecting…") have no announcement; the first settled state after loading is the
 * baseline and is not announced (nothing changed for the user).
 */
function SyncAnnouncer({ summary }: { summary: SyncSummary }) {
  const [text, setText] = useState('');
  const last = useRef<string | null>(null);
  useEffect(() => {
    const next = summary.announce;
    if (next === null) return;
    if (last.current === null) {
      last.current = next;
      return;
    }
    if (next === last.current) return;
    last.current = next;
    setText(next);
  }, [summary.announce]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="sync-announcer">
      {text}
    </div>
  );
}
