/**
 * Roles, from most to least powerful. The server stores and enforces them; the app shows them and hides
 * what a role may not do.
 * - admin: everything, including users and everyone's tokens;
 * - member: reads and edits every document;
 * - viewer: reads and shows presence, never changes a document.
 */
export const ROLES = ['admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}
