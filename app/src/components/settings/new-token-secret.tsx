/** The secret of a token just created: shown once, with a copy button. It cannot be shown again. */
import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

export function NewTokenSecret({
  name,
  secret,
  onDismiss,
}: {
  name: string;
  secret: string;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus here so the secret is found at once (and announced by its heading).
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      aria-labelledby="new-token-title"
      className="grid gap-2 rounded-md border border-warning bg-warning/15 p-3"
    >
      <h3 id="new-token-title" ref={heading} tabIndex={-1} className="font-medium outline-none">
        Token “{name}” created
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
          {copied ? 'Copied' : 'Copy token'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          I have saved it
        </Button>
      </div>
      <p role="status" className="sr-only">
        {copied ? 'Token copied to the clipboard.' : ''}
      </p>
    </section>
  );
}
