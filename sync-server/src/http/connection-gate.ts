/**
 * SE-03: how many WebSocket upgrades (in progress or open) the server holds, overall and per client
 * address. Checked before anything else of an upgrade (before signing in, which costs a database read),
 * so a flood from one address is refused at the cost of a map lookup.
 */
export class ConnectionGate {
  private readonly perAddress = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly max: number,
    private readonly maxPerAddress: number,
  ) {}

  /** Counts one more connection from `address`; returns its release (idempotent), or null when full. */
  admit(address: string): (() => void) | null {
    const held = this.perAddress.get(address) ?? 0;
    if (this.total >= this.max || held >= this.maxPerAddress) return null;
    this.perAddress.set(address, held + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left === 0) this.perAddress.delete(address);
      else this.perAddress.set(address, left);
    };
  }

  get size(): number {
    return this.total;
  }
}
