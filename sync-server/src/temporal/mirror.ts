/**
 * The server's side of the `temporal` document: the plain state the API reads (fast, no Yjs walk per
 * request) and the writer of the room's Y.Doc, which the relay stores and sends to every device.
 * On start it reads back what the room holds, so after a restart the last known state is served, stale,
 * until Temporal answers again.
 */
import {
  compareReleases,
  type FlatEntity,
  flattenTree,
  indexTree,
  readMirrorStatus,
  readTemporalEntities,
  readTemporalReleases,
  removeTemporalReleases,
  type TemporalEntity,
  type TemporalMirrorStatus,
  type TemporalReleaseRecord,
  type TreeIndex,
  writeMirrorStatus,
  writeTemporalRelease,
} from '@runsheet/doc';
import type { TemporalEntityView } from '@runsheet/protocol';
import * as Y from 'yjs';
import type { Relay } from '../relay/relay.ts';
import type { Room } from '../relay/room.ts';
import { parseRoomName, TEMPORAL_ROOM } from '../relay/room-name.ts';

/** An entity as the API shows it; made once per change of the hierarchy, not per request. */
export type EntityView = TemporalEntityView;

export interface MirroredRelease {
  record: TemporalReleaseRecord;
  index: TreeIndex;
  /** The hierarchy depth-first, as the API pages it. */
  flat: FlatEntity[];
  views: EntityView[];
}

function viewOf(e: FlatEntity): EntityView {
  return { id: e.id, type: e.type, state: e.state, parentId: e.parentId, depth: e.depth, since: e.since };
}

/** Writes made by the bridge carry this origin (and are never mistaken for a client's). */
export const BRIDGE_ORIGIN = { source: 'temporal-bridge' } as const;

export class TemporalMirror {
  private held: { room: Room; release(): void } | null = null;
  private holding: Promise<Room> | null = null;
  private readonly releases = new Map<string, MirroredRelease>();
  /** Entity id -> workflow ids whose hierarchy holds it (an id may repeat across releases). */
  private readonly entityIndex = new Map<string, Set<string>>();
  status: TemporalMirrorStatus;
  /**
   * Bumped on every change of what the mirror holds (records, hierarchies, status): the API caches
   * answers made from one version and drops them when this moves.
   */
  version = 0;

  private constructor(
    private readonly relay: Relay,
    settings: Pick<TemporalMirrorStatus, 'pollMs' | 'namespace' | 'workflowType'>,
  ) {
    // The defaults of an empty document until `open` reads the stored one.
    this.status = { ...readMirrorStatus(new Y.Doc()), ...settings };
    // A storage failure makes the relay drop the room; the next write loads it again and re-writes.
    relay.on('room-unloading', (name) => {
      if (name === TEMPORAL_ROOM && this.held !== null) {
        this.held.release();
        this.held = null;
      }
    });
  }

  /** Loads the `temporal` room and reads back what it holds. */
  static async open(
    relay: Relay,
    settings: Pick<TemporalMirrorStatus, 'pollMs' | 'namespace' | 'workflowType'>,
  ): Promise<TemporalMirror> {
    const mirror = new TemporalMirror(relay, settings);
    const doc = (await mirror.room()).doc;
    mirror.status = { ...readMirrorStatus(doc), ...settings };
    for (const record of readTemporalReleases(doc)) {
      mirror.remember(record, readTemporalEntities(doc, record.workflowId));
    }
    return mirror;
  }

  private room(): Promise<Room> {
    if (this.held !== null) return Promise.resolve(this.held.room);
    this.holding ??= (async () => {
      const held = await this.relay.hold(parseRoomName(TEMPORAL_ROOM)!);
      this.held = held;
      // Reloaded after a failure: bring the document back to what this process knows.
      const doc = held.room.doc;
      for (const { record, flat } of this.releases.values())
        writeTemporalRelease(doc, record, flat.map(stripDepth), BRIDGE_ORIGIN);
      return held.room;
    })().finally(() => {
      this.holding = null;
    });
    return this.holding;
  }

  private remember(record: TemporalReleaseRecord, entities: readonly TemporalEntity[] | undefined): void {
    this.version++;
    const previous = this.releases.get(record.workflowId);
    const list = entities ?? previous?.flat.map(stripDepth) ?? [];
    if (previous) for (const e of previous.flat) this.entityIndex.get(e.id)?.delete(record.workflowId);
    const index = indexTree(list);
    const flat = flattenTree(index);
    this.releases.set(record.workflowId, { record, index, flat, views: flat.map(viewOf) });
    for (const e of flat) {
      let set = this.entityIndex.get(e.id);
      if (!set) {
        set = new Set();
        this.entityIndex.set(e.id, set);
      }
      set.add(record.workflowId);
    }
  }

  /** Changes the status; resolves once it is stored. */
  async setStatus(patch: Partial<TemporalMirrorStatus>): Promise<void> {
    this.version++;
    this.status = { ...this.status, ...patch };
    const room = await this.room();
    writeMirrorStatus(room.doc, this.status, BRIDGE_ORIGIN);
    await room.persisted();
  }

  /**
   * Stores a workflow's record and, when the query answered, its hierarchy (undefined keeps the old one).
   * The API sees it at once; resolves once it is stored.
   */
  async put(record: TemporalReleaseRecord, entities: readonly TemporalEntity[] | undefined): Promise<void> {
    this.remember(record, entities);
    const room = await this.room();
    writeTemporalRelease(room.doc, record, entities, BRIDGE_ORIGIN);
    await room.persisted();
  }

  async remove(workflowIds: readonly string[]): Promise<void> {
    this.version++;
    for (const id of workflowIds) {
      const gone = this.releases.get(id);
      if (!gone) continue;
      for (const e of gone.flat) this.entityIndex.get(e.id)?.delete(id);
      this.releases.delete(id);
    }
    const room = await this.room();
    removeTemporalReleases(room.doc, workflowIds, BRIDGE_ORIGIN);
    await room.persisted();
  }

  get(workflowId: string): MirroredRelease | undefined {
    return this.releases.get(workflowId);
  }

  workflowIds(): string[] {
    return [...this.releases.keys()];
  }

  /** Newest start first. */
  list(): TemporalReleaseRecord[] {
    return [...this.releases.values()].map((r) => r.record).sort(compareReleases);
  }

  /** The release with this entity id; if two workflows claim it, the most recently started. */
  byReleaseId(releaseId: string): MirroredRelease | undefined {
    let best: MirroredRelease | undefined;
    for (const r of this.releases.values()) {
      if (r.record.id === releaseId && (best === undefined || compareReleases(r.record, best.record) < 0))
        best = r;
    }
    return best;
  }

  /** Every release whose hierarchy holds entity `id`. */
  releasesHolding(id: string): MirroredRelease[] {
    const out: MirroredRelease[] = [];
    for (const workflowId of this.entityIndex.get(id) ?? []) {
      const r = this.releases.get(workflowId);
      if (r) out.push(r);
    }
    return out.sort((a, b) => compareReleases(a.record, b.record));
  }

  close(): void {
    this.held?.release();
    this.held = null;
  }
}

function stripDepth({ depth: _depth, ...entity }: FlatEntity): TemporalEntity {
  return entity;
}
