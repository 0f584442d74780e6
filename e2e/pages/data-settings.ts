import { readFile } from 'node:fs/promises';
import { type Download, expect, type Locator, type Page } from '@playwright/test';
import { SettingsPage } from './settings-page';

/** Settings › Your data: storage, backup and restore, CSV import and export. */
export class DataSettings extends SettingsPage {
  readonly section: Locator;
  readonly usage: Locator;
  readonly persistence: Locator;
  readonly askPersistence: Locator;
  readonly backupButton: Locator;
  readonly restoreButton: Locator;
  readonly dialog: Locator;

  constructor(page: Page) {
    super(page);
    this.section = page.getByRole('region', { name: 'Your data' });
    this.usage = page.getByTestId('storage-usage');
    this.persistence = page.getByTestId('persistence-status');
    this.askPersistence = page.getByRole('button', { name: 'Ask for persistent storage' });
    this.backupButton = page.getByRole('button', { name: 'Download backup' });
    this.restoreButton = page.getByRole('button', { name: 'Restore or import…' });
    this.dialog = page.getByRole('dialog');
  }

  /** Clicks "Download backup" and returns the download with its text. */
  async downloadBackup(): Promise<{ download: Download; text: string }> {
    return this.download(this.backupButton);
  }

  async download(button: Locator): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    return { download, text: await readFile(path, 'utf8') };
  }

  /** Opens the restore dialog and chooses a file with this content. */
  async chooseBackup(name: string, text: string): Promise<void> {
    await this.restoreButton.click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel('Backup file (.json)').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text, 'utf8'),
    });
  }

  /** A row of the preview's counts table: [new, changed, unchanged, kept]. */
  async counts(collection: string): Promise<string[]> {
    const row = this.dialog
      .getByRole('table', { name: 'What the import does' })
      .locator(`tr[data-collection="${collection}"]`);
    return row.getByRole('cell').allInnerTexts();
  }

  confirmButton(name: 'Restore workspace' | 'Import into this workspace'): Locator {
    return this.dialog.getByRole('button', { name });
  }

  /** Restores a workspace file into the (empty) workspace of this browser context. */
  async restore(text: string): Promise<void> {
    await this.chooseBackup('fixture.json', text);
    await this.confirmButton('Restore workspace').click();
    // Said only once stored (IO-18): a large workspace takes seconds.
    await expect(this.dialog.getByRole('heading', { name: 'Workspace restored' })).toBeVisible({
      timeout: 60_000,
    });
    await this.dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect(this.dialog).toBeHidden();
  }
}
