/**
 * Adding a wave at the end of the rollout (WV-01, `addWave`), or changing one (`updateWave`, and
 * `assignToWave` for customers moved into it). Every refusal is shown beside the field it names: the
 * name, the customer selection, the soak time; what typed stays.
 */
import {
  addWave,
  assignToWave,
  type ClusterId,
  type Customer,
  type CustomerId,
  type DomainError,
  type Release,
  updateWave,
  type Wave,
} from '@runsheet/domain';
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { FormField } from '@/components/form/form-field';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useWorkspace } from '@/state/workspace-context';
import { defaultGate, type GateDraft, GateFields, gateDraftOf, SOAK_ERROR, toGateInput } from './gate-fields';
import { emptySelection, type SelectionDraft, toSelection, WaveSelectionFields } from './wave-selection';

interface Errors {
  name: string | null;
  select: string | null;
  soak: string | null;
  form: string | null;
}

const NO_ERRORS: Errors = { name: null, select: null, soak: null, form: null };

/** Where a refusal belongs, by the field it names. */
export function errorsOfRefusal(error: DomainError): Errors {
  const field = error.field ?? '';
  if (field === 'name') return { ...NO_ERRORS, name: error.message };
  if (field.startsWith('select')) return { ...NO_ERRORS, select: error.message };
  if (field.startsWith('gate.soakMinutes'))
    return { ...NO_ERRORS, soak: error.code === 'invalid-input' ? SOAK_ERROR : error.message };
  return { ...NO_ERRORS, form: error.message };
}

function hasSelection(d: SelectionDraft): boolean {
  if (d.mode === 'customers') return d.customerIds.size > 0;
  if (d.mode === 'clusters') return d.clusterIds.size > 0;
  return d.key.trim() !== '';
}

export interface WaveFormProps {
  release: Release;
  /** The wave to change; none: a new wave at the end. */
  wave?: Wave;
  /** The new or changed wave has a gate (it is not the first). */
  gated: boolean;
  candidates: readonly Customer[];
  clusterName: (id: ClusterId) => string;
  waveOf: (id: CustomerId) => string | null;
  onDone: (message: string) => void;
  onCancel?: () => void;
}

export function WaveForm({
  release,
  wave,
  gated,
  candidates,
  clusterName,
  waveOf,
  onDone,
  onCancel,
}: WaveFormProps) {
  const { run } = useWorkspace();
  const [name, setName] = useState(wave?.name ?? '');
  const [selection, setSelection] = useState<SelectionDraft>(emptySelection);
  const [gate, setGate] = useState<GateDraft>(wave ? gateDraftOf(wave) : defaultGate);
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const releaseId = release.id;

  const submit = async () => {
    setBusy(true);
    const gateInput = gated ? toGateInput(gate) : undefined;
    let refusal: DomainError | null = null;
    let message = '';
    if (!wave) {
      const result = await run(addWave, {
        releaseId,
        name,
        select: toSelection(selection),
        ...(gateInput && { gate: gateInput }),
      });
      if (result.ok) message = `Added ${name.trim()}.`;
      else refusal = result.error;
    } else {
      const result = await run(updateWave, {
        releaseId,
        waveId: wave.id,
        name,
        ...(gateInput && { gate: gateInput }),
      });
      if (!result.ok) refusal = result.error;
      else if (hasSelection(selection)) {
        const moved = await run(assignToWave, { releaseId, waveId: wave.id, select: toSelection(selection) });
        if (!moved.ok) refusal = moved.error;
      }
      if (!refusal) message = `Saved ${name.trim()}.`;
    }
    setBusy(false);
    if (refusal) {
      setErrors(errorsOfRefusal(refusal));
      return;
    }
    setErrors(NO_ERRORS);
    if (!wave) {
      setName('');
      setSelection(emptySelection);
      setGate(defaultGate);
    }
    onDone(message);
  };

  const label = wave ? `Change ${wave.name}` : 'Add a wave';
  return (
    <form
      aria-label={label}
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormField label="Wave name" error={errors.name} required className="max-w-sm">
        <Input value={name} onChange={(e) => setName(e.target.value)} />
      </FormField>
      <WaveSelectionFields
        legend={wave ? 'Move customers into this wave (optional)' : 'Customers in this wave'}
        candidates={candidates}
        clusterName={clusterName}
        waveOf={waveOf}
        draft={selection}
        onChange={setSelection}
        error={errors.select}
      />
      {gated && (
        <GateFields
          legend="Gate: the wave opens when"
          draft={gate}
          onChange={setGate}
          soakError={errors.soak}
        />
      )}
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {wave ? 'Save wave' : 'Add wave'}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
