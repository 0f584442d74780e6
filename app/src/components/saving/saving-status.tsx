/**
 * The header's "Saving…" badge: shown while work that must be stored is in flight (saving-store.ts),
 * so a person knows why leaving the page would ask first. It appears only once the work has taken a
 * moment (SHOW_AFTER_MS), so a quick bulk change does not flash it; the leave guard itself is on from the
 * start. The live region is always there (an empty one), so screen readers announce the badge.
 */
import { LoaderCircle } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useSaving } from './use-saving.ts';

const SHOW_AFTER_MS = 300;

export function SavingStatus() {
  const { labels } = useSaving();
  const saving = labels.length > 0;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!saving) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [saving]);
  return (
    <div role="status" aria-live="polite" data-testid="saving-status" className="contents">
      {saving && shown && (
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
