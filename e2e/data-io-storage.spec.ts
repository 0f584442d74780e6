import { expect, test } from './fixtures';
import { DataSettings } from './pages';

test('IO-16 storage use and persistence: off on load, granted after asking', async ({ page }) => {
  // The browser's answers are the browser's to give; this pins them so the test says what the UI does.
  await page.addInitScript(() => {
    let persisted = false;
    const storage = navigator.storage;
    Object.defineProperties(storage, {
      estimate: { value: async () => ({ usage: 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }) },
      persisted: { value: async () => persisted },
      persist: {
        value: async () => {
          persisted = true;
          return true;
        },
      },
    });
  });
  const data = new DataSettings(page);
  await data.goto();
  await expect(data.usage).toHaveText('1.0 MB used of 2.0 GB available to Runsheet on this device.');
  await expect(data.section.getByRole('meter', { name: 'Storage used' })).toHaveJSProperty('value', 1);
  await expect(data.persistence).toContainText('Persistent storage is off');
  await data.askPersistence.click();
  await expect(data.section.getByRole('status').filter({ hasText: 'granted' })).toHaveText(
    'The browser granted persistent storage.',
  );
  await expect(data.persistence).toContainText('Persistent storage is on');
  await expect(data.askPersistence).toBeHidden();
});

test('IO-16 a refusal says so and suggests what helps', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperties(navigator.storage, {
      persisted: { value: async () => false },
      persist: { value: async () => false },
    });
  });
  const data = new DataSettings(page);
  await data.goto();
  await data.askPersistence.click();
  await expect(data.section.getByRole('status').filter({ hasText: 'did not grant' })).toContainText(
    'keep a backup either way',
  );
});

test('IO-16 the real browser reports a usage figure', async ({ page }) => {
  const data = new DataSettings(page);
  await data.goto();
  await expect(data.usage).toHaveText(/^[\d.]+ (B|KB|MB|GB) used of [\d.]+ (KB|MB|GB|TB) available/);
});
