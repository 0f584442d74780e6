/**
 * The summary at the top of a release page (FR-006, FET-005): progress overall, per category and per
 * cluster (a compact strip, so the matrix stays on the first screen), leading with "complete" and
 * showing "done" beside it (PR-02). A draft shows what is left to
 * do before it can be activated instead.
 */
import type { GroupProgress, Release, ReleaseProgress } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ProgressBar } from '@/components/progress/progress-bar';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useCatalog, useParticipantIds, useReleaseProgress, useTemplates } from '@/data';
import { stepCount, takePart } from '@/lib/count';
import { ClusterProgressList, type ClusterProgressRow } from './cluster-progress-list';

export function ReleaseOverview({ release }: { release: Release }) {
  const templates = useTemplates(release.id);
  const progress = useReleaseProgress(release.id);
  const participants = useParticipantIds(release.id);
  const deploy = templates?.deploy.length ?? 0;
  const verify = templates?.verify.length ?? 0;
  const byCluster = useClusterRows(participants?.size ? progress : undefined);

  return (
    <div className="grid gap-6 md:grid-cols-3">
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Template steps</h2>
          </CardTitle>
          <CardDescription>
            {stepCount(deploy)} to deploy, {stepCount(verify)} to verify
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 text-sm">
          {release.status === 'draft' && (
            <p>
              {deploy + verify === 0
                ? 'Add the steps every customer runs, then activate the release.'
                : 'Review the steps, then activate the release for its customers.'}
            </p>
          )}
          <Button asChild variant="outline" size="sm" className="w-fit">
            <Link to="/releases/$releaseId/steps" params={{ releaseId: release.id }}>
              {release.status === 'archived' ? 'View template steps' : 'Manage template steps'}
            </Link>
          </Button>
        </CardContent>
      </Card>
      <Card className={byCluster.length > 0 ? undefined : 'md:col-span-2'}>
        <CardHeader>
          <CardTitle asChild>
            <h2>Progress</h2>
          </CardTitle>
          <CardDescription data-testid="participants">
            {participants === undefined
              ? 'Counting…'
              : participants.size === 0
                ? 'No customer takes part yet.'
                : `${takePart(participants.size)}.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {progress && participants?.size ? <ProgressDetails progress={progress} /> : null}
        </CardContent>
      </Card>
      {byCluster.length > 0 && (
        <Card className="py-4">
          <CardContent className="px-4">
            <ClusterProgressList rows={byCluster} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}

/** Progress per cluster, with the number of participants in each (empty until there are steps). */
function useClusterRows(progress: ReleaseProgress | undefined): ClusterProgressRow[] {
  const { clusters } = useCatalog().catalog;
  if (!progress || progress.overall.total === 0) return [];
  // Customers per cluster from the participants themselves (a group's `customers` counts only those
  // that have steps, which is what its average is over).
  const members = new Map<string, number>();
  for (const c of Object.values(progress.byCustomer)) {
    if (c.clusterId) members.set(c.clusterId, (members.get(c.clusterId) ?? 0) + 1);
  }
  return Object.entries(progress.byCluster).map(([id, p]) => ({
    id,
    name: clusters?.[id as keyof typeof clusters]?.name ?? id,
    customers: members.get(id) ?? 0,
    progress: p,
  }));
}

function ProgressDetails({ progress }: { progress: ReleaseProgress }) {
  if (progress.overall.total === 0) {
    return <p className="text-sm">No steps to run yet: add template steps and every customer gets them.</p>;
  }
  return (
    <div className="grid gap-4">
      <LabelledProgress title="Overall" progress={progress.overall} />
      <div className="grid gap-4 sm:grid-cols-2">
        <LabelledProgress title="Deploy" progress={progress.byCategory.deploy} />
        <LabelledProgress title="Verify" progress={progress.byCategory.verify} />
      </div>
    </div>
  );
}

function LabelledProgress({ title, progress }: { title: string; progress: GroupProgress }) {
  return (
    <div className="grid gap-1">
      <p className="text-sm">
        <span className="font-medium">{title}</span>
      </p>
      <ProgressBar progress={progress} label={`${title} progress`} />
    </div>
  );
}
