/** What every simulated action is made of: the acting replica's view, and one attempt on it. */
import type { CommandResult, DomainState, Release } from '@runsheet/domain';
import type { Command } from '../../src/index.ts';
import type { Prng } from '../support/prng.ts';
import type { SimLog } from './log.ts';
import type { Replica } from './replica.ts';

export interface Pick {
  rng: Prng;
  state: DomainState;
}

export type Attempt = {
  command: string;
  run: () => CommandResult<unknown>;
  after?: (value: unknown) => void;
};
export type Action = {
  name: string;
  weight: number;
  plan: (p: Pick, r: Replica, log: SimLog) => Attempt | null;
};

export const values = <T>(record: Record<string, T>) => Object.values(record);

export function pickRelease(p: Pick, usable = true): Release | null {
  const releases = values(p.state.catalog.releases).filter((r) => !usable || r.status !== 'archived');
  return releases.length > 0 ? p.rng.pick(releases) : null;
}

/** Runs `command` on the replica's workspace: the one write path. */
export function attempt<I, T>(
  r: Replica,
  name: string,
  command: Command<I, T>,
  input: I,
  after?: (value: T) => void,
) {
  return {
    command: name,
    run: () => r.ws.run(command, input, r.ctx),
    after: after as ((value: unknown) => void) | undefined,
  };
}
