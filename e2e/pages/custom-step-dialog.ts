import { expect, type Locator, type Page } from '@playwright/test';
import { selectOption } from './select-option';

export interface CustomStepInput {
  name?: string;
  category?: 'Deploy' | 'Verify';
  type?: 'Bash' | 'SQL' | 'Text';
  content?: string;
  /** "At the end", `Before “Run migration”`, `After “Deploy app”` */
  position?: string;
  addToTemplate?: boolean;
}

/** "Add custom step" (FCS-003). */
export class CustomStepDialog {
  readonly root: Locator;
  readonly name: Locator;
  readonly category: Locator;
  readonly type: Locator;
  readonly content: Locator;
  readonly position: Locator;
  readonly addToTemplate: Locator;
  readonly addButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Add custom step' });
    this.name = this.root.getByRole('textbox', { name: 'Step name' });
    this.category = this.root.getByRole('combobox', { name: 'Category' });
    this.type = this.root.getByRole('combobox', { name: 'Type' });
    this.content = this.root.getByRole('textbox', { name: 'Content' });
    this.position = this.root.getByRole('combobox', { name: 'Insert position' });
    this.addToTemplate = this.root.getByRole('checkbox', {
      name: 'Add to template (apply to all customers)',
    });
    this.addButton = this.root.getByRole('button', { name: 'Add step' });
    this.cancelButton = this.root.getByRole('button', { name: 'Cancel' });
  }

  async fill(input: CustomStepInput): Promise<void> {
    if (input.name !== undefined) await this.name.fill(input.name);
    if (input.category) await selectOption(this.page, this.category, input.category);
    if (input.type) await selectOption(this.page, this.type, input.type);
    if (input.content !== undefined) await this.content.fill(input.content);
    if (input.position) await selectOption(this.page, this.position, input.position);
    if (input.addToTemplate !== undefined) await this.addToTemplate.setChecked(input.addToTemplate);
  }

  async submit(): Promise<void> {
    await this.addButton.click();
  }

  async expectClosed(): Promise<void> {
    await expect(this.root).toBeHidden();
  }
}
