/**
 * The body of a release page (FV-003): Deploy / Verify tabs, cluster and
 * status filters, the grid, the legend, and the step side panel of the step named in the URL.
 *
 * Data: the release's read-model view (data/read-model). It paints first from the stored copy of the
 * release while its document loads, then follows the document, so a status change shows in the same
 * frame as the click.
 */
import type {
  ClusterId,
  CustomerId,
  DomainState,
  Release,
  ReleaseId,
  StatusMatrix,
  StepCategory,
  StepId,
  TemplateId,
} from '@runsheet/domain';
import { Users } from 'lucide-react';
import { useDeferredValue, useMemo, useState } from 'react';
import { type MatrixActionContext, matrixActions } from '@/actions/matrix-actions';
import { useActionScope } from '@/actions/scope';
import { bind } from '@/actions/types';
import { EmptyState } from '@/components/layout/empty-state';
import { StepPanel } from '@/components/step-panel/step-panel';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { useReleaseProgress, useReleaseView } from '@/data';
import { customerCount, stepCount } from '@/lib/count';
import { clampPos, type GridPos } from './grid-navigation';
import { MatrixGrid } from './matrix-grid';
import { MatrixLegend } from './matrix-legend';
import { allClusterKeys, buildMatrixModel } from './matrix-model';
import { type MatrixSearch, matrixView } from './matrix-search';
import { MatrixToolbar } from './matrix-toolbar';
import { useLiveMatrix } from './use-live-matrix';
import { toggleWave, waveFolds } from './wave-folds';

export interface ReleaseMatrixProps {
  release: Release;
  search: MatrixSearch;
  onSearchChange: (patch: Partial<MatrixSearch>) => void;
  onOpenCustomer: (customerId: CustomerId) => void;
  onOpenTemplate: (templateId: TemplateId) => void;
}

const numberFormat = new Intl.NumberFormat();

/** The clusters of a release's participants, by name (BR-C03), for the cluster filter. */
function releaseClusters(state: DomainState, releaseId: ReleaseId): { clusterId: ClusterId; name: string }[] {
  const ids = new Set<ClusterId>();
  for (const customerId of Object.keys(state.releases[releaseId]?.participants ?? {}) as CustomerId[]) {
    const clusterId = state.catalog.customers[customerId]?.clusterId;
    if (clusterId) ids.add(clusterId);
  }
  return [...ids]
    .map((clusterId) => ({ clusterId, name: state.catalog.clusters[clusterId]?.name ?? clusterId }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function ReleaseMatrix({
  release,
  search: rawSearch,
  onSearchChange,
  onOpenCustomer,
  onOpenTemplate,
}: ReleaseMatrixProps) {
  const releaseId = release.id;
  const search = matrixView(rawSearch);
  const live = useReleaseView(releaseId);
  const ready = live.status === 'ready' ? live : null;
  const version = ready?.version ?? -1;
  const matrix: StatusMatrix | undefined = useLiveMatrix(live, releaseId, search.cluster);
  // Percentages in the headers may follow a frame later: the cells are drawn first (useDeferredValue,
  // also on the first render), and the 1,000-customer progress is computed in the render after it.
  const progressVersion = useDeferredValue(version, -1);
  // Kept step by step (PR-09): a status change recounts its own steps, not the release's 50,000.
  const progress = useReleaseProgress(releaseId) ?? null;
  // The cluster filter lists every cluster of the release, also while one is selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const clusters = useMemo(
    () => (ready ? releaseClusters(ready.state, releaseId) : []),
    [progressVersion, releaseId, ready !== null],
  );

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState<GridPos>({ row: 0, col: 0 });
  const tab = search.tab;
  const model = useMemo(
    () => (matrix ? buildMatrixModel(matrix, { category: tab, status: search.status, collapsed }) : null),
    [matrix, tab, search.status, collapsed],
  );

  const actionCtx: MatrixActionContext = {
    tab,
    setTab: (next: StepCategory) => onSearchChange({ tab: next === 'deploy' ? undefined : next }),
    clusters: matrix?.clusters.length ?? 0,
    collapsed: matrix ? allClusterKeys(matrix).filter((k) => collapsed.has(k)).length : 0,
    expandAll: () => setCollapsed(new Set()),
    collapseAll: () => setCollapsed(new Set(matrix ? allClusterKeys(matrix) : [])),
  };
  useActionScope('matrix', () => ({
    title: 'Release matrix',
    actions: matrixActions.map((a) => bind(a, actionCtx)),
  }));

  if (live.status === 'missing') return null;
  if (!matrix || !model) {
    return (
      <p className="text-muted-foreground" aria-live="polite">
        Loading the matrix…
      </p>
    );
  }

  const pos = clampPos(active, { rows: model.rows.length, cols: model.columns.length, pageRows: 1 });
  const counts: Record<StepCategory, number> = { deploy: 0, verify: 0 };
  for (const r of matrix.rows) counts[r.category] += 1;
  for (const s of matrix.customSteps) counts[s.category] += 1;
  const summary = `${numberFormat.format(model.rows.length)} of ${stepCount(model.totalRows)} · ${numberFormat.format(model.shownCustomers)} of ${customerCount(model.totalCustomers)}`;
  const waves = waveFolds(matrix, collapsed);
  const toggleCluster = (key: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const grid =
    matrix.columns.length === 0 ? (
      <EmptyState icon={Users} title="No customers in this release yet">
        {release.status === 'draft'
          ? 'Activate the release to give every chosen customer its steps.'
          : search.cluster
            ? 'No customer of this cluster takes part in this release.'
            : 'Add customers to the release to run its steps.'}
      </EmptyState>
    ) : (
      <MatrixGrid
        model={model}
        progress={progress}
        label={`${tab === 'deploy' ? 'Deploy' : 'Verify'} steps by customer`}
        active={pos}
        onActiveChange={setActive}
        onOpenStep={(stepId: StepId) => onSearchChange({ step: stepId })}
        onToggleCluster={toggleCluster}
        onOpenCustomer={onOpenCustomer}
        onOpenTemplate={onOpenTemplate}
      />
    );

  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-6">
      <Tabs value={tab} onValueChange={(v) => actionCtx.setTab(v as StepCategory)}>
        <TabsList aria-label="Step category">
          <TabsTrigger value="deploy">Deploy ({counts.deploy})</TabsTrigger>
          <TabsTrigger value="verify">Verify ({counts.verify})</TabsTrigger>
        </TabsList>
        <div className="my-3">
          <MatrixToolbar
            clusters={clusters}
            cluster={search.cluster}
            status={search.status}
            onChange={onSearchChange}
            actions={actionCtx}
            summary={summary}
            waves={waves}
            onToggleWave={(fold) => setCollapsed((prev) => toggleWave(prev, fold))}
          />
        </div>
        <TabsContent value="deploy" tabIndex={-1}>
          {tab === 'deploy' && grid}
        </TabsContent>
        <TabsContent value="verify" tabIndex={-1}>
          {tab === 'verify' && grid}
        </TabsContent>
      </Tabs>
      <MatrixLegend />
      <StepPanel
        releaseId={releaseId}
        stepId={search.step ?? null}
        onClose={() => onSearchChange({ step: undefined })}
      />
    </div>
  );
}
