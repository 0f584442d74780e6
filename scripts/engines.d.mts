// Types of engines.mjs for the TypeScript tests and benchmarks that start real engines.
export class EngineMissing extends Error {}

export function freePort(): Promise<number>;
export function findPostgres(): string;
export function findNginx(): string;
export function findRedis(): string;

export interface RunningPostgres {
  port: number;
  /** The server's role (not a superuser), on its own database. */
  url: string;
  /** The superuser, on the `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
}

export function startPostgres(options?: {
  durable?: boolean;
  /** More `name=value` server settings. */
  settings?: string[];
  log?: (line: string) => void;
}): Promise<RunningPostgres>;

export interface RunningRedis {
  port: number;
  url: string;
  readonly pid: number | undefined;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function startRedis(options?: { port?: number; log?: (line: string) => void }): Promise<RunningRedis>;
