import { Link } from '@tanstack/react-router';
import { Server } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { pageTitle } from '@/lib/page-title';

/** A cluster link that leads nowhere (an old link, or a cluster this device has not received yet). */
export function ClusterMissing() {
  return (
    <div className="flex flex-col items-center gap-4 py-16 text-center">
      <title>{pageTitle('Cluster not found')}</title>
      <div className="flex size-12 items-center justify-center rounded-full bg-muted">
        <Server className="size-6 text-muted-foreground" aria-hidden="true" />
      </div>
      <h1 className="font-semibold text-2xl tracking-tight">Cluster not found</h1>
      <p className="max-w-md text-muted-foreground">
        The link may be old, or the cluster was made on a device that has not synced yet.
      </p>
      <Button asChild variant="outline">
        <Link to="/clusters">Back to clusters</Link>
      </Button>
    </div>
  );
}
