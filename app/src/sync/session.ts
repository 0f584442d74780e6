/**
 * Who this browser is signed in as, from the server's point of view, as a small external store for React.
 * The app works with no server at all: then the state is `local` and nothing else happens.
 *
 * The last confirmed sign-in is kept in localStorage, so a page opened offline still knows whose edits these
 * are and connects as soon as the relay can be reached (the cookie decides; a stale one gets 4440 and the
 * user is asked to sign in again). Every other tab learns of a sign-in or sign-out through the storage event.
 */

import { PublicUser, type Role, type SessionInfo } from '@runsheet/protocol';
import { type Actor, setActor } from '@/state/device.ts';
import { type ApiClient, ServerUnreachable } from './api.ts';

export type SessionState =
  /** The first check is running and nothing is remembered. */
  | { kind: 'checking' }
  /** No Runsheet server answers (e.g. served by `vite preview`, or unreachable since the first visit). */
  | { kind: 'local' }
  | { kind: 'setup-required'; setupCodeRequired: boolean }
  | { kind: 'signed-out' }
  /** Was signed in; the session ended (expired, signed out elsewhere, password reset, account disabled). */
  | { kind: 'expired'; user: PublicUser }
  | { kind: 'signed-in'; user: PublicUser; auth: SessionInfo['auth']; confirmed: boolean };

export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SESSION_KEY = 'runsheet.sync.session';
const LOCAL_ACTOR: Actor = { id: 'local', name: 'You (this device)' };

export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly signInListeners = new Set<() => void>();
  private checking: Promise<SessionState> | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly storage: KeyValue,
  ) {
    const remembered = this.remembered();
    this.state = remembered
      ? { kind: 'signed-in', user: remembered.user, auth: remembered.auth, confirmed: false }
      : { kind: 'checking' };
  }

  get(): SessionState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after a sign-in or setup by the person (not a background check): connections start over. */
  onSignIn(listener: () => void): () => void {
    this.signInListeners.add(listener);
    return () => this.signInListeners.delete(listener);
  }

  /** Asks the server who we are. Concurrent calls share one request. */
  refresh(): Promise<SessionState> {
    this.checking ??= this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  async signIn(username: string, password: string): Promise<void> {
    const { user } = await this.api.login(username, password);
    this.signedIn(user, 'session');
    for (const listener of [...this.signInListeners]) listener();
  }

  async setup(input: { username: string; displayName?: string; password: string; setupCode?: string }) {
    const { user } = await this.api.setup(input);
    this.signedIn(user, 'session');
    for (const listener of [...this.signInListeners]) listener();
  }

  async signOut(): Promise<void> {
    try {
      await this.api.logout();
    } catch (error) {
      // Signing out of this device must work offline too: the cookie is HttpOnly, so the server clears
      // it at the next contact, and the relay refuses it once the session is revoked or expired.
      if (!(error instanceof ServerUnreachable)) throw error;
    }
    this.storage.removeItem(SESSION_KEY);
    setActor(LOCAL_ACTOR, this.storage);
    this.set({ kind: 'signed-out' });
  }

  /**
   * Something said our credentials no longer work: a 401 from the API, or the relay closed with 4401/4440.
   * Ask the server what the state is now (expired, disabled, or a stale cache of another tab).
   */
  credentialsRefused(): void {
    if (this.state.kind === 'signed-in') this.refresh().catch(() => {});
  }

  /** Another tab signed in or out: the storage event tells every other tab. */
  onStorage(key: string | null): void {
    if (key !== SESSION_KEY && key !== null) return;
    if (this.remembered() === null && this.state.kind === 'signed-in') this.set({ kind: 'signed-out' });
    this.refresh().catch(() => {});
  }

  /** The session as the server confirmed it (for the role of the user, e.g. viewers). */
  private signedIn(user: PublicUser, auth: SessionInfo['auth']): void {
    this.storage.setItem(SESSION_KEY, JSON.stringify({ user, auth }));
    setActor({ id: user.id, name: user.displayName }, this.storage);
    this.set({ kind: 'signed-in', user, auth, confirmed: true });
  }

  private async check(): Promise<SessionState> {
    try {
      const status = await this.api.signInStatus();
      if (status.signedIn) this.signedIn(status.user, status.auth);
      else this.set(this.notSignedIn(status.reason, status.setupCodeRequired));
    } catch (error) {
      this.set(this.failedCheck(error));
    }
    return this.state;
  }

  /** Nobody is signed in: set up first, or sign in (again, when someone was before). */
  private notSignedIn(reason: string, setupCodeRequired: boolean): SessionState {
    if (reason === 'setup-required') {
      this.storage.removeItem(SESSION_KEY);
      return { kind: 'setup-required', setupCodeRequired };
    }
    const previous = this.state;
    const user = previous.kind === 'signed-in' || previous.kind === 'expired' ? previous.user : null;
    // Still remembered: the user is asked to sign in again and sees who they were.
    return user ? { kind: 'expired', user } : { kind: 'signed-out' };
  }

  private failedCheck(error: unknown): SessionState {
    const previous = this.state;
    if (error instanceof ServerUnreachable) {
      // Unreachable now, but signed in before: keep trying to connect (the relay may be restarting).
      return previous.kind === 'signed-in' || previous.kind === 'expired' ? previous : { kind: 'local' };
    }
    throw error;
  }

  private remembered(): { user: PublicUser; auth: SessionInfo['auth'] } | null {
    try {
      const raw = this.storage.getItem(SESSION_KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as { user?: unknown; auth?: unknown };
      const user = PublicUser.safeParse(parsed.user);
      const auth = parsed.auth;
      if (!user.success || (auth !== 'session' && auth !== 'open' && auth !== 'token')) return null;
      return { user: user.data, auth };
    } catch {
      return null;
    }
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}

/** True when the relay may be asked to connect. */
export function maySync(state: SessionState): boolean {
  return state.kind === 'signed-in';
}

/** The signed-in (or expired) account's role; undefined on a device that never signed in. */
export function roleOf(state: SessionState): Role | undefined {
  const user = state.kind === 'signed-in' || state.kind === 'expired' ? state.user : null;
  return user?.role;
}

/** Viewers may not change documents; everyone else may, including a device that never signed in. */
export function canWrite(state: SessionState): boolean {
  const user = state.kind === 'signed-in' || state.kind === 'expired' ? state.user : null;
  return user?.role !== 'viewer';
}
