/**
 * Outgoing webhooks (WH-01..WH-11), composed: the admin's list in storage, the watcher that derives
 * events from release documents, and the dispatcher that signs and sends them. One per server.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DomainState } from '@runsheet/domain';
import type { WebhookEventType, WebhookView } from '@runsheet/protocol';
import type { Relay } from '../relay/relay.ts';
import type { WebhookRow, WebhookStore } from '../storage/contract.ts';
import { DEFAULT_DISPATCH, type DispatchOptions, WebhookDispatcher } from './dispatcher.ts';
import { ReleaseWatcher } from './watcher.ts';

export interface WebhookOptions extends Omit<DispatchOptions, 'userAgent' | 'now' | 'log'> {
  /** How long a room's changes settle before its events are derived. */
  debounceMs: number;
  /** A room that never stops changing is still read this often. */
  maxWaitMs: number;
  /** How often loaded release rooms are read again for soaks that ended (gate ready for sign-off). */
  recheckMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  ...DEFAULT_DISPATCH,
  debounceMs: 250,
  maxWaitMs: 1_000,
  recheckMs: 60_000,
};

export interface NewWebhook {
  url: string;
  events: WebhookEventType[];
  description?: string | undefined;
  secret?: string | undefined;
  createdBy: string | null;
}

export function toWebhookView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    description: row.description,
    enabled: row.enabled,
    secretHint: `…${row.secret.slice(-4)}`,
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
  };
}

export class Webhooks {
  readonly dispatcher: WebhookDispatcher;
  readonly watcher: ReleaseWatcher;

  constructor(
    readonly store: WebhookStore,
    relay: Relay,
    catalogState: () => DomainState | null,
    options: WebhookOptions & { userAgent: string; now: () => number; log: Pick<Console, 'warn'> },
  ) {
    this.dispatcher = new WebhookDispatcher(store, options);
    const { log } = options;
    this.watcher = new ReleaseWatcher(
      relay,
      catalogState,
      // Fire and forget: the relay never waits for storage claims or receivers (WH-03).
      (events) => {
        this.dispatcher
          .publish(events)
          .catch((error: unknown) => log.warn('Webhooks: queueing events failed:', error));
      },
      options,
    );
  }

  /** WH-01: stores a webhook; the secret is the one given or a new one, answered this once. */
  async create(input: NewWebhook, now: number): Promise<{ webhook: WebhookRow; secret: string }> {
    const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    const webhook: WebhookRow = {
      id: `webhook:${randomUUID()}`,
      url: input.url,
      events: input.events,
      description: input.description?.trim() ?? '',
      secret,
      enabled: true,
      createdAt: now,
      createdBy: input.createdBy,
    };
    await this.store.insert(webhook);
    return { webhook, secret };
  }

  async close(): Promise<void> {
    this.watcher.close();
    await this.dispatcher.close();
  }
}
