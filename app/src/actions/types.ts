/**
 * Named actions (after Excalidraw's actions/types.ts): one definition per thing a person can do, with
 * its label, its shortcut, when it is available and what it performs. Buttons, keyboard shortcuts and
 * the command palette all use the same definition, so they cannot drift apart.
 */
import type { LucideIcon } from 'lucide-react';

/** What a shortcut test looks at (a KeyboardEvent, or a plain object in tests). */
export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface Action<C> {
  /** Stable name, used to look it up and as a test hook (`data-action`). */
  readonly id: string;
  readonly label: string | ((ctx: C) => string);
  /** Keys shown beside the label, e.g. ['D'] or ['Ctrl', 'K']. */
  readonly keys?: readonly string[];
  /** True when this key press triggers the action (checked only where the action is in scope). */
  readonly keyTest?: (event: KeyEventLike, ctx: C) => boolean;
  readonly isAvailable: (ctx: C) => boolean;
  readonly perform: (ctx: C) => void | Promise<void>;
  readonly icon?: LucideIcon;
  readonly tone?: 'default' | 'destructive';
}

/** An action bound to its context: what the palette lists and a button renders. */
export interface BoundAction {
  id: string;
  label: string;
  keys: readonly string[];
  icon?: LucideIcon;
  tone: 'default' | 'destructive';
  available: boolean;
  run: () => void | Promise<void>;
}

export function labelOf<C>(action: Action<C>, ctx: C): string {
  return typeof action.label === 'function' ? action.label(ctx) : action.label;
}

export function bind<C>(action: Action<C>, ctx: C): BoundAction {
  return {
    id: action.id,
    label: labelOf(action, ctx),
    keys: action.keys ?? [],
    icon: action.icon,
    tone: action.tone ?? 'default',
    available: action.isAvailable(ctx),
    run: () => action.perform(ctx),
  };
}

/** A single plain key, no modifier: the panel's one-letter shortcuts (d, s, r). */
export function plainKey(event: KeyEventLike, key: string): boolean {
  return (
    !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey && event.key.toLowerCase() === key
  );
}

/** The first available action whose shortcut matches the key press, if any. */
export function actionForKey<C>(
  actions: readonly Action<C>[],
  event: KeyEventLike,
  ctx: C,
): Action<C> | undefined {
  return actions.find((a) => a.keyTest?.(event, ctx) && a.isAvailable(ctx));
}

/**
 * Single-letter shortcuts must not fire while someone types: text fields, selects and editable content
 * keep their keys.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}
