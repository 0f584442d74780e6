import { type ReactNode, useSyncExternalStore } from 'react';

// A tiny toast store outside React, so any module (the service-worker hook, a sync client, a command
// handler) can call `toast()` without a component in reach. <Toaster/> subscribes and renders.

/** At most this many toasts are on screen; older ones are closed first. */
export const TOAST_LIMIT = 3;
/** How long a closed toast stays in the list, so Radix can play its exit animation. */
export const TOAST_REMOVE_DELAY_MS = 1000;

export interface ToastAction {
  label: string;
  /** Describes the action for screen readers when the toast is announced (Radix requires it). */
  altText: string;
  onClick: () => void;
}

export interface ToastOptions {
  title: ReactNode;
  description?: ReactNode;
  variant?: 'default' | 'destructive';
  action?: ToastAction;
  /** Milliseconds before it closes by itself; Infinity keeps it until the user acts. */
  duration?: number;
}

export interface ToastEntry extends ToastOptions {
  id: string;
  open: boolean;
}

export interface ToastHandle {
  id: string;
  dismiss: () => void;
}

type Listener = () => void;

export interface ToastStore {
  getSnapshot: () => readonly ToastEntry[];
  subscribe: (listener: Listener) => () => void;
  show: (options: ToastOptions) => ToastHandle;
  dismiss: (id?: string) => void;
}

export function createToastStore(
  schedule: (run: () => void, ms: number) => unknown = (run, ms) => setTimeout(run, ms),
): ToastStore {
  let toasts: readonly ToastEntry[] = [];
  let counter = 0;
  const listeners = new Set<Listener>();

  const set = (next: readonly ToastEntry[]) => {
    toasts = next;
    for (const listener of listeners) listener();
  };

  const dismiss = (id?: string) => {
    const closing = toasts.filter((t) => t.open && (id === undefined || t.id === id));
    if (closing.length === 0) return;
    const ids = new Set(closing.map((t) => t.id));
    set(toasts.map((t) => (ids.has(t.id) ? { ...t, open: false } : t)));
    schedule(() => set(toasts.filter((t) => !ids.has(t.id) || t.open)), TOAST_REMOVE_DELAY_MS);
  };

  const show = (options: ToastOptions): ToastHandle => {
    counter += 1;
    const id = `toast-${counter}`;
    set([...toasts, { ...options, id, open: true }]);
    const open = toasts.filter((t) => t.open);
    for (const old of open.slice(0, Math.max(0, open.length - TOAST_LIMIT))) dismiss(old.id);
    return { id, dismiss: () => dismiss(id) };
  };

  return {
    getSnapshot: () => toasts,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    show,
    dismiss,
  };
}

const appToasts = createToastStore();

/** Shows a toast from anywhere; returns a handle to close it early. */
export function toast(options: ToastOptions): ToastHandle {
  return appToasts.show(options);
}

/** The current toasts, plus `toast` and `dismiss` for components. */
export function useToast() {
  const toasts = useSyncExternalStore(appToasts.subscribe, appToasts.getSnapshot, appToasts.getSnapshot);
  return { toasts, toast, dismiss: appToasts.dismiss };
}
