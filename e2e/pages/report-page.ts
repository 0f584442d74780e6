import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';

/** The printable report of one release: /releases/<id>/report. */
export class ReportPage extends AppPage {
  readonly path: string;
  readonly headingText: string;
  readonly title: string;
  readonly toolbar: Locator;
  readonly markdownButton: Locator;
  readonly csvButton: Locator;
  readonly printButton: Locator;

  constructor(page: Page, releaseId: string, releaseName: string) {
    super(page);
    this.path = `/releases/${releaseId.replace(/^release:/, '')}/report`;
    this.headingText = `Release report: ${releaseName}`;
    this.title = `Report: ${releaseName} · Runsheet`;
    this.toolbar = page.getByRole('toolbar', { name: 'Report actions' });
    this.markdownButton = this.toolbar.getByRole('button', { name: 'Download Markdown' });
    this.csvButton = this.toolbar.getByRole('button', { name: 'Download matrix (CSV)' });
    this.printButton = this.toolbar.getByRole('button', { name: 'Print' });
  }

  section(name: RegExp | string): Locator {
    return this.page.getByRole('region', { name });
  }
}
