/**
 * Version 0 -> version 1. Version 0 is the data as the first server-side design stored it (IO-02): one
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
import { isPlainObject } from './json-safety.ts';
import { Builder, orderKeys, orderOf, source as src } from './migrate-v0-builder.ts';
import { migrateSteps } from './migrate-v0-steps.ts';
import { dateOnly, flag, isoTime, metadata, type Row, rows, text, v0Id } from './migrate-v0-values.ts';
import type { ProblemList } from './problems.ts';
import type { Locate } from './records.ts';

export interface MigratedV0 {
  body: Record<string, unknown>;
  locate: Locate;
}

export function migrateV0(body: Row, problems: ProblemList): MigratedV0 {
  const b = new Builder();

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
