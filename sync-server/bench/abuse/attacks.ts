/**
 * The attack drivers of the abuse benchmark, one per load-bearing row of issue 13. Each is a bounded loop
 * (in time: `seconds`; in count: a cap per attack) that stops by itself and returns what it sent and how
 * the server answered. The benchmark runs each in a worker thread of its own, so the honest clients'
 * thread is not starved by it; the correctness test runs them in-process for a second or two.
 * Rows 9, 10, 12 and 13 are no load (headers, configuration, sign-out, a build flag): no driver.
 * Each attacker connects from an address of its own in 127.0.0.0/8 (the honest clients use 127.0.0.1), so
 * the server's per-address caps and throttles see it as the other client it is.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import Database from 'better-sqlite3';
import { sleep } from '../harness.ts';
import {
  forgedHistory,
  fourByteClientId,
  hugeUpdate,
  presenceFrame,
  reclientableFrame,
  step2Frame,
  updateFrame,
} from './junk.ts';
import { drained, httpStatus, loops, rawWs, type Tally, tally } from './wire.ts';
import type { Target } from './workspace.ts';

export interface AttackOptions {
  seconds: number;
}

type Driver = (target: Target, options: AttackOptions) => Promise<Tally>;

/**
 * An attack in two steps: `prepare` builds what it will send (a 100,000-key Yjs update, hundreds of forged
 * history updates) and returns the attack itself, which the benchmark starts with the phase's clock. The
 * attacker's own work of building payloads is then not billed to the server: a real attacker builds them
 * on a machine of its own, beforehand.
 */
export interface Attack {
  row: string;
  prepare: (target: Target, options: AttackOptions) => Promise<() => Promise<Tally>>;
}

/** An attack with nothing to build beforehand. */
const asIs =
  (driver: Driver): Attack['prepare'] =>
  async (target, options) =>
  () =>
    driver(target, options);

/**
 * How long a driver waits for the server to close a connection it expects closed: long enough that a
 * server busy with a previous frame still answers (what it answers is the point), bounded all the same.
 */
const ANSWER_WAIT_MS = 10_000;

/**
 * Whether a driver goes on: until `deadline`, and past it (by up to ANSWER_WAIT_MS) while it has sent
 * nothing yet, so that a phase cut short by a slow machine still makes its attack once.
 */
function attemptsUntil(deadline: number, t: Tally): () => boolean {
  const last = deadline + ANSWER_WAIT_MS;
  return () => performance.now() < deadline || (t.requests === 0 && performance.now() < last);
}
const until = (seconds: number) => performance.now() + seconds * 1000;
const cookie = (account: { cookie: string }) => ({ Cookie: account.cookie });
const clientId = () => 1 + Math.floor(Math.random() * 2 ** 30);

/**
 * Row 1, viewer: 1.7 MB updates that decode into 100,000 items, ten a second, on an honest room. Since
 * SE-14 each is refused from its frame header (the viewer's cap is an update's size): the driver then
 * reconnects and sends the next, so it measures refusals and reconnects instead of frames received whole.
 */
const prepareHugeViewer: Attack['prepare'] = async (target, options) => {
  // 100,000 map keys take a second or more to build on a loaded machine.
  const frame = updateFrame(hugeUpdate());
  return () => hugeViewer(target, options, frame);
};

const hugeViewer = async (target: Target, { seconds }: AttackOptions, frame: Uint8Array) => {
  const t = tally();
  const deadline = until(seconds);
  const attempting = attemptsUntil(deadline, t);
  while (attempting() && t.requests < 20 * seconds) {
    const s = rawWs(target.url, target.rooms[0] as string, cookie(target.attackerViewer), '127.0.0.6');
    let sent = 0;
    if (await s.opened) {
      while (s.ws.readyState === s.ws.OPEN && attempting() && t.requests < 20 * seconds) {
        s.ws.send(frame);
        sent++;
        t.requests++;
        await drained(s.ws);
        await sleep(100);
      }
    }
    if (s.ws.readyState !== s.ws.OPEN) {
      t.note(`close ${await s.closed}`);
      continue;
    }
    if (sent === 0) {
      // Opened as the time ran out: nothing was sent, so there is no answer to wait for.
      s.ws.terminate();
      continue;
    }
    // The time ran out while the last frame's answer was on its way (a loaded server): wait for it.
    const code = await Promise.race([s.closed, sleep(ANSWER_WAIT_MS).then(() => null)]);
    if (code === null) {
      t.note('open 10 s after its last frame');
      s.ws.terminate();
    } else t.note(`close ${code}`);
  }
  return t;
};

/**
 * Row 1, member: each connection's first sync step 2 carries 1.7 MB of new junk, then an incremental
 * update of the same size (over maxUpdateBytes: UPDATE_TOO_LARGE). A first step 2 that large is charged
 * to the account's large sync budget (SE-01): the first passes, the next ones close with
 * LARGE_SYNC_PACED until the debt is paid (before that rule, every reconnect got one in). Into a listed
 * room no honest client is in, so what is measured is the relay's stall and memory, not the honest
 * clients applying the junk.
 */
const prepareHugeMember: Attack['prepare'] = async (target, options) => {
  const junk = hugeUpdate();
  // Each frame must be new content to the relay, as a real attacker's would (only the first connection's
  // step 2 is ever applied; the rest are refused from their header): the client id is changed in place.
  const frames = [reclientableFrame(junk, step2Frame), reclientableFrame(junk, updateFrame)];
  return () => hugeMember(target, options, frames);
};

const hugeMember = async (
  target: Target,
  { seconds }: AttackOptions,
  frames: ReturnType<typeof reclientableFrame>[],
) => {
  const t = tally();
  const attempting = attemptsUntil(until(seconds), t);
  while (attempting() && t.requests < 4 * seconds) {
    const s = rawWs(target.url, target.spareRoom, cookie(target.attackerMember), '127.0.0.7');
    if (!(await s.opened)) {
      t.note(`refused ${await s.closed}`);
      await sleep(250);
      continue;
    }
    for (const { frame, setClient } of frames) {
      if (s.ws.readyState !== s.ws.OPEN) break;
      setClient(fourByteClientId());
      s.ws.send(frame);
      t.requests++;
      await drained(s.ws);
      await sleep(250);
    }
    const code = await Promise.race([s.closed, sleep(ANSWER_WAIT_MS).then(() => null)]);
    if (code === null) {
      t.note('open 10 s after both');
      s.ws.terminate();
    } else t.note(`close ${code}`);
  }
  return t;
};

/** A masked binary frame of `size` bytes, as a client must send. */
function clientFrame(size: number): Buffer {
  const header = Buffer.from([0x82, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
  header.writeUInt32BE(size, 6);
  return Buffer.concat([header, Buffer.alloc(size)]);
}

/** One TCP connection: resolves with what the server sent once it ended the connection (or at `deadline`). */
function tcpSession(
  port: number,
  localAddress: string,
  deadline: number,
  talk: (socket: net.Socket) => () => void,
): Promise<{ received: Buffer; endedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    const chunks: Buffer[] = [];
    let stop = () => {};
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('connect', () => {
      stop = talk(socket);
    });
    const timer = setTimeout(() => socket.destroy(), Math.max(0, deadline - performance.now()));
    socket.on('close', () => {
      clearTimeout(timer);
      stop();
      resolve({ received: Buffer.concat(chunks), endedByServer: performance.now() < deadline - 5 });
    });
  });
}

/**
 * Row 3: ten unauthenticated upgrades that flood 1 MB frames and never answer the close, and ten
 * slowloris requests trickling a header line every 500 ms, each started again when the server ends it;
 * from 127.0.0.2 and 127.0.0.3 (other clients than the honest ones, to the per-address caps).
 */
const unauthFlood: Driver = async (target, { seconds }) => {
  const t = tally();
  const deadline = until(seconds);
  const port = Number(new URL(target.url).port);
  const megabyte = clientFrame(1024 * 1024);
  const flooder = async () => {
    while (performance.now() < deadline && t.requests < 2000) {
      t.requests++;
      const { received, endedByServer } = await tcpSession(port, '127.0.0.2', deadline, (socket) => {
        socket.write(
          `GET /sync/${target.rooms[0]} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
            `Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
        );
        const flood = setInterval(() => {
          if (!socket.destroyed && socket.writableLength < 4 * 1024 * 1024) socket.write(megabyte);
        }, 20);
        return () => clearInterval(flood);
      });
      if (received.length === 0 && !endedByServer) {
        t.note('cut by the attacker at the end, before any answer');
        continue;
      }
      const head = received.toString('latin1', 0, 12);
      const body = received.subarray(received.indexOf('\r\n\r\n') + 4);
      const code = body[0] === 0x88 && body.length >= 4 ? body.readUInt16BE(2) : 'none';
      t.note(
        `upgrade ${head.slice(9, 12) || 'no answer'}, close frame ${code}, ${endedByServer ? 'ended by the server' : 'still open at the end'}`,
      );
    }
  };
  const slowloris = async () => {
    while (performance.now() < deadline && t.requests < 2000) {
      t.requests++;
      const { received, endedByServer } = await tcpSession(port, '127.0.0.3', deadline, (socket) => {
        socket.write('GET /api/auth/status HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        const trickle = setInterval(() => {
          if (!socket.destroyed) socket.write('X-Slow: 1\r\n');
        }, 500);
        return () => clearInterval(trickle);
      });
      const status = received.toString('latin1', 9, 12) || 'no answer';
      t.note(`slowloris ${status}, ${endedByServer ? 'cut off by the server' : 'still open at the end'}`);
    }
  };
  await Promise.all([...Array.from({ length: 10 }, flooder), ...Array.from({ length: 10 }, slowloris)]);
  return t;
};

/** Row 4: the viewer and the attacking member open `release:<random>` rooms, four at a time. */
const roomSpray: Driver = async (target, { seconds }) => {
  const t = tally();
  await loops(4, until(seconds), 200 * seconds, t, async (n) => {
    const who = n % 2 === 0 ? target.attackerViewer : target.attackerMember;
    const s = rawWs(target.url, `release:spray-${randomBytes(6).toString('hex')}`, cookie(who), '127.0.0.5');
    const code = await Promise.race([s.closed, sleep(ANSWER_WAIT_MS).then(() => null)]);
    if (code === null) s.ws.terminate();
    t.note(`${n % 2 === 0 ? 'viewer' : 'member'} close ${code ?? 'none: room opened'}`);
  });
  return t;
};

/**
 * Row 5: the attacking member, on every honest room in turn, publishes presence under an honest user's
 * id and name (four client ids), then one frame of 5,000 fake peers.
 */
const presenceSpoof: Driver = async (target, { seconds }) => {
  const t = tally();
  const fakePeers = presenceFrame(
    Array.from({ length: 5000 }, (_, i) => [
      1_000_000 + i,
      1,
      { user: { id: `user:fake${i}`, name: `Fake ${i}` } },
    ]),
  );
  const deadline = until(seconds);
  for (let round = 0; performance.now() < deadline && t.requests < 20 * seconds; round++) {
    const victim = target.honest[round % target.honest.length];
    const s = rawWs(
      target.url,
      target.rooms[round % target.rooms.length] as string,
      cookie(target.attackerMember),
      '127.0.0.8',
    );
    if (!(await s.opened)) {
      t.note(`refused ${await s.closed}`);
      continue;
    }
    const spoof = Array.from({ length: 4 }, () => [
      clientId(),
      1,
      { user: { id: victim?.userId, name: victim?.username } },
    ]) as Array<[number, number, Record<string, unknown>]>;
    s.ws.send(presenceFrame(spoof));
    s.ws.send(fakePeers);
    t.requests += 2;
    const code = await Promise.race([s.closed, sleep(ANSWER_WAIT_MS).then(() => null)]);
    if (code === null) {
      t.note('open 10 s after the fake peers');
      s.ws.terminate();
    } else t.note(`close ${code}`);
    await sleep(200);
  }
  return t;
};

/**
 * Row 6: wrong passwords, eight at a time, for sprayed user names (one in three an honest member's), each
 * from another source address of 127.0.1.0/24 (the address rotation a botnet has).
 */
const signInFlood: Driver = async (target, { seconds }) => {
  const t = tally();
  await loops(8, until(seconds), 400 * seconds, t, async (n) => {
    const username =
      n % 3 === 0 ? (target.honest[n % target.honest.length]?.username ?? 'member0') : `spray${n}`;
    t.note(
      await httpStatus(target.url, '/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username, password: `not the password ${n}` }),
        localAddress: `127.0.1.${1 + (n % 250)}`,
      }),
    );
  });
  return t;
};

const EVIL = 'rebind.example:80';

/**
 * Row 7: a DNS-rebinding page: the page, the first-admin setup and a WebSocket upgrade with the
 * attacker's host name in Host and Origin.
 */
const forgedHost: Driver = async (target, { seconds }) => {
  const t = tally();
  const headers = { Host: EVIL, Origin: `http://${EVIL}` };
  await loops(4, until(seconds), 200 * seconds, t, async (n) => {
    const kind = n % 3;
    const status =
      kind === 0
        ? await httpStatus(target.url, '/', { headers })
        : kind === 1
          ? await httpStatus(target.url, '/api/setup', {
              method: 'POST',
              headers,
              body: JSON.stringify({ username: 'eve', password: 'eve-password-123', displayName: 'Eve' }),
            })
          : await httpStatus(target.url, '/sync/catalog', {
              headers: {
                ...headers,
                Connection: 'Upgrade',
                Upgrade: 'websocket',
                'Sec-WebSocket-Version': '13',
                'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
              },
            });
    t.note(`${['page', 'setup', 'upgrade'][kind]} ${status}`);
  });
  return t;
};

/**
 * Row 8 (the server runs with TRUST_PROXY=1): forged X-Forwarded-For entries to the left of the one a
 * proxy would append (the attacker's real address, 127.0.0.4, which it also connects from): `127.0.0.1`
 * on the first-admin setup, and a new address on every wrong sign-in.
 */
const forgedXff: Driver = async (target, { seconds }) => {
  const t = tally();
  const proxied = (forged: string) => ({ 'X-Forwarded-For': `${forged}, 127.0.0.4` });
  await loops(4, until(seconds), 400 * seconds, t, async (n) => {
    const setup = n % 4 === 0;
    const status = setup
      ? await httpStatus(target.url, '/api/setup', {
          method: 'POST',
          headers: proxied('127.0.0.1'),
          body: JSON.stringify({ username: 'eve', password: 'eve-password-123', displayName: 'Eve' }),
          localAddress: '127.0.0.4',
        })
      : await httpStatus(target.url, '/api/auth/login', {
          method: 'POST',
          headers: proxied(`10.${(n >> 8) & 255}.${n & 255}.1`),
          body: JSON.stringify({ username: `spray${n}`, password: `not the password ${n}` }),
          localAddress: '127.0.0.4',
        });
    t.note(`${setup ? 'setup' : 'sign-in'} ${status}`);
  });
  return t;
};

/**
 * Row 2: another process (here a thread with its own SQLite connection) takes an exclusive lock on the
 * server's database and holds it 3 s, then 6 s, with 1.5 s free between. (Before SE-02b the server's
 * 5 s busy timeout spun on it inside each write; now its writes wait asynchronously.)
 */
const sqliteLock: Driver = async (target, { seconds }) => {
  const t = tally();
  const deadline = until(seconds);
  const db = new Database(target.databaseFile, { timeout: 10_000 });
  try {
    for (let n = 0; performance.now() < deadline; n++) {
      const hold = Math.min(n % 2 === 0 ? 3000 : 6000, deadline - performance.now());
      if (hold <= 0) break;
      t.requests++;
      db.exec('BEGIN EXCLUSIVE');
      await sleep(hold);
      db.exec('COMMIT');
      t.note(`held ${n % 2 === 0 ? '3' : '6'} s`);
      await sleep(1500);
    }
  } finally {
    db.close();
  }
  return t;
};

/**
 * Row 11: the attacking member writes history in bulk under honest members' names into every honest
 * room: updates of 20 forged events, five a second per room.
 */
const prepareForgedHistory: Attack['prepare'] = async (target, options) => {
  // Five a second per room for the phase (and a little over): built now, each a document of its own.
  const perRoom = 5 * options.seconds + 5;
  const frames = target.rooms.map((room, r) =>
    Array.from({ length: perRoom }, (_, n) => {
      const victim = target.honest[(r + n) % target.honest.length] as Target['honest'][number];
      return updateFrame(forgedHistory(room, { id: victim.userId, name: victim.username }, 20));
    }),
  );
  return () => forgedHistoryAttack(target, options, frames);
};

const forgedHistoryAttack = async (target: Target, { seconds }: AttackOptions, frames: Uint8Array[][]) => {
  const t = tally();
  const deadline = until(seconds);
  await Promise.all(
    target.rooms.map(async (room, r) => {
      const mine = frames[r] ?? [];
      let next = 0;
      while (performance.now() < deadline && t.requests < 10 * seconds * target.rooms.length) {
        const s = rawWs(target.url, room, cookie(target.attackerMember), '127.0.0.9');
        if (!(await s.opened)) {
          t.note(`refused ${await s.closed}`);
          await sleep(250);
          continue;
        }
        while (s.ws.readyState === s.ws.OPEN && performance.now() < deadline && next < mine.length) {
          s.ws.send(mine[next++] as Uint8Array);
          t.requests++;
          await sleep(200);
        }
        if (s.ws.readyState === s.ws.OPEN) {
          t.note('open at the end');
          s.ws.terminate();
        } else t.note(`close ${await s.closed}`);
        if (next >= mine.length) break;
      }
    }),
  );
  return t;
};

export const ATTACKS = {
  'huge-viewer': { row: '1', prepare: prepareHugeViewer },
  'huge-member': { row: '1', prepare: prepareHugeMember },
  'sqlite-lock': { row: '2', prepare: asIs(sqliteLock) },
  'unauth-flood': { row: '3', prepare: asIs(unauthFlood) },
  'room-spray': { row: '4', prepare: asIs(roomSpray) },
  'presence-spoof': { row: '5', prepare: asIs(presenceSpoof) },
  'sign-in-flood': { row: '6', prepare: asIs(signInFlood) },
  'forged-host': { row: '7', prepare: asIs(forgedHost) },
  'forged-xff': { row: '8', prepare: asIs(forgedXff) },
  'forged-history': { row: '11', prepare: prepareForgedHistory },
} as const satisfies Record<string, Attack>;

export type AttackName = keyof typeof ATTACKS;
export const ATTACK_NAMES = Object.keys(ATTACKS) as AttackName[];
