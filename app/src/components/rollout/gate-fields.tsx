/**
 * A gate's conditions (WV-04) as form fields: every step of the previous wave complete, its verify
 * steps complete, a soak time after that, a sign-off. Any subset; none opens the wave with the one
 * before it.
 */
import { type GateInput, SOAK_MAX_MINUTES, type Wave } from '@runsheet/domain';
import { useId } from 'react';
import { FormField } from '@/components/form/form-field';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

export interface GateDraft {
  previousComplete: boolean;
  verifyComplete: boolean;
  /** As typed; the domain checks it (whole minutes, 0 to 30 days). */
  soakMinutes: string;
  signOff: boolean;
}

export const defaultGate: GateDraft = {
  previousComplete: true,
  verifyComplete: false,
  soakMinutes: '0',
  signOff: false,
};

export function gateDraftOf(wave: Wave): GateDraft {
  return {
    previousComplete: wave.gatePreviousComplete,
    verifyComplete: wave.gateVerifyComplete,
    soakMinutes: String(wave.gateSoakMinutes),
    signOff: wave.gateSignOff,
  };
}

export function toGateInput(draft: GateDraft): GateInput {
  const typed = draft.soakMinutes.trim();
  return {
    previousComplete: draft.previousComplete,
    verifyComplete: draft.verifyComplete,
    soakMinutes: typed === '' ? 0 : Number(typed),
    signOff: draft.signOff,
  };
}

/** The refusal of a soak value, said in the field's own terms. */
export const SOAK_ERROR = `Soak time is whole minutes, from 0 to ${SOAK_MAX_MINUTES.toLocaleString('en')} (30 days).`;

export function GateFields({
  draft,
  onChange,
  soakError,
  legend,
}: {
  draft: GateDraft;
  onChange: (next: GateDraft) => void;
  soakError: string | null;
  legend: string;
}) {
  const id = useId();
  const box = (key: 'previousComplete' | 'verifyComplete' | 'signOff', label: string) => (
    <div className="flex items-center gap-2">
      <Checkbox
        id={`${id}-${key}`}
        checked={draft[key]}
        onCheckedChange={(on) => onChange({ ...draft, [key]: on === true })}
      />
      <Label htmlFor={`${id}-${key}`} className="font-normal">
        {label}
      </Label>
    </div>
  );
  return (
    <fieldset className="grid gap-3 rounded-md border p-3">
      <legend className="px-1 font-medium text-sm">{legend}</legend>
      {box('previousComplete', 'Every step of the previous wave complete')}
      {box('verifyComplete', 'Verify steps of the previous wave complete')}
      <FormField
        label="Soak time (minutes)"
        hint="Wait this long after the conditions above are met; 0 for none."
        error={soakError}
        className="max-w-xs"
      >
        <Input
          inputMode="numeric"
          value={draft.soakMinutes}
          onChange={(e) => onChange({ ...draft, soakMinutes: e.target.value })}
        />
      </FormField>
      {box('signOff', 'Sign-off by a member or admin')}
    </fieldset>
  );
}
