/**
 * A Runsheet server of the test's own, as users run it (`node sync-server/dist/main.js`), on a port of the
 * sync tests' range (4440-4460) with a fresh DATA_DIR, serving the built app. It can be killed with SIGKILL
 * and started again on the same data and port, which is what the durability tests need.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { APP_DIST, E2E_SERVER_DIR } from './paths';

const SERVER_MAIN = join(import.meta.dirname, '..', '..', 'sync-server', 'dist', 'main.js');

export interface ServerOptions {
  port: number;
  /** Extra environment, e.g. RUNSHEET_ADMIN_USER / RUNSHEET_ADMIN_PASSWORD. */
  env?: Record<string, string>;
}

export class SyncServer {
  readonly url: string;
  readonly dataDir: string;
  private child: ChildProcess | null = null;
  private log = '';

  constructor(private readonly options: ServerOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
    this.dataDir = join(E2E_SERVER_DIR, `sync-${options.port}`);
  }

  /** A fresh data directory, then start. */
  async startFresh(): Promise<this> {
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true });
    await this.start();
    return this;
  }

  /** Starts on the existing data directory and waits for the listening line. */
  async start(): Promise<void> {
    if (this.child) throw new Error('server already running');
    const child = spawn(process.execPath, [SERVER_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(this.options.port),
        DATA_DIR: this.dataDir,
        STATIC_DIR: APP_DIST,
        // Revocations and role changes act at once anyway; this bounds how long an expiry takes to notice.
        RELAY_AUTH_RECHECK_MS: '1000',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const listening = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.log += chunk.toString();
        if (this.log.includes(`Runsheet listening on ${this.url}`)) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) =>
        reject(new Error(`server exited (${code ?? signal}) before listening:\n${this.log}`)),
      );
    });
    await listening;
  }

  /** kill -9: no shutdown, no compaction, no goodbye to the clients. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: the graceful stop. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  output(): string {
    return this.log;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}
