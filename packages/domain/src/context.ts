import type { Id, IdType } from './ids.ts';

/**
 * Everything a command needs from the outside world, passed in so commands stay pure and the
 * simulation can make them deterministic: the clock, id generation, who acts and from which device.
 */
export interface CommandContext {
  now(): string;
  newId<T extends IdType>(type: T): Id<T>;
  /**
   * Who acts. `role` is the signed-in account's role when there is one; the few commands only an
   * admin may run (opening a gate early, WV-07) refuse any other role. Without accounts (local only,
   * open mode) it is left out and the one person using the device may do everything.
   */
  actor: { id: string; name: string; role?: 'admin' | 'member' | 'viewer' };
  device: string;
}
