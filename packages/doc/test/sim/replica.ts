/**
 * One device of the simulation: its own Y.Docs (every doc of a replica uses the replica's client id,
 * so Yjs' tie-breaks are the same on every run of a seed), a Workspace, a deterministic command context,
 * and an incremental projection fed by the workspace's change sets, as the Dexie one is.
 */
import { type TestContext, testContext } from '@runsheet/domain';
import * as Y from 'yjs';
import { DirtySet, MemoryTables, Workspace } from '../../src/index.ts';

export class Replica {
  readonly ws: Workspace;
  readonly ctx: TestContext;
  readonly tables = new MemoryTables();
  private readonly dirty = new DirtySet();

  constructor(
    readonly index: number,
    start: string,
  ) {
    const makeDoc = () => {
      const doc = new Y.Doc();
      doc.clientID = index + 1;
      return doc;
    };
    this.ws = new Workspace({ catalog: makeDoc(), createDoc: makeDoc });
    this.ctx = testContext({
      device: `d${index}`,
      actor: { id: `user:u${index}`, name: `User ${index}` },
      start,
    });
    this.ws.subscribe((changes) => this.dirty.add(changes));
  }

  get name(): string {
    return `d${this.index}`;
  }

  /** Writes the coalesced changes into the projection tables, as a Dexie flush would. */
  flushProjection(): void {
    this.tables.apply(this.dirty.take(this.ws.state));
  }
}
