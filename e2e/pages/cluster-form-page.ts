import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page';
import { CatalogForm } from './catalog-form';

export interface ClusterInput {
  name: string;
  kubeconfigPath?: string;
  description?: string;
  metadata?: Record<string, string>;
}

/** The cluster form, new (/clusters/new) or edit (/clusters/:id/edit). */
export class ClusterFormPage extends AppPage {
  readonly form: CatalogForm;
  readonly name: Locator;
  readonly kubeconfigPath: Locator;
  readonly description: Locator;

  constructor(
    page: Page,
    readonly headingText = 'New cluster',
    readonly path = '/clusters/new',
    readonly title = 'New cluster · Runsheet',
  ) {
    super(page);
    this.form = new CatalogForm(page, 'Cluster');
    this.name = this.form.name;
    this.kubeconfigPath = this.form.form.getByRole('textbox', { name: 'Kubeconfig path', exact: true });
    this.description = this.form.description;
  }

  /** The edit form of a cluster called `name`. */
  static edit(page: Page, name: string): ClusterFormPage {
    return new ClusterFormPage(page, `Edit ${name}`, '', `Edit ${name} · Runsheet`);
  }

  get createButton(): Locator {
    return this.form.submitButton('Create cluster');
  }

  get saveButton(): Locator {
    return this.form.submitButton('Save cluster');
  }

  async fill(input: ClusterInput): Promise<void> {
    await this.name.fill(input.name);
    if (input.kubeconfigPath !== undefined) await this.kubeconfigPath.fill(input.kubeconfigPath);
    if (input.description !== undefined) await this.description.fill(input.description);
    for (const [key, value] of Object.entries(input.metadata ?? {})) await this.form.addMetadata(key, value);
  }

  async expectNameError(message: string | RegExp): Promise<void> {
    await this.form.expectFieldError(this.name, message);
    await expect(this.heading).toBeVisible();
  }
}
