/**
 * Actions of a release's Rollout view (issue 15): halt, resume, sign off the gate that is ready. The
 * view's buttons open the same forms; the palette lists them while the view is open.
 */
import { OctagonPause, Play, Signature } from 'lucide-react';
import type { Action } from './types';

export interface RolloutActionContext {
  /** The person may halt and resume here (an editor, on an active release). */
  canEdit: boolean;
  halted: boolean;
  /** The wave whose gate waits only for a sign-off this person may give; null when none. */
  signOffWave: string | null;
  openHalt: () => void;
  openSignOff: () => void;
}

export const haltAction: Action<RolloutActionContext> = {
  id: 'rollout.halt',
  label: 'Halt rollout…',
  icon: OctagonPause,
  tone: 'destructive',
  isAvailable: (c) => c.canEdit && !c.halted,
  perform: (c) => c.openHalt(),
};

export const resumeAction: Action<RolloutActionContext> = {
  id: 'rollout.resume',
  label: 'Resume rollout…',
  icon: Play,
  isAvailable: (c) => c.canEdit && c.halted,
  perform: (c) => c.openHalt(),
};

export const signOffAction: Action<RolloutActionContext> = {
  id: 'rollout.signOff',
  label: (c) => `Sign off ${c.signOffWave ?? 'the gate'}…`,
  icon: Signature,
  isAvailable: (c) => c.signOffWave !== null,
  perform: (c) => c.openSignOff(),
};

export const rolloutActions = [haltAction, resumeAction, signOffAction];
