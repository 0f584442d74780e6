import type { ReleaseId, StepId } from '@runsheet/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocLink } from './doc-link.ts';
import { PresenceHub } from './presence-hub.ts';
import type { SyncManager } from './sync-manager.ts';
import { FakeNetwork } from './testing/fake-relay.ts';

const R = 'release:r1' as ReleaseId;
const OTHER = 'release:r2' as ReleaseId;
const S = 'step:c1.t1' as StepId;

/** The part of SyncManager a hub uses, over links made here. */
function fakeManager(links: DocLink[]): SyncManager {
  return {
    allLinks: () => links,
    link: (name: string) => links.find((l) => l.room === name),
    onLinks: () => () => {},
  } as unknown as SyncManager;
}

const made: Array<{ destroy(): void }> = [];
afterEach(() => {
  for (const thing of made.splice(0)) thing.destroy();
});

/** A device: links to the catalog and both releases, and its presence hub. */
function device(network: FakeNetwork, id: string, user: { id: string; name: string }) {
  const links = ['catalog', R, OTHER].map(
    (room) =>
      new DocLink({
        serverUrl: 'ws://relay.test/sync',
        room,
        doc: new Y.Doc(),
        WebSocketPolyfill: network.WebSocket,
        confirmDelayMs: 0,
      }),
  );
  const hub = new PresenceHub(fakeManager(links), id);
  hub.setUser(user);
  for (const link of links) link.connect();
  made.push(...links, hub);
  return hub;
}

describe('SY-06 presence', () => {
  it('lists others on the release they look at, with their step, and never this device', async () => {
    const network = new FakeNetwork();
    const ada = device(network, 'device-laptop', { id: 'user:ada', name: 'Ada' });
    const ben = device(network, 'device-tablet', { id: 'user:ben', name: 'Ben' });
    const adaPhone = device(network, 'device-phone', { id: 'user:ada', name: 'Ada' });
    ada.setView({ releaseId: R });
    ben.setView({ releaseId: R, stepId: S });
    adaPhone.setView({ releaseId: OTHER });
    await network.settle();

    const seen = ada.peers(R);
    expect(seen.map((p) => [p.user.name, p.device, p.view?.stepId])).toEqual([['Ben', 'device-tablet', S]]);
    expect(ben.peers(R).map((p) => p.device)).toEqual(['device-laptop']);
    // Ada's phone looks at another release: it is there, not here.
    expect(ada.peers(OTHER).map((p) => p.device)).toEqual(['device-phone']);
    expect(seen[0]?.color).toMatch(/^#[0-9a-f]{6}$/);

    // Leaving the release removes the device from that release's list.
    ben.setView(null);
    await network.settle();
    expect(ada.peers(R)).toEqual([]);
  });

  it('publishes nothing before someone is signed in', async () => {
    const network = new FakeNetwork();
    const ada = device(network, 'device-laptop', { id: 'user:ada', name: 'Ada' });
    const anonymous = device(network, 'device-kiosk', { id: 'user:x', name: 'X' });
    anonymous.setUser(null);
    anonymous.setView({ releaseId: R });
    await network.settle();
    expect(ada.peers(R)).toEqual([]);
  });
});
