import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeStorage } from '@/lib/fake-storage';
import {
  applyTheme,
  readThemePreference,
  resolveTheme,
  THEME_STORAGE_KEY,
  type ThemePreference,
  writeThemePreference,
} from './theme';

function fakeRoot() {
  const classes = new Set<string>();
  return {
    classes,
    classList: {
      toggle: (name: string, force?: boolean) => {
        const on = force ?? !classes.has(name);
        if (on) classes.add(name);
        else classes.delete(name);
        return on;
      },
    },
    style: { colorScheme: '' },
  };
}

describe('theme preference', () => {
  it('defaults to system when nothing, or something unknown, is stored', () => {
    expect(readThemePreference(fakeStorage())).toBe('system');
    expect(readThemePreference(fakeStorage({ [THEME_STORAGE_KEY]: 'sepia' }))).toBe('system');
    expect(readThemePreference(undefined)).toBe('system');
  });

  it('survives storage that throws', () => {
    const broken = fakeStorage({}, true);
    expect(readThemePreference(broken)).toBe('system');
    expect(() => writeThemePreference(broken, 'dark')).not.toThrow();
  });

  it('stores light and dark, and stores system as no entry at all', () => {
    const store = fakeStorage();
    writeThemePreference(store, 'dark');
    expect(readThemePreference(store)).toBe('dark');
    writeThemePreference(store, 'system');
    expect(store.data.has(THEME_STORAGE_KEY)).toBe(false);
  });

  it('resolves system from the OS setting and keeps an explicit choice', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('puts the dark class and color-scheme on the root element', () => {
    const root = fakeRoot();
    applyTheme(root, 'dark');
    expect(root.classes.has('dark')).toBe(true);
    expect(root.style.colorScheme).toBe('dark');
    applyTheme(root, 'light');
    expect(root.classes.has('dark')).toBe(false);
    expect(root.style.colorScheme).toBe('light');
  });
});

describe('the inline theme script of index.html', () => {
  const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
  const script = /<script id="theme-boot">([\s\S]*?)<\/script>/.exec(html)?.[1];

  it('exists', () => {
    expect(script).toBeTruthy();
  });

  const stored: (string | null)[] = ['light', 'dark', 'system', 'sepia', null];
  const cases = stored.flatMap((value) => [true, false].map((systemDark) => [value, systemDark] as const));

  it.each(cases)('stored %s, system dark %s: same result as theme.ts', (value, systemDark) => {
    const store = fakeStorage(value === null ? {} : { [THEME_STORAGE_KEY]: value });
    const root = fakeRoot();
    const window = { matchMedia: () => ({ matches: systemDark }) };
    new Function('localStorage', 'window', 'document', script!)(store, window, { documentElement: root });

    const expected = fakeRoot();
    applyTheme(expected, resolveTheme(readThemePreference(store) as ThemePreference, systemDark));
    expect([...root.classes]).toEqual([...expected.classes]);
    expect(root.style.colorScheme).toBe(expected.style.colorScheme);
  });
});
