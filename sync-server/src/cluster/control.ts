import type { Redis } from './redis.ts';
import type { StreamReader } from './stream-reader.ts';

/**
 * The control channel: a relay that changed someone's access (a token revoked, a user disabled or given
 * another role, a sign-out, a password reset) tells every other relay, which drops its cached sign-ins and
 * checks its open connections again at once, instead of at its next periodic recheck. A Redis stream, so a
 * relay that was busy still reads it; a relay that lost Redis checks everything again when it is back
 * (it may have missed a message), and the periodic recheck bounds the rest.
 */
export class ControlChannel {
  private readonly key: string;
  /** Set by the server once the relay and the auth exist. */
  onAccessChanged: () => void = () => {};

  constructor(
    private readonly reader: StreamReader,
    private readonly commands: Redis,
    private readonly relayId: string,
    prefix: string,
    private readonly log: Pick<Console, 'warn'>,
  ) {
    this.key = `${prefix}control`;
  }

  async start(): Promise<void> {
    await this.reader.add(this.key, {
      entries: (entries) => {
        const fromOthers = entries.some(
          ({ fields }) =>
            fields.get('r')?.toString() !== this.relayId && fields.get('k')?.toString() === 'access',
        );
        if (fromOthers) this.onAccessChanged();
      },
      missed: () => this.onAccessChanged(),
    });
  }

  /** Tells the other relays; never throws (they recheck on their own within RELAY_AUTH_RECHECK_MS). */
  async accessChanged(): Promise<void> {
    try {
      await this.commands.xadd(this.key, 'MAXLEN', '~', 1_000, '*', 'r', this.relayId, 'k', 'access');
    } catch (error) {
      this.log.warn(`Could not tell the other relays of an access change: ${(error as Error).message}`);
    }
  }
}
