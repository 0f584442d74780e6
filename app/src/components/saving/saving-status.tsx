/**
 * The header's "Saving…" badge: shown while work that must be stored is in flight (saving-store.ts),
 * so a person knows why leaving the page would ask first. The live region is always there (an empty
 * one), so screen readers announce the badge when it appears.
 */
import { LoaderCircle } from 'lucide-react';
import { useSaving } from './use-saving.ts';

export function SavingStatus() {
  const { labels } = useSaving();
  const saving = labels.length > 0;
  return (
    <div role="status" aria-live="polite" data-testid="saving-status" className="contents">
      {saving && (
        <span
          className="inline-flex h-8 items-center gap-1.5 rounded-full border border-warning px-2.5 text-foreground text-xs"
          title={labels.join('; ')}
        >
          <LoaderCircle className="size-3.5 shrink-0 motion-safe:animate-spin" aria-hidden="true" />
          <span>
            Saving…<span className="sr-only"> {labels.join('; ')}. Leaving the page now would lose it.</span>
          </span>
        </span>
      )}
    </div>
  );
}
