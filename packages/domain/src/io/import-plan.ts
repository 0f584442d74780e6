/** What an import would do, as the preview shows it (IO-06). */
import type { CollectionName } from './format.ts';
import type { Problem } from './problems.ts';

export type ImportMode = 'restore' | 'merge';

export interface ImportItem {
  collection: CollectionName;
  id: string;
  label: string;
}

export interface FieldChange {
  field: string;
  /** The workspace's value (undefined: it had none). */
  from: unknown;
  /** The file's value (undefined: the field is removed, step states only). */
  to: unknown;
}

export interface ImportItemChange extends ImportItem {
  fields: FieldChange[];
}

export interface ImportConflict {
  kind: string;
  id: string;
  message: string;
}

export interface CollectionCounts {
  added: number;
  changed: number;
  unchanged: number;
  /** The workspace's copy is newer; the file's is left out. */
  keptNewer: number;
}

export interface ImportPlan {
  mode: ImportMode;
  counts: Record<CollectionName, CollectionCounts>;
  added: ImportItem[];
  changed: ImportItemChange[];
  keptNewer: ImportItem[];
  /** Conflicts the workspace would have after the import that it does not have now (MR-03..MR-06). */
  conflicts: ImportConflict[];
  /** What stops the import (dangling references); empty when it can go ahead. */
  problems: Problem[];
  totalProblems: number;
}
