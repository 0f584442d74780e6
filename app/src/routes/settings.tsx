import { createFileRoute } from '@tanstack/react-router';
import { PageHeader } from '@/components/layout/page-header';
import { AuditLogSection } from '@/components/settings/audit-log';
import { DataSection } from '@/components/settings/data-section';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/settings')({
  head: () => ({ meta: [{ title: pageTitle('Settings') }] }),
  component: SettingsPage,
});

const sections = [
  { title: 'Sync', text: 'Connect to a Runsheet server to share checklists between devices.' },
] as const;

function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="This device, its data and how it syncs." />
      <div className="grid gap-6 md:grid-cols-2">
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
      <div className="mt-10">
        <DataSection />
      </div>
    </>
  );
}
