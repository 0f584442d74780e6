/**
 * The signed-in world the abuse benchmark runs in, made from outside as a team would make it: the first
 * admin (from this machine, no setup code), honest member accounts, the attackers' own accounts (a member
 * and a viewer: budgets are per account, so an attacker sharing an honest account would only throttle it),
 * and release rooms the catalog lists (SE-04), written into the catalog with the domain's createRelease.
 */
import { Workspace } from '@runsheet/doc';
import { createRelease, testContext } from '@runsheet/domain';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ApiClient, setUpAdmin, signedInUser } from '../../test/helpers/api-client.ts';
import { sleep, synced } from '../harness.ts';

export interface Account {
  userId: string;
  username: string;
  /** `name=value` of its session cookie. */
  cookie: string;
}

/** Everything an attack driver (in its own thread) needs to know; plain data, it crosses threads. */
export interface Target {
  url: string;
  /** Release rooms the honest clients sync in. */
  rooms: string[];
  /** A listed release room no honest client is in (where a member's accepted junk goes). */
  spareRoom: string;
  honest: Account[];
  attackerMember: Account;
  attackerViewer: Account;
  /** The server's SQLite file. */
  databaseFile: string;
}

/** A stock y-websocket client sending `cookie` with its upgrade, as a browser tab does. */
export function cookieProvider(url: string, room: string, doc: Y.Doc, cookie: string): WebsocketProvider {
  const Socket = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { Cookie: cookie } });
    }
  };
  return new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    // Node 20 has a global BroadcastChannel: every byte must go through the relay.
    disableBc: true,
    maxBackoffTime: 500,
  });
}

const account = (client: ApiClient & { userId?: string }, username: string): Account => ({
  userId: client.userId ?? '',
  username,
  cookie: client.cookie ?? '',
});

/**
 * Sets up a fresh server (open mode off) at `url`: `members` honest member accounts, the two attacker
 * accounts, and `rooms` releases (and a spare one) in the catalog; resolves once the server's catalog lists them.
 */
export async function prepareWorkspace(
  url: string,
  options: { members: number; rooms: number; databaseFile: string },
): Promise<Target> {
  const admin = await setUpAdmin(url);
  const honest: Account[] = [];
  for (let i = 0; i < options.members; i++) {
    const username = `member${i}`;
    honest.push(account(await signedInUser(admin, username, 'member'), username));
  }
  const attackerMember = account(await signedInUser(admin, 'mallory', 'member'), 'mallory');
  const attackerViewer = account(await signedInUser(admin, 'victor', 'viewer'), 'victor');

  const catalog = new Y.Doc();
  const provider = cookieProvider(url, 'catalog', catalog, admin.cookie ?? '');
  await synced(provider);
  const workspace = new Workspace({ catalog });
  const ctx = testContext({ device: `abuse${Math.random().toString(36).slice(2, 8)}` });
  const rooms: string[] = [];
  for (let i = 0; i <= options.rooms; i++) {
    const result = workspace.run(
      createRelease,
      { name: `Abuse bench ${i}`, type: 'release', versionNumber: `1.${i}.0` },
      ctx,
    );
    if (!result.ok) throw new Error(`createRelease refused: ${result.error.code}`);
    rooms.push(result.value.releaseId);
  }
  // The server's own copy of the catalog lists them (and the spare) once it has applied the admin's update.
  for (let tries = 0; ; tries++) {
    const listed = await admin.get<{ items: Array<{ id: string }> }>('/api/releases?limit=100');
    const ids = new Set(listed.body.items.map((r) => r.id));
    if (rooms.every((room) => ids.has(room))) break;
    if (tries > 100) throw new Error('the catalog never listed the bench releases');
    await sleep(100);
  }
  provider.destroy();
  workspace.destroy();
  const spareRoom = rooms.pop() as string;
  return {
    url,
    rooms,
    spareRoom,
    honest,
    attackerMember,
    attackerViewer,
    databaseFile: options.databaseFile,
  };
}
