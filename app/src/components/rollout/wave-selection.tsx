/**
 * Which customers a wave takes (WV-02): picked one by one, every customer of some clusters, or every
 * customer whose metadata has key = value (e.g. tier = canary). The domain resolves the selection; this
 * only collects it, and shows the refusal beside it.
 */
import type { ClusterId, Customer, CustomerId, WaveSelection } from '@runsheet/domain';
import { useId } from 'react';
import { FormField } from '@/components/form/form-field';
import { Checkbox } from '@/components/ui/checkbox';
import { CustomerLabel } from '@/components/ui/customer-label';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

export type SelectionMode = 'customers' | 'clusters' | 'metadata';

export interface SelectionDraft {
  mode: SelectionMode;
  customerIds: ReadonlySet<CustomerId>;
  clusterIds: ReadonlySet<ClusterId>;
  key: string;
  value: string;
}

export const emptySelection: SelectionDraft = {
  mode: 'customers',
  customerIds: new Set(),
  clusterIds: new Set(),
  key: '',
  value: '',
};

/** The selection as the wave commands take it: only the chosen way of picking counts. */
export function toSelection(draft: SelectionDraft): WaveSelection {
  if (draft.mode === 'clusters') return { clusterIds: [...draft.clusterIds] };
  if (draft.mode === 'metadata') return { metadata: { key: draft.key, value: draft.value } };
  return { customerIds: [...draft.customerIds] };
}

const MODES: Array<{ mode: SelectionMode; label: string }> = [
  { mode: 'customers', label: 'Pick customers' },
  { mode: 'clusters', label: 'By cluster' },
  { mode: 'metadata', label: 'By metadata' },
];

export interface WaveSelectionFieldsProps {
  /** The customers a wave can take (the release's participants; before activation, every usable one). */
  candidates: readonly Customer[];
  clusterName: (id: ClusterId) => string;
  /** The wave a customer is in now, to show beside it. */
  waveOf?: (id: CustomerId) => string | null;
  draft: SelectionDraft;
  onChange: (next: SelectionDraft) => void;
  /** The refusal of the selection (field `select…`). */
  error: string | null;
  legend: string;
}

export function WaveSelectionFields({
  candidates,
  clusterName,
  waveOf,
  draft,
  onChange,
  error,
  legend,
}: WaveSelectionFieldsProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const clusters = [...new Set(candidates.map((c) => c.clusterId))].sort((a, b) =>
    clusterName(a).localeCompare(clusterName(b)),
  );
  const toggle = <T,>(set: ReadonlySet<T>, item: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(item);
    else next.delete(item);
    return next;
  };
  return (
    <fieldset className="grid gap-3 rounded-md border p-3" aria-describedby={error ? errorId : undefined}>
      <legend className="px-1 font-medium text-sm">{legend}</legend>
      <div role="radiogroup" aria-label="How to pick customers" className="flex flex-wrap gap-4">
        {MODES.map((m) => (
          <label key={m.mode} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m.mode}
              checked={draft.mode === m.mode}
              onChange={() => onChange({ ...draft, mode: m.mode })}
              className="size-4 accent-primary"
            />
            {m.label}
          </label>
        ))}
      </div>
      {draft.mode === 'customers' &&
        (candidates.length === 0 ? (
          <p className="text-muted-foreground text-sm">No customer can be picked.</p>
        ) : (
          <ul className="grid max-h-64 gap-2 overflow-auto" aria-label="Customers">
            {[...candidates]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((c) => {
                const boxId = `${id}-${c.id}`;
                const inWave = waveOf?.(c.id);
                return (
                  <li key={c.id} className="flex items-center gap-2">
                    <Checkbox
                      id={boxId}
                      checked={draft.customerIds.has(c.id)}
                      onCheckedChange={(on) =>
                        onChange({ ...draft, customerIds: toggle(draft.customerIds, c.id, on === true) })
                      }
                    />
                    <Label htmlFor={boxId} className="font-normal">
                      <CustomerLabel
                        name={c.name}
                        namespace={c.namespace}
                        clusterName={clusterName(c.clusterId)}
                      />
                      {inWave && <span className="text-muted-foreground text-xs">in {inWave}</span>}
                    </Label>
                  </li>
                );
              })}
          </ul>
        ))}
      {draft.mode === 'clusters' && (
        <ul className="grid gap-2" aria-label="Clusters">
          {clusters.map((clusterId) => {
            const boxId = `${id}-${clusterId}`;
            return (
              <li key={clusterId} className="flex items-center gap-2">
                <Checkbox
                  id={boxId}
                  checked={draft.clusterIds.has(clusterId)}
                  onCheckedChange={(on) =>
                    onChange({ ...draft, clusterIds: toggle(draft.clusterIds, clusterId, on === true) })
                  }
                />
                <Label htmlFor={boxId} className="font-normal">
                  {clusterName(clusterId)}
                </Label>
              </li>
            );
          })}
        </ul>
      )}
      {draft.mode === 'metadata' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField label="Metadata key" hint="For example tier">
            <Input value={draft.key} onChange={(e) => onChange({ ...draft, key: e.target.value })} />
          </FormField>
          <FormField label="Metadata value" hint="For example canary">
            <Input value={draft.value} onChange={(e) => onChange({ ...draft, value: e.target.value })} />
          </FormField>
        </div>
      )}
      {error && (
        <p id={errorId} role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
    </fieldset>
  );
}
