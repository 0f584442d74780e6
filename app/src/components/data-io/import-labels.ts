/** Words for the import preview: collection names and values as a person reads them. */
import type { CollectionName } from '@runsheet/domain';

export const COLLECTION_LABEL: Record<CollectionName, string> = {
  clusters: 'Clusters',
  customers: 'Customers',
  releases: 'Releases',
  revisions: 'Step content versions',
  templates: 'Template steps',
  participants: 'Customers in releases',
  customSteps: 'Custom steps',
  stepStates: 'Step records',
  events: 'History events',
  waves: 'Rollout waves',
  waveMembers: "Customers' waves",
};

/** A field value in one short line: text quoted, long text cut, absent said so. */
export function showValue(value: unknown, max = 80): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** At most this many entries of a list are shown; the rest are counted. */
export const LIST_LIMIT = 50;
