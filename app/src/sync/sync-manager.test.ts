import { cluster, ops, release } from '@runsheet/doc/testing';
import type { ReleaseId } from '@runsheet/domain';
import type { PublicUser, SessionInfo } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LocalData } from '@/data';
import { freshIndexedDB, openTestData } from '@/data/test-db';
import { fakeStorage } from '@/lib/fake-storage';
import { type ApiClient, ApiError, ServerUnreachable } from './api.ts';
import { SessionStore } from './session.ts';
import { SyncManager } from './sync-manager.ts';
import { FakeNetwork } from './testing/fake-relay.ts';
import { WaitingStore } from './waiting-store.ts';

const R = 'release:r1' as ReleaseId;
const ada: PublicUser = {
  id: 'user:ada',
  username: 'ada',
  displayName: 'Ada',
  role: 'member',
  createdAt: '2025-01-01T00:00:00.000Z',
  disabled: false,
};

/**
 * The API as far as the session store uses it: `answer` decides who is signed in (a 401's code says why
 * nobody is, as GET /api/auth/status reports it).
 */
function fakeApi(answer: () => SessionInfo | ApiError | ServerUnreachable) {
  const api = {
    signInStatus: async () => {
      const a = answer();
      if (a instanceof ApiError && a.status === 401)
        return { signedIn: false, reason: a.code, setupCodeRequired: false };
      if (a instanceof Error) throw a;
      return { signedIn: true, ...a };
    },
    setupStatus: async () => ({ setupRequired: true, setupCodeRequired: false }),
    login: async () => ({ user: ada, expiresAt: '2099-01-01T00:00:00.000Z' }),
    logout: async () => {},
  };
  return api as unknown as ApiClient;
}

const signedIn = (): SessionInfo => ({ user: ada, auth: 'session', expiresAt: null });
const expired = () => new ApiError(401, 'session-expired', 'expired');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(answer: () => SessionInfo | ApiError | ServerUnreachable = signedIn) {
  const network = new FakeNetwork();
  const storage = fakeStorage();
  const local: LocalData = await openTestData(freshIndexedDB());
  const session = new SessionStore(fakeApi(answer), storage);
  const manager = new SyncManager({
    local,
    session,
    waiting: new WaitingStore(storage),
    serverUrl: 'ws://relay.test/sync',
    WebSocketPolyfill: network.WebSocket,
  });
  cleanups.push(() => local.close());
  cleanups.push(() => manager.destroy());
  manager.start();
  return { network, storage, local, session, manager };
}

function addCluster(local: LocalData, id: `cluster:${string}`, name: string) {
  local.workspace.apply({ ops: [ops.cluster(cluster(id, name))] });
}

const statuses = (manager: SyncManager) => manager.snapshot().docs.map((d) => `${d.room}:${d.status}`);

describe('SyncManager', () => {
  it('SY-01 stays off the network until the session check says signed in, then uploads what was made', async () => {
    const { network, local, session, manager } = await setup();
    addCluster(local, 'cluster:k1', 'prod');
    expect(statuses(manager)).toEqual(['catalog:idle']);
    expect(network.queued).toBe(0);
    expect(manager.snapshot().pending).toBe(1);

    await session.refresh();
    await network.settle();
    expect(statuses(manager)).toEqual(['catalog:connected']);
    expect(network.room('catalog').doc.getMap('clusters').has('cluster:k1')).toBe(true);
    expect(manager.snapshot()).toMatchObject({ pending: 0 });
  });

  it('SY-01 never connects without a server (local only)', async () => {
    const { network, session, manager } = await setup(() => new ServerUnreachable('no server'));
    await session.refresh();
    expect(session.get().kind).toBe('local');
    expect(statuses(manager)).toEqual(['catalog:idle']);
    expect(network.queued).toBe(0);
  });

  it('SY-01 disconnects while offline or paused and connects again after', async () => {
    const { network, session, manager } = await setup();
    await session.refresh();
    await network.settle();
    manager.setOnline(false);
    expect(statuses(manager)).toEqual(['catalog:idle']);
    manager.setOnline(true);
    await network.settle();
    expect(statuses(manager)).toEqual(['catalog:connected']);
    manager.setPaused(true);
    expect(statuses(manager)).toEqual(['catalog:idle']);
    manager.setPaused(false);
    await network.settle();
    expect(statuses(manager)).toEqual(['catalog:connected']);
  });

  it('SY-07 keeps active releases connected, and drops a release link when its document closes', async () => {
    const { network, local, session, manager } = await setup();
    await session.refresh();
    // Activated (here or on another device): the manager opens the release document and connects it.
    local.workspace.apply({ ops: [ops.release({ ...release(R, 'Spring'), status: 'active' })] });
    await waitFor(() => local.workspace.isOpen(R));
    await network.settle();
    expect(statuses(manager)).toEqual(['catalog:connected', `${R}:connected`]);
    await local.closeRelease(R);
    expect(statuses(manager)).toEqual(['catalog:connected']);
  });

  it('SY-04 after a 4440 close the session is checked; signing in again uploads what waited', async () => {
    let answer: () => SessionInfo | ApiError = signedIn;
    const { network, local, session, manager } = await setup(() => answer());
    await session.refresh();
    await network.settle();
    answer = expired;
    network.dropAll(4440);
    network.flush();
    await waitFor(() => session.get().kind === 'expired');
    addCluster(local, 'cluster:k2', 'while signed out');
    expect(manager.snapshot().pending).toBe(1);

    answer = signedIn;
    await session.signIn('ada', 'password');
    await network.settle();
    expect(statuses(manager)).toEqual(['catalog:connected']);
    expect(network.room('catalog').doc.getMap('clusters').has('cluster:k2')).toBe(true);
    expect(manager.snapshot().pending).toBe(0);
  });

  it('SY-05 a viewer promoted to member uploads what the relay refused before', async () => {
    let role: PublicUser['role'] = 'viewer';
    const { network, local, session, manager } = await setup(() => ({
      ...signedIn(),
      user: { ...ada, role },
    }));
    network.readOnlyRooms.add('catalog');
    addCluster(local, 'cluster:k4', 'made by a viewer');
    await session.refresh();
    await network.settle();
    expect(manager.snapshot().docs[0]).toMatchObject({ readOnly: true, pending: 1 });
    expect(network.room('catalog').doc.getMap('clusters').has('cluster:k4')).toBe(false);

    // An admin makes them a member: the relay lets them write; the app learns it at its next check.
    network.readOnlyRooms.delete('catalog');
    role = 'member';
    await session.refresh();
    await network.settle();
    expect(manager.snapshot().docs[0]).toMatchObject({ readOnly: false, pending: 0 });
    expect(network.room('catalog').doc.getMap('clusters').has('cluster:k4')).toBe(true);
  });

  it('SE-14 a viewer’s device uploads nothing: its handshake answers with an empty sync step 2, its changes stay here', async () => {
    const { network, local, session, manager } = await setup(() => ({
      ...signedIn(),
      user: { ...ada, role: 'viewer' },
    }));
    network.readOnlyRooms.add('catalog');
    addCluster(local, 'cluster:k5', 'made by a viewer');
    await session.refresh();
    await network.settle();
    addCluster(local, 'cluster:k6', 'made by a viewer, connected');
    await network.settle();
    const room = network.room('catalog');
    expect(room.step2s.length).toBeGreaterThan(0);
    expect(room.step2s.every((u) => u.byteLength === 2 && u[0] === 0 && u[1] === 0)).toBe(true);
    expect(room.received).not.toContain('update');
    expect(manager.snapshot().docs[0]).toMatchObject({ status: 'connected', readOnly: true, pending: 2 });
  });

  it('SE-14 a viewer promoted before the app knew (the relay lets it write) uploads what it held back once the session says member', async () => {
    let role: PublicUser['role'] = 'viewer';
    const { network, local, session, manager } = await setup(() => ({
      ...signedIn(),
      user: { ...ada, role },
    }));
    addCluster(local, 'cluster:k7', 'held back');
    await session.refresh();
    await network.settle();
    // The relay took the empty step 2 (it already knows the promotion): no refusal, nothing uploaded.
    expect(manager.snapshot().docs[0]).toMatchObject({ readOnly: false, pending: 1 });
    expect(network.room('catalog').doc.getMap('clusters').has('cluster:k7')).toBe(false);
    role = 'member';
    await session.refresh();
    await network.settle();
    expect(network.room('catalog').doc.getMap('clusters').has('cluster:k7')).toBe(true);
    expect(manager.snapshot().docs[0]).toMatchObject({ readOnly: false, pending: 0 });
  });

  it('SY-12 follows a server-written document under the same rules, outside the documents the user is shown', async () => {
    const { network, session, manager } = await setup();
    network.room('temporal').doc.getMap('releases').set('release:t1', 'Running');
    const mirror = new Y.Doc();
    const stop = manager.follow('temporal', mirror);
    await network.settle();
    // Not signed in yet: nothing connects.
    expect(network.rooms.get('temporal')?.sockets.size ?? 0).toBe(0);
    expect(mirror.getMap('releases').size).toBe(0);

    await session.refresh();
    await network.settle();
    expect(mirror.getMap('releases').get('release:t1')).toBe('Running');
    // The sync details list and the waiting count stay about the user's own documents.
    expect(statuses(manager)).toEqual(['catalog:connected']);
    expect(manager.snapshot().pending).toBe(0);

    // Paused means paused for it too.
    manager.setPaused(true);
    network.room('temporal').doc.getMap('releases').set('release:t1', 'Done');
    await network.settle();
    expect(mirror.getMap('releases').get('release:t1')).toBe('Running');
    manager.setPaused(false);
    await network.settle();
    expect(mirror.getMap('releases').get('release:t1')).toBe('Done');

    stop();
    expect(network.room('temporal').sockets.size).toBe(0);
  });

  it('SY-02 remembers changes left waiting across a reload of the page', async () => {
    const { local, manager, storage } = await setup(() => new ServerUnreachable('offline'));
    addCluster(local, 'cluster:k3', 'offline');
    expect(manager.snapshot().pending).toBe(1);
    expect(new WaitingStore(storage).get('catalog')).toBe(1);
  });
});

async function waitFor(done: () => boolean) {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(done()).toBe(true);
}
