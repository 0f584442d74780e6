/** The secret of a token just created: shown once, with a copy button. It cannot be shown again. */
import { Check, Copy } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

export function NewTokenSecret({
  name,
  secret,
  onDismiss,
  noun = 'Token',
}: {
  name: string;
  secret: string;
  onDismiss: () => void;
  /** What the secret belongs to, as the heading names it (a token, a webhook's signing secret). */
  noun?: string;
}) {
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Two sections may show a new secret at once: each heading needs its own id.
  const titleId = useId();
  // Move focus here so the secret is found at once (and announced by its heading).
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      aria-labelledby={titleId}
      className="grid gap-2 rounded-md border border-warning bg-warning/15 p-3"
    >
      <h3 id={titleId} ref={heading} tabIndex={-1} className="font-medium outline-none">
        {noun} “{name}” created
      </h3>
      <p className="text-sm">Copy it now: it is shown only this once.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="token-secret"
          className="break-all rounded bg-background px-2 py-1 font-mono text-sm"
        >
          {secret}
        </code>
        <Button
          size="sm"
          variant="outline"
          onClick={() => {
            navigator.clipboard.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          {copied ? 'Copied' : `Copy ${noun.toLowerCase()}`}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          I have saved it
        </Button>
      </div>
      <p role="status" className="sr-only">
        {copied ? `${noun} copied to the clipboard.` : ''}
      </p>
    </section>
  );
}
