/** The sync part of Settings: what this device is connected to, and the account sections that apply. */
import { Link } from '@tanstack/react-router';
import { Button } from '@/components/ui/button';
import { useSession, useSync } from '@/sync/sync-context';
import { summarize } from '@/sync/sync-summary';
import { AccountSection } from './account-section';
import { SettingsSection } from './settings-section';
import { TokensSection } from './tokens-section';
import { UsersSection } from './users-section';

export function SyncSettings() {
  const session = useSession();
  const summary = summarize(useSync());
  return (
    <>
      <SettingsSection id="sync" title="Sync" description={`${summary.label}. ${summary.detail}`}>
        {session.kind === 'setup-required' && (
          <div>
            <Button asChild>
              <Link to="/setup">Set up sync</Link>
            </Button>
          </div>
        )}
        {(session.kind === 'signed-out' || session.kind === 'expired') && (
          <div>
            <Button asChild>
              <Link to="/signin" search={{ redirect: '/settings' }}>
                Sign in
              </Link>
            </Button>
          </div>
        )}
      </SettingsSection>
      {session.kind === 'signed-in' && session.auth !== 'open' && (
        <>
          <AccountSection user={session.user} />
          <TokensSection />
          {session.user.role === 'admin' && <UsersSection me={session.user} />}
        </>
      )}
    </>
  );
}
