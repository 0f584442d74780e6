import { type ErrorComponentProps, Link, useLocation, useRouter } from '@tanstack/react-router';
import { TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { pageTitle } from '@/lib/page-title';

/** The list a page belongs to, from its URL: the way back when it cannot be shown. */
function backTarget(pathname: string): { to: '/clusters' | '/customers' | '/'; label: string } {
  if (pathname.startsWith('/clusters')) return { to: '/clusters', label: 'Back to clusters' };
  if (pathname.startsWith('/customers')) return { to: '/customers', label: 'Back to customers' };
  return { to: '/', label: 'Go to the dashboard' };
}

/**
 * A route's errorComponent: a calm message and a way back instead of a blank page. What went wrong is
 * there for a bug report, folded away. Nothing is lost: data lives in the local documents, and drafts
 * keep what was typed.
 */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const { pathname } = useLocation();
  const back = backTarget(pathname);
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="flex flex-col items-center gap-4 py-16 text-center" data-testid="route-error">
      <title>{pageTitle('Something went wrong')}</title>
      <div className="flex size-12 items-center justify-center rounded-full bg-muted">
        <TriangleAlert className="size-6 text-muted-foreground" aria-hidden="true" />
      </div>
      <h1 className="font-semibold text-2xl tracking-tight">This page could not be shown</h1>
      <p className="max-w-md text-muted-foreground">
        Your data is safe on this device, and anything you were typing is kept. Try again, or go back.
      </p>
      <div className="flex flex-wrap justify-center gap-2">
        <Button
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          Try again
        </Button>
        <Button asChild variant="outline">
          <Link to={back.to}>{back.label}</Link>
        </Button>
      </div>
      <details className="max-w-xl text-left text-muted-foreground text-sm">
        <summary className="cursor-pointer">Details for a bug report</summary>
        <pre className="mt-2 whitespace-pre-wrap break-words font-mono text-xs">{message}</pre>
      </details>
    </div>
  );
}
