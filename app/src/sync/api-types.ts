/**
 * What the server's JSON API sends back (sync-server/README.md, "JSON API"), checked at the boundary with
 * zod: a proxy page, an old server or a static host answering `/api/*` with HTML must not be mistaken for
 * a session. Tolerant where it costs nothing (unknown fields are ignored).
 */
import { z } from 'zod';

export const ROLES = ['admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  disabled: z.boolean(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const sessionSchema = z.object({
  user: publicUserSchema,
  /** How the request proved who it is; `open` when the server runs with RUNSHEET_OPEN=1. */
  auth: z.enum(['session', 'token', 'open']),
  expiresAt: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const signedInSchema = z.object({ user: publicUserSchema, expiresAt: z.string() });

export const setupStatusSchema = z.object({
  setupRequired: z.boolean(),
  setupCodeRequired: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const usersSchema = z.object({ users: z.array(publicUserSchema) });
export const userSchema = z.object({ user: publicUserSchema });

export const publicTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type PublicToken = z.infer<typeof publicTokenSchema>;
export const tokensSchema = z.object({ tokens: z.array(publicTokenSchema) });
export const createdTokenSchema = z.object({ token: publicTokenSchema, secret: z.string() });

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
