import { pageTitle } from '@/lib/page-title';

/** While a first read of the local database runs (a few milliseconds): say so, never a blank page. */
export function Loading({ what, title }: { what: string; title?: string }) {
  return (
    <>
      {title && <title>{pageTitle(title)}</title>}
      <p className="py-8 text-muted-foreground" aria-live="polite">
        Loading {what}…
      </p>
    </>
  );
}
