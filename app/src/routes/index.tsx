import { createFileRoute, Link } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { PaletteButton } from '@/components/command-palette/palette-button';
import { CustomerSearch } from '@/components/dashboard/customer-search';
import { DashboardOverview } from '@/components/dashboard/dashboard-overview';
import { RecentActivity } from '@/components/dashboard/recent-activity';
import { PageHeader } from '@/components/layout/page-header';
import { PAGE_HEADINGS } from '@/components/layout/page-headings';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/')({
  head: () => ({ meta: [{ title: pageTitle('Dashboard') }] }),
  component: DashboardPage,
});

// FV-001: active releases, clusters, quick stats and recent activity.
function DashboardPage() {
  return (
    <>
      <PageHeader
        {...PAGE_HEADINGS['/']}
        actions={
          <>
            <PaletteButton />
            <Button asChild>
              <Link to="/releases/new">
                <Plus aria-hidden="true" />
                New release
              </Link>
            </Button>
          </>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardContent>
            <CustomerSearch />
          </CardContent>
        </Card>
        <DashboardOverview />
        <RecentActivity />
      </div>
    </>
  );
}
