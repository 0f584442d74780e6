/** One entry of a step's history (HI-01): what happened, when, by whom, and what is worth a second look. */
import type { HistoryEvent } from '@runsheet/domain';
import { TriangleAlert } from 'lucide-react';
import { formatWhen } from '@/lib/format-when';
import { describeEvent } from './event-text';

export function HistoryEntry({
  event,
  flagged,
  recordedAs,
}: {
  event: HistoryEvent;
  /** The action lost in a conflict between two devices (MR-03). */
  flagged: boolean;
  /** SE-11c: the server received this entry from someone else than the actor it names; null otherwise. */
  recordedAs: string | null;
}) {
  return (
    <li className="relative text-sm" data-flagged={flagged || undefined}>
      <span aria-hidden="true" className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-border" />
      <p className="break-words">
        {describeEvent(event)}
        {flagged && (
          <span className="ml-2 inline-flex items-center gap-1 rounded border border-destructive px-1.5 text-destructive text-xs">
            <TriangleAlert aria-hidden="true" className="size-3" />
            Lost in a conflict
          </span>
        )}
      </p>
      <p className="text-muted-foreground text-xs">
        <time dateTime={event.at}>{formatWhen(event.at)}</time> · {event.byName}
      </p>
      {recordedAs !== null && (
        <p data-testid="history-recorded-as" className="flex items-center gap-1 text-destructive text-xs">
          <TriangleAlert aria-hidden="true" className="size-3" />
          {recordedAs}
        </p>
      )}
    </li>
  );
}
