import { createFileRoute, Link, useNavigate } from '@tanstack/react-router';
import { PageHeader } from '@/components/layout/page-header';
import { SignInForm } from '@/components/sync/sign-in-form';
import { Card, CardContent } from '@/components/ui/card';
import { pageTitle } from '@/lib/page-title';
import { useSession } from '@/sync/sync-context';

/** Only paths of this app: never a full URL, so a link cannot send someone elsewhere after sign-in. */
export function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}

export const Route = createFileRoute('/signin')({
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const redirect = safeRedirect(search.redirect);
    return redirect ? { redirect } : {};
  },
  head: () => ({ meta: [{ title: pageTitle('Sign in') }] }),
  component: SignInPage,
});

function SignInPage() {
  const { redirect } = Route.useSearch();
  const navigate = useNavigate();
  const session = useSession();
  const previous = session.kind === 'expired' ? session.user.username : '';
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title="Sign in"
        description="Sign in to sync this device's checklists with your team. Everything you did offline uploads once you are in."
      />
      <SessionNotice />
      <Card>
        <CardContent>
          <SignInForm
            autoFocus
            initialUsername={previous}
            onSignedIn={() => navigate({ to: redirect ?? '/' })}
          />
        </CardContent>
      </Card>
    </div>
  );
}

/** What the server says before the form is used: nothing to sign in to, or no account yet. */
function SessionNotice() {
  const session = useSession();
  if (session.kind === 'setup-required') {
    return (
      <p className="mb-4 rounded-md border p-3 text-sm">
        This server has no account yet.{' '}
        <Link to="/setup" className="font-medium text-primary underline underline-offset-4">
          Create the first admin
        </Link>
        .
      </p>
    );
  }
  if (session.kind === 'local') {
    return (
      <p className="mb-4 rounded-md border p-3 text-sm">
        No Runsheet server answers at this address, so there is nothing to sign in to. Runsheet works on this
        device without one.
      </p>
    );
  }
  if (session.kind === 'signed-in') {
    return (
      <p className="mb-4 rounded-md border p-3 text-sm">
        You are signed in as {session.user.displayName}. Sign in below to switch accounts.
      </p>
    );
  }
  return null;
}
