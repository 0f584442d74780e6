/**
 * A restore is an edit like any other (IO-19): its updates are applied to the page's documents, stored,
 * and sent to the relay, so a second device signed in to the same server gets the restored workspace.
 */
import { DataSettings } from './pages';
import { ReleasePage } from './pages/release-page';
import { urlId } from './pages/text';
import { buildLargeWorkspace } from './support/large-workspace';
import { expect, test } from './sync-fixtures';

test.use({ relayPort: 4457 });

test('IO-19 a workspace restored on one device reaches another through the relay, history and all', async ({
  deviceA,
  deviceB,
}) => {
  test.setTimeout(120_000);
  const workspace = buildLargeWorkspace({ customers: 1000, done: 5000 });
  await deviceA.openSignedIn();
  const data = new DataSettings(deviceA.page);
  await data.goto();
  await data.restore(workspace.text);
  await deviceA.sync.expectSynced();

  await deviceB.openSignedIn();
  await deviceB.page.goto(`/releases/${urlId(workspace.releaseId)}`);
  const release = new ReleasePage(deviceB.page);
  await expect(release.heading(workspace.releaseName)).toBeVisible({ timeout: 60_000 });
  await expect(release.progress('Overall progress')).toHaveAttribute(
    'aria-valuetext',
    '10% complete (5000 done, 0 skipped of 50000)',
    { timeout: 60_000 },
  );
});
