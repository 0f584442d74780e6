/**
 * A named command with its input schema (CM-01..CM-03, docs/SPEC.md). `defineCommand` checks the input
 * against the schema before `run` sees it, so no command opens with its own parsing, and it says which
 * release the input names (`releaseId`), so a caller opens that release without being told twice.
 *
 * The result is still a plain command function `(state, input, ctx) => result`, so tests and the
 * document layer call it as before; the registry (registry.ts) holds every one under its name.
 */
import type { z } from 'zod';
import type { CommandContext } from '../context.ts';
import type { ReleaseId } from '../ids.ts';
import type { CommandResult } from '../result.ts';
import type { DomainState } from '../state.ts';
import { parseInput } from '../validation.ts';

export interface CommandSpec<N extends string, S extends z.ZodType, T> {
  /** The stable name: the registry's key, the test API's and the REST API's word for it. */
  name: N;
  input: S;
  /** The release document the command reads and writes; absent for commands on the catalog only. */
  releaseId?: (input: z.output<S>) => ReleaseId;
  /** The rule itself, given input that passed the schema. */
  run(state: DomainState, input: z.output<S>, ctx: CommandContext): CommandResult<T>;
}

export interface DefinedCommand<N extends string = string, S extends z.ZodType = z.ZodType, T = unknown> {
  (state: DomainState, input: z.input<S>, ctx: CommandContext): CommandResult<T>;
  readonly spec: CommandSpec<N, S, T>;
}

export function defineCommand<N extends string, S extends z.ZodType, T>(
  spec: CommandSpec<N, S, T>,
): DefinedCommand<N, S, T> {
  const command = (state: DomainState, input: z.input<S>, ctx: CommandContext): CommandResult<T> => {
    const parsed = parseInput(spec.input, input);
    if (!parsed.ok) return parsed;
    return spec.run(state, parsed.value, ctx);
  };
  return Object.assign(command, { spec });
}

/**
 * The release `input` names for `command` (CM-02), or undefined: for a catalog command, and for input
 * that fails the schema (the command itself then says why, where it was typed).
 */
export function releaseIdOf<S extends z.ZodType>(
  command: DefinedCommand<string, S, unknown>,
  input: z.input<S>,
): ReleaseId | undefined {
  const pick = command.spec.releaseId;
  if (!pick) return undefined;
  const parsed = command.spec.input.safeParse(input);
  return parsed.success ? pick(parsed.data) : undefined;
}
