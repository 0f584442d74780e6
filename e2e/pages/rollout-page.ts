import { expect, type Locator, type Page } from '@playwright/test';
import { urlId } from './text';

export interface GateSpec {
  previousComplete?: boolean;
  verifyComplete?: boolean;
  soakMinutes?: string;
  signOff?: boolean;
}

export type PickSpec =
  | { customers: string[] }
  | { clusters: string[] }
  | { metadata: { key: string; value: string } };

/** The Rollout view of a release (/releases/<id>/rollout): waves, gates, halt and resume. */
export class RolloutPage {
  readonly tab: Locator;
  readonly timeline: Locator;
  readonly addForm: Locator;
  readonly halted: Locator;
  readonly headerHalted: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('navigation', { name: 'Release views' }).getByRole('link', { name: 'Rollout' });
    this.timeline = page.getByTestId('wave-timeline');
    this.addForm = page.getByRole('form', { name: 'Add a wave' });
    this.halted = page.getByTestId('rollout-halted');
    this.headerHalted = page.getByTestId('release-halted');
    this.history = page.getByTestId('rollout-history');
  }

  async goto(releaseId: string): Promise<void> {
    await this.page.goto(`/releases/${urlId(releaseId)}/rollout`);
    await expect(this.page.getByRole('heading', { name: 'Waves', exact: true })).toBeVisible();
  }

  wave(name: string): Locator {
    return this.timeline.locator(`[data-wave="${name}"]`);
  }

  async expectWaveState(name: string, state: 'Open' | 'Closed' | 'Complete' | 'Halted'): Promise<void> {
    await expect(this.wave(name).getByTestId('wave-state')).toHaveText(state);
  }

  async waveNames(): Promise<string[]> {
    return this.timeline
      .locator('[data-wave]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-wave') ?? ''));
  }

  /** Fills the form that adds a wave (or changes one) and submits it. */
  async fillWave(form: Locator, name: string, pick?: PickSpec, gate?: GateSpec): Promise<void> {
    await form.getByLabel('Wave name').fill(name);
    if (pick && 'customers' in pick) {
      await form.getByRole('radio', { name: 'Pick customers' }).check();
      for (const c of pick.customers)
        await form.getByRole('checkbox', { name: new RegExp(`^${c}\\b`) }).check();
    } else if (pick && 'clusters' in pick) {
      await form.getByRole('radio', { name: 'By cluster' }).check();
      for (const c of pick.clusters) await form.getByRole('checkbox', { name: c, exact: true }).check();
    } else if (pick && 'metadata' in pick) {
      await form.getByRole('radio', { name: 'By metadata' }).check();
      await form.getByLabel('Metadata key').fill(pick.metadata.key);
      await form.getByLabel('Metadata value').fill(pick.metadata.value);
    }
    if (gate) {
      const box = (label: string, on: boolean | undefined) =>
        on === undefined ? Promise.resolve() : form.getByRole('checkbox', { name: label }).setChecked(on);
      await box('Every step of the previous wave complete', gate.previousComplete);
      await box('Verify steps of the previous wave complete', gate.verifyComplete);
      if (gate.soakMinutes !== undefined) await form.getByLabel('Soak time (minutes)').fill(gate.soakMinutes);
      await box('Sign-off by a member or admin', gate.signOff);
    }
    await form.getByRole('button', { name: /^(Add|Save) wave$/ }).click();
  }

  async addWave(name: string, pick?: PickSpec, gate?: GateSpec): Promise<void> {
    await this.fillWave(this.addForm, name, pick, gate);
    await expect(this.wave(name)).toBeVisible();
    await expect(this.addForm.getByLabel('Wave name')).toHaveValue('');
  }

  async signOff(wave: string, note?: string): Promise<void> {
    const item = this.wave(wave);
    await item.getByRole('button', { name: `Sign off ${wave}…` }).click();
    const form = item.getByRole('form', { name: `Sign-off note for ${wave} (optional)` });
    if (note) await form.getByRole('textbox').fill(note);
    await form.getByRole('button', { name: 'Sign off', exact: true }).click();
    await expect(form).toHaveCount(0);
  }

  async halt(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Halt rollout…' }).click();
    const form = this.page.getByRole('form', { name: 'Why halt the rollout?' });
    await form.getByRole('textbox').fill(reason);
    await form.getByRole('button', { name: 'Halt rollout' }).click();
    await expect(form).toHaveCount(0);
  }

  async resume(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Resume rollout…' }).click();
    const form = this.page.getByRole('form', { name: 'Why resume the rollout?' });
    await form.getByRole('textbox').fill(reason);
    await form.getByRole('button', { name: 'Resume rollout' }).click();
    await expect(form).toHaveCount(0);
  }
}
