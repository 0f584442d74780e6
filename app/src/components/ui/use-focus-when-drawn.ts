/**
 * Roving focus in a virtualised widget (the matrix grid, the Temporal tree): a key picks the element to
 * focus, and it is focused once it is drawn, which may be a render or two later (the virtualiser scrolls
 * first).
 *
 * It holds the element the key chose, not a flag that an effect resolves with the widget's active
 * position: these widgets re-render while the data changes underneath (another device's edit, a live
 * event), and an effect of a render committed just before the key may run after it, with the position of
 * before the key. Resolved that way, the focus went back to the element the key had just left (a
 * fresh-clone run of the matrix's keyboard test caught it; e2e/matrix.spec.ts holds it).
 */
import { type RefObject, useCallback, useEffect, useRef } from 'react';

export function useFocusWhenDrawn(
  container: RefObject<HTMLElement | null>,
  options: FocusOptions = {},
): (selector: string) => void {
  const pending = useRef<string | null>(null);
  // After every render: the element may have been drawn by this one.
  useEffect(() => {
    const selector = pending.current;
    if (selector === null) return;
    const element = container.current?.querySelector<HTMLElement>(selector);
    if (!element) return;
    pending.current = null;
    element.focus(options);
  });
  return useCallback((selector: string) => {
    pending.current = selector;
  }, []);
}
