/**
 * Deterministic helpers for tests and simulations (here and in the doc layer's contract suite): a
 * context with a hand-driven clock and counter ids, and a way to run a command against plain state.
 */
import { applyChange } from './apply.ts';
import type { CommandContext } from './context.ts';
import type { Id, IdType } from './ids.ts';
import type { CommandResult } from './result.ts';
import { type DomainState, emptyCatalog } from './state.ts';

export interface TestContext extends CommandContext {
  /** Move the clock forward (milliseconds). The clock never moves by itself. */
  tick(ms?: number): void;
  /** Set the clock to an ISO time. */
  setNow(iso: string): void;
}

export interface TestContextOptions {
  /** Start time, ISO. Default 2026-02-01T09:00:00.000Z. */
  start?: string;
  actor?: CommandContext['actor'];
  /** Device name; also the prefix of generated ids, so two devices never make the same id. */
  device?: string;
}

/** A fixed clock and counter ids: `cluster:<device>-1`, `event:<device>-2`, ... */
export function testContext(options: TestContextOptions = {}): TestContext {
  const device = options.device ?? 'dev1';
  let now = Date.parse(options.start ?? '2026-02-01T09:00:00.000Z');
  let counter = 0;
  return {
    actor: options.actor ?? { id: 'user:alice', name: 'Alice' },
    device,
    now: () => new Date(now).toISOString(),
    newId<T extends IdType>(type: T): Id<T> {
      counter += 1;
      return `${type}:${device}-${counter}` as Id<T>;
    },
    tick(ms = 1000) {
      now += ms;
    },
    setNow(iso: string) {
      now = Date.parse(iso);
    },
  };
}

export function emptyState(): DomainState {
  return { catalog: emptyCatalog(), releases: {} };
}

/** Thrown by `run` when a command refuses, with the reason code in the message. */
export class CommandRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(`${code}${field ? ` (${field})` : ''}: ${message}`);
  }
}

/** Apply a command's result to `state`; throws CommandRefused when it refused. */
export function run<T>(state: DomainState, result: CommandResult<T>): { state: DomainState; value: T } {
  if (!result.ok) throw new CommandRefused(result.error.code, result.error.message, result.error.field);
  return { state: applyChange(state, result.change), value: result.value };
}
