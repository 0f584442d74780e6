import type { TemporalEntity, TreeIndex } from '@runsheet/doc';

/** One visible line of the tree, with what ARIA needs to announce where it is. */
export interface TreeRow {
  entity: TemporalEntity;
  /** 1 for the release (aria-level). */
  level: number;
  posInSet: number;
  setSize: number;
  hasChildren: boolean;
  expanded: boolean;
}

/**
 * The lines a person sees: depth-first, skipping the children of collapsed entities. Pure, so the
 * virtualised tree renders only a window of it and a collapse is one recomputation.
 */
export function visibleRows(index: TreeIndex, collapsed: ReadonlySet<string>): TreeRow[] {
  const out: TreeRow[] = [];
  const visit = (entity: TemporalEntity, level: number, posInSet: number, setSize: number) => {
    const children = index.children.get(entity.id) ?? [];
    const expanded = children.length > 0 && !collapsed.has(entity.id);
    out.push({ entity, level, posInSet, setSize, hasChildren: children.length > 0, expanded });
    if (!expanded) return;
    children.forEach((child, i) => {
      visit(child, level + 1, i + 1, children.length);
    });
  };
  if (index.root) visit(index.root, 1, 1, 1);
  index.orphans.forEach((orphan, i) => {
    visit(orphan, 2, i + 1, index.orphans.length);
  });
  return out;
}

/** Counts per state, for the summary line above the tree. */
export function stateCounts(entities: readonly TemporalEntity[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const e of entities) if (e.type === 'app') counts.set(e.state, (counts.get(e.state) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
