import { createFileRoute } from '@tanstack/react-router';
import { PageHeader } from '@/components/layout/page-header';
import { AuditLogSection } from '@/components/settings/audit-log';
import { SyncSettings } from '@/components/settings/sync-settings';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/settings')({
  head: () => ({ meta: [{ title: pageTitle('Settings') }] }),
  component: SettingsPage,
});

const sections = [
  { title: 'Storage', text: 'How much this device stores, and export or import of all data.' },
] as const;

function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="This device, its data and how it syncs." />
      <div className="grid gap-6 md:grid-cols-2">
        {/* Sync, your account, tokens and (admins) accounts: components/settings. */}
        <SyncSettings />
        {sections.map(({ title, text }) => (
          <Card key={title}>
            <CardHeader>
              <CardTitle asChild>
                <h2>{title}</h2>
              </CardTitle>
              <CardDescription>{text}</CardDescription>
            </CardHeader>
          </Card>
        ))}
        <AuditLogSection />
      </div>
    </>
  );
}
