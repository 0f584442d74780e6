/**
 * Clusters and customers from a table (CSV file or paste). Each row is checked with the very rules of
 * `createCluster` / `createCustomer` (the commands run on a preview of the workspace, row after row), so
 * the preview says exactly what the import would refuse; every problem names its row and column (IO-11).
 *
 * `importCatalogRows` creates all given rows as ONE change, or refuses them all: the UI passes the rows
 * that are valid and keeps the others on screen to be fixed.
 */
import { applyChange } from '../apply.ts';
import type { Op } from '../change.ts';
import { createCluster } from '../commands/clusters.ts';
import { createCustomer } from '../commands/customers.ts';
import type { CommandContext } from '../context.ts';
import type { ClusterId, Id, IdType } from '../ids.ts';
import { isId } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { type ReasonCode, reasonText } from '../reasons.ts';
import { type CommandResult, fail, ok } from '../result.ts';
import type { DomainState } from '../state.ts';
import { nameKey } from '../validation.ts';
import { appendAll } from './append.ts';
import { unescapeCell } from './csv.ts';

export type CatalogRowKind = 'clusters' | 'customers';

export interface CatalogRow {
  name: string;
  /** Customers: the cluster's name (or id). */
  cluster: string;
  namespace: string;
  kubeconfigPath: string;
  description: string;
  metadata: Record<string, string>;
}

export type CatalogField = 'name' | 'cluster' | 'namespace' | 'kubeconfigPath' | 'description';

/** The columns of each kind, in the order the preview shows them. */
export const CATALOG_COLUMNS: Record<CatalogRowKind, readonly CatalogField[]> = {
  clusters: ['name', 'kubeconfigPath', 'description'],
  customers: ['cluster', 'namespace', 'name', 'description'],
};

export const REQUIRED_COLUMNS: Record<CatalogRowKind, readonly CatalogField[]> = {
  clusters: ['name'],
  customers: ['cluster', 'namespace', 'name'],
};

/** Header spellings, compared lower-case without spaces, `_` or `-`. */
const ALIASES: Record<CatalogRowKind, Record<string, CatalogField>> = {
  clusters: {
    name: 'name',
    cluster: 'name',
    clustername: 'name',
    kubeconfig: 'kubeconfigPath',
    kubeconfigpath: 'kubeconfigPath',
    description: 'description',
  },
  customers: {
    cluster: 'cluster',
    clustername: 'cluster',
    clusterid: 'cluster',
    namespace: 'namespace',
    ns: 'namespace',
    name: 'name',
    customer: 'name',
    customername: 'name',
    description: 'description',
  },
};

const METADATA_PREFIX = /^(meta|metadata)[.:](.+)$/i;
const squash = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

export interface CatalogTable {
  kind: CatalogRowKind;
  rows: CatalogRow[];
  /** Where each row was in the text (1-based line of the table, header = 1), for messages. */
  lines: number[];
  metadataKeys: string[];
  ignoredColumns: string[];
  missingColumns: CatalogField[];
}

/** customers when the header has a namespace column, else clusters. */
export function detectCatalogKind(header: readonly string[]): CatalogRowKind {
  return header.some((h) => ['namespace', 'ns'].includes(squash(h))) ? 'customers' : 'clusters';
}

export function emptyRow(): CatalogRow {
  return { name: '', cluster: '', namespace: '', kubeconfigPath: '', description: '', metadata: {} };
}

/**
 * A parsed table (first row = header) as rows of one kind. Blank rows are dropped; cells written by our
 * own CSV export lose their formula guard again (`unescapeCell`).
 */
export function catalogTable(table: readonly string[][], kind?: CatalogRowKind): CatalogTable {
  const [header = [], ...body] = table;
  const k = kind ?? detectCatalogKind(header);
  const columns: Array<{ field: CatalogField } | { meta: string } | null> = header.map((h) => {
    const meta = METADATA_PREFIX.exec(h.trim());
    if (meta?.[2]) return { meta: meta[2].trim() };
    const field = ALIASES[k][squash(h)];
    return field ? { field } : null;
  });
  const found = new Set(columns.flatMap((c) => (c && 'field' in c ? [c.field] : [])));
  const out: CatalogTable = {
    kind: k,
    rows: [],
    lines: [],
    metadataKeys: [...new Set(columns.flatMap((c) => (c && 'meta' in c ? [c.meta] : [])))],
    ignoredColumns: header.filter((h, i) => columns[i] === null && h.trim() !== ''),
    missingColumns: REQUIRED_COLUMNS[k].filter((f) => !found.has(f)),
  };
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const row = emptyRow();
    cells.forEach((raw, c) => {
      const col = columns[c];
      if (!col) return;
      const value = unescapeCell(raw);
      if ('meta' in col) {
        if (value !== '') row.metadata[col.meta] = value;
      } else if (row[col.field] === '') row[col.field] = value;
    });
    out.rows.push(row);
    out.lines.push(i + 2);
  });
  return out;
}

export interface RowIssue {
  /** The column to show the problem in: a field, or `metadata.<key>`. */
  field: CatalogField | `metadata.${string}` | 'row';
  code: ReasonCode | 'duplicate-in-import';
  message: string;
}

export interface RowCheck {
  issues: RowIssue[];
}

/** Ids a preview gives row `index`, so a refusal can say which earlier row it clashes with. */
const PREVIEW_ID = /:csv-row-(\d+)$/;

function previewContext(index: number): CommandContext {
  return {
    now: () => '1970-01-01T00:00:00.000Z',
    newId: <T extends IdType>(type: T) => `${type}:csv-row-${index}` as Id<T>,
    actor: { id: 'preview', name: 'preview' },
    device: 'preview',
  };
}

/** The active cluster a row names (by id or by name, ignoring case), or why not. */
function resolveCluster(state: DomainState, value: string): { id: ClusterId } | RowIssue {
  const v = value.trim();
  if (v === '') return { field: 'cluster', code: 'cluster-not-found', message: 'A cluster is required.' };
  const byId = isId(v, 'cluster') ? state.catalog.clusters[v] : undefined;
  const matches = byId
    ? [byId]
    : Object.values(state.catalog.clusters).filter((c) => nameKey(c.name) === nameKey(v));
  const active = matches.find((c) => c.isActive);
  if (active) return { id: active.id };
  if (matches.length > 0)
    return { field: 'cluster', code: 'cluster-archived', message: `The cluster "${v}" is archived.` };
  return { field: 'cluster', code: 'cluster-not-found', message: `There is no cluster named "${v}".` };
}

function issueOf(
  error: { code: ReasonCode; field?: string; details?: Record<string, string | number> },
  kind: CatalogRowKind,
  row: CatalogRow,
): RowIssue {
  const field = (error.field === 'clusterId' ? 'cluster' : (error.field ?? 'row')) as RowIssue['field'];
  const clash = String(error.details?.clusterId ?? error.details?.customerId ?? '');
  const earlier = PREVIEW_ID.exec(clash);
  if (earlier && (error.code === 'cluster-name-taken' || error.code === 'namespace-taken')) {
    const what = kind === 'clusters' ? 'name' : 'namespace in this cluster';
    return {
      field,
      code: 'duplicate-in-import',
      message: `Same ${what} as row ${Number(earlier[1]) + 1} of this import.`,
    };
  }
  if (error.code === 'cluster-name-taken')
    return { field, code: error.code, message: `A cluster named "${row.name.trim()}" already exists.` };
  if (error.code === 'namespace-taken')
    return { field, code: error.code, message: `"${row.namespace.trim()}" is already used in this cluster.` };
  return { field, code: error.code, message: reasonText(error.code) };
}

/** One row through its command, on the state the earlier rows made. */
function runRow(
  state: DomainState,
  kind: CatalogRowKind,
  row: CatalogRow,
  ctx: CommandContext,
): { issues: RowIssue[]; ops: Op[]; id: string | null } {
  let result: CommandResult<{ clusterId: ClusterId } | { customerId: string }>;
  if (kind === 'clusters') {
    result = createCluster(
      state,
      {
        name: row.name,
        kubeconfigPath: row.kubeconfigPath,
        description: row.description,
        metadata: row.metadata,
      },
      ctx,
    );
  } else {
    const cluster = resolveCluster(state, row.cluster);
    if ('code' in cluster) return { issues: [cluster], ops: [], id: null };
    result = createCustomer(
      state,
      {
        clusterId: cluster.id,
        name: row.name,
        namespace: row.namespace,
        description: row.description,
        metadata: row.metadata,
      },
      ctx,
    );
  }
  if (!result.ok) return { issues: [issueOf(result.error, kind, row)], ops: [], id: null };
  const id = 'clusterId' in result.value ? result.value.clusterId : result.value.customerId;
  return { issues: [], ops: result.change.ops, id };
}

/** Field checks a command would stop at one by one, so a row shows all its problems at once. */
function fieldIssues(state: DomainState, kind: CatalogRowKind, row: CatalogRow): RowIssue[] {
  const out: RowIssue[] = [];
  const add = (field: RowIssue['field'], code: ReasonCode, message = reasonText(code)) =>
    out.push({ field, code, message });
  const name = row.name.trim();
  if (name === '') add('name', 'name-required');
  else if (name.length > (kind === 'clusters' ? FIELD_LIMITS.clusterName : FIELD_LIMITS.name))
    add('name', 'name-too-long');
  if (kind === 'customers') {
    const cluster = resolveCluster(state, row.cluster);
    if ('code' in cluster) out.push(cluster);
    const ns = row.namespace.trim();
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) || ns.length > 63) add('namespace', 'namespace-invalid');
  }
  for (const key of Object.keys(row.metadata)) {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(key)) add(`metadata.${key}`, 'metadata-key-invalid');
  }
  return out;
}

function runRows(
  state: DomainState,
  kind: CatalogRowKind,
  rows: readonly CatalogRow[],
  ctxFor: (index: number) => CommandContext,
): { checks: RowCheck[]; ops: Op[]; ids: string[] } {
  let sim = state;
  const checks: RowCheck[] = [];
  const ops: Op[] = [];
  const ids: string[] = [];
  rows.forEach((row, i) => {
    const early = fieldIssues(sim, kind, row);
    if (early.length > 0) {
      checks.push({ issues: early });
      return;
    }
    const r = runRow(sim, kind, row, ctxFor(i));
    checks.push({ issues: r.issues });
    if (r.issues.length > 0 || r.id === null) return;
    sim = applyChange(sim, { ops: r.ops });
    appendAll(ops, r.ops);
    ids.push(r.id);
  });
  return { checks, ops, ids };
}

/** IO-11: every row checked against the workspace and the rows above it; nothing changes. */
export function checkCatalogRows(
  state: DomainState,
  kind: CatalogRowKind,
  rows: readonly CatalogRow[],
): RowCheck[] {
  return runRows(state, kind, rows, previewContext).checks;
}

export interface ImportCatalogRowsInput {
  kind: CatalogRowKind;
  rows: CatalogRow[];
}

/** IO-11: creates every row in ONE change, or none when any row has a problem. */
export function importCatalogRows(
  state: DomainState,
  input: ImportCatalogRowsInput,
  ctx: CommandContext,
): CommandResult<{ created: string[] }> {
  const { checks, ops, ids } = runRows(state, input.kind, input.rows, () => ctx);
  const bad = checks.filter((c) => c.issues.length > 0).length;
  if (bad > 0)
    return fail('import-row-invalid', `${bad} row(s) have problems; nothing was imported.`, 'rows', {
      rows: bad,
    });
  return ok({ ops }, { created: ids });
}
