/**
 * Variables in step content, filled in per customer so that the script you copy is the script for THIS
 * customer on THIS cluster (docs/ARCHITECTURE.md "Variables and presence").
 * Rules VR-01..VR-06 in docs/SPEC.md.
 *
 * Only three scopes are ours: `customer`, `cluster`, `release`. Other double-brace text (Helm's
 * `{{ .Values.x }}`, Jinja's `{{ item.name }}`) is somebody else's template language inside a script and is
 * left alone without a warning (VR-04). A variable of ours that cannot be filled stays in the text as
 * written, never blank, and is reported (VR-03): running `kubectl -n  delete` is worse than an error.
 */
import type { Cluster } from './entities/cluster.ts';
import type { Customer } from './entities/customer.ts';
import type { Release } from './entities/release.ts';
import type { CustomerId, ReleaseId } from './ids.ts';
import type { CatalogState } from './state.ts';

export interface VariableContext {
  customer?: Customer | null;
  cluster?: Cluster | null;
  release?: Release | null;
}

export type VariableScope = 'customer' | 'cluster' | 'release';

/** A variable that stayed as written: an unknown name, or a known one with no value here. */
export interface VariableProblem {
  name: string;
  /** Offsets in the rendered `text` (where the UI highlights it). */
  start: number;
  end: number;
  reason: 'unknown' | 'no-value';
}

export interface FilledVariable {
  name: string;
  value: string;
  /** Offsets of the filled-in value in the rendered `text`. */
  start: number;
  end: number;
}

export interface RenderResult {
  text: string;
  unknown: VariableProblem[];
  filled: FilledVariable[];
}

export interface VariableInfo {
  name: string;
  scope: VariableScope;
  description: string;
  /** A metadata key of the customer or cluster rather than a built-in. */
  fromMetadata: boolean;
}

/** VR-02: whitespace inside the braces is allowed. Keys follow the metadata key syntax. */
const VARIABLE = /\{\{\s*(customer|cluster|release)\.([A-Za-z][A-Za-z0-9_-]*)\s*\}\}/g;

type Lookup = (ctx: VariableContext) => string | null | undefined;

/** VR-01: built-ins. They win over a metadata key of the same name (VR-05). */
const BUILT_INS: Record<VariableScope, Record<string, { description: string; get: Lookup }>> = {
  customer: {
    name: { description: 'Customer display name', get: (c) => c.customer?.name },
    namespace: { description: 'Kubernetes namespace of the customer', get: (c) => c.customer?.namespace },
  },
  cluster: {
    name: { description: 'Cluster name', get: (c) => c.cluster?.name },
    kubeconfig: {
      description: 'Path to the kubeconfig file of the cluster',
      get: (c) => c.cluster?.kubeconfigPath,
    },
  },
  release: {
    name: { description: 'Release name', get: (c) => c.release?.name },
    version: { description: 'Version number of the release', get: (c) => c.release?.versionNumber },
    date: { description: 'Target release date (YYYY-MM-DD)', get: (c) => c.release?.releaseDate },
  },
};

const own = (o: object, k: string) => Object.hasOwn(o, k);

function lookup(
  scope: VariableScope,
  key: string,
  ctx: VariableContext,
): { known: boolean; value: string | null } {
  const builtIn = BUILT_INS[scope][key];
  if (builtIn) {
    const v = builtIn.get(ctx);
    return { known: true, value: v === null || v === undefined || v === '' ? null : v };
  }
  const meta =
    scope === 'customer' ? ctx.customer?.metadata : scope === 'cluster' ? ctx.cluster?.metadata : undefined;
  if (meta && own(meta, key)) {
    const v = meta[key];
    return { known: true, value: v === undefined || v === '' ? null : v };
  }
  return { known: false, value: null };
}

/** Fill in the variables of `content` for one customer (VR-01..VR-05). Pure; never throws. */
export function renderContent(content: string, ctx: VariableContext): RenderResult {
  const unknown: VariableProblem[] = [];
  const filled: FilledVariable[] = [];
  let text = '';
  let last = 0;
  for (const m of content.matchAll(VARIABLE)) {
    const scope = m[1] as VariableScope;
    const key = m[2] as string;
    const name = `${scope}.${key}`;
    const at = m.index;
    text += content.slice(last, at);
    last = at + m[0].length;
    const found = lookup(scope, key, ctx);
    if (found.value === null) {
      unknown.push({
        name,
        start: text.length,
        end: text.length + m[0].length,
        reason: found.known ? 'no-value' : 'unknown',
      });
      text += m[0];
    } else {
      filled.push({ name, value: found.value, start: text.length, end: text.length + found.value.length });
      text += found.value;
    }
  }
  text += content.slice(last);
  return { text, unknown, filled };
}

/**
 * The values a render filled in, by variable name: what a done step stores instead of its executed text
 * (ST-10). Only variables the content uses and that had a value; one name always renders one value.
 */
export function filledValues(rendered: RenderResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of rendered.filled) out[f.name] = f.value;
  return out;
}

/**
 * Fill `content` with stored values: `renderContent(content, ctx).text` again, byte for byte, when
 * `values` is `filledValues` of that render (ST-10). The same pattern finds the same variables; a
 * name without a stored value stays as written, exactly as a variable with no value did (VR-03).
 */
export function fillValues(content: string, values: Readonly<Record<string, string>>): string {
  return content.replace(VARIABLE, (written, scope: string, key: string) => {
    const name = `${scope}.${key}`;
    return Object.hasOwn(values, name) ? (values[name] as string) : written;
  });
}

/** The names `content` uses, in order of appearance (duplicates removed). */
export function variablesIn(content: string): string[] {
  const names = new Set<string>();
  for (const m of content.matchAll(VARIABLE)) names.add(`${m[1]}.${m[2]}`);
  return [...names];
}

/**
 * The variables the UI offers in its help text: the built-ins, then the metadata keys of the given
 * customer and cluster (or of every customer and cluster of a catalog), without duplicates.
 */
export function listVariables(ctx?: VariableContext | { catalog: CatalogState }): VariableInfo[] {
  const out: VariableInfo[] = [];
  for (const scope of ['customer', 'cluster', 'release'] as const) {
    for (const [key, v] of Object.entries(BUILT_INS[scope])) {
      out.push({ name: `${scope}.${key}`, scope, description: v.description, fromMetadata: false });
    }
  }
  const customerKeys = new Set<string>();
  const clusterKeys = new Set<string>();
  if (ctx && 'catalog' in ctx) {
    for (const c of Object.values(ctx.catalog.customers))
      for (const k of Object.keys(c.metadata)) customerKeys.add(k);
    for (const c of Object.values(ctx.catalog.clusters))
      for (const k of Object.keys(c.metadata)) clusterKeys.add(k);
  } else if (ctx) {
    for (const k of Object.keys(ctx.customer?.metadata ?? {})) customerKeys.add(k);
    for (const k of Object.keys(ctx.cluster?.metadata ?? {})) clusterKeys.add(k);
  }
  const add = (scope: 'customer' | 'cluster', keys: Set<string>) => {
    for (const k of [...keys].sort()) {
      if (BUILT_INS[scope][k]) continue;
      out.push({
        name: `${scope}.${k}`,
        scope,
        description: `Metadata "${k}" of the ${scope}`,
        fromMetadata: true,
      });
    }
  };
  add('customer', customerKeys);
  add('cluster', clusterKeys);
  return out;
}

/** The context for one customer of one release, read from the catalog (current cluster, VR-06). */
export function variableContextFor(
  catalog: CatalogState,
  releaseId: ReleaseId,
  customerId: CustomerId,
): VariableContext {
  const customer = catalog.customers[customerId] ?? null;
  const cluster = customer ? (catalog.clusters[customer.clusterId] ?? null) : null;
  return { customer, cluster, release: catalog.releases[releaseId] ?? null };
}
