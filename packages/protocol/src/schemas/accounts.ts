/** Accounts, sign-in, sessions and API tokens: request bodies and answers. */
import { z } from 'zod';
import { givenPasswordSchema, newPasswordSchema } from '../password.ts';
import { ROLES } from '../roles.ts';
import { nonBlankText } from './common.ts';

/** After normalising: lower-case letters, digits, `.`, `_`, `-`; 2 to 64 characters, starting alphanumeric. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Usernames compare case-insensitively: `Ada` and `ada` are one person. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export const roleSchema = z.enum(ROLES);

/** A new username as sent: letters in either case (stored in lower case), nothing around it. */
const newUsername = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, { error: 'use 2-64 letters, digits, ".", "_" or "-"' })
  .transform(normalizeUsername);

const displayName = nonBlankText(100, 'give a name');

/** Request bodies refuse unknown fields, so a typo is an error, not a silent no-op. */
export const LoginRequest = z
  .strictObject({
    // Not the username pattern: a sign-in with any text simply fails as invalid-credentials.
    username: z.string().min(1).max(200),
    password: givenPasswordSchema,
  })
  .meta({ id: 'LoginRequest' });

export const SetupRequest = z
  .strictObject({
    username: newUsername,
    displayName: displayName.optional(),
    password: newPasswordSchema,
    setupCode: z
      .string()
      .max(64)
      .optional()
      .meta({ description: 'Required away from the server’s own machine: the code printed in its log' }),
  })
  .meta({ id: 'SetupRequest' });

export const CreateUserRequest = z
  .strictObject({
    username: newUsername,
    displayName: displayName.optional(),
    password: newPasswordSchema,
    role: roleSchema,
  })
  .meta({ id: 'CreateUserRequest' });

export const UpdateUserRequest = z
  .strictObject({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    displayName: displayName.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    error: 'change at least one of role, disabled, displayName',
  })
  .meta({ id: 'UpdateUserRequest', minProperties: 1 } as Record<string, unknown>);

export const SetPasswordRequest = z
  .strictObject({ password: newPasswordSchema })
  .meta({ id: 'SetPasswordRequest' });

export const ChangeOwnPasswordRequest = z
  .strictObject({ currentPassword: givenPasswordSchema, newPassword: newPasswordSchema })
  .meta({ id: 'ChangeOwnPasswordRequest' });

export const CreateTokenRequest = z
  .strictObject({ name: nonBlankText(100, 'give the token a name') })
  .meta({ id: 'CreateTokenRequest' });

export const PublicUser = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    createdAt: z.string(),
    disabled: z.boolean(),
  })
  .meta({ id: 'User' });
export type PublicUser = z.infer<typeof PublicUser>;

/** How a request proved who it is; `open` when the server runs with RUNSHEET_OPEN=1. */
export const AUTH_KINDS = ['session', 'token', 'open'] as const;

export const SessionAnswer = z
  .object({
    user: PublicUser,
    auth: z.enum(AUTH_KINDS),
    expiresAt: z.string().nullable().meta({ description: 'When a browser sign-in ends; null otherwise' }),
  })
  .meta({ id: 'Session' });
export type SessionInfo = z.infer<typeof SessionAnswer>;

/** Why nobody is signed in: what `GET /api/session` would answer with 401. */
export const NOT_SIGNED_IN = ['unauthenticated', 'session-expired', 'setup-required'] as const;

export const SignInStatusAnswer = z
  .union([
    SessionAnswer.extend({ signedIn: z.literal(true) }),
    z.object({
      signedIn: z.literal(false),
      reason: z.enum(NOT_SIGNED_IN),
      setupCodeRequired: z
        .boolean()
        .meta({ description: 'With `setup-required`: whether this browser must enter the setup code' }),
    }),
  ])
  .meta({ id: 'SignInStatus' });
export type SignInStatus = z.infer<typeof SignInStatusAnswer>;

export const SignedInAnswer = z.object({ user: PublicUser, expiresAt: z.string() }).meta({ id: 'SignedIn' });
export type SignedIn = z.infer<typeof SignedInAnswer>;

export const RenewedAnswer = z.object({ expiresAt: z.string() }).meta({ id: 'Renewed' });

export const SetupStatusAnswer = z
  .object({ setupRequired: z.boolean(), setupCodeRequired: z.boolean() })
  .meta({ id: 'SetupStatus' });
export type SetupStatus = z.infer<typeof SetupStatusAnswer>;

export const UsersAnswer = z.object({ users: z.array(PublicUser) }).meta({ id: 'Users' });
export const UserAnswer = z.object({ user: PublicUser }).meta({ id: 'UserAnswer' });

export const PublicToken = z
  .object({
    id: z.string(),
    name: z.string(),
    userId: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });
export type PublicToken = z.infer<typeof PublicToken>;

export const TokensAnswer = z.object({ tokens: z.array(PublicToken) }).meta({ id: 'Tokens' });
export const CreatedTokenAnswer = z
  .object({ token: PublicToken, secret: z.string().meta({ description: 'Shown this once, never again' }) })
  .meta({ id: 'CreatedToken' });

/** `GET /api/tokens?all=1`: admins list everyone's tokens. */
export const TokensQuery = z.object({
  all: z
    .enum(['0', '1'])
    .optional()
    .meta({ description: '1: every user’s tokens (admins only; ignored for others)' }),
});
