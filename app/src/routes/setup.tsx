import { createFileRoute, Link, useNavigate } from '@tanstack/react-router';
import { PageHeader } from '@/components/layout/page-header';
import { SetupForm } from '@/components/sync/setup-form';
import { Card, CardContent } from '@/components/ui/card';
import { pageTitle } from '@/lib/page-title';
import { useSession } from '@/sync/sync-context';

export const Route = createFileRoute('/setup')({
  head: () => ({ meta: [{ title: pageTitle('Set up sync') }] }),
  component: SetupPage,
});

function SetupPage() {
  const session = useSession();
  const navigate = useNavigate();
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title="Set up sync"
        description="Create the first admin of this Runsheet server. Admins add everyone else in Settings."
      />
      {session.kind === 'setup-required' ? (
        <Card>
          <CardContent>
            <SetupForm setupCodeRequired={session.setupCodeRequired} onDone={() => navigate({ to: '/' })} />
          </CardContent>
        </Card>
      ) : (
        <SetupUnavailable kind={session.kind} />
      )}
    </div>
  );
}

function SetupUnavailable({ kind }: { kind: ReturnType<typeof useSession>['kind'] }) {
  if (kind === 'checking') return <p className="text-muted-foreground">Asking the server…</p>;
  if (kind === 'local') {
    return (
      <p className="rounded-md border p-3 text-sm">
        No Runsheet server answers at this address. Start one (<code>npm start</code>) and open Runsheet from
        it to set up sync. Runsheet works on this device without one.
      </p>
    );
  }
  return (
    <p className="rounded-md border p-3 text-sm">
      This server is already set up.{' '}
      {kind === 'signed-in' ? (
        <Link to="/settings" className="font-medium text-primary underline underline-offset-4">
          Manage accounts in Settings
        </Link>
      ) : (
        <Link to="/signin" className="font-medium text-primary underline underline-offset-4">
          Sign in
        </Link>
      )}
      .
    </p>
  );
}
