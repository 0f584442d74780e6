import { CloseCode } from '@runsheet/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../src/relay/protocol.ts';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type RawSocket, rawSocket } from './helpers/raw-socket.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

/** SE-05: presence says who the sender is signed in as, and only that much of it. */
const ROOM = 'release:presence';
let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

async function start() {
  t = await startTestServer({ env: { RUNSHEET_OPEN: '0' }, releases: [ROOM] });
  admin = await setUpAdmin(t.url);
}

async function socket(api: ApiClient): Promise<RawSocket> {
  const s = await rawSocket(t.url, ROOM, { Cookie: api.cookie! });
  cleanups.push(() => s.ws.terminate());
  await s.frame(0);
  return s;
}

type State = Record<string, unknown> | null;

/** An awareness frame: `[clientId, clock, state]` entries. */
function presenceFrame(entries: Array<[number, number, State]>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MessageType.AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** Every presence state a socket has been sent, by client id (the last one wins). */
function presenceSeen(s: RawSocket): Map<number, State> {
  const seen = new Map<number, State>();
  for (const frame of s.received) {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== MessageType.AWARENESS) continue;
    const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(inner);
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(inner);
      decoding.readVarUint(inner);
      seen.set(id, JSON.parse(decoding.readVarString(inner)) as State);
    }
  }
  return seen;
}

async function settle(s: RawSocket): Promise<void> {
  // A query answered after everything sent before it: the relay handles one socket's frames in order.
  const before = s.received.length;
  s.ws.send(Uint8Array.of(MessageType.QUERY_AWARENESS));
  await s.frame(before);
}

const view = { releaseId: ROOM, customerId: null, stepId: null };

describe('SE-05: presence is stamped by the server', () => {
  it("SE-05 a member publishing presence under the admin's id and name is shown as themselves", async () => {
    await start();
    const member = await signedInUser(admin, 'mia', 'member');
    const forger = await socket(member);
    const forged = { user: { id: 'user:ada', name: 'Ada' }, device: 'd1', color: '#123456', view };
    forger.ws.send(presenceFrame([[1001, 1, forged]]));
    await settle(forger);
    const watcher = await socket(admin);
    await settle(watcher);
    const state = presenceSeen(watcher).get(1001) as { user: unknown; device: string };
    expect(state.user).toEqual({ id: member.userId, name: 'mia' });
    expect(state.device).toBe('d1');
  });

  it('SE-05 5,000 fake peers in one frame close the sender (UPDATE_TOO_LARGE); a newcomer is sent none', async () => {
    await start();
    const member = await signedInUser(admin, 'mia', 'member');
    const flooder = await socket(member);
    const fakes: Array<[number, number, State]> = [];
    for (let i = 0; i < 5000; i++) fakes.push([10_000 + i, 1, { user: { id: `u${i}`, name: `Fake ${i}` } }]);
    flooder.ws.send(presenceFrame(fakes));
    expect((await flooder.closed).code).toBe(CloseCode.UPDATE_TOO_LARGE);
    const newcomer = await socket(admin);
    await settle(newcomer);
    expect(presenceSeen(newcomer).size).toBe(0);
  });

  it('SE-05 one connection announces at most RELAY_MAX_PRESENCE_PER_CONNECTION peers, and never one of another connection', async () => {
    await start();
    const member = await signedInUser(admin, 'mia', 'member');
    const honest = await socket(admin);
    honest.ws.send(presenceFrame([[7, 1, { device: 'honest' }]]));
    await settle(honest);
    const greedy = await socket(member);
    const entries: Array<[number, number, State]> = [[7, 5, { device: 'hijacked' }]];
    for (let i = 0; i < 10; i++) entries.push([100 + i, 1, { device: `fake${i}` }]);
    greedy.ws.send(presenceFrame(entries));
    await settle(greedy);
    const newcomer = await socket(admin);
    await settle(newcomer);
    const seen = presenceSeen(newcomer);
    expect((seen.get(7) as { device: string }).device).toBe('honest');
    expect([...seen.keys()].filter((id) => id >= 100)).toHaveLength(4);
  });
});
