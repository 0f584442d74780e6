/**
 * The release matrix (FV-003): template steps as rows, customers as columns
 * grouped by cluster (BR-C03), one status per cell.
 *
 * Built for 1,000 customers × 50 templates: cells are two typed arrays (status code and flags), filled
 * with "pending" in one pass and then corrected from the sparse step states. No object per cell, no step
 * id strings built per cell, nothing quadratic. Custom steps (few) are listed beside the grid.
 */
import type { CustomerStep } from '../entities/customer-step.ts';
import type { StepState, StepStateField } from '../entities/step-state.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import type { StepCategory, StepStatus, StepType } from '../enums.ts';
import {
  type ClusterId,
  type CustomerId,
  type ReleaseId,
  type StepId,
  type TemplateId,
  templateStepId,
  type WaveId,
} from '../ids.ts';
import { compareOrdered, compareStrings } from '../ordering.ts';
import { isOverridden, resolveCustomStep, statusOf } from '../resolve.ts';
import type { DomainState } from '../state.ts';
import { nameKey } from '../validation.ts';
import { liveWaves, waveOfCustomer } from '../waves.ts';
import { compareSteps } from './customer-steps.ts';
import { packedStepStatesOf } from './packed-step-states.ts';

/** Cell status codes: index into CELL_STATUSES; ABSENT for a cell with no step (deleted, never run). */
export const CELL_STATUSES: readonly StepStatus[] = ['pending', 'done', 'skipped', 'reverted'];
export const ABSENT = 255;
export const CELL_OVERRIDDEN = 1;
export const CELL_HAS_NOTES = 2;

const STATUS_CODE: Record<StepStatus, number> = { pending: 0, done: 1, skipped: 2, reverted: 3 };
const CUSTOMER_PREFIX = 'customer:';
const TEMPLATE_PREFIX = 'template:';
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

/**
 * Columns [start, end) belong to one cluster. When the release has waves, groups are by wave, then
 * cluster (a cluster with customers in two waves is two groups), and name their wave.
 */
export interface MatrixClusterGroup {
  clusterId: ClusterId | null;
  name: string;
  start: number;
  end: number;
  /** The wave of the group's customers; absent when the release has no waves. */
  waveId?: WaveId;
  waveName?: string;
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
  const builder = matrixBuilder(state, releaseId, options);
  if (!builder) return emptyMatrix(releaseId);
  // RM-09: a stored copy whose step states are still packed is read from its columns, not built.
  const packed = packedStepStatesOf(state.releases[releaseId]);
  if (packed) packed.read(0, packed.size, MATRIX_STEP_FIELDS, builder.add);
  else for (const stepId in state.releases[releaseId]?.stepStates) builder.add(stepId as StepId);
  return builder.finish();
}

/**
 * The fields of a step state a cell reads (`add` below: statusOf, isOverridden, notes). A release whose
 * step states are still packed (RM-09) is read with only these set; a field read here and not listed
 * would read as absent, which the domain test of RM-09 would show as a cell that differs.
 */
export const MATRIX_STEP_FIELDS: readonly StepStateField[] = [
  'status',
  'notes',
  'overrideRev',
  'overrideContent',
  'overrideName',
];

export function emptyMatrix(releaseId: ReleaseId): StatusMatrix {
  return {
    releaseId,
    rows: [],
    columns: [],
    clusters: [],
    status: new Uint8Array(0),
    flags: new Uint8Array(0),
    customSteps: [],
  };
}

/**
 * A matrix built in three parts, so that its one costly part (a pass over every step state: 50,000 in
 * a finished release) can be cut into slices (stepStatusMatrixInSlices): the columns and templates,
 * then `add` for each step state, then `finish` (rows, cells, groups, custom steps). Null when the
 * release is not in the state.
 */
export interface MatrixBuilder {
  /**
   * Reads one step state into its cell; a step that is not a shown cell is passed over. `given` is the
   * state when the caller has it (packed step states, RM-09: only MATRIX_STEP_FIELDS are read), else it
   * is looked up in `stepStates`.
   */
  add(stepId: StepId, given?: StepState): void;
  finish(): StatusMatrix;
}

export function matrixBuilder(
  state: DomainState,
  releaseId: ReleaseId,
  options: MatrixOptions = {},
): MatrixBuilder | null {
  const doc = state.releases[releaseId];
  if (!doc) return null;
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
  // With waves: by wave first (rollout order), then as without (issue 15: the matrix groups by wave).
  const live = liveWaves(doc);
  const waveAt = (id: CustomerId) => {
    const wave = live.length > 0 ? waveOfCustomer(doc, live, id) : null;
    return wave ? live.indexOf(wave) : -1;
  };
  const keyed = columns.map((c) => ({
    c,
    w: waveAt(c.customerId),
    k: nameKey(c.clusterName),
    n: nameKey(c.name),
  }));
  keyed.sort(
    (a, b) =>
      a.w - b.w ||
      compareStrings(a.k, b.k) ||
      compareStrings(a.n, b.n) ||
      compareStrings(a.c.customerId, b.c.customerId),
  );
  const waveOfCol = keyed.map((x) => live[x.w]);
  const cols = keyed.map((x) => x.c);
  const colIndex = new Map<CustomerId, number>(cols.map((c, i) => [c.customerId, i]));

  // The sparse states, read once. Ids are not parsed into objects or rebuilt as strings: the customer
  // and template parts of a step id are looked up as they are (50,000 done steps cost one pass of two
  // map lookups each). Deleted templates get a row only if some shown customer ran them.
  const colByPart = new Map<string, number>();
  cols.forEach((c, i) => {
    if (c.customerId.startsWith(CUSTOMER_PREFIX))
      colByPart.set(c.customerId.slice(CUSTOMER_PREFIX.length), i);
  });
  const templateByPart = new Map<string, StepTemplate>();
  for (const key of Object.keys(doc.templates)) {
    if (key.startsWith(TEMPLATE_PREFIX))
      templateByPart.set(key.slice(TEMPLATE_PREFIX.length), doc.templates[key as TemplateId] as StepTemplate);
  }
  const cellCol: number[] = [];
  const cellTemplate: StepTemplate[] = [];
  const cellStatus: number[] = [];
  const cellFlags: number[] = [];
  const executedDeleted = new Set<TemplateId>();
  const add = (stepId: StepId, given?: StepState): void => {
    // As parseTemplateStepId: the part after the first ':', split at its first '.'.
    const start = stepId.indexOf(':') + 1;
    const dot = stepId.indexOf('.', start);
    if (dot < 0) return;
    const col = colByPart.get(stepId.slice(start, dot));
    if (col === undefined) return;
    const t = templateByPart.get(stepId.slice(dot + 1));
    if (!t) return;
    const s = given ?? doc.stepStates[stepId];
    // Gone since the caller listed it (a sliced build while the state moves on): as if never run.
    if (!s) return;
    const status = statusOf(s);
    if (t.deletedAt !== null && status === 'pending') return;
    if (t.deletedAt !== null) executedDeleted.add(t.id);
    cellCol.push(col);
    cellTemplate.push(t);
    cellStatus.push(STATUS_CODE[status]);
    cellFlags.push((isOverridden(s) ? CELL_OVERRIDDEN : 0) | (s.notes ? CELL_HAS_NOTES : 0));
  };
  const finish = (): StatusMatrix => {
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
    for (let i = 0; i < cellCol.length; i++) {
      const row = rowIndex.get((cellTemplate[i] as StepTemplate).id);
      if (row === undefined) continue;
      const at = row * width + (cellCol[i] as number);
      status[at] = cellStatus[i] as number;
      flags[at] = cellFlags[i] as number;
    }

    const clusters: MatrixClusterGroup[] = [];
    cols.forEach((c, i) => {
      const last = clusters[clusters.length - 1];
      const wave = waveOfCol[i];
      if (last && last.clusterId === c.clusterId && last.waveId === wave?.id) last.end = i + 1;
      else
        clusters.push({
          clusterId: c.clusterId,
          name: c.clusterName,
          start: i,
          end: i + 1,
          ...(wave && { waveId: wave.id, waveName: wave.name }),
        });
    });

    const customSteps: CustomerStep[] = [];
    // Still packed (RM-09): the few custom steps' states are read one by one, not all 50,000 built.
    const packed = packedStepStatesOf(doc);
    for (const c of Object.values(doc.customSteps)) {
      if (!colIndex.has(c.customerId)) continue;
      const own = packed ? packed.get(c.id) : doc.stepStates[c.id];
      const step = resolveCustomStep(c, own, doc.revisions);
      if (step) customSteps.push(step);
    }
    customSteps.sort(
      (a, b) => (colIndex.get(a.customerId) ?? 0) - (colIndex.get(b.customerId) ?? 0) || compareSteps(a, b),
    );

    return { releaseId, rows, columns: cols, clusters, status, flags, customSteps };
  };
  return { add, finish };
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
