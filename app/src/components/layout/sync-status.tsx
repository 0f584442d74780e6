/**
 * The header's sync indicator: one button whose text says the state (offline, connecting, synced, "N
 * changes waiting", sign in, read-only) and any clashes to review, a popover with the details and what can
 * be done, and a polite live region that announces state changes for screen reader users.
 */
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
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { cn } from '@/lib/utils';
import { clashes, useConflicts } from '@/sync/conflict-list';
import { useSync } from '@/sync/sync-context';
import { type SyncKind, type SyncSummary, summarize } from '@/sync/sync-summary';

/** The details (documents, clashes, sign-in) load when first opened: a page's first paint does not need them. */
const SyncDetails = lazy(() =>
  import('@/components/sync/sync-details').then((m) => ({ default: m.SyncDetails })),
);

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
  const conflicts = useConflicts();
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
            {conflicts.length > 0 && (
              <span className="rounded-sm bg-warning px-1 font-medium text-warning-foreground">
                {clashes(conflicts.length)}
              </span>
            )}
          </button>
        </PopoverTrigger>
        <PopoverContent align="end" portal={false} className="w-80" aria-labelledby="sync-details-title">
          <Suspense fallback={<p className="text-muted-foreground text-sm">Loading…</p>}>
            <SyncDetails
              snapshot={snapshot}
              summary={summary}
              conflicts={conflicts}
              close={() => setOpen(false)}
            />
          </Suspense>
        </PopoverContent>
      </Popover>
      <SyncAnnouncer summary={summary} />
    </>
  );
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
