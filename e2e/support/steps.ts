/**
 * Marking customer steps done, skipped or overridden for the template-impact and workflow tests.
 * Those actions belong to the execution matrix, built on another branch; until its screens are in
 * main, the tests reach them through the app's test API (`window.__runsheet`, opened with ?bench=1),
 * which runs the same domain commands on the same write path as a click.
 */
import type { Page } from '@playwright/test';
import { command, openWithTestApi } from './catalog';

const part = (id: string) => id.slice(id.indexOf(':') + 1);

/** The id of the step template `templateId` makes for `customerId` (ID-02). */
export function stepId(customerId: string, templateId: string): string {
  return `step:${part(customerId)}.${part(templateId)}`;
}

export interface StepActions {
  markDone(customerId: string, templateId: string): Promise<void>;
  skip(customerId: string, templateId: string, reason: string): Promise<void>;
  override(customerId: string, templateId: string, content: string): Promise<void>;
}

/** Reopens `path` with the test API and returns step actions on release `releaseId`. */
export async function stepActions(page: Page, path: string, releaseId: string): Promise<StepActions> {
  await openWithTestApi(page, path);
  const id = releaseId.startsWith('release:') ? releaseId : `release:${releaseId}`;
  return {
    async markDone(customerId, templateId) {
      await command(page, 'markDone', { releaseId: id, stepId: stepId(customerId, templateId) }, id);
    },
    async skip(customerId, templateId, reason) {
      await command(page, 'skipStep', { releaseId: id, stepId: stepId(customerId, templateId), reason }, id);
    },
    async override(customerId, templateId, content) {
      await command(
        page,
        'overrideStep',
        { releaseId: id, stepId: stepId(customerId, templateId), content },
        id,
      );
    },
  };
}
