/**
 * How a step status and its markers look everywhere (matrix cells, legend, panel, lists): an icon AND a
 * word, never colour alone, so the status reads the same in both themes, in grey scale and aloud.
 */
import type { StepStatus } from '@runsheet/domain';
import {
  Circle,
  CircleCheck,
  CircleSlash,
  type LucideIcon,
  PencilLine,
  Puzzle,
  StickyNote,
  Undo2,
} from 'lucide-react';
import { cn } from '@/lib/utils';

export interface StatusMeta {
  label: string;
  icon: LucideIcon;
  /** Icon colour (decorative: the word carries the meaning). */
  iconClass: string;
  /** Cell tint; text stays in the foreground colour so contrast holds on every tint. */
  cellClass: string;
}

export const STATUS_META: Record<StepStatus, StatusMeta> = {
  done: {
    label: 'Done',
    icon: CircleCheck,
    iconClass: 'text-success',
    cellClass: 'bg-success/15',
  },
  pending: {
    label: 'Pending',
    icon: Circle,
    iconClass: 'text-muted-foreground',
    cellClass: 'bg-card',
  },
  skipped: {
    label: 'Skipped',
    icon: CircleSlash,
    iconClass: 'text-muted-foreground',
    cellClass: 'bg-muted',
  },
  reverted: {
    label: 'Reverted',
    icon: Undo2,
    iconClass: 'text-destructive',
    cellClass: 'bg-destructive/10',
  },
};

export const MARKERS = {
  overridden: { label: 'Overridden', icon: PencilLine },
  custom: { label: 'Custom step', icon: Puzzle },
  notes: { label: 'Has notes', icon: StickyNote },
} as const satisfies Record<string, { label: string; icon: LucideIcon }>;

export type MarkerName = keyof typeof MARKERS;

export function StatusIcon({ status, className }: { status: StepStatus; className?: string }) {
  const meta = STATUS_META[status];
  const Icon = meta.icon;
  return <Icon aria-hidden="true" className={cn('size-4 shrink-0', meta.iconClass, className)} />;
}

/** Status as a small pill: icon and word. */
export function StatusBadge({ status, className }: { status: StepStatus; className?: string }) {
  return (
    <span
      data-status={status}
      className={cn(
        'inline-flex items-center gap-1 rounded-md border px-2 py-0.5 font-medium text-xs',
        STATUS_META[status].cellClass,
        className,
      )}
    >
      <StatusIcon status={status} className="size-3.5" />
      {STATUS_META[status].label}
    </span>
  );
}

/** A marker (overridden, custom, notes): icon with its word for screen readers and as a tooltip. */
export function MarkerIcon({ name, showLabel = false }: { name: MarkerName; showLabel?: boolean }) {
  const { label, icon: Icon } = MARKERS[name];
  return (
    <span className="inline-flex items-center gap-1" title={label} data-marker={name}>
      <Icon aria-hidden="true" className="size-3.5 shrink-0 text-muted-foreground" />
      {showLabel ? <span className="text-xs">{label}</span> : <span className="sr-only">{label}</span>}
    </span>
  );
}
