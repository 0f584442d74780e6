import type { PublicUser } from '@runsheet/protocol';
import { describe, expect, it } from 'vitest';
import type { LinkSnapshot } from './doc-link.ts';
import type { SessionState } from './session.ts';
import type { SyncSnapshot } from './sync-manager.ts';
import { summarize } from './sync-summary.ts';

const user = (role: PublicUser['role']): PublicUser => ({
  id: 'user:1',
  username: 'ada',
  displayName: 'Ada',
  role,
  createdAt: '2025-01-01T00:00:00.000Z',
  disabled: false,
});
const signedIn = (role: PublicUser['role'] = 'member'): SessionState => ({
  kind: 'signed-in',
  user: user(role),
  auth: 'session',
  confirmed: true,
});
const link = (over: Partial<LinkSnapshot> = {}): LinkSnapshot => ({
  room: 'catalog',
  status: 'connected',
  synced: true,
  pending: 0,
  stoppedBy: null,
  readOnly: false,
  ...over,
});
function snap(session: SessionState, docs: LinkSnapshot[] = [link()], over: Partial<SyncSnapshot> = {}) {
  return {
    session,
    paused: false,
    online: true,
    docs,
    pending: docs.reduce((n, d) => n + d.pending, 0),
    ...over,
  } satisfies SyncSnapshot;
}

describe('summarize: what the header says', () => {
  it.each([
    [{ kind: 'local' } as const, 'Local only'],
    [{ kind: 'setup-required', setupCodeRequired: false } as const, 'Set up sync'],
    [{ kind: 'signed-out' } as const, 'Sign in to sync'],
    [{ kind: 'expired', user: user('member') } as const, 'Sign in to sync'],
  ])('%o -> %s', (session, label) => {
    expect(summarize(snap(session, [link({ status: 'idle', synced: false })])).label).toBe(label);
  });

  it('SE-16 a room the server refuses as full says so, not that the account is a viewer, and keeps the count of what waits', () => {
    const summary = summarize(
      snap(signedIn('member'), [link(), link({ room: 'release:r', pending: 3, synced: false, full: true })]),
    );
    expect(summary).toMatchObject({ kind: 'stopped', label: 'Server copy full', disconnected: true });
    expect(summary.detail).toContain('release:r');
    expect(summary.detail).toContain('3 changes stay on this device');
    expect(summary.detail).toContain('RELAY_MAX_ROOM_BYTES');
    expect(summary.detail).not.toContain('viewer');
  });

  it('synced when every link is connected and confirmed', () => {
    expect(summarize(snap(signedIn())).label).toBe('Synced');
  });

  it('counts changes waiting over every document, singular and plural', () => {
    const one = summarize(snap(signedIn(), [link({ pending: 1, synced: false })]));
    expect(one).toMatchObject({ kind: 'waiting', label: '1 change waiting', announce: null });
    const three = summarize(
      snap(signedIn(), [link({ pending: 1, synced: false }), link({ room: 'release:r', pending: 2 })]),
    );
    expect(three.label).toBe('3 changes waiting');
  });

  it('offline says what waits, and announces it', () => {
    const summary = summarize(snap(signedIn(), [link({ status: 'idle', pending: 2 })], { online: false }));
    expect(summary).toMatchObject({ kind: 'offline', label: '2 changes waiting', disconnected: true });
    expect(summary.announce).toContain('2 changes wait on this device');
    expect(summarize(snap(signedIn(), [link({ status: 'idle' })], { online: false })).label).toBe('Offline');
  });

  it('an unreachable server reads as offline (retrying)', () => {
    const summary = summarize(snap(signedIn(), [link({ status: 'retrying', synced: false })]));
    expect(summary).toMatchObject({ kind: 'offline', label: 'Offline' });
  });

  it('a 4440 close asks to sign in, another 44xx says sync stopped', () => {
    const expired = link({
      status: 'stopped',
      synced: false,
      stoppedBy: { code: 4440, reason: 'session-expired' },
    });
    expect(summarize(snap(signedIn(), [expired])).label).toBe('Sign in to sync');
    const tooBig = link({
      status: 'stopped',
      synced: false,
      stoppedBy: { code: 4413, reason: 'frame-too-large' },
    });
    expect(summarize(snap(signedIn(), [tooBig]))).toMatchObject({ label: 'Sync stopped', kind: 'stopped' });
  });

  it('SE-01 a paced large upload says the server is pacing it, not that it cannot be reached', () => {
    const paced = link({ status: 'retrying', synced: false, paced: true, pending: 2 });
    expect(summarize(snap(signedIn(), [paced]))).toMatchObject({
      kind: 'waiting',
      label: '2 changes waiting',
      disconnected: false,
    });
    expect(summarize(snap(signedIn(), [paced])).detail).toContain('pacing a large upload');
  });

  it('a viewer reads as read-only whatever the connection does', () => {
    expect(summarize(snap(signedIn('viewer'))).label).toBe('Read-only (viewer)');
    expect(summarize(snap(signedIn('viewer'), [link({ status: 'retrying' })])).detail).toContain(
      'cannot be reached',
    );
  });

  it('a viewer with changes from before is told they cannot be uploaded', () => {
    const summary = summarize(
      snap(signedIn('viewer'), [link({ pending: 2, synced: false, readOnly: true })]),
    );
    expect(summary.label).toBe('Read-only (viewer)');
    expect(summary.detail).toContain('2 changes on this device cannot be uploaded');
  });

  it('paused wins over the connection', () => {
    expect(summarize(snap(signedIn(), [link({ status: 'idle' })], { paused: true })).label).toBe(
      'Sync paused',
    );
  });

  it('connecting before the first sync, syncing while catching up', () => {
    expect(summarize(snap(signedIn(), [link({ status: 'connecting', synced: false })])).label).toBe(
      'Connecting…',
    );
    expect(summarize(snap(signedIn(), [link({ synced: false })])).label).toBe('Syncing…');
  });
});
