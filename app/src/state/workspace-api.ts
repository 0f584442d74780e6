// What the workspace hands to every screen; a type of its own so the test API can name it without
// importing the provider (which installs the test API).
import type { Command } from '@runsheet/doc';
import type { CommandInput, CommandName, CommandResult, CommandValue } from '@runsheet/domain';
import type { LocalData } from '@/data';

export interface WorkspaceApi {
  local: LocalData;
  /** The write gate: false while the person signed in may not change anything (a viewer, SY-05). */
  writesAllowed(): boolean;
  /** Runs a domain command; the release its input names is opened first (CM-02). */
  run<I, T>(command: Command<I, T>, input: I): Promise<CommandResult<T>>;
  /** The same, for the command registered under `name` (the test API's way in, CM-01). */
  runNamed<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandValue<N>>>;
}
