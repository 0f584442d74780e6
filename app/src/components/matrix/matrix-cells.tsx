/**
 * The cells of the matrix grid. Every cell is a focusable grid cell (roving tabindex: only the active
 * one is in the tab order) positioned by the virtualizers. Body cells are memoised on their primitive
 * props, so marking one step done re-renders one cell, not the few hundred on screen.
 */
import type { StepStatus } from '@runsheet/domain';
import { memo } from 'react';
import { MarkerIcon, STATUS_META, StatusIcon } from '@/components/steps/status-meta';
import { cn } from '@/lib/utils';
import { abs, CellFrame, type PickCell } from './cell-frame';

export type { PickCell } from './cell-frame';

export interface StepCellProps {
  row: number;
  col: number;
  left: number;
  width: number;
  active: boolean;
  onPick: PickCell;
  status: StepStatus;
  overridden: boolean;
  hasNotes: boolean;
  custom: boolean;
  /** "Deploy app for Acme (prod-eu / acme-prod)", read before the status. */
  context: string;
}

export const StepCell = memo(function StepCell(p: StepCellProps) {
  const meta = STATUS_META[p.status];
  return (
    <CellFrame
      role="gridcell"
      row={p.row}
      col={p.col}
      active={p.active}
      onPick={p.onPick}
      status={p.status}
      style={abs(p.left, p.width)}
      className={cn(meta.cellClass, 'hover:brightness-95 dark:hover:brightness-125')}
    >
      <span className="sr-only">{p.context}: </span>
      <StatusIcon status={p.status} />
      <span className="truncate">{meta.label}</span>
      <span className="ml-auto flex items-center gap-0.5">
        {p.overridden && <MarkerIcon name="overridden" />}
        {p.custom && <MarkerIcon name="custom" />}
        {p.hasNotes && <MarkerIcon name="notes" />}
      </span>
    </CellFrame>
  );
});

export const AbsentCell = memo(function AbsentCell(p: {
  row: number;
  col: number;
  left: number;
  width: number;
  active: boolean;
  onPick: PickCell;
  context: string;
}) {
  return (
    <CellFrame
      role="gridcell"
      row={p.row}
      col={p.col}
      active={p.active}
      onPick={p.onPick}
      style={abs(p.left, p.width)}
      className="cursor-default bg-background text-muted-foreground"
    >
      <span aria-hidden="true">—</span>
      <span className="sr-only">{p.context}: not a step of this customer</span>
    </CellFrame>
  );
});

export const SummaryCell = memo(function SummaryCell(p: {
  row: number;
  col: number;
  left: number;
  width: number;
  active: boolean;
  onPick: PickCell;
  done: number;
  skipped: number;
  reverted: number;
  total: number;
  context: string;
}) {
  const extra = [p.skipped > 0 ? `${p.skipped} skipped` : '', p.reverted > 0 ? `${p.reverted} reverted` : '']
    .filter(Boolean)
    .join(', ');
  return (
    <CellFrame
      role="gridcell"
      row={p.row}
      col={p.col}
      active={p.active}
      onPick={p.onPick}
      style={abs(p.left, p.width)}
      className="border-l-2 border-l-primary/40 bg-muted font-medium"
    >
      <span className="sr-only">{p.context}: </span>
      <span>
        {p.done}/{p.total} done
      </span>
      {extra && <span className="truncate text-muted-foreground text-xs">{extra}</span>}
    </CellFrame>
  );
});
