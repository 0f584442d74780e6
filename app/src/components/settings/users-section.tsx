/** Admin: every account, with role, enabled/disabled and password reset; and adding accounts. */

import type { PublicUser, Role } from '@runsheet/protocol';
import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { apiErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';
import { type ActionOutcome, ActionStatus } from './action-status';
import { CreateUserForm } from './create-user-form';
import { ResetPasswordDialog } from './reset-password-dialog';
import { RoleSelect } from './role-select';
import { SettingsSection } from './settings-section';
import { useApiResource } from './use-api-resource';

export function UsersSection({ me }: { me: PublicUser }) {
  const { api } = useSyncApi();
  const load = useCallback(() => api.users(), [api]);
  const users = useApiResource(load);
  const [status, setStatus] = useState<ActionOutcome | null>(null);

  const act = (action: Promise<unknown>, done: string) => {
    setStatus(null);
    action.then(
      () => {
        setStatus({ text: done, error: false });
        users.reload();
      },
      (error: unknown) => setStatus({ text: apiErrors(error, []).form ?? 'That did not work.', error: true }),
    );
  };

  return (
    <SettingsSection
      id="users"
      wide
      title="Accounts"
      description="Who may sign in to this server, and what they may do."
    >
      {users.error && (
        <p role="alert" className="text-destructive text-sm">
          {users.error}
        </p>
      )}
      {users.data && (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Account</TableHead>
              <TableHead scope="col">Role</TableHead>
              <TableHead scope="col">State</TableHead>
              <TableHead scope="col">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.data.map((user) => (
              <TableRow key={user.id} data-testid="user-row" data-username={user.username}>
                <TableCell>
                  <div className="font-medium">{user.displayName}</div>
                  <div className="text-muted-foreground">
                    {user.username}
                    {user.id === me.id ? ' (you)' : ''}
                  </div>
                </TableCell>
                <TableCell>
                  <RoleSelect
                    aria-label={`Role of ${user.username}`}
                    value={user.role}
                    onChange={(role: Role) =>
                      act(
                        api.updateUser(user.id, { role }),
                        `${user.username} is now ${role === 'admin' ? 'an' : 'a'} ${role}.`,
                      )
                    }
                  />
                </TableCell>
                <TableCell>{user.disabled ? 'Disabled' : 'Active'}</TableCell>
                <TableCell>
                  <div className="flex flex-wrap justify-end gap-2">
                    <ResetPasswordDialog user={user} onDone={(text) => setStatus({ text, error: false })} />
                    <Button
                      size="sm"
                      variant="outline"
                      aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.username}`}
                      onClick={() =>
                        act(
                          api.updateUser(user.id, { disabled: !user.disabled }),
                          user.disabled
                            ? `${user.username} may sign in again.`
                            : `${user.username} is disabled and signed out.`,
                        )
                      }
                    >
                      {user.disabled ? 'Enable' : 'Disable'}
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ActionStatus outcome={status} />
      <div className="border-t pt-4">
        <CreateUserForm
          onCreated={(username) => {
            setStatus({ text: `Account ${username} added.`, error: false });
            users.reload();
          }}
        />
      </div>
    </SettingsSection>
  );
}
