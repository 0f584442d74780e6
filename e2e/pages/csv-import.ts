import { expect, type Locator, type Page } from '@playwright/test';

/** The CSV import dialog of Settings › Your data. */
export class CsvImportDialog {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly paste: Locator;
  readonly checkButton: Locator;
  readonly summary: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: 'Import from CSV…' });
    this.dialog = page.getByRole('dialog', { name: 'Import clusters or customers from CSV' });
    this.paste = this.dialog.getByLabel('Paste CSV');
    this.checkButton = this.dialog.getByRole('button', { name: 'Check rows' });
    this.summary = this.dialog.getByTestId('csv-summary');
    this.status = this.dialog.getByRole('status');
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.dialog).toBeVisible();
  }

  async pasteCsv(text: string): Promise<void> {
    await this.paste.fill(text);
    await this.checkButton.click();
  }

  /** The input of a column on a line of the pasted text (header = line 1). */
  cell(column: string, line: number): Locator {
    return this.dialog.getByRole('textbox', { name: `${column}, line ${line}`, exact: true });
  }

  importButton(count: number): Locator {
    return this.dialog.getByRole('button', {
      name: `Import ${count.toLocaleString('en')} ready ${count === 1 ? 'row' : 'rows'}`,
    });
  }
}
