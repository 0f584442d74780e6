/** The release list (FV-002): name, type, status, version, target date and progress of each release. */
import type { Release } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ProgressBar } from '@/components/progress/progress-bar';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useStoredReleaseProgress } from '@/data';
import { ReleaseStatusBadge, ReleaseTypeBadge } from './release-badges';
import { ReleaseDate } from './release-date';

export function ReleasesTable({ releases }: { releases: readonly Release[] }) {
  return (
    <Table aria-label="Releases">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Name</TableHead>
          <TableHead scope="col">Type</TableHead>
          <TableHead scope="col">Status</TableHead>
          <TableHead scope="col">Version</TableHead>
          <TableHead scope="col">Target date</TableHead>
          <TableHead scope="col" className="w-56">
            Progress
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {releases.map((release) => (
          <ReleaseRow key={release.id} release={release} />
        ))}
      </TableBody>
    </Table>
  );
}

function ReleaseRow({ release }: { release: Release }) {
  return (
    <TableRow data-release-id={release.id}>
      <TableCell>
        <Link
          to="/releases/$releaseId"
          params={{ releaseId: release.id }}
          className="font-medium underline-offset-4 hover:underline"
        >
          {release.name}
        </Link>
      </TableCell>
      <TableCell>
        <ReleaseTypeBadge type={release.type} />
      </TableCell>
      <TableCell>
        <ReleaseStatusBadge status={release.status} />
      </TableCell>
      <TableCell>{release.versionNumber ?? <span className="text-muted-foreground">—</span>}</TableCell>
      <TableCell>
        <ReleaseDate date={release.releaseDate} empty="—" />
      </TableCell>
      <TableCell>
        <RowProgress release={release} />
      </TableCell>
    </TableRow>
  );
}

function RowProgress({ release }: { release: Release }) {
  const progress = useStoredReleaseProgress(release.id);
  if (release.status === 'draft') return <span className="text-muted-foreground text-sm">Not started</span>;
  if (!progress) return null;
  if (progress.overall.total === 0) return <span className="text-muted-foreground text-sm">No steps</span>;
  return <ProgressBar progress={progress.overall} label={`Progress of ${release.name}`} compact={false} />;
}
