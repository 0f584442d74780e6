import type { BrowserContext } from '@playwright/test';

/**
 * SE-09: the server sends a Content-Security-Policy, and the app must keep working under it. Chromium
 * says every refusal in the console ("Refused to execute inline script because it violates the following
 * Content Security Policy directive …"); the fixtures collect them and fail the test that saw one.
 */
export function watchCsp(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}
