/**
 * React hooks over the temporal document. A selector runs once per document update (cached by the
 * document's version), never per render, so 1,000 entities cost one read per change.
 */
import {
  findTemporalRelease,
  isMirrorStale,
  readMirrorStatus,
  readTemporalEntities,
  readTemporalReleases,
  type TemporalEntity,
  type TemporalMirrorStatus,
  type TemporalReleaseRecord,
} from '@runsheet/doc';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useTemporalDoc } from './temporal-context.tsx';

/** `select(doc)`, recomputed when the document changed or `key` did. */
function useDocSelector<T>(select: (doc: Y.Doc) => T, key: string): T {
  const handle = useTemporalDoc();
  const cache = useRef<{ version: number; key: string; value: T } | null>(null);
  const subscribe = useCallback(
    (notify: () => void) => {
      handle.doc.on('update', notify);
      return () => handle.doc.off('update', notify);
    },
    [handle],
  );
  const read = () => {
    const c = cache.current;
    if (c === null || c.version !== handle.version || c.key !== key) {
      cache.current = { version: handle.version, key, value: select(handle.doc) };
    }
    return cache.current!.value;
  };
  return useSyncExternalStore(subscribe, read, read);
}

/** True once this device's stored copy is loaded (so "nothing here" means nothing, not "not yet"). */
export function useTemporalLoaded(): boolean {
  const handle = useTemporalDoc();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    void handle.loaded.then(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [handle]);
  return loaded;
}

/** A clock that ticks every `ms`, for ages ("updated 3 min ago") that must move without document changes. */
export function useNow(ms = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export interface MirrorInfo {
  status: TemporalMirrorStatus;
  stale: boolean;
  /** The mirror was never written by a server (this device never synced it, or Temporal is off). */
  empty: boolean;
}

export function useMirrorStatus(): MirrorInfo {
  const status = useDocSelector(readMirrorStatus, 'status');
  const now = useNow();
  return useMemo(
    () => ({ status, stale: isMirrorStale(status, now), empty: status.lastAttemptAt === null }),
    [status, now],
  );
}

export function useTemporalReleases(): TemporalReleaseRecord[] {
  return useDocSelector(readTemporalReleases, 'releases');
}

export interface TemporalTreeData {
  release: TemporalReleaseRecord | undefined;
  entities: TemporalEntity[];
}

export function useTemporalTree(releaseId: string): TemporalTreeData {
  return useDocSelector((doc) => {
    const release = findTemporalRelease(doc, releaseId);
    return { release, entities: release ? readTemporalEntities(doc, release.workflowId) : [] };
  }, releaseId);
}
