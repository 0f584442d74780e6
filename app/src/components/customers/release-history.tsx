/**
 * FM-005: every release the customer took part in, archived ones too (BR-M03 keeps the history), with
 * the customer's own progress in each.
 */

import { ProgressCell } from '@/components/progress/progress-cell';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ReleaseHistoryEntry } from '@/data/release-progress';

const STATUS_VARIANT = { draft: 'outline', active: 'default', archived: 'secondary' } as const;

export function ReleaseHistory({
  entries,
  customerName,
}: {
  entries: readonly ReleaseHistoryEntry[] | undefined;
  customerName: string;
}) {
  if (!entries) return <p className="text-muted-foreground text-sm">Loading releases…</p>;
  if (entries.length === 0) {
    return <p className="text-muted-foreground text-sm">Not part of any release yet.</p>;
  }
  return (
    <Table aria-label={`Releases of ${customerName}`}>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Release</TableHead>
          <TableHead scope="col">Type</TableHead>
          <TableHead scope="col">Status</TableHead>
          <TableHead scope="col">Progress</TableHead>
          <TableHead scope="col">Joined</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map(({ release, progress, addedAt }) => (
          <TableRow key={release.id} data-testid="release-history-row">
            <TableCell className="font-medium">
              {release.name}
              {release.versionNumber && release.versionNumber !== release.name && (
                <span className="ml-1.5 font-normal text-muted-foreground">{release.versionNumber}</span>
              )}
            </TableCell>
            <TableCell className="capitalize">{release.type}</TableCell>
            <TableCell>
              <Badge variant={STATUS_VARIANT[release.status]}>{release.status}</Badge>
            </TableCell>
            <TableCell>
              <ProgressCell progress={progress} label={`${customerName} in ${release.name}`} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">
              <time dateTime={addedAt}>{addedAt.slice(0, 10)}</time>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
