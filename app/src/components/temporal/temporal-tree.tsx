import { indexTree, type TemporalEntity } from '@runsheet/doc';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ChevronRight } from 'lucide-react';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useFocusWhenDrawn } from '@/components/ui/use-focus-when-drawn';
import { cn } from '@/lib/utils';
import { StateBadge } from './state-badge.tsx';
import { visibleRows } from './tree-rows.ts';

const ROW_HEIGHT = 36;

/**
 * The hierarchy as an ARIA tree (WAI-ARIA APG "tree view"): a flat list of treeitems with aria-level,
 * aria-posinset and aria-setsize, virtualised so a release of thousands of entities renders only the rows
 * in view. Keyboard: arrows move and expand/collapse, Home/End jump, Enter/Space toggle. One row is in the
 * tab order (roving tabindex).
 */
export function TemporalTree({ entities, label }: { entities: TemporalEntity[]; label: string }) {
  const index = useMemo(() => indexTree(entities), [entities]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(index, collapsed), [index, collapsed]);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  // The row a key moved to is focused once it is drawn (the live view re-renders meanwhile).
  const focusWhenDrawn = useFocusWhenDrawn(scroller);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const current = Math.min(active, Math.max(rows.length - 1, 0));

  const toggle = (id: string, open?: boolean) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      const shouldOpen = open ?? next.has(id);
      if (shouldOpen) next.delete(id);
      else next.add(id);
      return next;
    });

  const moveTo = (i: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, i));
    setActive(target);
    focusWhenDrawn(`[data-row="${target}"]`);
    virtualizer.scrollToIndex(target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[current];
    if (!row) return;
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          moveTo(current + 1);
          return true;
        case 'ArrowUp':
          moveTo(current - 1);
          return true;
        case 'Home':
          moveTo(0);
          return true;
        case 'End':
          moveTo(rows.length - 1);
          return true;
        case 'ArrowRight':
          if (row.hasChildren && !row.expanded) toggle(row.entity.id, true);
          else if (row.expanded) moveTo(current + 1);
          return true;
        case 'ArrowLeft':
          if (row.expanded) toggle(row.entity.id, false);
          else {
            const parent = rows.findIndex((r) => r.entity.id === row.entity.parentId);
            if (parent >= 0) moveTo(parent);
          }
          return true;
        case 'Enter':
        case ' ':
          if (row.hasChildren) toggle(row.entity.id);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  return (
    <div
      ref={scroller}
      role="tree"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="relative h-[min(70vh,640px)] overflow-auto rounded-xl border"
    >
      <div style={{ height: virtualizer.getTotalSize() }} className="relative w-full">
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const { entity } = row;
          return (
            <div
              key={entity.id}
              role="treeitem"
              aria-level={row.level}
              aria-posinset={row.posInSet}
              aria-setsize={row.setSize}
              aria-expanded={row.hasChildren ? row.expanded : undefined}
              aria-selected={item.index === current}
              tabIndex={item.index === current ? 0 : -1}
              data-row={item.index}
              data-entity-id={entity.id}
              onClick={() => {
                setActive(item.index);
                if (row.hasChildren) toggle(entity.id);
              }}
              onKeyDown={() => setActive(item.index)}
              className={cn(
                'absolute left-0 flex w-full cursor-default items-center gap-2 pr-3 text-sm outline-none',
                'hover:bg-muted/60 focus-visible:ring-2 focus-visible:ring-ring',
                item.index === current && 'bg-muted/40',
              )}
              style={{ top: item.start, height: ROW_HEIGHT, paddingLeft: 8 + (row.level - 1) * 20 }}
            >
              <ChevronRight
                aria-hidden="true"
                className={cn(
                  'size-4 shrink-0 text-muted-foreground transition-transform',
                  !row.hasChildren && 'invisible',
                  row.expanded && 'rotate-90',
                )}
              />
              <span className="w-16 shrink-0 text-muted-foreground text-xs">{entity.type}</span>
              <span className="min-w-0 truncate font-mono">{entity.id}</span>
              <span className="ml-auto" data-testid="entity-state">
                <StateBadge state={entity.state} />
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
