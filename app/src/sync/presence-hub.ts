/**
 * Presence over y-protocols awareness, through the same providers as the documents.
 *
 * Each tab publishes {user, device, color, view} on the catalog (so "who is online" is known) and on the
 * release it is looking at; on every other release document it publishes nothing, so a device that merely
 * keeps an active release connected does not appear to be looking at it. Readers drop their own device
 * (other tabs of this browser are not "someone else") and list one entry per person and device.
 */
import { CATALOG } from '@runsheet/doc';
import type { CustomerId, ReleaseId, StepId } from '@runsheet/domain';
import type { Awareness } from 'y-protocols/awareness';
import type { DocLink } from './doc-link.ts';
import type { SyncManager } from './sync-manager.ts';

export interface PresenceView {
  releaseId: ReleaseId;
  customerId?: CustomerId | null;
  stepId?: StepId | null;
}

export interface PresenceUser {
  id: string;
  name: string;
}

export interface PresenceState {
  user: PresenceUser;
  device: string;
  color: string;
  view: PresenceView | null;
}

export interface Peer extends PresenceState {
  clientId: number;
}

/** Backgrounds that keep white initials at 4.5:1 or more (WCAG AA) in both themes. */
export const PRESENCE_COLORS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
] as const;

/** A stable color per person: the same on every device. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] as string;
}

function sameView(a: PresenceView | null, b: PresenceView | null): boolean {
  return (
    a?.releaseId === b?.releaseId &&
    (a?.customerId ?? null) === (b?.customerId ?? null) &&
    (a?.stepId ?? null) === (b?.stepId ?? null)
  );
}

export class PresenceHub {
  private view: PresenceView | null = null;
  private user: PresenceUser | null = null;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly manager: SyncManager,
    private readonly device: string,
  ) {
    for (const link of manager.allLinks()) this.publishOn(link);
    this.cleanups.push(
      manager.onLinks((link, added) => {
        if (added) this.publishOn(link);
      }),
    );
  }

  setView(view: PresenceView | null): void {
    if (sameView(view, this.view)) return;
    this.view = view ? { ...view } : null;
    this.publish();
  }

  getView(): PresenceView | null {
    return this.view;
  }

  /** Who this tab is; `null` publishes nothing (not signed in). */
  setUser(user: PresenceUser | null): void {
    if (user?.id === this.user?.id && user?.name === this.user?.name) return;
    this.user = user;
    this.publish();
  }

  /** The awareness of a release document, if it is open (presence can only be read while it is). */
  awarenessOf(releaseId: ReleaseId): Awareness | undefined {
    return this.manager.link(releaseId)?.awareness;
  }

  /** Others looking at `releaseId`, one per person and device, in a stable order. */
  peers(releaseId: ReleaseId): Peer[] {
    const awareness = this.awarenessOf(releaseId);
    if (!awareness) return [];
    const byKey = new Map<string, Peer>();
    for (const [clientId, raw] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const state = parseState(raw);
      if (!state || state.device === this.device || state.view?.releaseId !== releaseId) continue;
      const key = `${state.user.id}|${state.device}`;
      const seen = byKey.get(key);
      // Two tabs of one device: keep the one that says the most (a step over the release page).
      if (!seen || (!seen.view?.stepId && state.view.stepId)) byKey.set(key, { ...state, clientId });
    }
    return [...byKey.values()].sort(
      (a, b) => a.user.name.localeCompare(b.user.name) || a.device.localeCompare(b.device),
    );
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private publish(): void {
    for (const link of this.manager.allLinks()) this.publishOn(link);
  }

  private publishOn(link: DocLink): void {
    const awareness = link.awareness;
    const onThisDoc = link.room === CATALOG || link.room === this.view?.releaseId;
    if (!this.user || !onThisDoc) {
      if (awareness.getLocalState() !== null) awareness.setLocalState(null);
      return;
    }
    const state: PresenceState = {
      user: this.user,
      device: this.device,
      color: colorFor(this.user.id),
      view: this.view,
    };
    awareness.setLocalState(state);
  }
}

/** A tolerant reader: other clients (the stock one, an older app) may publish anything or nothing. */
function parseState(raw: unknown): (PresenceState & { view: PresenceView }) | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Partial<Record<keyof PresenceState, unknown>>;
  const user = s.user as Partial<PresenceUser> | undefined;
  const view = s.view as Partial<PresenceView> | null | undefined;
  if (typeof user?.id !== 'string' || typeof user.name !== 'string') return null;
  if (typeof s.device !== 'string' || typeof view?.releaseId !== 'string') return null;
  return {
    user: { id: user.id, name: user.name },
    device: s.device,
    color: typeof s.color === 'string' && /^#[0-9a-f]{6}$/i.test(s.color) ? s.color : colorFor(user.id),
    view: {
      releaseId: view.releaseId,
      customerId: typeof view.customerId === 'string' ? view.customerId : null,
      stepId: typeof view.stepId === 'string' ? view.stepId : null,
    },
  };
}
