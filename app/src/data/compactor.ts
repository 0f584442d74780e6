/**
 * Keeps each document's stored updates few, away from the write path. A document is compacted once it
 * has `after` rows this tab knows of, or after it was loaded from several rows; the work waits
 * `delayMs` so that it does not land in the middle of a burst of edits, and `runDue()` does it at once.
 *
 * The snapshot of an open document is `Y.encodeStateAsUpdate` of the document in memory (it includes
 * what Yjs still holds pending), which costs one encode instead of decoding every stored row. Only
 * rows this tab knows the document contains are replaced: rows another tab added meanwhile stay
 * until a later compaction.
 */
import type { DocName } from '@runsheet/doc';
import * as Y from 'yjs';
import type { RunsheetDB } from './db.ts';
import { compact } from './doc-storage.ts';
import type { SetTimer } from './write-queue.ts';

export interface CompactorOptions {
  /** Compact a document once this many of its rows are known. */
  after: number;
  delayMs: number;
  setTimer: SetTimer;
  onError: (error: unknown) => void;
}

export class Compactor {
  private readonly known = new Map<DocName, Set<number>>();
  private readonly due = new Set<DocName>();
  private readonly running = new Set<Promise<void>>();
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly db: RunsheetDB,
    /** The open document of that name; undefined when it is not open (then rows are merged). */
    private readonly docOf: (name: DocName) => Y.Doc | undefined,
    private readonly options: CompactorOptions,
  ) {}

  /** Rows of `docName` whose updates the open document contains. */
  remember(docName: DocName, seqs: readonly number[]): void {
    const set = this.known.get(docName) ?? new Set<number>();
    for (const seq of seqs) set.add(seq);
    this.known.set(docName, set);
    if (set.size >= this.options.after) this.request(docName);
  }

  /** The document is closing: what this tab knew of its rows no longer matters. */
  forget(docName: DocName): void {
    this.known.delete(docName);
    this.due.delete(docName);
  }

  /** Compact `docName` soon. */
  request(docName: DocName): void {
    this.due.add(docName);
    if (this.cancelTimer !== null) return;
    this.cancelTimer = this.options.setTimer(() => {
      this.cancelTimer = null;
      this.runDue().catch(this.options.onError);
    }, this.options.delayMs);
  }

  /** Compacts every document that is due now, and waits for compactions already running. */
  async runDue(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    for (const docName of [...this.due]) {
      this.due.delete(docName);
      const running = this.compactOne(docName).finally(() => this.running.delete(running));
      this.running.add(running);
    }
    await Promise.all(this.running);
  }

  private async compactOne(docName: DocName): Promise<void> {
    const doc = this.docOf(docName);
    if (!doc) {
      await compact(this.db, docName);
      return;
    }
    const seqs = [...(this.known.get(docName) ?? [])];
    if (seqs.length < 2) return;
    this.known.set(docName, new Set());
    const snapshot = Y.encodeStateAsUpdate(doc);
    const seq = await this.db.transaction('rw', this.db.docUpdates, async () => {
      await this.db.docUpdates.bulkDelete(seqs);
      return this.db.docUpdates.add({ docName, update: snapshot });
    });
    this.remember(docName, [seq]);
  }
}
