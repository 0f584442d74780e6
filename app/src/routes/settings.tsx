import { createFileRoute } from '@tanstack/react-router';
import { PageHeader } from '@/components/layout/page-header';
import { PAGE_HEADINGS } from '@/components/layout/page-headings';
import { AuditLogSection } from '@/components/settings/audit-log';
import { DataSection } from '@/components/settings/data-section';
import { SyncSettings } from '@/components/settings/sync-settings';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/settings')({
  head: () => ({ meta: [{ title: pageTitle('Settings') }] }),
  component: SettingsPage,
});

function SettingsPage() {
  return (
    <>
      <PageHeader {...PAGE_HEADINGS['/settings']} />
      {/* The device's own data first: it needs no network, and its intro is what the start-up shell
          already painted (page-headings.ts), so the first screen does not move when the page arrives. */}
      <DataSection />
      <div className="mt-10 grid items-start gap-6 md:grid-cols-2">
        {/* Sync, your account, tokens and (admins) accounts: components/settings. */}
        <SyncSettings />
        <AuditLogSection />
      </div>
    </>
  );
}
