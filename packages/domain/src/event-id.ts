/**
 * Event ids derived from what an event says (HI-04): `event:` + 11 id characters of a 64-bit hash
 * of its kind, release, time, actor, device, subject, causal link, statuses and detail. A release
 * document then stores no id for an event (the reader computes it again), yet the id is known when the
 * command makes the event, so the domain's reference state and every document agree on it.
 *
 * Two events get one id only when they say exactly the same thing: the same device acting as the same
 * person at the same millisecond on the same subject after the same event, with the same detail. A
 * device cannot make that twice (the second would name the first in `after`). Two different events
 * share an id with the odds of a 64-bit hash collision: about 3 in 10^10 for a release of 100,000 events.
 */
import type { HistoryEvent } from './entities/step-event.ts';
import type { EventId } from './ids.ts';

/** What an event id is computed from: everything but the id. */
export type EventFields = Omit<HistoryEvent, 'id'>;

const SEP = '\u0001';
const NULL = '\u0002';

/** One string that two events share only when every field is equal (detail keys in sorted order). */
function canonical(e: EventFields): string {
  let out = `${e.kind}${SEP}${e.releaseId}${SEP}${e.at}${SEP}${e.by}${SEP}${e.byName}${SEP}${e.device}`;
  for (const v of [e.stepId, e.customerId, e.templateId, e.after, e.from, e.to]) out += SEP + (v ?? NULL);
  const keys = Object.keys(e.detail).sort();
  for (const k of keys) out += `${SEP}${k}=${e.detail[k]}`;
  return out;
}

/**
 * A 64-bit hash of a string as two 32-bit halves (cyrb53's mixing, kept at full width). Not
 * cryptographic: ids only have to differ, and a person who can write to a document can write anything.
 */
export function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** The id alphabet (ID-01: letters, digits, `_` and `-`): six bits a character. */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The 64-bit hash of `text` as `length` id characters (six bits each, low bits first, so any prefix
 * is as uniform as its length allows). 11 characters hold all 64 bits; `length` up to 11.
 */
export function hashId(text: string, length = 11): string {
  const [hi, lo] = hash64(text);
  let out = '';
  // 64 bits as 11 groups of six: 5 from `lo`, one across both, 5 from `hi`.
  for (let i = 0; i < 5 && out.length < length; i++) out += DIGITS[(lo >>> (6 * i)) & 63];
  if (out.length < length) out += DIGITS[((lo >>> 30) | (hi << 2)) & 63];
  for (let i = 0; i < 5 && out.length < length; i++) out += DIGITS[(hi >>> (4 + 6 * i)) & 63];
  return out;
}

export function eventIdOf(content: EventFields): EventId {
  return `event:${hashId(canonical(content))}` as EventId;
}
