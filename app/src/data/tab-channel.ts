/**
 * Tabs of one browser pass Yjs updates to each other over a BroadcastChannel, so they stay consistent
 * with no network. Each tab also persists what it receives (the sender may close before its write
 * lands), and reloads from IndexedDB when it becomes visible, in case it missed messages while frozen.
 */
import type { DocName } from '@runsheet/doc';

export const TAB_CHANNEL_NAME = 'runsheet-docs';

export interface TabMessage {
  kind: 'update';
  docName: DocName;
  update: Uint8Array;
}

/** The part of BroadcastChannel this module uses; tests pass a real one or a fake. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export function openTabChannel(name = TAB_CHANNEL_NAME): ChannelLike | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
}

function isTabMessage(data: unknown): data is TabMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<TabMessage>;
  return m.kind === 'update' && typeof m.docName === 'string' && m.update instanceof Uint8Array;
}

export class TabLink {
  private readonly onMessage = (event: MessageEvent) => {
    if (isTabMessage(event.data)) this.receive(event.data);
  };

  constructor(
    private readonly channel: ChannelLike,
    private readonly receive: (message: TabMessage) => void,
  ) {
    channel.addEventListener('message', this.onMessage);
  }

  send(docName: DocName, update: Uint8Array): void {
    const message: TabMessage = { kind: 'update', docName, update };
    this.channel.postMessage(message);
  }

  close(): void {
    this.channel.removeEventListener('message', this.onMessage);
    this.channel.close();
  }
}
