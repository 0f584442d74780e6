/**
 * Archive and restore a cluster (FC-003, BR-C01): a refusal (active customers, a name taken meanwhile)
 * is kept to show beside the button that was pressed, in the domain's words.
 */
import { archiveCluster, type Cluster, type DomainError, restoreCluster } from '@runsheet/domain';
import { useState } from 'react';
import { toast } from '@/components/ui/use-toast';
import { count } from '@/lib/count';
import { useWorkspace } from '@/state/workspace-context';

/** The reason text, with the count BR-C01 reports so the user knows how much is left to do. */
export function archiveRefusal(error: DomainError): string {
  const active = error.details?.activeCustomers;
  if (error.code === 'cluster-has-active-customers' && typeof active === 'number') {
    return `${error.message} It has ${count(active, 'active customer')}.`;
  }
  return error.message;
}

export function useClusterArchive(cluster: Cluster) {
  const { run } = useWorkspace();
  const [error, setError] = useState<string | null>(null);

  const restore = async () => {
    const result = await run(restoreCluster, { clusterId: cluster.id });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    toast({ title: 'Cluster restored', description: cluster.name });
  };

  const archive = async () => {
    const result = await run(archiveCluster, { clusterId: cluster.id });
    if (!result.ok) {
      setError(archiveRefusal(result.error));
      return;
    }
    setError(null);
    toast({
      title: 'Cluster archived',
      description: cluster.name,
      action: { label: 'Undo', altText: `Restore ${cluster.name}`, onClick: () => void restore() },
    });
  };

  return { archive, restore, error, dismiss: () => setError(null) };
}
