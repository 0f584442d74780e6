import { AlertTriangle } from 'lucide-react';
import { count } from '@/lib/count';
import type { MirrorInfo } from './use-temporal.ts';
import { useNow } from './use-temporal.ts';

/** "3 min ago", for the age of the mirror. */
export function formatAge(iso: string | null, now: number): string {
  if (iso === null) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${count(Math.round(hours / 24), 'day')} ago`;
}

/** Says when what is shown may be out of date, and why. Nothing when the mirror is current. */
export function MirrorBanner({ info }: { info: MirrorInfo }) {
  const now = useNow();
  if (!info.stale || info.empty) return null;
  const { status } = info;
  return (
    <div
      role="status"
      data-testid="temporal-stale"
      className="mb-4 flex items-start gap-2 rounded-lg border border-warning bg-warning/10 px-3 py-2 text-sm"
    >
      <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <p>
        <strong>These Temporal states may be out of date.</strong> Last updated{' '}
        {formatAge(status.lastSuccessAt, now)}
        {status.error !== null ? `: ${status.error}` : ' (this device has not heard from the server since)'}.
      </p>
    </div>
  );
}
