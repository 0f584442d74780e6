/**
 * The cells of the matrix grid. Every cell is a focusable grid cell (roving tabindex: only the active
 * one is in the tab order) positioned by the virtualizers. Body cells are memoised on their primitive
 * props, so marking one step done re-renders one cell, not the few hundred on screen.
 */
import type { StepStatus } from '@runsheet/domain';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { type CSSProperties, memo, type ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { MarkerIcon, STATUS_META, StatusIcon } from './status-meta';

export type PickCell = (row: number, col: number) => void;

interface CellFrameProps {
  role: 'gridcell' | 'columnheader' | 'rowheader';
  row: number;
  col: number;
  active: boolean;
  onPick: PickCell;
  style?: CSSProperties;
  className?: string;
  children: ReactNode;
  expanded?: boolean;
  status?: StepStatus;
  /** The header's name, for tests and tooling (`data-name`). */
  name?: string;
}

/** What every cell shares: grid position (ARIA indexes are 1-based and count the header row/column). */
function CellFrame({
  role,
  row,
  col,
  active,
  onPick,
  style,
  className,
  children,
  expanded,
  status,
  name,
}: CellFrameProps) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: a grid cell (role chosen by the caller); the grid handles its keys.
    <div
      role={role}
      aria-colindex={col + 2}
      aria-expanded={expanded}
      tabIndex={active ? 0 : -1}
      data-pos={`${row}:${col}`}
      data-status={status}
      data-name={name}
      style={style}
      onClick={() => onPick(row, col)}
      className={cn(
        'flex cursor-pointer items-center gap-1.5 overflow-hidden border-r border-b px-2 text-sm outline-none',
        'focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-ring focus-visible:-outline-offset-2',
        className,
      )}
    >
      {children}
    </div>
  );
}

const abs = (left: number, width: number): CSSProperties => ({
  position: 'absolute',
  top: 0,
  left,
  width,
  height: '100%',
});

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

/** A thin bar under a header: the same number as its text (which is what is read out). */
function HeaderBar({ percent }: { percent: number | null }) {
  if (percent === null) return null;
  return (
    <span aria-hidden="true" className="absolute inset-x-0 bottom-0 h-1 bg-muted">
      <span className="block h-full bg-success" style={{ width: `${percent}%` }} />
    </span>
  );
}

export function ClusterHeaderCell(p: {
  col: number;
  left: number;
  width: number;
  active: boolean;
  onPick: PickCell;
  name: string;
  customers: number;
  collapsed: boolean;
  percent: number | null;
}) {
  const Chevron = p.collapsed ? ChevronRight : ChevronDown;
  return (
    <CellFrame
      role="columnheader"
      row={-1}
      col={p.col}
      active={p.active}
      onPick={p.onPick}
      expanded={!p.collapsed}
      name={p.name}
      style={abs(p.left, p.width)}
      className="flex-col items-start justify-center gap-0.5 border-l-2 border-l-primary/40 bg-muted"
    >
      <span className="flex w-full items-center gap-1 font-semibold">
        <Chevron aria-hidden="true" className="size-4 shrink-0" />
        <span className="truncate">{p.name}</span>
      </span>
      <span className="text-muted-foreground text-xs">
        {p.customers} {p.customers === 1 ? 'customer' : 'customers'}
        {p.percent !== null && ` · ${p.percent}%`}
      </span>
      <HeaderBar percent={p.percent} />
      <span className="sr-only">cluster, {p.collapsed ? 'collapsed' : 'expanded'}</span>
    </CellFrame>
  );
}

export function CustomerHeaderCell(p: {
  col: number;
  left: number;
  width: number;
  active: boolean;
  onPick: PickCell;
  name: string;
  target: string;
  archived: boolean;
  percent: number | null;
}) {
  return (
    <CellFrame
      role="columnheader"
      name={p.name}
      row={-1}
      col={p.col}
      active={p.active}
      onPick={p.onPick}
      style={abs(p.left, p.width)}
      className="flex-col items-start justify-center gap-0.5 bg-card"
    >
      <span className="w-full truncate font-medium" title={p.name}>
        {p.name}
      </span>
      <span className="w-full truncate font-mono text-muted-foreground text-xs" title={p.target}>
        {p.target}
      </span>
      {p.percent !== null && (
        <span className="text-muted-foreground text-xs">
          {p.percent}% complete{p.archived ? ' · archived' : ''}
        </span>
      )}
      <HeaderBar percent={p.percent} />
    </CellFrame>
  );
}

export function RowHeaderCell(p: {
  row: number;
  active: boolean;
  onPick: PickCell;
  number: number;
  name: string;
  type: string;
  custom: string | null;
  deleted: boolean;
  width: number;
}) {
  return (
    <CellFrame
      role="rowheader"
      name={p.name}
      row={p.row}
      col={-1}
      active={p.active}
      onPick={p.onPick}
      style={{ width: p.width, height: '100%' }}
      className="sticky left-0 z-10 bg-card font-medium"
    >
      <span className="w-6 shrink-0 text-right text-muted-foreground tabular-nums">{p.number}.</span>
      <span className="min-w-0 flex-1 truncate" title={p.name}>
        {p.name}
        {p.custom && <span className="text-muted-foreground"> · for {p.custom}</span>}
        {p.deleted && <span className="text-muted-foreground"> · template deleted</span>}
      </span>
      {p.custom && <MarkerIcon name="custom" />}
      <span className="shrink-0 rounded border px-1 font-mono text-muted-foreground text-xs">{p.type}</span>
    </CellFrame>
  );
}

export function CornerCell(p: { active: boolean; onPick: PickCell; width: number; label: string }) {
  return (
    <CellFrame
      role="columnheader"
      row={-1}
      col={-1}
      active={p.active}
      onPick={p.onPick}
      style={{ width: p.width, height: '100%' }}
      className="sticky left-0 z-30 cursor-default bg-card font-semibold"
    >
      {p.label}
    </CellFrame>
  );
}
