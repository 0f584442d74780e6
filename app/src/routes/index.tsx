import { createFileRoute } from '@tanstack/react-router';
import { Activity } from 'lucide-react';
import { CustomerSearch } from '@/components/dashboard/customer-search';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/')({
  head: () => ({ meta: [{ title: pageTitle('Dashboard') }] }),
  component: DashboardPage,
});

const overview = [
  { title: 'Active releases', empty: 'No release is in progress.' },
  { title: 'Clusters', empty: 'No clusters yet.' },
  { title: 'Quick stats', empty: 'Pending, done and skipped steps appear here.' },
] as const;

function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Active releases and what happened last, at a glance." />
      <div className="grid gap-6">
        <Card>
          <CardContent>
            <CustomerSearch />
          </CardContent>
        </Card>
        <div className="grid gap-6 md:grid-cols-3">
          {overview.map(({ title, empty }) => (
            <Card key={title}>
              <CardHeader>
                <CardTitle asChild>
                  <h2>{title}</h2>
                </CardTitle>
                <CardDescription>{empty}</CardDescription>
              </CardHeader>
            </Card>
          ))}
        </div>
        <section aria-labelledby="recent-activity">
          <h2 id="recent-activity" className="mb-3 font-semibold text-lg">
            Recent activity
          </h2>
          <EmptyState icon={Activity} title="Nothing has happened yet">
            Steps that are marked done or skipped in any release show up here.
          </EmptyState>
        </section>
      </div>
    </>
  );
}
