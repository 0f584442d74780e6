/**
 * The three cards of the dashboard (FV-001): active releases with their progress,
 * clusters with their customer counts, and quick stats summed over the active releases (PR-03: counts
 * are sums). Active releases are read through the read model (stored copy first, then the document,
 * which stays open as active releases do).
 */
import { clusterSummaries, type ReleaseId, type StepCounts } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ProgressBar } from '@/components/progress/progress-bar';
import { type RolloutSummary, rolloutSummary } from '@/components/rollout/rollout-summary';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useCatalog, useNow, useReleasesProgress, useReleaseViews } from '@/data';
import { customerCount } from '@/lib/count';
import { releaseTitle } from '@/lib/release-title';

const TYPE_BADGE = { release: 'Release', hotfix: 'Hotfix', onboarding: 'Onboarding' } as const;

export function DashboardOverview() {
  const { catalog, version: catalogVersion } = useCatalog();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `catalogVersion` stands for the mutable catalog.
  const active = useMemo(
    () =>
      Object.values(catalog.releases)
        .filter((r) => r.status === 'active')
        .sort((a, b) => a.name.localeCompare(b.name)),
    [catalogVersion],
  );
  const ids = useMemo(() => active.map((r) => r.id), [active]);
  const live = useReleaseViews(ids);
  const progress = useReleasesProgress(ids);
  const now = useNow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const rollouts = useMemo(() => {
    const out = new Map<ReleaseId, RolloutSummary>();
    for (const id of ids) {
      const summary = live.state.releases[id] ? rolloutSummary(live.state, id, now) : null;
      if (summary) out.set(id, summary);
    }
    return out;
  }, [live.version, ids, now]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const clusters = useMemo(() => clusterSummaries(catalog), [catalogVersion]);

  const totals: StepCounts = { total: 0, done: 0, skipped: 0, pending: 0, reverted: 0 };
  for (const p of progress.values()) {
    totals.total += p.overall.total;
    totals.done += p.overall.done;
    totals.skipped += p.overall.skipped;
    totals.pending += p.overall.pending;
    totals.reverted += p.overall.reverted;
  }

  return (
    <div className="grid gap-6 md:grid-cols-3">
      <Card data-testid="active-releases">
        <CardHeader>
          <CardTitle asChild>
            <h2>Active releases</h2>
          </CardTitle>
          {active.length === 0 && <CardDescription>No release is in progress.</CardDescription>}
        </CardHeader>
        {active.length > 0 && (
          <CardContent>
            <ul className="grid gap-4">
              {active.map((release) => {
                const p = progress.get(release.id);
                return (
                  <li key={release.id} className="grid gap-1.5">
                    <div className="flex items-center gap-2">
                      <Link
                        to="/releases/$releaseId"
                        params={{ releaseId: release.id }}
                        className="min-w-0 flex-1 truncate font-medium text-primary underline-offset-4 hover:underline"
                      >
                        {releaseTitle(release)}
                      </Link>
                      <span className="rounded border px-1.5 text-muted-foreground text-xs">
                        {TYPE_BADGE[release.type]}
                      </span>
                    </div>
                    <RolloutLine summary={rollouts.get(release.id)} />
                    {p ? (
                      <ProgressBar progress={p.overall} label={`Progress of ${releaseTitle(release)}`} />
                    ) : (
                      <p className="text-muted-foreground text-xs">Loading progress…</p>
                    )}
                  </li>
                );
              })}
            </ul>
          </CardContent>
        )}
      </Card>
      <Card data-testid="clusters-summary">
        <CardHeader>
          <CardTitle asChild>
            <h2>Clusters</h2>
          </CardTitle>
          {clusters.length === 0 && <CardDescription>No clusters yet.</CardDescription>}
        </CardHeader>
        {clusters.length > 0 && (
          <CardContent>
            <ul className="grid gap-1 text-sm">
              {clusters.map(({ cluster, activeCustomers }) => (
                <li key={cluster.id} className="flex justify-between gap-2">
                  <span className="truncate font-medium">{cluster.name}</span>
                  <span className="text-muted-foreground">{customerCount(activeCustomers)}</span>
                </li>
              ))}
            </ul>
          </CardContent>
        )}
      </Card>
      <Card data-testid="quick-stats">
        <CardHeader>
          <CardTitle asChild>
            <h2>Quick stats</h2>
          </CardTitle>
          <CardDescription>Steps of the active releases.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            {(
              [
                ['Pending', totals.pending],
                ['Done', totals.done],
                ['Skipped', totals.skipped],
                ['Reverted', totals.reverted],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="text-right font-medium tabular-nums" data-stat={label.toLowerCase()}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}

/** Halt, running wave and next gate of one active release; nothing for a release without waves. */
function RolloutLine({ summary }: { summary: RolloutSummary | undefined }) {
  if (!summary) return null;
  return (
    <div className="grid gap-0.5 text-xs" data-testid="release-rollout">
      {summary.halt && <p className="font-medium text-destructive">{summary.halt}</p>}
      {summary.running && <p>{summary.running}</p>}
      {summary.next && <p className="text-muted-foreground">Next: {summary.next}</p>}
    </div>
  );
}
