/**
 * The heavy half of a workspace import, with no DOM and no IndexedDB, so it runs in a Web Worker
 * (import.worker.ts) and in unit tests alike: read and check the file, plan it against the documents the
 * page holds, and build the Yjs updates that carry it out. The page then only applies those updates
 * (apply-import.ts), so the file, its parsed records and the change never sit on the page's heap.
 *
 * Why the change is applied in slices: one Yjs transaction of 100,000 ops grows superlinearly (a
 * 20,000-done release took 9 s and 1.5 GB in Node as one transaction, 0.4 s as slices of 500 ops). The
 * slices only exist here: the page receives each document's updates and applies them all in one go, so
 * what it stores is still the whole import or nothing (IO-05).
 */
import { applyChange, CATALOG, type DocName, readCatalog, readRelease } from '@runsheet/doc';
import {
  type Change,
  type DomainState,
  type ImportFile,
  type ImportPlan,
  type Op,
  type Problem,
  planImport,
  type ReleaseId,
  readWorkspaceFile,
} from '@runsheet/domain';
import * as Y from 'yjs';
import { releasesOf } from '@/data/workspace-backup';
import { count } from '@/lib/count';

/** A document as the page holds it: its name and `Y.encodeStateAsUpdate` of it. */
export interface DocSnapshot {
  name: DocName;
  update: Uint8Array;
}

/** What the import adds to one document, in order; each piece is one Yjs update. */
export interface DocPieces {
  name: DocName;
  pieces: Uint8Array[];
}

export type ImportPhase = 'reading' | 'planning' | 'building' | 'applying' | 'saving';

export interface ImportProgress {
  phase: ImportPhase;
  /** Work done and in all, when the phase can count it (building counts ops). */
  done?: number;
  total?: number;
}

export type Progress = (progress: ImportProgress) => void;

/** The plan as the preview needs it: every count, but at most `limit` items of each list. */
export interface PlanSummary extends ImportPlan {
  totals: { added: number; changed: number; keptNewer: number };
}

export type ReadOutcome =
  | {
      ok: true;
      file: ImportFile;
      warnings: Problem[];
      releaseIds: ReleaseId[];
    }
  | { ok: false; problems: Problem[]; totalProblems: number };

export interface BuildOptions {
  /** Ops per Yjs transaction (see the comment at the top). */
  opsPerTransaction?: number;
  /**
   * Updates are merged up to about this size: the page applies one piece per task. Pieces of 1 MB held
   * the page 0.7 to 1.5 s each on a loaded 2-core machine, pieces of 256 KB 0.2 to 0.8 s, for a restore
   * about a tenth longer (docs/BENCHMARKS.md "Restoring a large backup"); each is one message to the
   * relay, far under its frame limit.
   */
  pieceBytes?: number;
  onProgress?: Progress;
}

export const OPS_PER_TRANSACTION = 500;
export const PIECE_BYTES = 256 * 1024;
/** How many items of each list the preview shows (import-labels.ts LIST_LIMIT is smaller). */
export const SUMMARY_LIMIT = 200;

export function readImportFile(text: string, now: string): ReadOutcome {
  const read = readWorkspaceFile(text, { now });
  if (!read.ok) return read;
  return { ok: true, file: read.file, warnings: read.warnings, releaseIds: releasesOf(read.file) };
}

/** Documents from the page's snapshots, and the plain state the domain plans against. */
export function loadDocs(snapshots: readonly DocSnapshot[]): {
  docs: Map<DocName, Y.Doc>;
  state: DomainState;
} {
  const docs = new Map<DocName, Y.Doc>();
  const catalog = new Y.Doc();
  docs.set(CATALOG, catalog);
  for (const { name, update } of snapshots) {
    const doc = docs.get(name) ?? new Y.Doc();
    docs.set(name, doc);
    if (update.length > 0) Y.applyUpdate(doc, update);
  }
  const state: DomainState = { catalog: readCatalog(catalog), releases: {} };
  for (const [name, doc] of docs) {
    if (name !== CATALOG) state.releases[name] = readRelease(doc, name);
  }
  return { docs, state };
}

export function summarizePlan(plan: ImportPlan, limit = SUMMARY_LIMIT): PlanSummary {
  return {
    ...plan,
    added: plan.added.slice(0, limit),
    changed: plan.changed.slice(0, limit),
    keptNewer: plan.keptNewer.slice(0, limit),
    totals: { added: plan.added.length, changed: plan.changed.length, keptNewer: plan.keptNewer.length },
  };
}

/**
 * Applies `change` to `docs` in slices and returns what each document gained, as updates of at most
 * about `pieceBytes` (a single transaction's update may be larger). Ops keep their order within each
 * document, as one transaction would apply them.
 */
export function buildUpdates(
  docs: Map<DocName, Y.Doc>,
  change: Change,
  options: BuildOptions = {},
): DocPieces[] {
  const perTransaction = options.opsPerTransaction ?? OPS_PER_TRANSACTION;
  const pieceBytes = options.pieceBytes ?? PIECE_BYTES;
  const total = change.ops.length;
  const collected = new Map<DocName, PieceCollector>();
  const collectorOf = (name: DocName) => {
    let collector = collected.get(name);
    if (!collector) {
      collector = new PieceCollector(pieceBytes);
      collected.set(name, collector);
    }
    return collector;
  };
  const watched = new Set<Y.Doc>();
  const resolve = (name: DocName): Y.Doc => {
    let doc = docs.get(name);
    if (!doc) {
      doc = new Y.Doc();
      docs.set(name, doc);
    }
    if (!watched.has(doc)) {
      watched.add(doc);
      doc.on('update', (update: Uint8Array) => collectorOf(name).add(update));
    }
    return doc;
  };
  options.onProgress?.({ phase: 'building', done: 0, total });
  for (let start = 0; start < total; start += perTransaction) {
    const ops: Op[] = change.ops.slice(start, start + perTransaction);
    applyChange(resolve, { ops }, null);
    options.onProgress?.({ phase: 'building', done: Math.min(total, start + ops.length), total });
  }
  return [...collected].map(([name, collector]) => ({ name, pieces: collector.finish() }));
}

/** Merges consecutive updates of one document until they pass the size of a piece. */
class PieceCollector {
  private readonly pieces: Uint8Array[] = [];
  private open: Uint8Array[] = [];
  private openBytes = 0;

  constructor(private readonly pieceBytes: number) {}

  add(update: Uint8Array): void {
    if (this.openBytes > 0 && this.openBytes + update.length > this.pieceBytes) this.close();
    this.open.push(update);
    this.openBytes += update.length;
  }

  finish(): Uint8Array[] {
    this.close();
    return this.pieces;
  }

  private close(): void {
    if (this.open.length === 0) return;
    this.pieces.push(this.open.length === 1 ? (this.open[0] as Uint8Array) : Y.mergeUpdates(this.open));
    this.open = [];
    this.openBytes = 0;
  }
}

export type BuildOutcome =
  | { ok: true; plan: PlanSummary; docs: DocPieces[] }
  | { ok: false; plan: PlanSummary; message: string };

/**
 * Plans the file against the page's documents as they are now and builds the updates that carry it
 * out: the import command's work (IO-05), minus applying it. A file with problems builds nothing.
 */
export function planAndBuild(
  file: ImportFile,
  snapshots: readonly DocSnapshot[],
  options: BuildOptions = {},
): BuildOutcome {
  options.onProgress?.({ phase: 'planning' });
  const { docs, state } = loadDocs(snapshots);
  const { plan, change } = planImport(state, file);
  const summary = summarizePlan(plan);
  if (plan.totalProblems > 0) {
    return {
      ok: false,
      plan: summary,
      message: `${count(plan.totalProblems, 'problem')} in the file; nothing was imported.`,
    };
  }
  const built = buildUpdates(docs, change, options);
  for (const doc of docs.values()) doc.destroy();
  return { ok: true, plan: summary, docs: built };
}

/** The preview: the plan against the page's documents, nothing built. */
export function planOnly(file: ImportFile, snapshots: readonly DocSnapshot[]): PlanSummary {
  const { docs, state } = loadDocs(snapshots);
  const { plan } = planImport(state, file);
  for (const doc of docs.values()) doc.destroy();
  return summarizePlan(plan);
}
