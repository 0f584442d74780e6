/**
 * A small form that asks why (skip BR-S03, revert BR-R04, reopen): the domain refuses an empty reason and
 * its message is shown beside the field. The text is a draft, so a reload does not lose it.
 */
import type { DomainError } from '@runsheet/domain';
import { useEffect, useRef, useState } from 'react';
import { FormField } from '@/components/form/form-field';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { useDraft } from '@/lib/drafts';

export interface ReasonFormProps {
  /** Heading and field label, e.g. "Why skip this step?". */
  label: string;
  submitLabel: string;
  draftKey: string;
  required?: boolean;
  hint?: string;
  /** Runs the command; returns the refusal to show, or null when it went through. */
  onSubmit: (reason: string) => Promise<DomainError | null>;
  onCancel: () => void;
  destructive?: boolean;
}

export function ReasonForm({
  label,
  submitLabel,
  draftKey,
  required = false,
  hint,
  onSubmit,
  onCancel,
  destructive = false,
}: ReasonFormProps) {
  const [reason, setReason, clearReason] = useDraft(draftKey, '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  return (
    <form
      className="grid gap-3 rounded-md border bg-muted/40 p-3"
      aria-label={label}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const refused = await onSubmit(reason);
        setBusy(false);
        if (refused) {
          setError(refused.message);
          field.current?.focus();
          return;
        }
        clearReason();
      }}
    >
      <FormField label={label} error={error} required={required} hint={hint}>
        <Textarea
          ref={field}
          value={reason}
          rows={2}
          onChange={(event) => {
            setReason(event.target.value);
            if (error) setError(null);
          }}
        />
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" variant={destructive ? 'destructive' : 'default'} disabled={busy}>
          {submitLabel}
        </Button>
        <Button
          type="button"
          size="sm"
          variant="ghost"
          onClick={() => {
            clearReason();
            onCancel();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
