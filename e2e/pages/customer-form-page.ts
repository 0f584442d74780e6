import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page';
import { CatalogForm } from './catalog-form';
import { literal } from './text';

export interface CustomerInput {
  name: string;
  namespace: string;
  cluster?: string;
  description?: string;
  metadata?: Record<string, string>;
}

/** The customer form, new (/customers/new) or edit (/customers/:id/edit). */
export class CustomerFormPage extends AppPage {
  readonly form: CatalogForm;
  readonly name: Locator;
  readonly namespace: Locator;
  readonly cluster: Locator;
  readonly description: Locator;
  readonly moveDialog: Locator;

  constructor(
    page: Page,
    readonly headingText = 'New customer',
    readonly path = '/customers/new',
    readonly title = 'New customer · Runsheet',
  ) {
    super(page);
    this.form = new CatalogForm(page, 'Customer');
    this.name = this.form.name;
    this.namespace = this.form.form.getByRole('textbox', { name: 'Namespace', exact: true });
    this.cluster = this.form.form.getByRole('combobox', { name: 'Cluster', exact: true });
    this.description = this.form.description;
    this.moveDialog = page.getByRole('dialog');
  }

  static edit(page: Page, name: string): CustomerFormPage {
    return new CustomerFormPage(page, `Edit ${name}`, '', `Edit ${name} · Runsheet`);
  }

  get createButton(): Locator {
    return this.form.submitButton('Create customer');
  }

  get saveButton(): Locator {
    return this.form.submitButton(/^Save (customer|and move…)$/);
  }

  async chooseCluster(name: string): Promise<void> {
    await this.cluster.click();
    await this.page.getByRole('option', { name: new RegExp(`^${literal(name)}( |$)`) }).click();
    await expect(this.cluster).toContainText(name);
  }

  async fill(input: CustomerInput): Promise<void> {
    await this.name.fill(input.name);
    if (input.cluster !== undefined) await this.chooseCluster(input.cluster);
    await this.namespace.fill(input.namespace);
    if (input.description !== undefined) await this.description.fill(input.description);
    for (const [key, value] of Object.entries(input.metadata ?? {})) await this.form.addMetadata(key, value);
  }
}
