/**
 * "Add custom step" (FCS-003): a step for one customer,
 * placed before or after one of its steps (FCS-008), or — with "Add to template", unchecked by default —
 * a template step every customer of the release gets (BR-S06). What is typed is a draft until it is added.
 */
import {
  addCustomStep,
  type CustomerId,
  type CustomerStep,
  type ReleaseId,
  type StepCategory,
  type StepId,
} from '@runsheet/domain';
import { useId, useState } from 'react';
import { FormField } from '@/components/form/form-field';
import { STEP_FIELD_NAMES, StepFields, type StepFieldValues } from '@/components/steps/step-fields';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { toast } from '@/components/ui/use-toast';
import { errorsOf, type FormErrors, noErrors } from '@/lib/command-errors';
import { useDraft } from '@/lib/drafts';
import { useWorkspace } from '@/state/workspace-context';

const AT_END = 'end';

/** "before:<step id>" / "after:<step id>" / "end" -> the command's position. */
export function positionOf(value: string): { before: string } | { after: string } | undefined {
  if (value.startsWith('before:')) return { before: value.slice('before:'.length) };
  if (value.startsWith('after:')) return { after: value.slice('after:'.length) };
  return undefined;
}

export interface AddCustomStepDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  releaseId: ReleaseId;
  customerId: CustomerId;
  /** "Acme (prod-eu / acme-prod)" */
  customerLabel: string;
  /** The customer's steps, in order (the insert-position choices). */
  steps: readonly CustomerStep[];
  category: StepCategory;
  onAdded: (stepId: StepId) => void;
}

type Draft = StepFieldValues & { position: string; addToTemplate: boolean };

export function AddCustomStepDialog(props: AddCustomStepDialogProps) {
  const { open, onOpenChange, releaseId, customerId, customerLabel, steps, category, onAdded } = props;
  const { run } = useWorkspace();
  const empty: Draft = {
    name: '',
    category,
    type: 'bash',
    content: '',
    position: AT_END,
    addToTemplate: false,
  };
  const [draft, setDraft, clearDraft] = useDraft<Draft>(
    `custom-step:${releaseId}:${customerId}:${category}`,
    empty,
  );
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const templateId = useId();
  const choices = steps.filter((s) => s.category === draft.category);
  // A position from the other category (the category was changed) no longer applies.
  const position = choices.some((s) => draft.position.endsWith(`:${s.id}`)) ? draft.position : AT_END;

  const close = () => {
    setErrors(noErrors);
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <DialogContent className="sm:max-w-xl">
        <form
          className="grid gap-5"
          onSubmit={async (event) => {
            event.preventDefault();
            const { position: _p, addToTemplate, ...fields } = draft;
            const result = await run(addCustomStep, {
              releaseId,
              customerId,
              ...fields,
              position: positionOf(position),
              addToTemplate,
            });
            if (!result.ok) {
              setErrors(errorsOf(result.error, [...STEP_FIELD_NAMES, 'position']));
              return;
            }
            toast({
              title: addToTemplate
                ? `Added ${fields.name} to the template: every customer has it now`
                : `Added ${fields.name} for ${customerLabel}`,
            });
            clearDraft();
            close();
            onAdded(result.value.stepId);
          }}
        >
          <DialogHeader>
            <DialogTitle>Add custom step</DialogTitle>
            <DialogDescription>For {customerLabel}.</DialogDescription>
          </DialogHeader>
          <StepFields
            values={draft}
            onChange={(values) => setDraft({ ...draft, ...values })}
            errors={errors.fields}
          />
          <Select value={position} onValueChange={(value) => setDraft({ ...draft, position: value })}>
            <FormField label="Insert position" error={errors.fields.position}>
              <SelectTrigger className="w-full">
                <SelectValue />
              </SelectTrigger>
            </FormField>
            <SelectContent>
              <SelectItem value={AT_END}>At the end</SelectItem>
              {choices.flatMap((s) => [
                <SelectItem key={`before:${s.id}`} value={`before:${s.id}`}>
                  Before “{s.name}”
                </SelectItem>,
                <SelectItem key={`after:${s.id}`} value={`after:${s.id}`}>
                  After “{s.name}”
                </SelectItem>,
              ])}
            </SelectContent>
          </Select>
          <div className="flex items-start gap-2">
            <Checkbox
              id={templateId}
              checked={draft.addToTemplate}
              onCheckedChange={(checked) => setDraft({ ...draft, addToTemplate: checked === true })}
            />
            <div className="grid gap-1">
              <Label htmlFor={templateId}>Add to template (apply to all customers)</Label>
              <p className="text-muted-foreground text-xs">
                Every customer of this release gets the step now, and customers added later too.
              </p>
            </div>
          </div>
          {errors.form && (
            <p role="alert" className="text-destructive text-sm">
              {errors.form}
            </p>
          )}
          <DialogFooter>
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                clearDraft();
                close();
              }}
            >
              Cancel
            </Button>
            <Button type="submit">Add step</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
