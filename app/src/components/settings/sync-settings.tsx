/** The sync part of Settings: what this device is connected to, and the account sections that apply. */
import { Link } from '@tanstack/react-router';
import { SyncDocuments } from '@/components/sync/sync-documents';
import { Button } from '@/components/ui/button';
import { useSession, useSync, useSyncApi } from '@/sync/sync-context';
import { summarize } from '@/sync/sync-summary';
import { AccountSection } from './account-section';
import { SettingsSection } from './settings-section';
import { TokensSection } from './tokens-section';
import { UsersSection } from './users-section';
import { WebhooksSection } from './webhooks-section';

export function SyncSettings() {
  const session = useSession();
  const snapshot = useSync();
  const { manager } = useSyncApi();
  const summary = summarize(snapshot);
  return (
    <>
      <SettingsSection id="sync" title="Sync" description={`${summary.label}. ${summary.detail}`}>
        {session.kind === 'signed-in' && (
          <>
            <SyncDocuments docs={snapshot.docs} className="text-sm" />
            <div>
              <Button variant="outline" onClick={() => manager.setPaused(!snapshot.paused)}>
                {snapshot.paused ? 'Resume sync' : 'Pause sync on this device'}
              </Button>
            </div>
          </>
        )}
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
          {session.user.role === 'admin' && <WebhooksSection />}
        </>
      )}
    </>
  );
}
