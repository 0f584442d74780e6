import type { CommandContext, Id, IdType } from '@runsheet/domain';
import { type Actor, newRandomPart } from './device.ts';

/** The real-world command context: wall clock, random ids, the current actor and this device. */
export function browserContext(actor: Actor, device: string): CommandContext {
  return {
    now: () => new Date().toISOString(),
    newId: <T extends IdType>(type: T) => `${type}:${newRandomPart()}` as Id<T>,
    actor,
    device,
  };
}
