/**
 * What the person here may do to a rollout (WV-06, WV-07, WV-08): anyone who may edit halts and
 * resumes, members and admins sign gates off, admins open gates early. A device that never signed in is
 * its own owner and may do everything; the server checks roles again for what reaches it.
 */
import { useCanWrite, useSession } from '@/sync/sync-context';

export interface RolloutRights {
  edit: boolean;
  signOff: boolean;
  openEarly: boolean;
}

export function useRolloutRights(): RolloutRights {
  const session = useSession();
  const write = useCanWrite();
  const user = session.kind === 'signed-in' || session.kind === 'expired' ? session.user : null;
  const role = user?.role ?? 'admin';
  return { edit: write, signOff: write && role !== 'viewer', openEarly: write && role === 'admin' };
}
