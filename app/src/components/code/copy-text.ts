/**
 * Puts text on the clipboard. The async Clipboard API needs a secure context (https or localhost); a
 * relay reached over plain http on a LAN address is not one, so fall back to a selected textarea there.
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission denied or not focused: try the fallback below before giving up.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  area.select();
  try {
    // execCommand is deprecated but is the only way left in an insecure context.
    if (!document.execCommand('copy')) throw new Error('The browser refused to copy.');
  } finally {
    area.remove();
    focused?.focus();
  }
}
