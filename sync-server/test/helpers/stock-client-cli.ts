/**
 * A Node program that syncs with the app through the relay using the STOCK y-websocket client (no app
 * code): it writes into the catalog document with a domain command applied by the doc layer, or waits
 * until something the browser made arrives. The browser tests bundle and spawn it
 * (e2e/support/stock-client-runner.ts); it lives here, where its packages resolve and typecheck.
 *
 *   node stock-client.mjs <url> <token> create-cluster <name>      -> {"clusterId"} once the relay stored it
 *   node stock-client.mjs <url> <token> try-create-cluster <name>  -> {"clusterId", "refused"} (viewers)
 *   node stock-client.mjs <url> <token> wait-cluster <name>        -> {"clusterId"} once it arrives
 *   node stock-client.mjs <url> <token> has-cluster <name>         -> {"found"} after the first sync
 */
import { applyChange, CATALOG, Workspace } from '@runsheet/doc';
import { type ClusterId, createCluster, testContext } from '@runsheet/domain';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const [url, token, command, name] = process.argv.slice(2);
if (!url || !token || !command || !name) {
  console.error('usage: stock-client <url> <token> <command> <name>');
  process.exit(2);
}

function connect(doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(`${url?.replace(/^http/, 'ws')}/sync`, CATALOG, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Node 20 has a global BroadcastChannel; every byte must go through the relay.
    disableBc: true,
    // The stock client cannot set headers: the relay accepts an API token in the query on upgrades.
    params: { token: token as string },
  });
}

function synced(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve, reject) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => isSynced && resolve());
    provider.on('closed', (event) => reject(new Error(`relay closed: ${event.code} ${event.reason}`)));
  });
}

/** Resolves with the id of the active cluster called `clusterName` once the workspace has it. */
function clusterNamed(workspace: Workspace, clusterName: string): Promise<ClusterId> {
  const find = () =>
    Object.values(workspace.state.catalog.clusters).find((c) => c.isActive && c.name === clusterName)?.id;
  return new Promise((resolve) => {
    const found = find();
    if (found) return resolve(found);
    const off = workspace.subscribe(() => {
      const id = find();
      if (!id) return;
      off();
      resolve(id);
    });
  });
}

/**
 * Whether the relay refused a write on this connection: it says so once per connection, possibly already
 * to the handshake (a viewer's empty sync step 2), so the watch starts before connecting.
 */
function watchRefusal(provider: WebsocketProvider): () => boolean {
  let refused = false;
  const auth = provider.messageHandlers[2];
  provider.messageHandlers[2] = (...args) => {
    refused = true;
    auth?.(...args);
  };
  return () => refused;
}

/**
 * Resolves once the relay has handled everything this client sent so far: it answers a sync step 1 only
 * after the messages before it (one socket, in order).
 */
function settled(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => {
    const handlers = provider.messageHandlers;
    const sync = handlers[0];
    handlers[0] = (encoder, decoder, p, emitSynced, type) => {
      const isStep2 = decoder.arr[decoder.pos] === 1;
      sync?.(encoder, decoder, p, emitSynced, type);
      if (isStep2) resolve();
    };
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, provider.doc);
    provider.ws?.send(encoding.toUint8Array(encoder));
  });
}

function create(workspace: Workspace, doc: Y.Doc): ClusterId {
  const result = createCluster(
    workspace.state,
    { name: name as string },
    testContext({ device: 'node-stock-client' }),
  );
  if (!result.ok) throw new Error(result.error.code);
  applyChange(() => doc, result.change, 'node-client');
  return result.value.clusterId;
}

async function main(): Promise<void> {
  const doc = new Y.Doc();
  const provider = connect(doc);
  const refused = watchRefusal(provider);
  await synced(provider);
  const workspace = new Workspace({ catalog: doc });
  let output: Record<string, unknown>;
  if (command === 'create-cluster') {
    const clusterId = create(workspace, doc);
    await settled(provider);
    if (refused()) throw new Error('the relay refused the write');
    output = { clusterId };
  } else if (command === 'try-create-cluster') {
    // For a read-only account: reports whether the relay refused it.
    const clusterId = create(workspace, doc);
    await settled(provider);
    output = { clusterId, refused: refused() };
  } else if (command === 'wait-cluster') {
    output = { clusterId: await clusterNamed(workspace, name as string) };
  } else if (command === 'has-cluster') {
    output = { found: Object.values(workspace.state.catalog.clusters).some((c) => c.name === name) };
  } else {
    throw new Error(`unknown command ${command}`);
  }
  console.log(JSON.stringify(output));
  provider.destroy();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
