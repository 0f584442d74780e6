/**
 * Add or edit a template step (FS-001, FS-002): name, category, type, content in the code editor,
 * description. Editing a step of an active release says BEFORE saving what the edit will reach
 * (BR-R02, BR-S07, BR-S08). Typed values are a draft, so a reload loses nothing.
 */
import {
  addTemplate,
  type DomainError,
  previewTemplateEdit,
  type Release,
  STEP_CATEGORIES,
  STEP_TYPES,
  type StepCategory,
  type StepTemplate,
  type StepType,
  updateTemplate,
} from '@runsheet/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { CodeEditor } from '@/components/code/code-editor';
import { FormField } from '@/components/form/form-field';
import { OptionSelect } from '@/components/form/option-select';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/use-toast';
import { useReleaseView } from '@/data';
import { errorsOf, type FormErrors, noErrors } from '@/lib/command-errors';
import { discardDraft, useDraft } from '@/lib/drafts';
import { useWorkspace } from '@/state/workspace-context';
import { editImpactText } from './impact-text';
import { CATEGORY_LABEL, TYPE_LABEL } from './labels';

type TemplateFormValues = {
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string;
};

const FIELDS = ['name', 'category', 'type', 'content', 'description'] as const;
const CATEGORY_OPTIONS = STEP_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABEL[value] }));
const TYPE_OPTIONS = STEP_TYPES.map((value) => ({ value, label: TYPE_LABEL[value] }));

/** What the dialog is doing: adding to a category, or editing one template. */
export type TemplateFormTarget =
  | { mode: 'add'; category: StepCategory }
  | { mode: 'edit'; template: StepTemplate };

export interface TemplateFormDialogProps {
  release: Release;
  target: TemplateFormTarget | null;
  onClose: () => void;
}

export function TemplateFormDialog({ release, target, onClose }: TemplateFormDialogProps) {
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => {
        if (open || !target) return;
        // Escape, the close button and a click outside mean Cancel: what was typed is dropped.
        discardDraft(templateDraftKey(release, target));
        onClose();
      }}
    >
      <DialogContent className="sm:max-w-3xl">
        {target && <TemplateForm release={release} target={target} onClose={onClose} />}
      </DialogContent>
    </Dialog>
  );
}

function templateDraftKey(release: Release, target: TemplateFormTarget): string {
  return `template-form:${release.id}:${target.mode === 'add' ? 'new' : target.template.id}`;
}

function initialValues(target: TemplateFormTarget): TemplateFormValues {
  if (target.mode === 'add') {
    return { name: '', category: target.category, type: 'bash', content: '', description: '' };
  }
  const t = target.template;
  return { name: t.name, category: t.category, type: t.type, content: t.content, description: t.description };
}

function TemplateForm({
  release,
  target,
  onClose,
}: {
  release: Release;
  target: TemplateFormTarget;
  onClose: () => void;
}) {
  const { run } = useWorkspace();
  const draftKey =
    target.mode === 'add'
      ? `template-form:${release.id}:new`
      : `template-form:${release.id}:${target.template.id}`;
  const [values, setValues, clearDraft] = useDraft<TemplateFormValues>(draftKey, initialValues(target));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const form = useRef<HTMLFormElement>(null);
  const refused = useRef(false);
  const view = useReleaseView(release.id);
  const state = view.status === 'ready' ? view.state : null;

  useEffect(() => {
    if (!refused.current || errors === noErrors) return;
    refused.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = <K extends keyof TemplateFormValues>(key: K, value: TemplateFormValues[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));

  const impact =
    target.mode === 'edit' && release.status === 'active' && state
      ? previewTemplateEdit(state, { releaseId: release.id, templateId: target.template.id })
      : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const refusal = await save();
    if (refusal) {
      refused.current = true;
      setErrors(errorsOf(refusal, FIELDS));
      return;
    }
    clearDraft();
    onClose();
  };

  const save = async (): Promise<DomainError | null> => {
    if (target.mode === 'add') {
      const result = await run(addTemplate, { releaseId: release.id, ...values });
      if (!result.ok) return result.error;
      toast({
        title: `Added ${values.name.trim()}`,
        description: `to the ${CATEGORY_LABEL[values.category]} steps.`,
      });
      return null;
    }
    const input = { releaseId: release.id, templateId: target.template.id, ...values };
    const result = await run(updateTemplate, input);
    if (!result.ok) return result.error;
    toast({
      title: `Saved ${values.name.trim()}`,
      description: release.status === 'active' ? editImpactText(result.value.impact, 'done') : undefined,
    });
    return null;
  };

  const cancel = () => {
    clearDraft();
    onClose();
  };

  const title =
    target.mode === 'add'
      ? `Add a ${CATEGORY_LABEL[values.category].toLowerCase()} step`
      : `Edit ${target.template.name}`;
  return (
    <form ref={form} onSubmit={submit} noValidate className="grid gap-4" aria-label={title}>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>
          Every customer of the release runs this step. Use variables such as {'{{customer.namespace}}'} for
          what differs per customer.
        </DialogDescription>
      </DialogHeader>
      <FormField label="Name" required error={errors.fields.name}>
        <Input value={values.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Category" error={errors.fields.category}>
          <OptionSelect
            value={values.category}
            options={CATEGORY_OPTIONS}
            onValueChange={(v) => set('category', v)}
          />
        </FormField>
        <FormField label="Type" error={errors.fields.type}>
          <OptionSelect value={values.type} options={TYPE_OPTIONS} onValueChange={(v) => set('type', v)} />
        </FormField>
      </div>
      <FormField
        label="Content"
        hint="Tab moves to the next field; the text is highlighted as you type."
        error={errors.fields.content}
      >
        <CodeEditor value={values.content} onChange={(v) => set('content', v)} language={values.type} />
      </FormField>
      <FormField
        label="Description"
        hint="Optional: why and when to run it."
        error={errors.fields.description}
      >
        <Textarea rows={2} value={values.description} onChange={(e) => set('description', e.target.value)} />
      </FormField>
      {impact && (
        <p className="rounded-md border border-warning bg-warning/15 p-3 text-sm" data-testid="edit-impact">
          {editImpactText(impact)}
        </p>
      )}
      {errors.form && (
        <p role="alert" className="text-destructive text-sm">
          {errors.form}
        </p>
      )}
      <DialogFooter>
        <Button variant="outline" onClick={cancel}>
          Cancel
        </Button>
        <Button type="submit">{target.mode === 'add' ? 'Add step' : 'Save step'}</Button>
      </DialogFooter>
    </form>
  );
}
