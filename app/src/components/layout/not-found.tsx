import { Link } from '@tanstack/react-router';
import { FileQuestion } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { pageTitle } from '@/lib/page-title';

/** Shown for any URL no route matches. */
export function NotFound() {
  return (
    <div className="flex flex-col items-center gap-4 py-16 text-center">
      {/* React 19 hoists this into <head>; no route's head() runs for an unmatched URL. */}
      <title>{pageTitle('Page not found')}</title>
      <div className="flex size-12 items-center justify-center rounded-full bg-muted">
        <FileQuestion className="size-6 text-muted-foreground" aria-hidden="true" />
      </div>
      <h1 className="font-semibold text-2xl tracking-tight">Page not found</h1>
      <p className="max-w-md text-muted-foreground">
        This page doesn’t exist. The link may be old, or the address may have a typo.
      </p>
      <Button asChild>
        <Link to="/">Go to the dashboard</Link>
      </Button>
    </div>
  );
}
