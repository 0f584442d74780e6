/**
 * Fixtures for the sync tests: a server of the test's own (fresh data, a port of 4440-4460 chosen per spec
 * file with `test.use({ relayPort })`), and two devices on it. The server starts with an admin account
 * (RUNSHEET_ADMIN_USER) unless a test asks for a server that needs setup.
 */
import { test as base } from '@playwright/test';
import { ADMIN, Device } from './support/sync-devices';
import { SyncServer } from './support/sync-server';

interface SyncFixtures {
  relayEnv: Record<string, string>;
  relay: SyncServer;
  deviceA: Device;
  deviceB: Device;
}

interface SyncOptions {
  relayPort: number;
}

export const test = base.extend<SyncFixtures, SyncOptions>({
  relayPort: [4441, { option: true, scope: 'worker' }],
  relayEnv: [
    { RUNSHEET_ADMIN_USER: ADMIN.username, RUNSHEET_ADMIN_PASSWORD: ADMIN.password },
    { option: true },
  ],
  relay: async ({ relayPort, relayEnv }, use, testInfo) => {
    const server = new SyncServer({ port: relayPort, env: relayEnv });
    await server.startFresh();
    await use(server);
    await server.kill();
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('server.log', { body: server.output() });
  },
  deviceA: async ({ browser, relay }, use) => {
    const device = await Device.open(browser, relay, 'A');
    await use(device);
    await device.close();
  },
  deviceB: async ({ browser, relay }, use) => {
    const device = await Device.open(browser, relay, 'B');
    await use(device);
    await device.close();
  },
});

export { expect } from '@playwright/test';
export { ADMIN, Device };
