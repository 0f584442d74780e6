import type { AccessAudit } from '../audit/access-audit.ts';
import type { Auth } from '../auth/auth.ts';
import type { FrozenStore } from '../storage/contract.ts';
import type { TemporalMirror } from '../temporal/mirror.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
import type { ServerWorkspace } from './data/server-workspace.ts';

/** What the API routes need from the rest of the server. */
export interface ApiDeps {
  auth: Auth;
  /**
   * Called after anything that can end or narrow someone's access (sign-out, disable, role change, token
   * revoked, password reset), so open WebSockets are re-checked now rather than at the next recheck tick.
   */
  onAccessChanged(): Promise<void>;
  /** The access audit (FR-014). */
  audit: AccessAudit;
  /** Runsheet's documents as the server holds them; the one write path for automation. */
  workspace: ServerWorkspace;
  /** The Temporal mirror, or null when TEMPORAL_ADDRESS is not set (or the bridge has not started yet). */
  temporal(): TemporalMirror | null;
  /** Outgoing webhooks: the admins' list, the delivery log, and "send test event". */
  webhooks: Webhooks;
  /** The frozen snapshots of archived releases (FZ-06). */
  frozen: FrozenStore;
}
