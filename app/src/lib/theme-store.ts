import { useSyncExternalStore } from 'react';
import {
  applyTheme,
  type KeyValueStore,
  readThemePreference,
  resolveTheme,
  THEME_STORAGE_KEY,
  type ThemePreference,
  writeThemePreference,
} from './theme';

// The live theme preference for React. index.html has already put the right class on <html>; this store
// keeps it right when the user picks another theme, when the OS switches (for 'system'), and when another
// tab of the app changes the choice (the `storage` event), so all tabs agree.

const DARK_QUERY = '(prefers-color-scheme: dark)';

function localStore(): KeyValueStore | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

let preference: ThemePreference = readThemePreference(localStore());
const listeners = new Set<() => void>();

function systemPrefersDark(): boolean {
  return window.matchMedia(DARK_QUERY).matches;
}

function applyCurrent(): void {
  applyTheme(document.documentElement, resolveTheme(preference, systemPrefersDark()));
}

function emit(): void {
  for (const listener of listeners) listener();
}

function onSystemChange(): void {
  if (preference === 'system') applyCurrent();
}

function onStorage(event: StorageEvent): void {
  if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
  preference = readThemePreference(localStore());
  applyCurrent();
  emit();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    window.matchMedia(DARK_QUERY).addEventListener('change', onSystemChange);
    window.addEventListener('storage', onStorage);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.matchMedia(DARK_QUERY).removeEventListener('change', onSystemChange);
      window.removeEventListener('storage', onStorage);
    }
  };
}

export function setThemePreference(next: ThemePreference): void {
  preference = next;
  writeThemePreference(localStore(), next);
  applyCurrent();
  emit();
}

/** The user's choice ('light' | 'dark' | 'system') and a setter that applies and persists it. */
export function useThemePreference(): [ThemePreference, (next: ThemePreference) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => preference,
    () => preference,
  );
  return [value, setThemePreference];
}
