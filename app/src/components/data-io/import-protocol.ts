/**
 * The messages between the page and the import worker (import.worker.ts). The worker keeps the file it
 * read until the page lets it go; the page sends its documents each time the worker must plan against
 * them (for the preview, and again on confirm, when they may have changed).
 */
import type { Problem } from '@runsheet/domain';
import type { DocPieces, DocSnapshot, ImportProgress, PlanSummary } from './import-pipeline.ts';

export type ToWorker =
  | { type: 'read'; blob: Blob; now: string }
  | { type: 'plan'; docs: DocSnapshot[] }
  | { type: 'build'; docs: DocSnapshot[] };

/** What the page learns of a file that could be read. */
export interface FileFacts {
  version: number;
  exportedAt: string | null;
  warnings: Problem[];
  releaseIds: string[];
}

export type FromWorker =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'read'; ok: true; facts: FileFacts }
  | { type: 'read'; ok: false; problems: Problem[]; totalProblems: number }
  | { type: 'planned'; plan: PlanSummary }
  | { type: 'built'; ok: true; plan: PlanSummary; docs: DocPieces[] }
  | { type: 'built'; ok: false; plan: PlanSummary; message: string }
  | { type: 'failed'; message: string };
