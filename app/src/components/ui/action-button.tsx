/**
 * A named action as a button: its label, icon and shortcut come from the action itself, so the button,
 * the key and the palette entry cannot disagree. Unavailable actions are not rendered.
 */
import type { Action } from '@/actions/types';
import { labelOf } from '@/actions/types';
import { Button, type ButtonProps } from '@/components/ui/button';

export interface ActionButtonProps<C> extends Omit<ButtonProps, 'onClick' | 'children'> {
  action: Action<C>;
  ctx: C;
  /** Render even when unavailable, as a disabled button (default: not at all). */
  showDisabled?: boolean;
  /** Show the shortcut (only where it works: the step panel). */
  showKeys?: boolean;
}

export function ActionButton<C>({
  action,
  ctx,
  showDisabled = false,
  showKeys = true,
  variant,
  ...props
}: ActionButtonProps<C>) {
  const available = action.isAvailable(ctx);
  if (!available && !showDisabled) return null;
  const Icon = action.icon;
  const keys = showKeys ? action.keys?.join('+') : undefined;
  return (
    <Button
      {...props}
      variant={variant ?? (action.tone === 'destructive' ? 'destructive' : 'outline')}
      disabled={!available}
      data-action={action.id}
      aria-keyshortcuts={keys}
      onClick={() => void action.perform(ctx)}
    >
      {Icon && <Icon aria-hidden="true" />}
      {labelOf(action, ctx)}
      {keys && (
        <span
          aria-hidden="true"
          className="ml-1 rounded border bg-muted px-1 font-mono text-[0.7rem] text-muted-foreground"
        >
          {keys}
        </span>
      )}
    </Button>
  );
}
