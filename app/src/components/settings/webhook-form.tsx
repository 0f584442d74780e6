/**
 * Adding a webhook (WH-01): the URL, the events it hears (at least one), and a signing secret (blank:
 * the server makes one). Errors sit beside the field they are about, the server's included.
 */
import type { WebhookEventType } from '@runsheet/protocol';
import { useId, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { FormField } from '@/components/form/form-field';
import { useApiForm } from '@/components/sync/use-api-form';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { FormErrors } from '@/lib/command-errors';
import { useSyncApi } from '@/sync/sync-context';
import { WEBHOOK_EVENT_CHOICES } from './webhook-events';

const FIELDS = ['url', 'events', 'secret'] as const;

function check(url: string, events: readonly string[], secret: string): FormErrors {
  const fields: Record<string, string> = {};
  const trimmed = url.trim();
  if (trimmed === '') fields.url = 'Enter the address to send events to.';
  else if (!/^https?:\/\/[^/\s]/i.test(trimmed)) fields.url = 'Use an http:// or https:// address.';
  if (events.length === 0) fields.events = 'Choose at least one event.';
  if (secret !== '' && secret.length < 16) fields.secret = 'Use at least 16 characters, or leave it blank.';
  return { fields, form: null };
}

export function WebhookForm({
  onCreated,
}: {
  onCreated: (created: { url: string; secret: string }) => void;
}) {
  const { api } = useSyncApi();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [secret, setSecret] = useState('');
  const form = useApiForm(FIELDS);
  const groupId = useId();
  const submit = form.onSubmit(
    () => check(url, events, secret),
    async () => {
      const result = await api.createWebhook({
        url: url.trim(),
        events,
        ...(secret !== '' && { secret }),
      });
      onCreated({ url: result.webhook.url, secret: result.secret });
      setUrl('');
      setEvents([]);
      setSecret('');
    },
  );
  const eventsError = form.errors.fields.events;
  return (
    <form
      ref={form.formRef}
      onSubmit={submit}
      noValidate
      className="grid gap-3 border-t pt-4"
      aria-label="Add a webhook"
    >
      <FormField
        label="Payload URL"
        hint="Events are POSTed here as signed JSON."
        error={form.errors.fields.url}
        required
      >
        <Input
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://ci.example.com/hooks/runsheet"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
      </FormField>
      <fieldset
        className="grid gap-2"
        aria-describedby={eventsError ? `${groupId}-error` : undefined}
        aria-invalid={eventsError ? true : undefined}
      >
        <legend className="mb-1 font-medium text-sm">
          Events
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        </legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {WEBHOOK_EVENT_CHOICES.map(({ type, label }, index) => (
            <div key={type} className="flex items-center gap-2">
              <Checkbox
                id={`${groupId}-${type}`}
                name="events"
                value={type}
                checked={events.includes(type)}
                // The first box carries the group's error, so focus lands there after a refusal.
                aria-invalid={index === 0 && eventsError ? true : undefined}
                onCheckedChange={(on) =>
                  setEvents((now) => (on === true ? [...now, type] : now.filter((e) => e !== type)))
                }
              />
              <Label htmlFor={`${groupId}-${type}`} className="font-normal">
                {label}
              </Label>
            </div>
          ))}
        </div>
        {eventsError && (
          <p id={`${groupId}-error`} role="alert" className="text-destructive text-sm">
            {eventsError}
          </p>
        )}
      </fieldset>
      <FormField
        label="Secret"
        hint="Signs every request (HMAC-SHA256). Leave blank and Runsheet makes one; it is shown once."
        error={form.errors.fields.secret}
      >
        <Input
          name="secret"
          type="password"
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
      </FormField>
      {form.errors.form && <FormAlert>{form.errors.form}</FormAlert>}
      <div>
        <Button type="submit" disabled={form.busy}>
          Add webhook
        </Button>
      </div>
    </form>
  );
}
