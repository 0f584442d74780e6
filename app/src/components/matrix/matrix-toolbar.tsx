/**
 * Filters of the matrix (FV-003, FR-007): cluster and status, both in the URL, and
 * expand / collapse all clusters, or every cluster of one wave (WV-10).
 */
import type { ClusterId, MatrixClusterGroup } from '@runsheet/domain';
import { collapseAllAction, expandAllAction, type MatrixActionContext } from '@/actions/matrix-actions';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { MatrixSearch } from './matrix-search';
import { STATUS_FILTERS } from './matrix-search';
import type { WaveFold } from './wave-folds';

const ALL_CLUSTERS = 'all';
const STATUS_LABELS: Record<NonNullable<MatrixSearch['status']>, string> = {
  all: 'All statuses',
  pending: 'Pending',
  done: 'Done',
  skipped: 'Skipped',
  reverted: 'Reverted',
};

export interface MatrixToolbarProps {
  clusters: readonly Pick<MatrixClusterGroup, 'clusterId' | 'name'>[];
  cluster: ClusterId | undefined;
  status: NonNullable<MatrixSearch['status']>;
  onChange: (patch: Partial<Pick<MatrixSearch, 'cluster' | 'status'>>) => void;
  actions: MatrixActionContext;
  /** "12 of 50 steps · 100 of 1,000 customers" */
  summary: string;
  /** The release's waves (none without waves): each folds or unfolds all of its columns at once. */
  waves?: readonly WaveFold[];
  onToggleWave?: (fold: WaveFold) => void;
}

export function MatrixToolbar({
  clusters,
  cluster,
  status,
  onChange,
  actions,
  summary,
  waves = [],
  onToggleWave,
}: MatrixToolbarProps) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="matrix-cluster">Cluster</Label>
        <Select
          value={cluster ?? ALL_CLUSTERS}
          onValueChange={(v) => onChange({ cluster: v === ALL_CLUSTERS ? undefined : (v as ClusterId) })}
        >
          <SelectTrigger id="matrix-cluster" className="min-w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL_CLUSTERS}>All clusters</SelectItem>
            {clusters
              .filter((c): c is typeof c & { clusterId: ClusterId } => c.clusterId !== null)
              .map((c) => (
                <SelectItem key={c.clusterId} value={c.clusterId}>
                  {c.name}
                </SelectItem>
              ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="matrix-status">Status</Label>
        <Select
          value={status}
          onValueChange={(v) => onChange({ status: v === 'all' ? undefined : (v as MatrixSearch['status']) })}
        >
          <SelectTrigger id="matrix-status" className="min-w-36">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {STATUS_FILTERS.map((s) => (
              <SelectItem key={s} value={s}>
                {STATUS_LABELS[s]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="flex gap-2">
        <ActionButton action={expandAllAction} ctx={actions} showDisabled size="default" />
        <ActionButton action={collapseAllAction} ctx={actions} showDisabled size="default" />
      </div>
      {waves.length > 0 && onToggleWave && (
        // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset.
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Fold a wave">
          {waves.map((w) => (
            <Button
              key={w.waveId}
              type="button"
              variant="outline"
              aria-pressed={w.folded}
              onClick={() => onToggleWave(w)}
            >
              {w.folded ? `Unfold ${w.name}` : `Fold ${w.name}`}
            </Button>
          ))}
        </div>
      )}
      <p className="ml-auto text-muted-foreground text-sm" aria-live="polite">
        {summary}
      </p>
    </div>
  );
}
