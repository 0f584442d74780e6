/**
 * What the release matrix shows, computed from the domain's StatusMatrix (FV-003):
 * one tab's rows (template steps, with each customer's custom steps placed between them by order key,
 * FCS-008) and the columns (per cluster: a cluster column, then its customers unless collapsed, BR-C03),
 * after the status filter.
 *
 * Nothing here is per cell: rows and columns are lists of a few thousand entries at most, and a cell is
 * looked up in the typed arrays when it is drawn (`cellAt`). Filtering is one pass over the typed arrays.
 */
import {
  ABSENT,
  CELL_HAS_NOTES,
  CELL_OVERRIDDEN,
  CELL_STATUSES,
  type CustomerStep,
  compareOrdered,
  type MatrixClusterGroup,
  type MatrixColumn,
  type MatrixRow,
  type StatusMatrix,
  type StepCategory,
  type StepId,
  type StepStatus,
  templateStepId,
} from '@runsheet/domain';

export type StatusFilter = 'all' | StepStatus;

export type RowModel =
  | { kind: 'template'; key: string; number: number; matrixRow: number; row: MatrixRow }
  | { kind: 'custom'; key: string; number: number; matrixCol: number; step: CustomerStep };

export type ColumnModel =
  | {
      kind: 'cluster';
      key: string;
      group: MatrixClusterGroup;
      collapsed: boolean;
      /** Customer columns of this cluster left after the filters (matrix column indexes). */
      members: readonly number[];
    }
  | { kind: 'customer'; key: string; matrixCol: number; column: MatrixColumn; clusterKey: string };

export type StatusCounts = Record<StepStatus, number>;

export type CellModel =
  | {
      kind: 'step';
      stepId: StepId;
      status: StepStatus;
      overridden: boolean;
      hasNotes: boolean;
      custom: boolean;
    }
  | { kind: 'absent' }
  | { kind: 'summary'; counts: StatusCounts; total: number };

export interface MatrixModel {
  matrix: StatusMatrix;
  rows: RowModel[];
  columns: ColumnModel[];
  /** Rows of this tab before the status filter (for "n of m steps shown"). */
  totalRows: number;
  /** Customers before the status filter. */
  totalCustomers: number;
  shownCustomers: number;
}

export interface ModelOptions {
  category: StepCategory;
  status: StatusFilter;
  /** Cluster keys (clusterKey()) whose customer columns are folded into their cluster column. */
  collapsed: ReadonlySet<string>;
}

/** A cluster group's key: its id, or a fixed key for customers whose cluster is unknown here. */
export function clusterKey(group: Pick<MatrixClusterGroup, 'clusterId'>): string {
  return group.clusterId ?? 'cluster:unknown';
}

const STATUS_CODE: Record<StepStatus, number> = { pending: 0, done: 1, skipped: 2, reverted: 3 };

function rowsOfCategory(m: StatusMatrix, category: StepCategory): RowModel[] {
  const colOf = new Map(m.columns.map((c, i) => [c.customerId, i]));
  const templates = m.rows.flatMap((row, matrixRow) =>
    row.category === category ? [{ row, matrixRow, id: row.templateId, order: row.order }] : [],
  );
  const customs = m.customSteps.flatMap((step) => {
    const matrixCol = colOf.get(step.customerId);
    return step.category === category && matrixCol !== undefined
      ? [{ step, matrixCol, id: step.id, order: step.order }]
      : [];
  });
  const merged = [...templates, ...customs].sort(compareOrdered);
  return merged.map((item, i): RowModel => {
    if ('row' in item) {
      return {
        kind: 'template',
        key: item.row.templateId,
        number: i + 1,
        matrixRow: item.matrixRow,
        row: item.row,
      };
    }
    return { kind: 'custom', key: item.step.id, number: i + 1, matrixCol: item.matrixCol, step: item.step };
  });
}

/** Does this row have a cell with `code` among the given matrix columns? */
function rowHas(m: StatusMatrix, row: RowModel, code: number, status: StepStatus): boolean {
  if (row.kind === 'custom') return row.step.status === status;
  const width = m.columns.length;
  const start = row.matrixRow * width;
  for (let c = 0; c < width; c++) if (m.status[start + c] === code) return true;
  return false;
}

function columnHas(m: StatusMatrix, rows: readonly RowModel[], col: number, code: number): boolean {
  const width = m.columns.length;
  for (const row of rows) {
    if (row.kind === 'custom') {
      if (row.matrixCol === col && STATUS_CODE[row.step.status] === code) return true;
    } else if (m.status[row.matrixRow * width + col] === code) {
      return true;
    }
  }
  return false;
}

export function buildMatrixModel(m: StatusMatrix, options: ModelOptions): MatrixModel {
  const all = rowsOfCategory(m, options.category);
  const filter = options.status;
  const code = filter === 'all' ? -1 : STATUS_CODE[filter];
  const rows = filter === 'all' ? all : all.filter((r) => rowHas(m, r, code, filter));

  const columns: ColumnModel[] = [];
  let shownCustomers = 0;
  for (const group of m.clusters) {
    const members: number[] = [];
    for (let col = group.start; col < group.end; col++) {
      if (filter === 'all' || columnHas(m, rows, col, code)) members.push(col);
    }
    if (members.length === 0) continue;
    shownCustomers += members.length;
    const key = clusterKey(group);
    const collapsed = options.collapsed.has(key);
    columns.push({ kind: 'cluster', key, group, collapsed, members });
    if (collapsed) continue;
    for (const col of members) {
      const column = m.columns[col] as MatrixColumn;
      columns.push({ kind: 'customer', key: column.customerId, matrixCol: col, column, clusterKey: key });
    }
  }
  return {
    matrix: m,
    rows,
    columns,
    totalRows: all.length,
    totalCustomers: m.columns.length,
    shownCustomers,
  };
}

function emptyCounts(): StatusCounts {
  return { pending: 0, done: 0, skipped: 0, reverted: 0 };
}

/** The cell at (row, column) of the model, read from the typed arrays when it is drawn. */
export function cellAt(model: MatrixModel, row: RowModel, column: ColumnModel): CellModel {
  const m = model.matrix;
  const width = m.columns.length;
  if (column.kind === 'cluster') {
    const counts = emptyCounts();
    let total = 0;
    for (const col of column.members) {
      const status = stepStatusAt(m, row, col);
      if (status === null) continue;
      counts[status] += 1;
      total += 1;
    }
    return { kind: 'summary', counts, total };
  }
  const col = column.matrixCol;
  if (row.kind === 'custom') {
    if (row.matrixCol !== col) return { kind: 'absent' };
    return {
      kind: 'step',
      stepId: row.step.id,
      status: row.step.status,
      overridden: false,
      hasNotes: row.step.notes !== null,
      custom: true,
    };
  }
  const at = row.matrixRow * width + col;
  const code = m.status[at] ?? ABSENT;
  const status = code === ABSENT ? null : (CELL_STATUSES[code] ?? null);
  if (status === null) return { kind: 'absent' };
  const flags = m.flags[at] ?? 0;
  return {
    kind: 'step',
    stepId: templateStepId(column.column.customerId, row.row.templateId),
    status,
    overridden: (flags & CELL_OVERRIDDEN) !== 0,
    hasNotes: (flags & CELL_HAS_NOTES) !== 0,
    custom: false,
  };
}

function stepStatusAt(m: StatusMatrix, row: RowModel, col: number): StepStatus | null {
  if (row.kind === 'custom') return row.matrixCol === col ? row.step.status : null;
  const code = m.status[row.matrixRow * m.columns.length + col] ?? ABSENT;
  return code === ABSENT ? null : (CELL_STATUSES[code] ?? null);
}

/** Every cluster key of the matrix (for "collapse all"). */
export function allClusterKeys(m: StatusMatrix): string[] {
  return m.clusters.map(clusterKey);
}
