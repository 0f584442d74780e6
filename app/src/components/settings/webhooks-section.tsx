/**
 * Outgoing webhooks, for admins (WH-01..WH-09): the list (URL, events, on or off), adding one (its secret
 * shown this once), sending a test event, disabling, deleting, and each one's delivery log.
 */
import type { WebhookView } from '@runsheet/protocol';
import { useCallback, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { apiErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';
import { type ActionOutcome, ActionStatus } from './action-status';
import { NewTokenSecret } from './new-token-secret';
import { SettingsSection } from './settings-section';
import { useApiResource } from './use-api-resource';
import { WebhookDeliveries } from './webhook-deliveries';
import { eventLabel } from './webhook-events';
import { WebhookForm } from './webhook-form';

export function WebhooksSection() {
  const { api } = useSyncApi();
  const load = useCallback(() => api.webhooks(), [api]);
  const hooks = useApiResource(load);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const act = (done: string, action: () => Promise<unknown>) => {
    action().then(
      () => {
        setOutcome({ text: done, error: false });
        hooks.reload();
      },
      (error: unknown) => setOutcome({ text: apiErrors(error, []).form ?? 'That failed.', error: true }),
    );
  };
  return (
    <SettingsSection
      id="webhooks"
      wide
      title="Webhooks"
      description="Tell other tools when gates open, rollouts halt or resume, waves and releases complete, and steps are skipped or reverted."
    >
      {created && (
        <NewTokenSecret
          name={created.url}
          secret={created.secret}
          noun="Webhook secret"
          onDismiss={() => setCreated(null)}
        />
      )}
      {hooks.error && (
        <p role="alert" className="text-destructive text-sm">
          {hooks.error}
        </p>
      )}
      {hooks.data && hooks.data.length === 0 && (
        <p className="text-muted-foreground text-sm">No webhooks yet.</p>
      )}
      {hooks.data && hooks.data.length > 0 && (
        <ul className="grid gap-3" aria-label="Webhooks">
          {hooks.data.map((hook) => (
            <WebhookItem
              key={hook.id}
              hook={hook}
              onTest={() =>
                act(`Test event sent to ${hook.url}. Refresh its log to see how it went.`, () =>
                  api.sendWebhookTest(hook.id),
                )
              }
              onToggle={() =>
                act(`${hook.url} ${hook.enabled ? 'disabled' : 'enabled'}.`, () =>
                  api.setWebhookEnabled(hook.id, !hook.enabled),
                )
              }
              onDelete={() => act(`${hook.url} deleted.`, () => api.deleteWebhook(hook.id))}
            />
          ))}
        </ul>
      )}
      <ActionStatus outcome={outcome} />
      <WebhookForm
        onCreated={(next) => {
          setCreated(next);
          hooks.reload();
        }}
      />
    </SettingsSection>
  );
}

function WebhookItem({
  hook,
  onTest,
  onToggle,
  onDelete,
}: {
  hook: WebhookView;
  onTest: () => void;
  onToggle: () => void;
  onDelete: () => void;
}) {
  const [showLog, setShowLog] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="grid gap-2 rounded-md border p-3" data-testid="webhook-row">
      <div className="flex flex-wrap items-center gap-2">
        <span className="break-all font-medium font-mono text-sm">{hook.url}</span>
        <Badge variant={hook.enabled ? 'secondary' : 'outline'}>{hook.enabled ? 'On' : 'Off'}</Badge>
      </div>
      <p className="text-muted-foreground text-sm">
        {hook.events.map(eventLabel).join(', ')} · secret {hook.secretHint}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="outline" onClick={onTest} disabled={!hook.enabled}>
          Send test event
        </Button>
        <Button size="sm" variant="outline" aria-expanded={showLog} onClick={() => setShowLog(!showLog)}>
          {showLog ? 'Hide delivery log' : 'Show delivery log'}
        </Button>
        <Button size="sm" variant="outline" onClick={onToggle}>
          {hook.enabled ? 'Disable' : 'Enable'}
        </Button>
        {confirming ? (
          <>
            <Button size="sm" variant="destructive" onClick={onDelete}>
              Delete webhook and its log
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button size="sm" variant="outline" onClick={() => setConfirming(true)}>
            Delete…
          </Button>
        )}
      </div>
      {showLog && <WebhookDeliveries webhookId={hook.id} label={hook.url} />}
    </li>
  );
}
