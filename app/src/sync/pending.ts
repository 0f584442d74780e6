/**
 * How many local changes the relay has not confirmed yet ("N changes waiting").
 *
 * y-websocket has no per-update acknowledgement, but the relay handles each connection's messages strictly
 * in order, storing an update in SQLite before it reads the next message (sync-server/README.md,
 * "Writing"). So a sync step 1 works as a barrier: the relay's step 2 answer to it proves that every message
 * sent on that socket before it has been applied and stored. The relay answers step 1s one for one, in
 * order, and sends step 2 only as such an answer, so answers are matched to barriers first in, first out.
 *
 * - Each local transaction (this tab's commands and changes other tabs pass on) counts one change.
 * - A barrier covers the changes counted when it was sent, but only once this connection has answered the
 *   relay's own step 1: that step 2 is what uploads changes made while disconnected. The provider's step 1
 *   on opening is answered before anything of ours reached the relay, so it covers nothing.
 * - A closed connection forgets its barriers; whatever they covered stays waiting and is uploaded by the next
 *   connection's handshake.
 * - A read-only connection (the relay refused a write) confirms nothing.
 */
const COVERS_NOTHING = -1;

export class PendingTracker {
  private counted: number;
  private confirmed = 0;
  private barriers: number[] = [];
  private handshakeDone = false;
  private refused = false;

  /** `waitingBefore`: changes left unconfirmed by an earlier page (stored across reloads). */
  constructor(waitingBefore = 0) {
    this.counted = Math.max(0, Math.floor(waitingBefore));
  }

  get pending(): number {
    return this.counted - this.confirmed;
  }

  /** This connection has uploaded what the relay lacked. */
  get handshaken(): boolean {
    return this.handshakeDone;
  }

  /** True once this connection can confirm changes with a barrier. */
  get canConfirm(): boolean {
    return this.handshakeDone && !this.refused;
  }

  localChange(): void {
    this.counted++;
  }

  /** The socket opened; the provider sends its own step 1 first. */
  opened(): void {
    this.barriers = [COVERS_NOTHING];
    this.handshakeDone = false;
    this.refused = false;
  }

  /** The provider answered the relay's step 1 with everything the relay lacks. */
  handshakeAnswered(): void {
    this.handshakeDone = true;
  }

  /** A step 1 of ours is going out now, after everything counted so far. */
  barrierSent(): void {
    this.barriers.push(this.canConfirm ? this.counted : COVERS_NOTHING);
  }

  /** The relay answered the oldest outstanding step 1. */
  answerReceived(): void {
    const covered = this.barriers.shift();
    if (covered !== undefined && !this.refused && covered > this.confirmed) this.confirmed = covered;
  }

  /** The relay refused a write on this connection (viewer): nothing it answers confirms anything. */
  writeRefused(): void {
    this.refused = true;
  }

  closed(): void {
    this.barriers = [];
    this.handshakeDone = false;
  }

  /** True while a barrier is on its way. */
  get awaitingAnswer(): boolean {
    return this.barriers.length > 0;
  }
}
