import { expect, type Locator, type Page } from '@playwright/test';

export type PlanMode =
  | 'One wave per cluster'
  | 'One wave per value of a metadata key'
  | 'Pick each customer’s wave';

/** The "Plan waves…" dialog of the Rollout view (WV-12): the whole plan built, previewed and saved at once. */
export class PlanWavesDialog {
  readonly trigger: Locator;
  readonly dialog: Locator;
  readonly announcement: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.trigger = page.getByRole('button', { name: 'Plan waves…' });
    this.dialog = page.getByRole('dialog', { name: /^Plan the waves of / });
    this.announcement = this.dialog.getByTestId('plan-announcement');
    this.list = this.dialog.getByRole('list', { name: 'Planned waves, in rollout order' });
  }

  async open(): Promise<void> {
    await this.trigger.click();
    await expect(this.dialog).toBeVisible();
  }

  async build(mode: PlanMode, metadataKey?: string): Promise<void> {
    await this.dialog.getByRole('radio', { name: mode }).check();
    if (metadataKey !== undefined)
      await this.dialog.getByLabel('Metadata key', { exact: true }).selectOption(metadataKey);
  }

  /** The planned waves' names, in order. */
  async waveNames(): Promise<string[]> {
    return this.list
      .locator('[data-plan-wave]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-plan-wave') ?? ''));
  }

  wave(name: string): Locator {
    return this.list.locator(`[data-plan-wave="${name}"]`);
  }

  /** How many customers the preview puts in the wave ("2 customers (with 1 customer no wave picked)"). */
  count(name: string): Locator {
    return this.wave(name).getByTestId('plan-wave-count');
  }

  async move(name: string, direction: 'up' | 'down'): Promise<void> {
    await this.dialog.getByRole('button', { name: `Move ${name} ${direction}`, exact: true }).click();
  }

  async remove(name: string): Promise<void> {
    await this.dialog.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  }

  /** Renames the wave at a 1-based position. */
  async rename(position: number, name: string): Promise<void> {
    await this.dialog.getByLabel(`Name of wave ${position}`, { exact: true }).fill(name);
  }

  /** Pick mode: puts a customer in a wave (by the wave's name). */
  async pick(customer: string, wave: string): Promise<void> {
    await this.dialog.getByLabel(`Wave for ${customer}`).selectOption({ label: wave });
  }

  async gate(label: string, on: boolean): Promise<void> {
    await this.dialog.getByRole('checkbox', { name: label }).setChecked(on);
  }

  saveButton(waves: number): Locator {
    return this.dialog.getByRole('button', { name: `Save ${waves} wave${waves === 1 ? '' : 's'}` });
  }

  async save(waves: number): Promise<void> {
    await this.saveButton(waves).click();
    await expect(this.dialog).toHaveCount(0);
  }
}
