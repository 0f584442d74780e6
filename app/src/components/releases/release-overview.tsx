/**
 * The summary at the top of a release page (FR-006, FET-005): progress overall, per category and per
 * cluster, leading with "complete" and showing "done" beside it (PR-02). A draft shows what is left to
 * do before it can be activated instead.
 */
import type { GroupProgress, Release, ReleaseProgress } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ProgressBar } from '@/components/progress/progress-bar';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useCatalog, useParticipantIds, useReleaseProgress, useTemplates } from '@/data';
import { customerCount, stepCount, takePart } from '@/lib/count';
import { compareNames } from './compare';

export function ReleaseOverview({ release }: { release: Release }) {
  const templates = useTemplates(release.id);
  const progress = useReleaseProgress(release.id);
  const participants = useParticipantIds(release.id);
  const deploy = templates?.deploy.length ?? 0;
  const verify = templates?.verify.length ?? 0;

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
      <Card className="md:col-span-2">
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
    </div>
  );
}

function ProgressDetails({ progress }: { progress: ReleaseProgress }) {
  const { clusters } = useCatalog().catalog;
  if (progress.overall.total === 0) {
    return <p className="text-sm">No steps to run yet: add template steps and every customer gets them.</p>;
  }
  // Customers per cluster from the participants themselves (a group's `customers` counts only those
  // that have steps, which is what its average is over).
  const members = new Map<string, number>();
  for (const c of Object.values(progress.byCustomer)) {
    if (c.clusterId) members.set(c.clusterId, (members.get(c.clusterId) ?? 0) + 1);
  }
  const byCluster = Object.entries(progress.byCluster)
    .map(([id, p]) => ({ id, name: clusters?.[id as keyof typeof clusters]?.name ?? id, progress: p }))
    .sort((a, b) => compareNames(a, b));
  return (
    <div className="grid gap-5">
      <LabelledProgress title="Overall" progress={progress.overall} />
      <div className="grid gap-4 sm:grid-cols-2">
        <LabelledProgress title="Deploy" progress={progress.byCategory.deploy} />
        <LabelledProgress title="Verify" progress={progress.byCategory.verify} />
      </div>
      {byCluster.length > 0 && (
        <section aria-labelledby="progress-by-cluster" className="grid gap-3">
          <h3 id="progress-by-cluster" className="font-medium text-sm">
            By cluster
          </h3>
          <ul className="grid gap-3">
            {byCluster.map((c) => (
              <li key={c.id}>
                <LabelledProgress
                  title={c.name}
                  progress={c.progress}
                  extra={customerCount(members.get(c.id) ?? 0)}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function LabelledProgress({
  title,
  progress,
  extra,
}: {
  title: string;
  progress: GroupProgress;
  extra?: string;
}) {
  return (
    <div className="grid gap-1">
      <p className="flex justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        {extra && <span className="text-muted-foreground">{extra}</span>}
      </p>
      <ProgressBar progress={progress} label={`${title} progress`} />
    </div>
  );
}
