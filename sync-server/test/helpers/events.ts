import type { Relay, RelayEvents } from '../../src/relay/relay.ts';

/** Resolves with the arguments of the next `event` for which `match` holds. */
export function nextEvent<K extends keyof RelayEvents>(
  relay: Relay,
  event: K,
  match: (...args: RelayEvents[K]) => boolean = () => true,
): Promise<RelayEvents[K]> {
  return new Promise((resolve) => {
    const listener = (...args: RelayEvents[K]) => {
      if (!match(...args)) return;
      (relay.off as (e: K, l: typeof listener) => void)(event, listener);
      resolve(args);
    };
    (relay.on as (e: K, l: typeof listener) => void)(event, listener);
  });
}

/** Resolves once the relay has stored `count` more updates for `room`. */
export function storedUpdates(relay: Relay, room: string, count: number): Promise<void> {
  let seen = 0;
  return nextEvent(relay, 'update-stored', (r) => r === room && ++seen >= count).then(() => undefined);
}
