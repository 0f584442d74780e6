import { test as base, expect } from '@playwright/test';
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
import { watchCsp } from './support/csp-watch';

/** Page models as fixtures, so specs read as what a user does. */
interface Screens {
  /** Refusals of the server's Content-Security-Policy seen in this test (none allowed). */
  cspViolations: string[];
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
  cspViolations: [
    async ({ context }, use) => {
      const seen = watchCsp(context);
      await use(seen);
      expect(seen, "the app broke none of the server's Content-Security-Policy").toEqual([]);
    },
    { auto: true },
  ],
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
