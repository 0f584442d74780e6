/**
 * FM-006 / FC-006: show only the customers of one or more clusters. A menu of checkboxes that stays
 * open while you tick several; the choice lives in the URL, so a filtered list can be shared.
 */
import type { Cluster, ClusterId } from '@runsheet/domain';
import { ChevronDown, Filter } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { count } from '@/lib/count';

export function filterLabel(clusters: readonly Cluster[], selected: readonly ClusterId[]): string {
  if (selected.length === 0) return 'All clusters';
  if (selected.length === 1) {
    const only = clusters.find((c) => c.id === selected[0]);
    if (only) return only.name;
  }
  return count(selected.length, 'cluster');
}

export function ClusterFilter({
  clusters,
  selected,
  onChange,
}: {
  clusters: readonly Cluster[];
  selected: readonly ClusterId[];
  onChange: (next: ClusterId[]) => void;
}) {
  const chosen = new Set(selected);
  return (
    // Not modal and not portalled: the page stays readable around it and the menu stays in <main>.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" data-testid="cluster-filter">
          <Filter aria-hidden="true" />
          <span className="sr-only">Filter by cluster:</span>
          <span className="max-w-48 truncate">{filterLabel(clusters, selected)}</span>
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" portal={false} className="max-w-80">
        <DropdownMenuLabel>Show customers of</DropdownMenuLabel>
        <DropdownMenuItem disabled={selected.length === 0} onSelect={() => onChange([])}>
          All clusters
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {clusters.map((cluster) => (
          <DropdownMenuCheckboxItem
            key={cluster.id}
            checked={chosen.has(cluster.id)}
            // Keep the menu open so several clusters can be ticked in a row.
            onSelect={(event) => event.preventDefault()}
            onCheckedChange={(checked) =>
              onChange(checked ? [...selected, cluster.id] : selected.filter((id) => id !== cluster.id))
            }
          >
            <span className="truncate">{cluster.name}</span>
            {!cluster.isActive && <span className="text-muted-foreground text-xs">archived</span>}
          </DropdownMenuCheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
