import { Link, type LinkProps } from '@tanstack/react-router';
import { FileQuestion, type LucideIcon, Rocket, Server, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { pageTitle } from '@/lib/page-title';

/**
 * The one page for an address that leads nowhere: an unmatched URL, or a record this device does not hold
 * (an old link, or one made on a device that has not synced yet). Each kind differs only in its words,
 * its icon and where it sends the person back to.
 */
export function NotFoundPage({
  title,
  icon: Icon,
  children,
  back,
  primary = false,
}: {
  title: string;
  icon: LucideIcon;
  children: ReactNode;
  back: { to: LinkProps['to']; label: string };
  /** The way back is the page's main action (an unmatched URL); else an outline button. */
  primary?: boolean;
}) {
  return (
    <div className="flex flex-col items-center gap-4 py-16 text-center">
      {/* React 19 hoists this into <head>; no route's head() runs for an unmatched URL. */}
      <title>{pageTitle(title)}</title>
      <div className="flex size-12 items-center justify-center rounded-full bg-muted">
        <Icon className="size-6 text-muted-foreground" aria-hidden="true" />
      </div>
      <h1 className="font-semibold text-2xl tracking-tight">{title}</h1>
      <p className="max-w-md text-muted-foreground">{children}</p>
      <Button asChild variant={primary ? 'default' : 'outline'}>
        <Link to={back.to}>{back.label}</Link>
      </Button>
    </div>
  );
}

/** Shown for any URL no route matches. */
export function NotFound() {
  return (
    <NotFoundPage
      title="Page not found"
      icon={FileQuestion}
      back={{ to: '/', label: 'Go to the dashboard' }}
      primary
    >
      This page doesn’t exist. The link may be old, or the address may have a typo.
    </NotFoundPage>
  );
}

export function ReleaseMissing() {
  return (
    <NotFoundPage
      title="Release not found"
      icon={Rocket}
      back={{ to: '/releases', label: 'All releases' }}
      primary
    >
      This device has no release with that address. It may not have synced here yet.
    </NotFoundPage>
  );
}

export function ClusterMissing() {
  return (
    <NotFoundPage
      title="Cluster not found"
      icon={Server}
      back={{ to: '/clusters', label: 'Back to clusters' }}
    >
      The link may be old, or the cluster was made on a device that has not synced yet.
    </NotFoundPage>
  );
}

export function CustomerMissing() {
  return (
    <NotFoundPage
      title="Customer not found"
      icon={Users}
      back={{ to: '/customers', label: 'Back to customers' }}
    >
      The link may be old, or the customer was made on a device that has not synced yet.
    </NotFoundPage>
  );
}
