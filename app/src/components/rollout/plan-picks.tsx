/**
 * The pick mode of the whole-plan form (WV-12): each customer's wave, chosen in a labelled list box of
 * its own ("Wave for Acme"). A customer left at "No wave picked" goes to the last wave, as WV-02 says.
 */
import type { ClusterId, Customer, CustomerId } from '@runsheet/domain';
import { useId } from 'react';
import { CustomerLabel } from '@/components/ui/customer-label';
import type { DraftWave } from './plan-draft';
import { waveLabel } from './plan-wave-list';

export const SELECT_CLASS =
  'h-9 rounded-md border border-input bg-background px-3 text-sm outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50';

export function PlanPicks({
  candidates,
  clusterName,
  waves,
  picks,
  onPick,
}: {
  candidates: readonly Customer[];
  clusterName: (id: ClusterId) => string;
  waves: readonly DraftWave[];
  picks: ReadonlyMap<CustomerId, string>;
  onPick: (customerId: CustomerId, waveKey: string | null) => void;
}) {
  const id = useId();
  if (candidates.length === 0)
    return <p className="text-muted-foreground text-sm">No customer can be picked.</p>;
  const sorted = [...candidates].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <ul className="grid max-h-72 gap-2 overflow-auto" aria-label="Each customer’s wave">
      {sorted.map((c) => {
        const selectId = `${id}-${c.id}`;
        return (
          <li key={c.id} className="grid items-center gap-2 sm:grid-cols-[1fr_14rem]">
            <label htmlFor={selectId} className="text-sm">
              <span className="sr-only">Wave for </span>
              <CustomerLabel name={c.name} namespace={c.namespace} clusterName={clusterName(c.clusterId)} />
            </label>
            <select
              id={selectId}
              className={SELECT_CLASS}
              value={picks.get(c.id) ?? ''}
              onChange={(e) => onPick(c.id, e.target.value === '' ? null : e.target.value)}
            >
              <option value="">No wave picked (the last)</option>
              {waves.map((w, i) => (
                <option key={w.key} value={w.key}>
                  {waveLabel(w, i)}
                </option>
              ))}
            </select>
          </li>
        );
      })}
    </ul>
  );
}
