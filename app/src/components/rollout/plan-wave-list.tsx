/**
 * The planned waves in order (WV-12): each one's name to change, how many customers it would hold (the
 * domain's own answer, see plan-draft.ts) and buttons to move it up, down or out. The buttons keep their
 * place and focus when a wave moves, so the keyboard can move a wave several places in a row.
 */
import type { Customer, CustomerId } from '@runsheet/domain';
import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { FormField } from '@/components/form/form-field';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { count, customerCount } from '@/lib/count';
import type { DraftWave } from './plan-draft';

const SHOWN_NAMES = 6;

export interface PlanWaveListProps {
  waves: readonly DraftWave[];
  /** Who each wave would hold, by position; null while the preview is refused. */
  members: readonly (readonly CustomerId[])[] | null;
  /** How many customers no wave picked: they are in the last wave. */
  unpicked: number;
  customers: ReadonlyMap<CustomerId, Customer>;
  nameErrors: ReadonlyMap<number, string>;
  onRename: (index: number, name: string) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (index: number) => void;
}

/** How a wave is called in labels while its name is blank. */
export function waveLabel(wave: DraftWave, index: number): string {
  return wave.name.trim() || `wave ${index + 1}`;
}

export function PlanWaveList({
  waves,
  members,
  unpicked,
  customers,
  nameErrors,
  onRename,
  onMove,
  onRemove,
}: PlanWaveListProps) {
  if (waves.length === 0)
    return (
      <p className="text-muted-foreground text-sm" data-testid="plan-empty">
        No waves: saving removes the waves, and the release goes to every customer at once.
      </p>
    );
  return (
    <ol className="grid gap-3" aria-label="Planned waves, in rollout order">
      {waves.map((wave, i) => {
        const label = waveLabel(wave, i);
        const held = members?.[i] ?? null;
        const last = i === waves.length - 1;
        const names = (held ?? [])
          .map((id) => customers.get(id)?.name ?? id)
          .sort((a, b) => a.localeCompare(b));
        return (
          <li
            key={wave.key}
            className="grid gap-2 rounded-md border p-3 sm:grid-cols-[1fr_auto]"
            data-plan-wave={wave.name}
          >
            <div className="grid gap-1">
              <FormField
                label={`Name of wave ${i + 1}`}
                error={nameErrors.get(i) ?? null}
                className="max-w-sm"
              >
                <Input value={wave.name} onChange={(e) => onRename(i, e.target.value)} />
              </FormField>
              <p className="text-sm" data-testid="plan-wave-count">
                {held === null ? '—' : customerCount(held.length)}
                {last && unpicked > 0 && (
                  <span className="text-muted-foreground">
                    {' '}
                    ({count(unpicked, 'customer')} not picked by any wave)
                  </span>
                )}
              </p>
              {names.length > 0 && (
                <p className="text-muted-foreground text-xs">
                  {names.slice(0, SHOWN_NAMES).join(', ')}
                  {names.length > SHOWN_NAMES && ` and ${names.length - SHOWN_NAMES} more`}
                </p>
              )}
            </div>
            <div className="flex items-start gap-1">
              <Button type="button" variant="outline" size="sm" onClick={() => onMove(i, -1)}>
                <ArrowUp aria-hidden="true" />
                <span className="sr-only">Move {label} up</span>
              </Button>
              <Button type="button" variant="outline" size="sm" onClick={() => onMove(i, 1)}>
                <ArrowDown aria-hidden="true" />
                <span className="sr-only">Move {label} down</span>
              </Button>
              <Button type="button" variant="ghost" size="sm" onClick={() => onRemove(i)}>
                <X aria-hidden="true" />
                <span className="sr-only">Remove {label}</span>
              </Button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
