/**
 * The fields of a step a person writes (FCS-003): name, category, type, content. Used by
 * "Add custom step" and by "Edit" of a custom step, with each field's refusal shown beside it.
 */
import { STEP_CATEGORIES, STEP_TYPES, type StepCategory, type StepType } from '@runsheet/domain';
import { FormField } from '@/components/form/form-field';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';

export type StepFieldValues = {
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
};

export const STEP_FIELD_NAMES = ['name', 'category', 'type', 'content'] as const;

const CATEGORY_LABELS: Record<StepCategory, string> = { deploy: 'Deploy', verify: 'Verify' };
const TYPE_LABELS: Record<StepType, string> = { bash: 'Bash', sql: 'SQL', text: 'Text' };

export function categoryLabel(category: StepCategory): string {
  return CATEGORY_LABELS[category];
}

export function typeLabel(type: StepType): string {
  return TYPE_LABELS[type];
}

export interface StepFieldsProps {
  values: StepFieldValues;
  onChange: (next: StepFieldValues) => void;
  errors: Record<string, string>;
}

export function StepFields({ values, onChange, errors }: StepFieldsProps) {
  const set = <K extends keyof StepFieldValues>(key: K, value: StepFieldValues[K]) =>
    onChange({ ...values, [key]: value });
  return (
    <div className="grid gap-4">
      <FormField label="Step name" required error={errors.name}>
        <Input value={values.name} autoComplete="off" onChange={(e) => set('name', e.target.value)} />
      </FormField>
      <div className="grid grid-cols-2 gap-4">
        <Select value={values.category} onValueChange={(v) => set('category', v as StepCategory)}>
          <FormField label="Category" error={errors.category}>
            <SelectTrigger className="w-full">
              <SelectValue />
            </SelectTrigger>
          </FormField>
          <SelectContent>
            {STEP_CATEGORIES.map((c) => (
              <SelectItem key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select value={values.type} onValueChange={(v) => set('type', v as StepType)}>
          <FormField label="Type" error={errors.type}>
            <SelectTrigger className="w-full">
              <SelectValue />
            </SelectTrigger>
          </FormField>
          <SelectContent>
            {STEP_TYPES.map((t) => (
              <SelectItem key={t} value={t}>
                {TYPE_LABELS[t]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <FormField
        label="Content"
        error={errors.content}
        hint="Variables such as {{customer.namespace}} or {{cluster.name}} are filled in per customer."
      >
        <Textarea
          value={values.content}
          rows={6}
          spellCheck={false}
          className="font-mono text-xs"
          onChange={(e) => set('content', e.target.value)}
        />
      </FormField>
    </div>
  );
}
