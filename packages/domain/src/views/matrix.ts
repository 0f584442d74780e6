/**
 * The release matrix (FV-003, technical-spec §5.2 / §6.1): template steps as rows, customers as columns
 * grouped by cluster (BR-C03), one status per cell.
 *
 * Built for 1,000 customers × 50 templates: cells are two typed arrays (status code and flags), filled
 * with "pending" in one pass and then corrected from the sparse step states. No object per cell, no step
 * id strings built per cell, nothing quadratic. Custom steps (few) are listed beside the grid.
 */
import type { CustomerStep } from '../entities/customer-step.ts';
import type { StepCategory, StepStatus, StepType } from '../enums.ts';
import {
  type ClusterId,
  type CustomerId,
  parseTemplateStepId,
  type ReleaseId,
  type StepId,
  type TemplateId,
  templateStepId,
} from '../ids.ts';
import { compareOrdered, compareStrings } from '../ordering.ts';
import { isOverridden, resolveCustomStep, statusOf } from '../resolve.ts';
import type { DomainState } from '../state.ts';
import { nameKey } from '../validation.ts';
import { compareSteps } from './customer-steps.ts';

/** Cell status codes: index into CELL_STATUSES; ABSENT for a cell with no step (deleted, never run). */
export const CELL_STATUSES: readonly StepStatus[] = ['pending', 'done', 'skipped', 'reverted'];
export const ABSENT = 255;
export const CELL_OVERRIDDEN = 1;
export const CELL_HAS_NOTES = 2;

const STATUS_CODE: Record<StepStatus, number> = { pending: 0, done: 1, skipped: 2, reverted: 3 };
const CATEGORY_RANK: Record<StepCategory, number> = { deploy: 0, verify: 1 };

export interface MatrixRow {
  templateId: TemplateId;
  name: string;
  category: StepCategory;
  type: StepType;
  order: string;
  /** Deleted template kept because some customer had executed it. */
  deleted: boolean;
}

export interface MatrixColumn {
  customerId: CustomerId;
  name: string;
  namespace: string;
  clusterId: ClusterId | null;
  clusterName: string;
  isActive: boolean;
}

/** Columns [start, end) belong to one cluster. */
export interface MatrixClusterGroup {
  clusterId: ClusterId | null;
  name: string;
  start: number;
  end: number;
}

export interface StatusMatrix {
  releaseId: ReleaseId;
  /** Deploy rows, then verify rows, each in step order. */
  rows: MatrixRow[];
  columns: MatrixColumn[];
  clusters: MatrixClusterGroup[];
  /** Row-major: cell (row, col) is at row * columns.length + col. */
  status: Uint8Array;
  flags: Uint8Array;
  /** Custom steps of the shown customers, by customer then step order. */
  customSteps: CustomerStep[];
}

export interface MatrixOptions {
  /** FR-007 / FC-006: only the customers of one cluster. */
  clusterId?: ClusterId;
  /** Show archived customers too (default: no, as in progress; PR-05). */
  includeArchivedCustomers?: boolean;
}

export function stepStatusMatrix(
  state: DomainState,
  releaseId: ReleaseId,
  options: MatrixOptions = {},
): StatusMatrix {
  const doc = state.releases[releaseId];
  const empty: StatusMatrix = {
    releaseId,
    rows: [],
    columns: [],
    clusters: [],
    status: new Uint8Array(0),
    flags: new Uint8Array(0),
    customSteps: [],
  };
  if (!doc) return empty;
  const { catalog } = state;

  // Columns: participants, grouped by cluster name, then customer name (BR-C03).
  const columns: MatrixColumn[] = [];
  for (const customerId of Object.keys(doc.participants) as CustomerId[]) {
    const customer = catalog.customers[customerId];
    if (customer && !customer.isActive && !options.includeArchivedCustomers) continue;
    const clusterId = customer?.clusterId ?? null;
    if (options.clusterId && clusterId !== options.clusterId) continue;
    columns.push({
      customerId,
      name: customer?.name ?? customerId,
      namespace: customer?.namespace ?? '',
      clusterId,
      clusterName: clusterId ? (catalog.clusters[clusterId]?.name ?? clusterId) : '',
      isActive: customer?.isActive ?? false,
    });
  }
  const keyed = columns.map((c) => ({ c, k: nameKey(c.clusterName), n: nameKey(c.name) }));
  keyed.sort(
    (a, b) =>
      compareStrings(a.k, b.k) || compareStrings(a.n, b.n) || compareStrings(a.c.customerId, b.c.customerId),
  );
  const cols = keyed.map((x) => x.c);
  const colIndex = new Map<CustomerId, number>(cols.map((c, i) => [c.customerId, i]));

  // The sparse states, parsed once; deleted templates get a row only if some shown customer ran them.
  const touched: { row: TemplateId; col: number; status: StepStatus; flags: number }[] = [];
  const executedDeleted = new Set<TemplateId>();
  for (const [stepId, s] of Object.entries(doc.stepStates)) {
    const pair = parseTemplateStepId(stepId as StepId);
    if (!pair) continue;
    const col = colIndex.get(pair.customerId);
    const t = doc.templates[pair.templateId];
    if (col === undefined || !t) continue;
    const status = statusOf(s);
    if (t.deletedAt !== null && status === 'pending') continue;
    if (t.deletedAt !== null) executedDeleted.add(t.id);
    const flags = (isOverridden(s) ? CELL_OVERRIDDEN : 0) | (s.notes ? CELL_HAS_NOTES : 0);
    touched.push({ row: t.id, col, status, flags });
  }

  const rows: MatrixRow[] = Object.values(doc.templates)
    .filter((t) => t.deletedAt === null || executedDeleted.has(t.id))
    .sort((a, b) => CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] || compareOrdered(a, b))
    .map((t) => ({
      templateId: t.id,
      name: t.name,
      category: t.category,
      type: t.type,
      order: t.order,
      deleted: t.deletedAt !== null,
    }));
  const rowIndex = new Map<TemplateId, number>(rows.map((r, i) => [r.templateId, i]));

  const width = cols.length;
  const status = new Uint8Array(rows.length * width); // 0 = pending
  const flags = new Uint8Array(rows.length * width);
  rows.forEach((r, i) => {
    if (r.deleted) status.fill(ABSENT, i * width, (i + 1) * width);
  });
  for (const t of touched) {
    const row = rowIndex.get(t.row);
    if (row === undefined) continue;
    status[row * width + t.col] = STATUS_CODE[t.status];
    flags[row * width + t.col] = t.flags;
  }

  const clusters: MatrixClusterGroup[] = [];
  cols.forEach((c, i) => {
    const last = clusters[clusters.length - 1];
    if (last && last.clusterId === c.clusterId) last.end = i + 1;
    else clusters.push({ clusterId: c.clusterId, name: c.clusterName, start: i, end: i + 1 });
  });

  const customSteps: CustomerStep[] = [];
  for (const c of Object.values(doc.customSteps)) {
    if (!colIndex.has(c.customerId)) continue;
    const step = resolveCustomStep(c, doc.stepStates[c.id], doc.revisions);
    if (step) customSteps.push(step);
  }
  customSteps.sort(
    (a, b) => (colIndex.get(a.customerId) ?? 0) - (colIndex.get(b.customerId) ?? 0) || compareSteps(a, b),
  );

  return { releaseId, rows, columns: cols, clusters, status, flags, customSteps };
}

/** The status of a cell, or null when that customer has no such step. */
export function cellStatus(m: StatusMatrix, row: number, col: number): StepStatus | null {
  const code = m.status[row * m.columns.length + col];
  return code === undefined || code === ABSENT ? null : (CELL_STATUSES[code] ?? null);
}

export function cellFlags(
  m: StatusMatrix,
  row: number,
  col: number,
): { overridden: boolean; hasNotes: boolean } {
  const f = m.flags[row * m.columns.length + col] ?? 0;
  return { overridden: (f & CELL_OVERRIDDEN) !== 0, hasNotes: (f & CELL_HAS_NOTES) !== 0 };
}

/** The step id of a cell (for opening the side panel), built only when asked. */
export function cellStepId(m: StatusMatrix, row: number, col: number): StepId | null {
  const r = m.rows[row];
  const c = m.columns[col];
  return r && c ? templateStepId(c.customerId, r.templateId) : null;
}
