/**
 * The delivery log of one webhook (WH-06): every attempt, newest first, with its HTTP status or why none
 * came, and how long it took. Loaded when opened, and again with "Refresh".
 */
import type { WebhookDeliveryView } from '@runsheet/protocol';
import { useCallback } from 'react';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useSyncApi } from '@/sync/sync-context';
import { useApiResource } from './use-api-resource';
import { eventLabel } from './webhook-events';

export function WebhookDeliveries({ webhookId, label }: { webhookId: string; label: string }) {
  const { api } = useSyncApi();
  const load = useCallback(() => api.webhookDeliveries(webhookId), [api, webhookId]);
  const log = useApiResource(load);
  return (
    <section aria-label={`Delivery log of ${label}`} className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-medium text-sm">Delivery log</h3>
        <Button size="sm" variant="outline" onClick={log.reload}>
          Refresh log
        </Button>
      </div>
      {log.error && (
        <p role="alert" className="text-destructive text-sm">
          {log.error}
        </p>
      )}
      {log.data && log.data.length === 0 && (
        <p className="text-muted-foreground text-sm">Nothing sent yet.</p>
      )}
      {log.data && log.data.length > 0 && (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Time</TableHead>
              <TableHead scope="col">Event</TableHead>
              <TableHead scope="col">Attempt</TableHead>
              <TableHead scope="col">Result</TableHead>
              <TableHead scope="col">Took</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {log.data.map((d) => (
              <TableRow key={d.id} data-testid="webhook-delivery">
                <TableCell>{new Date(d.at).toLocaleString()}</TableCell>
                <TableCell>
                  {eventLabel(d.eventType)}
                  <span className="block font-mono text-muted-foreground text-xs">{d.eventId}</span>
                </TableCell>
                <TableCell>{d.attempt}</TableCell>
                <TableCell>{resultText(d)}</TableCell>
                <TableCell>{d.durationMs} ms</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function resultText(d: WebhookDeliveryView): string {
  if (d.ok) return `Delivered (HTTP ${d.status})`;
  if (d.status !== null) return `Failed: HTTP ${d.status}`;
  if (d.error === 'timeout') return 'Failed: no answer in time';
  if (d.error === 'queue-full') return 'Not sent: too many deliveries waiting';
  return `Failed: ${d.error ?? 'unknown'}`;
}
