/**
 * API tokens for scripts and integrations (CI, the stock y-websocket client): create one — its secret is
 * shown this once, with a copy button — list yours, revoke.
 */
import { useCallback, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { FormField } from '@/components/form/form-field';
import { useApiForm } from '@/components/sync/use-api-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requiredErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';
import { type ActionOutcome, ActionStatus } from './action-status';
import { NewTokenSecret } from './new-token-secret';
import { RevokeTokenDialog } from './revoke-token-dialog';
import { SettingsSection } from './settings-section';
import { useApiResource } from './use-api-resource';

const FIELDS = ['name'] as const;

export function TokensSection() {
  const { api } = useSyncApi();
  const load = useCallback(() => api.tokens(), [api]);
  const tokens = useApiResource(load);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const form = useApiForm(FIELDS);
  const submit = form.onSubmit(
    () => requiredErrors({ name }, { name: 'a name for the token' }),
    async () => {
      const result = await api.createToken(name.trim());
      setCreated({ name: result.token.name, secret: result.secret });
      setName('');
      tokens.reload();
    },
  );
  const live = tokens.data?.filter((t) => t.revokedAt === null) ?? [];
  return (
    <SettingsSection
      id="tokens"
      wide
      title="API tokens"
      description="For scripts and integrations: send as Authorization: Bearer <token>, or ?token= on /sync."
    >
      {created && <NewTokenSecret {...created} onDismiss={() => setCreated(null)} />}
      {tokens.error && (
        <p role="alert" className="text-destructive text-sm">
          {tokens.error}
        </p>
      )}
      {tokens.data && live.length === 0 && <p className="text-muted-foreground text-sm">No tokens yet.</p>}
      {live.length > 0 && (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Name</TableHead>
              <TableHead scope="col">Created</TableHead>
              <TableHead scope="col">Last used</TableHead>
              <TableHead scope="col">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {live.map((token) => (
              <TableRow key={token.id} data-testid="token-row">
                <TableCell className="font-medium">{token.name}</TableCell>
                <TableCell>{formatDate(token.createdAt)}</TableCell>
                <TableCell>{token.lastUsedAt ? formatDate(token.lastUsedAt) : 'Never'}</TableCell>
                <TableCell className="text-right">
                  <RevokeTokenDialog
                    token={token}
                    onRevoked={() => {
                      setOutcome({ text: `Token ${token.name} revoked.`, error: false });
                      tokens.reload();
                    }}
                    onFailed={(text) => setOutcome({ text, error: true })}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ActionStatus outcome={outcome} />
      <form
        ref={form.formRef}
        onSubmit={submit}
        noValidate
        className="grid gap-3 border-t pt-4"
        aria-label="Create a token"
      >
        <FormField
          label="Token name"
          hint="What will use it, e.g. “CI pipeline”."
          error={form.errors.fields.name}
          required
        >
          <Input name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </FormField>
        {form.errors.form && <FormAlert>{form.errors.form}</FormAlert>}
        <div>
          <Button type="submit" disabled={form.busy}>
            Create token
          </Button>
        </div>
      </form>
    </SettingsSection>
  );
}

function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
