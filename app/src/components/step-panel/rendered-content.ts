/**
 * The content a person sees, copies and downloads for one customer step: variables filled in for that
 * customer (VR-01..VR-06 in docs/SPEC.md), with where it is meant to run and the file name.
 *
 * A done step shows what was executed (BR-R03): its `executedContent` was filled in at that moment, so
 * it is never filled in again with today's values. Variables it left unfilled are still pointed out.
 */
import {
  type CatalogState,
  type CustomerStep,
  renderContent,
  type StepType,
  variableContextFor,
} from '@runsheet/domain';
import type { RenderedContent } from '@/actions/step-actions';
import type { Mark } from './code-segments';

const EXTENSIONS: Record<StepType, string> = { bash: 'sh', sql: 'sql', text: 'txt' };

/** Lower-case letters, digits and dashes; never empty. */
export function slug(text: string, fallback = 'step'): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || fallback;
}

/** `<customer>_<step>.<sh|sql|txt>`, named after the customer and the step. */
export function stepFileName(customerName: string, stepName: string, type: StepType): string {
  return `${slug(customerName, 'customer')}_${slug(stepName)}.${EXTENSIONS[type]}`;
}

/** "cluster / namespace": what stands beside every Copy and Download. */
export function targetOf(catalog: CatalogState, step: Pick<CustomerStep, 'customerId'>): string {
  const customer = catalog.customers[step.customerId];
  const cluster = customer ? catalog.clusters[customer.clusterId] : undefined;
  return `${cluster?.name ?? 'unknown cluster'} / ${customer?.namespace ?? 'unknown namespace'}`;
}

export interface ShownContent extends RenderedContent {
  marks: Mark[];
  /** True when this is the content as executed (a done step). */
  executed: boolean;
}

export function shownContent(catalog: CatalogState, step: CustomerStep): ShownContent {
  const customer = catalog.customers[step.customerId];
  const fileName = stepFileName(customer?.name ?? step.customerId, step.name, step.type);
  const target = targetOf(catalog, step);
  if (step.status === 'done' && step.executedContent !== null) {
    // Only find what stayed unfilled: an empty context fills nothing, so the offsets stay put.
    const leftOver = renderContent(step.executedContent, {});
    return {
      text: step.executedContent,
      unknown: leftOver.unknown,
      marks: leftOver.unknown.map((u) => ({ ...u, kind: 'unknown', note: `${u.name} was not filled in` })),
      target,
      fileName,
      executed: true,
    };
  }
  const rendered = renderContent(step.content, variableContextFor(catalog, step.releaseId, step.customerId));
  const marks: Mark[] = [
    ...rendered.filled.map((f) => ({ ...f, kind: 'filled' as const, note: `${f.name} = ${f.value}` })),
    ...rendered.unknown.map((u) => ({
      ...u,
      kind: 'unknown' as const,
      note: u.reason === 'unknown' ? `${u.name} is not a known variable` : `${u.name} has no value here`,
    })),
  ];
  return { text: rendered.text, unknown: rendered.unknown, marks, target, fileName, executed: false };
}

/** Saves text as a file through the browser's download (nothing leaves the device). */
export function saveTextFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
