/**
 * A "device": a browser context of its own (own IndexedDB, cookies, network switch) on one server. Two of
 * them in one test are two laptops syncing through the relay.
 */
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { AppShell } from '../pages/app-shell';
import { SyncIndicator } from '../pages/sync-indicator';
import { watchCsp } from './csp-watch';
import type { SyncServer } from './sync-server';

export const ADMIN = { username: 'admin', password: 'admin-password-123', displayName: 'admin' } as const;

export class Device {
  readonly sync: SyncIndicator;

  /** Refusals of the server's Content-Security-Policy on this device (none allowed, SE-09). */
  private readonly cspViolations: string[];

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    this.sync = new SyncIndicator(page);
    this.cspViolations = watchCsp(context);
  }

  static async open(browser: Browser, server: SyncServer, name: string): Promise<Device> {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    return new Device(name, context, page);
  }

  /** Signs in through the API (shares the context's cookies); the UI flow has tests of its own. */
  async signInByApi(username: string, password: string): Promise<void> {
    const response = await this.context.request.post('/api/auth/login', { data: { username, password } });
    expect(response.status(), await response.text()).toBe(200);
  }

  /** Creates a user through the API as the admin signed in on this device. */
  async createUser(user: { username: string; password: string; role: 'admin' | 'member' | 'viewer' }) {
    const response = await this.context.request.post('/api/users', { data: user });
    expect(response.status(), await response.text()).toBe(201);
  }

  /** Opens the app signed in (the API sign-in first) and waits until it has synced. */
  async openSignedIn(username: string = ADMIN.username, password: string = ADMIN.password): Promise<void> {
    await this.signInByApi(username, password);
    await this.page.goto('/');
    await this.sync.expectSynced();
  }

  /** Waits until the service worker controls the page: from then on the app loads with no network. */
  async waitForOfflineReady(): Promise<void> {
    await new AppShell(this.page).waitForServiceWorker();
  }

  async close(): Promise<void> {
    await this.context.close();
    expect(this.cspViolations, `${this.name} broke none of the server's Content-Security-Policy`).toEqual([]);
  }
}
