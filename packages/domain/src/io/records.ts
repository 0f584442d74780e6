/**
 * The tolerant reader of one version-1 record per collection (after Excalidraw's restore): fill the
 * defaults of missing optional fields, keep fields it does not know, and list what cannot be read with
 * the path of the bad field. Known fields are checked with the entity rules (VA-*), so an import can
 * never store what a command would refuse to write.
 */
import { z } from 'zod';
import { metadataSchema, timestampSchema } from '../entities/common.ts';
import { RELEASE_EVENT_KINDS, ROLLOUT_EVENT_KINDS, STEP_EVENT_KINDS } from '../entities/step-event.ts';
import { stepStateSchema } from '../entities/step-state.ts';
import { STEP_CONTENT_MAX } from '../entities/step-template.ts';
import { SOAK_MAX_MINUTES } from '../entities/wave.ts';
import {
  releaseStatusSchema,
  releaseTypeSchema,
  stepCategorySchema,
  stepStatusSchema,
  stepTypeSchema,
} from '../enums.ts';
import { idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { checkDate, checkKubeconfigPath, checkNamespace } from '../validation.ts';
import { type CollectionName, emptyWorkspaceData, type WorkspaceData } from './format.ts';
import { checkJsonValue, describeType, isPlainObject } from './json-safety.ts';
import { type IoProblemCode, type ProblemList, subPath } from './problems.ts';

const ts = timestampSchema;
const text = (max: number) => z.string().max(max);
const emptyMetadata = () => ({});

const schemas = {
  clusters: z
    .object({
      id: idSchema('cluster'),
      name: text(FIELD_LIMITS.clusterName),
      kubeconfigPath: text(FIELD_LIMITS.kubeconfigPath).nullable().default(null),
      description: text(FIELD_LIMITS.description).default(''),
      isActive: z.boolean().default(true),
      metadata: metadataSchema.default(emptyMetadata),
      createdAt: ts.optional(),
      updatedAt: ts.optional(),
    })
    .loose(),
  customers: z
    .object({
      id: idSchema('customer'),
      clusterId: idSchema('cluster'),
      namespace: z.string(),
      name: text(FIELD_LIMITS.name),
      description: text(FIELD_LIMITS.description).default(''),
      isActive: z.boolean().default(true),
      metadata: metadataSchema.default(emptyMetadata),
      createdAt: ts.optional(),
      updatedAt: ts.optional(),
    })
    .loose(),
  releases: z
    .object({
      id: idSchema('release'),
      name: text(FIELD_LIMITS.name),
      type: releaseTypeSchema,
      status: releaseStatusSchema.default('draft'),
      versionNumber: text(FIELD_LIMITS.clusterName).nullable().default(null),
      releaseDate: z.string().nullable().default(null),
      description: text(FIELD_LIMITS.releaseDescription).default(''),
      metadata: metadataSchema.default(emptyMetadata),
      createdAt: ts.optional(),
      updatedAt: ts.optional(),
      activatedAt: ts.nullable().default(null),
      archivedFrom: z.enum(['draft', 'active']).nullable().default(null),
      clonedFrom: idSchema('release').nullable().default(null),
    })
    .loose(),
  revisions: z
    .object({
      id: idSchema('rev'),
      releaseId: idSchema('release'),
      name: text(FIELD_LIMITS.name),
      category: stepCategorySchema,
      type: stepTypeSchema,
      content: text(STEP_CONTENT_MAX).default(''),
      ownName: z.literal(true).optional(),
    })
    .loose(),
  templates: z
    .object({
      id: idSchema('template'),
      releaseId: idSchema('release'),
      name: text(FIELD_LIMITS.name),
      category: stepCategorySchema,
      type: stepTypeSchema,
      content: text(STEP_CONTENT_MAX).default(''),
      description: text(FIELD_LIMITS.description).default(''),
      order: z.string().min(1).max(1_000),
      createdAt: ts.optional(),
      updatedAt: ts.optional(),
      deletedAt: ts.nullable().default(null),
      contentRev: idSchema('rev').optional(),
    })
    .loose(),
  participants: z
    .object({
      releaseId: idSchema('release'),
      customerId: idSchema('customer'),
      addedAt: ts.optional(),
      addedBy: text(500).default(''),
    })
    .loose(),
  customSteps: z
    .object({
      id: idSchema('step'),
      releaseId: idSchema('release'),
      customerId: idSchema('customer'),
      name: text(FIELD_LIMITS.name),
      category: stepCategorySchema,
      type: stepTypeSchema,
      content: text(STEP_CONTENT_MAX).default(''),
      description: text(FIELD_LIMITS.description).default(''),
      order: z.string().min(1).max(1_000),
      createdAt: ts.optional(),
      createdBy: text(500).default(''),
      updatedAt: ts.optional(),
      deletedAt: ts.nullable().default(null),
      contentRev: idSchema('rev').optional(),
    })
    .loose(),
  stepStates: stepStateSchema
    .extend({
      releaseId: idSchema('release'),
      stepId: idSchema('step'),
      overrideContent: text(STEP_CONTENT_MAX).optional(),
      overrideName: text(FIELD_LIMITS.name).optional(),
      snapshotName: text(FIELD_LIMITS.name).optional(),
      snapshotContent: text(STEP_CONTENT_MAX).optional(),
      executedContent: text(STEP_CONTENT_MAX * 2).optional(),
      statusBy: text(500).optional(),
      executedBy: text(500).optional(),
    })
    .loose(),
  events: z
    .object({
      id: idSchema('event'),
      releaseId: idSchema('release'),
      // Rollout events (halts, sign-offs, openings) too: without them a backup of a release with waves
      // was refused as a whole (IO-20).
      kind: z.enum([...STEP_EVENT_KINDS, ...RELEASE_EVENT_KINDS, ...ROLLOUT_EVENT_KINDS]),
      at: ts,
      by: text(500),
      byName: text(500).optional(),
      device: text(500).default(''),
      stepId: idSchema('step').nullable().default(null),
      customerId: idSchema('customer').nullable().default(null),
      templateId: idSchema('template').nullable().default(null),
      after: idSchema('event').nullable().default(null),
      from: stepStatusSchema.nullable().default(null),
      to: stepStatusSchema.nullable().default(null),
      detail: z.record(z.string(), text(STEP_CONTENT_MAX * 2)).default(emptyMetadata),
    })
    .loose(),
  waves: z
    .object({
      id: idSchema('wave'),
      releaseId: idSchema('release'),
      name: text(100),
      order: z.string().min(1).max(1_000),
      gatePreviousComplete: z.boolean().default(true),
      gateVerifyComplete: z.boolean().default(false),
      gateSoakMinutes: z.number().int().min(0).max(SOAK_MAX_MINUTES).default(0),
      gateSignOff: z.boolean().default(false),
      createdAt: ts.optional(),
      updatedAt: ts.optional(),
      deletedAt: ts.nullable().default(null),
    })
    .loose(),
  waveMembers: z
    .object({
      releaseId: idSchema('release'),
      customerId: idSchema('customer'),
      waveId: idSchema('wave'),
    })
    .loose(),
} satisfies Record<CollectionName, z.ZodObject>;

/** The fields each collection knows; everything else in a record is kept as it is. */
export const KNOWN_FIELDS: Record<CollectionName, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(schemas).map(([k, s]) => [k, new Set(Object.keys(s.shape))]),
) as unknown as Record<CollectionName, ReadonlySet<string>>;

/** Step state lives in one flat map keyed `${stepId}|${field}`: a field name may not hold `|`. */
const FLAT_FIELD = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A zod issue said the way the import screen shows it. */
function describeIssue(issue: Issue, raw: unknown): { code: IoProblemCode; message: string } {
  switch (issue.code) {
    case 'invalid_type': {
      const got = valueAt(raw, issue.path);
      if (got === undefined) return { code: 'invalid-value', message: 'is missing (required)' };
      return { code: 'invalid-value', message: `should be ${issue.expected}, not ${describeType(got)}` };
    }
    case 'too_big':
      return issue.origin === 'string'
        ? { code: 'invalid-value', message: `is too long (at most ${issue.maximum} characters)` }
        : { code: 'invalid-value', message: `is too big (at most ${issue.maximum})` };
    case 'too_small':
      return { code: 'invalid-value', message: 'must not be empty' };
    case 'invalid_value':
      return {
        code: 'invalid-value',
        message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'invalid_key':
      return {
        code: 'metadata-key-invalid',
        message: 'is not a valid key (a letter, then letters, digits, _ or -)',
      };
    case 'custom':
      return { code: 'invalid-value', message: `is ${issue.message}` };
    default:
      return { code: 'invalid-value', message: issue.message };
  }
}

function businessChecks(
  collection: CollectionName,
  rec: Record<string, unknown>,
  locate: (field: ReadonlyArray<string | number>) => string,
  problems: ProblemList,
): void {
  const at = (field: string) => locate([field]);
  if ('name' in rec && typeof rec.name === 'string' && rec.name.trim() === '') {
    problems.add(at('name'), 'name-required', 'is empty (a name is required)');
  }
  if (collection === 'customers') {
    const ns = rec.namespace as string;
    if (!checkNamespace(ns).ok || ns !== ns.trim()) {
      problems.add(
        at('namespace'),
        'namespace-invalid',
        `"${ns.slice(0, 80)}" is not a Kubernetes namespace (lowercase letters, digits, "-", at most 63)`,
      );
    }
  }
  if (collection === 'clusters' && !checkKubeconfigPath(rec.kubeconfigPath as string | null).ok) {
    problems.add(at('kubeconfigPath'), 'kubeconfig-path-invalid', 'is not one line of printable text');
  }
  if (collection === 'releases' && rec.releaseDate !== null && !checkDate(rec.releaseDate as string).ok) {
    problems.add(at('releaseDate'), 'date-invalid', 'is not a calendar date (YYYY-MM-DD)');
  }
  if (collection === 'stepStates') {
    for (const key of Object.keys(rec)) {
      if (!KNOWN_FIELDS.stepStates.has(key) && !FLAT_FIELD.test(key)) {
        problems.add(at(key), 'unsafe-key', 'is not a usable field name for a step');
      }
    }
  }
}

/** Timestamps a record lacks default to the export time (the best the file knows). */
function fillDefaults(collection: CollectionName, rec: Record<string, unknown>, fallback: string): void {
  const known = KNOWN_FIELDS[collection];
  if (known.has('createdAt')) {
    rec.createdAt ??= fallback;
    rec.updatedAt ??= rec.createdAt;
  }
  if (known.has('addedAt')) rec.addedAt ??= fallback;
  if (known.has('byName')) rec.byName ??= rec.by;
}

/**
 * Where a field of a record is in the file the user gave. For version 1 that is `customers[3].name`;
 * a migrated file answers with its own names (`customer_steps[7].skip_reason`).
 */
export type Locate = (
  collection: CollectionName,
  index: number,
  field: ReadonlyArray<string | number>,
) => string;

export const locateV1: Locate = (collection, index, field) => subPath(collection, index, ...field);

function readRecord(
  collection: CollectionName,
  raw: unknown,
  at: (field: ReadonlyArray<string | number>) => string,
  fallbackTime: string,
  problems: ProblemList,
): Record<string, unknown> | null {
  const path = at([]);
  if (!isPlainObject(raw)) {
    problems.add(path, 'invalid-value', `should be an object, not ${describeType(raw)}`);
    return null;
  }
  if (!checkJsonValue(raw, path, problems)) return null;
  const parsed = schemas[collection].safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { code, message } = describeIssue(issue, raw);
      problems.add(at(issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))), code, message);
    }
    return null;
  }
  const rec = parsed.data as Record<string, unknown>;
  fillDefaults(collection, rec, fallbackTime);
  // Undefined is "not given" (a migration's dropped column); a document cannot hold it anyway.
  for (const key of Object.keys(rec)) if (rec[key] === undefined) delete rec[key];
  const before = problems.total;
  businessChecks(collection, rec, at, problems);
  return problems.total === before ? rec : null;
}

/** Which records must be unique, and by what. */
const KEY_OF: Record<CollectionName, (r: Record<string, unknown>) => string> = {
  clusters: (r) => r.id as string,
  customers: (r) => r.id as string,
  releases: (r) => r.id as string,
  revisions: (r) => r.id as string,
  templates: (r) => r.id as string,
  participants: (r) => `${r.releaseId} ${r.customerId}`,
  customSteps: (r) => r.id as string,
  stepStates: (r) => `${r.releaseId} ${r.stepId}`,
  events: (r) => r.id as string,
  waves: (r) => r.id as string,
  waveMembers: (r) => `${r.releaseId} ${r.customerId}`,
};

export interface ReadCollections {
  data: WorkspaceData;
  /** Where a record (and one of its fields) came from in the user's file, for later problems. */
  where(record: object, field?: string): string;
}

/**
 * Reads every collection of a version-1 body. A missing collection is an empty one; a collection that
 * is not a list, a record that cannot be read, or two records with one id are problems.
 */
export function readCollections(
  body: Record<string, unknown>,
  fallbackTime: string,
  problems: ProblemList,
  locate: Locate = locateV1,
): ReadCollections {
  const data = emptyWorkspaceData();
  const origin = new WeakMap<object, { collection: CollectionName; index: number }>();
  for (const collection of Object.keys(schemas) as CollectionName[]) {
    const raw = body[collection];
    if (raw === undefined) continue;
    if (!Array.isArray(raw)) {
      problems.add(collection, 'not-a-list', `should be a list, not ${describeType(raw)}`);
      continue;
    }
    const seen = new Map<string, number>();
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < raw.length; i++) {
      const at = (field: ReadonlyArray<string | number>) => locate(collection, i, field);
      const rec = readRecord(collection, raw[i], at, fallbackTime, problems);
      if (!rec) continue;
      const key = KEY_OF[collection](rec);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.add(at([]), 'duplicate-id', `repeats ${locate(collection, first, [])} (same id)`);
        continue;
      }
      seen.set(key, i);
      origin.set(rec, { collection, index: i });
      out.push(rec);
    }
    (data as unknown as Record<CollectionName, unknown[]>)[collection] = out;
  }
  return {
    data,
    where(record, field) {
      const o = origin.get(record);
      if (!o) return field ?? '';
      return locate(o.collection, o.index, field === undefined ? [] : [field]);
    },
  };
}
