import { CloudOff } from 'lucide-react';
import { cn } from '@/lib/utils';

/**
 * Where the sync state will show (connected, syncing, offline, signed out). Until the sync client exists
 * every change stays on this device, and it says so.
 */
export function SyncStatus({ className }: { className?: string }) {
  return (
    <div
      id="sync-status"
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-muted-foreground text-xs',
        className,
      )}
    >
      <CloudOff className="size-3.5" aria-hidden="true" />
      <span>Local only</span>
    </div>
  );
}
