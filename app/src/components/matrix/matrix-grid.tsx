/**
 * The release matrix as an ARIA grid (FV-003): steps as rows, cluster and customer columns, a sticky
 * header row and a sticky step column. Rows AND columns are virtualised, so 1,000 customers × 50 steps
 * draw only what is on screen; every drawn row and cell carries its aria-rowindex / aria-colindex.
 *
 * Keyboard (roving tabindex): arrows, Home/End, Ctrl+Home/End, PageUp/PageDown move; Enter or Space
 * activates — a step cell opens the side panel, a cluster column header folds the cluster, a customer
 * header opens the customer view, a step name opens the step across customers. The active row and
 * column are always kept drawn, so the one tabbable cell never disappears when scrolled away.
 */
import type { CustomerId, ReleaseProgress, StepId, TemplateId } from '@runsheet/domain';
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useFocusWhenDrawn } from '@/components/ui/use-focus-when-drawn';
import { type GridPos, moveFocus } from './grid-navigation';
import { AbsentCell, StepCell, SummaryCell } from './matrix-cells';
import { ClusterHeaderCell, CornerCell, CustomerHeaderCell, RowHeaderCell } from './matrix-headers';
import { type ColumnModel, cellAt, groupName, type MatrixModel, type RowModel } from './matrix-model';
import { usePainted } from './use-painted';

export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 72;
export const STEP_COLUMN_WIDTH = 260;
const CUSTOMER_WIDTH = 184;
const CLUSTER_WIDTH = 156;
/**
 * Rows and columns drawn beyond the visible ones, so scrolling shows drawn cells. Only once the grid has
 * painted: in its first frame they were more cells than the visible ones (6 rows and 3 columns on each
 * side), all created, styled and laid out before anything showed on a cold load; they follow a frame later.
 */
const ROW_OVERSCAN = 6;
const COLUMN_OVERSCAN = 3;

export interface MatrixGridProps {
  model: MatrixModel;
  progress: ReleaseProgress | null;
  /** Names the grid, e.g. "Deploy steps × customers". */
  label: string;
  active: GridPos;
  onActiveChange: (pos: GridPos) => void;
  onOpenStep: (stepId: StepId) => void;
  onToggleCluster: (clusterKey: string) => void;
  onOpenCustomer: (customerId: CustomerId) => void;
  onOpenTemplate: (templateId: TemplateId) => void;
}

/** Keeps one index drawn besides the visible range (the active cell must stay focusable). */
function keeping(index: number) {
  return (range: Range) => {
    const indexes = defaultRangeExtractor(range);
    if (index >= 0 && index < range.count && !indexes.includes(index)) {
      indexes.push(index);
      indexes.sort((a, b) => a - b);
    }
    return indexes;
  };
}

function rowName(row: RowModel): string {
  return row.kind === 'template' ? row.row.name : row.step.name;
}

/** The grid scrolls a focused cell into view itself, past its sticky headers. */
const PREVENT_SCROLL: FocusOptions = { preventScroll: true };

function columnWidth(column: ColumnModel | undefined): number {
  return column?.kind === 'cluster' ? CLUSTER_WIDTH : CUSTOMER_WIDTH;
}

export function MatrixGrid(props: MatrixGridProps) {
  const { model, progress, active, onActiveChange } = props;
  const { rows, columns } = model;
  const scroller = useRef<HTMLDivElement>(null);
  // Keyboard moves: the cell a key moved to is focused once it is drawn (the hook says why it holds the
  // cell, not a flag).
  const focusWhenDrawn = useFocusWhenDrawn(scroller, PREVENT_SCROLL);

  const painted = usePainted();
  const rowKeep = useMemo(() => keeping(active.row), [active.row]);
  const colKeep = useMemo(() => keeping(active.col), [active.col]);
  const rowV = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: painted ? ROW_OVERSCAN : 0,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor: rowKeep,
  });
  const colV = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => columnWidth(columns[i]),
    getItemKey: (i) => columns[i]?.key ?? i,
    overscan: painted ? COLUMN_OVERSCAN : 0,
    paddingStart: STEP_COLUMN_WIDTH,
    scrollPaddingStart: STEP_COLUMN_WIDTH,
    rangeExtractor: colKeep,
  });

  // Column sizes depend on the kind of column at an index, which folding changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when the columns change.
  useLayoutEffect(() => colV.measure(), [columns]);

  // Latest values for the stable pick handler (memoised cells keep their props unchanged).
  const latest = useRef(props);
  latest.current = props;

  const activate = useCallback((pos: GridPos) => {
    const p = latest.current;
    const row = pos.row >= 0 ? p.model.rows[pos.row] : undefined;
    const column = pos.col >= 0 ? p.model.columns[pos.col] : undefined;
    if (!row && column?.kind === 'cluster') p.onToggleCluster(column.key);
    else if (!row && column?.kind === 'customer') p.onOpenCustomer(column.column.customerId);
    else if (row && !column) {
      if (row.kind === 'template') p.onOpenTemplate(row.row.templateId);
      else p.onOpenStep(row.step.id);
    } else if (row && column) {
      const cell = cellAt(p.model, row, column);
      if (cell.kind === 'step') p.onOpenStep(cell.stepId);
      else if (cell.kind === 'summary' && column.kind === 'cluster') p.onToggleCluster(column.key);
    }
  }, []);

  const onPick = useCallback(
    (row: number, col: number) => {
      latest.current.onActiveChange({ row, col });
      activate({ row, col });
    },
    [activate],
  );

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      if (event.target === scroller.current) return;
      event.preventDefault();
      activate(active);
      return;
    }
    const next = moveFocus(active, event, {
      rows: rows.length,
      cols: columns.length,
      pageRows: Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2),
    });
    if (!next) return;
    event.preventDefault();
    if (next.row >= 0) rowV.scrollToIndex(next.row, { align: 'auto' });
    if (next.col >= 0) colV.scrollToIndex(next.col, { align: 'auto' });
    else colV.scrollToOffset(0);
    focusWhenDrawn(`[data-pos="${next.row}:${next.col}"]`);
    onActiveChange(next);
  };

  const totalWidth = colV.getTotalSize();
  const colItems = colV.getVirtualItems();
  const isActive = (r: number, c: number) => active.row === r && active.col === c;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a virtualised grid cannot be a <table>.
    <div
      ref={scroller}
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      onKeyDown={onKeyDown}
      className="relative max-h-[min(70vh,44rem)] overflow-auto rounded-md border bg-background"
      data-testid="release-matrix"
    >
      <div style={{ width: totalWidth, height: rowV.getTotalSize(), position: 'relative' }}>
        {/* biome-ignore lint/a11y/useSemanticElements: virtualised rows of an ARIA grid; focus goes to their cells. */}
        <div
          role="rowgroup"
          className="sticky top-0 z-20"
          style={{ height: HEADER_HEIGHT, width: totalWidth }}
        >
          {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: virtualised rows of an ARIA grid; focus goes to their cells. */}
          <div role="row" aria-rowindex={1} className="relative h-full">
            <CornerCell
              active={isActive(-1, -1)}
              onPick={onPick}
              width={STEP_COLUMN_WIDTH}
              label={`Step (${rows.length})`}
            />
            {colItems.map((ci) => {
              const column = columns[ci.index];
              if (!column) return null;
              if (column.kind === 'cluster') {
                // A cluster's progress spans every wave: a wave's part of it is not shown as the whole.
                const p =
                  column.group.clusterId && !column.group.waveId
                    ? progress?.byCluster[column.group.clusterId]
                    : undefined;
                return (
                  <ClusterHeaderCell
                    key={ci.key}
                    col={ci.index}
                    left={ci.start}
                    width={ci.size}
                    active={isActive(-1, ci.index)}
                    onPick={onPick}
                    name={groupName(column.group)}
                    customers={column.members.length}
                    collapsed={column.collapsed}
                    percent={p ? p.completePercent : null}
                  />
                );
              }
              const p = progress?.byCustomer[column.column.customerId];
              return (
                <CustomerHeaderCell
                  key={ci.key}
                  col={ci.index}
                  left={ci.start}
                  width={ci.size}
                  active={isActive(-1, ci.index)}
                  onPick={onPick}
                  name={column.column.name}
                  target={`${column.column.clusterName} / ${column.column.namespace}`}
                  archived={!column.column.isActive}
                  percent={p ? p.completePercent : null}
                />
              );
            })}
          </div>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: virtualised rows of an ARIA grid; focus goes to their cells. */}
        <div role="rowgroup">
          {rowV.getVirtualItems().map((ri) => {
            const row = rows[ri.index];
            if (!row) return null;
            const name = rowName(row);
            return (
              // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: virtualised rows of an ARIA grid; focus goes to their cells.
              <div
                key={ri.key}
                role="row"
                aria-rowindex={ri.index + 2}
                style={{ position: 'absolute', top: ri.start, height: ri.size, width: totalWidth }}
              >
                <RowHeaderCell
                  row={ri.index}
                  active={isActive(ri.index, -1)}
                  onPick={onPick}
                  number={row.number}
                  name={name}
                  type={row.kind === 'template' ? row.row.type : row.step.type}
                  custom={
                    row.kind === 'custom'
                      ? (model.matrix.columns[row.matrixCol]?.name ?? row.step.customerId)
                      : null
                  }
                  deleted={row.kind === 'template' && row.row.deleted}
                  width={STEP_COLUMN_WIDTH}
                />
                {colItems.map((ci) => {
                  const column = columns[ci.index];
                  if (!column) return null;
                  const cell = cellAt(model, row, column);
                  const common = {
                    row: ri.index,
                    col: ci.index,
                    left: ci.start,
                    width: ci.size,
                    active: isActive(ri.index, ci.index),
                    onPick,
                  };
                  if (cell.kind === 'summary') {
                    return (
                      <SummaryCell
                        key={ci.key}
                        {...common}
                        done={cell.counts.done}
                        skipped={cell.counts.skipped}
                        reverted={cell.counts.reverted}
                        total={cell.total}
                        context={`${name}, cluster ${column.kind === 'cluster' ? column.group.name : ''}`}
                      />
                    );
                  }
                  const who =
                    column.kind === 'customer'
                      ? `${column.column.name} (${column.column.clusterName} / ${column.column.namespace})`
                      : '';
                  if (cell.kind === 'absent') {
                    return <AbsentCell key={ci.key} {...common} context={`${name} for ${who}`} />;
                  }
                  return (
                    <StepCell
                      key={ci.key}
                      {...common}
                      status={cell.status}
                      overridden={cell.overridden}
                      hasNotes={cell.hasNotes}
                      custom={cell.custom}
                      context={`${name} for ${who}`}
                    />
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
