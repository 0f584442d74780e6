import { expect, type Locator, type Page } from '@playwright/test';

export type ThemeChoice = 'Light' | 'Dark' | 'System';
export type NavLabel = 'Dashboard' | 'Clusters' | 'Customers' | 'Releases' | 'Inventory' | 'Settings';
export const NAV_LABELS: readonly NavLabel[] = [
  'Dashboard',
  'Clusters',
  'Customers',
  'Releases',
  'Inventory',
  'Settings',
];

/** The frame around every page: skip link, header, navigation, sync status, theme menu, toasts. */
export class AppShell {
  readonly skipLink: Locator;
  readonly header: Locator;
  readonly nav: Locator;
  readonly main: Locator;
  readonly syncStatus: Locator;
  readonly themeButton: Locator;
  readonly menuButton: Locator;
  readonly menuSheet: Locator;
  readonly updateToast: Locator;
  /** The header's "Saving…" badge (IO-18): present while work that must be stored is in flight. */
  readonly savingStatus: Locator;

  constructor(readonly page: Page) {
    this.skipLink = page.getByRole('link', { name: 'Skip to content' });
    this.header = page.getByRole('banner');
    this.nav = this.header.getByRole('navigation', { name: 'Primary' });
    this.main = page.getByRole('main');
    this.syncStatus = page.locator('#sync-status');
    this.themeButton = page.getByRole('button', { name: /^Theme:/ });
    this.menuButton = page.getByRole('button', { name: 'Open navigation' });
    this.menuSheet = page.getByRole('dialog', { name: 'Runsheet' });
    // Inside the toast region: Radix also announces a toast through a short-lived status element elsewhere.
    this.updateToast = page
      .getByRole('region', { name: /^Notifications/ })
      .getByRole('listitem')
      .filter({ hasText: 'Update available' });
    this.savingStatus = page.getByTestId('saving-status');
  }

  /** A toast by its text. */
  toast(text: string | RegExp): Locator {
    return this.page
      .getByRole('region', { name: /^Notifications/ })
      .getByRole('listitem')
      .filter({ hasText: text });
  }

  navLink(label: NavLabel): Locator {
    return this.nav.getByRole('link', { name: label, exact: true });
  }

  async chooseTheme(choice: ThemeChoice): Promise<void> {
    await this.themeButton.click();
    await this.page.getByRole('menuitemradio', { name: choice }).click();
    await expect(this.themeButton).toHaveAccessibleName(`Theme: ${choice}`);
  }

  /** The theme actually applied to the page (class on <html>). */
  async appliedTheme(): Promise<'light' | 'dark'> {
    const dark = await this.page.evaluate(() => document.documentElement.classList.contains('dark'));
    return dark ? 'dark' : 'light';
  }

  async expectActive(label: NavLabel): Promise<void> {
    await expect(this.navLink(label)).toHaveAttribute('aria-current', 'page');
    for (const other of NAV_LABELS.filter((l) => l !== label)) {
      await expect(this.navLink(other)).not.toHaveAttribute('aria-current', 'page');
    }
  }

  /**
   * Waits until a service worker controls this page (first visit: clientsClaim after install). Installing
   * precaches the whole build: on a loaded 2-core machine running the suite that took over 15 s once.
   */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 30_000,
    });
  }

  /** Width the document lays out at, beyond the viewport if something overflows sideways. */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  }
}
