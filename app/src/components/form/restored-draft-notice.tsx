import { History } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** Says that the form holds what was typed before a reload, and offers to start over. */
export function RestoredDraftNotice({ onDiscard }: { onDiscard: () => void }) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-2 rounded-md border bg-muted px-3 py-2 text-sm"
    >
      <span className="flex items-center gap-2">
        <History className="size-4 shrink-0" aria-hidden="true" />
        Unsaved changes from earlier are back in this form.
      </span>
      <Button variant="outline" size="sm" onClick={onDiscard}>
        Discard them
      </Button>
    </div>
  );
}
