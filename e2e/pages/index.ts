import type { Page } from '@playwright/test';
import type { AppPage } from './app-page';
import { ClusterDetailPage } from './cluster-detail-page';
import { ClusterFormPage } from './cluster-form-page';
import { ClustersPage } from './clusters-page';
import { CustomerDetailPage } from './customer-detail-page';
import { CustomerFormPage } from './customer-form-page';
import { CustomersPage } from './customers-page';
import { DashboardPage } from './dashboard-page';
import { NotFoundPage } from './not-found-page';
import { ReleaseFormPage } from './release-form-page';
import { ReleasePage } from './release-page';
import { ReleasesPage } from './releases-page';
import { SettingsPage } from './settings-page';
import { TemplateStepsPage } from './template-steps-page';

export { ActivationDialog } from './activation-dialog';
export { AddCustomersDialog } from './add-customers-dialog';
export { AppShell, NAV_LABELS, type NavLabel, type ThemeChoice } from './app-shell';
export type { ClusterInput } from './cluster-form-page';
export { CsvImportDialog } from './csv-import';
export type { CustomerInput } from './customer-form-page';
export type { SortLabel } from './customers-page';
export { DataSettings } from './data-settings';
export { ReportPage } from './report-page';
export { TemplateFormDialog } from './template-steps-page';
export type { AppPage };
export {
  ClusterDetailPage,
  ClusterFormPage,
  ClustersPage,
  CustomerDetailPage,
  CustomerFormPage,
  CustomersPage,
  DashboardPage,
  NotFoundPage,
  ReleaseFormPage,
  ReleasePage,
  ReleasesPage,
  SettingsPage,
  TemplateStepsPage,
};

/** Every screen of the shell, with the nav label that leads to it (none for not-found). */
export const screens = [
  { name: 'dashboard', nav: 'Dashboard', create: (page: Page) => new DashboardPage(page) },
  { name: 'clusters', nav: 'Clusters', create: (page: Page) => new ClustersPage(page) },
  { name: 'customers', nav: 'Customers', create: (page: Page) => new CustomersPage(page) },
  { name: 'releases', nav: 'Releases', create: (page: Page) => new ReleasesPage(page) },
  { name: 'settings', nav: 'Settings', create: (page: Page) => new SettingsPage(page) },
  { name: 'not-found', nav: null, create: (page: Page) => new NotFoundPage(page) },
] as const;
