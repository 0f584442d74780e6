import { Link } from '@tanstack/react-router';
import { Users } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { pageTitle } from '@/lib/page-title';

/** A customer link that leads nowhere (an old link, or a customer this device has not received yet). */
export function CustomerMissing() {
  return (
    <div className="flex flex-col items-center gap-4 py-16 text-center">
      <title>{pageTitle('Customer not found')}</title>
      <div className="flex size-12 items-center justify-center rounded-full bg-muted">
        <Users className="size-6 text-muted-foreground" aria-hidden="true" />
      </div>
      <h1 className="font-semibold text-2xl tracking-tight">Customer not found</h1>
      <p className="max-w-md text-muted-foreground">
        The link may be old, or the customer was made on a device that has not synced yet.
      </p>
      <Button asChild variant="outline">
        <Link to="/customers">Back to customers</Link>
      </Button>
    </div>
  );
}
