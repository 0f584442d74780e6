import { ConfigError, loadConfig, type ServerConfig } from './config.ts';
import { createRunsheetServer } from './server.ts';

/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 5_000;

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const server = await createRunsheetServer(config);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    setTimeout(() => {
      console.error(`Shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  // Handlers first, then the line: whoever waits for the line may signal at once.
  const address = await server.listen();
  const data = server.storage.engine === 'sqlite' ? config.dataDir : server.storage.description;
  console.log(`Runsheet listening on http://${config.host}:${address.port} (data: ${data})`);
  if (server.cluster !== null) {
    console.log(
      `One of several relays: ${server.cluster.relayId}, through Redis at ${server.cluster.description}`,
    );
  }
  if (config.openMode) {
    console.log('Open mode (RUNSHEET_OPEN=1): no sign-in; everyone who can reach this port is an admin.');
  } else if (await server.auth.needsSetup()) {
    console.log(
      `First run: open http://localhost:${address.port}/ on this machine to create the admin ` +
        `(from another device, enter setup code ${server.auth.setupCode}).`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
