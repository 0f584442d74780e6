import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SyncSettingsPage } from './pages/sync-settings-page';
import { axeViolations as violations } from './support/axe';
import { expect, test } from './sync-fixtures';

// A port of its own: other spec files hold theirs while helpers run in parallel worktrees.
test.use({ relayPort: 5341 });
test.describe.configure({ timeout: 60_000 });

/** A real receiver on loopback (WH-01 allows it, docs/SECURITY.md says why): answers 204, counts requests. */
async function startReceiver(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(String(req.headers['runsheet-event']));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

test('WH-01 WH-06 an admin adds a webhook in Settings and sees a delivery in its log (axe light and dark)', async ({
  deviceA,
}) => {
  const receiver = await startReceiver();
  try {
    await deviceA.openSignedIn();
    const settings = new SyncSettingsPage(deviceA.page);
    await settings.goto();
    const section = deviceA.page.getByRole('region', { name: 'Webhooks' });
    await expect(section.getByText('No webhooks yet.')).toBeVisible();
    const form = section.getByRole('form', { name: 'Add a webhook' });

    // Refused input is said beside its field, and focus lands on the first.
    await form.getByLabel(/^Payload URL/).fill('ftp://example.com/hook');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const url = form.getByLabel(/^Payload URL/);
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(url).toHaveAccessibleDescription(/Use an http:\/\/ or https:\/\/ address/);
    await expect(url).toBeFocused();
    await expect(form.getByText('Choose at least one event.')).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await deviceA.page.emulateMedia({ colorScheme: scheme });
      expect(await violations(deviceA.page), `${scheme}: form with errors`).toEqual([]);
    }

    // With the keyboard: the URL, two events (Space toggles a checkbox), the form's button.
    await url.fill(receiver.url);
    await form.getByRole('checkbox', { name: 'Rollout halted' }).focus();
    await deviceA.page.keyboard.press('Space');
    await form.getByRole('checkbox', { name: 'Gate opened' }).check();
    await form.getByLabel(/^Secret/).fill('a-signing-secret-for-ci');
    await form.getByRole('button', { name: 'Add webhook' }).press('Enter');

    await expect(section.getByRole('heading', { name: /Webhook secret “.*” created/ })).toBeFocused();
    await expect(section.getByTestId('token-secret')).toHaveText('a-signing-secret-for-ci');
    const row = section.getByTestId('webhook-row');
    await expect(row).toContainText(receiver.url);
    await expect(row).toContainText('Rollout halted, Gate opened');
    await expect(row).toContainText('…r-ci');

    await row.getByRole('button', { name: 'Send test event' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Test event sent' })).toBeVisible();
    await expect.poll(() => receiver.received).toEqual(['webhook.test']);
    await row.getByRole('button', { name: 'Show delivery log' }).click();
    const log = row.getByRole('region', { name: `Delivery log of ${receiver.url}` });
    await expect(log.getByTestId('webhook-delivery')).toHaveCount(1);
    await expect(log.getByTestId('webhook-delivery')).toContainText('Test event');
    await expect(log.getByTestId('webhook-delivery')).toContainText('Delivered (HTTP 204)');
    for (const scheme of ['light', 'dark'] as const) {
      await deviceA.page.emulateMedia({ colorScheme: scheme });
      expect(await violations(deviceA.page), `${scheme}: list, secret and log`).toEqual([]);
    }

    await row.getByRole('button', { name: 'Disable' }).click();
    await expect(row).toContainText('Off');
    await row.getByRole('button', { name: 'Delete…' }).click();
    await row.getByRole('button', { name: 'Delete webhook and its log' }).click();
    await expect(section.getByText('No webhooks yet.')).toBeVisible();
  } finally {
    await new Promise((resolve) => receiver.server.close(resolve));
  }
});
