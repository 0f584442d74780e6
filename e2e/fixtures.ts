import { test as base } from '@playwright/test';
import {
  AppShell,
  ClusterFormPage,
  ClustersPage,
  CustomerFormPage,
  CustomersPage,
  DashboardPage,
  NotFoundPage,
  ReleaseFormPage,
  ReleasePage,
  ReleasesPage,
  SettingsPage,
  TemplateStepsPage,
} from './pages';

/** Page models as fixtures, so specs read as what a user does. */
interface Screens {
  shell: AppShell;
  dashboard: DashboardPage;
  clusters: ClustersPage;
  newCluster: ClusterFormPage;
  customers: CustomersPage;
  newCustomer: CustomerFormPage;
  releases: ReleasesPage;
  releaseForm: ReleaseFormPage;
  release: ReleasePage;
  templateSteps: TemplateStepsPage;
  settings: SettingsPage;
  notFound: NotFoundPage;
}

export const test = base.extend<Screens>({
  shell: async ({ page }, use) => use(new AppShell(page)),
  dashboard: async ({ page }, use) => use(new DashboardPage(page)),
  clusters: async ({ page }, use) => use(new ClustersPage(page)),
  newCluster: async ({ page }, use) => use(new ClusterFormPage(page)),
  customers: async ({ page }, use) => use(new CustomersPage(page)),
  newCustomer: async ({ page }, use) => use(new CustomerFormPage(page)),
  releases: async ({ page }, use) => use(new ReleasesPage(page)),
  releaseForm: async ({ page }, use) => use(new ReleaseFormPage(page)),
  release: async ({ page }, use) => use(new ReleasePage(page)),
  templateSteps: async ({ page }, use) => use(new TemplateStepsPage(page)),
  settings: async ({ page }, use) => use(new SettingsPage(page)),
  notFound: async ({ page }, use) => use(new NotFoundPage(page)),
});

export { expect } from '@playwright/test';
