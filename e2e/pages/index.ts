import type { Page } from '@playwright/test';
import type { AppPage } from './app-page';
import { ClustersPage } from './clusters-page';
import { CustomersPage } from './customers-page';
import { DashboardPage } from './dashboard-page';
import { NotFoundPage } from './not-found-page';
import { ReleasesPage } from './releases-page';
import { SettingsPage } from './settings-page';

export { AppShell, NAV_LABELS, type NavLabel, type ThemeChoice } from './app-shell';
export { CsvImportDialog } from './csv-import';
export { DataSettings } from './data-settings';
export { ReportPage } from './report-page';
export type { AppPage };
export { ClustersPage, CustomersPage, DashboardPage, NotFoundPage, ReleasesPage, SettingsPage };

/** Every screen of the shell, with the nav label that leads to it (none for not-found). */
export const screens = [
  { name: 'dashboard', nav: 'Dashboard', create: (page: Page) => new DashboardPage(page) },
  { name: 'clusters', nav: 'Clusters', create: (page: Page) => new ClustersPage(page) },
  { name: 'customers', nav: 'Customers', create: (page: Page) => new CustomersPage(page) },
  { name: 'releases', nav: 'Releases', create: (page: Page) => new ReleasesPage(page) },
  { name: 'settings', nav: 'Settings', create: (page: Page) => new SettingsPage(page) },
  { name: 'not-found', nav: null, create: (page: Page) => new NotFoundPage(page) },
] as const;
