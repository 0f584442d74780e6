/**
 * A Node program that syncs with the app through the relay using the STOCK y-websocket client (no app
 * code): it writes into the catalog document with a domain command applied by the doc layer, or waits
 * until something the browser made arrives. The browser tests bundle and spawn it
 * (e2e/support/stock-client-runner.ts); it lives here, where its packages resolve and typecheck.
 *
 *   node stock-client.mjs <url> <token> create-cluster <name>   -> prints {"clusterId": ...} once stored
 *   node stock-client.mjs <url> <token> wait-cluster <name>     -> prints {"clusterId": ...} once it arrives
 */
import { applyChange, CATALOG, Workspace } from '@runsheet/doc';
import { type ClusterId, createCluster, testContext } from '@runsheet/domain';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const [url, token, command, name] = process.argv.slice(2);
if (!url || !token || !command || !name) {
  console.error('usage: stock-client <url> <token> create-cluster|wait-cluster <name>');
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

async function main(): Promise<void> {
  const doc = new Y.Doc();
  const provider = connect(doc);
  await synced(provider);
  const workspace = new Workspace({ catalog: doc });
  let clusterId: ClusterId;
  if (command === 'create-cluster') {
    const result = createCluster(
      workspace.state,
      { name: name as string },
      testContext({ device: 'node-stock-client' }),
    );
    if (!result.ok) throw new Error(result.error.code);
    applyChange(() => doc, result.change, 'node-client');
    clusterId = result.value.clusterId;
    // Stored on the relay once a second, fresh client receives it from there.
    const check = new Y.Doc();
    const checker = connect(check);
    await synced(checker);
    await clusterNamed(new Workspace({ catalog: check }), name as string);
    checker.destroy();
  } else if (command === 'wait-cluster') {
    clusterId = await clusterNamed(workspace, name as string);
  } else {
    throw new Error(`unknown command ${command}`);
  }
  console.log(JSON.stringify({ clusterId }));
  provider.destroy();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
