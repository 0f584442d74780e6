import type { Id, IdType } from './ids.ts';

/**
 * Everything a command needs from the outside world, passed in so commands stay pure and the
 * simulation can make them deterministic: the clock, id generation, who acts and from which device.
 */
export interface CommandContext {
  now(): string;
  newId<T extends IdType>(type: T): Id<T>;
  actor: { id: string; name: string };
  device: string;
}
