import { cn } from '@/lib/utils';
import { useWorkspace } from '@/state/workspace-context';
import type { LinkSnapshot } from '@/sync/doc-link';
import { changes } from '@/sync/sync-summary';

/** Each connected document and how it is doing: in the sync details and in Settings. */
export function SyncDocuments({ docs, className }: { docs: readonly LinkSnapshot[]; className?: string }) {
  const name = useDocumentNames();
  if (docs.length === 0) return null;
  return (
    <ul className={cn('grid gap-1', className)} aria-label="Documents">
      {docs.map((doc) => (
        <li key={doc.room} className="flex justify-between gap-2">
          <span className="truncate">{name(doc.room)}</span>
          <span className="shrink-0 text-muted-foreground">{docState(doc)}</span>
        </li>
      ))}
    </ul>
  );
}

function docState(doc: LinkSnapshot): string {
  // SE-01: the server refused a large upload for now; the link sends it again in a minute.
  if (doc.paced)
    return doc.pending > 0 ? `${changes(doc.pending)} waiting, large upload paced` : 'large upload paced';
  if (doc.pending > 0) return `${changes(doc.pending)} waiting`;
  if (doc.synced) return 'synced';
  return doc.status === 'connected' ? 'syncing' : doc.status;
}

/** Names documents for people: the catalog, and releases by their name in the catalog. */
function useDocumentNames(): (room: string) => string {
  const { local } = useWorkspace();
  return (room) => {
    if (room === 'catalog') return 'Clusters and customers';
    const release = local.state.catalog.releases[room as keyof typeof local.state.catalog.releases];
    return release ? `Release ${release.name}` : 'A release';
  };
}
