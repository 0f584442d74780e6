import type { Auth } from '../auth/auth.ts';

/** What the API routes need from the rest of the server. */
export interface ApiDeps {
  auth: Auth;
  /**
   * Called after anything that can end or narrow someone's access (sign-out, disable, role change, token
   * revoked, password reset), so open WebSockets are re-checked now rather than at the next recheck tick.
   */
  onAccessChanged(): void;
}
