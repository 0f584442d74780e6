import {
  type FlatEntity,
  isMirrorStale,
  mirrorAgeMs,
  type TemporalMirrorStatus,
  type TemporalReleaseRecord,
} from '@runsheet/doc';
import {
  encodeCursor,
  type MirrorView,
  operations,
  type TemporalEntityView,
  type TemporalReleaseView,
} from '@runsheet/protocol';
import type { MirroredRelease, TemporalMirror } from '../../temporal/mirror.ts';
import type { ApiContext } from '../context.ts';
import { pageOf } from '../cursor.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { JsonCache, lastMember, openObject } from '../json-cache.ts';
import { route } from '../router.ts';

const ops = operations.temporal;

export function mirrorView(status: TemporalMirrorStatus, now = Date.now()): MirrorView {
  return {
    lastSuccessAt: status.lastSuccessAt,
    lastAttemptAt: status.lastAttemptAt,
    error: status.error,
    stale: isMirrorStale(status, now),
    ageMs: mirrorAgeMs(status, now),
  };
}

export function temporalReleaseView(record: TemporalReleaseRecord): TemporalReleaseView {
  return { ...record, source: 'temporal' as const, problems: [...record.problems] };
}

function entityView(e: FlatEntity): TemporalEntityView {
  return { id: e.id, type: e.type, state: e.state, parentId: e.parentId, depth: e.depth, since: e.since };
}

/**
 * A page of a list whose cursor is the position of the previous page's last item (the list's order is
 * fixed between polls). Any position is a place: before the start reads from the start, past the end
 * reads nothing.
 */
function pagePositions<T>(list: readonly T[], after: readonly [number] | undefined, limit: number) {
  const start = after === undefined ? 0 : Math.min(list.length, Math.max(0, after[0] + 1));
  const items = start === 0 && limit >= list.length ? list : list.slice(start, start + limit);
  const more = start + limit < list.length;
  return { items, nextCursor: more ? encodeCursor([start + items.length - 1]) : null };
}

function requireMirror(deps: ApiDeps): TemporalMirror {
  const mirror = deps.temporal();
  if (mirror === null) throw new ApiError('temporal-not-configured');
  return mirror;
}

/** The mirrored release of `id`, a Temporal `release:` id its operation's schema has checked. */
function requireRelease(mirror: TemporalMirror, id: string): MirroredRelease {
  const found = mirror.byReleaseId(id);
  if (!found) throw new ApiError('not-found', { message: `No Temporal release "${id}".` });
  return found;
}

/** Answers made from one version of a mirror; one cache per mirror (a test process runs several servers). */
const answerCaches = new WeakMap<TemporalMirror, JsonCache>();

/**
 * Sends `{...head, mirror}`: the head as cached for this version of the mirror (made by `build` when
 * missing, under `key`, which must name everything the head depends on besides the mirror), then the
 * mirror's freshness, made now because its age changes every millisecond.
 */
function answerWithMirror(ctx: ApiContext, mirror: TemporalMirror, key: string, build: () => object): void {
  let cache = answerCaches.get(mirror);
  if (cache === undefined) {
    cache = new JsonCache();
    answerCaches.set(mirror, cache);
  }
  const head = cache.get(mirror, mirror.version, key, () => openObject(build()));
  ctx.jsonText(200, [head, lastMember('mirror', mirrorView(mirror.status))]);
}

/** One Temporal entity with its ancestors and a page of its children. Shared with /api/entities. */
export function temporalEntityAnswer(
  deps: ApiDeps,
  ctx: ApiContext<typeof ops.entity | typeof operations.runsheet.entity>,
  id: string,
): void {
  const mirror = requireMirror(deps);
  const { release, cursor, limit } = ctx.queryValues;
  const key = JSON.stringify(['entity', id, release, cursor, limit]);
  answerWithMirror(ctx, mirror, key, () => entityHead(mirror, id, release, cursor, limit));
}

/** `id` is a Temporal id, checked by the operation's parameter schema. */
function entityHead(
  mirror: TemporalMirror,
  id: string,
  releaseText: string | undefined,
  after: readonly [number] | undefined,
  limit: number,
) {
  let holders = mirror.releasesHolding(id);
  if (releaseText !== undefined) {
    const release = requireRelease(mirror, releaseText);
    holders = holders.filter((h) => h.record.workflowId === release.record.workflowId);
  }
  if (holders.length === 0) throw new ApiError('not-found', { message: `No Temporal entity "${id}".` });
  if (holders.length > 1)
    throw new ApiError('ambiguous-entity', {
      message: `"${id}" exists in ${holders.map((h) => h.record.id).join(', ')}; add ?release=… to choose.`,
    });
  const holder = holders[0]!;
  const entity = holder.flat.find((e) => e.id === id)!;
  const children = (holder.index.children.get(id) ?? []).map((c, i) => ({
    ...c,
    depth: entity.depth + 1,
    position: i,
  }));
  const page = pageOf(children, (c) => [c.position], after ?? null, limit);
  const path = [];
  let parent = entity.parentId === null ? undefined : holder.index.byId.get(entity.parentId);
  while (parent !== undefined && path.length < 10) {
    path.unshift({ id: parent.id, type: parent.type, state: parent.state });
    parent = parent.parentId === null ? undefined : holder.index.byId.get(parent.parentId);
  }
  return {
    entity: {
      ...entityView(entity),
      source: 'temporal',
      releaseId: holder.record.id,
      workflowId: holder.record.workflowId,
      workflowStatus: holder.record.workflowStatus,
      childCount: children.length,
    },
    path,
    children: page.items.map(entityView),
    nextCursor: page.nextCursor,
  };
}

/**
 * Temporal-driven releases, read from the mirror the bridge keeps (never from Temporal per request).
 * Temporal's `release:` and `cluster:` ids would clash with Runsheet's, so Temporal is addressed here,
 * under /api/temporal/; every answer carries `source: "temporal"` and the mirror's freshness.
 */
export function temporalRoutes(deps: ApiDeps) {
  return [
    route(
      ops.releases,
      (ctx) => {
        const mirror = requireMirror(deps);
        const { cursor, limit } = ctx.queryValues;
        answerWithMirror(ctx, mirror, JSON.stringify(['list', cursor, limit]), () => {
          const all = mirror.list().map((r, position) => ({ r, position }));
          const page = pageOf(all, (x) => [x.position], cursor ?? null, limit);
          return { items: page.items.map((x) => temporalReleaseView(x.r)), nextCursor: page.nextCursor };
        });
      },
      { action: 'api.read', entity: () => 'temporal:releases' },
    ),
    route(
      ops.release,
      (ctx) => {
        const mirror = requireMirror(deps);
        const releaseText = ctx.params.releaseId;
        const { cursor, limit } = ctx.queryValues;
        const key = JSON.stringify(['release', releaseText, cursor, limit]);
        answerWithMirror(ctx, mirror, key, () => {
          const release = requireRelease(mirror, releaseText);
          const page = pagePositions(release.views, cursor, limit);
          return {
            release: temporalReleaseView(release.record),
            entities: page.items,
            nextCursor: page.nextCursor,
          };
        });
      },
      { action: 'api.read', entity: (ctx) => ctx.params.releaseId ?? '' },
    ),
    route(ops.entity, (ctx) => temporalEntityAnswer(deps, ctx, ctx.params.id), {
      action: 'api.read',
      entity: (ctx) => ctx.params.id ?? '',
    }),
  ];
}
