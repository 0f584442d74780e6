import type { Cluster } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { Archive, ArchiveRestore, Pencil, Plus } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** The cluster page's actions: edit, add a customer to it, archive or restore it. */
export function ClusterActions({
  cluster,
  onArchive,
  onRestore,
}: {
  cluster: Cluster;
  onArchive: () => void;
  onRestore: () => void;
}) {
  return (
    <>
      <Button asChild variant="outline">
        <Link to="/clusters/$clusterId/edit" params={{ clusterId: cluster.id }}>
          <Pencil aria-hidden="true" />
          Edit
        </Link>
      </Button>
      {cluster.isActive ? (
        <>
          <Button asChild variant="outline">
            <Link to="/customers/new" search={{ clusterId: cluster.id }}>
              <Plus aria-hidden="true" />
              Add customer
            </Link>
          </Button>
          <Button variant="outline" onClick={onArchive}>
            <Archive aria-hidden="true" />
            Archive
          </Button>
        </>
      ) : (
        <Button variant="outline" onClick={onRestore}>
          <ArchiveRestore aria-hidden="true" />
          Restore
        </Button>
      )}
    </>
  );
}
