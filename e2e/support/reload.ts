/** Reloading at the worst moment: the test of "done means stored" (IO-18). */
import { type Dialog, expect, type Page } from '@playwright/test';

/** Where a message is shown: a toast, or the open dialog. */
export const WHERE = {
  toast: '[role="region"][aria-label^="Notifications"]',
  dialog: '[role="dialog"]',
} as const;

/**
 * Reloads the page in the very task that first shows `text` (in a toast or the dialog), before anything
 * else can run: the work must have been stored BEFORE it was reported, not merely before a person could
 * click reload. Resolves once the reloaded page has loaded. If the page asks before leaving, it was
 * still saving when it said done: the test fails.
 */
export async function reloadAsSoonAsShown(
  page: Page,
  where: keyof typeof WHERE,
  text: string,
  show: () => Promise<void>,
  timeout = 90_000,
): Promise<void> {
  const asked: string[] = [];
  const onDialog = (dialog: Dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  };
  page.on('dialog', onDialog);
  await page.evaluate(
    ({ selector, wanted }) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)?.textContent?.includes(wanted)) return;
        observer.disconnect();
        window.location.reload();
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { selector: WHERE[where], wanted: text },
  );
  const reloaded = page.waitForEvent('load', { timeout });
  await show();
  await reloaded;
  page.off('dialog', onDialog);
  expect(asked, 'the page still asked before leaving when it said done').toEqual([]);
}
