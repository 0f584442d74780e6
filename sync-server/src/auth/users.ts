import { normalizeUsername, type PublicUser, type Role } from '@runsheet/protocol';
import type { UserRow, UserStore } from '../persistence/user-store.ts';
import { UsernameTakenError } from '../persistence/user-store.ts';
import { AuthError } from './errors.ts';
import { hashPassword, type ScryptParams } from './passwords.ts';
import { newId } from './secrets.ts';

/** What the API shows of a user: never the password hash. */
export function toPublicUser(user: UserRow): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    createdAt: new Date(user.createdAt).toISOString(),
    disabled: user.disabledAt !== null,
  };
}

export interface NewUser {
  username: string;
  displayName?: string | undefined;
  password: string;
  role: Role;
}

export interface UserChanges {
  role?: Role | undefined;
  disabled?: boolean | undefined;
  displayName?: string | undefined;
}

/** User accounts: creating them, and the rules that keep Runsheet administrable. */
export class Users {
  constructor(
    private readonly store: UserStore,
    private readonly scrypt: ScryptParams,
    private readonly now: () => number,
  ) {}

  count(): number {
    return this.store.count();
  }

  byId(id: string): UserRow | undefined {
    return this.store.byId(id);
  }

  byUsername(username: string): UserRow | undefined {
    return this.store.byUsername(normalizeUsername(username));
  }

  list(): UserRow[] {
    return this.store.list();
  }

  /**
   * Creates a user. `onlyIfNone` makes it the first-run path: the emptiness check and the insert share one
   * write transaction, so two racing first-run requests cannot both create an admin.
   */
  async create(input: NewUser, onlyIfNone = false): Promise<UserRow> {
    if (onlyIfNone && this.store.count() > 0) throw new AuthError('already-set-up');
    const username = normalizeUsername(input.username);
    const user: UserRow = {
      id: newId('user'),
      username,
      displayName: input.displayName?.trim() || username,
      passwordHash: await hashPassword(input.password, this.scrypt),
      role: input.role,
      createdAt: this.now(),
      disabledAt: null,
    };
    this.store.transaction(() => {
      if (onlyIfNone && this.store.count() > 0) throw new AuthError('already-set-up');
      try {
        this.store.insert(user);
      } catch (error) {
        if (error instanceof UsernameTakenError) throw new AuthError('username-taken');
        throw error;
      }
    });
    return user;
  }

  /** Changes role, display name or disabled state; refuses to leave Runsheet without an active admin. */
  update(id: string, changes: UserChanges): UserRow {
    return this.store.transaction(() => {
      const user = this.store.byId(id);
      if (user === undefined) throw new AuthError('not-found');
      const losesAdmin =
        user.role === 'admin' &&
        user.disabledAt === null &&
        ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
      if (losesAdmin && this.store.countActiveAdmins() <= 1) throw new AuthError('last-admin');
      this.store.update(id, {
        role: changes.role,
        displayName: changes.displayName?.trim() || undefined,
        disabledAt: changes.disabled === undefined ? undefined : changes.disabled ? this.now() : null,
      });
      return this.store.byId(id)!;
    });
  }

  async setPassword(id: string, password: string): Promise<void> {
    if (this.store.byId(id) === undefined) throw new AuthError('not-found');
    this.store.update(id, { passwordHash: await hashPassword(password, this.scrypt) });
  }
}
