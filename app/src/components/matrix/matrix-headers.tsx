/** The header cells of the matrix: cluster and customer columns, step names, the corner. */
import { ChevronDown, ChevronRight } from 'lucide-react';
import { MarkerIcon } from '@/components/steps/status-meta';
import { customerCount } from '@/lib/count';
import { abs, CellFrame, type PickCell } from './cell-frame';

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
        {customerCount(p.customers)}
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
