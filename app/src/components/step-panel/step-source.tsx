/**
 * SOURCE (FV-007): where the step comes from — its template, an override of it for this
 * customer, or a custom step of this customer — with the actions each source allows (SS-02) and their forms.
 */
import { deleteCustomStep, editCustomStep, overrideStep, type StepTemplate } from '@runsheet/domain';
import { useState } from 'react';
import {
  deleteCustomAction,
  editCustomAction,
  overrideAction,
  resetAction,
  type StepActionContext,
  type StepForm,
  viewOriginalAction,
} from '@/actions/step-actions';
import { FormField } from '@/components/form/form-field';
import { MARKERS, type MarkerName } from '@/components/steps/status-meta';
import { STEP_FIELD_NAMES, StepFields, type StepFieldValues } from '@/components/steps/step-fields';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { errorsOf, type FormErrors, noErrors } from '@/lib/command-errors';
import { ContentDiff } from './content-diff';

export interface StepSourceProps {
  ctx: StepActionContext;
  template: StepTemplate | null;
  customerName: string;
  form: StepForm | null;
  closeForm: () => void;
  onDeleted: () => void;
}

export function StepSource({ ctx, template, customerName, form, closeForm, onDeleted }: StepSourceProps) {
  const { step } = ctx;
  const source = step.isCustom
    ? { marker: 'custom' as const, text: `Custom step, only for ${customerName}` }
    : step.isOverridden
      ? {
          marker: 'overridden' as const,
          text: `Overridden for ${customerName}; the template is kept as original`,
        }
      : { marker: null, text: 'From the release template' };
  return (
    <section aria-labelledby="step-source" className="grid gap-3">
      <h3 id="step-source" className="font-semibold text-muted-foreground text-xs uppercase tracking-wide">
        Source
      </h3>
      <p className="flex items-center gap-2 text-sm" data-testid="step-source">
        {source.marker && <SourceIcon name={source.marker} />}
        {source.text}
        {step.templateDeleted && <span className="text-muted-foreground">(template deleted)</span>}
      </p>
      <div className="flex flex-wrap gap-2">
        <ActionButton action={overrideAction} ctx={ctx} size="sm" />
        <ActionButton action={viewOriginalAction} ctx={ctx} size="sm" />
        <ActionButton action={resetAction} ctx={ctx} size="sm" />
        <ActionButton action={editCustomAction} ctx={ctx} size="sm" />
        <ActionButton action={deleteCustomAction} ctx={ctx} size="sm" />
      </div>
      {form === 'override' && <OverrideForm ctx={ctx} onDone={closeForm} />}
      {form === 'original' && template && (
        <div className="grid gap-2">
          <p className="text-muted-foreground text-sm">
            Template content (with variables as written), and how this override differs from it:
          </p>
          <ContentDiff original={template.content} changed={step.content} />
          <div>
            <Button size="sm" variant="ghost" onClick={closeForm}>
              Hide original
            </Button>
          </div>
        </div>
      )}
      {form === 'edit' && <EditCustomForm ctx={ctx} onDone={closeForm} />}
      {form === 'delete' && (
        <fieldset className="grid gap-2 rounded-md border p-3">
          <legend className="px-1 text-sm">
            Delete “{step.name}” for {customerName}? Its history stays in the release.
          </legend>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="destructive"
              onClick={async () => {
                const result = await ctx.run(deleteCustomStep, { releaseId: ctx.releaseId, stepId: step.id });
                if (!result.ok) {
                  ctx.notify({
                    title: 'Not deleted',
                    description: result.error.message,
                    variant: 'destructive',
                  });
                  return;
                }
                ctx.notify({ title: `Deleted ${step.name} for ${ctx.content.target}` });
                onDeleted();
              }}
            >
              Delete step
            </Button>
            <Button size="sm" variant="ghost" onClick={closeForm}>
              Keep it
            </Button>
          </div>
        </fieldset>
      )}
    </section>
  );
}

/** The marker's icon only: the sentence beside it already says it in words. */
function SourceIcon({ name }: { name: MarkerName }) {
  const Icon = MARKERS[name].icon;
  return <Icon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />;
}

function OverrideForm({ ctx, onDone }: { ctx: StepActionContext; onDone: () => void }) {
  const [content, setContent] = useState(ctx.step.content);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  return (
    <form
      className="grid gap-3 rounded-md border bg-muted/40 p-3"
      aria-label="Override content"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await ctx.run(overrideStep, {
          releaseId: ctx.releaseId,
          stepId: ctx.step.id,
          content,
        });
        if (!result.ok) {
          setErrors(errorsOf(result.error, ['content']));
          return;
        }
        ctx.notify({ title: `Content overridden for ${ctx.content.target}` });
        onDone();
      }}
    >
      <FormField
        label="Content for this customer"
        error={errors.fields.content}
        hint="Only this customer gets it; template edits will pass this step by (BR-S08)."
      >
        <Textarea
          value={content}
          rows={6}
          spellCheck={false}
          className="font-mono text-xs"
          onChange={(e) => setContent(e.target.value)}
        />
      </FormField>
      {errors.form && (
        <p role="alert" className="text-destructive text-sm">
          {errors.form}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Save override
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function EditCustomForm({ ctx, onDone }: { ctx: StepActionContext; onDone: () => void }) {
  const { step } = ctx;
  const [values, setValues] = useState<StepFieldValues>({
    name: step.name,
    category: step.category,
    type: step.type,
    content: step.content,
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  return (
    <form
      className="grid gap-3 rounded-md border bg-muted/40 p-3"
      aria-label="Edit custom step"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await ctx.run(editCustomStep, {
          releaseId: ctx.releaseId,
          stepId: step.id,
          ...values,
        });
        if (!result.ok) {
          setErrors(errorsOf(result.error, STEP_FIELD_NAMES));
          return;
        }
        ctx.notify({ title: `Saved ${values.name} for ${ctx.content.target}` });
        onDone();
      }}
    >
      <StepFields values={values} onChange={setValues} errors={errors.fields} />
      {errors.form && (
        <p role="alert" className="text-destructive text-sm">
          {errors.form}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Save step
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
