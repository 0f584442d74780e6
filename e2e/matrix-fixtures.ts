import { test as base } from './fixtures';
import { CommandPalette } from './pages/command-palette';
import { CrossCustomerPage } from './pages/cross-customer-page';
import { CustomerViewPage } from './pages/customer-view-page';
import { MatrixPage } from './pages/matrix-page';

/** The screens of "running a release", as fixtures on top of the shell's. */
interface RunScreens {
  matrix: MatrixPage;
  customerView: CustomerViewPage;
  crossCustomer: CrossCustomerPage;
  palette: CommandPalette;
}

export const test = base.extend<RunScreens>({
  matrix: async ({ page }, use) => use(new MatrixPage(page)),
  customerView: async ({ page }, use) => use(new CustomerViewPage(page)),
  crossCustomer: async ({ page }, use) => use(new CrossCustomerPage(page)),
  palette: async ({ page }, use) => use(new CommandPalette(page)),
});

export { expect } from './fixtures';
