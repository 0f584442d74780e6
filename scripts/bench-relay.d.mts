// Types of bench-relay.mjs for the TypeScript benchmarks.
import type { ChildProcess } from 'node:child_process';

export interface RelayProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Whether it has exited. */
  gone(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startRelay(options: {
  script: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  ipc?: boolean;
}): Promise<RelayProcess>;
