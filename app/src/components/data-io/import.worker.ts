/**
 * The import worker: reads, checks and plans a workspace file and builds the Yjs updates that carry it
 * out (import-pipeline.ts), off the page's thread. It holds the file from "read" until it is terminated.
 */
import type { ImportFile } from '@runsheet/domain';
import { planAndBuild, planOnly, readImportFile } from './import-pipeline.ts';
import type { FromWorker, ToWorker } from './import-protocol.ts';

/** The worker's global scope, as far as this file uses it (the app's types are the DOM's, not a worker's). */
declare const self: {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

let file: ImportFile | null = null;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'read': {
      post({ type: 'progress', progress: { phase: 'reading' } });
      file = null;
      const read = readImportFile(await message.blob.text(), message.now);
      if (!read.ok) {
        post({ type: 'read', ok: false, problems: read.problems, totalProblems: read.totalProblems });
        return;
      }
      file = read.file;
      const facts = {
        version: read.file.version,
        exportedAt: read.file.exportedAt,
        warnings: read.warnings,
        releaseIds: read.releaseIds,
      };
      post({ type: 'read', ok: true, facts });
      return;
    }
    case 'plan': {
      if (!file) throw new Error('No file has been read.');
      post({ type: 'progress', progress: { phase: 'planning' } });
      post({ type: 'planned', plan: planOnly(file, message.docs) });
      return;
    }
    case 'build': {
      if (!file) throw new Error('No file has been read.');
      const built = planAndBuild(file, message.docs, {
        onProgress: (progress) => post({ type: 'progress', progress }),
      });
      // The file is not needed again: its memory goes before the page starts applying.
      file = null;
      if (!built.ok) {
        post({ type: 'built', ok: false, plan: built.plan, message: built.message });
        return;
      }
      const transfer = [...new Set(built.docs.flatMap((d) => d.pieces.map((p) => p.buffer as ArrayBuffer)))];
      post({ type: 'built', ok: true, plan: built.plan, docs: built.docs }, transfer);
      return;
    }
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  handle(event.data).catch((error: unknown) => {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  });
};
