/**
 * Connects the open documents to the relay and tells the UI how that is going.
 *
 * - One DocLink (stock WebsocketProvider) per open document: the catalog always, every release document
 *   that is open. Active releases are kept open while sync is on, so they stay connected; archived ones
 *   connect when something opens them (a release page).
 * - The links connect only while the session allows it (signed in, or the server in open mode), the user
 *   has not paused sync and the browser says it is online. Without a server the app stays local-only and
 *   nothing here touches the network beyond one session check.
 * - A link stopped by 4401/4440 makes the session store ask the server; once the user signs in again,
 *   every link connects and its handshake uploads what waited.
 * - Documents only the server writes (the Temporal mirror) are followed: connected under the same rules
 *   (session, pause, network), but kept out of the documents the user is told about (nothing of theirs
 *   waits in them, and the relay's refusal of a stray write there says nothing about their role).
 */

import { CATALOG, type DocName } from '@runsheet/doc';
import { CREDENTIAL_CLOSE_CODES } from '@runsheet/protocol';
import type * as Y from 'yjs';
import { type LocalData, STORAGE_ORIGIN } from '@/data';
import { DocLink, type LinkSnapshot } from './doc-link.ts';
import { maySync, type SessionState, type SessionStore } from './session.ts';
import type { WaitingStore } from './waiting-store.ts';

export interface SyncSnapshot {
  session: SessionState;
  /** The user paused sync on this device. */
  paused: boolean;
  /** What the browser says (navigator.onLine and its events). */
  online: boolean;
  docs: readonly LinkSnapshot[];
  /** Local changes the relay has not confirmed, over every open document. */
  pending: number;
}

export interface SyncManagerOptions {
  local: LocalData;
  session: SessionStore;
  waiting: WaitingStore;
  /** `ws(s)://host/sync` */
  serverUrl: string;
  WebSocketPolyfill?: typeof WebSocket;
  online?: boolean;
}

/**
 * After a credential close, the session check may find the browser signed in after all (a password change
 * here replaced the session cookie); after a read-only refusal it may find the user promoted. The link then
 * reconnects by itself, but not more than once in this window: a relay that keeps refusing what the API
 * accepts must not make the page loop.
 */
const CREDENTIAL_RETRY_WINDOW_MS = 30_000;

export class SyncManager {
  private readonly links = new Map<DocName, DocLink>();
  private readonly followed = new Map<string, DocLink>();
  private readonly listeners = new Set<() => void>();
  private readonly linkListeners = new Set<(link: DocLink, added: boolean) => void>();
  private readonly cleanups: Array<() => void> = [];
  private paused = false;
  private online: boolean;
  private current: SyncSnapshot;
  private openingActive = false;
  /** The user the open connections authenticated as: switching accounts reconnects them. */
  private connectedAs: string | null = null;
  private readonly credentialRetries = new WeakMap<DocLink, number>();
  private readonly roleRetries = new WeakMap<DocLink, number>();
  private readonly refusedSeen = new WeakSet<DocLink>();

  constructor(private readonly options: SyncManagerOptions) {
    this.online = options.online ?? true;
    this.current = this.compute();
  }

  start(): void {
    const { local, session } = this.options;
    for (const [name, doc] of local.workspace.docs()) this.attach(name, doc);
    this.cleanups.push(local.workspace.onDocOpen((name, doc) => this.attach(name, doc)));
    this.cleanups.push(session.subscribe(() => this.apply()));
    this.cleanups.push(session.onSignIn(() => this.retry()));
    // A release activated here or elsewhere joins the connected set.
    this.cleanups.push(
      local.workspace.subscribe((changes) => {
        if (changes.kind === 'catalog' && changes.releases.length > 0 && this.shouldConnect())
          this.openActiveReleases();
      }),
    );
    this.apply();
  }

  snapshot(): SyncSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The link of one document, if it is open. Presence reads awareness through it. */
  link(name: DocName): DocLink | undefined {
    return this.links.get(name);
  }

  allLinks(): DocLink[] {
    return [...this.links.values()];
  }

  /** Tells `listener` about every link added from now on, and removed (presence follows links). */
  onLinks(listener: (link: DocLink, added: boolean) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  /**
   * Keeps a server-written document (room `room`) in step with the relay, read-only, for as long as the
   * returned function is not called. Its updates from storage must carry STORAGE_ORIGIN.
   */
  follow(room: string, doc: Y.Doc): () => void {
    const existing = this.followed.get(room);
    if (existing) return () => {};
    // Only the server writes it: nothing of this device's copy is ever sent (SE-14).
    const link = this.newLink(room, doc, () => false);
    this.followed.set(room, link);
    link.subscribe(() => {
      const { stoppedBy } = link.snapshot();
      if (stoppedBy && CREDENTIAL_CLOSE_CODES.has(stoppedBy.code)) this.options.session.credentialsRefused();
    });
    if (this.shouldConnect()) link.connect();
    return () => {
      if (this.followed.get(room) !== link) return;
      this.followed.delete(room);
      link.destroy();
    };
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.apply();
  }

  setOnline(online: boolean): void {
    this.online = online;
    this.apply();
  }

  /** Connects every link again (e.g. "Retry" after a link was stopped by the relay). */
  retry(): void {
    this.apply(true);
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const link of [...this.links.values(), ...this.followed.values()]) link.destroy();
    this.links.clear();
    this.followed.clear();
    this.listeners.clear();
  }

  private shouldConnect(): boolean {
    return maySync(this.options.session.get()) && !this.paused && this.online;
  }

  /** Brings every link in line with the session, the pause switch and the network. */
  private apply(force = false): void {
    const connect = this.shouldConnect();
    const state = this.options.session.get();
    const user = state.kind === 'signed-in' ? state.user.id : null;
    const switched = connect && this.connectedAs !== null && user !== this.connectedAs;
    this.connectedAs = connect ? user : null;
    for (const link of [...this.links.values(), ...this.followed.values()]) {
      const { status } = link.snapshot();
      if (switched) {
        // The socket carries the previous account's cookie check; a new upgrade authenticates the new one.
        link.disconnect();
        link.connect();
      } else if (!connect) {
        if (status !== 'idle') link.disconnect();
      } else if (status === 'idle' || (status === 'stopped' && (force || this.mayRetryCredentials(link)))) {
        link.connect();
      } else if (this.promotedSince(link)) {
        // The relay applies a role change to open connections; this one was refused as a viewer or held
        // its uploads back (SE-14), so it starts over to upload what it holds.
        link.disconnect();
        link.connect();
      }
    }
    if (connect) this.openActiveReleases();
    this.changed();
  }

  /**
   * SE-14: a viewer's device uploads nothing (the relay would drop it, and refuses a viewer's frames over an
   * update's size). Signed out or in open mode the links do not connect or may write, respectively.
   */
  private sessionMayWrite(): boolean {
    const state = this.options.session.get();
    return state.kind !== 'signed-in' || state.user.role !== 'viewer';
  }

  private mayRetryCredentials(link: DocLink): boolean {
    const code = link.snapshot().stoppedBy?.code;
    if (code === undefined || !CREDENTIAL_CLOSE_CODES.has(code)) return false;
    return this.withinBudget(this.credentialRetries, link);
  }

  /**
   * A link refused as read-only, or that held its uploads back, while the session now says the user may
   * write (at most twice a minute).
   */
  private promotedSince(link: DocLink): boolean {
    const state = this.options.session.get();
    if (!(link.snapshot().readOnly || link.heldBack) || !link.mayUpload) return false;
    if (state.kind !== 'signed-in' || state.user.role === 'viewer') return false;
    return this.withinBudget(this.roleRetries, link);
  }

  private withinBudget(budget: WeakMap<DocLink, number>, link: DocLink): boolean {
    const last = budget.get(link);
    const now = Date.now();
    if (last !== undefined && now - last < CREDENTIAL_RETRY_WINDOW_MS) return false;
    budget.set(link, now);
    return true;
  }

  private openActiveReleases(): void {
    if (this.openingActive) return;
    this.openingActive = true;
    this.options.local
      .openActiveReleases()
      .catch((error: unknown) => console.error('Opening active releases for sync failed:', error))
      .finally(() => {
        this.openingActive = false;
      });
  }

  private newLink(room: string, doc: Y.Doc, mayUpload = () => this.sessionMayWrite()): DocLink {
    const { waiting } = this.options;
    return new DocLink({
      serverUrl: this.options.serverUrl,
      room,
      doc,
      waitingBefore: waiting.get(room),
      onWaitingChange: (r, n) => waiting.set(r, n),
      notLocal: [STORAGE_ORIGIN],
      mayUpload,
      ...(this.options.WebSocketPolyfill ? { WebSocketPolyfill: this.options.WebSocketPolyfill } : {}),
    });
  }

  private attach(name: DocName, doc: Y.Doc): void {
    if (this.links.has(name)) return;
    const link = this.newLink(name, doc);
    this.links.set(name, link);
    link.subscribe(() => this.onLinkChanged(link));
    // A release closed by the workspace destroys its document: its link goes with it.
    doc.on('destroy', () => this.detach(name, link));
    for (const listener of [...this.linkListeners]) listener(link, true);
    if (this.shouldConnect()) link.connect();
    this.changed();
  }

  private detach(name: DocName, link: DocLink): void {
    if (this.links.get(name) !== link) return;
    this.links.delete(name);
    for (const listener of [...this.linkListeners]) listener(link, false);
    link.destroy();
    this.changed();
  }

  private onLinkChanged(link: DocLink): void {
    const { stoppedBy, readOnly } = link.snapshot();
    if (stoppedBy && CREDENTIAL_CLOSE_CODES.has(stoppedBy.code)) this.options.session.credentialsRefused();
    // Refused as read-only: the role may have changed since the session was checked; ask once.
    if (readOnly && !this.refusedSeen.has(link)) {
      this.refusedSeen.add(link);
      this.options.session.refresh().catch(() => {});
    } else if (!readOnly) {
      this.refusedSeen.delete(link);
    }
    this.changed();
  }

  private changed(): void {
    this.current = this.compute();
    for (const listener of [...this.listeners]) listener();
  }

  private compute(): SyncSnapshot {
    const docs = [...this.links.values()].map((l) => l.snapshot());
    // The catalog first, then releases by name: a stable order for the details list.
    docs.sort((a, b) => (a.room === CATALOG ? -1 : b.room === CATALOG ? 1 : a.room.localeCompare(b.room)));
    return {
      session: this.options.session.get(),
      paused: this.paused,
      online: this.online,
      docs,
      pending: docs.reduce((sum, d) => sum + d.pending, 0),
    };
  }
}
