import { useRouter } from '@tanstack/react-router';
import { useEffect, useState } from 'react';

/**
 * Client-side navigation is silent to a screen reader: the page changes but nothing is read, and the
 * link that was activated may be gone, leaving focus on the body. Once a change of page (the path, not
 * the search: filters and the step panel live there) has rendered, this reads the new page's heading out
 * in a polite live region and, only when focus was lost, puts it on that heading, so Tab continues from
 * the top of the new page. Focus a page placed itself (a form's first field, a cell) is left alone.
 *
 * It waits for the router's `onRendered` (the route's code and data loaded, the new page committed),
 * not a timer: on a slow device a timer would read the previous page's heading.
 */
export function RouteAnnouncer() {
  const router = useRouter();
  const [message, setMessage] = useState('');

  useEffect(() => {
    let frame = 0;
    const unsubscribe = router.subscribe('onRendered', (event) => {
      // The first page of a visit has no previous one: the browser announces it itself.
      if (!event.pathChanged || event.fromLocation === undefined) return;
      cancelAnimationFrame(frame);
      // One frame later: effects of the new page (a field it focuses) have run.
      frame = requestAnimationFrame(() => {
        const heading = document.querySelector<HTMLElement>('#main h1');
        setMessage(heading?.textContent?.trim() || document.title);
        const active = document.activeElement;
        if (heading && (active === null || active === document.body || !active.isConnected)) {
          heading.tabIndex = -1;
          heading.classList.add('outline-none');
          heading.focus({ preventScroll: true });
        }
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [router]);

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
