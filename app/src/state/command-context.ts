import type { CommandContext, Id, IdType } from '@runsheet/domain';
import type { Role } from '@runsheet/protocol';
import { type Actor, newRandomPart } from './device.ts';

/**
 * The real-world command context: wall clock, random ids, the current actor and this device. `role` is
 * the signed-in account's role (none on a device that never signed in, which owns its data): the few
 * admin-only commands (opening a gate early, WV-07) then refuse a member here too, whatever screen,
 * palette or script asked, not only where a button is hidden.
 */
export function browserContext(actor: Actor, device: string, role?: Role): CommandContext {
  return {
    now: () => new Date().toISOString(),
    newId: <T extends IdType>(type: T) => `${type}:${newRandomPart()}` as Id<T>,
    actor: role === undefined ? actor : { ...actor, role },
    device,
  };
}
