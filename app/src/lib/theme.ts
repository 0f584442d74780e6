// The theme choice and how it maps to the page. index.html carries a copy of `resolveTheme` + `applyTheme`
// as an inline script so the right theme is on <html> before the first paint; theme.test.ts runs that
// script against these functions so the two cannot drift apart.

export const THEME_STORAGE_KEY = 'runsheet:theme';

export const themePreferences = ['light', 'dark', 'system'] as const;
export type ThemePreference = (typeof themePreferences)[number];
export type ResolvedTheme = 'light' | 'dark';

/** The subset of Storage the theme needs; sessionStorage, localStorage or a test fake. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function isThemePreference(value: unknown): value is ThemePreference {
  return typeof value === 'string' && (themePreferences as readonly string[]).includes(value);
}

/** The stored choice, or 'system' when nothing (or something unreadable) is stored. */
export function readThemePreference(store: KeyValueStore | undefined): ThemePreference {
  try {
    const value = store?.getItem(THEME_STORAGE_KEY);
    return isThemePreference(value) ? value : 'system';
  } catch {
    // Storage can throw (disabled cookies, some private modes): fall back to the system theme.
    return 'system';
  }
}

export function writeThemePreference(store: KeyValueStore | undefined, preference: ThemePreference): void {
  try {
    // 'system' is the default, so it is stored as the absence of a choice.
    if (preference === 'system') store?.removeItem(THEME_STORAGE_KEY);
    else store?.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Not persisting is acceptable: the choice still applies for this page view.
  }
}

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

/** The parts of <html> the theme touches. */
export interface ThemeTarget {
  classList: Pick<DOMTokenList, 'toggle'>;
  style: { colorScheme: string };
}

export function applyTheme(target: ThemeTarget, theme: ResolvedTheme): void {
  target.classList.toggle('dark', theme === 'dark');
  target.style.colorScheme = theme;
}
