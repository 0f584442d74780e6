import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { copyText } from './copy-text';

type CopyState = 'idle' | 'copied' | 'failed';

/** How long "Copied" stays on the button before it offers to copy again. */
const RESET_MS = 2000;

/**
 * Copies `text`. The visible label stays "Copy"/"Copied"; `what` completes the accessible name
 * ("Copy Deploy app") so several copy buttons on one page can be told apart. The result is announced.
 */
export function CopyButton({ text, what, className }: { text: string; what?: string; className?: string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), RESET_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await copyText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <Button
        variant="outline"
        size="sm"
        className={className}
        aria-label={what ? `Copy ${what}` : undefined}
        data-copy-state={state}
        onClick={() => void copy()}
      >
        {state === 'copied' ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        {state === 'copied' ? 'Copied' : 'Copy'}
      </Button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Could not copy' : ''}
      </span>
    </>
  );
}
