/**
 * The hierarchy of one release as a tree and as a depth-first list: the API pages the list, the app
 * renders the tree. Pure functions over plain entities.
 */
import type { TemporalEntity } from './types.ts';

export interface TreeIndex {
  root: TemporalEntity | undefined;
  byId: Map<string, TemporalEntity>;
  /** Children of each entity, in the workflow's order. */
  children: Map<string, TemporalEntity[]>;
  /** Entities whose parent is not in the hierarchy (partial data): listed, never silently dropped. */
  orphans: TemporalEntity[];
}

export function indexTree(entities: readonly TemporalEntity[]): TreeIndex {
  const byId = new Map<string, TemporalEntity>();
  for (const e of entities) byId.set(e.id, e);
  const children = new Map<string, TemporalEntity[]>();
  const orphans: TemporalEntity[] = [];
  let root: TemporalEntity | undefined;
  for (const e of entities) {
    if (e.parentId === null) {
      if (root === undefined || e.type === 'release') root = e;
      continue;
    }
    if (!byId.has(e.parentId)) {
      orphans.push(e);
      continue;
    }
    const list = children.get(e.parentId);
    if (list) list.push(e);
    else children.set(e.parentId, [e]);
  }
  for (const list of children.values()) list.sort((a, b) => a.index - b.index || a.id.localeCompare(b.id));
  return { root, byId, children, orphans };
}

export interface FlatEntity extends TemporalEntity {
  depth: number;
}

/** Depth-first order from the root (pre-order), each with its depth; orphans last at depth 1. */
export function flattenTree(index: TreeIndex): FlatEntity[] {
  const out: FlatEntity[] = [];
  if (index.root !== undefined) {
    const stack: Array<[TemporalEntity, number]> = [[index.root, 0]];
    while (stack.length > 0) {
      const [entity, depth] = stack.pop()!;
      out.push({ ...entity, depth });
      const kids = index.children.get(entity.id) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, depth + 1]);
    }
  }
  for (const orphan of index.orphans) out.push({ ...orphan, depth: 1 });
  return out;
}

/** The ancestors of an entity, root first. */
export function ancestorsOf(index: TreeIndex, id: string): TemporalEntity[] {
  const out: TemporalEntity[] = [];
  let current = index.byId.get(id);
  const guard = new Set<string>();
  while (current?.parentId != null && !guard.has(current.id)) {
    guard.add(current.id);
    const parent = index.byId.get(current.parentId);
    if (!parent) break;
    out.unshift(parent);
    current = parent;
  }
  return out;
}
