export const APP_NAME = 'Runsheet';

/** Document title for a page: the page first, so tabs and history stay tellable apart. */
export function pageTitle(page: string): string {
  return `${page} · ${APP_NAME}`;
}
