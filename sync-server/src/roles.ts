/**
 * Roles, from most to least powerful. A leaf module: storage, auth and the relay all speak of roles, and
 * none of them should depend on another just for this type.
 * - admin: everything, including users and everyone's tokens;
 * - member: reads and edits every document;
 * - viewer: reads and shows presence, never changes a document.
 */
export const ROLES = ['admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}
