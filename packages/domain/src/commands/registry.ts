/**
 * Every command under its name (CM-01): the one list the app's write path, the test API and the REST
 * API look commands up in, so `run('markDone', input)` needs nothing else to know what to run and which
 * release to open first (CM-02).
 */
import type { z } from 'zod';
import { activateRelease, addCustomersToRelease } from './activation.ts';
import { archiveCluster, createCluster, restoreCluster, updateCluster } from './clusters.ts';
import { reviewConflict } from './conflict-review.ts';
import { addCustomStep, deleteCustomStep, editCustomStep } from './custom-steps.ts';
import { overrideStep, resetToTemplate, setNotes } from './customer-steps.ts';
import {
  archiveCustomer,
  createCustomer,
  moveCustomer,
  restoreCustomer,
  updateCustomer,
} from './customers.ts';
import type { DefinedCommand } from './define-command.ts';
import { openGateEarly, signOffGate } from './gates.ts';
import { haltRollout, resumeRollout } from './halt.ts';
import { archiveRelease, cloneRelease, createRelease, unarchiveRelease, updateRelease } from './releases.ts';
import { reopenStep } from './step-reopen.ts';
import { bulkMarkDone, markDone, revertStep, skipStep } from './step-status.ts';
import { addTemplate, deleteTemplate, moveTemplate, updateTemplate } from './templates.ts';
import { addWave, assignToWave, deleteWave, planWaves, updateWave } from './waves.ts';

export const COMMANDS = {
  activateRelease,
  addCustomersToRelease,
  addCustomStep,
  addTemplate,
  addWave,
  archiveCluster,
  archiveCustomer,
  archiveRelease,
  assignToWave,
  bulkMarkDone,
  cloneRelease,
  createCluster,
  createCustomer,
  createRelease,
  deleteCustomStep,
  deleteTemplate,
  deleteWave,
  editCustomStep,
  haltRollout,
  markDone,
  moveCustomer,
  moveTemplate,
  openGateEarly,
  overrideStep,
  planWaves,
  reopenStep,
  resetToTemplate,
  restoreCluster,
  restoreCustomer,
  resumeRollout,
  revertStep,
  reviewConflict,
  setNotes,
  signOffGate,
  skipStep,
  unarchiveRelease,
  updateCluster,
  updateCustomer,
  updateRelease,
  updateTemplate,
  updateWave,
} as const;

export type CommandName = keyof typeof COMMANDS;
type Spec<N extends CommandName> = (typeof COMMANDS)[N]['spec'];
/** What `run(name, input)` takes for command `N` (the schema's input side). */
export type CommandInput<N extends CommandName> = z.input<Spec<N>['input']>;
/** The value a command `N` returns when it succeeds. */
export type CommandValue<N extends CommandName> =
  (typeof COMMANDS)[N] extends DefinedCommand<string, z.ZodType, infer T> ? T : never;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The command named `name`, typed by its name. */
export function commandNamed<N extends CommandName>(name: N): (typeof COMMANDS)[N] {
  return COMMANDS[name];
}

/** Every command as the general type, for callers that look one up by a name they were sent. */
export function anyCommand(name: CommandName): DefinedCommand<string, z.ZodType, unknown> {
  return COMMANDS[name] as unknown as DefinedCommand<string, z.ZodType, unknown>;
}
