import { expect, type Locator, type Page } from '@playwright/test';
import { selectOption } from './select-option';
import { StepPanel, type StepStatusName } from './step-panel';
import { literal, urlId } from './text';

/** The release matrix (FV-003) in the body of the release page (/releases/<id>). */
export class MatrixPage {
  readonly region: Locator;
  readonly grid: Locator;
  readonly deployTab: Locator;
  readonly verifyTab: Locator;
  readonly clusterFilter: Locator;
  readonly statusFilter: Locator;
  readonly expandAll: Locator;
  readonly collapseAll: Locator;
  readonly legend: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Steps by customer' });
    this.grid = page.getByRole('grid', { name: /steps by customer$/ });
    this.deployTab = page.getByRole('tab', { name: /^Deploy/ });
    this.verifyTab = page.getByRole('tab', { name: /^Verify/ });
    this.clusterFilter = page.getByRole('combobox', { name: 'Cluster', exact: true });
    this.statusFilter = page.getByRole('combobox', { name: 'Status', exact: true });
    this.expandAll = page.getByRole('button', { name: 'Expand all' });
    this.collapseAll = page.getByRole('button', { name: 'Collapse all' });
    this.legend = page.getByRole('region', { name: 'Legend' });
    this.summary = this.region.getByText(/ of \d[\d,]* steps · /);
  }

  /** Opens the release page; `search` is the query string without `?` (e.g. "tab=verify"). */
  async goto(releaseId: string, search = ''): Promise<void> {
    await this.page.goto(`/releases/${urlId(releaseId)}${search ? `?${search}` : ''}`);
    await expect(this.grid).toBeVisible();
  }

  /** The cell of one step for one customer ("Deploy app", "Acme"). */
  cell(step: string, customer: string): Locator {
    return this.grid.getByRole('gridcell', {
      name: new RegExp(`^${literal(step)} for ${literal(customer)} \\(`),
    });
  }

  /** A cluster column's cell: done of its customers for that step. */
  clusterCell(step: string, cluster: string): Locator {
    return this.grid.getByRole('gridcell', {
      name: new RegExp(`^${literal(step)}, cluster ${literal(cluster)}:`),
    });
  }

  customerHeader(customer: string): Locator {
    return this.grid.getByRole('columnheader', { name: new RegExp(`^${literal(customer)}\\b`) });
  }

  clusterHeader(cluster: string): Locator {
    return this.grid.getByRole('columnheader', { name: new RegExp(`^${literal(cluster)}\\b.*cluster, `) });
  }

  /** The grid row of a step (its header's parent). */
  row(step: string): Locator {
    return this.rowHeader(step).locator('xpath=..');
  }

  rowHeader(step: string): Locator {
    return this.grid.getByRole('rowheader', { name: new RegExp(`^\\d+\\.\\s*${literal(step)}`) });
  }

  /** Every drawn step name, top to bottom. */
  async stepNames(): Promise<string[]> {
    return this.grid.getByRole('rowheader').evaluateAll((cells) =>
      cells
        .sort(
          (a, b) =>
            Number(a.closest('[aria-rowindex]')?.getAttribute('aria-rowindex')) -
            Number(b.closest('[aria-rowindex]')?.getAttribute('aria-rowindex')),
        )
        .map((c) => c.getAttribute('data-name') ?? '')
        .filter((name) => name !== ''),
    );
  }

  /** Column header texts, left to right (as drawn). */
  async columnNames(): Promise<string[]> {
    return this.grid.getByRole('columnheader').evaluateAll((cells) =>
      cells
        .sort((a, b) => Number(a.getAttribute('aria-colindex')) - Number(b.getAttribute('aria-colindex')))
        .map((c) => c.getAttribute('data-name') ?? '')
        .filter((name) => name !== ''),
    );
  }

  /** The toggle that folds every cluster column of one wave ("Fold Europe", pressed once folded). */
  waveFold(wave: string): Locator {
    return this.page
      .getByRole('group', { name: 'Fold a wave' })
      .getByRole('button', { name: new RegExp(`^(Fold|Unfold) ${literal(wave)}$`) });
  }

  async expectStatus(step: string, customer: string, status: StepStatusName): Promise<void> {
    await expect(this.cell(step, customer)).toHaveAttribute('data-status', status);
  }

  async open(step: string, customer: string): Promise<StepPanel> {
    await this.cell(step, customer).click();
    const panel = new StepPanel(this.page, step);
    await panel.expectOpen();
    return panel;
  }

  async filterCluster(name: string): Promise<void> {
    await selectOption(this.page, this.clusterFilter, name);
  }

  async filterStatus(name: 'All statuses' | 'Pending' | 'Done' | 'Skipped' | 'Reverted'): Promise<void> {
    await selectOption(this.page, this.statusFilter, name);
  }

  /** True when `cell` is fully inside the grid's scrolled view (not hidden by scrolling). */
  async isScrolledIntoGrid(cell: Locator): Promise<boolean> {
    const [grid, box] = await Promise.all([this.grid.boundingBox(), cell.boundingBox()]);
    if (!grid || !box) return false;
    return (
      box.x >= grid.x &&
      box.y >= grid.y &&
      box.x + box.width <= grid.x + grid.width + 1 &&
      box.y + box.height <= grid.y + grid.height + 1
    );
  }

  /** The grid cell that has keyboard focus. */
  focusedCell(): Locator {
    return this.grid.locator('[data-pos]:focus');
  }

  async expectFocusAt(row: number, col: number): Promise<void> {
    await expect(this.focusedCell()).toHaveAttribute('data-pos', `${row}:${col}`);
  }
}
