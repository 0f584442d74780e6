/**
 * Collects the version-1 records a version-0 file becomes, with the row each came from, and answers
 * where a field of a migrated record is in the original file (`customer_steps[7].skip_reason`).
 */
import { firstKeys } from '../ordering.ts';
import type { CollectionName } from './format.ts';
import type { Row } from './migrate-v0-values.ts';
import { subPath } from './problems.ts';
import type { Locate } from './records.ts';

export type Source = { table: string; index: number; fields: Record<string, string> };

export function source(table: string, index: number, fields: Record<string, string> = {}): Source {
  return { table, index, fields };
}

const CAMEL_TO_SNAKE = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export class Builder {
  readonly body: Record<CollectionName, unknown[]> = {
    clusters: [],
    customers: [],
    releases: [],
    revisions: [],
    templates: [],
    participants: [],
    customSteps: [],
    stepStates: [],
    events: [],
    waves: [],
    waveMembers: [],
  };
  readonly sources: Record<CollectionName, Source[]> = {
    clusters: [],
    customers: [],
    releases: [],
    revisions: [],
    templates: [],
    participants: [],
    customSteps: [],
    stepStates: [],
    events: [],
    waves: [],
    waveMembers: [],
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
export function orderKeys(templates: Row[], customs: Row[]): Map<string, string> {
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

export const orderOf = (keys: Map<string, string>, r: Row): unknown =>
  keys.get(`${String(r.release_id)}|${String(r.category)}|${String(r.order_index)}`) ?? r.order_index;
