/**
 * What the header says about sync, derived from the manager's snapshot in one pure function so every
 * wording is tested. Priority: no server / set up / sign in / viewer first (they need a person), then the
 * connection, then the changes waiting.
 */
import { CREDENTIAL_CLOSE_CODES } from '@runsheet/protocol';
import { count } from '@/lib/count';
import type { SyncSnapshot } from './sync-manager.ts';

export type SyncKind =
  | 'checking'
  | 'local'
  | 'setup'
  | 'sign-in'
  | 'read-only'
  | 'paused'
  | 'offline'
  | 'connecting'
  | 'stopped'
  | 'waiting'
  | 'syncing'
  | 'synced';

export interface SyncSummary {
  kind: SyncKind;
  /** Short text on the header button. */
  label: string;
  /** One or two sentences for the details popover. */
  detail: string;
  /** What the polite live region says when this state arrives; null for states that flicker by. */
  announce: string | null;
  /** The connection is down or not allowed: the icon shows a cloud that is off. */
  disconnected: boolean;
}

export function changes(n: number): string {
  return count(n, 'change');
}

export function summarize(snapshot: SyncSnapshot): SyncSummary {
  const { session, pending } = snapshot;
  const kept = pending > 0 ? ` ${changes(pending)} on this device will upload then.` : '';
  switch (session.kind) {
    case 'checking':
      return s('checking', 'Checking sync…', 'Looking for the Runsheet server.', null, true);
    case 'local':
      return s(
        'local',
        'Local only',
        'No Runsheet server answers here. Everything you do is kept on this device.',
        'Local only: changes are kept on this device.',
        true,
      );
    case 'setup-required':
      return s(
        'setup',
        'Set up sync',
        `This server has no account yet. Create the first admin to sync between devices.${kept}`,
        'Sync is not set up yet.',
        true,
      );
    case 'signed-out':
      return s(
        'sign-in',
        'Sign in to sync',
        `Sign in to share this device's checklists with your team.${kept}`,
        'Sign in to sync.',
        true,
      );
    case 'expired':
      return s(
        'sign-in',
        'Sign in to sync',
        `Your sign-in has ended. Sign in again to keep syncing.${kept}`,
        'Your sign-in has ended. Sign in to sync; your changes are kept.',
        true,
      );
    case 'signed-in':
      // A relay refusal says read-only before the next session check does.
      return connected(snapshot, session.user.role === 'viewer' || snapshot.docs.some((d) => d.readOnly));
  }
}

function connected(snapshot: SyncSnapshot, viewer: boolean): SyncSummary {
  const { docs, pending } = snapshot;
  const waiting = changes(pending);
  const kept = pending > 0 ? ` ${waiting} wait on this device and upload when it is back.` : '';
  const stopped = docs.find((d) => d.status === 'stopped');
  const base = ((): SyncSummary => {
    if (snapshot.paused)
      return s('paused', 'Sync paused', `You paused sync on this device.${kept}`, 'Sync paused.', true);
    if (!snapshot.online)
      return s(
        'offline',
        pending > 0 ? `${waiting} waiting` : 'Offline',
        `This device is offline.${kept}`,
        `Offline.${kept}`,
        true,
      );
    if (stopped) {
      if (stopped.stoppedBy && CREDENTIAL_CLOSE_CODES.has(stopped.stoppedBy.code))
        return s('sign-in', 'Sign in to sync', `The server asks you to sign in again.${kept}`, null, true);
      return s(
        'stopped',
        'Sync stopped',
        `The server stopped syncing ${stopped.room} (${stopped.stoppedBy?.reason || 'no reason given'}).${kept}`,
        'Sync stopped.',
        true,
      );
    }
    const full = docs.find((d) => d.full);
    if (full)
      return s(
        'stopped',
        'Server copy full',
        `The server takes no more changes to ${full.room}: it is as large as the server allows. You still see what others changed before.${pending > 0 ? ` ${waiting} stay on this device.` : ''} An admin can raise the server's RELAY_MAX_ROOM_BYTES; reload this page afterwards.`,
        'The server takes no more changes to this release; yours stay on this device.',
        true,
      );
    if (docs.some((d) => d.paced))
      return s(
        'waiting',
        pending > 0 ? `${waiting} waiting` : 'Uploading…',
        `The server is pacing a large upload from this device; it is sent again in a minute.${kept}`,
        'The server is pacing a large upload; it is sent again in a minute.',
        false,
      );
    if (docs.some((d) => d.status === 'retrying'))
      return s(
        'offline',
        pending > 0 ? `${waiting} waiting` : 'Offline',
        `The server cannot be reached; retrying.${kept}`,
        `Cannot reach the server.${kept}`,
        true,
      );
    if (docs.some((d) => d.status === 'connecting' || d.status === 'idle'))
      return s(
        'connecting',
        pending > 0 ? `${waiting} waiting` : 'Connecting…',
        'Connecting to the server.',
        null,
        true,
      );
    if (pending > 0)
      return s('waiting', `${waiting} waiting`, `Uploading ${waiting} to the server.`, null, false);
    if (docs.every((d) => d.synced))
      return s('synced', 'Synced', 'Everything on this device is on the server.', 'Synced.', false);
    return s('syncing', 'Syncing…', 'Catching up with the server.', null, false);
  })();
  if (!viewer) return base;
  // A viewer's state says read-only first; the connection is in the details. Changes made here before
  // (signed out, or before the role changed) stay on this device: the relay refuses them.
  const refused = pending > 0 ? ` ${waiting} on this device cannot be uploaded.` : '';
  return {
    ...base,
    kind: 'read-only',
    label: 'Read-only (viewer)',
    detail:
      `You can look but not change anything: your account is a viewer.${refused} ${base.kind === 'waiting' ? '' : base.detail}`.trim(),
    announce: base.kind === 'synced' ? 'Read-only: your account is a viewer.' : base.announce,
  };
}

function s(
  kind: SyncKind,
  label: string,
  detail: string,
  announce: string | null,
  disconnected: boolean,
): SyncSummary {
  return { kind, label, detail, announce, disconnected };
}
