/**
 * This browser's identity as a device, and the person acting on it. Both stamp every change (history
 * says who, when and from which device). The device id is made once and kept in localStorage.
 */
import { randomPart } from '@runsheet/domain';

const DEVICE_KEY = 'runsheet.device';
const ACTOR_KEY = 'runsheet.actor';

export interface Actor {
  id: string;
  name: string;
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function newRandomPart(): string {
  return randomPart(randomBytes(16));
}

export function deviceId(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string {
  let id = storage.getItem(DEVICE_KEY);
  if (!id) {
    id = `device-${randomPart(randomBytes(8))}`;
    storage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** Who acts on this device: the signed-in user once sync is set up; until then a local person. */
export function currentActor(storage: Pick<Storage, 'getItem'> = localStorage): Actor {
  const raw = storage.getItem(ACTOR_KEY);
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Partial<Actor>;
      if (typeof parsed.id === 'string' && typeof parsed.name === 'string')
        return { id: parsed.id, name: parsed.name };
    } catch {
      // A damaged entry falls back to the local person rather than blocking the app.
    }
  }
  return { id: 'local', name: 'You (this device)' };
}

export function setActor(actor: Actor, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(ACTOR_KEY, JSON.stringify(actor));
}
