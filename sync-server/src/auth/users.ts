import { normalizeUsername, type PublicUser, type Role } from '@runsheet/protocol';
import { UsernameTakenError, type UserRow, type UserStore } from '../storage/contract.ts';
import { AuthError } from './errors.ts';
import type { Derive } from './hash-threads.ts';
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
    private readonly derive: Derive,
  ) {}

  count(): Promise<number> {
    return this.store.count();
  }

  byId(id: string): Promise<UserRow | undefined> {
    return this.store.byId(id);
  }

  byUsername(username: string): Promise<UserRow | undefined> {
    return this.store.byUsername(normalizeUsername(username));
  }

  list(): Promise<UserRow[]> {
    return this.store.list();
  }

  /**
   * Creates a user. `onlyIfNone` makes it the first-run path: the emptiness check and the insert are one
   * atomic step in storage, so two racing first-run requests (even on two relays) cannot both create an admin.
   */
  async create(input: NewUser, onlyIfNone = false): Promise<UserRow> {
    if (onlyIfNone && (await this.store.count()) > 0) throw new AuthError('already-set-up');
    const username = normalizeUsername(input.username);
    const user: UserRow = {
      id: newId('user'),
      username,
      displayName: input.displayName?.trim() || username,
      passwordHash: await hashPassword(input.password, this.scrypt, this.derive),
      role: input.role,
      createdAt: this.now(),
      disabledAt: null,
    };
    let inserted: boolean;
    try {
      inserted = await this.store.insert(user, { onlyIfNone });
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new AuthError('username-taken');
      throw error;
    }
    if (!inserted) throw new AuthError('already-set-up');
    return user;
  }

  /** Changes role, display name or disabled state; refuses to leave Runsheet without an active admin. */
  async update(id: string, changes: UserChanges): Promise<UserRow> {
    const result = await this.store.update(
      id,
      {
        role: changes.role,
        displayName: changes.displayName?.trim() || undefined,
        disabledAt: changes.disabled === undefined ? undefined : changes.disabled ? this.now() : null,
      },
      { keepAnActiveAdmin: true },
    );
    if (!result.ok) throw new AuthError(result.reason);
    return result.user;
  }

  async setPassword(id: string, password: string): Promise<void> {
    if ((await this.store.byId(id)) === undefined) throw new AuthError('not-found');
    const result = await this.store.update(id, {
      passwordHash: await hashPassword(password, this.scrypt, this.derive),
    });
    if (!result.ok) throw new AuthError(result.reason);
  }
}
