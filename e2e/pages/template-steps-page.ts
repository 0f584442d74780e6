import { expect, type Locator, type Page } from '@playwright/test';
import { selectOption } from './select-option';

export type Category = 'Deploy' | 'Verify';
export type StepTypeLabel = 'Bash' | 'SQL' | 'Text';

export interface StepFields {
  name?: string;
  category?: Category;
  type?: StepTypeLabel;
  content?: string;
  description?: string;
}

/** The add / edit template step dialog, with the edit's impact preview. */
export class TemplateFormDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly category: Locator;
  readonly type: Locator;
  readonly content: Locator;
  readonly description: Locator;
  readonly impact: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
    this.name = this.dialog.getByLabel('Name');
    this.category = this.dialog.getByRole('combobox', { name: 'Category' });
    this.type = this.dialog.getByRole('combobox', { name: 'Type' });
    this.content = this.dialog.getByRole('textbox', { name: 'Content' });
    this.description = this.dialog.getByLabel('Description');
    this.impact = this.dialog.getByTestId('edit-impact');
  }

  async fill(fields: StepFields): Promise<void> {
    if (fields.name !== undefined) await this.name.fill(fields.name);
    if (fields.category !== undefined) await selectOption(this.page, this.category, fields.category);
    if (fields.type !== undefined) await selectOption(this.page, this.type, fields.type);
    if (fields.content !== undefined) await this.content.fill(fields.content);
    if (fields.description !== undefined) await this.description.fill(fields.description);
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^(Add|Save) step$/ }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** /releases/<id>/steps: the Deploy and Verify template lists (FS-001..FS-005). */
export class TemplateStepsPage {
  readonly form: TemplateFormDialog;
  readonly deleteDialog: Locator;
  readonly deleteImpact: Locator;
  readonly archivedNote: Locator;

  constructor(readonly page: Page) {
    this.form = new TemplateFormDialog(page);
    this.deleteDialog = page.getByRole('dialog', { name: /^Delete / });
    this.deleteImpact = this.deleteDialog.getByTestId('delete-impact');
    this.archivedNote = page.getByRole('note').filter({ hasText: 'archived' });
  }

  async expectLoaded(releaseName: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 2, name: 'Deploy', exact: true })).toBeVisible();
    await expect(this.page).toHaveTitle(`Template steps · ${releaseName} · Runsheet`);
  }

  list(category: Category): Locator {
    return this.page.getByRole('list', { name: `${category} steps` });
  }

  /** Step names of a category, in order. */
  async names(category: Category): Promise<string[]> {
    const list = this.list(category);
    if ((await list.count()) === 0) return [];
    return list.getByRole('heading', { level: 3 }).allTextContents();
  }

  async expectNames(category: Category, names: string[]): Promise<void> {
    if (names.length === 0) {
      await expect(this.list(category)).toHaveCount(0);
      return;
    }
    await expect(this.list(category).getByRole('heading', { level: 3 })).toHaveText(names);
  }

  step(name: string): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 3, name, exact: true }) });
  }

  /** A step's template id (the list item carries it), for addressing its customer steps. */
  async templateId(name: string): Promise<string> {
    const id = await this.step(name).getAttribute('data-template-id');
    if (!id) throw new Error(`no template id on step ${name}`);
    return id;
  }

  addButton(category: Category): Locator {
    return this.page.getByRole('button', { name: `Add ${category.toLowerCase()} step` });
  }

  async addStep(category: Category, fields: StepFields): Promise<void> {
    await this.addButton(category).click();
    await expect(this.form.dialog).toBeVisible();
    await this.form.fill(fields);
    await this.form.save();
    if (fields.name) await expect(this.step(fields.name)).toBeVisible();
  }

  async openEdit(name: string): Promise<TemplateFormDialog> {
    await this.page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
    await expect(this.form.dialog).toBeVisible();
    return this.form;
  }

  async openDelete(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete ${name}`, exact: true }).click();
    await expect(this.deleteDialog).toBeVisible();
  }

  async confirmDelete(): Promise<void> {
    await this.deleteDialog.getByRole('button', { name: 'Delete step' }).click();
    await expect(this.deleteDialog).toBeHidden();
  }

  moveUpButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Move ${name} up`, exact: true });
  }

  moveDownButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Move ${name} down`, exact: true });
  }

  handle(name: string): Locator {
    return this.page.getByRole('button', { name: `Reorder ${name}`, exact: true });
  }

  copyButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Copy ${name}`, exact: true });
  }

  /** The code as shown in a step's block (line numbers excluded). */
  code(name: string): Locator {
    return this.step(name).locator('pre:not([aria-hidden]) code');
  }

  /**
   * Drags a step by its handle onto another step's place, with the mouse, and drops it once the drag
   * announces the target position. The list is scrolled into view first: near the window's edge the
   * drag would scroll the page under the pointer.
   */
  async dragOnto(name: string, target: string): Promise<void> {
    await this.step(target).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const from = await this.handle(name).boundingBox();
    const to = await this.step(target).boundingBox();
    const place = Number(((await this.step(target).getAttribute('aria-label')) ?? '').split('.')[0]);
    if (!from || !to) throw new Error('step not on screen');
    const mouse = this.page.mouse;
    const x = from.x + from.width / 2;
    await mouse.move(x, from.y + from.height / 2);
    await mouse.down();
    // A small first move passes the activation distance; then glide so collision detection follows.
    await mouse.move(x, from.y + from.height / 2 - 10, { steps: 2 });
    await mouse.move(x, to.y + to.height / 2, { steps: 20 });
    await expect(this.dragAnnouncement).toContainText(`${name} is over position ${place} of`);
    await mouse.up();
    await expect(this.dragAnnouncement).toContainText(`Dropped ${name} at position ${place}`);
  }

  /** What the drag and drop tells screen readers (dnd-kit's live region). */
  get dragAnnouncement(): Locator {
    return this.page.locator('[id^="DndLiveRegion"]');
  }

  /**
   * Reorders with the keyboard only: focus the handle, Space, arrows, Space (dnd-kit keyboard sensor).
   * Each arrow waits for the announcement of the new position, as a person listening to it would.
   */
  async keyboardMove(name: string, by: number): Promise<void> {
    const handle = this.handle(name);
    await handle.focus();
    const start = Number(
      ((await handle.locator('xpath=ancestor::li').getAttribute('aria-label')) ?? '').split('.')[0],
    );
    await this.page.keyboard.press('Space');
    await expect(this.dragAnnouncement).toContainText(`${name} is over position ${start} of`);
    const key = by < 0 ? 'ArrowUp' : 'ArrowDown';
    for (let i = 1; i <= Math.abs(by); i++) {
      await this.page.keyboard.press(key);
      const at = start + (by < 0 ? -i : i);
      await expect(this.dragAnnouncement).toContainText(`${name} is over position ${at} of`);
    }
    await this.page.keyboard.press('Space');
    await expect(this.dragAnnouncement).toContainText(`Dropped ${name} at position`);
  }
}
