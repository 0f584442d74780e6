/**
 * What every matrix cell shares: its place in the grid (ARIA indexes are 1-based and count the header
 * row and the step column), the roving tabindex, and a click that picks it.
 */
import type { StepStatus } from '@runsheet/domain';
import type { CSSProperties, ReactNode } from 'react';
import { cn } from '@/lib/utils';

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
export function CellFrame({
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

/** Absolutely placed at a virtual column's offset, full row height. */
export const abs = (left: number, width: number): CSSProperties => ({
  position: 'absolute',
  top: 0,
  left,
  width,
  height: '100%',
});
