import { useRouterState } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';

/**
 * Client-side navigation is silent to a screen reader: the page changes but nothing is read, and the
 * link that was activated may be gone, leaving focus on the body. After each change of page (the path,
 * not the search: filters and the step panel live there) this reads the new page's heading out in a
 * polite live region and, only when focus was lost, puts it on that heading, so Tab continues from the
 * top of the new page. Focus a page placed itself (a form's first field, a cell) is left alone.
 */
const SETTLE_MS = 150;

export function RouteAnnouncer() {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [message, setMessage] = useState('');
  const previous = useRef<string | null>(null);

  useEffect(() => {
    const from = previous.current;
    previous.current = pathname;
    // The first page of a visit is announced by the browser itself.
    if (from === null || from === pathname) return;
    // The new page renders (and may focus something) first.
    const timer = window.setTimeout(() => {
      const heading = document.querySelector<HTMLElement>('#main h1');
      setMessage(heading?.textContent?.trim() || document.title);
      const active = document.activeElement;
      if (heading && (active === null || active === document.body || !active.isConnected)) {
        heading.tabIndex = -1;
        heading.classList.add('outline-none');
        heading.focus({ preventScroll: true });
      }
    }, SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [pathname]);

  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className="sr-only"
      data-testid="route-announcer"
    >
      {message}
    </div>
  );
}
