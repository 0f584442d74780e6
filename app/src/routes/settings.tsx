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
      <div className="grid items-start gap-6 md:grid-cols-2">
        {/* Sync, your account, tokens and (admins) accounts: components/settings. */}
        <SyncSettings />
        <AuditLogSection />
      </div>
      <div className="mt-10">
        <DataSection />
      </div>
    </>
  );
}
