import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords.ts';
import { normalizeUsername, USERNAME_PATTERN } from '../auth/users.ts';
import { ROLES } from '../roles.ts';

/** Request bodies of the JSON API. Unknown fields are refused, so a typo is an error, not a silent no-op. */

const username = z
  .string()
  .transform(normalizeUsername)
  .pipe(z.string().regex(USERNAME_PATTERN, { error: 'use 2-64 letters, digits, ".", "_" or "-"' }));

const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `use at most ${PASSWORD_MAX_LENGTH} characters` });

const displayName = z.string().trim().min(1).max(100);
const role = z.enum(ROLES);

export const LoginBody = z.strictObject({
  // Not the username pattern: a sign-in with any text simply fails as invalid-credentials.
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const SetupBody = z.strictObject({
  username,
  displayName: displayName.optional(),
  password,
  setupCode: z.string().max(64).optional(),
});

export const CreateUserBody = z.strictObject({
  username,
  displayName: displayName.optional(),
  password,
  role,
});

export const UpdateUserBody = z
  .strictObject({
    role: role.optional(),
    disabled: z.boolean().optional(),
    displayName: displayName.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    error: 'change at least one of role, disabled, displayName',
  });

export const SetPasswordBody = z.strictObject({ password });

export const ChangeOwnPasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: password,
});

export const CreateTokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
