/**
 * The rollout's own history in words (waves planned and changed, sign-offs, openings, halts, resumes).
 * A sign-off or early opening made apart from a halt stays listed, flagged: it did not count (MR-08).
 */
import type { HistoryEvent, RolloutEntry } from '@runsheet/domain';
import { Badge } from '@/components/ui/badge';
import { formatWhen } from '@/lib/format-when';

export function rolloutEventText(e: HistoryEvent, waveName: (id: string | undefined) => string): string {
  const d = e.detail;
  switch (e.kind) {
    case 'waves-planned':
      return 'planned the rollout';
    case 'wave-added':
      return `added ${d.name ?? waveName(d.wave)}`;
    case 'wave-edited':
      return `changed ${waveName(d.wave)}`;
    case 'wave-deleted':
      return `removed ${d.name ?? waveName(d.wave)}`;
    case 'wave-members-set':
      return `moved customers into ${waveName(d.wave)}`;
    case 'gate-signed-off':
      return `signed off the gate of ${waveName(d.wave)}${d.note ? `: ${d.note}` : ''}`;
    case 'gate-opened':
      return d.how === 'early'
        ? `opened ${waveName(d.wave)} early: ${d.reason ?? ''}`
        : `${waveName(d.wave)} opened`;
    case 'rollout-halted':
      return `halted the rollout: ${d.reason ?? ''}`;
    case 'rollout-resumed':
      return `resumed the rollout: ${d.reason ?? ''}`;
    default:
      return e.kind;
  }
}

export function RolloutHistory({
  entries,
  waveName,
}: {
  entries: readonly RolloutEntry[];
  waveName: (id: string | undefined) => string;
}) {
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="rollout-history" className="grid gap-2">
      <h3 id="rollout-history" className="font-semibold">
        Rollout history
      </h3>
      <ol className="grid gap-1 text-sm" data-testid="rollout-history">
        {[...entries].reverse().map(({ event, flagged }) => (
          <li key={event.id} className="flex flex-wrap items-baseline gap-x-2">
            <span className="text-muted-foreground">{formatWhen(event.at)}</span>
            <span>
              {event.byName} {rolloutEventText(event, waveName)}
            </span>
            {flagged && (
              <Badge variant="warning" title="Made while the rollout was halted on another device">
                Did not count: made apart from a halt
              </Badge>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
