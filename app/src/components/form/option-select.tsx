/**
 * A Select over a fixed list of options that behaves as one form control: the id and aria-* props
 * FormField (or a <Label htmlFor>) hands it land on the trigger, the element that takes focus.
 */
import type { ComponentProps } from 'react';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { cn } from '@/lib/utils';

export interface Option<V extends string> {
  value: V;
  label: string;
}

export interface OptionSelectProps<V extends string>
  extends Omit<ComponentProps<typeof SelectTrigger>, 'value' | 'onChange' | 'children'> {
  value: V;
  options: readonly Option<V>[];
  onValueChange: (value: V) => void;
}

export function OptionSelect<V extends string>({
  value,
  options,
  onValueChange,
  className,
  ...trigger
}: OptionSelectProps<V>) {
  return (
    <Select
      value={value}
      onValueChange={(next) => {
        const option = options.find((o) => o.value === next);
        if (option) onValueChange(option.value);
      }}
    >
      <SelectTrigger className={cn('w-full', className)} {...trigger}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
