/**
 * Create or edit a release (FR-001): name, type, version (required for a regular release, VA-04),
 * target date, description. The domain command is the validator: its reason shows beside the field it
 * names. Typed values are a draft, so a reload (an app update, a crash) loses nothing.
 */
import { type DomainError, RELEASE_TYPES, type Release, type ReleaseType } from '@runsheet/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormField } from '@/components/form/form-field';
import { OptionSelect } from '@/components/form/option-select';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { errorsOf, type FormErrors, noErrors } from '@/lib/command-errors';
import { useDraft } from '@/lib/drafts';
import { TYPE_LABEL } from './release-badges';

export type ReleaseFormValues = {
  name: string;
  type: ReleaseType;
  versionNumber: string;
  releaseDate: string;
  description: string;
};

const FIELDS = ['name', 'type', 'versionNumber', 'releaseDate', 'description'] as const;
const TYPE_OPTIONS = RELEASE_TYPES.map((value) => ({ value, label: TYPE_LABEL[value] }));

export function releaseFormValues(release?: Release): ReleaseFormValues {
  return {
    name: release?.name ?? '',
    type: release?.type ?? 'release',
    versionNumber: release?.versionNumber ?? '',
    releaseDate: release?.releaseDate ?? '',
    description: release?.description ?? '',
  };
}

export interface ReleaseFormProps {
  /** Names the draft: one per form (new, or one per release being edited). */
  draftKey: string;
  initial: ReleaseFormValues;
  submitLabel: string;
  /** Runs the command; resolves to its refusal, or null when it succeeded. */
  onSubmit: (values: ReleaseFormValues) => Promise<DomainError | null>;
  onCancel: () => void;
}

export function ReleaseForm({ draftKey, initial, submitLabel, onSubmit, onCancel }: ReleaseFormProps) {
  const [values, setValues, clearDraft] = useDraft<ReleaseFormValues>(draftKey, initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const refused = useRef(false);

  // After a refusal (only then, not while typing), take the user to the field that needs fixing.
  useEffect(() => {
    if (!refused.current || errors === noErrors) return;
    refused.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = <K extends keyof ReleaseFormValues>(key: K, value: ReleaseFormValues[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    // The reason beside a field goes once the field is changed; the command checks again on submit.
    setErrors((previous) => {
      if (!(key in previous.fields)) return previous;
      const { [key]: _fixed, ...fields } = previous.fields;
      return { ...previous, fields };
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const refusal = await onSubmit(values);
    setBusy(false);
    if (refusal) {
      refused.current = true;
      setErrors(errorsOf(refusal, FIELDS));
      return;
    }
    clearDraft();
  };

  const cancel = () => {
    clearDraft();
    onCancel();
  };

  const versionRequired = values.type === 'release';
  return (
    <form ref={form} onSubmit={submit} noValidate className="grid max-w-2xl gap-5" aria-label="Release">
      <FormField label="Name" required error={errors.fields.name}>
        <Input value={values.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />
      </FormField>
      <FormField
        label="Type"
        hint="Onboarding brings new customers in; a release ships a version; a hotfix fixes one thing fast."
        error={errors.fields.type}
      >
        <OptionSelect value={values.type} options={TYPE_OPTIONS} onValueChange={(v) => set('type', v)} />
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField
          label="Version"
          required={versionRequired}
          hint={versionRequired ? 'Required for a release, e.g. v2.5.0.' : 'Optional.'}
          error={errors.fields.versionNumber}
        >
          <Input
            value={values.versionNumber}
            onChange={(e) => set('versionNumber', e.target.value)}
            autoComplete="off"
          />
        </FormField>
        <FormField label="Target date" hint="Optional." error={errors.fields.releaseDate}>
          <Input
            type="date"
            value={values.releaseDate}
            onChange={(e) => set('releaseDate', e.target.value)}
          />
        </FormField>
      </div>
      <FormField
        label="Description"
        hint="Release notes, links, who to call."
        error={errors.fields.description}
      >
        <Textarea rows={4} value={values.description} onChange={(e) => set('description', e.target.value)} />
      </FormField>
      {errors.form && (
        <p role="alert" className="text-destructive text-sm">
          {errors.form}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
        <Button type="button" variant="outline" onClick={cancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The command input for the form's values: empty optional fields are "none". */
export function releaseInput(values: ReleaseFormValues) {
  return {
    name: values.name,
    type: values.type,
    versionNumber: values.versionNumber.trim() === '' ? null : values.versionNumber,
    releaseDate: values.releaseDate === '' ? null : values.releaseDate,
    description: values.description,
  };
}
