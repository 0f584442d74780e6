import { useCallback, useState } from 'react';
import type { KeyValueStore } from './theme';

// "Nothing being typed is lost": form state is mirrored into sessionStorage on every change, so a reload
// (the "Update available -> Reload" flow, a crash, an accidental F5) puts it back. sessionStorage is per
// tab, which is what a half-typed form is; it is cleared when the form is submitted or cancelled.

export const DRAFT_PREFIX = 'runsheet:draft:';

/** JSON-serialisable values: what a form holds. */
export type DraftValue = string | number | boolean | null | DraftValue[] | { [key: string]: DraftValue };

function sessionStore(): KeyValueStore | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    // Accessing sessionStorage throws where storage is blocked; drafts then live in memory only.
    return undefined;
  }
}

export function readDraft<T extends DraftValue>(
  store: KeyValueStore | undefined,
  key: string,
  initial: T,
): T {
  try {
    const raw = store?.getItem(DRAFT_PREFIX + key);
    return raw == null ? initial : (JSON.parse(raw) as T);
  } catch {
    return initial;
  }
}

export function writeDraft<T extends DraftValue>(
  store: KeyValueStore | undefined,
  key: string,
  value: T,
): void {
  try {
    store?.setItem(DRAFT_PREFIX + key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage blocked: the value is still in React state, only the mirror is missing.
  }
}

export function clearDraft(store: KeyValueStore | undefined, key: string): void {
  try {
    store?.removeItem(DRAFT_PREFIX + key);
  } catch {
    // Nothing to clean up if storage is unavailable.
  }
}

/** Discards the draft of a form that is not mounted (e.g. a dialog closed with Escape). */
export function discardDraft(key: string): void {
  clearDraft(sessionStore(), key);
}

export type DraftSetter<T> = (next: T | ((previous: T) => T)) => void;

/** `useDraft('k', '')` should hold any string, not just the literal type `''`. */
export type Widen<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T;

/**
 * Like useState, but the value survives a reload of this tab. `key` names the form field uniquely across
 * the app (e.g. `dashboard:customer-search`). Call `clear()` when the form is submitted.
 */
export function useDraft<I extends DraftValue>(
  key: string,
  initial: I,
): [Widen<I>, DraftSetter<Widen<I>>, () => void] {
  type T = Widen<I>;
  const fallback = initial as T;
  const [state, setState] = useState(() => ({ key, value: readDraft<T>(sessionStore(), key, fallback) }));
  // A new key means a different form (e.g. another step's note): load its own draft.
  const current = state.key === key ? state : { key, value: readDraft<T>(sessionStore(), key, fallback) };
  if (current !== state) setState(current);

  const setValue = useCallback<DraftSetter<T>>(
    (next) => {
      setState((previous) => {
        const base = previous.key === key ? previous.value : readDraft<T>(sessionStore(), key, fallback);
        const value = typeof next === 'function' ? (next as (p: T) => T)(base) : next;
        // Written synchronously: a reload right after a keystroke must not lose that keystroke. Writing
        // inside the updater keeps concurrent updates in order; a repeated call writes the same value.
        writeDraft<T>(sessionStore(), key, value);
        return { key, value };
      });
    },
    [key, fallback],
  );

  const clear = useCallback(() => {
    clearDraft(sessionStore(), key);
    setState({ key, value: fallback });
  }, [key, fallback]);

  return [current.value, setValue, clear];
}
