// What the workspace hands to every screen; a type of its own so the test API can name it without
// importing the provider (which installs the test API).
import type { Command } from '@runsheet/doc';
import type { CommandResult, ReleaseId } from '@runsheet/domain';
import type { LocalData } from '@/data';

export interface WorkspaceApi {
  local: LocalData;
  /** Runs a domain command. Commands on a release need it open: pass its id and it is opened first. */
  run<I, T>(command: Command<I, T>, input: I, releaseId?: ReleaseId): Promise<CommandResult<T>>;
}
