/**
 * Serialised answers of reads that depend only on one version of some state (the Temporal mirror, the
 * catalog), so repeated reads send bytes made once instead of building and stringifying the same views
 * again. The caller passes the state's version: any change bumps it, and the first read at a new version
 * drops every entry, so a change is visible on the very next read. Only successful answers are kept: a
 * `build` that throws (a 400, a 404) caches nothing.
 */
export class JsonCache {
  private owner: object | null = null;
  private version = -1;
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  /** `maxBytes` bounds the memory: odd parameters (many cursors, limits) must not grow it without end. */
  constructor(private readonly maxBytes = 8 * 1024 * 1024) {}

  /**
   * The bytes for `key` at this version of `owner`'s state, made by `build` when missing. `owner` is the
   * object whose version it is (a server restarted in the same process has a new mirror, counting from 0).
   */
  get(owner: object, version: number, key: string, build: () => string): Buffer {
    if (owner !== this.owner || version !== this.version) {
      this.owner = owner;
      this.version = version;
      this.clear();
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const made = Buffer.from(build(), 'utf8');
    if (made.length <= this.maxBytes) {
      if (this.bytes + made.length > this.maxBytes) this.clear();
      this.entries.set(key, made);
      this.bytes += made.length;
    }
    return made;
  }

  private clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/**
 * `JSON.stringify(head)` without its closing brace, for an object whose last member changes per request
 * (the mirror's age): `[openObject(head), lastMember('mirror', value)]` concatenated is exactly
 * `JSON.stringify({ ...head, mirror: value })`.
 */
export function openObject(head: object): string {
  const text = JSON.stringify(head);
  if (text === '{}') throw new Error('openObject needs at least one member before the last');
  return text.slice(0, -1);
}

/** The last member and the closing brace of an object opened with `openObject`. */
export function lastMember(key: string, value: unknown): string {
  return `,${JSON.stringify(key)}:${JSON.stringify(value)}}`;
}
