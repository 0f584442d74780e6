/**
 * Reads a release workflow's query answer into flat entities. A tolerant reader: the workflows are someone
 * else's code, so a malformed part is reported in `problems` and skipped (with its subtree), never allowed
 * to fail the whole release; the rest is still shown.
 *
 * Expected shape (the release workflows' query answer): `{id: "release:…", state, waves: [{id: "wave:…",
 * state, clusters: [{id: "cluster:…", state, bundles: [{id: "bundle:…", state, apps: [{id: "app:…",
 * state}]}]}]}]}`.
 * Children may also be under `children`. `state` may be a string, a number, or an object with `name` or
 * `value`; `since` / `updatedAt` give when the state was entered.
 */
import { childTypeOf, type TemporalEntity, type TemporalEntityType, temporalIdProblem } from '@runsheet/doc';

const CHILD_KEYS: Record<TemporalEntityType, string | null> = {
  release: 'waves',
  wave: 'clusters',
  cluster: 'bundles',
  bundle: 'apps',
  app: null,
};

/** A release bigger than this is cut off (with a problem saying so): it protects every device's memory. */
export const MAX_ENTITIES_PER_RELEASE = 20_000;
const MAX_PROBLEMS = 50;
const MAX_STATE_LENGTH = 200;

export interface ParsedHierarchy {
  releaseId: string | null;
  releaseState: string | null;
  entities: TemporalEntity[];
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stateOf(node: Record<string, unknown>): string | null {
  const raw = node.state ?? node.status;
  let text: string | null = null;
  if (typeof raw === 'string') text = raw;
  else if (typeof raw === 'number' || typeof raw === 'boolean') text = String(raw);
  else if (isRecord(raw)) {
    const inner = raw.name ?? raw.value;
    text = typeof inner === 'string' || typeof inner === 'number' ? String(inner) : JSON.stringify(raw);
  }
  if (text === null) return null;
  return text.length > MAX_STATE_LENGTH ? `${text.slice(0, MAX_STATE_LENGTH)}…` : text;
}

function sinceOf(node: Record<string, unknown>): string | null {
  const raw = node.since ?? node.updatedAt ?? node.stateChangedAt;
  if (typeof raw !== 'string' || raw.length > 64 || Number.isNaN(Date.parse(raw))) return null;
  return raw;
}

export function parseHierarchy(answer: unknown): ParsedHierarchy {
  const out: ParsedHierarchy = { releaseId: null, releaseState: null, entities: [], problems: [] };
  const problem = (text: string) => {
    if (out.problems.length < MAX_PROBLEMS) out.problems.push(text);
  };
  const seen = new Set<string>();

  const visit = (
    node: unknown,
    type: TemporalEntityType,
    parentId: string | null,
    index: number,
    where: string,
  ) => {
    if (out.entities.length >= MAX_ENTITIES_PER_RELEASE) return;
    if (!isRecord(node)) {
      problem(`${where}: expected an object with id and state`);
      return;
    }
    const id = node.id;
    if (typeof id !== 'string') {
      problem(`${where}: the ${type} has no id`);
      return;
    }
    const idError = temporalIdProblem(id, type);
    if (idError !== null) {
      problem(`${where}: ${idError}`);
      return;
    }
    if (seen.has(id)) {
      problem(`${where}: ${id} appears twice; the second is skipped`);
      return;
    }
    seen.add(id);
    const state = stateOf(node);
    if (state === null) problem(`${id}: no state; shown as "unknown"`);
    out.entities.push({ id, type, state: state ?? 'unknown', parentId, index, since: sinceOf(node) });
    const childType = childTypeOf(type);
    const key = CHILD_KEYS[type];
    if (childType === null || key === null) return;
    const children = node[key] ?? node.children;
    if (children === undefined || children === null) return;
    if (!Array.isArray(children)) {
      problem(`${id}: "${key}" is not a list`);
      return;
    }
    children.forEach((child, i) => {
      visit(child, childType, id, i, `${id} > ${key}[${i}]`);
    });
  };

  visit(answer, 'release', null, 0, 'release');
  if (out.entities.length >= MAX_ENTITIES_PER_RELEASE)
    problem(`more than ${MAX_ENTITIES_PER_RELEASE} entities: the rest is not shown`);
  const root = out.entities[0];
  if (root !== undefined) {
    out.releaseId = root.id;
    out.releaseState = root.state;
  }
  return out;
}
