import type { Metadata } from '@runsheet/domain';

/** Metadata as a definition list, keys in the form steps use them (`{{cluster.region}}`). */
export function MetadataList({ metadata, scope }: { metadata: Metadata; scope: 'cluster' | 'customer' }) {
  const entries = Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="text-muted-foreground text-sm">No metadata.</p>;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-muted-foreground" title={`{{${scope}.${key}}}`}>
            {key}
          </dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
