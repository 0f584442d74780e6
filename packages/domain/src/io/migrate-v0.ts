/**
 * Version 0 -> version 1. Version 0 is the technical specification's data as its server stored it: one
 * list per table (`clusters`, `customers`, `releases`, `step_templates`, `customer_steps`), snake_case
 * columns, integer ids, integer `order_index` (decimals for custom steps), Unix-second timestamps, JSON
 * metadata that may be a string, and one row per customer step. See docs/EXPORT-FORMAT.md.
 *
 * The migration builds version-1 records and remembers, for each, the row it came from, so a problem
 * found later is reported where the user can find it (`customer_steps[7].skip_reason`). It does not
 * judge values: the version-1 reader does that, with the same rules for both versions.
 *
 * - Ids become `type:v0-<n>`: the same file gives the same ids, so importing it twice adds nothing.
 * - A customer step with a template becomes a participant plus, when something happened to it (status,
 *   override, notes), a step state; one without a template becomes a custom step.
 * - Orders become fractional keys, one per distinct order_index of (release, category), so custom steps
 *   keep their place between template steps (BR-S05).
 * - A step that left pending gets a snapshot of what it showed, and one synthesised history event
 *   (`detail.migratedFrom = "v0"`) so reports can say who did what and when.
 */

import { STEP_STATUSES } from '../enums.ts';
import { idPart, type ReleaseId } from '../ids.ts';
import { firstKeys } from '../ordering.ts';
import type { CollectionName } from './format.ts';
import { isPlainObject } from './json-safety.ts';
import type { ProblemList } from './problems.ts';
import { subPath } from './problems.ts';
import type { Locate } from './records.ts';

type Row = Record<string, unknown>;
type Source = { table: string; index: number; fields: Record<string, string> };

export interface MigratedV0 {
  body: Record<string, unknown>;
  locate: Locate;
}

const SECONDS_BEFORE = 1e11; // integers below this are Unix seconds (until the year 5138), above are ms

/** A v0 timestamp (Unix seconds, milliseconds, or text) as ISO text; undefined when absent. */
function isoTime(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = Math.abs(value) < SECONDS_BEFORE ? value * 1000 : value;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? String(value) : d.toISOString();
  }
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? value : new Date(t).toISOString();
  }
  return value as string; // the v1 reader says what is wrong with it
}

function dateOnly(value: unknown): unknown {
  const iso = isoTime(value);
  return iso && /^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : (iso ?? null);
}

/** `id` 12 -> `cluster:v0-12`. Values that cannot be an id pass unchanged for the reader to refuse. */
function v0Id(type: string, value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return `${type}:v0-${value}`;
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,60}$/.test(value)) return `${type}:v0-${value}`;
  return value;
}

/** v0 metadata is any JSON (or JSON text); v1 metadata is text values. */
function metadata(value: unknown): unknown {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return v; // the reader reports it
    }
  }
  if (v === null || v === undefined) return {};
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] =
      typeof x === 'string' ? x : x === null ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x);
  }
  return out;
}

const text = (v: unknown): unknown => (v === null || v === undefined ? '' : v);
const flag = (v: unknown, fallback: boolean): unknown =>
  v === null || v === undefined ? fallback : v === 1 ? true : v === 0 ? false : v;
const orUndef = (v: unknown): unknown => (v === null ? undefined : v);

function rows(body: Row, table: string): unknown[] {
  const v = body[table];
  return Array.isArray(v) ? v : [];
}

const CAMEL_TO_SNAKE = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

class Builder {
  readonly body: Record<CollectionName, unknown[]> = {
    clusters: [],
    customers: [],
    releases: [],
    templates: [],
    participants: [],
    customSteps: [],
    stepStates: [],
    events: [],
  };
  readonly sources: Record<CollectionName, Source[]> = {
    clusters: [],
    customers: [],
    releases: [],
    templates: [],
    participants: [],
    customSteps: [],
    stepStates: [],
    events: [],
  };

  add(collection: CollectionName, record: unknown, source: Source): void {
    this.body[collection].push(record);
    this.sources[collection].push(source);
  }

  locate: Locate = (collection, index, field) => {
    const src = this.sources[collection][index];
    if (!src) return subPath(collection, index, ...field);
    const [first, ...rest] = field;
    const name = typeof first === 'string' ? (src.fields[first] ?? CAMEL_TO_SNAKE(first)) : first;
    return subPath(src.table, src.index, ...(name === undefined ? [] : [name]), ...rest);
  };
}

/** Keys per (release, category): each distinct order_index gets one key, in numeric order. */
function orderKeys(templates: Row[], customs: Row[]): Map<string, string> {
  const groups = new Map<string, Set<number>>();
  for (const r of [...templates, ...customs]) {
    if (typeof r.order_index !== 'number') continue;
    const g = `${String(r.release_id)}|${String(r.category)}`;
    let set = groups.get(g);
    if (!set) {
      set = new Set();
      groups.set(g, set);
    }
    set.add(r.order_index);
  }
  const out = new Map<string, string>();
  for (const [g, set] of groups) {
    const sorted = [...set].sort((a, b) => a - b);
    const keys = firstKeys(sorted.length);
    sorted.forEach((n, i) => {
      out.set(`${g}|${n}`, keys[i] as string);
    });
  }
  return out;
}

const orderOf = (keys: Map<string, string>, r: Row): unknown =>
  keys.get(`${String(r.release_id)}|${String(r.category)}|${String(r.order_index)}`) ?? r.order_index;

export function migrateV0(body: Row, problems: ProblemList): MigratedV0 {
  const b = new Builder();
  const src = (table: string, index: number, fields: Record<string, string> = {}): Source => ({
    table,
    index,
    fields,
  });

  rows(body, 'clusters').forEach((r, i) => {
    if (!isPlainObject(r)) {
      b.add('clusters', r, src('clusters', i));
      return;
    }
    b.add(
      'clusters',
      {
        ...r,
        id: v0Id('cluster', r.id),
        name: r.name,
        kubeconfigPath: r.kubeconfig_path ?? null,
        description: text(r.description),
        isActive: flag(r.is_active, true),
        metadata: metadata(r.metadata),
        createdAt: isoTime(r.created_at),
        updatedAt: isoTime(r.updated_at),
        ...dropSnake(r, ['kubeconfig_path', 'is_active', 'created_at', 'updated_at']),
      },
      src('clusters', i),
    );
  });

  rows(body, 'customers').forEach((r, i) => {
    if (!isPlainObject(r)) {
      b.add('customers', r, src('customers', i));
      return;
    }
    b.add(
      'customers',
      {
        ...r,
        id: v0Id('customer', r.id),
        clusterId: v0Id('cluster', r.cluster_id),
        description: text(r.description),
        isActive: flag(r.is_active, true),
        metadata: metadata(r.metadata),
        createdAt: isoTime(r.created_at),
        updatedAt: isoTime(r.updated_at),
        ...dropSnake(r, ['cluster_id', 'is_active', 'created_at', 'updated_at']),
      },
      src('customers', i),
    );
  });

  const templateRows = rows(body, 'step_templates').filter(isPlainObject);
  const stepRows = rows(body, 'customer_steps');
  const customRows = stepRows.filter(
    (r): r is Row => isPlainObject(r) && (r.is_custom === true || r.is_custom === 1 || r.template_id == null),
  );
  const keys = orderKeys(templateRows, customRows);
  const templateById = new Map<unknown, Row>(templateRows.map((t) => [t.id, t]));
  const stepsOfRelease = new Map<unknown, Row[]>();
  for (const r of stepRows) {
    if (!isPlainObject(r)) continue;
    const list = stepsOfRelease.get(r.release_id) ?? [];
    list.push(r);
    stepsOfRelease.set(r.release_id, list);
  }

  rows(body, 'releases').forEach((r, i) => {
    if (!isPlainObject(r)) {
      b.add('releases', r, src('releases', i));
      return;
    }
    const steps = stepsOfRelease.get(r.id) ?? [];
    const status = r.status ?? 'draft';
    const firstStep = steps
      .map((s) => isoTime(s.created_at))
      .filter(Boolean)
      .sort()[0];
    b.add(
      'releases',
      {
        ...r,
        id: v0Id('release', r.id),
        status,
        versionNumber: r.version_number ?? null,
        releaseDate: dateOnly(r.release_date),
        description: text(r.description),
        metadata: metadata(r.metadata),
        createdAt: isoTime(r.created_at),
        updatedAt: isoTime(r.updated_at),
        activatedAt:
          status !== 'draft' && steps.length > 0 ? (firstStep ?? isoTime(r.updated_at) ?? null) : null,
        archivedFrom: status === 'archived' ? (steps.length > 0 ? 'active' : 'draft') : null,
        ...dropSnake(r, ['version_number', 'release_date', 'created_at', 'updated_at']),
      },
      src('releases', i, { versionNumber: 'version_number', releaseDate: 'release_date' }),
    );
  });

  rows(body, 'step_templates').forEach((r, i) => {
    if (!isPlainObject(r)) {
      b.add('templates', r, src('step_templates', i));
      return;
    }
    b.add(
      'templates',
      {
        ...r,
        id: v0Id('template', r.id),
        releaseId: v0Id('release', r.release_id),
        description: text(r.description),
        order: orderOf(keys, r),
        createdAt: isoTime(r.created_at),
        updatedAt: isoTime(r.updated_at ?? r.created_at),
        deletedAt: null,
        ...dropSnake(r, ['release_id', 'order_index', 'created_at', 'updated_at']),
      },
      src('step_templates', i, { order: 'order_index' }),
    );
  });

  migrateSteps(b, stepRows, keys, templateById, problems);
  const exportedAt = isoTime(body.exported_at ?? body.exportedAt);
  return { body: { ...b.body, ...(exportedAt ? { exportedAt } : {}) }, locate: b.locate };
}

/** The snake_case columns that became camelCase fields are not kept as unknown fields too. */
function dropSnake(r: Row, columns: string[]): Row {
  const out: Row = {};
  for (const c of columns) if (c in r) out[c] = undefined;
  return out;
}

const STEP_FIELDS: Record<string, string> = {
  snapshotName: 'name',
  snapshotCategory: 'category',
  snapshotType: 'type',
  snapshotContent: 'content',
  overrideContent: 'content',
  overrideName: 'name',
  executedContent: 'content',
  statusAt: 'executed_at',
  statusBy: 'executed_by',
  stepId: 'id',
  order: 'order_index',
};

function migrateSteps(
  b: Builder,
  stepRows: unknown[],
  keys: Map<string, string>,
  templateById: Map<unknown, Row>,
  problems: ProblemList,
): void {
  const participants = new Set<string>();
  stepRows.forEach((raw, i) => {
    const at = (field?: string) => subPath('customer_steps', i, ...(field ? [field] : []));
    if (!isPlainObject(raw)) {
      problems.add(at(), 'invalid-value', 'should be an object');
      return;
    }
    const r = raw;
    const releaseId = v0Id('release', r.release_id);
    const customerId = v0Id('customer', r.customer_id);
    const source = src('customer_steps', i);
    if (typeof releaseId !== 'string' || typeof customerId !== 'string') {
      problems.add(
        at(typeof releaseId !== 'string' ? 'release_id' : 'customer_id'),
        'invalid-value',
        'is not an id',
      );
      return;
    }
    const status = r.status ?? 'pending';
    if (!(STEP_STATUSES as readonly unknown[]).includes(status)) {
      problems.add(
        at('status'),
        'invalid-value',
        `must be one of ${STEP_STATUSES.map((s) => `"${s}"`).join(', ')}`,
      );
      return;
    }
    const pKey = `${releaseId} ${customerId}`;
    if (!participants.has(pKey)) {
      participants.add(pKey);
      b.add(
        'participants',
        { releaseId, customerId, addedAt: isoTime(r.created_at), addedBy: '' },
        src('customer_steps', i, { addedAt: 'created_at' }),
      );
    }
    const custom = r.is_custom === true || r.is_custom === 1 || r.template_id == null;
    const template = custom ? undefined : templateById.get(r.template_id);
    const stepId = custom
      ? v0Id('step', r.id)
      : `step:${idPart(customerId)}.${idPart(String(v0Id('template', r.template_id)))}`;
    if (custom) {
      b.add(
        'customSteps',
        {
          id: stepId,
          releaseId,
          customerId,
          name: r.name,
          category: r.category,
          type: r.type,
          content: text(r.content),
          description: '',
          order: orderOf(keys, r),
          createdAt: isoTime(r.created_at),
          createdBy: '',
          updatedAt: isoTime(r.updated_at),
          deletedAt: null,
        },
        { ...source, fields: { order: 'order_index' } },
      );
    } else if (!template) {
      problems.add(
        at('template_id'),
        'unknown-reference',
        `names no row of step_templates (${String(r.template_id)})`,
      );
      return;
    }
    const state = stepState(r, template);
    if (state) b.add('stepStates', { releaseId, stepId, ...state }, { ...source, fields: STEP_FIELDS });
    const event = stepEvent(r, releaseId as ReleaseId, stepId as string, customerId, template);
    if (event)
      b.add('events', event, {
        ...source,
        fields: { at: 'executed_at', by: 'executed_by', kind: 'status', to: 'status' },
      });
  });

  function src(table: string, index: number, fields: Record<string, string> = {}): Source {
    return { table, index, fields };
  }
}

/** What a v0 step holds of its own (null when it is pending and untouched, like a v1 template step). */
function stepState(r: Row, template: Row | undefined): Row | null {
  const status = r.status ?? 'pending';
  const overridden = r.is_overridden === true || r.is_overridden === 1;
  const notes = typeof r.notes === 'string' && r.notes !== '' ? r.notes : undefined;
  if (status === 'pending' && !overridden && notes === undefined) return null;
  const updatedAt = isoTime(r.updated_at);
  const state: Row = { updatedAt };
  if (notes !== undefined) state.notes = notes;
  if (overridden && template) {
    state.overrideContent = text(r.content);
    if (r.name !== template.name) state.overrideName = r.name;
    state.overriddenAt = updatedAt;
  }
  if (status !== 'pending') {
    const when = isoTime(r.executed_at) ?? updatedAt;
    Object.assign(state, {
      status,
      statusAt: when,
      statusBy: orUndef(r.executed_by) ?? '',
      snapshotName: r.name,
      snapshotCategory: r.category,
      snapshotType: r.type,
      snapshotContent: text(r.content),
    });
    if (status === 'skipped') state.skipReason = text(r.skip_reason);
    if (status === 'done' || status === 'reverted') {
      Object.assign(state, {
        executedAt: when,
        executedBy: orUndef(r.executed_by) ?? '',
        executedContent: text(r.content),
      });
    }
  }
  for (const k of Object.keys(state)) if (state[k] === undefined) delete state[k];
  return state;
}

function stepEvent(
  r: Row,
  releaseId: ReleaseId,
  stepId: string,
  customerId: string,
  template: Row | undefined,
): Row | null {
  const status = r.status ?? 'pending';
  if (status === 'pending') return null;
  const by = typeof r.executed_by === 'string' && r.executed_by !== '' ? r.executed_by : 'unknown';
  const detail: Record<string, string> = { migratedFrom: 'v0' };
  if (status === 'skipped' && typeof r.skip_reason === 'string') detail.reason = r.skip_reason;
  if (typeof r.notes === 'string' && r.notes !== '') detail.notes = r.notes;
  return {
    id: `event:v0-step-${idPart(stepId).replace('.', '-')}`,
    releaseId,
    kind: status,
    at: isoTime(r.executed_at) ?? isoTime(r.updated_at),
    by,
    byName: by,
    device: 'v0',
    stepId,
    customerId,
    templateId: template ? `template:${idPart(stepId).split('.')[1]}` : null,
    after: null,
    from: status === 'reverted' ? 'done' : 'pending',
    to: status,
    detail,
  };
}
